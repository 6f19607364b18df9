// An independent reference for the domain's price tests: every figure rebuilt here from the
// catalog's published figures with exact rational arithmetic (BigInt fractions), following the
// formulas the engine documents (pricing.ts, packages.ts, likely.ts) but sharing none of its code.
// The tests compare the engine's strings with these, so a wrong price, a wrong discount or a
// wrong percentile fails a domain test, not only an HTTP one.
import type { Decimal } from 'decimal.js';
import type { CityTierId, PractitionerId } from '../../src/data/schema.js';
import type { Catalog, Level, Levels } from '../../src/domain/catalog.js';

/** n / d, d > 0, not necessarily reduced. */
export interface Q {
  readonly n: bigint;
  readonly d: bigint;
}

export const q = (value: string | number | bigint | Decimal): Q => {
  if (typeof value === 'bigint') return { n: value, d: 1n };
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : value.toFixed();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a plain decimal: ${text}`);
  const fraction = m[3] ?? '';
  const n = BigInt(m[2]! + fraction);
  return { n: m[1] ? -n : n, d: 10n ** BigInt(fraction.length) };
};
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};
const norm = (n: bigint, d: bigint): Q => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
export const add = (a: Q, b: Q): Q => norm(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Q, b: Q): Q => norm(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Q, b: Q): Q => norm(a.n * b.n, a.d * b.d);
export const div = (a: Q, b: Q): Q => norm(a.n * b.d, a.d * b.n);
export const cmp = (a: Q, b: Q): number => {
  const x = a.n * b.d;
  const y = b.n * a.d;
  return x < y ? -1 : x > y ? 1 : 0;
};
export const ZERO = q(0);
export const ONE = q(1);
export const HALF = q('0.5');

/** a rounded half away from zero to `places` decimals, as a count of minor units. */
export function roundUnits(a: Q, places: number): bigint {
  const scaled = norm(a.n * 10n ** BigInt(places), a.d);
  const negative = scaled.n < 0n;
  const n = negative ? -scaled.n : scaled.n;
  const r = (2n * n + scaled.d) / (2n * scaled.d);
  return negative ? -r : r;
}

/** Minor units as the wire string ("1800.00", "272459", "12.345"). */
export function units(u: bigint, places: number): string {
  if (places === 0) return u.toString();
  const negative = u < 0n;
  const digits = (negative ? -u : u).toString().padStart(places + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** a rounded half-up to `places`, as the wire string. */
export const money = (a: Q, places: number): string => units(roundUnits(a, places), places);

export const LEVEL_LIST: readonly Level[] = ['low', 'typical', 'high'];
export const levels = <T>(f: (level: Level) => T): Levels<T> => ({ low: f('low'), typical: f('typical'), high: f('high') });

export interface RefRequest {
  treatment: string;
  areas?: string[];
  country?: string;
  currency?: string;
  cityTier?: CityTierId;
  practitioner?: PractitionerId;
  sessions?: number;
}

/**
 * The per-session band in USD before the request's multiplier: the seeds' band in the baseline
 * country; elsewhere the seeds' typical × the group's market level × (band low, 1, band high).
 */
export function baseBand(catalog: Catalog, treatmentId: string, countryCode: string): Levels<Q> {
  const t = catalog.treatments.get(treatmentId)!;
  if (countryCode === catalog.baselineCountry) return levels((l) => q(t.pricePerSessionUsd[l].value));
  const typical = mul(q(t.pricePerSessionUsd.typical.value), q(catalog.market.levels.get(t.marketGroup)!.value));
  return { low: mul(typical, q(catalog.market.band.low.value)), typical, high: mul(typical, q(catalog.market.band.high.value)) };
}

/** r_1 + share × (r_2 + … + r_n), the published ratios to the reference area, r_1 the largest. */
export function areaFactor(catalog: Catalog, treatmentId: string, areas: readonly string[]): Q {
  const t = catalog.treatments.get(treatmentId)!;
  const ratios = (areas.length > 0 ? areas : [t.referenceArea]).map((a) => q(t.areaRatios.get(a)!.value)).sort((x, y) => cmp(y, x));
  const share = q(catalog.additionalAreaShare.value);
  return ratios.slice(1).reduce((sum, r) => add(sum, mul(share, r)), ratios[0]!);
}

/** area × practitioner × city tier × price factor (1 in the baseline country) × USD rate. */
export function multiplier(catalog: Catalog, r: RefRequest): Q {
  const country = catalog.countries.get(r.country ?? catalog.baselineCountry)!;
  const currency = catalog.currencies.get(r.currency ?? country.currency)!;
  const priceFactor = country.code === catalog.baselineCountry ? ONE : q(country.priceFactor.value);
  return [
    q(catalog.practitioners.get(r.practitioner ?? 'physician')!.factor.value),
    q(catalog.cityTiers.get(r.cityTier ?? 'city')!.factor.value),
    priceFactor,
    q(currency.usdRate.value),
  ].reduce(mul, areaFactor(catalog, r.treatment, r.areas ?? []));
}

export function minorUnitsOf(catalog: Catalog, r: RefRequest): number {
  const country = catalog.countries.get(r.country ?? catalog.baselineCountry)!;
  return catalog.currencies.get(r.currency ?? country.currency)!.minorUnits;
}

/** Per-session price at each level, in minor units: round(base[L] × multiplier), half-up. */
export function perSessionUnits(catalog: Catalog, r: RefRequest): Levels<bigint> {
  const band = baseBand(catalog, r.treatment, r.country ?? catalog.baselineCountry);
  const m = multiplier(catalog, r);
  const minor = minorUnitsOf(catalog, r);
  return levels((l) => roundUnits(mul(band[l], m), minor));
}

export function sessionCounts(catalog: Catalog, r: RefRequest): Levels<number> {
  if (r.sessions !== undefined) return { low: r.sessions, typical: r.sessions, high: r.sessions };
  const s = catalog.treatments.get(r.treatment)!.sessions;
  return { low: s.min, typical: s.typical, high: s.max };
}

export type RefPackage =
  | { kind: 'none' }
  | { kind: 'prepaid-course'; percent: string }
  | { kind: 'buy-n-get-m'; buy: number; free: number }
  | { kind: 'new-patient'; percent: string };

/** Sessions at no charge: every complete group of buy + free has `free` of them. */
export const freeOf = (n: number, buy: number, free: number): number => Math.floor(n / (buy + free)) * free;

/** The sessions actually paid for, as a fraction: n, n(1 − p), n − free, n − p. */
export function payable(n: number, pkg: RefPackage): Q {
  switch (pkg.kind) {
    case 'none':
      return q(n);
    case 'prepaid-course':
      return mul(q(n), sub(ONE, div(q(pkg.percent), q(100))));
    case 'buy-n-get-m':
      return q(n - freeOf(n, pkg.buy, pkg.free));
    case 'new-patient':
      return sub(q(n), div(q(pkg.percent), q(100)));
  }
}

export interface RefAmounts {
  listTotal: bigint;
  discount: bigint;
  total: bigint;
  effectivePerSession: bigint;
}

/** listTotal = p × n; discount: round(listTotal × pct / 100), p × free, round(p × pct / 100); total; round(total / n). */
export function amounts(perSession: bigint, n: number, pkg: RefPackage): RefAmounts {
  const listTotal = perSession * BigInt(n);
  const pct = (amount: bigint, percent: string): bigint => roundUnits(div(mul(q(amount), q(percent)), q(100)), 0);
  const discount =
    pkg.kind === 'prepaid-course' ? pct(listTotal, pkg.percent) : pkg.kind === 'new-patient' ? pct(perSession, pkg.percent) : pkg.kind === 'buy-n-get-m' ? perSession * BigInt(freeOf(n, pkg.buy, pkg.free)) : 0n;
  const total = listTotal - discount;
  return { listTotal, discount, total, effectivePerSession: roundUnits(div(q(total), q(n)), 0) };
}

/** Discrete triangular weights on min..max, mode at typical, normalised. */
export function weights(min: number, typical: number, max: number): Array<{ n: number; w: Q }> {
  const raw: Array<{ n: number; w: Q }> = [];
  for (let n = min; n <= max; n++) raw.push({ n, w: n <= typical ? div(q(n - min + 1), q(typical - min + 1)) : div(q(max - n + 1), q(max - typical + 1)) });
  const sum = raw.reduce((s, r) => add(s, r.w), ZERO);
  return raw.map((r) => ({ n: r.n, w: div(r.w, sum) }));
}

/** CDF of a uniform on [a, b] (a point mass when a = b). */
function uniformCdf(x: Q, a: Q, b: Q): Q {
  if (cmp(x, a) < 0) return ZERO;
  if (cmp(a, b) === 0 || cmp(x, b) >= 0) return ONE;
  return div(sub(x, a), sub(b, a));
}

/** CDF of the two-piece uniform price: half on [low, typical], half on [typical, high]. */
export function priceCdf(x: Q, band: Levels<Q>): Q {
  return add(mul(HALF, uniformCdf(x, band.low, band.typical)), mul(HALF, uniformCdf(x, band.typical, band.high)));
}

export interface Outcome {
  w: Q;
  g: Q;
}

/** F_T(t) = Σ w · F_P(t / g), a term with g = 0 a point mass at 0. */
export function totalCdf(t: Q, band: Levels<Q>, outcomes: readonly Outcome[]): Q {
  return outcomes.reduce((sum, o) => add(sum, mul(o.w, o.g.n === 0n ? (cmp(t, ZERO) >= 0 ? ONE : ZERO) : priceCdf(div(t, o.g), band))), ZERO);
}

/** The smallest t with F_T(t) >= p, exactly: F_T is piecewise linear between its breakpoints. */
export function quantileOf(p: Q, band: Levels<Q>, outcomes: readonly Outcome[]): Q {
  const points = [...new Map(outcomes.flatMap((o) => LEVEL_LIST.map((l) => mul(o.g, band[l]))).map((b) => [`${b.n}/${b.d}`, b])).values()].sort(cmp);
  for (let k = 0; k < points.length; k++) {
    const at = points[k]!;
    const F = totalCdf(at, band, outcomes);
    if (cmp(F, p) < 0) continue;
    if (k === 0) return at;
    const prev = points[k - 1]!;
    const Fprev = totalCdf(prev, band, outcomes);
    const mid = div(add(prev, at), q(2));
    const slope = div(sub(totalCdf(mid, band, outcomes), Fprev), sub(mid, prev));
    const leftLimit = add(Fprev, mul(slope, sub(at, prev)));
    if (cmp(leftLimit, p) < 0) return at;
    return add(prev, div(sub(p, Fprev), slope));
  }
  return points.at(-1)!;
}

export const P10 = q('0.1');
export const P50 = q('0.5');
export const P90 = q('0.9');

/**
 * A catalog with the committed data and nothing derived from it yet. The engine keeps what it
 * derives from a catalog (derived.ts) for that catalog object's lifetime; a shallow copy is a new
 * object, so each test that takes one computes its adjustments, notes and likely ranges itself.
 * That keeps a test's assertions on the code it exercises: under mutation testing (per-test
 * coverage) a value cached by an earlier test would otherwise hide the mutant from a later one.
 */
export function freshCatalog(base: Catalog): Catalog {
  return { ...base };
}

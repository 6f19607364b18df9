// Exactness, as a finance team checks it: every figure is reproducible from the published figures
// alone. The reference here is written apart from the engine: it reads the data files' decimal
// strings (never the engine's catalog objects), computes with BigInt fractions, and rounds once,
// half-up, to the currency's minor units. 100,000 random requests by default (EXACTNESS_RUNS sets
// another count), over every treatment, area set, tier, country, package and currency (0, 2 and 3
// decimals), and a scan of every single-area and two-area request at the US price level in every
// currency for prices that fall exactly on half a minor unit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimate, type EstimateRequest, type PackageRequest } from '../../src/domain/estimate.js';
import { dec } from '../../src/domain/money.js';
import { committedData } from '../fixtures/committed-data.js';

const { files, catalog } = committedData();
const RUNS = Number(process.env.EXACTNESS_RUNS ?? 100_000);

/** n / d, d > 0, in lowest terms not required. */
interface Fraction {
  readonly n: bigint;
  readonly d: bigint;
}

function parse(text: string): Fraction {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a plain decimal: ${text}`);
  const fraction = m[2] ?? '';
  return { n: BigInt(m[1]! + fraction), d: 10n ** BigInt(fraction.length) };
}
const mul = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.n, d: a.d * b.d });
const add = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
const sub = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
const int = (k: number | bigint): Fraction => ({ n: BigInt(k), d: 1n });
const greater = (a: Fraction, b: Fraction): boolean => a.n * b.d > b.n * a.d;

/** Rounded half-up to `places` decimals, as a decimal string with exactly that many. */
function round(x: Fraction, places: number): string {
  const scale = 10n ** BigInt(places);
  const units = (2n * x.n * scale + x.d) / (2n * x.d); // floor(x·scale + 1/2); x >= 0
  if (places === 0) return units.toString();
  const digits = units.toString().padStart(places + 1, '0');
  return `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}
/** The units of 10^-places in a decimal string with `places` decimals. */
const unitsOf = (text: string): Fraction => parse(text);

// The published figures, straight from the data files.
const model = files['market-model.json'];
const treatments = new Map(files['treatments.json'].treatments.map((t) => [t.id, t]));
const tiers = files['tiers.json'];
const practitioners = new Map(tiers.practitioners.map((t) => [t.id, parse(t.factor.value)]));
const cityTiers = new Map(tiers.cityTiers.map((t) => [t.id, parse(t.factor.value)]));
const currencies = new Map(files['currencies.json'].currencies.map((c) => [c.code, { rate: parse(c.usdRate.value), minor: c.minorUnits.value }]));
const countries = new Map(files['countries.json'].countries.map((c) => [c.code, c]));
const share = parse(files['areas.json'].additionalAreaShare.value);
const kindDefaults = (id: string): Record<string, { value: string | number }> => (files['packages.json'].kinds.find((k) => k.id === id) as { defaults: Record<string, { value: string | number }> }).defaults;
const defaults = {
  prepaidCourse: { discountPercent: { value: String(kindDefaults('prepaid-course').discountPercent!.value) } },
  newPatient: { discountPercent: { value: String(kindDefaults('new-patient').discountPercent!.value) } },
  buyNGetM: { buy: { value: Number(kindDefaults('buy-n-get-m').buy!.value) }, free: { value: Number(kindDefaults('buy-n-get-m').free!.value) } },
};

type Level = 'low' | 'typical' | 'high';
const LEVELS: readonly Level[] = ['low', 'typical', 'high'];

function basePrice(treatment: string, country: string, level: Level): Fraction {
  const t = treatments.get(treatment)!;
  if (country === model.baselineCountry) return parse(t.pricePerSessionUsd[level].value);
  const typical = mul(parse(t.pricePerSessionUsd.typical.value), parse(model.treatmentLevels[model.treatmentGroups[treatment]!]!.value));
  return level === 'typical' ? typical : mul(typical, parse(model.band[level].value));
}

function areaFactor(treatment: string, areas: readonly string[]): Fraction {
  const ratios = areas.map((a) => parse(model.areaRatios.values[treatment]![a]!)).sort((a, b) => (greater(a, b) ? -1 : greater(b, a) ? 1 : 0));
  return ratios.slice(1).reduce((sum, r) => add(sum, mul(share, r)), ratios[0]!);
}

interface Reference {
  readonly perSession: Record<Level, string>;
  readonly listTotal: Record<Level, string>;
  readonly discount: Record<Level, string>;
  readonly total: Record<Level, string>;
}

function reference(r: Required<Pick<EstimateRequest, 'treatment' | 'areas' | 'country' | 'cityTier' | 'practitioner'>> & EstimateRequest): Reference {
  const t = treatments.get(r.treatment)!;
  const currencyCode = r.currency ?? countries.get(r.country)!.currency;
  const { rate, minor } = currencies.get(currencyCode)!;
  const multiplier = [areaFactor(r.treatment, r.areas), practitioners.get(r.practitioner)!, cityTiers.get(r.cityTier)!, parse(model.countryFactors.values[r.country]!), rate].reduce(mul);
  const out = { perSession: {}, listTotal: {}, discount: {}, total: {} } as Record<keyof Reference, Record<Level, string>>;
  for (const level of LEVELS) {
    const n = r.sessions ?? { low: t.sessions.min.value, typical: t.sessions.typical.value, high: t.sessions.max.value }[level];
    const perSession = round(mul(basePrice(r.treatment, r.country, level), multiplier), minor);
    const price: Fraction = { n: unitsOf(perSession).n, d: 10n ** BigInt(minor) };
    const list = mul(price, int(n));
    let discount: Fraction = int(0);
    const p = r.package;
    if (p?.kind === 'prepaid-course') discount = parse(round(mul(list, mul(parse((p.discountPercent ?? dec(defaults.prepaidCourse.discountPercent.value)).toFixed()), { n: 1n, d: 100n })), minor));
    if (p?.kind === 'new-patient') discount = parse(round(mul(price, mul(parse((p.discountPercent ?? dec(defaults.newPatient.discountPercent.value)).toFixed()), { n: 1n, d: 100n })), minor));
    if (p?.kind === 'buy-n-get-m') {
      const buy = p.buy ?? defaults.buyNGetM.buy.value;
      const free = p.free ?? defaults.buyNGetM.free.value;
      discount = mul(price, int(Math.floor(n / (buy + free)) * free));
    }
    out.perSession[level] = perSession;
    out.listTotal[level] = round(list, minor);
    out.discount[level] = round(discount, minor);
    out.total[level] = round(sub(list, discount), minor);
  }
  return out;
}

const packageArb: fc.Arbitrary<PackageRequest | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant<PackageRequest>({ kind: 'none' }),
  fc.record({ kind: fc.constant('prepaid-course' as const), discountPercent: fc.option(fc.integer({ min: 0, max: 10000 }).map((c) => dec(c).div(100)), { nil: undefined }) }),
  fc.record({ kind: fc.constant('new-patient' as const), discountPercent: fc.option(fc.integer({ min: 0, max: 100000 }).map((c) => dec(c).div(1000)), { nil: undefined }) }),
  fc.integer({ min: 2, max: 12 }).chain((buy) => fc.record({ kind: fc.constant('buy-n-get-m' as const), buy: fc.constant(buy), free: fc.integer({ min: 1, max: buy - 1 }) })),
);

// Currencies with 0, 2 and 3 decimals all appear; the country's own currency too (undefined).
const currencyCodes = [...currencies.keys()];
const requestArb = fc.constantFrom(...treatments.keys()).chain((id) =>
  fc.record({
    treatment: fc.constant(id),
    areas: fc.shuffledSubarray([...treatments.get(id)!.allowedAreas], { minLength: 1 }),
    country: fc.constantFrom(...countries.keys()),
    cityTier: fc.constantFrom('town' as const, 'city' as const, 'major-metro' as const),
    practitioner: fc.constantFrom('non-physician' as const, 'physician' as const, 'specialist' as const),
    sessions: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
    currency: fc.option(fc.constantFrom(...currencyCodes), { nil: undefined }),
    package: packageArb,
  }),
);

describe('every figure is the exact product of the published figures, rounded once', () => {
  it(`agrees with an independent BigInt reference on ${RUNS.toLocaleString('en')} random requests`, () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const e = estimate(request, catalog);
        const ref = reference(request);
        const got = { perSession: e.perSession, listTotal: e.listTotal, discount: e.discount, total: e.total };
        // A string comparison first: expect() on every one of 100,000 cases would cost more than the engine.
        if (JSON.stringify(got) !== JSON.stringify(ref)) expect(got).toEqual(ref);
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it('reproduces each per-session price from the answer\'s own adjustments: base amount × every factor, rounded once', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const e = estimate(request, catalog);
        const base = e.adjustments.find((a) => a.kind === 'base-price')!;
        const factors = e.adjustments.filter((a) => a.factor !== undefined).map((a) => parse(a.factor!));
        for (const level of LEVELS) {
          expect(e.perSession[level]).toBe(round([parse(base.amounts![level]), ...factors].reduce(mul), e.currency.minorUnits));
        }
      }),
      { numRuns: Math.min(RUNS, 5000) },
    );
  });

  it('rounds every price that falls exactly on half a minor unit up: a scan of one- and two-area requests at the US price level in every currency', () => {
    let halves = 0;
    let checked = 0;
    for (const [id, t] of treatments) {
      const areaSets = t.allowedAreas.flatMap((a, i) => [[a], ...t.allowedAreas.slice(i + 1).map((b) => [a, b])]);
      for (const areas of areaSets) {
        for (const practitioner of practitioners.keys()) {
          for (const cityTier of cityTiers.keys()) {
            for (const [currency, { rate, minor }] of currencies) {
              const multiplier = [areaFactor(id, areas), practitioners.get(practitioner)!, cityTiers.get(cityTier)!, rate].reduce(mul);
              const onHalf = LEVELS.some((level) => {
                const x = mul(mul(basePrice(id, 'US', level), multiplier), int(10n ** BigInt(minor)));
                return (2n * x.n) % (2n * x.d) === x.d; // x·10^minor = k + 1/2
              });
              if (!onHalf) continue;
              halves += 1;
              const request = { treatment: id, areas, country: 'US', cityTier, practitioner, currency } as const;
              const e = estimate(request, catalog);
              expect(e.perSession, JSON.stringify(request)).toEqual(reference(request).perSession);
              checked += 1;
            }
          }
        }
      }
    }
    // The scan finds half-unit prices (thousands with the committed data): the test is not vacuous.
    console.log(`half-unit scan: ${halves} requests with a price exactly on half a minor unit, each rounded up`);
    expect(halves).toBeGreaterThan(100);
    expect(checked).toBe(halves);
  }, 120_000);
});

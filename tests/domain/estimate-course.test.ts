// estimate()'s course figures checked at the domain layer against an independent reference
// (reference.ts) built from the catalog's published figures: the per-session price, the session
// counts, the package (its defaults, the amount it takes off at each level, its line in the
// adjustments), the list total, the total, the effective price per session, and the likely range
// (p10 / p50 / p90 of the course and of one session). No figure is hard-coded that the catalog
// publishes, so a refit of the market model or a change of published area ratios keeps these valid.
import { Decimal } from 'decimal.js';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Levels } from '../../src/domain/catalog.js';
import { DomainError } from '../../src/domain/errors.js';
import { estimate, packageSpec, type Estimate, type EstimateRequest, type PackageRequest } from '../../src/domain/estimate.js';
import { LONGER_COURSE_NOTE } from '../../src/domain/notes.js';
import { price } from '../../src/domain/pricing.js';
import { catalogWith, committedCatalog, type LooseJson } from '../fixtures/committed-data.js';
import {
  amounts,
  baseBand,
  levels,
  LEVEL_LIST,
  minorUnitsOf,
  money,
  mul,
  multiplier,
  P10,
  P50,
  P90,
  payable,
  perSessionUnits,
  q,
  quantileOf,
  roundUnits,
  sessionCounts,
  units,
  weights,
  add,
  cmp,
  sub,
  type RefPackage,
  type RefRequest,
  freshCatalog,
} from './reference.js';

const committed = committedCatalog();
/** A fresh catalog per test (reference.ts, freshCatalog): nothing derived is shared between tests. */
let catalog = freshCatalog(committed);
beforeEach(() => {
  catalog = freshCatalog(committed);
});
const defaults = catalog.packages.defaults;
const DEFAULT_PREPAID = defaults.prepaidCourse.discountPercent.value.toFixed();
const DEFAULT_NEW_PATIENT = defaults.newPatient.discountPercent.value.toFixed();
const DEFAULT_BUY = defaults.buyNGetM.buy.value;
const DEFAULT_FREE = defaults.buyNGetM.free.value;

/** The package as the reference prices it: the request's figures, the catalog's defaults for the rest. */
function refPackage(p: PackageRequest | undefined): RefPackage {
  if (!p || p.kind === 'none') return { kind: 'none' };
  if (p.kind === 'buy-n-get-m') return { kind: p.kind, buy: p.buy ?? DEFAULT_BUY, free: p.free ?? DEFAULT_FREE };
  const fallback = p.kind === 'prepaid-course' ? DEFAULT_PREPAID : DEFAULT_NEW_PATIENT;
  return { kind: p.kind, percent: p.discountPercent?.toFixed() ?? fallback };
}

interface Expected {
  perSession: Levels<string>;
  sessions: Levels<number>;
  listTotal: Levels<string>;
  discount: Levels<string>;
  total: Levels<string>;
  effectivePerSession: Levels<string>;
  likely: { p10: string; p50: string; p90: string };
  likelyPerSession: { p10: string; p50: string; p90: string };
}

/** Every course figure of `request`, rebuilt from the catalog's published figures. */
function expected(request: EstimateRequest): Expected {
  const r = request as RefRequest;
  const minor = minorUnitsOf(catalog, r);
  const pkg = refPackage(request.package);
  const per = perSessionUnits(catalog, r);
  const sessions = sessionCounts(catalog, r);
  const a = levels((l) => amounts(per[l], sessions[l], pkg));
  const band = baseBand(catalog, r.treatment, r.country ?? catalog.baselineCountry);
  const m = multiplier(catalog, r);
  const t = catalog.treatments.get(r.treatment)!;
  const counts = r.sessions !== undefined ? [{ n: r.sessions, w: q(1) }] : weights(t.sessions.min, t.sessions.typical, t.sessions.max);
  const outcomes = counts.map((c) => ({ w: c.w, g: payable(c.n, pkg) }));
  const clampTo = (lo: bigint, hi: bigint) => (v: bigint) => (v < lo ? lo : v > hi ? hi : v);
  const inTotal = clampTo(a.low.total, a.high.total);
  const course = (p: typeof P10): string => units(inTotal(roundUnits(mul(quantileOf(p, band, outcomes), m), minor)), minor);
  const inSession = clampTo(per.low, per.high);
  const session = (v: typeof P10): string => units(inSession(roundUnits(mul(v, m), minor)), minor);
  const fmt = (v: bigint): string => units(v, minor);
  return {
    perSession: levels((l) => fmt(per[l])),
    sessions,
    listTotal: levels((l) => fmt(a[l].listTotal)),
    discount: levels((l) => fmt(a[l].discount)),
    total: levels((l) => fmt(a[l].total)),
    effectivePerSession: levels((l) => fmt(a[l].effectivePerSession)),
    likely: { p10: course(P10), p50: course(P50), p90: course(P90) },
    likelyPerSession: {
      p10: session(add(band.low, mul(sub(band.typical, band.low), q('0.2')))),
      p50: session(band.typical),
      p90: session(add(band.typical, mul(sub(band.high, band.typical), q('0.8')))),
    },
  };
}

function figures(e: Estimate): Expected {
  return {
    perSession: e.perSession,
    sessions: e.sessions,
    listTotal: e.listTotal,
    discount: e.discount,
    total: e.total,
    effectivePerSession: e.effectivePerSession,
    likely: e.likely,
    likelyPerSession: e.likelyPerSession,
  };
}

const prepaid = (discountPercent?: string): PackageRequest => ({ kind: 'prepaid-course', discountPercent: discountPercent === undefined ? undefined : new Decimal(discountPercent) });
const newPatient = (discountPercent?: string): PackageRequest => ({ kind: 'new-patient', discountPercent: discountPercent === undefined ? undefined : new Decimal(discountPercent) });

/** Requests across treatments, countries, currencies of 0, 2 and 3 decimals, tiers and areas. */
const PLACES: EstimateRequest[] = [
  { treatment: 'skin-rejuvenation' },
  { treatment: 'skin-rejuvenation', areas: ['neck', 'face'], practitioner: 'specialist', cityTier: 'major-metro' },
  { treatment: 'fat-reduction', areas: ['abdomen'], practitioner: 'specialist', cityTier: 'town' },
  { treatment: 'hair-restoration', country: 'JP' },
  { treatment: 'pain-management', country: 'KW', sessions: 7 },
  { treatment: 'cellulite-reduction', areas: ['buttocks'], country: 'FR', currency: 'USD' },
  { treatment: 'scar-reduction', areas: ['arms'], country: 'DE', sessions: 3 },
];

const PACKAGES: Array<PackageRequest | undefined> = [
  undefined,
  { kind: 'none' },
  prepaid(),
  prepaid('15.5'),
  newPatient(),
  newPatient('33.3'),
  { kind: 'buy-n-get-m' },
  { kind: 'buy-n-get-m', buy: 2, free: 1 },
  { kind: 'buy-n-get-m', buy: 3 },
];

/**
 * A percentile whose exact value in the answer's currency falls on half a minor unit, which the
 * engine's 40-digit solver lands a hair below and rounds down (see the failing case below).
 */
const HALF_UNIT_P10: EstimateRequest = { ...PLACES[1]!, package: { kind: 'buy-n-get-m', buy: 3 } };

describe('estimate(): every course figure equals the reference built from the published figures', () => {
  for (const place of PLACES) {
    for (const pkg of PACKAGES) {
      const request: EstimateRequest = pkg ? { ...place, package: pkg } : place;
      const halfUnit = place === PLACES[1] && pkg === PACKAGES[8];
      it(`${JSON.stringify(place)} with ${pkg ? JSON.stringify({ ...pkg, discountPercent: (pkg as { discountPercent?: Decimal }).discountPercent?.toFixed() }) : 'no package'}`, () => {
        const got = figures(estimate(request, catalog));
        const want = expected(request);
        if (halfUnit) {
          // Checked on its own below; every other figure must match.
          expect({ ...got, likely: { ...got.likely, p10: '' } }).toEqual({ ...want, likely: { ...want.likely, p10: '' } });
        } else expect(got).toEqual(want);
      });
    }
  }

  // Known engine fault, left for the exact-engine work (issue 14 item 1): the likely p10 of skin
  // rejuvenation on face + neck, specialist, major metro, buy 3 get 1, is exactly 915 USD × 1.995
  // = 1825.425, which rounds half-up to 1825.43; likely.ts solves in 40-digit decimals, gets
  // 914.99…996 and answers 1825.42. When the engine is exact this test fails: make it `it`.
  it('a likely percentile on half a minor unit rounds half-up (1825.425 -> 1825.43)', () => {
    expect(estimate(HALF_UNIT_P10, catalog).likely.p10).toBe(expected(HALF_UNIT_P10).likely.p10);
    expect(expected(HALF_UNIT_P10).likely.p10).toBe('1825.43');
  });
});

describe('estimate(): the package as priced', () => {
  const base: EstimateRequest = { treatment: 'fat-reduction' };

  it('fills in the catalog\'s defaults and says so in request.package', () => {
    expect(estimate(base, catalog).request.package).toEqual({ kind: 'none' });
    expect(estimate({ ...base, package: { kind: 'none' } }, catalog).request.package).toEqual({ kind: 'none' });
    expect(estimate({ ...base, package: prepaid() }, catalog).request.package).toEqual({ kind: 'prepaid-course', discountPercent: DEFAULT_PREPAID });
    expect(estimate({ ...base, package: newPatient() }, catalog).request.package).toEqual({ kind: 'new-patient', discountPercent: DEFAULT_NEW_PATIENT });
    expect(estimate({ ...base, package: { kind: 'buy-n-get-m' } }, catalog).request.package).toEqual({ kind: 'buy-n-get-m', buy: DEFAULT_BUY, free: DEFAULT_FREE });
    expect(estimate({ ...base, package: { kind: 'buy-n-get-m', free: 2 } }, catalog).request.package).toEqual({ kind: 'buy-n-get-m', buy: DEFAULT_BUY, free: 2 });
    expect(estimate({ ...base, package: prepaid('7.25') }, catalog).request.package).toEqual({ kind: 'prepaid-course', discountPercent: '7.25' });
  });

  it('a package takes something off: the default prepaid course, new-patient offer and buy-n-get-m all discount the typical course', () => {
    const plain = estimate(base, catalog);
    for (const pkg of [prepaid(), newPatient(), { kind: 'buy-n-get-m' } as const]) {
      const e = estimate({ ...base, package: pkg }, catalog);
      expect(e.listTotal).toEqual(plain.listTotal);
      expect(Number(e.discount.typical)).toBeGreaterThan(0);
      expect(e.total.typical).toBe(money(sub(q(e.listTotal.typical), q(e.discount.typical)), 2));
    }
    expect(plain.discount).toEqual({ low: '0.00', typical: '0.00', high: '0.00' });
    expect(plain.effectivePerSession).toEqual(plain.perSession);
  });

  it('lists the package after the sessions, with its discount at each level and the kind\'s and its defaults\' sources', () => {
    const e = estimate({ ...base, package: prepaid() }, catalog);
    expect(e.adjustments.map((a) => a.kind)).toEqual(['base-price', 'area', 'practitioner', 'city-tier', 'price-level', 'currency', 'sessions', 'package']);
    const line = e.adjustments.at(-1)!;
    expect(line).toMatchObject({ kind: 'package', id: 'prepaid-course', amounts: e.discount });
    expect(line.description).toBe(`Prepaid course: ${DEFAULT_PREPAID}% off the whole course; amounts are the discount at each level`);
    const kind = catalog.packages.kinds.get('prepaid-course')!;
    expect(line.sources).toEqual([...new Set([...kind.sources, ...kind.defaultSources])]);
    for (const id of line.sources) expect(e.sources.map((s) => s.id)).toContain(id);

    const np = estimate({ ...base, package: newPatient() }, catalog).adjustments.at(-1)!;
    const npKind = catalog.packages.kinds.get('new-patient')!;
    expect(np.sources).toEqual([...new Set([...npKind.sources, ...npKind.defaultSources])]);
    expect(np.sources.length).toBeGreaterThan(0);
    expect(estimate(base, catalog).adjustments.some((a) => a.kind === 'package')).toBe(false);
    expect(estimate({ ...base, package: { kind: 'none' } }, catalog).adjustments.some((a) => a.kind === 'package')).toBe(false);
  });

  it('a buy-n-get-m course of the typical length gets its complete groups free; one shorter than a group gets none', () => {
    const per = perSessionUnits(catalog, base as RefRequest);
    const e = estimate({ ...base, package: { kind: 'buy-n-get-m', buy: 3, free: 1 } }, catalog);
    const t = catalog.treatments.get('fat-reduction')!;
    expect(e.discount.typical).toBe(units(per.typical * BigInt(Math.floor(t.sessions.typical / 4)), 2));
    const short = estimate({ ...base, sessions: 3, package: { kind: 'buy-n-get-m', buy: 3, free: 1 } }, catalog);
    expect(short.discount).toEqual({ low: '0.00', typical: '0.00', high: '0.00' });
  });
});

describe('packageSpec(): the catalog\'s defaults for every figure left out', () => {
  it('no package, or none, is none', () => {
    // Strictly: no stray figure (discountPercent: undefined) rides along with none.
    expect(packageSpec(undefined, catalog)).toStrictEqual({ kind: 'none' });
    expect(packageSpec({ kind: 'none' }, catalog)).toStrictEqual({ kind: 'none' });
  });

  it('percent kinds take the default percent, or keep the one given', () => {
    const spec = packageSpec({ kind: 'prepaid-course' }, catalog) as { kind: string; discountPercent: Decimal };
    expect(spec.kind).toBe('prepaid-course');
    expect(spec.discountPercent.toFixed()).toBe(DEFAULT_PREPAID);
    const np = packageSpec({ kind: 'new-patient' }, catalog) as { kind: string; discountPercent: Decimal };
    expect(np.kind).toBe('new-patient');
    expect(np.discountPercent.toFixed()).toBe(DEFAULT_NEW_PATIENT);
    const given = packageSpec(prepaid('3.5'), catalog) as { discountPercent: Decimal };
    expect(given.discountPercent.toFixed()).toBe('3.5');
  });

  it('buy-n-get-m takes each missing count from the defaults', () => {
    expect(packageSpec({ kind: 'buy-n-get-m' }, catalog)).toEqual({ kind: 'buy-n-get-m', buy: DEFAULT_BUY, free: DEFAULT_FREE });
    expect(packageSpec({ kind: 'buy-n-get-m', buy: 9 }, catalog)).toEqual({ kind: 'buy-n-get-m', buy: 9, free: DEFAULT_FREE });
    expect(packageSpec({ kind: 'buy-n-get-m', free: 3 }, catalog)).toEqual({ kind: 'buy-n-get-m', buy: DEFAULT_BUY, free: 3 });
    expect(packageSpec({ kind: 'buy-n-get-m', buy: 7, free: 6 }, catalog)).toEqual({ kind: 'buy-n-get-m', buy: 7, free: 6 });
  });

  function refusal(p: PackageRequest): DomainError {
    try {
      packageSpec(p, catalog);
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('expected invalid-package');
  }

  it('refuses free >= buy once a default fills the gap, naming the field given and the default', () => {
    const small = refusal({ kind: 'buy-n-get-m', buy: DEFAULT_FREE });
    expect(small.code).toBe('invalid-package');
    expect(small.message).toBe(`A buy-${DEFAULT_FREE}-get-${DEFAULT_FREE} package gives away as many sessions as it sells.`);
    expect(small.details).toEqual([{ pointer: '/package/buy', message: `free (${DEFAULT_FREE}, the default) must be fewer than buy (${DEFAULT_FREE})` }]);

    const many = refusal({ kind: 'buy-n-get-m', free: DEFAULT_BUY + 1 });
    expect(many.details).toEqual([{ pointer: '/package/free', message: `free (${DEFAULT_BUY + 1}) must be fewer than buy (${DEFAULT_BUY}, the default)` }]);

    const equal = refusal({ kind: 'buy-n-get-m', free: DEFAULT_BUY });
    expect(equal.details[0]!.pointer).toBe('/package/free');
    expect(() => packageSpec({ kind: 'buy-n-get-m', free: DEFAULT_BUY - 1 }, catalog)).not.toThrow();
  });
});

describe('the likely range: pinned for a few requests', () => {
  it('skin rejuvenation at the US baseline: p10 < p50 < p90, inside [total.low, total.high], equal to the model\'s exact percentiles', () => {
    const e = estimate({ treatment: 'skin-rejuvenation' }, catalog);
    expect(e.likely).toEqual(expected({ treatment: 'skin-rejuvenation' }).likely);
    const [p10, p50, p90] = [e.likely.p10, e.likely.p50, e.likely.p90].map(Number);
    expect(p10).toBeLessThan(p50!);
    expect(p50).toBeLessThan(p90!);
    expect(p10).toBeGreaterThan(Number(e.total.low));
    expect(p90).toBeLessThan(Number(e.total.high));
  });

  it('a fixed course of n sessions at the baseline is n × the per-session likely range (the price\'s p10, p50 and p90)', () => {
    const t = catalog.treatments.get('skin-rejuvenation')!;
    const band = levels((l) => q(t.pricePerSessionUsd[l].value));
    const e = estimate({ treatment: 'skin-rejuvenation', sessions: 4 }, catalog);
    // p10 = low + 0.2 (typical − low), p50 = typical, p90 = typical + 0.8 (high − typical): the two-piece uniform's.
    const p10 = add(band.low, mul(sub(band.typical, band.low), q('0.2')));
    const p90 = add(band.typical, mul(sub(band.high, band.typical), q('0.8')));
    expect(e.likelyPerSession).toEqual({ p10: money(p10, 2), p50: money(band.typical, 2), p90: money(p90, 2) });
    expect(e.likely).toEqual({ p10: money(mul(p10, q(4)), 2), p50: money(mul(band.typical, q(4)), 2), p90: money(mul(p90, q(4)), 2) });
  });

  it('a fixed course and the course range of the same treatment and package each have their own range', () => {
    for (const pkg of [undefined, { kind: 'buy-n-get-m' } as const]) {
      const range: EstimateRequest = { treatment: 'fat-reduction', package: pkg };
      const fixed: EstimateRequest = { treatment: 'fat-reduction', sessions: 6, package: pkg };
      expect(estimate(range, catalog).likely).toEqual(expected(range).likely);
      expect(estimate(fixed, catalog).likely).toEqual(expected(fixed).likely);
      expect(estimate(fixed, catalog).likely).not.toEqual(estimate(range, catalog).likely);
    }
  });

  it('a package lowers every percentile by the sessions it does not charge', () => {
    const plain = estimate({ treatment: 'hair-restoration', sessions: 10 }, catalog);
    const deal = estimate({ treatment: 'hair-restoration', sessions: 10, package: { kind: 'buy-n-get-m', buy: 4, free: 1 } }, catalog);
    // 10 sessions pay for 8.
    for (const p of ['p10', 'p50', 'p90'] as const) expect(deal.likely[p]).toBe(money(mul(q(plain.likely[p]), q('0.8')), 2));
    const pre = estimate({ treatment: 'hair-restoration', sessions: 10, package: prepaid('10') }, catalog);
    for (const p of ['p10', 'p50', 'p90'] as const) expect(pre.likely[p]).toBe(money(mul(q(plain.likely[p]), q('0.9')), 2));
  });

  it('is clamped into the course\'s absolute range: a 100% new-patient offer on one session is free at every percentile', () => {
    const e = estimate({ treatment: 'pain-management', sessions: 1, package: newPatient('100') }, catalog);
    expect(e.total).toEqual({ low: '0.00', typical: '0.00', high: '0.00' });
    expect(e.likely).toEqual({ p10: '0.00', p50: '0.00', p90: '0.00' });
  });

  it('in yen and dinars the percentiles have the currency\'s decimals', () => {
    const jp = estimate({ treatment: 'fat-reduction', country: 'JP' }, catalog);
    expect(jp.likely.p50).toMatch(/^\d+$/);
    const kw = estimate({ treatment: 'fat-reduction', country: 'KW' }, catalog);
    expect(kw.likely.p50).toMatch(/^\d+\.\d{3}$/);
    expect(jp.likely).toEqual(expected({ treatment: 'fat-reduction', country: 'JP' }).likely);
    expect(kw.likely).toEqual(expected({ treatment: 'fat-reduction', country: 'KW' }).likely);
  });
});

describe('estimate(): the per-session price is the product of the published factors, rounded once', () => {
  it('every level of every treatment at the baseline is the seeds\' price', () => {
    for (const t of catalog.treatments.values()) {
      const e = estimate({ treatment: t.id }, catalog);
      for (const l of LEVEL_LIST) expect(e.perSession[l]).toBe(money(q(t.pricePerSessionUsd[l].value), 2));
    }
  });

  it('several areas: the dearest area in full and each other at the published share, whatever order they are given in', () => {
    const t = catalog.treatments.get('fat-reduction')!;
    const share = q(catalog.additionalAreaShare.value);
    const [thighs, chin] = [q(t.areaRatios.get('thighs')!.value), q(t.areaRatios.get('chin')!.value)];
    const factor = add(thighs, mul(share, chin));
    for (const areas of [['chin', 'thighs'], ['thighs', 'chin']]) {
      const e = estimate({ treatment: 'fat-reduction', areas }, catalog);
      expect(e.request.areas).toEqual(['thighs', 'chin']);
      for (const l of LEVEL_LIST) expect(e.perSession[l]).toBe(money(mul(q(t.pricePerSessionUsd[l].value), factor), 2));
    }
  });

  it('the dearest area is priced in full though the catalog lists a cheaper one first (abdomen, then thighs)', () => {
    const t = catalog.treatments.get('fat-reduction')!;
    const share = q(catalog.additionalAreaShare.value);
    const [abdomen, thighs] = [q(t.areaRatios.get('abdomen')!.value), q(t.areaRatios.get('thighs')!.value)];
    expect(cmp(thighs, abdomen)).toBe(1);
    const e = estimate({ treatment: 'fat-reduction', areas: ['thighs', 'abdomen'] }, catalog);
    expect(e.request.areas).toEqual(['abdomen', 'thighs']);
    const factor = add(thighs, mul(share, abdomen));
    expect(e.adjustments.find((a) => a.kind === 'area')!.factor).toBe(money(factor, 4).replace(/0+$/, '').replace(/\.$/, ''));
    for (const l of LEVEL_LIST) expect(e.perSession[l]).toBe(money(mul(q(t.pricePerSessionUsd[l].value), factor), 2));
  });
});

describe('price(): the parts an answer is built from', () => {
  it('the package line is handed out on its own, and only when there is a package', () => {
    const p = price({ treatment: 'fat-reduction', package: prepaid() }, catalog);
    expect(p.packageAdjustment).toBeDefined();
    expect(p.packageAdjustment).toBe(p.adjustments.at(-1));
    expect(p.packageAdjustment!.amounts).toEqual(p.discount);
    expect(price({ treatment: 'fat-reduction' }, catalog).packageAdjustment).toBeUndefined();
    expect(price({ treatment: 'fat-reduction', package: { kind: 'none' } }, catalog).packageAdjustment).toBeUndefined();
  });

  it('ownNotes says whether the answer carries its own longer-course note', () => {
    // Buy 6 get 2 with 7 sessions pays for 7; 8 would pay for 6.
    const longer = price({ treatment: 'skin-rejuvenation', sessions: 7, package: { kind: 'buy-n-get-m', buy: 6, free: 2 } }, catalog);
    expect(longer.ownNotes).toBe(true);
    expect(longer.notes.at(-1)!.code).toBe(LONGER_COURSE_NOTE);
    const plain = price({ treatment: 'skin-rejuvenation', sessions: 8, package: { kind: 'buy-n-get-m', buy: 6, free: 2 } }, catalog);
    expect(plain.ownNotes).toBe(false);
    expect(plain.notes.some((n) => n.code === LONGER_COURSE_NOTE)).toBe(false);
    expect(plain.notes).toEqual(estimate({ treatment: 'skin-rejuvenation', sessions: 8 }, catalog).notes);
  });
});

describe('a point-priced band (low = typical = high) in an estimate', () => {
  /** The committed catalog with skin rejuvenation's seed band set to one price. */
  const pointCatalog = (price: string) =>
    catalogWith('treatments.json', (json: LooseJson) => {
      const t = json.treatments.find((x: LooseJson) => x.id === 'skin-rejuvenation');
      for (const level of ['low', 'typical', 'high']) t.pricePerSessionUsd[level].value = price;
    });

  it('every level and every percentile is the one price; the course\'s likely range is its total', () => {
    const cat = pointCatalog('400');
    const e = estimate({ treatment: 'skin-rejuvenation', sessions: 4 }, cat);
    expect(e.perSession).toEqual({ low: '400.00', typical: '400.00', high: '400.00' });
    expect(e.likelyPerSession).toEqual({ p10: '400.00', p50: '400.00', p90: '400.00' });
    expect(e.likely).toEqual({ p10: '1600.00', p50: '1600.00', p90: '1600.00' });
  });

  it('the likely range never leaves the course\'s total, though the price rounds before it is multiplied', () => {
    // 100.10 × 0.95 (under-eye) = 95.095 a session, which rounds up to 95.10: 3 sessions cost
    // 285.30, while 3 × 95.095 = 285.285 rounds to 285.29. The percentile is held at 285.30.
    const up = estimate({ treatment: 'skin-rejuvenation', areas: ['under-eye'], sessions: 3 }, pointCatalog('100.10'));
    expect(up.total).toEqual({ low: '285.30', typical: '285.30', high: '285.30' });
    expect(up.likely).toEqual({ p10: '285.30', p50: '285.30', p90: '285.30' });
    // 100.11 × 0.95 = 95.1045 rounds down to 95.10: 3 × 95.1045 = 285.3135 rounds to 285.31, held at 285.30.
    const down = estimate({ treatment: 'skin-rejuvenation', areas: ['under-eye'], sessions: 3 }, pointCatalog('100.11'));
    expect(down.total).toEqual({ low: '285.30', typical: '285.30', high: '285.30' });
    expect(down.likely).toEqual({ p10: '285.30', p50: '285.30', p90: '285.30' });
  });
});

// clinicEstimate() at the domain layer: the clinic's price over several areas (the dearest in
// full, whatever order the catalog lists them in), the conversion into another currency, where
// the clinic's price sits in the market, the likely range (discrete for a single clinic price,
// the two-piece model for the market's prices over the clinic's course, the market's otherwise),
// the package terms the sheet fills in, and the sources cited. Expected figures are rebuilt here
// from the sheet and the catalog's published figures (reference.ts).
import { Decimal } from 'decimal.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { clinicEstimate, type ClinicEstimate } from '../../src/domain/clinic-estimate.js';
import { DomainError } from '../../src/domain/errors.js';
import { estimate, type EstimateRequest } from '../../src/domain/estimate.js';
import type { ClinicSheet, PriceSheet } from '../../src/domain/price-sheet.js';
import { committedCatalog } from '../fixtures/committed-data.js';
import { add, cmp, div, levels, LEVEL_LIST, money, mul, P10, P50, P90, payable, q, quantileOf, roundUnits, sub, units, weights, type Q, type RefPackage, freshCatalog } from './reference.js';

const committed = committedCatalog();
/** A fresh catalog per test (reference.ts, freshCatalog): nothing derived is shared between tests. */
let catalog = freshCatalog(committed);
beforeEach(() => {
  catalog = freshCatalog(committed);
});
const SHARE = q(catalog.additionalAreaShare.value);
const share = catalog.additionalAreaShare.value.toString();
const EUR = catalog.currencies.get('EUR')!;
const USD = catalog.currencies.get('USD')!;
const clinicId = 'cl_test';
const NAME = 'Clinique Test';
const SOURCE_ID = `${'clinic-'}${clinicId}-v3`;

function ref(sheet: Partial<PriceSheet>): ClinicSheet {
  return {
    clinicId,
    clinicName: NAME,
    version: 3,
    createdAt: '2026-12-01T10:00:00.000Z',
    sheet: { country: 'FR', cityTier: 'city', practitioner: 'physician', currency: 'EUR', treatments: {}, ...sheet },
  };
}

const adjustment = (e: ClinicEstimate, kind: string) => e.adjustments.find((a) => a.kind === kind);
const area = (id: string) => catalog.areas.get(id)!;

/** Every id the adjustments and notes cite, once, in order of first use, without the clinic's own. */
function citedIds(e: ClinicEstimate): string[] {
  return [...new Set([...e.adjustments, ...e.notes].flatMap((a) => a.sources).filter((id) => id !== SOURCE_ID))];
}

describe('the clinic\'s price over several areas', () => {
  const sheet = ref({ treatments: { 'skin-rejuvenation': { perSession: '100.00', areas: { neck: '180.00' } } } });

  it('charges the dearest area in full and each other at the share, though the catalog lists the cheaper first', () => {
    // face (the reference area) 100.00, neck 180.00: 180 + share × 100, not 100 + share × 180.
    const expected = money(add(q('180'), mul(SHARE, q('100'))), 2);
    for (const areas of [['face', 'neck'], ['neck', 'face']]) {
      const e = clinicEstimate({ treatment: 'skin-rejuvenation', areas }, sheet, catalog);
      expect(e.request.areas).toEqual(['face', 'neck']);
      expect(e.perSession).toEqual({ low: expected, typical: expected, high: expected });
      const line = adjustment(e, 'clinic-price')!;
      expect(line).toEqual({
        kind: 'clinic-price',
        id: 'face,neck',
        description: `${NAME}'s own price per session (sheet version 3): face 100.00 (clinic), neck 180.00 (clinic); the dearest in full, each other at ${share} of its price, ${expected} EUR`,
        amounts: { low: expected, typical: expected, high: expected },
        sources: [SOURCE_ID, catalog.additionalAreaShare.source],
      });
    }
  });

  it('prices an area the sheet leaves out from the reference area\'s price and the published area ratio, and cites the factors and the ratio', () => {
    const s = ref({ treatments: { 'skin-rejuvenation': { perSession: '200.00', areas: { neck: '50.00' } } } });
    const e = clinicEstimate({ treatment: 'skin-rejuvenation', areas: ['neck', 'under-eye', 'face'] }, s, catalog);
    const ratio = catalog.treatments.get('skin-rejuvenation')!.areaRatios.get('under-eye')!;
    const underEye = mul(q('200'), q(ratio.value));
    // face 200, under-eye 200 × ratio, neck 50: sorted, the face in full.
    const sorted = [q('200'), underEye, q('50')].sort((a, b) => cmp(b, a));
    const amount = add(sorted[0]!, mul(SHARE, add(sorted[1]!, sorted[2]!)));
    expect(e.perSession.typical).toBe(money(amount, 2));
    const line = adjustment(e, 'clinic-price')!;
    expect(line.description).toBe(
      `${NAME}'s own price per session (sheet version 3): face 200.00 (clinic), under-eye = clinic face price × market area ratio ${ratio.value.toString()}, neck 50.00 (clinic); the dearest in full, each other at ${share} of its price, ${money(amount, 2)} EUR`,
    );
    expect(line.sources).toEqual([SOURCE_ID, ...new Set([area('under-eye').factor.source, area('face').factor.source, ratio.source, catalog.additionalAreaShare.source])]);
  });

  it('one area: its own price, described alone, with only the clinic cited', () => {
    const e = clinicEstimate({ treatment: 'skin-rejuvenation', areas: ['neck'] }, sheet, catalog);
    expect(e.perSession.typical).toBe('180.00');
    expect(adjustment(e, 'clinic-price')!.description).toBe(`${NAME}'s own price per session (sheet version 3): neck 180.00 (clinic), 180.00 EUR`);
    expect(adjustment(e, 'clinic-price')!.sources).toEqual([SOURCE_ID]);
    const face = clinicEstimate({ treatment: 'skin-rejuvenation' }, sheet, catalog);
    expect(adjustment(face, 'clinic-price')!.description).toBe(`${NAME}'s own price per session (sheet version 3): face 100.00 (clinic), 100.00 EUR`);
  });

  it('converts into another currency at the ratio of the two USD rates, rounded once, and says so', () => {
    const e = clinicEstimate({ treatment: 'skin-rejuvenation', areas: ['face', 'neck'], currency: 'USD' }, sheet, catalog);
    // The cross rate as published, to 10 significant digits, is what the price is multiplied by.
    const factor = Decimal.clone({ precision: 60 })(USD.usdRate.value.toString()).div(EUR.usdRate.value.toString()).toSignificantDigits(10, Decimal.ROUND_HALF_UP).toString();
    const amount = add(q('180'), mul(SHARE, q('100')));
    expect(e.perSession.typical).toBe(money(mul(amount, q(factor)), USD.minorUnits));
    expect(e.currency.code).toBe('USD');
    expect(adjustment(e, 'currency')).toEqual({
      kind: 'currency',
      id: 'USD',
      description: `EUR to USD at ${factor} (USD ${USD.usdRate.value.toString()} / EUR ${EUR.usdRate.value.toString()} per USD); rounded half-up to 2 decimals`,
      factor,
      sources: [USD.usdRate.source, EUR.usdRate.source, USD.minorUnitsSource],
    });
    // In the sheet's own currency there is nothing to convert.
    expect(adjustment(clinicEstimate({ treatment: 'skin-rejuvenation' }, sheet, catalog), 'currency')).toBeUndefined();
  });
});

describe('where the clinic\'s price sits in the market', () => {
  const market = estimate({ treatment: 'skin-rejuvenation', country: 'FR' }, catalog);
  const [low, typical, high] = LEVEL_LIST.map((l) => q(market.perSession[l]));

  function at(price: string) {
    return clinicEstimate({ treatment: 'skin-rejuvenation' }, ref({ treatments: { 'skin-rejuvenation': { perSession: price } } }), catalog).clinic;
  }

  it('within: the fraction of the low-high range, and the percent of the typical price', () => {
    const price = money(add(low!, mul(sub(high!, low!), q('0.3'))), 2);
    const c = at(price);
    expect(c.marketPerSession).toEqual(market.perSession);
    expect(c.priceSource).toBe('clinic');
    expect(c.marketPosition).toEqual({
      position: 'within',
      fraction: units(roundUnits(div(sub(q(price), low!), sub(high!, low!)), 4), 4),
      percentOfTypical: units(roundUnits(mul(div(q(price), typical!), q(100)), 1), 1),
    });
  });

  it('at the market\'s low and high prices it is within, at fractions 0 and 1', () => {
    expect(at(market.perSession.low).marketPosition).toMatchObject({ position: 'within', fraction: '0.0000' });
    expect(at(market.perSession.high).marketPosition).toMatchObject({ position: 'within', fraction: '1.0000' });
    expect(at(market.perSession.typical).marketPosition!.percentOfTypical).toBe('100.0');
  });

  it('below the low price and above the high one', () => {
    for (const [price, position] of [
      [money(sub(low!, q('10')), 2), 'below'],
      [money(add(high!, q('10')), 2), 'above'],
    ] as const) {
      expect(at(price).marketPosition).toEqual({
        position,
        fraction: units(roundUnits(div(sub(q(price), low!), sub(high!, low!)), 4), 4),
        percentOfTypical: units(roundUnits(mul(div(q(price), typical!), q(100)), 1), 1),
      });
    }
    expect(at(money(sub(low!, q('0.01')), 2)).marketPosition!.position).toBe('below');
    expect(at(money(add(high!, q('0.01')), 2)).marketPosition!.position).toBe('above');
  });
});

describe('the clinic\'s likely range', () => {
  /** Smallest outcome whose cumulative weight reaches p: the percentile of a fixed price times the sessions paid. */
  function discrete(price: Q, outcomes: Array<{ w: Q; g: Q }>, p: Q): Q {
    const sorted = [...outcomes].sort((a, b) => cmp(a.g, b.g));
    let cumulative = q(0);
    for (const o of sorted) {
      cumulative = add(cumulative, o.w);
      if (cmp(cumulative, p) >= 0) return mul(price, o.g);
    }
    return mul(price, sorted.at(-1)!.g);
  }

  it('with the clinic\'s single price and its course: the discrete percentiles of price × sessions paid', () => {
    const course = { min: 2, typical: 3, max: 9 };
    const sheet = ref({ treatments: { 'skin-rejuvenation': { perSession: '150.00', sessions: course } } });
    const e = clinicEstimate({ treatment: 'skin-rejuvenation' }, sheet, catalog);
    const outcomes = weights(course.min, course.typical, course.max).map((c) => ({ w: c.w, g: payable(c.n, { kind: 'none' }) }));
    const price = q('150');
    expect(e.likely).toEqual({ p10: money(discrete(price, outcomes, P10), 2), p50: money(discrete(price, outcomes, P50), 2), p90: money(discrete(price, outcomes, P90), 2) });
    // 2 sessions reach 10%, 4 reach 50%, 7 reach 90%: not the totals of 2, 3 and 9 sessions.
    expect(e.likely).toEqual({ p10: '300.00', p50: '600.00', p90: '1050.00' });
    expect(e.total).toEqual({ low: '300.00', typical: '450.00', high: '1350.00' });
  });

  it('with a package, the sessions paid for order the outcomes', () => {
    const course = { min: 2, typical: 3, max: 9 };
    const sheet = ref({ treatments: { 'skin-rejuvenation': { perSession: '100.00', sessions: course } } });
    const pkg: RefPackage = { kind: 'buy-n-get-m', buy: 2, free: 1 };
    const e = clinicEstimate({ treatment: 'skin-rejuvenation', package: { kind: 'buy-n-get-m', buy: 2, free: 1 } }, sheet, catalog);
    const outcomes = weights(course.min, course.typical, course.max).map((c) => ({ w: c.w, g: payable(c.n, pkg) }));
    const price = q('100');
    expect(e.likely).toEqual({ p10: money(discrete(price, outcomes, P10), 2), p50: money(discrete(price, outcomes, P50), 2), p90: money(discrete(price, outcomes, P90), 2) });
  });

  it('a fixed number of sessions from the request: price × the sessions paid at every percentile', () => {
    const sheet = ref({ treatments: { 'skin-rejuvenation': { perSession: '120.00', sessions: { min: 2, typical: 3, max: 9 } } } });
    const e = clinicEstimate({ treatment: 'skin-rejuvenation', sessions: 4 }, sheet, catalog);
    expect(e.clinic.sessionsSource).toBe('request');
    expect(e.sessions).toEqual({ low: 4, typical: 4, high: 4 });
    expect(e.likely).toEqual({ p10: '480.00', p50: '480.00', p90: '480.00' });
  });

  it('the market\'s prices over the clinic\'s course: the two-piece model on the market\'s rounded prices, clamped to the totals', () => {
    const course = { min: 3, typical: 4, max: 12 };
    const sheet = ref({ treatments: { 'fat-reduction': { sessions: course } } });
    const e = clinicEstimate({ treatment: 'fat-reduction' }, sheet, catalog);
    const market = estimate({ treatment: 'fat-reduction', country: 'FR' }, catalog);
    expect(e.perSession).toEqual(market.perSession);
    expect(e.clinic.sessionsSource).toBe('clinic');
    const band = levels((l) => q(market.perSession[l]));
    const outcomes = weights(course.min, course.typical, course.max).map((c) => ({ w: c.w, g: q(c.n) }));
    const [lo, hi] = [q(e.total.low), q(e.total.high)];
    const clamp = (v: Q): string => {
      const r = money(v, 2);
      return cmp(q(r), lo) < 0 ? e.total.low : cmp(q(r), hi) > 0 ? e.total.high : r;
    };
    expect(e.likely).toEqual({ p10: clamp(quantileOf(P10, band, outcomes)), p50: clamp(quantileOf(P50, band, outcomes)), p90: clamp(quantileOf(P90, band, outcomes)) });
    expect(e.likely).not.toEqual(market.likely);
  });

  it('all-market figures keep the market\'s likely range', () => {
    const sheet = ref({ treatments: { 'hair-restoration': { perSession: '90.00' } } });
    const e = clinicEstimate({ treatment: 'fat-reduction', package: { kind: 'buy-n-get-m' } }, sheet, catalog);
    const market = estimate({ treatment: 'fat-reduction', country: 'FR', package: { kind: 'buy-n-get-m' } }, catalog);
    expect(e.likely).toEqual(market.likely);
    expect(e.total).toEqual(market.total);
    expect(e.clinic).toMatchObject({ priceSource: 'market', sessionsSource: 'market', packageSource: 'market', marketPosition: null });
  });
});

describe('the package: the sheet\'s terms fill in what the request leaves out', () => {
  const sheet = ref({
    treatments: { 'skin-rejuvenation': { perSession: '100.00' } },
    packages: { 'prepaid-course': { discountPercent: '15' }, 'buy-n-get-m': { buy: 2, free: 1 }, 'new-patient': { discountPercent: '50' } },
  });
  const run = (request: Omit<EstimateRequest, 'treatment'>, s: ClinicSheet = sheet) => clinicEstimate({ treatment: 'skin-rejuvenation', ...request }, s, catalog);
  const typicalSessions = catalog.treatments.get('skin-rejuvenation')!.sessions.typical;

  it('prepaid course: the sheet\'s percent, the clinic cited for it', () => {
    const e = run({ package: { kind: 'prepaid-course' } });
    expect(e.clinic.packageSource).toBe('clinic');
    expect(e.request.package).toEqual({ kind: 'prepaid-course', discountPercent: '15' });
    const list = 100 * typicalSessions;
    expect(e.discount.typical).toBe(money(mul(q(list), q('0.15')), 2));
    expect(e.total.typical).toBe(money(mul(q(list), q('0.85')), 2));
    expect(adjustment(e, 'package')).toEqual({
      kind: 'package',
      id: 'prepaid-course',
      description: `Prepaid course: 15% off the whole course, ${NAME}'s terms; amounts are the discount at each level`,
      amounts: e.discount,
      sources: [SOURCE_ID],
    });
  });

  it('new-patient: the sheet\'s percent off the first session', () => {
    const e = run({ package: { kind: 'new-patient' } });
    expect(e.clinic.packageSource).toBe('clinic');
    expect(e.discount).toEqual({ low: '50.00', typical: '50.00', high: '50.00' });
    expect(e.effectivePerSession.typical).toBe(money(div(q(100 * typicalSessions - 50), q(typicalSessions)), 2));
  });

  it('buy-n-get-m: each count the request leaves out comes from the sheet', () => {
    const both = run({ package: { kind: 'buy-n-get-m' } });
    expect(both.request.package).toEqual({ kind: 'buy-n-get-m', buy: 2, free: 1 });
    expect(both.clinic.packageSource).toBe('clinic');
    const s = catalog.treatments.get('skin-rejuvenation')!.sessions;
    expect(both.discount).toEqual(levels((l) => units(10000n * BigInt(Math.floor({ low: s.min, typical: s.typical, high: s.max }[l] / 3)), 2)));
    const one = run({ package: { kind: 'buy-n-get-m', buy: 4 } });
    expect(one.request.package).toEqual({ kind: 'buy-n-get-m', buy: 4, free: 1 });
    expect(one.clinic.packageSource).toBe('clinic');
    const free = run({ package: { kind: 'buy-n-get-m', free: 1 } });
    expect(free.request.package).toEqual({ kind: 'buy-n-get-m', buy: 2, free: 1 });
    expect(free.clinic.packageSource).toBe('clinic');
  });

  it('a request that gives every figure uses its own, with the market\'s sources for the kind', () => {
    const e = run({ package: { kind: 'prepaid-course', discountPercent: new Decimal('10') } });
    expect(e.clinic.packageSource).toBe('request');
    expect(e.request.package).toEqual({ kind: 'prepaid-course', discountPercent: '10' });
    const line = adjustment(e, 'package')!;
    expect(line.description).toBe('Prepaid course: 10% off the whole course; amounts are the discount at each level');
    const kind = catalog.packages.kinds.get('prepaid-course')!;
    expect(line.sources).toEqual([...new Set([...kind.sources, ...kind.defaultSources])]);
    const bnm = run({ package: { kind: 'buy-n-get-m', buy: 5, free: 2 } });
    expect(bnm.clinic.packageSource).toBe('request');
    expect(bnm.request.package).toEqual({ kind: 'buy-n-get-m', buy: 5, free: 2 });
  });

  it('a sheet without terms for the kind: the catalog\'s defaults, cited as the market\'s', () => {
    const bare = ref({ treatments: { 'skin-rejuvenation': { perSession: '100.00' } } });
    const e = run({ package: { kind: 'new-patient' } }, bare);
    expect(e.clinic.packageSource).toBe('market');
    expect(e.request.package).toEqual({ kind: 'new-patient', discountPercent: catalog.packages.defaults.newPatient.discountPercent.value.toString() });
    const kind = catalog.packages.kinds.get('new-patient')!;
    expect(adjustment(e, 'package')!.sources).toEqual([...new Set([...kind.sources, ...kind.defaultSources])]);
    const b = run({ package: { kind: 'buy-n-get-m' } }, bare);
    expect(b.clinic.packageSource).toBe('market');
  });

  it('no package: none, and no package line', () => {
    for (const e of [run({}), run({ package: { kind: 'none' } })]) {
      expect(e.clinic.packageSource).toBe('none');
      expect(adjustment(e, 'package')).toBeUndefined();
      expect(e.discount).toEqual({ low: '0.00', typical: '0.00', high: '0.00' });
    }
  });
});

describe('course length and the adjustments', () => {
  it('the sheet\'s course: the clinic\'s sessions line, cited to the clinic', () => {
    const sheet = ref({ treatments: { 'skin-rejuvenation': { perSession: '100.00', sessions: { min: 2, typical: 4, max: 7 } } } });
    const e = clinicEstimate({ treatment: 'skin-rejuvenation' }, sheet, catalog);
    expect(e.clinic.sessionsSource).toBe('clinic');
    expect(e.sessions).toEqual({ low: 2, typical: 4, high: 7 });
    expect(e.listTotal).toEqual({ low: '200.00', typical: '400.00', high: '700.00' });
    expect(adjustment(e, 'sessions')).toEqual({ kind: 'sessions', description: `${NAME}'s course: 2 (low), 4 (typical) and 7 (high) sessions`, counts: { low: 2, typical: 4, high: 7 }, sources: [SOURCE_ID] });
    expect(e.adjustments.map((a) => a.kind)).toEqual(['clinic-price', 'sessions']);
  });

  it('the market\'s course when the sheet has none', () => {
    const sheet = ref({ treatments: { 'skin-rejuvenation': { perSession: '100.00' } } });
    const e = clinicEstimate({ treatment: 'skin-rejuvenation' }, sheet, catalog);
    const market = estimate({ treatment: 'skin-rejuvenation', country: 'FR' }, catalog);
    expect(e.clinic.sessionsSource).toBe('market');
    expect(e.sessions).toEqual(market.sessions);
    expect(adjustment(e, 'sessions')).toEqual(market.adjustments.find((a) => a.kind === 'sessions'));
  });

  it('no price on the sheet: a line saying so, then the market\'s price adjustments, and the market\'s price', () => {
    const sheet = ref({ treatments: { 'skin-rejuvenation': { sessions: { min: 2, typical: 4, max: 7 } } } });
    const e = clinicEstimate({ treatment: 'skin-rejuvenation' }, sheet, catalog);
    const market = estimate({ treatment: 'skin-rejuvenation', country: 'FR' }, catalog);
    expect(e.perSession).toEqual(market.perSession);
    expect(e.adjustments[0]).toEqual({
      kind: 'clinic-price',
      description: `${NAME}'s sheet (version 3) has no price for skin rejuvenation: the market price for FR, city, physician follows`,
      sources: [SOURCE_ID],
    });
    expect(e.adjustments.slice(1, -1)).toEqual(market.adjustments.filter((a) => ['base-price', 'area', 'practitioner', 'city-tier', 'price-level', 'currency'].includes(a.kind)));
    expect(e.clinic.priceSource).toBe('market');
    expect(e.clinic.marketPosition).toBeNull();
    expect(e.listTotal.high).toBe(money(mul(q(market.perSession.high), q(7)), 2));
  });
});

describe('the sources of a clinic estimate', () => {
  it('the clinic\'s sheet first, then every source the adjustments and notes cite, once each, in order of first use', () => {
    const sheet = ref({ treatments: { 'skin-rejuvenation': { perSession: '100.00', areas: { neck: '180.00' } } } });
    for (const request of [
      { treatment: 'skin-rejuvenation', areas: ['face', 'under-eye'], currency: 'USD', package: { kind: 'prepaid-course' as const } },
      { treatment: 'fat-reduction', areas: ['flanks', 'abdomen'] },
    ]) {
      const e = clinicEstimate(request, sheet, catalog);
      expect(e.sources[0]).toEqual({ id: SOURCE_ID, kind: 'clinic', title: `Price sheet of ${NAME}, version 3 (2026-12-01T10:00:00.000Z)` });
      expect(e.sources.slice(1)).toEqual(citedIds(e).map((id) => catalog.sources.get(id)));
      expect(e.sources.slice(1).length).toBeGreaterThan(3);
    }
  });

  it('the market\'s price sources are not cited when the clinic sets the price', () => {
    const sheet = ref({ treatments: { 'skin-rejuvenation': { perSession: '100.00' } } });
    const e = clinicEstimate({ treatment: 'skin-rejuvenation' }, sheet, catalog);
    const ids = e.sources.map((s) => s.id);
    const market = estimate({ treatment: 'skin-rejuvenation', country: 'FR' }, catalog);
    const base = market.adjustments.find((a) => a.kind === 'base-price')!;
    for (const id of base.sources) if (!citedIds(e).includes(id)) expect(ids).not.toContain(id);
  });
});

describe('the sheet fixes country, city tier and practitioner', () => {
  const sheet = ref({ treatments: { 'skin-rejuvenation': { perSession: '100.00' } } });

  it('the same values, or none, are accepted', () => {
    const e = clinicEstimate({ treatment: 'skin-rejuvenation', country: 'FR', cityTier: 'city', practitioner: 'physician' }, sheet, catalog);
    expect(e.request).toMatchObject({ country: 'FR', cityTier: 'city', practitioner: 'physician', currency: 'EUR' });
  });

  it('another value is refused with clinic-mismatch, naming the field and the sheet\'s value', () => {
    const cases: Array<[keyof EstimateRequest, EstimateRequest]> = [
      ['country', { treatment: 'skin-rejuvenation', country: 'DE' }],
      ['cityTier', { treatment: 'skin-rejuvenation', cityTier: 'town' }],
      ['practitioner', { treatment: 'skin-rejuvenation', practitioner: 'specialist' }],
    ];
    for (const [field, request] of cases) {
      let error: unknown;
      try {
        clinicEstimate(request, sheet, catalog);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      const d = error as DomainError;
      const value = sheet.sheet[field as 'country'];
      expect(d.code).toBe('clinic-mismatch');
      expect(d.message).toBe(`Clinic ${clinicId} prices for ${field} '${value}', not '${request[field] as string}'.`);
      expect(d.details).toEqual([{ pointer: `/${field}`, message: `the clinic's price sheet sets ${field} to '${value}'; leave the field out or send that value`, allowed: [value] }]);
    }
  });
});

describe('the notes of a clinic estimate', () => {
  it('the market\'s notes, with the clinic\'s own longer-course note in place of the market\'s', () => {
    // Buy 6 get 2 over a fixed 7 sessions: the market and the clinic would each note it; only the clinic's stays.
    const sheet = ref({ treatments: { 'skin-rejuvenation': { perSession: '150.00' } } });
    const request: EstimateRequest = { treatment: 'skin-rejuvenation', sessions: 7, package: { kind: 'buy-n-get-m', buy: 6, free: 2 } };
    const e = clinicEstimate(request, sheet, catalog);
    const market = estimate({ ...request, country: 'FR' }, catalog);
    expect(market.notes.at(-1)!.code).toBe('longer-course-cheaper');
    expect(e.notes.slice(0, -1)).toEqual(market.notes.slice(0, -1));
    expect(e.notes.at(-1)!.code).toBe('longer-course-cheaper');
    expect(e.notes.at(-1)!.text).toContain('7 sessions (low, typical, high) cost 1050.00 / 1050.00 / 1050.00 EUR');
    // Without a package the notes are the market's.
    expect(clinicEstimate({ treatment: 'skin-rejuvenation' }, sheet, catalog).notes).toEqual(estimate({ treatment: 'skin-rejuvenation', country: 'FR' }, catalog).notes);
  });
});

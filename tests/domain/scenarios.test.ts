// src/domain/scenarios.ts: one course under several options (package, financing), with
// maintenance over a horizon, compared by total cost of ownership against paying per session.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS, type Levels } from '../../src/domain/catalog.js';
import { estimate } from '../../src/domain/estimate.js';
import { DEFERRED_INTEREST_WARNING, financingPlan, type FinancingTerms } from '../../src/domain/financing.js';
import { dec } from '../../src/domain/money.js';
import { MAX_BUY, MAX_PERCENT, MIN_BUY, MIN_FREE, type PackageSpec } from '../../src/domain/packages.js';
import {
  breakEvenMonth,
  breakEvenSessions,
  compareScenarios,
  maintenanceSessionsInHorizon,
  type ScenarioInput,
  type ScenarioOptionInput,
} from '../../src/domain/scenarios.js';
import { committedCatalog } from '../fixtures/committed-data.js';

const RUNS = { numRuns: 300 };

const levels = <T>(low: T, typical: T, high: T): Levels<T> => ({ low, typical, high });

/** Skin rejuvenation at the US baseline: 300.00 / 360.00 / 600.00 a session, 3 / 5 / 6 sessions. */
const baseInput = (options: ScenarioOptionInput[], overrides: Partial<ScenarioInput> = {}): ScenarioInput => ({
  perSession: levels(dec('300'), dec('360'), dec('600')),
  sessions: levels(3, 5, 6),
  minorUnits: 2,
  horizonMonths: 24,
  maintenanceSessionsPerYear: 2,
  options,
  ...overrides,
});

describe('maintenance over the horizon: floor(horizonMonths × sessionsPerYear / 12), counted after the course', () => {
  it.each([
    [0, 2, 0],
    [5, 2, 0],
    [6, 2, 1],
    [11, 2, 1],
    [12, 2, 2],
    [18, 2, 3],
    [24, 2, 4],
    [36, 3, 9],
    [24, 0, 0],
    [8, 1.5, 1],
    [120, 4, 40],
  ])('%i months at %d a year: %i sessions', (months, perYear, expected) => {
    expect(maintenanceSessionsInHorizon(months, perYear)).toBe(expected);
  });

  it('is the same at every level and priced at each level\'s list price per session', () => {
    const result = compareScenarios(baseInput([{ name: 'pay per session' }]));
    expect(result.maintenanceSessions).toBe(4);
    const option = result.options[0]!;
    expect(LEVELS.map((l) => option.levels[l].maintenanceSessions)).toEqual([4, 4, 4]);
    expect(LEVELS.map((l) => option.levels[l].maintenanceCost.toFixed(2))).toEqual(['1200.00', '1440.00', '2400.00']);
  });

  it('uses the treatments\' default from data/treatments.json when the caller passes it', () => {
    const perYear = committedCatalog().treatments.get('skin-rejuvenation')!.maintenance.sessionsPerYear;
    expect(compareScenarios(baseInput([], { maintenanceSessionsPerYear: perYear, horizonMonths: 12 })).maintenanceSessions).toBe(perYear);
  });
});

describe('the pay-per-session option', () => {
  it('equals the plain course: list total, no discount, savings 0 (the committed estimate for every treatment)', () => {
    const catalog = committedCatalog();
    for (const treatment of catalog.treatments.keys()) {
      for (const country of ['US', 'JP', 'FR']) {
        const e = estimate({ treatment, country }, catalog);
        const result = compareScenarios({
          perSession: { low: dec(e.perSession.low), typical: dec(e.perSession.typical), high: dec(e.perSession.high) },
          sessions: e.sessions,
          minorUnits: e.currency.minorUnits,
          horizonMonths: 24,
          maintenanceSessionsPerYear: catalog.treatments.get(treatment)!.maintenance.sessionsPerYear,
          options: [{ name: 'pay per session' }, { name: 'none, explicitly', package: { kind: 'none' } }],
        });
        for (const option of result.options) {
          for (const level of LEVELS) {
            const row = option.levels[level];
            expect(row.courseTotal.eq(e.total[level]), `${treatment} ${country} ${level}`).toBe(true);
            expect(row.listTotal.eq(e.total[level])).toBe(true);
            expect(row.discount.isZero()).toBe(true);
            expect(row.savings.isZero()).toBe(true);
            expect(row.effectivePerSession.eq(e.perSession[level])).toBe(true);
          }
          expect(option.package).toEqual({ kind: 'none' });
          expect(option.breakEvenSessions).toBeUndefined();
          expect(option.financingPlan).toBeUndefined();
        }
      }
    }
  });
});

// Generators: ordered per-session prices on the currency's grid and ordered session counts.
const minorUnitsArb = fc.constantFrom(0, 2, 3);
const orderedArb = (min: number, max: number): fc.Arbitrary<[number, number, number]> =>
  fc.tuple(fc.integer({ min, max }), fc.integer({ min, max }), fc.integer({ min, max })).map((xs) => xs.sort((a, b) => a - b) as [number, number, number]);
const percentArb = fc.integer({ min: 0, max: MAX_PERCENT * 100 }).map((h) => dec(h).div(100));
const buyFreeArb = fc.integer({ min: MIN_BUY, max: MAX_BUY }).chain((buy) => fc.integer({ min: MIN_FREE, max: buy - 1 }).map((free) => ({ buy, free })));
const specArb: fc.Arbitrary<PackageSpec> = fc.oneof(
  fc.constant<PackageSpec>({ kind: 'none' }),
  percentArb.map((p): PackageSpec => ({ kind: 'prepaid-course', discountPercent: p })),
  buyFreeArb.map(({ buy, free }): PackageSpec => ({ kind: 'buy-n-get-m', buy, free })),
  fc.integer({ min: MIN_BUY, max: 12 }).map((buy): PackageSpec => ({ kind: 'buy-n-get-m', buy, free: 1 })),
  percentArb.map((p): PackageSpec => ({ kind: 'new-patient', discountPercent: p })),
);
const financingArb = (minorUnits: number): fc.Arbitrary<FinancingTerms> =>
  fc.record({
    aprPercent: fc.integer({ min: 0, max: 9999 }).map((h) => dec(h).div(100)),
    months: fc.integer({ min: 1, max: 120 }),
    downPayment: fc.integer({ min: 0, max: 2000 * 10 ** minorUnits }).map((u) => dec(u).div(10 ** minorUnits)),
  });
const inputArb = minorUnitsArb.chain((minorUnits) =>
  fc.record({
    minorUnits: fc.constant(minorUnits),
    prices: orderedArb(1, 2_000 * 10 ** minorUnits).map((units) => units.map((u) => dec(u).div(10 ** minorUnits))),
    sessions: orderedArb(1, 15),
    horizonMonths: fc.integer({ min: 0, max: 120 }),
    perYear: fc.integer({ min: 0, max: 6 }),
    spec: specArb,
    financing: fc.option(financingArb(minorUnits), { nil: undefined }),
  }),
);
type Generated = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;
const toInput = (g: Generated, options: ScenarioOptionInput[]): ScenarioInput => ({
  perSession: levels(g.prices[0]!, g.prices[1]!, g.prices[2]!),
  sessions: levels(...g.sessions),
  minorUnits: g.minorUnits,
  horizonMonths: g.horizonMonths,
  maintenanceSessionsPerYear: g.perYear,
  options,
});
const optionOf = (g: Generated): ScenarioOptionInput => (g.financing ? { name: 'x', package: g.spec, financing: g.financing } : { name: 'x', package: g.spec });

describe('scenario laws (fast-check, 300 runs each)', () => {
  it('a discount never raises a price: course total <= list total, and without financing TCO <= pay-per-session TCO (savings >= 0)', () => {
    fc.assert(
      fc.property(inputArb, (g) => {
        const [plain, option] = compareScenarios(toInput(g, [{ name: 'plain' }, { name: 'deal', package: g.spec }])).options;
        for (const level of LEVELS) {
          const row = option!.levels[level];
          expect(row.discount.gte(0)).toBe(true);
          expect(row.courseTotal.lte(row.listTotal)).toBe(true);
          expect(row.courseTotal.gte(0)).toBe(true);
          expect(row.totalCostOfOwnership.lte(plain!.levels[level].totalCostOfOwnership)).toBe(true);
          expect(row.savings.gte(0)).toBe(true);
          expect(row.effectivePerSession.lte(row.perSession)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('TCO = course total + maintenance (+ total interest when financed), and savings = pay-per-session TCO − TCO, exactly', () => {
    fc.assert(
      fc.property(inputArb, (g) => {
        const result = compareScenarios(toInput(g, [optionOf(g)]));
        const option = result.options[0]!;
        for (const level of LEVELS) {
          const row = option.levels[level];
          const maintenance = row.perSession.times(result.maintenanceSessions);
          expect(row.maintenanceCost.eq(maintenance)).toBe(true);
          const interest = g.financing ? financingPlan(row.courseTotal, g.financing, g.minorUnits).totalInterest : dec(0);
          expect(row.financing?.totalInterest.eq(interest) ?? interest.isZero()).toBe(true);
          expect(row.totalCostOfOwnership.eq(row.courseTotal.plus(maintenance).plus(interest))).toBe(true);
          const plainTco = row.perSession.times(row.sessions + result.maintenanceSessions);
          expect(row.savings.eq(plainTco.minus(row.totalCostOfOwnership))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('low <= typical <= high is preserved for the course total and TCO (packages whose payable sessions never fall as the course grows)', () => {
    // Every kind except buy-n-get-m with free >= 2: there a course part-way into a group pays for
    // more sessions than the complete group (see the next test), so a longer course can cost less.
    fc.assert(
      fc.property(inputArb, (g) => {
        fc.pre(g.spec.kind !== 'buy-n-get-m' || g.spec.free === 1);
        const option = compareScenarios(toInput(g, [{ name: 'deal', package: g.spec }])).options[0]!;
        for (const pick of [(l: 'low' | 'typical' | 'high'): Decimal => option.levels[l].courseTotal, (l: 'low' | 'typical' | 'high'): Decimal => option.levels[l].totalCostOfOwnership]) {
          expect(pick('low').lte(pick('typical'))).toBe(true);
          expect(pick('typical').lte(pick('high'))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('low <= typical <= high is preserved for the amount financed', () => {
    fc.assert(
      fc.property(inputArb, financingArb(2), (g, financing) => {
        fc.pre(g.spec.kind !== 'buy-n-get-m' || g.spec.free === 1);
        const option = compareScenarios(toInput(g, [{ name: 'financed', package: g.spec, financing }])).options[0]!;
        const financed = LEVELS.map((l) => option.levels[l].financing!.financed);
        expect(financed[0]!.lte(financed[1]!) && financed[1]!.lte(financed[2]!)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('a documented limit of the ordering law: rounded amortisation', () => {
  it('a price one cent dearer can cost less in total when financed, because its payment rounds the other way', () => {
    // 87994.39 at 80.2% over 73 months: exact payment 5933.714971, rounded down to 5933.71, the
    // shortfall growing at 6.7% a month into a last payment of 5942.39. 87994.40: 5933.715645,
    // rounded up to 5933.72, the excess coming back in a last payment of 5928.09. Total paid:
    // 433169.51 against 433155.93. Ordering of total paid (and so of a financed TCO) therefore
    // holds only up to this rounding, not exactly; the amount financed is ordered exactly.
    const t: FinancingTerms = { aprPercent: dec('80.2'), months: 73, downPayment: dec('0'), paymentRounding: 'half-up' };
    const cheaper = financingPlan(dec('87994.39'), t, 2);
    const dearer = financingPlan(dec('87994.40'), t, 2);
    expect(cheaper.totalPaid.gt(dearer.totalPaid)).toBe(true);
    expect(cheaper.monthlyPayment.lt(dearer.monthlyPayment)).toBe(true);
  });
});

describe('buy-n-get-m in a scenario counts free sessions exactly', () => {
  it.each([
    [6, 1],
    [5, 0],
    [12, 2],
    [11, 1],
  ])('buy 5 get 1 free with %i sessions: %i free', (sessions, free) => {
    const result = compareScenarios(
      baseInput([{ name: 'buy 5 get 1', package: { kind: 'buy-n-get-m', buy: 5, free: 1 } }], {
        perSession: levels(dec('400'), dec('400'), dec('400')),
        sessions: levels(sessions, sessions, sessions),
      }),
    );
    const row = result.options[0]!.levels.typical;
    expect(row.freeSessions).toBe(free);
    expect(row.discount.toFixed(2)).toBe(dec(400 * free).toFixed(2));
    expect(row.courseTotal.toFixed(2)).toBe(dec(400 * (sessions - free)).toFixed(2));
  });

  it('warns when a course ends past a group\'s paid sessions: buy 6 get 2 with 7 sessions pays for 7, with 8 for 6', () => {
    const option = compareScenarios(
      baseInput([{ name: 'buy 6 get 2', package: { kind: 'buy-n-get-m', buy: 6, free: 2 } }], {
        perSession: levels(dec('100'), dec('100'), dec('100')),
        sessions: levels(7, 8, 10),
      }),
    ).options[0]!;
    expect(option.levels.low.courseTotal.toFixed()).toBe('700');
    expect(option.levels.typical.courseTotal.toFixed()).toBe('600');
    expect(option.warnings).toEqual(['With 7 sessions (low), 1 more session would complete a group of 8 and cost less: 7 sessions pay for 7, 8 pay for 6.']);
  });

  it('says nothing when no level ends past a group\'s paid sessions', () => {
    const option = compareScenarios(baseInput([{ name: 'buy 4 get 1', package: { kind: 'buy-n-get-m', buy: 4, free: 1 } }])).options[0]!;
    expect(option.warnings).toEqual([]);
  });

  const warningsFor = (buy: number, free: number, sessions: [number, number, number]) =>
    compareScenarios(
      baseInput([{ name: 'deal', package: { kind: 'buy-n-get-m', buy, free } }], { perSession: levels(dec('100'), dec('100'), dec('100')), sessions: levels(...sessions) }),
    ).options[0]!.warnings;

  it('the boundary: a course ending on the group\'s last paid session costs the same as the full group, and is not warned of', () => {
    // buy 6 get 2: 6 sessions pay for 6, 8 pay for 6 too; 14 pay for 12, 16 pay for 12
    expect(warningsFor(6, 2, [6, 6, 14])).toEqual([]);
  });

  it('states the counts exactly: how many more sessions, the group, what each course pays for, in later groups too', () => {
    expect(warningsFor(5, 3, [6, 6, 15])).toEqual([
      'With 6 sessions (low, typical), 2 more sessions would complete a group of 8 and cost less: 6 sessions pay for 6, 8 pay for 5.',
      'With 15 sessions (high), 1 more session would complete a group of 8 and cost less: 15 sessions pay for 12, 16 pay for 10.',
    ]);
    expect(warningsFor(6, 2, [7, 15, 23])).toEqual([
      'With 7 sessions (low), 1 more session would complete a group of 8 and cost less: 7 sessions pay for 7, 8 pay for 6.',
      'With 15 sessions (typical), 1 more session would complete a group of 8 and cost less: 15 sessions pay for 13, 16 pay for 12.',
      'With 23 sessions (high), 1 more session would complete a group of 8 and cost less: 23 sessions pay for 19, 24 pay for 18.',
    ]);
    expect(warningsFor(3, 2, [4, 9, 9])).toEqual([
      'With 4 sessions (low), 1 more session would complete a group of 5 and cost less: 4 sessions pay for 4, 5 pay for 3.',
      'With 9 sessions (typical, high), 1 more session would complete a group of 5 and cost less: 9 sessions pay for 7, 10 pay for 6.',
    ]);
  });

  it('only buy-n-get-m options get these warnings, after the financing ones', () => {
    const financing: FinancingTerms = { aprPercent: dec('10'), months: 12, downPayment: dec('0'), deferredInterest: true };
    const [deal, prepaid] = compareScenarios(
      baseInput(
        [
          { name: 'deal', package: { kind: 'buy-n-get-m', buy: 6, free: 2 }, financing },
          { name: 'prepaid', package: { kind: 'prepaid-course', discountPercent: dec('12') }, financing },
        ],
        { perSession: levels(dec('100'), dec('100'), dec('100')), sessions: levels(7, 7, 7) },
      ),
    ).options;
    expect(deal!.warnings).toEqual([
      DEFERRED_INTEREST_WARNING,
      'With 7 sessions (low, typical, high), 1 more session would complete a group of 8 and cost less: 7 sessions pay for 7, 8 pay for 6.',
    ]);
    expect(prepaid!.warnings).toEqual([DEFERRED_INTEREST_WARNING]);
  });
});

describe('break-even in months: the first month whose interest so far exceeds the discount', () => {
  const plan = financingPlan(dec('2616.00'), { aprPercent: dec('9.99'), months: 24, downPayment: dec('0') }, 2);
  const cumulative = (m: number) => plan.schedule.slice(0, m).reduce((sum, r) => sum.plus(r.interest), dec(0));

  it('is the month at which the running total of interest first goes above the discount', () => {
    // 2616.00 at 9.99%: 21.78 interest in month 1, 20.95 in month 2 (so 42.73), …
    expect(plan.schedule.slice(0, 2).map((r) => r.interest.toFixed(2))).toEqual(['21.78', '20.95']);
    expect(breakEvenMonth(plan, dec('0'))).toBe(1);
    expect(breakEvenMonth(plan, dec('21.77'))).toBe(1);
    expect(breakEvenMonth(plan, dec('21.78'))).toBe(2); // equal is not above
    expect(breakEvenMonth(plan, dec('42.72'))).toBe(2);
    expect(breakEvenMonth(plan, dec('42.73'))).toBe(3);
    for (const m of [5, 12, 23]) expect(breakEvenMonth(plan, cumulative(m))).toBe(m + 1);
  });

  it('is undefined when the whole plan\'s interest stays within the discount, or there is no interest', () => {
    expect(breakEvenMonth(plan, plan.totalInterest)).toBeUndefined();
    expect(breakEvenMonth(financingPlan(dec('1000'), { aprPercent: dec('0'), months: 10, downPayment: dec('0') }, 2), dec('0'))).toBeUndefined();
  });

  it('a scenario gives it for financed options at the typical level; a financed prepaid course\'s break-even in sessions counts its interest', () => {
    const financing: FinancingTerms = { aprPercent: dec('24'), months: 36, downPayment: dec('0') };
    const [prepaid, plain, cash] = compareScenarios(
      baseInput([
        { name: 'prepaid, financed', package: { kind: 'prepaid-course', discountPercent: dec('5') }, financing },
        { name: 'financed', financing },
        { name: 'prepaid', package: { kind: 'prepaid-course', discountPercent: dec('5') } },
      ]),
    ).options;
    // Typical: 5 × 360.00 = 1800.00, 5% off = 90.00; 1710.00 at 24% over 36 months.
    const p = prepaid!.financingPlan!;
    expect(prepaid!.breakEvenMonth).toBe(breakEvenMonth(p, dec('90')));
    expect(prepaid!.breakEvenMonth).toBe(3); // 34.20 + 33.54 = 67.74, + 32.87 = 100.61 > 90.00
    expect(p.schedule.slice(0, 3).map((r) => r.interest.toFixed(2))).toEqual(['34.20', '33.54', '32.87']);
    // (1710.00 + interest) / 360.00, rounded up: more than the 5 sessions of the course
    expect(prepaid!.breakEvenSessions).toBe(dec('1710').plus(p.totalInterest).div(360).ceil().toNumber());
    expect(prepaid!.breakEvenSessions).toBeGreaterThan(5);
    expect(plain!.breakEvenMonth).toBe(1);
    expect(plain!.breakEvenSessions).toBeUndefined();
    expect(cash!.breakEvenMonth).toBeUndefined();
    expect(cash!.breakEvenSessions).toBe(5); // 1710.00 / 360.00 = 4.75
  });
});

describe('prepaid course: break-even sessions', () => {
  it('360.00 a session, 5 sessions, 12% off: the prepaid course is 1584.00, break-even at 5 sessions (4 paid singly is 1440.00, cheaper)', () => {
    const option = compareScenarios(baseInput([{ name: 'prepaid', package: { kind: 'prepaid-course', discountPercent: dec('12') } }])).options[0]!;
    expect(option.levels.typical.courseTotal.toFixed(2)).toBe('1584.00');
    expect(option.breakEvenSessions).toBe(5);
  });

  it('500.00 a session, 8 sessions, 30% off: the course is 2800.00, break-even at 6 (5 singly is 2500.00, 6 is 3000.00)', () => {
    const option = compareScenarios(
      baseInput([{ name: 'prepaid', package: { kind: 'prepaid-course', discountPercent: dec('30') } }], {
        perSession: levels(dec('500'), dec('500'), dec('500')),
        sessions: levels(8, 8, 8),
      }),
    ).options[0]!;
    expect(option.levels.typical.courseTotal.toFixed(2)).toBe('2800.00');
    expect(option.breakEvenSessions).toBe(6);
  });

  it('is the smallest k with k × perSession >= the prepaid total, and never more than the course (fast-check)', () => {
    fc.assert(
      fc.property(inputArb, percentArb, (g, p) => {
        const option = compareScenarios(toInput(g, [{ name: 'prepaid', package: { kind: 'prepaid-course', discountPercent: p } }])).options[0]!;
        const { courseTotal, perSession, sessions } = option.levels.typical;
        const k = option.breakEvenSessions!;
        expect(perSession.times(k).gte(courseTotal)).toBe(true);
        if (k > 0) expect(perSession.times(k - 1).lt(courseTotal)).toBe(true);
        expect(k).toBeLessThanOrEqual(sessions);
      }),
      RUNS,
    );
  });

  it('only prepaid courses have one; a free session price has none', () => {
    const options = compareScenarios(
      baseInput([
        { name: 'new patient', package: { kind: 'new-patient', discountPercent: dec('20') } },
        { name: 'buy 4 get 1', package: { kind: 'buy-n-get-m', buy: 4, free: 1 } },
      ]),
    ).options;
    for (const option of options) expect(option.breakEvenSessions).toBeUndefined();
    expect(breakEvenSessions(dec('0'), dec('0'))).toBeUndefined();
  });
});

describe('financing in a scenario', () => {
  const financing: FinancingTerms = { aprPercent: dec('9.99'), months: 24, downPayment: dec('200.00') };

  it('finances each level\'s course total: summaries at every level, the full schedule for the typical level', () => {
    const option = compareScenarios(
      baseInput([{ name: 'prepaid and financed', package: { kind: 'prepaid-course', discountPercent: dec('12') }, financing }]),
    ).options[0]!;
    for (const level of LEVELS) {
      const row = option.levels[level];
      const plan = financingPlan(row.courseTotal, financing, 2);
      expect(row.financing).toEqual({ financed: plan.financed, monthlyPayment: plan.monthlyPayment, totalInterest: plan.totalInterest, totalPaid: plan.totalPaid });
    }
    expect(option.financingPlan?.schedule).toHaveLength(24);
    expect(option.financingPlan?.financed.toFixed(2)).toBe('1384.00'); // 1584.00 − 200.00
    expect(option.financing).toBe(financing);
  });

  it('interest is a cost: financing alone has negative savings equal to minus the interest; at 0% APR savings are 0', () => {
    const [interest, free] = compareScenarios(
      baseInput([
        { name: 'financed', financing },
        { name: 'interest free', financing: { aprPercent: dec('0'), months: 12, downPayment: dec('0') } },
      ]),
    ).options;
    for (const level of LEVELS) {
      const row = interest!.levels[level];
      expect(row.savings.eq(row.financing!.totalInterest.neg())).toBe(true);
      expect(row.savings.isNegative()).toBe(true);
      expect(free!.levels[level].savings.isZero()).toBe(true);
    }
  });

  it('passes the plans\' warnings on: one that every level has once, as it is (deferred interest)', () => {
    const option = compareScenarios(
      baseInput([{ name: 'promo', financing: { aprPercent: dec('26.99'), months: 12, downPayment: dec('0'), deferredInterest: true } }]),
    ).options[0]!;
    expect(option.warnings).toEqual([DEFERRED_INTEREST_WARNING]);
  });

  it('flags every level\'s plan, not only the typical one, each warning after the levels it concerns', () => {
    // JPY, one session: 38,583 / 120,000 / 205,326 financed at 99.99% over 119 months, half-up.
    const option = compareScenarios({
      perSession: levels(dec('38583'), dec('120000'), dec('205326')),
      sessions: levels(1, 1, 1),
      minorUnits: 0,
      horizonMonths: 0,
      maintenanceSessionsPerYear: 0,
      options: [{ name: 'dear', financing: { aprPercent: dec('99.99'), months: 119, downPayment: dec('0'), paymentRounding: 'half-up' } }],
    }).options[0]!;
    expect(option.warnings).toEqual([
      "Low level: The monthly payment of 3215 only covers the first month's interest of 3215: the balance does not go down, and the last payment has to repay it.",
      'Low level: The last payment, in month 119, is 41798: 13 times the regular payment of 3215.',
      "Typical level: The monthly payment, rounded to the currency's smallest unit, pays the balance off in 117 months instead of 119.",
      'High level: The last payment, in month 119, is 30808: 1.8 times the regular payment of 17110.',
    ]);
    expect(LEVELS.map((l) => option.levels[l].financing!.monthlyPayment.toFixed())).toEqual(['3215', '10000', '17110']);
  });

  it('names two levels together when they share a warning: a down payment covering the low course, deferred interest on the others', () => {
    const option = compareScenarios(
      baseInput([{ name: 'promo', financing: { aprPercent: dec('10'), months: 12, downPayment: dec('1000'), deferredInterest: true } }]),
    ).options[0]!;
    // Courses 900.00 / 1800.00 / 3600.00
    expect(option.warnings).toEqual([
      'Low level: The down payment is more than the price: nothing is financed, and only the price is paid.',
      `Typical and high levels: ${DEFERRED_INTEREST_WARNING}`,
    ]);
  });

  it('keeps the options in the order given, with their names and package descriptions', () => {
    const result = compareScenarios(
      baseInput([
        { name: 'b', package: { kind: 'new-patient', discountPercent: dec('20') } },
        { name: 'a', package: { kind: 'prepaid-course', discountPercent: dec('12') } },
      ]),
    );
    expect(result.options.map((o) => [o.name, o.description])).toEqual([
      ['b', 'New-patient offer: 20% off the first session'],
      ['a', 'Prepaid course: 12% off the whole course'],
    ]);
    expect(result.horizonMonths).toBe(24);
    expect(result.maintenanceSessionsPerYear).toBe(2);
  });
});

// src/domain/packages.ts: what a course costs before and after a package deal, per kind, with the
// one extra rounding of a percent discount; the laws every deal obeys; the defaults in
// data/packages.json and their grounds in the calibration prices.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec, roundToMinorUnits } from '../../src/domain/money.js';
import {
  applyPackage,
  defaultPackageSpec,
  describePackage,
  freeSessions,
  MAX_BUY,
  MAX_PERCENT,
  MIN_BUY,
  MIN_FREE,
  PACKAGE_KINDS,
  payableUnits,
  type PackageAmounts,
  type PackageSpec,
} from '../../src/domain/packages.js';
import { DataError, loadDataFromTexts } from '../../src/data/load.js';
import { committedCatalog, committedData, textsWith, type LooseJson } from '../fixtures/committed-data.js';

const RUNS = { numRuns: 500 };

/** The amounts as strings, for readable comparisons. */
const strings = (a: PackageAmounts): Record<string, string | number> => ({
  listTotal: a.listTotal.toFixed(),
  discount: a.discount.toFixed(),
  total: a.total.toFixed(),
  effectivePerSession: a.effectivePerSession.toFixed(),
  freeSessions: a.freeSessions,
});

describe('applyPackage: one example per kind', () => {
  it('none: the list total, no discount, the list price per session', () => {
    expect(strings(applyPackage(dec('360'), 5, { kind: 'none' }, 2))).toEqual({
      listTotal: '1800',
      discount: '0',
      total: '1800',
      effectivePerSession: '360',
      freeSessions: 0,
    });
  });

  it('prepaid-course: 12% off the whole course of 5 × 360.00 is 216.00 off 1800.00', () => {
    expect(strings(applyPackage(dec('360'), 5, { kind: 'prepaid-course', discountPercent: dec('12') }, 2))).toEqual({
      listTotal: '1800',
      discount: '216',
      total: '1584',
      effectivePerSession: '316.8',
      freeSessions: 0,
    });
  });

  it('buy-n-get-m: buy 5 get 1 free with 6 sessions of 400.00 makes one session free', () => {
    expect(strings(applyPackage(dec('400'), 6, { kind: 'buy-n-get-m', buy: 5, free: 1 }, 2))).toEqual({
      listTotal: '2400',
      discount: '400',
      total: '2000',
      effectivePerSession: '333.33',
      freeSessions: 1,
    });
  });

  it('new-patient: 20% off the first of 8 sessions of 500.00 is 100.00 off', () => {
    expect(strings(applyPackage(dec('500'), 8, { kind: 'new-patient', discountPercent: dec('20') }, 2))).toEqual({
      listTotal: '4000',
      discount: '100',
      total: '3900',
      effectivePerSession: '487.5',
      freeSessions: 0,
    });
  });

  it('the calibration example: the Malta clinic\'s 2-session package is 12.3% off 2 × EUR 199', () => {
    const twoSessions = applyPackage(dec('199'), 2, { kind: 'prepaid-course', discountPercent: dec('12.312') }, 2);
    expect(twoSessions.total.toFixed(2)).toBe('349.00'); // 398.00 − round(49.00176) = 349.00
  });

  it('100% off: a prepaid course that is free, a first session that is free', () => {
    expect(applyPackage(dec('250'), 4, { kind: 'prepaid-course', discountPercent: dec('100') }, 2).total.isZero()).toBe(true);
    expect(applyPackage(dec('250'), 4, { kind: 'new-patient', discountPercent: dec('100') }, 2).total.toFixed()).toBe('750');
  });

  it('0% off changes nothing', () => {
    const plain = strings(applyPackage(dec('333.33'), 7, { kind: 'none' }, 2));
    expect(strings(applyPackage(dec('333.33'), 7, { kind: 'prepaid-course', discountPercent: dec('0') }, 2))).toEqual(plain);
    expect(strings(applyPackage(dec('333.33'), 7, { kind: 'new-patient', discountPercent: dec('0') }, 2))).toEqual(plain);
  });

  it('refuses a course of no sessions or a fractional one (an invariant, validated at the edge)', () => {
    expect(() => applyPackage(dec('100'), 0, { kind: 'new-patient', discountPercent: dec('20') }, 2)).toThrow(RangeError);
    expect(() => applyPackage(dec('100'), 2.5, { kind: 'none' }, 2)).toThrow(RangeError);
  });
});

describe('applyPackage: rounding', () => {
  it('a percent discount is rounded half-up to the minor units, once', () => {
    // 3 × 33.33 = 99.99; 12.5% of it is 12.49875 → 12.50
    const a = applyPackage(dec('33.33'), 3, { kind: 'prepaid-course', discountPercent: dec('12.5') }, 2);
    expect(a.discount.toFixed()).toBe('12.5');
    expect(a.total.toFixed()).toBe('87.49');
    // a tie goes up: 10% of 0.05 × 1 = 0.005 → 0.01
    expect(applyPackage(dec('0.05'), 1, { kind: 'new-patient', discountPercent: dec('10') }, 2).discount.toFixed()).toBe('0.01');
  });

  it('in a zero-decimal currency (JPY) every amount is whole', () => {
    const a = applyPackage(dec('54491'), 5, { kind: 'prepaid-course', discountPercent: dec('12') }, 0);
    // 272455 × 0.12 = 32694.6 → 32695
    expect(strings(a)).toEqual({ listTotal: '272455', discount: '32695', total: '239760', effectivePerSession: '47952', freeSessions: 0 });
    const np = applyPackage(dec('54491'), 5, { kind: 'new-patient', discountPercent: dec('20') }, 0);
    expect(np.discount.toFixed()).toBe('10898'); // 10898.2 → 10898
  });

  it('in a three-decimal currency (KWD, BHD) amounts keep three decimals', () => {
    const a = applyPackage(dec('95.125'), 3, { kind: 'prepaid-course', discountPercent: dec('12') }, 3);
    // 285.375 × 0.12 = 34.245 exactly
    expect(a.discount.toFixed()).toBe('34.245');
    expect(a.effectivePerSession.toFixed()).toBe('83.71'); // 251.13 / 3
  });

  it('the effective price per session is the total over the sessions, rounded half-up', () => {
    const a = applyPackage(dec('100'), 3, { kind: 'new-patient', discountPercent: dec('50') }, 2);
    expect(a.total.toFixed()).toBe('250');
    expect(a.effectivePerSession.toFixed()).toBe('83.33');
  });
});

describe('freeSessions: every complete group of buy + free sessions has free at no charge', () => {
  it.each([
    [6, 5, 1, 1],
    [5, 5, 1, 0],
    [12, 5, 1, 2],
    [11, 5, 1, 1],
    [1, 5, 1, 0],
    [5, 4, 1, 1],
    [8, 4, 1, 1],
    [10, 4, 1, 2],
    [8, 6, 2, 2],
    [7, 6, 2, 0],
    [14, 10, 4, 4],
    [13, 10, 4, 0],
    [28, 10, 4, 8],
  ])('%i sessions, buy %i get %i: %i free', (sessions, buy, free, expected) => {
    expect(freeSessions(sessions, buy, free)).toBe(expected);
    const a = applyPackage(dec('100'), sessions, { kind: 'buy-n-get-m', buy, free }, 2);
    expect(a.freeSessions).toBe(expected);
    expect(a.discount.eq(100 * expected)).toBe(true);
  });

  it('is floor(n / (buy + free)) × free for every course up to 60 sessions (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: MIN_BUY, max: 30 }), fc.integer({ min: MIN_FREE, max: 29 }), (n, buy, free) => {
        fc.pre(free < buy);
        // counted one session at a time: session i is free when it is past the paid part of its
        // group and its group is complete
        const group = buy + free;
        let counted = 0;
        for (let i = 1; i <= n; i += 1) {
          const positionInGroup = ((i - 1) % group) + 1;
          const groupComplete = Math.ceil(i / group) * group <= n;
          if (positionInGroup > buy && groupComplete) counted += 1;
        }
        expect(freeSessions(n, buy, free)).toBe(counted);
      }),
      RUNS,
    );
  });
});

// Generators for the laws.
const minorUnitsArb = fc.constantFrom(0, 2, 3);
/** A per-session price already rounded to `minorUnits` (as estimate() gives it): 0 to 100000. */
const perSessionArb = (minorUnits: number): fc.Arbitrary<Decimal> =>
  fc.integer({ min: 0, max: 100_000 * 10 ** minorUnits }).map((units) => dec(units).div(10 ** minorUnits));
const percentArb = fc.integer({ min: 0, max: MAX_PERCENT * 100 }).map((hundredths) => dec(hundredths).div(100));
const specArb: fc.Arbitrary<PackageSpec> = fc.oneof(
  fc.constant<PackageSpec>({ kind: 'none' }),
  percentArb.map((p): PackageSpec => ({ kind: 'prepaid-course', discountPercent: p })),
  fc
    .integer({ min: MIN_BUY, max: MAX_BUY })
    .chain((buy) => fc.integer({ min: MIN_FREE, max: buy - 1 }).map((free): PackageSpec => ({ kind: 'buy-n-get-m', buy, free }))),
  percentArb.map((p): PackageSpec => ({ kind: 'new-patient', discountPercent: p })),
);
const caseArb = minorUnitsArb.chain((minorUnits) =>
  fc.record({ minorUnits: fc.constant(minorUnits), perSession: perSessionArb(minorUnits), sessions: fc.integer({ min: 1, max: 30 }), spec: specArb }),
);

describe('package laws (fast-check, 500 runs each)', () => {
  it('the discount is never negative and never raises a price: 0 <= total <= listTotal, effectivePerSession <= perSession', () => {
    fc.assert(
      fc.property(caseArb, ({ minorUnits, perSession, sessions, spec }) => {
        const a = applyPackage(perSession, sessions, spec, minorUnits);
        expect(a.listTotal.eq(perSession.times(sessions))).toBe(true);
        expect(a.discount.gte(0)).toBe(true);
        expect(a.total.eq(a.listTotal.minus(a.discount))).toBe(true);
        expect(a.total.lte(a.listTotal)).toBe(true);
        expect(a.total.gte(0)).toBe(true);
        expect(a.effectivePerSession.lte(perSession)).toBe(true);
        expect(a.effectivePerSession.gte(0)).toBe(true);
      }),
      RUNS,
    );
  });

  it('every amount is a whole number of minor units', () => {
    fc.assert(
      fc.property(caseArb, ({ minorUnits, perSession, sessions, spec }) => {
        const a = applyPackage(perSession, sessions, spec, minorUnits);
        for (const amount of [a.listTotal, a.discount, a.total, a.effectivePerSession]) {
          expect(amount.decimalPlaces()).toBeLessThanOrEqual(minorUnits);
        }
      }),
      RUNS,
    );
  });

  it('perSession × payableUnits is the total exactly for none and buy-n-get-m, and the total before rounding for the percent kinds', () => {
    fc.assert(
      fc.property(caseArb, ({ minorUnits, perSession, sessions, spec }) => {
        const a = applyPackage(perSession, sessions, spec, minorUnits);
        const unrounded = perSession.times(payableUnits(sessions, spec));
        if (spec.kind === 'none' || spec.kind === 'buy-n-get-m') {
          expect(unrounded.eq(a.total)).toBe(true);
        } else {
          // total = listTotal − round(exact discount), and exact discount = listTotal − unrounded
          expect(a.total.eq(a.listTotal.minus(roundToMinorUnits(a.listTotal.minus(unrounded), minorUnits)))).toBe(true);
          expect(a.total.minus(unrounded).abs().lte(dec(1).div(10 ** minorUnits).div(2))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('a dearer session never makes the deal cheaper (monotone in the per-session price)', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 10_000 }), ({ minorUnits, perSession, sessions, spec }, extraUnits) => {
        const dearer = perSession.plus(dec(extraUnits).div(10 ** minorUnits));
        const a = applyPackage(perSession, sessions, spec, minorUnits);
        const b = applyPackage(dearer, sessions, spec, minorUnits);
        expect(a.total.lte(b.total)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('payableUnits', () => {
  it.each([
    [5, { kind: 'none' }, '5'],
    [5, { kind: 'prepaid-course', discountPercent: dec('12') }, '4.4'],
    [12, { kind: 'buy-n-get-m', buy: 5, free: 1 }, '10'],
    [8, { kind: 'new-patient', discountPercent: dec('20') }, '7.8'],
  ] as const)('%i sessions under %o: %s payable sessions', (sessions, spec, expected) => {
    expect(payableUnits(sessions, spec as PackageSpec).toFixed()).toBe(expected);
  });
});

describe('describePackage: plain words for the adjustments list', () => {
  it.each([
    [{ kind: 'none' }, 'No package: every session paid at the list price'],
    [{ kind: 'prepaid-course', discountPercent: dec('12') }, 'Prepaid course: 12% off the whole course'],
    [{ kind: 'prepaid-course', discountPercent: dec('12.50') }, 'Prepaid course: 12.5% off the whole course'],
    [{ kind: 'buy-n-get-m', buy: 5, free: 1 }, 'Buy 5, get 1 free: in every complete group of 6 sessions, 1 session at no charge'],
    [{ kind: 'buy-n-get-m', buy: 6, free: 2 }, 'Buy 6, get 2 free: in every complete group of 8 sessions, 2 sessions at no charge'],
    [{ kind: 'new-patient', discountPercent: dec('20') }, 'New-patient offer: 20% off the first session'],
  ] as const)('%o: "%s"', (spec, expected) => {
    expect(describePackage(spec as PackageSpec)).toBe(expected);
  });
});

describe('the package defaults in data/packages.json', () => {
  const { packages } = committedCatalog();
  const calibration = (): string => committedData().files['packages.json'].kinds.map((k) => JSON.stringify(k)).join('\n');

  it('list every kind once, in the engine\'s order, with sources that exist', () => {
    expect([...packages.kinds.keys()]).toEqual([...PACKAGE_KINDS]);
    const sources = committedCatalog().sources;
    for (const kind of packages.kinds.values()) {
      for (const id of [...kind.sources, ...kind.defaultSources]) expect(sources.has(id), `${kind.id}: ${id}`).toBe(true);
    }
    for (const id of packages.financing.sources) expect(sources.has(id)).toBe(true);
  });

  it('prepaid course: 12%, between the Malta clinic\'s 2- and 3-session discounts off EUR 199 and inside the README\'s 8-16%', () => {
    const p = packages.defaults.prepaidCourse.discountPercent;
    expect(p.value.toFixed()).toBe('12');
    expect(p.source).toBe('observed-prices');
    const twoSessions = dec(1).minus(dec(349).div(398)).times(100); // 12.31%
    const threeSessions = dec(1).minus(dec(499).div(597)).times(100); // 16.42%
    expect(p.value.gte(8) && p.value.lte(16)).toBe(true);
    expect(p.value.lte(twoSessions) && twoSessions.lt(threeSessions)).toBe(true);
    expect(calibration()).toContain('349/398');
  });

  it('buy-n-get-m: buy 4 get 1, the smallest observed free-session deal (20%; the others are 25% and 28.6%)', () => {
    const { buy, free } = packages.defaults.buyNGetM;
    expect([buy.value, free.value]).toEqual([4, 1]);
    const share = (b: number, f: number): Decimal => dec(f).div(b + f).times(100);
    expect(share(4, 1).toFixed()).toBe('20');
    expect(share(6, 2).toFixed()).toBe('25');
    expect(share(10, 4).toFixed(1)).toBe('28.6');
    expect(share(buy.value, free.value).gte(17) && share(buy.value, free.value).lte(29)).toBe(true);
  });

  it('new-patient: 20% off the first session, marked as an assumption with its reason', () => {
    const p = packages.defaults.newPatient.discountPercent;
    expect(p.value.toFixed()).toBe('20');
    const source = committedCatalog().sources.get(p.source);
    expect(source?.kind).toBe('assumption');
    expect(packages.kinds.get('new-patient')?.sources).toContain('seed-000-special-offers');
  });

  it('defaultPackageSpec fills each kind from the defaults', () => {
    expect(defaultPackageSpec('none', packages.defaults)).toEqual({ kind: 'none' });
    const prepaid = defaultPackageSpec('prepaid-course', packages.defaults);
    expect(prepaid.kind === 'prepaid-course' && prepaid.discountPercent.toFixed()).toBe('12');
    expect(defaultPackageSpec('buy-n-get-m', packages.defaults)).toEqual({ kind: 'buy-n-get-m', buy: 4, free: 1 });
    const np = defaultPackageSpec('new-patient', packages.defaults);
    expect(np.kind === 'new-patient' && np.discountPercent.toFixed()).toBe('20');
  });

  it('the maintenance default is not duplicated here: it stays in data/treatments.json', () => {
    expect(calibration()).not.toMatch(/sessionsPerYear/);
    for (const t of committedCatalog().treatments.values()) expect(t.maintenance.sessionsPerYear).toBeGreaterThan(0);
  });
});

describe('data/packages.json is refused when a default is outside the limits the engine assumes', () => {
  const kindAt = (json: LooseJson, id: string): LooseJson => json.kinds.find((k: LooseJson) => k.id === id);
  const refusal = (mutate: (json: LooseJson) => void): DataError => {
    try {
      loadDataFromTexts(textsWith('packages.json', mutate));
    } catch (error) {
      if (error instanceof DataError) return error;
      throw error;
    }
    throw new Error('expected a DataError');
  };

  interface Case {
    name: string;
    mutate: (json: LooseJson) => void;
    record: string;
    field: string;
    problem: RegExp;
  }
  const buyNGetM = (json: LooseJson): LooseJson => kindAt(json, 'buy-n-get-m').defaults;
  const cases: Case[] = [
    { name: 'free not below buy', mutate: (j) => void (buyNGetM(j).free.value = 4), record: "'buy-n-get-m'", field: 'defaults.free.value', problem: /below buy/ },
    { name: 'buy of 1', mutate: (j) => void (buyNGetM(j).buy.value = 1), record: "'buy-n-get-m'", field: 'defaults.buy.value', problem: /between 2/ },
    { name: 'free of 0', mutate: (j) => void (buyNGetM(j).free.value = 0), record: "'buy-n-get-m'", field: 'defaults.free.value', problem: /at least 1/ },
    {
      name: 'a percent above 100',
      mutate: (j) => void (kindAt(j, 'prepaid-course').defaults.discountPercent.value = '112'),
      record: "'prepaid-course'",
      field: 'defaults.discountPercent.value',
      problem: /between 0 and 100/,
    },
    {
      name: 'a percent written as a JSON number',
      mutate: (j) => void (kindAt(j, 'new-patient').defaults.discountPercent.value = 20),
      record: "'new-patient'",
      field: 'defaults.discountPercent.value',
      problem: /string/,
    },
    {
      name: 'a kind citing an unknown source',
      mutate: (j) => void kindAt(j, 'new-patient').sources.push('seed-999-made-up'),
      record: "'new-patient'",
      field: 'sources.1',
      problem: /seed-999-made-up/,
    },
    {
      name: 'a default citing an unknown source',
      mutate: (j) => void (kindAt(j, 'prepaid-course').defaults.discountPercent.source = 'made-up'),
      record: "'prepaid-course'",
      field: 'defaults.discountPercent.source',
      problem: /made-up/,
    },
    { name: 'a kind listed twice', mutate: (j) => void j.kinds.push(structuredClone(kindAt(j, 'none'))), record: "'none'", field: 'id', problem: /duplicate/ },
    {
      name: 'a kind missing',
      mutate: (j) => void (j.kinds = j.kinds.filter((k: LooseJson) => k.id !== 'new-patient')),
      record: 'kinds',
      field: 'id',
      problem: /'new-patient' is missing/,
    },
  ];

  it.each(cases)('$name: names packages.json, the record and $field', ({ mutate, record, field, problem }) => {
    const error = refusal(mutate);
    expect(error.file).toBe('packages.json');
    expect(error.record).toContain(record);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(problem);
  });
});

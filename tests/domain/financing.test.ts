// src/domain/financing.ts: the standard amortisation in decimal arithmetic, checked against a
// published example and two independent computations, and schedules that sum to the minor unit.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFERRED_INTEREST_WARNING,
  financingPlan,
  MAX_MONTHS,
  MIN_MONTHS,
  monthlyPayment,
  type FinancingPlan,
  type FinancingTerms,
} from '../../src/domain/financing.js';
import { dec, Dec, roundToMinorUnits } from '../../src/domain/money.js';

const RUNS = { numRuns: 400 };

const terms = (aprPercent: string, months: number, downPayment = '0', deferredInterest?: boolean): FinancingTerms =>
  deferredInterest === undefined
    ? { aprPercent: dec(aprPercent), months, downPayment: dec(downPayment) }
    : { aprPercent: dec(aprPercent), months, downPayment: dec(downPayment), deferredInterest };

const sum = (values: readonly Decimal[]): Decimal => values.reduce((a, b) => a.plus(b), new Dec(0));

describe('monthly payment: the standard formula P·r / (1 − (1 + r)^−n)', () => {
  it('the published example: $10,000 at 6% APR over 60 months is $193.33 a month', () => {
    expect(monthlyPayment(dec('10000'), dec('6'), 60, 2).toFixed(2)).toBe('193.33');
    const plan = financingPlan(dec('10000.00'), terms('6', 60), 2);
    expect(plan.monthlyPayment.toFixed(2)).toBe('193.33');
    expect(plan.schedule).toHaveLength(60);
    // 60 × 193.33 = 11599.80; the last payment absorbs the rounding of the payment and of the interest
    expect(plan.totalPaid.toFixed(2)).toBe(sum(plan.schedule.map((r) => r.payment)).toFixed(2));
    expect(plan.totalInterest.toFixed(2)).toBe(plan.totalPaid.minus(10000).toFixed(2));
    expect(plan.totalInterest.minus('1599.68').abs().lte('0.10')).toBe(true); // 60 × 193.328 − 10000 = 1599.68
  });

  it('more textbook cases: $200,000 at 6.5% over 360 months would be $1,264.14; $25,000 at 4.5% over 48 is $570.09', () => {
    expect(monthlyPayment(dec('200000'), dec('6.5'), 360, 2).toFixed(2)).toBe('1264.14');
    expect(monthlyPayment(dec('25000'), dec('4.5'), 48, 2).toFixed(2)).toBe('570.09');
  });

  it('in a zero-decimal currency the payment is whole: JPY 10,000 at 6% over 60 months is JPY 193', () => {
    expect(monthlyPayment(dec('10000'), dec('6'), 60, 0).toFixed()).toBe('193');
  });

  it('in a three-decimal currency the payment keeps three decimals: 10,000 at 6% over 60 is 193.328', () => {
    expect(monthlyPayment(dec('10000'), dec('6'), 60, 3).toFixed()).toBe('193.328');
  });

  // Generated terms: APR 0-99.99 with two decimals, 1-120 months, 1.00-100000.00 financed.
  const aprArb = fc.integer({ min: 1, max: 9999 }).map((hundredths) => dec(hundredths).div(100));
  const paymentCaseArb = fc.record({
    minorUnits: fc.constantFrom(0, 2, 3),
    apr: aprArb,
    months: fc.integer({ min: MIN_MONTHS, max: MAX_MONTHS }),
    cents: fc.integer({ min: 100, max: 10_000_000 }),
  });

  it('agrees with the same formula in JavaScript numbers to within rounding (fast-check)', () => {
    fc.assert(
      fc.property(paymentCaseArb, ({ minorUnits, apr, months, cents }) => {
        const principal = dec(cents).div(100);
        const r = apr.toNumber() / 1200;
        const js = (principal.toNumber() * r) / (1 - (1 + r) ** -months);
        const scaled = js * 10 ** minorUnits;
        const fraction = scaled - Math.floor(scaled);
        fc.pre(Math.abs(fraction - 0.5) > 1e-6); // too close to a tie for binary floating point to decide
        const payment = monthlyPayment(principal, apr, months, minorUnits);
        expect(payment.times(10 ** minorUnits).toNumber()).toBe(Math.floor(scaled + 0.5));
      }),
      RUNS,
    );
  });

  it('rounds a payment lying exactly on a half minor unit up (one month at 77.55% APR on 100,000: 106,462.5)', () => {
    // A case the property below found: through (1 + r)^−n the payment came out a hair under the tie.
    expect(monthlyPayment(dec('100000'), dec('77.55'), 1, 0).toString()).toBe('106463');
    expect(monthlyPayment(dec('100000'), dec('77.55'), 1, 2).toString()).toBe('106462.5');
  });

  it('equals an independent decimal solution: the payment that leaves no balance after n months, by summing the geometric series', () => {
    // Unrounded balance after n months: P(1 + r)^n − pay × Σ_{k<n} (1 + r)^k = 0.
    fc.assert(
      fc.property(paymentCaseArb, ({ minorUnits, apr, months, cents }) => {
        const principal = dec(cents).div(100);
        const growth = apr.div(1200).plus(1);
        let factor = new Dec(1);
        let series = new Dec(0);
        for (let k = 0; k < months; k += 1) {
          series = series.plus(factor);
          factor = factor.times(growth);
        }
        const exact = principal.times(factor).div(series);
        expect(monthlyPayment(principal, apr, months, minorUnits).eq(roundToMinorUnits(exact, minorUnits))).toBe(true);
      }),
      RUNS,
    );
  });
});

/** Every schedule invariant; `price` and `down` as given to financingPlan. */
function expectExactSchedule(plan: FinancingPlan, price: Decimal, t: FinancingTerms, minorUnits: number): void {
  const down = Decimal.min(t.downPayment, price);
  const unit = dec(1).div(10 ** minorUnits);
  expect(plan.financed.eq(price.minus(down))).toBe(true);
  expect(sum(plan.schedule.map((row) => row.principal)).eq(plan.financed)).toBe(true);
  expect(sum(plan.schedule.map((row) => row.payment)).plus(down).eq(plan.totalPaid)).toBe(true);
  expect(sum(plan.schedule.map((row) => row.interest)).eq(plan.totalInterest)).toBe(true);
  expect(plan.totalPaid.eq(price.plus(plan.totalInterest))).toBe(true);
  expect(plan.schedule.length).toBeLessThanOrEqual(t.months);
  // Row checks collect faults instead of asserting one by one: a thousand schedules of up to 120 rows.
  const faults: string[] = [];
  let balance = plan.financed;
  plan.schedule.forEach((row, i) => {
    const fault = (what: string): void => {
      faults.push(`month ${row.month}: ${what}`);
    };
    if (row.month !== i + 1) fault('out of order');
    // balance × APR / 1200, multiplied first: r = APR/1200 rounded to 40 digits can tip a half-cent.
    if (!row.interest.eq(roundToMinorUnits(balance.times(t.aprPercent).div(1200), minorUnits))) fault('interest is not round(balance × APR / 1200)');
    if (!row.payment.eq(row.interest.plus(row.principal))) fault('payment is not interest + principal');
    if (!row.balance.eq(balance.minus(row.principal))) fault('balance is not the previous balance − principal');
    for (const amount of [row.payment, row.interest, row.principal, row.balance]) {
      if (amount.isNegative()) fault(`negative amount ${amount.toFixed()}`);
      if (!amount.div(unit).isInteger()) fault(`${amount.toFixed()} is not a whole number of minor units`);
    }
    if (i < plan.schedule.length - 1 && !row.payment.eq(plan.monthlyPayment)) fault('a payment before the last differs from the monthly payment');
    balance = row.balance;
  });
  expect(faults).toEqual([]);
  if (plan.schedule.length > 0) expect(plan.schedule.at(-1)!.balance.isZero()).toBe(true);
  else expect(plan.financed.isZero()).toBe(true);
}

describe('the schedule sums exactly', () => {
  const scheduleCaseArb = fc.constantFrom(0, 2, 3).chain((minorUnits) =>
    fc
      .record({
        minorUnits: fc.constant(minorUnits),
        apr: fc.integer({ min: 0, max: 9999 }).map((h) => dec(h).div(100)),
        months: fc.integer({ min: MIN_MONTHS, max: MAX_MONTHS }),
        // 1 to 100000 in the currency's minor units
        priceUnits: fc.integer({ min: 10 ** minorUnits, max: 100_000 * 10 ** minorUnits }),
        downShare: fc.double({ min: 0, max: 1.1, noNaN: true }),
        deferredInterest: fc.option(fc.boolean(), { nil: undefined }),
      })
      .map(({ priceUnits, downShare, apr, months, deferredInterest }) => {
        const scale = 10 ** minorUnits;
        const price = dec(priceUnits).div(scale);
        const down = dec(Math.floor(priceUnits * downShare)).div(scale); // 0 to 110% of the price
        const t: FinancingTerms = { aprPercent: apr, months, downPayment: down };
        if (deferredInterest !== undefined) t.deferredInterest = deferredInterest;
        return { minorUnits, price, terms: t };
      }),
  );

  it('Σ principal = financed, Σ payments + down payment = total paid, last balance 0, nothing negative (fast-check)', () => {
    fc.assert(
      fc.property(scheduleCaseArb, ({ minorUnits, price, terms: t }) => {
        expectExactSchedule(financingPlan(price, t, minorUnits), price, t, minorUnits);
      }),
      { numRuns: 1000 },
    );
  });

  it('the published example\'s schedule: first row and last row', () => {
    const plan = financingPlan(dec('10000'), terms('6', 60), 2);
    const first = plan.schedule[0]!;
    expect([first.payment, first.interest, first.principal, first.balance].map((d) => d.toFixed(2))).toEqual(['193.33', '50.00', '143.33', '9856.67']);
    const last = plan.schedule.at(-1)!;
    expect(last.month).toBe(60);
    expect(last.balance.toFixed(2)).toBe('0.00');
    expectExactSchedule(plan, dec('10000'), terms('6', 60), 2);
  });

  it('a down payment reduces what is financed and counts towards the total paid', () => {
    const t = terms('9.99', 24, '200.00');
    const plan = financingPlan(dec('1800.00'), t, 2);
    expect(plan.financed.toFixed(2)).toBe('1600.00');
    expect(plan.monthlyPayment.toFixed(2)).toBe('73.82'); // 1600 · 0.008325 / (1 − 1.008325^−24) = 73.8245
    expectExactSchedule(plan, dec('1800.00'), t, 2);
  });
});

describe('0% APR is exact division, the last payment absorbing the remainder', () => {
  it('1000.00 over 3 months: 333.33, 333.33, 333.34, no interest', () => {
    const plan = financingPlan(dec('1000'), terms('0', 3), 2);
    expect(plan.schedule.map((r) => r.payment.toFixed(2))).toEqual(['333.33', '333.33', '333.34']);
    expect(plan.schedule.map((r) => r.balance.toFixed(2))).toEqual(['666.67', '333.34', '0.00']);
    expect(plan.totalInterest.isZero()).toBe(true);
    expect(plan.totalPaid.toFixed(2)).toBe('1000.00');
  });

  it('JPY 100,000 over 7 months: 14,286 six times (14,285.71 rounded half-up), then 14,284', () => {
    const plan = financingPlan(dec('100000'), terms('0', 7), 0);
    expect(plan.schedule.map((r) => r.payment.toFixed())).toEqual([...Array<string>(6).fill('14286'), '14284']);
    expect(plan.totalPaid.toFixed()).toBe('100000');
  });

  it('a division that comes out exactly needs no absorbing: 1200.00 over 12 is 100.00 each month', () => {
    const plan = financingPlan(dec('1200'), terms('0', 12), 2);
    expect(plan.schedule.every((r) => r.payment.eq(100))).toBe(true);
  });

  it('a payment rounded up on a tiny balance pays it off early, and says so: 1.00 over 120 months is 0.01 for 100 months', () => {
    const plan = financingPlan(dec('1.00'), terms('0', 120), 2);
    expect(plan.monthlyPayment.toFixed(2)).toBe('0.01');
    expect(plan.schedule).toHaveLength(100);
    expect(plan.warnings.join(' ')).toMatch(/pays the balance off in 100 months instead of 120/);
    expectExactSchedule(plan, dec('1.00'), terms('0', 120), 2);
  });
});

describe('edge cases and warnings', () => {
  it('a down payment that covers the price finances nothing: empty schedule, total paid = price', () => {
    for (const down of ['1800.00', '2500.00']) {
      const plan = financingPlan(dec('1800.00'), terms('9.99', 24, down), 2);
      expect(plan.financed.isZero()).toBe(true);
      expect(plan.schedule).toEqual([]);
      expect(plan.monthlyPayment.isZero()).toBe(true);
      expect(plan.totalInterest.isZero()).toBe(true);
      expect(plan.totalPaid.toFixed(2)).toBe('1800.00');
      expect(plan.warnings).toHaveLength(1);
      expect(plan.warnings[0]).toMatch(/nothing is financed/);
    }
  });

  it('one month: a single payment of the price and one month\'s interest', () => {
    const plan = financingPlan(dec('1000'), terms('12', 1), 2);
    expect(plan.schedule).toHaveLength(1);
    expect(plan.schedule[0]!.payment.toFixed(2)).toBe('1010.00');
    expect(plan.monthlyPayment.toFixed(2)).toBe('1010.00');
  });

  it('a deferred-interest promotion carries a plain warning of what happens if it is not paid off in time', () => {
    const plan = financingPlan(dec('1800'), terms('0', 12, '0', true), 2);
    expect(plan.warnings).toEqual([DEFERRED_INTEREST_WARNING]);
    expect(DEFERRED_INTEREST_WARNING).toMatch(/not paid|still unpaid/);
    expect(DEFERRED_INTEREST_WARNING).toMatch(/purchase date/);
    expect(financingPlan(dec('1800'), terms('0', 12, '0', false), 2).warnings).toEqual([]);
    expect(financingPlan(dec('1800'), terms('0', 12), 2).warnings).toEqual([]);
  });

  it('refuses a fractional or zero month count (an invariant, validated at the edge)', () => {
    expect(() => financingPlan(dec('100'), terms('5', 0), 2)).toThrow(RangeError);
    expect(() => financingPlan(dec('100'), terms('5', 1.5), 2)).toThrow(RangeError);
  });
});

// src/domain/financing.ts: the standard amortisation, checked against a published example and
// three independent computations (JavaScript numbers, a decimal geometric series, exact integers),
// in both payment roundings, and schedules that sum to the minor unit.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PAYMENT_ROUNDING,
  DEFERRED_INTEREST_WARNING,
  financingPlan,
  MAX_MONTHS,
  MIN_MONTHS,
  monthlyPayment,
  PAYMENT_ROUNDINGS,
  type FinancingPlan,
  type FinancingTerms,
  type PaymentRounding,
} from '../../src/domain/financing.js';
import { dec, Dec, roundToMinorUnits } from '../../src/domain/money.js';

const RUNS = { numRuns: 400 };

const terms = (aprPercent: string, months: number, downPayment = '0', deferredInterest?: boolean, paymentRounding?: PaymentRounding): FinancingTerms => ({
  aprPercent: dec(aprPercent),
  months,
  downPayment: dec(downPayment),
  ...(deferredInterest === undefined ? {} : { deferredInterest }),
  ...(paymentRounding === undefined ? {} : { paymentRounding }),
});
const halfUp = (aprPercent: string, months: number, downPayment = '0'): FinancingTerms => terms(aprPercent, months, downPayment, undefined, 'half-up');

const sum = (values: readonly Decimal[]): Decimal => values.reduce((a, b) => a.plus(b), new Dec(0));

describe('monthly payment: the standard formula P·r / (1 − (1 + r)^−n)', () => {
  it('rounds up by default, the lenders\' convention', () => {
    expect(DEFAULT_PAYMENT_ROUNDING).toBe('up');
    expect(PAYMENT_ROUNDINGS).toEqual(['up', 'half-up']);
  });

  it('the published example: $10,000 at 6% APR over 60 months is $193.33 a month (193.328, in either rounding)', () => {
    expect(monthlyPayment(dec('10000'), dec('6'), 60, 2, 'half-up').toFixed(2)).toBe('193.33');
    expect(monthlyPayment(dec('10000'), dec('6'), 60, 2, 'up').toFixed(2)).toBe('193.33');
    expect(monthlyPayment(dec('10000'), dec('6'), 60, 2).toFixed(2)).toBe('193.33');
    const plan = financingPlan(dec('10000.00'), terms('6', 60), 2);
    expect(plan.monthlyPayment.toFixed(2)).toBe('193.33');
    expect(plan.schedule).toHaveLength(60);
    // 60 × 193.33 = 11599.80; the last payment absorbs the rounding of the payment and of the interest
    expect(plan.totalPaid.toFixed(2)).toBe(sum(plan.schedule.map((r) => r.payment)).toFixed(2));
    expect(plan.totalInterest.toFixed(2)).toBe(plan.totalPaid.minus(10000).toFixed(2));
    expect(plan.totalInterest.minus('1599.68').abs().lte('0.10')).toBe(true); // 60 × 193.328 − 10000 = 1599.68
  });

  it('more textbook cases: $200,000 at 6.5% over 360 months would be $1,264.14 (1264.136…, $1,264.14 either way); $25,000 at 4.5% over 48 is $570.09 (570.0870…)', () => {
    expect(monthlyPayment(dec('200000'), dec('6.5'), 360, 2, 'half-up').toFixed(2)).toBe('1264.14');
    expect(monthlyPayment(dec('200000'), dec('6.5'), 360, 2, 'up').toFixed(2)).toBe('1264.14');
    expect(monthlyPayment(dec('25000'), dec('4.5'), 48, 2, 'half-up').toFixed(2)).toBe('570.09');
    expect(monthlyPayment(dec('25000'), dec('4.5'), 48, 2, 'up').toFixed(2)).toBe('570.09');
    // where the two differ: to the thousandth, 570.087 half-up and 570.088 up
    expect(monthlyPayment(dec('25000'), dec('4.5'), 48, 3, 'half-up').toFixed(3)).toBe('570.087');
    expect(monthlyPayment(dec('25000'), dec('4.5'), 48, 3, 'up').toFixed(3)).toBe('570.088');
  });

  it('in a zero-decimal currency the payment is whole: JPY 10,000 at 6% over 60 months is JPY 193 half-up, 194 up', () => {
    expect(monthlyPayment(dec('10000'), dec('6'), 60, 0, 'half-up').toFixed()).toBe('193');
    expect(monthlyPayment(dec('10000'), dec('6'), 60, 0, 'up').toFixed()).toBe('194');
  });

  it('in a three-decimal currency the payment keeps three decimals: 10,000 at 6% over 60 (193.32801…) is 193.328 half-up, 193.329 up', () => {
    expect(monthlyPayment(dec('10000'), dec('6'), 60, 3, 'half-up').toFixed()).toBe('193.328');
    expect(monthlyPayment(dec('10000'), dec('6'), 60, 3, 'up').toFixed()).toBe('193.329');
  });

  it('an exact payment is not rounded up: 1,200.00 over 12 months at 0% is 100.00; 201.00 over 2 months at 12% is exactly 102.01', () => {
    expect(monthlyPayment(dec('1200'), dec('0'), 12, 2, 'up').toFixed(2)).toBe('100.00');
    // 201 × 1.01² / 2.01 = 102.01 exactly
    expect(monthlyPayment(dec('201'), dec('12'), 2, 2, 'up').toFixed(2)).toBe('102.01');
    expect(monthlyPayment(dec('201'), dec('12'), 2, 3, 'up').toFixed(3)).toBe('102.010');
  });

  // Generated terms: APR 0-99.99 with two decimals, 1-120 months, 1.00-100000.00 financed.
  const aprArb = fc.integer({ min: 1, max: 9999 }).map((hundredths) => dec(hundredths).div(100));
  const paymentCaseArb = fc.record({
    minorUnits: fc.constantFrom(0, 2, 3),
    apr: aprArb,
    months: fc.integer({ min: MIN_MONTHS, max: MAX_MONTHS }),
    cents: fc.integer({ min: 100, max: 10_000_000 }),
  });

  it('agrees with the same formula in JavaScript numbers to within rounding, in both roundings (fast-check)', () => {
    fc.assert(
      fc.property(paymentCaseArb, fc.constantFrom(...PAYMENT_ROUNDINGS), ({ minorUnits, apr, months, cents }, rounding) => {
        const principal = dec(cents).div(100);
        const r = apr.toNumber() / 1200;
        const js = (principal.toNumber() * r) / (1 - (1 + r) ** -months);
        const scaled = js * 10 ** minorUnits;
        const fraction = scaled - Math.floor(scaled);
        // Too close to a tie (half-up) or a whole unit (up) for binary floating point to decide.
        fc.pre(rounding === 'half-up' ? Math.abs(fraction - 0.5) > 1e-6 : fraction > 1e-6 && fraction < 1 - 1e-6);
        const payment = monthlyPayment(principal, apr, months, minorUnits, rounding);
        expect(payment.times(10 ** minorUnits).toNumber()).toBe(rounding === 'half-up' ? Math.floor(scaled + 0.5) : Math.ceil(scaled));
      }),
      RUNS,
    );
  });

  it('rounds a payment lying exactly on a half minor unit up (one month at 77.55% APR on 100,000: 106,462.5)', () => {
    // A case the property below found: through (1 + r)^−n the payment came out a hair under the tie.
    expect(monthlyPayment(dec('100000'), dec('77.55'), 1, 0, 'half-up').toString()).toBe('106463');
    expect(monthlyPayment(dec('100000'), dec('77.55'), 1, 2, 'half-up').toString()).toBe('106462.5');
    // and rounded up, a payment exactly on a unit stays on it
    expect(monthlyPayment(dec('100000'), dec('77.55'), 1, 1, 'up').toString()).toBe('106462.5');
  });

  it('equals an independent decimal solution: the payment that leaves no balance after n months, by summing the geometric series', () => {
    // Unrounded balance after n months: P(1 + r)^n − pay × Σ_{k<n} (1 + r)^k = 0.
    fc.assert(
      fc.property(paymentCaseArb, fc.constantFrom(...PAYMENT_ROUNDINGS), ({ minorUnits, apr, months, cents }, rounding) => {
        const principal = dec(cents).div(100);
        const growth = apr.div(1200).plus(1);
        let factor = new Dec(1);
        let series = new Dec(0);
        for (let k = 0; k < months; k += 1) {
          series = series.plus(factor);
          factor = factor.times(growth);
        }
        const exact = principal.times(factor).div(series);
        const rounded = rounding === 'half-up' ? roundToMinorUnits(exact, minorUnits) : exact.toDecimalPlaces(minorUnits, Decimal.ROUND_CEIL);
        expect(monthlyPayment(principal, apr, months, minorUnits, rounding).eq(rounded)).toBe(true);
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
  if ((t.paymentRounding ?? DEFAULT_PAYMENT_ROUNDING) === 'up' && plan.schedule.length > 0) {
    expect(plan.schedule.at(-1)!.payment.lte(plan.monthlyPayment), 'rounded up, the last payment is never larger than the others').toBe(true);
  }
  // The same schedule, computed independently in integers of minor units.
  if (plan.schedule.length > 0) {
    const units = (v: Decimal): bigint => BigInt(v.times(10 ** minorUnits).toFixed(0));
    const reference = integerSchedule(units(plan.financed), t.aprPercent.toFixed(), t.months, t.paymentRounding ?? DEFAULT_PAYMENT_ROUNDING);
    expect(units(plan.monthlyPayment)).toBe(reference.payment);
    expect(plan.schedule.map((r) => [r.month, units(r.payment), units(r.interest), units(r.principal), units(r.balance)])).toEqual(
      reference.rows.map((r) => [r.month, r.payment, r.interest, r.principal, r.balance]),
    );
  }
}

/** round(num / den) half-up, and ceil(num / den), for num >= 0 and den > 0. */
const divHalfUp = (num: bigint, den: bigint): bigint => (2n * num + den) / (2n * den);
const divUp = (num: bigint, den: bigint): bigint => (num + den - 1n) / den;

/**
 * The independent integer reference, in minor units. APR a/d percent gives r = a/b with
 * b = 1200·d; the exact payment P·a·(b + a)^n / (b·((b + a)^n − b^n)) (P / n at 0%) is rounded
 * once, half-up or up; each month's interest is round(balance·a / b) half-up; the last month (or
 * one whose payment would overpay) clears the balance. Rounded up, the rule for a last payment
 * above the others is a payment one unit more, and one unit is always enough.
 */
function integerSchedule(financed: bigint, apr: string, months: number, rounding: PaymentRounding) {
  const [whole, frac = ''] = apr.split('.');
  const a = BigInt(`${whole}${frac}`);
  const b = 1200n * 10n ** BigInt(frac.length);
  const n = BigInt(months);
  const divide = rounding === 'up' ? divUp : divHalfUp;
  const exactPayment = a === 0n ? divide(financed, n) : divide(financed * a * (b + a) ** n, b * ((b + a) ** n - b ** n));
  const amortise = (payment: bigint) => {
    const rows: Array<{ month: number; payment: bigint; interest: bigint; principal: bigint; balance: bigint }> = [];
    let balance = financed;
    for (let month = 1; month <= months && balance > 0n; month += 1) {
      const interest = divHalfUp(balance * a, b);
      const principal = month === months || payment - interest >= balance ? balance : payment - interest;
      balance -= principal;
      rows.push({ month, payment: principal + interest, interest, principal, balance });
    }
    return rows;
  };
  let payment = exactPayment;
  let rows = amortise(payment);
  if (rounding === 'up' && rows.at(-1)!.payment > payment) {
    payment += 1n;
    rows = amortise(payment);
    expect(rows.at(-1)!.payment <= payment, 'one unit more is enough').toBe(true);
  }
  return { payment, rows };
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
        paymentRounding: fc.option(fc.constantFrom(...PAYMENT_ROUNDINGS), { nil: undefined }),
      })
      .map(({ priceUnits, downShare, apr, months, deferredInterest, paymentRounding }) => {
        const scale = 10 ** minorUnits;
        const price = dec(priceUnits).div(scale);
        const down = dec(Math.floor(priceUnits * downShare)).div(scale); // 0 to 110% of the price
        const t: FinancingTerms = { aprPercent: apr, months, downPayment: down };
        if (deferredInterest !== undefined) t.deferredInterest = deferredInterest;
        if (paymentRounding !== undefined) t.paymentRounding = paymentRounding;
        return { minorUnits, price, terms: t };
      }),
  );

  it('Σ principal = financed, Σ payments + down payment = total paid, last balance 0, nothing negative, equal to the integer reference, in both roundings (fast-check)', () => {
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
    // 1600 · 0.008325 / (1 − 1.008325^−24) = 73.8245: 73.83 rounded up (the default), 73.82 half-up
    for (const [t, payment] of [[terms('9.99', 24, '200.00'), '73.83'], [halfUp('9.99', 24, '200.00'), '73.82']] as const) {
      const plan = financingPlan(dec('1800.00'), t, 2);
      expect(plan.financed.toFixed(2)).toBe('1600.00');
      expect(plan.monthlyPayment.toFixed(2)).toBe(payment);
      expectExactSchedule(plan, dec('1800.00'), t, 2);
    }
  });

  it('rounded up, a payment whose interest roundings would still leave a larger last payment is one unit more: JPY 3,008 at 45.69% over 12 months', () => {
    expect(monthlyPayment(dec('3008'), dec('45.69'), 12, 0, 'up').toFixed()).toBe('317');
    const plan = financingPlan(dec('3008'), terms('45.69', 12), 0);
    expect(plan.monthlyPayment.toFixed()).toBe('318');
    expect(plan.schedule.at(-1)!.payment.toFixed()).toBe('303');
    expectExactSchedule(plan, dec('3008'), terms('45.69', 12), 0);
    // half-up keeps 317 and ends on a larger payment
    const half = financingPlan(dec('3008'), halfUp('45.69', 12), 0);
    expect(half.monthlyPayment.toFixed()).toBe('317');
    expect(half.schedule.at(-1)!.payment.gt(317)).toBe(true);
    expectExactSchedule(half, dec('3008'), halfUp('45.69', 12), 0);
  });
});

describe('0% APR is exact division, the last payment absorbing the remainder', () => {
  it('1000.00 over 3 months: 333.34, 333.34, 333.32 rounded up (the default); 333.33, 333.33, 333.34 half-up; no interest', () => {
    const plan = financingPlan(dec('1000'), terms('0', 3), 2);
    expect(plan.schedule.map((r) => r.payment.toFixed(2))).toEqual(['333.34', '333.34', '333.32']);
    expect(plan.schedule.map((r) => r.balance.toFixed(2))).toEqual(['666.66', '333.32', '0.00']);
    expect(plan.totalInterest.isZero()).toBe(true);
    expect(plan.totalPaid.toFixed(2)).toBe('1000.00');
    const half = financingPlan(dec('1000'), halfUp('0', 3), 2);
    expect(half.schedule.map((r) => r.payment.toFixed(2))).toEqual(['333.33', '333.33', '333.34']);
    expect(half.schedule.map((r) => r.balance.toFixed(2))).toEqual(['666.67', '333.34', '0.00']);
    expect(half.totalPaid.toFixed(2)).toBe('1000.00');
  });

  it('JPY 100,000 over 7 months: 14,286 six times (14,285.71, in either rounding), then 14,284', () => {
    for (const t of [terms('0', 7), halfUp('0', 7)]) {
      const plan = financingPlan(dec('100000'), t, 0);
      expect(plan.schedule.map((r) => r.payment.toFixed())).toEqual([...Array<string>(6).fill('14286'), '14284']);
      expect(plan.totalPaid.toFixed()).toBe('100000');
    }
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

  it('warns when the payment rounds to 0.00: 0.40 over 120 months is 0.0033 (half-up); rounded up it is 0.01 and ends early', () => {
    const half = financingPlan(dec('0.40'), halfUp('0', 120), 2);
    expect(half.monthlyPayment.toFixed(2)).toBe('0.00');
    expect(half.schedule).toHaveLength(120);
    expect(half.schedule.at(-1)!.payment.toFixed(2)).toBe('0.40');
    expect(half.warnings).toEqual(['The monthly payment rounds to 0.00: nothing is repaid until month 120, whose payment is the whole 0.40.']);
    expectExactSchedule(half, dec('0.40'), halfUp('0', 120), 2);
    const up = financingPlan(dec('0.40'), terms('0', 120), 2);
    expect(up.monthlyPayment.toFixed(2)).toBe('0.01');
    expect(up.warnings).toEqual(["The monthly payment, rounded to the currency's smallest unit, pays the balance off in 40 months instead of 120."]);
  });

  it('warns when the payment only covers the first month\'s interest and the last payment is a balloon: JPY 38,583 at 99.99% over 119 months, half-up', () => {
    // Interest 38,583 × 99.99 / 1200 = 3,214.93, so 3,215; the exact payment 3,215.17 rounds to
    // 3,215: nothing is repaid for 118 months, and the last payment repays everything.
    const t = halfUp('99.99', 119);
    const plan = financingPlan(dec('38583'), t, 0);
    expect(plan.monthlyPayment.toFixed()).toBe('3215');
    expect(plan.schedule.slice(0, 118).every((r) => r.principal.isZero() && r.interest.eq(3215))).toBe(true);
    const last = plan.schedule.at(-1)!;
    expect([last.month, last.principal.toFixed(), last.interest.toFixed(), last.payment.toFixed()]).toEqual([119, '38583', '3215', '41798']);
    expect(plan.warnings).toEqual([
      "The monthly payment of 3215 only covers the first month's interest of 3215: the balance does not go down, and the last payment has to repay it.",
      'The last payment, in month 119, is 41798: 13 times the regular payment of 3215.',
    ]);
    expectExactSchedule(plan, dec('38583'), t, 0);
    // Rounded up (the default) the same plan repays from the first month and ends early.
    const up = financingPlan(dec('38583'), terms('99.99', 119), 0);
    expect(up.monthlyPayment.toFixed()).toBe('3216');
    expect(up.schedule[0]!.principal.toFixed()).toBe('1');
    expect(up.warnings).toEqual(["The monthly payment, rounded to the currency's smallest unit, pays the balance off in 101 months instead of 119."]);
    expectExactSchedule(up, dec('38583'), terms('99.99', 119), 0);
  });

  it('a last payment more than 10% above the regular one is a balloon; up to 10% above is not', () => {
    // Found by searching half-up plans: the ratio of last to regular payment just above and at most 1.1.
    const cases: Array<[string, string, number, boolean]> = [];
    for (let cents = 100_000; cents < 100_400 && cases.length < 2; cents += 1) {
      const price = dec(cents).div(100);
      const plan = financingPlan(price, halfUp('99', 120), 2);
      const ratio = plan.schedule.at(-1)!.payment.div(plan.monthlyPayment);
      const flagged = plan.warnings.some((w) => w.includes('times the regular payment'));
      expect(flagged, `${price.toFixed(2)}: last / regular = ${ratio.toFixed(6)}`).toBe(ratio.gt('1.1'));
      if (flagged && !cases.some((c) => c[3])) cases.push([price.toFixed(2), ratio.toFixed(4), plan.schedule.length, true]);
      if (!flagged && !cases.some((c) => !c[3])) cases.push([price.toFixed(2), ratio.toFixed(4), plan.schedule.length, false]);
    }
    expect(cases.map((c) => c[3]).sort()).toEqual([false, true]);
  });

  it('refuses a fractional or zero month count (an invariant, validated at the edge)', () => {
    expect(() => financingPlan(dec('100'), terms('5', 0), 2)).toThrow(RangeError);
    expect(() => financingPlan(dec('100'), terms('5', 1.5), 2)).toThrow(RangeError);
  });
});

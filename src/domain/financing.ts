// Financing a price: the standard fixed-payment amortisation, with a schedule that sums exactly.
// Pure: Decimal amounts in, a new plan out.
//
// Rounding, in three named places:
//   1. the monthly payment, once, from the exact formula (a ratio of integers, so no digit is
//      lost whatever the term), by the plan's paymentRounding:
//        "up" (the default, the lenders' convention): rounded up to the minor unit, so the
//          payments repay at least the exact annuity and the last payment is never larger than
//          the others; should the months' interest roundings still leave a last payment above
//          it, the payment is one minor unit more;
//        "half-up": to the nearest minor unit, halves up (ROUNDING_RULE in money.ts). A payment
//          rounded down falls short every month, and the shortfall, compounded, lands on the
//          last payment, which can then be many times the others (warned below);
//   2. each month's interest, round(balance × r) half-up, because interest is charged in minor
//      units;
//   3. nowhere else: principal = payment − interest and the balance are differences of rounded
//      amounts, so exact. The last payment is whatever clears the balance (remaining balance +
//      its interest), so Σ principal = financed and Σ payments = totalPaid − down payment exactly.
import type { Decimal } from 'decimal.js';
import { Dec, formatAmount, roundToMinorUnits } from './money.js';

/** How the monthly payment is rounded to the currency's minor units (see the header). */
export type PaymentRounding = 'up' | 'half-up';
export const PAYMENT_ROUNDINGS = ['up', 'half-up'] as const satisfies readonly PaymentRounding[];
/** What a lender would expect: payments rounded up, the last one never the largest. */
export const DEFAULT_PAYMENT_ROUNDING: PaymentRounding = 'up';

export interface FinancingTerms {
  aprPercent: Decimal;
  months: number;
  downPayment: Decimal;
  deferredInterest?: boolean;
  /** Default: DEFAULT_PAYMENT_ROUNDING. */
  paymentRounding?: PaymentRounding;
}

export interface ScheduleRow {
  month: number;
  payment: Decimal;
  interest: Decimal;
  principal: Decimal;
  /** Balance after this month's payment. */
  balance: Decimal;
}

export interface FinancingPlan {
  /** price − down payment (0 when the down payment covers the price). */
  financed: Decimal;
  /** The regular monthly payment (the last one may differ by the rounding it absorbs). */
  monthlyPayment: Decimal;
  totalInterest: Decimal;
  /** min(down payment, price) + Σ payments. */
  totalPaid: Decimal;
  schedule: ScheduleRow[];
  warnings: string[];
}

// Limits of valid terms, for the HTTP edge's schema (the functions below assume them).
export const MIN_APR_PERCENT = '0';
export const MAX_APR_PERCENT = '99.99';
export const MIN_MONTHS = 1;
export const MAX_MONTHS = 120;

/** A last payment more than this fraction above the regular one is a balloon, and warned of. */
export const BALLOON_TOLERANCE = '0.1';

export const DEFERRED_INTEREST_WARNING =
  'Deferred-interest promotion: if any of the balance is still unpaid when the promotional period ends, ' +
  'interest is charged back to the purchase date on the whole amount financed, not only on what is left. ' +
  'Pay the balance off in full before the promotion ends to avoid it.';

/** r = APR / 12 / 100: the monthly rate as a fraction. */
export function monthlyRate(aprPercent: Decimal): Decimal {
  return new Dec(aprPercent).div(1200);
}

/**
 * Payment = P·r / (1 − (1 + r)^−n), rounded to minor units by `rounding`; at r = 0, P / n.
 * With r = a / b (a the APR's digits, b = 1200 × 10^decimals) and P = p / 10^s it is the ratio of
 * integers p·a·(b + a)^n / (10^s·b·((b + a)^n − b^n)) in currency units, rounded exactly: a
 * payment on a whole or half minor unit is never tipped by a lost digit.
 */
export function monthlyPayment(financed: Decimal, aprPercent: Decimal, months: number, minorUnits: number, rounding: PaymentRounding = DEFAULT_PAYMENT_ROUNDING): Decimal {
  const [p, s] = integerAndScale(financed);
  const [a, k] = integerAndScale(aprPercent);
  const minorScale = 10n ** BigInt(minorUnits);
  let num: bigint;
  let den: bigint;
  if (a === 0n) {
    num = p * minorScale;
    den = 10n ** BigInt(s) * BigInt(months);
  } else {
    const b = 1200n * 10n ** BigInt(k);
    const growth = (b + a) ** BigInt(months);
    num = p * minorScale * a * growth;
    den = 10n ** BigInt(s) * b * (growth - b ** BigInt(months));
  }
  const units = rounding === 'up' ? (num + den - 1n) / den : (2n * num + den) / (2n * den);
  return new Dec(units.toString()).div(minorScale.toString());
}

/**
 * financed = price − downPayment; payment = monthlyPayment(financed, APR, months, rounding);
 * each month interest = round(balance × r), principal = payment − interest, balance −= principal;
 * the last month pays balance + interest. totalInterest = Σ interest; totalPaid = down + Σ
 * payments. With rounding "up", a payment whose schedule would end on a larger payment is one
 * minor unit more. A down payment at or above the price finances nothing: empty schedule,
 * totalPaid = price.
 */
export function financingPlan(price: Decimal, terms: FinancingTerms, minorUnits: number): FinancingPlan {
  const zero = new Dec(0);
  const warnings: string[] = [];
  const priceD = new Dec(price);
  if (new Dec(terms.downPayment).gte(priceD)) {
    warnings.push(
      terms.downPayment.gt(priceD)
        ? 'The down payment is more than the price: nothing is financed, and only the price is paid.'
        : 'The down payment covers the whole price: nothing is financed.',
    );
    return { financed: zero, monthlyPayment: zero, totalInterest: zero, totalPaid: priceD, schedule: [], warnings };
  }
  if (!Number.isInteger(terms.months) || terms.months < MIN_MONTHS) {
    throw new RangeError(`financingPlan: months must be a whole number of at least ${MIN_MONTHS} (got ${terms.months})`);
  }

  const rounding = terms.paymentRounding ?? DEFAULT_PAYMENT_ROUNDING;
  const financed = priceD.minus(terms.downPayment);
  let payment = monthlyPayment(financed, terms.aprPercent, terms.months, minorUnits, rounding);
  let schedule = amortise(financed, payment, terms, minorUnits);
  if (rounding === 'up') {
    // Rounding the payment up already repays more than the exact annuity; the interest roundings
    // (at most half a unit a month) can still leave a little for the last month. One more unit a
    // month always outweighs them, so this runs at most once.
    const unit = new Dec(1).div(new Dec(10).pow(minorUnits));
    while (schedule.at(-1)!.payment.gt(payment)) {
      payment = payment.plus(unit);
      schedule = amortise(financed, payment, terms, minorUnits);
    }
  }

  const totalInterest = schedule.reduce((sum, row) => sum.plus(row.interest), zero);
  const paid = schedule.reduce((sum, row) => sum.plus(row.payment), zero);
  warnings.push(...scheduleWarnings(payment, schedule, terms.months, minorUnits));
  if (terms.deferredInterest === true) warnings.push(DEFERRED_INTEREST_WARNING);
  return { financed, monthlyPayment: payment, totalInterest, totalPaid: new Dec(terms.downPayment).plus(paid), schedule, warnings };
}

/** The schedule of `payment` a month on `financed`: interest rounded each month, the last month clearing. */
function amortise(financed: Decimal, payment: Decimal, terms: FinancingTerms, minorUnits: number): ScheduleRow[] {
  const schedule: ScheduleRow[] = [];
  let balance = financed;
  for (let month = 1; month <= terms.months && balance.gt(0); month += 1) {
    // balance × APR / 1200 in one division, so an exact half minor unit stays exact before rounding.
    const interest = roundToMinorUnits(balance.times(terms.aprPercent).div(1200), minorUnits);
    // The last month, or a month whose regular payment would overpay (a payment rounded up on a
    // small balance), pays exactly what is left: the balance and its interest.
    const clears = month === terms.months || payment.minus(interest).gte(balance);
    const principal = clears ? balance : payment.minus(interest);
    balance = balance.minus(principal);
    schedule.push({ month, payment: principal.plus(interest), interest, principal, balance });
  }
  return schedule;
}

/**
 * What a borrower must be told about the shape of the schedule: a payment that rounds to nothing,
 * one that only pays the interest, a last payment far above the others, an early end.
 */
function scheduleWarnings(payment: Decimal, schedule: readonly ScheduleRow[], months: number, minorUnits: number): string[] {
  const amount = (v: Decimal): string => formatAmount(v, minorUnits);
  const warnings: string[] = [];
  const last = schedule.at(-1)!;
  if (schedule.length > 1) {
    if (payment.isZero()) {
      warnings.push(`The monthly payment rounds to ${amount(payment)}: nothing is repaid until month ${last.month}, whose payment is the whole ${amount(last.payment)}.`);
    } else if (payment.lte(schedule[0]!.interest)) {
      warnings.push(
        `The monthly payment of ${amount(payment)} only covers the first month's interest of ${amount(schedule[0]!.interest)}: ` +
          'the balance does not go down, and the last payment has to repay it.',
      );
    }
    if (!payment.isZero() && last.payment.gt(payment.times(new Dec(1).plus(BALLOON_TOLERANCE)))) {
      warnings.push(
        `The last payment, in month ${last.month}, is ${amount(last.payment)}: ${last.payment.div(payment).toSignificantDigits(3).toString()} times the regular payment of ${amount(payment)}.`,
      );
    }
  }
  if (schedule.length < months) {
    warnings.push(`The monthly payment, rounded to the currency's smallest unit, pays the balance off in ${schedule.length} months instead of ${months}.`);
  }
  return warnings;
}

/** A non-negative decimal as [integer, scale]: value = integer × 10^−scale. */
function integerAndScale(value: Decimal): [bigint, number] {
  const scale = Math.max(0, value.decimalPlaces());
  return [BigInt(value.times(new Dec(10).pow(scale)).toFixed(0)), scale];
}

// Financing a price: the standard fixed-payment amortisation, in decimal arithmetic, with a
// schedule that sums exactly. Pure: Decimal amounts in, a new plan out.
//
// Rounding (half-up to minor units, ROUNDING_RULE in money.ts), in three named places:
//   1. the monthly payment, once, from the exact formula at 40 significant digits;
//   2. each month's interest, round(balance × r), because interest is charged in minor units;
//   3. nowhere else: principal = payment − interest and the balance are differences of rounded
//      amounts, so exact. The last payment is whatever clears the balance (remaining balance +
//      its interest), so Σ principal = financed and Σ payments = totalPaid − down payment exactly.
import type { Decimal } from 'decimal.js';
import { Dec, roundToMinorUnits } from './money.js';

export interface FinancingTerms {
  aprPercent: Decimal;
  months: number;
  downPayment: Decimal;
  deferredInterest?: boolean;
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

export const DEFERRED_INTEREST_WARNING =
  'Deferred-interest promotion: if any of the balance is still unpaid when the promotional period ends, ' +
  'interest is charged back to the purchase date on the whole amount financed, not only on what is left. ' +
  'Pay the balance off in full before the promotion ends to avoid it.';

/** r = APR / 12 / 100: the monthly rate as a fraction. */
export function monthlyRate(aprPercent: Decimal): Decimal {
  return new Dec(aprPercent).div(1200);
}

/**
 * Payment = P·r / (1 − (1 + r)^−n), rounded half-up to minor units; at r = 0, P / n rounded.
 * Computed as P·r·g^n / (g^n − 1) with g = 1 + r, at 40 significant digits: every step is exact
 * when r is a short decimal, so a payment that lies exactly on a half minor unit (for one month,
 * P·(1 + r)) rounds up as it should; (1 + r)^−n would be inexact and could round it down.
 */
export function monthlyPayment(financed: Decimal, aprPercent: Decimal, months: number, minorUnits: number): Decimal {
  const p = new Dec(financed);
  const r = monthlyRate(aprPercent);
  if (r.isZero()) return roundToMinorUnits(p.div(months), minorUnits);
  const compound = r.plus(1).pow(months);
  return roundToMinorUnits(p.times(r).times(compound).div(compound.minus(1)), minorUnits);
}

/**
 * financed = price − downPayment; payment = monthlyPayment(financed, APR, months); each month
 * interest = round(balance × r), principal = payment − interest, balance −= principal; the last
 * month pays balance + interest. totalInterest = Σ interest; totalPaid = down + Σ payments.
 * A down payment at or above the price finances nothing: empty schedule, totalPaid = price.
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

  const financed = priceD.minus(terms.downPayment);
  const payment = monthlyPayment(financed, terms.aprPercent, terms.months, minorUnits);
  const schedule: ScheduleRow[] = [];
  let balance = financed;
  for (let month = 1; month <= terms.months && balance.gt(0); month += 1) {
    // balance × APR / 1200 in one division, so an exact half minor unit stays exact before rounding.
    const interest = roundToMinorUnits(balance.times(terms.aprPercent).div(1200), minorUnits);
    // The last month, or a month whose regular payment would overpay (only when the payment was
    // rounded up on a tiny balance), pays exactly what is left: the balance and its interest.
    const clears = month === terms.months || payment.minus(interest).gte(balance);
    const principal = clears ? balance : payment.minus(interest);
    balance = balance.minus(principal);
    schedule.push({ month, payment: principal.plus(interest), interest, principal, balance });
  }

  const totalInterest = schedule.reduce((sum, row) => sum.plus(row.interest), zero);
  const paid = schedule.reduce((sum, row) => sum.plus(row.payment), zero);
  if (schedule.length < terms.months) {
    warnings.push(
      `The monthly payment, rounded to the currency's smallest unit, pays the balance off in ${schedule.length} months instead of ${terms.months}.`,
    );
  }
  if (terms.deferredInterest === true) warnings.push(DEFERRED_INTEREST_WARNING);
  return { financed, monthlyPayment: payment, totalInterest, totalPaid: new Dec(terms.downPayment).plus(paid), schedule, warnings };
}

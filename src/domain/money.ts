// The one module that configures decimal.js, rounds and formats money. Every amount in the
// engine is a Decimal from here; nothing is ever converted to a JavaScript number.
import { Decimal } from 'decimal.js';

/**
 * Decimal constructor for all engine arithmetic: 40 significant digits, so that products of a
 * few factors with 15-digit reference values are exact before the single rounding step.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = Decimal;

/**
 * The rounding rule, named: half away from zero ("commercial rounding"), applied once, to the
 * per-session price in the output currency. Amounts here are never negative, so half-up and
 * half-away-from-zero coincide.
 */
export const ROUNDING_RULE = 'half-up' as const;

/** amount rounded to `minorUnits` decimal places by ROUNDING_RULE. */
export function roundToMinorUnits(amount: Decimal, minorUnits: number): Decimal {
  return amount.toDecimalPlaces(minorUnits, Decimal.ROUND_HALF_UP);
}

/** amount as a wire string with exactly `minorUnits` decimals ("1800.00"; "272459" for JPY). */
export function formatAmount(amount: Decimal, minorUnits: number): string {
  return amount.toFixed(minorUnits, Decimal.ROUND_HALF_UP);
}

/** A decimal string from data or a request, parsed exactly. */
export function dec(value: string | number): Decimal {
  return new Dec(value);
}

/** A factor for display: exact, without trailing zeros ("1.1", "0.9012"). */
export function formatFactor(value: Decimal): string {
  return value.toString();
}

// Exact decimal arithmetic for the pricing path: a value is an integer count of 10^-scale units
// (BigInt), so a product of published finite decimals is exact however many digits it needs, and
// the one rounding of a price is explicit. The engine keeps decimal.js for what is not a product
// of published figures (the likely range's solver, financing); prices go through here.
import type { Decimal } from 'decimal.js';

/** units × 10^-scale, scale >= 0. */
export interface Exact {
  readonly units: bigint;
  readonly scale: number;
}

const POWERS: bigint[] = [1n];
/** 10^n as a BigInt (cached: the engine asks for the same few powers all the time). */
export function pow10(n: number): bigint {
  for (let i = POWERS.length; i <= n; i++) POWERS.push(POWERS[i - 1]! * 10n);
  return POWERS[n]!;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A plain decimal string ("1.25", "-0.5", "3") or a finite Decimal, exactly. */
export function exact(value: string | Decimal | number): Exact {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : value.toFixed();
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`exact: '${text}' is not a plain decimal`);
  const fraction = m[3] ?? '';
  const units = BigInt(m[2]! + fraction);
  return { units: m[1] ? -units : units, scale: fraction.length };
}

export const ONE: Exact = { units: 1n, scale: 0 };

export function times(a: Exact, b: Exact): Exact {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function plus(a: Exact, b: Exact): Exact {
  if (a.scale === b.scale) return { units: a.units + b.units, scale: a.scale };
  return a.scale > b.scale ? { units: a.units + b.units * pow10(a.scale - b.scale), scale: a.scale } : { units: a.units * pow10(b.scale - a.scale) + b.units, scale: b.scale };
}

/** Compares a and b: negative, 0 or positive. */
export function compare(a: Exact, b: Exact): number {
  const [x, y] = a.scale >= b.scale ? [a.units, b.units * pow10(a.scale - b.scale)] : [a.units * pow10(b.scale - a.scale), b.units];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** numerator / denominator rounded half away from zero to an integer (denominator > 0). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (2n * n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** a rounded half-up (away from zero) to `places` decimals, as a count of 10^-places units. */
export function roundHalfUp(a: Exact, places: number): bigint {
  if (a.scale <= places) return a.units * pow10(places - a.scale);
  return divideHalfUp(a.units, pow10(a.scale - places));
}

/** A count of 10^-places units as a wire string with exactly `places` decimals ("1800.00", "272459"). */
export function formatUnits(units: bigint, places: number): string {
  if (places === 0) return units.toString();
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(places + 1, '0');
  const cut = digits.length - places;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** a without trailing zeros ("1.1", "0.9012", "2"): how factors are published. */
export function formatExact(a: Exact): string {
  if (a.scale === 0) return a.units.toString();
  const text = formatUnits(a.units, a.scale);
  const trimmed = text.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}

// Numbers as the visitor's locale writes them. Amounts arrive as decimal strings and go to
// Intl.NumberFormat as strings, which formats them exactly (no binary floating point on the way).

/** The locale to use: the given one if Intl knows it, else the browser's. */
export function resolveLocale(...candidates: ReadonlyArray<string | null | undefined>): string {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(candidate);
      if (canonical) return canonical;
    } catch {
      // not a BCP 47 tag: try the next one
    }
  }
  return new Intl.NumberFormat().resolvedOptions().locale;
}

export type MoneyFormat = (amount: string) => string;

/** Formats decimal strings in `currency` with exactly `minorUnits` decimals, as the API rounded them. */
export function moneyFormat(locale: string, currency: string, minorUnits: number): MoneyFormat {
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: minorUnits,
    maximumFractionDigits: minorUnits,
  });
  // A numeric string is formatted as the exact decimal it spells (ECMA-402 "Intl.NumberFormat v3").
  return (amount) => format.format(amount as `${number}`);
}

export function integerFormat(locale: string): (n: number) => string {
  const format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  return (n) => format.format(n);
}

/**
 * How a price factor changes the price, e.g. "1.1" -> { direction: 'more', percent: "10%" }.
 * The factor is a ratio, not an amount: turning it into a number only shapes the words.
 */
export function factorChange(locale: string, factor: string): { direction: 'more' | 'less' | 'same'; percent: string } {
  const ratio = Number(factor);
  const change = Math.abs(ratio - 1);
  if (!Number.isFinite(ratio) || change < 0.0005) return { direction: 'same', percent: '0%' };
  const digits = change < 0.01 ? 1 : 0;
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(change);
  return { direction: ratio > 1 ? 'more' : 'less', percent };
}

/** A ratio such as an exchange rate, to a few significant digits: "0.9239". */
export function rateFormat(locale: string, rate: string): string {
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 5 }).format(rate as `${number}`);
}

/** The display steps `rounding` allows, in whole units of the currency. */
export const ROUNDING_STEPS = [1, 5, 10, 50, 100] as const;

export type RoundingMode = 'down' | 'up' | 'nearest';

/**
 * A decimal string rounded to a multiple of `step` whole units, exactly (BigInt on the digits, no
 * binary float): `down` for a range's low end, `up` for its high end, `nearest` (half up) for any
 * other figure, so the range shown always contains the exact one. Returns whole units ("1250").
 */
export function roundAmount(amount: string, step: number, mode: RoundingMode): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return amount;
  const [, sign, whole = '0', fraction = ''] = match;
  const scale = 10n ** BigInt(fraction.length);
  const value = BigInt(whole + fraction) * (sign === '-' ? -1n : 1n);
  const unit = BigInt(step) * scale;
  const floor = value >= 0n ? value / unit : -((-value + unit - 1n) / unit);
  const rest = value - floor * unit;
  let steps = floor;
  if (mode === 'up' && rest > 0n) steps += 1n;
  if (mode === 'nearest' && rest * 2n >= unit) steps += 1n;
  return String(steps * BigInt(step));
}

/** Money as shown: exact in the currency's minor units, or rounded to `step` whole units (no decimals). */
export interface ShownMoney {
  readonly nearest: MoneyFormat;
  readonly down: MoneyFormat;
  readonly up: MoneyFormat;
}

export function shownMoney(locale: string, currency: string, minorUnits: number, step: number | null): ShownMoney {
  const exact = moneyFormat(locale, currency, minorUnits);
  if (step === null) return { nearest: exact, down: exact, up: exact };
  const whole = moneyFormat(locale, currency, 0);
  return {
    nearest: (amount) => whole(roundAmount(amount, step, 'nearest')),
    down: (amount) => whole(roundAmount(amount, step, 'down')),
    up: (amount) => whole(roundAmount(amount, step, 'up')),
  };
}

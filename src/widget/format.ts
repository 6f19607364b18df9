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

// Each step of an estimate (the API's `adjustments`) as one sentence a visitor understands:
// what changed the price and by how much. The API's own description stays the fallback for a
// step this version of the widget does not know.
import { factorChange, integerFormat, moneyFormat, rateFormat, type MoneyFormat } from './format.js';
import type { Adjustment, Catalog, Estimate } from './types.js';

export interface WordsContext {
  readonly locale: string;
  readonly catalog: Catalog;
  readonly estimate: Estimate;
  /** The visitor's name for a country code (localised), e.g. "Germany". */
  readonly countryName: (code: string) => string;
  /** The visitor's name for a currency code (localised), e.g. "euros". */
  readonly currencyName: (code: string) => string;
}

function nameOf(list: ReadonlyArray<{ id: string; name: string }>, id: string | undefined): string {
  return list.find((item) => item.id === id)?.name ?? id ?? '';
}

/** "25% more than a physician", "no change", "10% less than the national average". */
function change(locale: string, factor: string | undefined, than: string): string {
  if (factor === undefined) return '';
  const { direction, percent } = factorChange(locale, factor);
  return direction === 'same' ? 'no change' : `${percent} ${direction} than ${than}`;
}

export function adjustmentInWords(adjustment: Adjustment, ctx: WordsContext): string {
  const { locale, catalog, estimate } = ctx;
  const count = integerFormat(locale);
  const treatment = catalog.treatments.find((t) => t.id === estimate.treatment);
  const areaName = (id: string): string => nameOf(catalog.areas.areas, id);
  switch (adjustment.kind) {
    case 'base-price': {
      const usd = moneyFormat(locale, 'USD', 2);
      const a = adjustment.amounts;
      if (!a) break;
      const what = (treatment?.name ?? estimate.treatment).toLowerCase();
      // In the baseline country the band is the seed articles'; elsewhere it is the market model's,
      // fitted to published prices, before the country's own price level.
      if (estimate.request.country === catalog.marketModel.baselineCountry) {
        return `Starting point: a session of ${what} at a doctor-led clinic in an average US city costs ${usd(a.low)} to ${usd(a.high)}, typically ${usd(a.typical)}.`;
      }
      return `Starting point: outside the United States, a session of ${what} at a doctor-led clinic in an average city costs ${usd(a.low)} to ${usd(a.high)}, typically ${usd(a.typical)}, at US price levels (fitted to published clinic prices).`;
    }
    case 'area': {
      const ids = (adjustment.id ?? '').split(',').filter(Boolean);
      const reference = areaName(treatment?.referenceArea ?? '');
      const what = change(locale, adjustment.factor, `the ${reference.toLowerCase()}`);
      if (ids.length > 1) {
        return `${ids.map(areaName).join(' + ')} in one session: ${what}. The largest area is priced in full, each further area at half its price.`;
      }
      return what === 'no change' ? `${areaName(ids[0] ?? '')}: the usual area for this treatment, no change.` : `${areaName(ids[0] ?? '')}: ${what}.`;
    }
    case 'practitioner':
      return `${nameOf(catalog.practitioners, adjustment.id)}: ${change(locale, adjustment.factor, 'a physician')}.`;
    case 'city-tier':
      return `${nameOf(catalog.cityTiers, adjustment.id)}: ${change(locale, adjustment.factor, 'the national average')}.`;
    case 'price-level': {
      const country = ctx.countryName(adjustment.id ?? estimate.request.country);
      const { direction, percent } = factorChange(locale, adjustment.factor ?? '1');
      if (direction === 'same') return `${country}: prices at the US level the articles describe, no change.`;
      return `${country}: price level about ${percent} ${direction === 'more' ? 'higher' : 'lower'} than in the United States.`;
    }
    case 'currency': {
      const code = estimate.currency.code;
      if (code === 'USD') return 'Shown in US dollars.';
      return `Converted from US dollars to ${ctx.currencyName(code)} (${code}) at ${rateFormat(locale, estimate.currency.usdRate)} per dollar, the ${estimate.currency.rateYear} average.`;
    }
    case 'sessions': {
      const c = adjustment.counts ?? estimate.sessions;
      if (estimate.request.sessions !== null) return `A course of ${count(c.typical)} sessions, as chosen.`;
      return `A course usually takes ${count(c.low)} to ${count(c.high)} sessions; typically ${count(c.typical)}.`;
    }
    case 'package': {
      const name = nameOf(catalog.packageKinds, adjustment.id);
      const a = adjustment.amounts;
      if (!a) return `${name}.`;
      const money: MoneyFormat = moneyFormat(locale, estimate.currency.code, estimate.currency.minorUnits);
      return `${name}: ${money(a.typical)} off the typical course (${money(a.low)} to ${money(a.high)} across the range).`;
    }
  }
  return adjustment.description;
}

/** The label of a package kind with its default figures, e.g. "Buy 4, get 1 free". */
export function packageLabel(kind: { id: string; name: string; defaults?: Readonly<Record<string, { value: string | number }>> }, locale: string): string {
  const d = kind.defaults ?? {};
  const percent = (value: string | number | undefined): string =>
    value === undefined ? '' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(Number(value) / 100);
  switch (kind.id) {
    case 'prepaid-course':
      return d.discountPercent ? `${kind.name}: ${percent(d.discountPercent.value)} off the course` : kind.name;
    case 'buy-n-get-m':
      return d.buy && d.free ? `Buy ${String(d.buy.value)} sessions, get ${String(d.free.value)} free` : kind.name;
    case 'new-patient':
      return d.discountPercent ? `${kind.name}: ${percent(d.discountPercent.value)} off the first session` : kind.name;
    default:
      return kind.name;
  }
}

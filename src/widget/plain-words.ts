// Each step of an estimate (the API's `adjustments`) as one sentence a visitor understands, in
// their language: what changed the price and by how much. A step this version of the widget does
// not know shows the API's own description, unless it names a file or a seed article.
import type { MessageKey } from '../i18n/messages.js';
import { factorChange, integerFormat, rateFormat, type MoneyFormat } from './format.js';
import { forPatient, type PlainWords } from '../i18n/words.js';
import type { Adjustment, Catalog, Estimate } from './types.js';

export interface WordsContext {
  readonly locale: string;
  readonly text: PlainWords;
  readonly catalog: Catalog;
  readonly estimate: Estimate;
  /** Money in the estimate's currency, as shown (rounded when the page asks). */
  readonly money: MoneyFormat;
  /** The visitor's name for a country code (localised), e.g. "Germany". */
  readonly countryName: (code: string) => string;
  /** The visitor's name for a currency code (localised), e.g. "euros". */
  readonly currencyName: (code: string) => string;
}

/** "25% more than a physician", "no change": `more` and `less` are the message keys for each direction. */
function change(ctx: WordsContext, factor: string | undefined, more: MessageKey, less: MessageKey, params: Record<string, string> = {}): string {
  const { direction, percent } = factorChange(ctx.locale, factor ?? '1');
  if (direction === 'same') return ctx.text.t('noChange');
  return ctx.text.t(direction === 'more' ? more : less, { percent, ...params });
}

export function adjustmentInWords(adjustment: Adjustment, ctx: WordsContext): string {
  const { text, catalog, estimate } = ctx;
  const count = integerFormat(ctx.locale);
  const treatment = catalog.treatments.find((t) => t.id === estimate.treatment);
  const treatmentName = text.named('treatment', estimate.treatment, treatment?.name ?? estimate.treatment).toLowerCase();
  const areaName = (id: string): string => text.named('area', id, catalog.areas.areas.find((a) => a.id === id)?.name ?? id);
  switch (adjustment.kind) {
    case 'base-price': {
      const a = adjustment.amounts;
      // The US starting point is shown in dollars only where dollars are what the visitor reads;
      // elsewhere the sentence says where the figures come from and the steps below move them.
      if (a && estimate.request.country === catalog.marketModel.baselineCountry && estimate.currency.code === 'USD') {
        return text.t('stepBaseUs', { treatment: treatmentName, low: ctx.money(a.low), high: ctx.money(a.high), typical: ctx.money(a.typical) });
      }
      return text.t('stepBase', { treatment: treatmentName });
    }
    case 'area': {
      const ids = (adjustment.id ?? '').split(',').filter(Boolean);
      const reference = areaName(treatment?.referenceArea ?? '').toLowerCase();
      const what = change(ctx, adjustment.factor, 'moreThanArea', 'lessThanArea', { area: reference });
      if (ids.length > 1) return text.t('stepAreas', { areas: ids.map(areaName).join(' + '), change: what });
      if (factorChange(ctx.locale, adjustment.factor ?? '1').direction === 'same') return text.t('stepAreaUsual', { area: areaName(ids[0] ?? '') });
      return text.t('stepArea', { area: areaName(ids[0] ?? ''), change: what });
    }
    case 'practitioner': {
      const id = adjustment.id ?? '';
      const name = text.named('practitioner', id, catalog.practitioners.find((p) => p.id === id)?.name ?? id);
      return text.t('stepPractitioner', { practitioner: name, change: change(ctx, adjustment.factor, 'moreThanPhysician', 'lessThanPhysician') });
    }
    case 'city-tier': {
      const id = adjustment.id ?? '';
      const name = text.named('cityTier', id, catalog.cityTiers.find((p) => p.id === id)?.name ?? id);
      return text.t('stepCityTier', { tier: name, change: change(ctx, adjustment.factor, 'moreThanAverage', 'lessThanAverage') });
    }
    case 'price-level': {
      const country = ctx.countryName(adjustment.id ?? estimate.request.country);
      const { direction, percent } = factorChange(ctx.locale, adjustment.factor ?? '1');
      if (direction === 'same') return text.t('stepCountrySame', { country });
      return text.t(direction === 'more' ? 'stepCountryHigher' : 'stepCountryLower', { country, percent });
    }
    case 'clinic-price': {
      // The clinic's own sheet: its price for a session, or (no price for this treatment) the market's.
      const clinic = estimate.clinic?.name ?? '';
      const a = adjustment.amounts;
      return a ? text.t('stepClinicPrice', { clinic, price: ctx.money(a.typical) }) : text.t('stepClinicMarket', { clinic, treatment: treatmentName });
    }
    case 'currency': {
      const code = estimate.currency.code;
      // In clinic mode a conversion starts from the sheet's currency, not from US dollars.
      if (estimate.clinic?.priceSource === 'clinic') return text.t('stepClinicCurrency', { currency: `${ctx.currencyName(code)} (${code})` });
      if (code === 'USD') return text.t('stepUsd');
      return text.t('stepCurrency', { currency: `${ctx.currencyName(code)} (${code})`, rate: rateFormat(ctx.locale, estimate.currency.usdRate), year: String(estimate.currency.rateYear) });
    }
    case 'sessions': {
      const c = adjustment.counts ?? estimate.sessions;
      if (estimate.request.sessions !== null) return text.t('stepSessionsChosen', { count: c.typical });
      return text.t('stepSessions', { low: count(c.low), high: count(c.high), count: count(c.typical) });
    }
    case 'package': {
      const id = adjustment.id ?? '';
      const name = text.named('packageKind', id, catalog.packageKinds.find((k) => k.id === id)?.name ?? id);
      const a = adjustment.amounts;
      if (!a) return `${name}.`;
      return text.t('stepPackage', { package: name, typical: ctx.money(a.typical), low: ctx.money(a.low), high: ctx.money(a.high) });
    }
  }
  return forPatient(adjustment.description) ?? text.t('stepOther');
}

/** The label of a package kind with its default figures, e.g. "Buy 4 sessions, get 1 free". */
export function packageLabel(kind: { id: string; name: string; defaults?: Readonly<Record<string, { value: string | number }>> }, locale: string, text: PlainWords): string {
  const d = kind.defaults ?? {};
  const name = text.named('packageKind', kind.id, kind.name);
  const percent = (value: string | number): string => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(Number(value) / 100);
  switch (kind.id) {
    case 'prepaid-course':
      return d.discountPercent ? text.t('packagePrepaid', { package: name, percent: percent(d.discountPercent.value) }) : name;
    case 'buy-n-get-m':
      return d.buy && d.free ? text.t('packageBuyGet', { buy: String(d.buy.value), free: String(d.free.value), count: Number(d.buy.value) }) : name;
    case 'new-patient':
      return d.discountPercent ? text.t('packageNewPatient', { package: name, percent: percent(d.discountPercent.value) }) : name;
    default:
      return name;
  }
}

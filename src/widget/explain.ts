// The notes and sources of an estimate as a patient reads them: notes rebuilt from their code and
// the estimate's own figures in the visitor's language (the API's English text only for a code
// this version does not know), sources under readable titles with a link each, never a file name
// or an internal number. DOM-free: the server's printable quote page says the same.
import { forPatient, isMessageKey as isKey } from '../i18n/words.js';
import type { WordsContext } from './plain-words.js';
import type { Estimate } from './types.js';

type Note = Estimate['notes'][number];
type Source = Estimate['sources'][number];

/** Public pages of the reference datasets; every other source links to the API's readable source page. */
const DATASET_PAGES: Readonly<Record<string, string>> = {
  'wdi-price-level': 'https://data.worldbank.org/indicator/PA.NUS.PPPC.RF',
  'wdi-exchange-rate': 'https://data.worldbank.org/indicator/PA.NUS.FCRF',
  'iso-3166': 'https://github.com/datasets/country-codes',
  'iso-4217': 'https://github.com/datasets/currency-codes',
};

/** The seed articles by the number their sources' ids carry, as the titles a patient knows them by. */
export const ARTICLES: Readonly<Record<string, 'guide' | 'basics' | 'clinical' | 'complexion'>> = { '000': 'guide', '001': 'basics', '003': 'clinical', '004': 'complexion' };

const MARKET_NOTES = new Set(['market-model', 'published-prices', 'no-published-prices']);

/** A note in the visitor's words, or null for one the patient does not need (the disclaimer shows on its own). */
export function noteInWords(note: Note, ctx: WordsContext): string | null {
  const { text, catalog, estimate } = ctx;
  const treatment = catalog.treatments.find((t) => t.id === estimate.treatment);
  const country = ctx.countryName(estimate.request.country);
  const baseline = estimate.request.country === catalog.marketModel.baselineCountry;
  // On the clinic's own price the market's notes (model, published prices) describe figures the
  // patient is not shown: the clinic banner says whose prices these are.
  if (estimate.clinic?.priceSource === 'clinic' && MARKET_NOTES.has(note.code)) return null;
  switch (note.code) {
    case 'consultation':
      return null;
    case 'insurance':
      return text.t(treatment?.category === 'therapeutic' ? 'noteInsuranceMedical' : 'noteInsurance');
    case 'hsa-fsa':
      // A US scheme: the API sends it only for the United States; never say it elsewhere.
      return estimate.request.country === 'US' ? text.t('noteHsaFsa') : null;
    case 'maintenance': {
      const m = treatment?.maintenance;
      if (!m) return null;
      return text.t('noteMaintenance', { min: m.resultsLastMonths.min.value, max: m.resultsLastMonths.max.value, perYear: m.sessionsPerYear.value });
    }
    case 'sessions-outside-range': {
      const s = treatment?.sessions;
      if (!s || estimate.request.sessions === null) return null;
      return text.t('noteSessionsOutside', { count: estimate.request.sessions, min: s.min.value, max: s.max.value });
    }
    case 'market-model': {
      const data = catalog.marketModel.data;
      return text.t('noteMarketModel', { country, observations: data.observations, countries: data.countries });
    }
    case 'published-prices': {
      const e = estimate.evidence;
      if (!e) return null;
      return text.t('notePublished', { count: e.count, country, min: ctx.money(e.perSession.min), max: ctx.money(e.perSession.max), median: ctx.money(e.perSession.median) });
    }
    case 'no-published-prices':
      return text.t(baseline ? 'noteNoPublishedUs' : 'noteNoPublished', { country });
    case 'currency-converted': {
      const local = catalog.countries.find((c) => c.code === estimate.request.country)?.currency ?? '';
      const code = estimate.currency.code;
      return text.t('noteCurrency', { currency: `${ctx.currencyName(code)} (${code})`, country, local: `${ctx.currencyName(local)} (${local})` });
    }
    case 'longer-course-cheaper': {
      const pkg = estimate.request.package as { buy?: number; free?: number };
      return text.t('noteLongerCourse', { group: (pkg.buy ?? 0) + (pkg.free ?? 0) });
    }
    default:
      // A code newer than this version: the API's English, unless it names a file or a seed article.
      return forPatient(note.text);
  }
}

/** A source's title for a patient: the article's name, the dataset's, or what we assumed. */
export function sourceTitle(source: Source, ctx: WordsContext): string {
  const { text } = ctx;
  const article = /^seed-(\d{3})-/.exec(source.id)?.[1];
  if (source.kind === 'seed' && article !== undefined) {
    const group = ARTICLES[article];
    return group ? text.t(`sourceGroup.${group}`) : text.t('sourceOther');
  }
  if (source.kind === 'clinic') return text.t('sourceClinic', { clinic: ctx.estimate.clinic?.name ?? '' });
  if (source.kind === 'assumption') {
    const what = `what.${source.id}`;
    return isKey(what) ? text.t('source.assumption', { what: text.t(what) }) : text.t('sourceOther');
  }
  const key = `source.${source.id}`;
  return isKey(key) ? text.t(key) : text.t('sourceOther');
}

/**
 * Where a source can be read: the dataset's public page, else the API's readable page for it. A
 * clinic's price sheet has no public page (the API serves catalog sources only): null, no link.
 */
export function sourceLink(source: Source, base: string, language: string): string | null {
  if (source.kind === 'clinic') return null;
  return DATASET_PAGES[source.id] ?? new URL(`sources/${encodeURIComponent(source.id)}?lang=${language}`, base).href;
}

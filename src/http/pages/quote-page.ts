// The printable page of a saved quote (GET /quotes/{id}?lang=): what was priced, the figures, how
// they were built, what is good to know and the sources, in the reader's language, with the
// clinic's name in clinic mode and the dates the quote was saved and stays valid. The words are
// the calculator's own (src/i18n, src/widget/plain-words.ts, explain.ts): page and widget agree.
import type { components } from '../../client/index.js';
import { MESSAGES } from '../../i18n/all.js';
import type { Language } from '../../i18n/messages.js';
import { makeWords, type PlainWords } from '../../i18n/words.js';
import { noteInWords, sourceLink, sourceTitle } from '../../widget/explain.js';
import { moneyFormat } from '../../widget/format.js';
import { adjustmentInWords, type WordsContext } from '../../widget/plain-words.js';
import { escapeHtml as e, shell } from './shell.js';

type Catalog = components['schemas']['Catalog'];
type Quote = components['schemas']['Quote'];

/** Where a page's words and names come from. */
export interface PageContext {
  readonly catalog: Catalog;
  /** The API's own address, for the links to its source pages. */
  readonly base: string;
}

/** Names in the reader's language (Intl), and the message words. */
export function wordsFor(language: Language, estimate: Quote['estimate'], catalog: Catalog): WordsContext & { text: PlainWords } {
  const regions = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
  const currencies = new Intl.DisplayNames([language], { type: 'currency', fallback: 'none' });
  return {
    locale: language,
    text: makeWords(language, MESSAGES[language]),
    catalog,
    estimate,
    money: moneyFormat(language, estimate.currency.code, estimate.currency.minorUnits),
    countryName: (code) => regions.of(code) ?? code,
    currencyName: (code) => currencies.of(code) ?? code,
  };
}

export function quotePage(quote: Quote, language: Language, { catalog, base }: PageContext): string {
  const estimate = quote.estimate;
  const ctx = wordsFor(language, estimate, catalog);
  const { t, named } = ctx.text;
  const money = ctx.money;
  const date = (iso: string): string => new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(new Date(iso));
  const request = estimate.request;
  const clinic = estimate.clinic;
  const nameOf = (list: ReadonlyArray<{ id: string; name: string }>, kind: Parameters<PlainWords['named']>[0], id: string): string => named(kind, id, list.find((x) => x.id === id)?.name ?? id);

  const rows: Array<[string, string]> = [
    [t('treatment'), nameOf(catalog.treatments, 'treatment', estimate.treatment)],
    [t('areas'), request.areas.map((id) => nameOf(catalog.areas.areas, 'area', id)).join(', ')],
    [t('country'), ctx.countryName(request.country)],
    [t('cityTier'), nameOf(catalog.cityTiers, 'cityTier', request.cityTier)],
    [t('practitioner'), nameOf(catalog.practitioners, 'practitioner', request.practitioner)],
    [t('pageSessions'), request.sessions === null ? t('pageSessionsUsual') : t('pageSessionsChosen', { count: request.sessions })],
    [t('package'), nameOf(catalog.packageKinds, 'packageKind', request.package.kind)],
  ];
  const { total, perSession, sessions, likely } = estimate;
  const withPackage = request.package.kind !== 'none';
  const pkgName = nameOf(catalog.packageKinds, 'packageKind', request.package.kind).toLowerCase();
  const notes = estimate.notes.map((n) => noteInWords(n, ctx)).filter((n): n is string => n !== null);
  const seen = new Set<string>();
  const sources = estimate.sources.flatMap((s) => {
    const title = sourceTitle(s, ctx);
    if (seen.has(title)) return [];
    seen.add(title);
    const href = sourceLink(s, base, language);
    return [href === null ? `<li>${e(title)}</li>` : `<li><a href="${e(href)}">${e(title)}</a></li>`];
  });

  const main = `<header>
${clinic ? `<p class="brand">${e(clinic.name)}</p>` : ''}
<h1>${e(clinic ? t('pageFrom', { clinic: clinic.name }) : t('pageTitle'))}</h1>
<p class="meta">${e(t('pageSaved', { created: date(quote.createdAt), until: date(quote.validUntil) }))}</p>
</header>
<section>
<h2>${e(t('pageRequest'))}</h2>
<dl>
${rows.map(([label, value]) => `<dt>${e(label)}</dt><dd>${e(value)}</dd>`).join('\n')}
</dl>
${clinic && clinic.priceSource !== 'clinic' ? `<p>${e(t('pageMarket'))}</p>` : ''}
</section>
<section>
<h2>${e(t('pageFigures'))}</h2>
<p class="caption">${e(withPackage ? t('captionPackage', { package: pkgName }) : t('caption'))}</p>
<p class="total" data-value="${e(total.typical)}">${e(money(total.typical))}</p>
<p>${e(t('perSession', { price: money(perSession.typical), count: sessions.typical }))}</p>
${withPackage ? `<p>${e(t('packageLine', { discount: money(estimate.discount.typical), list: money(estimate.listTotal.typical), effective: money(estimate.effectivePerSession.typical) }))}</p>` : ''}
<p>${e(t('pageRange', { low: money(total.low), high: money(total.high) }))}</p>
${likely ? `<p>${e(t('pageLikely', { p10: money(likely.p10), p90: money(likely.p90) }))}</p>` : ''}
</section>
<section>
<h2>${e(t('explanation'))}</h2>
<ol>
${estimate.adjustments.map((a) => `<li>${e(adjustmentInWords(a, ctx))}</li>`).join('\n')}
</ol>
</section>
${notes.length > 0 ? `<section>\n<h2>${e(t('goodToKnow'))}</h2>\n<ul>\n${notes.map((n) => `<li>${e(n)}</li>`).join('\n')}\n</ul>\n</section>` : ''}
<section>
<h2>${e(t('sources', { count: sources.length }))}</h2>
<ul>
${sources.join('\n')}
</ul>
</section>
<p class="disclaimer">${e(t('disclaimer'))}</p>
<p class="reference">${e(t('pageReference', { id: quote.id }))}</p>`;
  return shell(language, clinic ? `${t('pageTitle')} · ${clinic.name}` : t('pageTitle'), main, { print: t('pagePrint') });
}

/** A page that says why there is no quote to show: unknown, or expired (with when). */
export function missingQuotePage(language: Language, expiredAt?: Date): string {
  const { t } = makeWords(language, MESSAGES[language]);
  const title = expiredAt ? t('pageExpiredTitle') : t('pageNotFoundTitle');
  const text = expiredAt ? t('pageExpired', { until: new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(expiredAt) }) : t('pageNotFound');
  return shell(language, title, `<h1>${e(title)}</h1>\n<p>${e(text)}</p>`);
}

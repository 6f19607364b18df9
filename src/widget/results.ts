// The figures of one estimate: the typical course total, the price per session and the number of
// sessions, the range bar with its legend, and, collapsed until asked for, how the estimate is
// built, what is good to know and the sources. Every figure carries the API's exact value in
// data-value; the text shows it in the visitor's locale, rounded when the page asks.
import { barGeometry } from './bar-geometry.js';
import { safeName } from './controls.js';
import { fill, h } from './dom.js';
import { noteInWords, sourceLink, sourceTitle } from './explain.js';
import { integerFormat, shownMoney, type ShownMoney } from './format.js';
import { adjustmentInWords, type WordsContext } from './plain-words.js';
import { rangeBar } from './range-bar.js';
import type { Text } from './text.js';
import type { Catalog, Estimate } from './types.js';

type Source = Estimate['sources'][number];

export interface ResultsContext extends WordsContext {
  readonly text: Text;
  readonly shown: ShownMoney;
  /** The display rounding step, or null for exact figures. */
  readonly rounding: number | null;
  /** The API base, for the links to its readable source pages. */
  readonly base: string;
}

/**
 * Everything rendering `estimate` needs: the locale's names for countries and currencies (the
 * catalog's English name when Intl has none) and money as shown, exact or rounded to `rounding`.
 */
export function resultsContext(estimate: Estimate, options: { locale: string; text: Text; catalog: Catalog; rounding: number | null; base: string }): ResultsContext {
  const { locale, catalog } = options;
  const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
  const currencies = new Intl.DisplayNames([locale], { type: 'currency', fallback: 'none' });
  const shown = shownMoney(locale, estimate.currency.code, estimate.currency.minorUnits, options.rounding);
  return {
    ...options,
    estimate,
    shown,
    money: shown.nearest,
    countryName: (code) => safeName(() => regions.of(code)) ?? catalog.countries.find((c) => c.code === code)?.name ?? code,
    currencyName: (code) => safeName(() => currencies.of(code)) ?? code,
  };
}

/** What the live region says and the phone's sticky summary shows once the figures are on screen. */
export interface Rendered {
  readonly announcement: string;
  readonly caption: string;
  readonly total: string;
  readonly range: string;
}

/** Fills `figures` with `estimate`; the explanation's sections keep whether the patient opened them. */
export function renderFigures(figures: HTMLElement, estimate: Estimate, ctx: ResultsContext): Rendered {
  const { text, catalog, shown } = ctx;
  const { t } = text;
  const count = integerFormat(ctx.locale);
  const figure = (testid: string, value: string, shownText: string): HTMLElement => h('data', { 'data-testid': testid, 'data-value': value, value }, shownText);
  const { total, perSession, sessions, likely } = estimate;
  const wasOpen = (name: string): boolean => figures.querySelector(`details[data-section="${name}"]`)?.hasAttribute('open') === true;
  const section = (name: string, summary: string, body: Node): HTMLDetailsElement =>
    h('details', { 'data-section': name, part: `section ${name}`, open: wasOpen(name) }, h('summary', {}, summary), body);

  const pkgId = estimate.request.package.kind;
  const pkgName = text.named('packageKind', pkgId, catalog.packageKinds.find((k) => k.id === pkgId)?.name ?? pkgId);
  const low = shown.down(total.low);
  const high = shown.up(total.high);
  const typical = shown.nearest(total.typical);
  const barLabel = likely
    ? t('barLabelLikely', { low, high, typical, p10: shown.down(likely.p10), p90: shown.up(likely.p90) })
    : t('barLabel', { low, high, typical });
  const sources = sourceList(estimate.sources, ctx, ctx.base);
  const notes = estimate.notes.map((n) => noteInWords(n, ctx)).filter((n): n is string => n !== null);

  fill(
    figures,
    h('p', { class: 'caption' }, pkgId === 'none' ? t('caption') : t('captionPackage', { package: pkgName.toLowerCase() })),
    h('p', { class: 'total', part: 'total' }, figure('total-typical', total.typical, typical)),
    h(
      'p',
      { class: 'per-session' },
      ...text.parts(
        'perSession',
        {
          price: figure('per-session-typical', perSession.typical, shown.nearest(perSession.typical)),
          count: figure('sessions-typical', String(sessions.typical), count(sessions.typical)),
        },
        sessions.typical,
      ),
    ),
    pkgId !== 'none'
      ? h('p', { class: 'package' }, t('packageLine', { discount: shown.nearest(estimate.discount.typical), list: shown.nearest(estimate.listTotal.typical), effective: shown.nearest(estimate.effectivePerSession.typical) }))
      : null,
    h('div', { part: 'range-bar' }, rangeBar(barGeometry(total, likely), barLabel)),
    h(
      'p',
      { class: 'scale' },
      h('span', {}, t('lowest'), figure('total-low', total.low, low)),
      h('span', {}, t('highest'), figure('total-high', total.high, high)),
    ),
    h(
      'ul',
      { class: 'legend', part: 'legend' },
      h('li', {}, h('span', { class: 'key key-ends', 'aria-hidden': 'true' }), t('legendEnds')),
      likely ? h('li', {}, h('span', { class: 'key key-likely', 'aria-hidden': 'true' }), t('legendLikely', { p10: shown.down(likely.p10), p90: shown.up(likely.p90) })) : null,
      likely ? h('li', {}, h('span', { class: 'key key-median', 'aria-hidden': 'true' }), t('legendMedian')) : null,
      h('li', {}, t('legendTypical')),
    ),
    ctx.rounding !== null ? h('p', { class: 'rounded' }, t('rounded', { step: shown.nearest(String(ctx.rounding)) })) : null,
    section('explanation', t('explanation'), h('ol', { class: 'adjustments' }, ...estimate.adjustments.map((a) => h('li', {}, adjustmentInWords(a, ctx))))),
    notes.length > 0 ? section('notes', t('goodToKnow'), h('ul', { class: 'notes' }, ...notes.map((n) => h('li', {}, n)))) : null,
    section('sources', t('sources', { count: sources.children.length }), sources),
  );
  figures.hidden = false;
  const perSessionText = shown.nearest(perSession.typical);
  return {
    announcement: t('summaryLine', { total: typical, price: perSessionText, count: sessions.typical, low, high }),
    caption: pkgId === 'none' ? t('caption') : t('captionPackage', { package: pkgName.toLowerCase() }),
    total: typical,
    range: `${low} – ${high}`,
  };
}

/** The source list: one line per distinct title (the guide's sections are one article), each a link. */
function sourceList(sources: readonly Source[], ctx: WordsContext, base: string): HTMLUListElement {
  const { text } = ctx;
  const kinds: Record<string, string> = { seed: text.t('kindSeed'), reference: text.t('kindReference'), assumption: text.t('kindAssumption'), fit: text.t('kindFit'), clinic: text.t('kindClinic') };
  const seen = new Set<string>();
  const items: HTMLLIElement[] = [];
  for (const source of sources) {
    const title = sourceTitle(source, ctx);
    if (seen.has(title)) continue;
    seen.add(title);
    const href = sourceLink(source, base, text.language);
    // A clinic's own price list has no public page: its title alone, no link.
    const link = href === null ? title : h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, title, h('span', { class: 'sr-only' }, ` ${text.t('newTab')}`));
    items.push(h('li', {}, link, h('span', { class: 'kind' }, ` (${kinds[source.kind] ?? text.t('kindObservation')})`)));
  }
  return h('ul', { class: 'sources' }, ...items);
}

/** In clinic mode, whose prices these are (the clinic's own sheet, or market prices it did not set); hidden otherwise. */
export function renderClinicBanner(banner: HTMLElement, estimate: Estimate, ctx: ResultsContext): void {
  const clinic = estimate.clinic;
  banner.hidden = !clinic;
  if (!clinic) return;
  const currency = `${ctx.currencyName(estimate.currency.code)} (${estimate.currency.code})`;
  const name = h('strong', { 'data-testid': 'clinic-name' }, clinic.name);
  fill(banner, ...ctx.text.parts(clinic.priceSource === 'clinic' ? 'clinicOwn' : 'clinicMarket', { clinic: name, currency }));
}

/** The phone's sticky summary: a visual copy of what the live region says, so hidden from assistive technology by its container. */
export function renderSummaryBar(bar: HTMLElement, rendered: Rendered): void {
  fill(bar, h('span', {}, h('small', { class: 'summary-caption' }, rendered.caption), h('span', { class: 'summary-total' }, rendered.total)), h('span', { class: 'summary-range' }, rendered.range));
  bar.hidden = false;
}

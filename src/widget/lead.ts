// The lead at the end of an estimate: a call to action that opens the clinic's booking page with
// the patient's request (`cta-href`, `cta-label`), and "Save or share this estimate", which saves
// the estimate as a quote (POST /v1/quotes) and links to its printable page (GET /quotes/{id}).
// Both tell the page by events: mesoquote:cta (cancelable: the page may handle the booking
// itself) and mesoquote:quote; a failed save is a mesoquote:error like any other failure.
import { ApiError, postJson } from './api.js';
import { fill, h } from './dom.js';
import type { Text } from './text.js';
import type { Choice, Estimate } from './types.js';

/** What the call to action and the saved quote need from the element. */
export interface LeadHost {
  attribute(name: string): string | null;
  warn(name: string, value: string, why: string): void;
  /** Dispatches a composed, bubbling event; false when a listener called preventDefault(). */
  emit(type: 'mesoquote:cta' | 'mesoquote:quote' | 'mesoquote:error', detail: unknown, cancelable?: boolean): boolean;
  failed(error: ApiError): void;
}

export interface SavedQuote {
  readonly id: string;
  readonly url: string;
  readonly validUntil: string;
}

/** The choice as the booking page receives it: a parameter the clinic's own link already sets is left alone. */
export function bookingHref(ctaHref: string, choice: Choice, estimate: Estimate, quote: SavedQuote | undefined): string {
  const url = new URL(ctaHref);
  const params: Array<[string, string | null | undefined]> = [
    ['treatment', choice.treatment],
    ['areas', choice.areas.join(',')],
    ['country', estimate.request.country],
    ['cityTier', estimate.request.cityTier],
    ['practitioner', estimate.request.practitioner],
    ['sessions', choice.sessions === null ? null : String(choice.sessions)],
    ['package', choice.package],
    ['currency', estimate.currency.code],
    ['total', estimate.total.typical],
    ['clinic', choice.clinic],
    ['quote', quote?.id],
  ];
  for (const [name, value] of params) if (value && !url.searchParams.has(name)) url.searchParams.set(name, value);
  return url.href;
}

/** The `cta-href` attribute when it is an absolute http(s) address; anything else is ignored with a warning. */
export function ctaTarget(value: string | null, warn: (why: string) => void): string | null {
  if (value === null || value.trim() === '') return null;
  try {
    const url = new URL(value.trim());
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // not a URL: warned below
  }
  warn('is not an absolute http or https address (e.g. https://clinic.example/book); no booking button is shown');
  return null;
}

export class Lead {
  readonly element: HTMLDivElement;
  private saved: { key: string; quote: SavedQuote } | undefined;
  private saving: AbortController | undefined;

  constructor(private readonly host: LeadHost) {
    this.element = h('div', { class: 'lead', part: 'lead', hidden: true });
  }

  hide(): void {
    this.saving?.abort();
    this.element.hidden = true;
  }

  /** The CTA and the save action for the estimate on show (`key` identifies its request). */
  show(estimate: Estimate, choice: Choice, key: string, base: string, text: Text, locale: string): void {
    if (this.saved?.key !== key) this.saved = undefined;
    const { t } = text;
    const href = ctaTarget(this.host.attribute('cta-href'), (why) => this.host.warn('cta-href', this.host.attribute('cta-href') ?? '', why));
    const cta = href === null ? null : this.ctaLink(href, estimate, choice, text);
    const save = h('button', { type: 'button', class: 'secondary', part: 'save' }, t('save'));
    const result = h('div', { class: 'saved', 'aria-live': 'polite' });
    save.addEventListener('click', () => void this.save(estimate, choice, key, base, text, locale, save, result));
    if (this.saved) this.showSaved(this.saved.quote, text, locale, result);
    fill(this.element, h('div', { class: 'actions' }, cta, save), result);
    this.element.hidden = false;
  }

  private ctaLink(href: string, estimate: Estimate, choice: Choice, text: Text): HTMLAnchorElement {
    const label = this.host.attribute('cta-label')?.trim() || text.t('cta');
    const link = h('a', { class: 'cta', part: 'cta', href: bookingHref(href, choice, estimate, this.saved?.quote) }, label);
    link.addEventListener('click', (event) => {
      const detail = { href: link.href, request: estimate.request, total: estimate.total, currency: estimate.currency.code, quote: this.saved?.quote ?? null };
      if (!this.host.emit('mesoquote:cta', detail, true)) event.preventDefault();
    });
    return link;
  }

  private async save(estimate: Estimate, choice: Choice, key: string, base: string, text: Text, locale: string, button: HTMLButtonElement, result: HTMLElement): Promise<void> {
    this.saving?.abort();
    const controller = new AbortController();
    this.saving = controller;
    button.disabled = true;
    fill(result, h('p', { class: 'status loading' }, text.t('saving')));
    try {
      const answer = await postJson<{ id: string; validUntil: string }>(new URL('v1/quotes', base).href, quoteBody(choice), controller.signal);
      if (controller.signal.aborted) return;
      const quote: SavedQuote = { id: answer.id, url: new URL(`quotes/${answer.id}?lang=${text.language}`, base).href, validUntil: answer.validUntil };
      this.saved = { key, quote };
      this.showSaved(quote, text, locale, result);
      // The booking link now carries the quote too.
      const cta = this.element.querySelector<HTMLAnchorElement>('a.cta');
      const href = ctaTarget(this.host.attribute('cta-href'), () => undefined);
      if (cta && href) cta.href = bookingHref(href, choice, estimate, quote);
      this.host.emit('mesoquote:quote', quote);
    } catch (error) {
      if (controller.signal.aborted || (error as Error).name === 'AbortError') return;
      const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
      fill(result, h('p', { class: 'field-error', role: 'alert' }, apiError.status === 429 ? text.t('errorBusy') : text.t('saveFailed')));
      this.host.failed(apiError);
    } finally {
      button.disabled = false;
    }
  }

  private showSaved(quote: SavedQuote, text: Text, locale: string, result: HTMLElement): void {
    const until = new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(quote.validUntil));
    const link = h('a', { href: quote.url, target: '_blank', rel: 'noopener', part: 'quote-link' }, text.t('quoteLink'), h('span', { class: 'sr-only' }, ` ${text.t('newTab')}`));
    const copy = h('button', { type: 'button', class: 'secondary' }, text.t('copyLink'));
    const copied = h('span', { class: 'copied', role: 'status' });
    copy.addEventListener('click', () => {
      void navigator.clipboard?.writeText(quote.url).then(
        () => (copied.textContent = text.t('copied')),
        () => (copied.textContent = quote.url),
      );
      if (!navigator.clipboard) copied.textContent = quote.url;
    });
    fill(result, h('p', {}, text.t('quoteSaved', { date: until })), h('p', { class: 'actions' }, link, copy, copied));
  }
}

/** POST /v1/quotes's body for the choice: a clinic's sheet fixes country, tiers and currency, so they are left out. */
function quoteBody(choice: Choice): Record<string, unknown> {
  const body: Record<string, unknown> = { treatment: choice.treatment, areas: choice.areas, package: { kind: choice.package } };
  if (choice.sessions !== null) body.sessions = choice.sessions;
  if (choice.clinic) body.clinic = choice.clinic;
  else {
    body.country = choice.country;
    body.cityTier = choice.cityTier;
    body.practitioner = choice.practitioner;
    if (choice.currency !== null) body.currency = choice.currency;
  }
  return body;
}

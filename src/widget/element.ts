// <mesoquote-calculator>: the visitor picks a treatment, areas, country, city tier, practitioner,
// optionally a number of sessions and a package, and sees what the course costs, from the API, in
// their language. Everything renders in an open shadow root styled by a constructed stylesheet
// (styles.ts). The form is controls.ts, the figures results.ts, the lead (booking, saved quote) lead.ts.
import { EN } from '../i18n/en.js';
import type { Language, Messages } from '../i18n/messages.js';
import { ApiError, estimateUrl, fetchEstimate, loadCatalog, normaliseBase } from './api.js';
import { ATTRIBUTES } from './attributes.js';
import { CalculatorForm, safeName } from './controls.js';
import { fill, h } from './dom.js';
import { resolveLocale, ROUNDING_STEPS, shownMoney } from './format.js';
import { Lead } from './lead.js';
import { renderFigures } from './results.js';
import { CSS } from './styles.js';
import { chooseLanguage, loadMessages, makeText, parseLabels, SUPPORTED, type Text } from './text.js';
import { applyTheme } from './theme.js';
import type { Catalog, Choice, Estimate } from './types.js';

/** The script's own address, read while it runs: by default the API is where the widget came from. */
const SCRIPT_SRC = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : '';

const CLINIC_ID = /^cl_[0-9a-f]{16}$/;
const COLOUR_ATTRIBUTES = new Set(['accent-color', 'text-color', 'background-color']);
/** Attributes that change the words or where they come from: the form is rebuilt, the choices kept. */
const REBUILD_ATTRIBUTES = new Set(['api', 'locale', 'labels']);
/** Attributes that change only how the estimate on show is presented. */
const PRESENTATION_ATTRIBUTES = new Set(['rounding', 'cta-href', 'cta-label']);

export type CalculatorState = 'loading' | 'ready' | 'invalid' | 'error' | 'offline';

let sharedSheet: CSSStyleSheet | undefined;

export class MesoquoteCalculator extends HTMLElement {
  static get observedAttributes(): readonly string[] {
    return ATTRIBUTES;
  }

  private readonly root: ShadowRoot;
  private readonly themeSheet = new CSSStyleSheet();
  private readonly frame: HTMLDivElement;
  /** An invisible element coloured with the accent, to read the accent's computed colour. */
  private readonly accentProbe: HTMLSpanElement;
  private readonly controlsHost: HTMLDivElement;
  private readonly results: HTMLElement;
  private readonly resultsTitle: HTMLHeadingElement;
  private readonly status: HTMLParagraphElement;
  private readonly alert: HTMLDivElement;
  private readonly figures: HTMLDivElement;
  private readonly disclaimer: HTMLParagraphElement;
  /** In clinic mode: whose prices these are. */
  private readonly clinicBanner: HTMLParagraphElement;
  /** On a narrow screen: the typical total and range, kept in sight while the patient edits the form. */
  private readonly summaryBar: HTMLDivElement;
  private readonly lead: Lead;
  private readonly warned = new Set<string>();
  private base = '';
  private locale = 'en';
  private text: Text = makeText('en', EN, {});
  private catalog: Catalog | undefined;
  private form: CalculatorForm | undefined;
  private estimate: Estimate | undefined;
  private shownChoice: Choice | undefined;
  private inflight: AbortController | undefined;
  private started = false;
  private generation = 0;
  private lastAnnouncement = '';
  /** The estimate URL whose answer is on show. */
  private shownUrl = '';
  private currentState: CalculatorState = 'loading';
  private readonly onOnline = (): void => {
    if (this.currentState === 'offline' || this.currentState === 'error') this.restartOrUpdate();
    else if (this.currentState === 'ready') this.clearAlert();
  };
  private readonly onOffline = (): void => {
    if (this.currentState === 'ready') this.showNotice(this.text.t('offlineNotice'));
  };

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    sharedSheet ??= new CSSStyleSheet();
    if (sharedSheet.cssRules.length === 0) sharedSheet.replaceSync(CSS);
    this.root.adoptedStyleSheets = [sharedSheet, this.themeSheet];
    this.status = h('p', { class: 'status loading', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.alert = h('div', { class: 'alert', role: 'alert' });
    this.figures = h('div', { class: 'figures', hidden: true });
    // The words come with the language (applyStaticText), so nothing shows in English first.
    this.disclaimer = h('p', { class: 'disclaimer', part: 'disclaimer' });
    this.clinicBanner = h('p', { class: 'clinic', 'data-testid': 'clinic', part: 'clinic', hidden: true });
    this.controlsHost = h('div', { class: 'controls' });
    this.resultsTitle = h('h3', { id: 'results-title' });
    this.lead = new Lead({
      attribute: (name) => this.getAttribute(name),
      warn: (name, value, why) => this.warnOnce(name, value, why),
      emit: (type, detail, cancelable = false) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable })),
      failed: (error) => this.emitError(error),
    });
    this.results = h(
      'section',
      { class: 'results', part: 'results', 'aria-labelledby': 'results-title', 'aria-busy': 'true' },
      this.resultsTitle,
      this.clinicBanner,
      this.status,
      this.alert,
      this.figures,
      this.lead.element,
      this.disclaimer,
    );
    // A visual copy of what the live region already says: hidden from assistive technology.
    this.summaryBar = h('div', { class: 'summary-bar', part: 'summary-bar', 'aria-hidden': 'true', hidden: true });
    this.accentProbe = h('span', { class: 'probe', 'aria-hidden': 'true' });
    this.frame = h('div', { class: 'mq', part: 'frame' }, this.controlsHost, this.results, this.summaryBar, this.accentProbe);
    this.root.append(this.frame);
  }

  /** loading, ready, invalid (a field needs fixing), error or offline. */
  get state(): CalculatorState {
    return this.currentState;
  }

  /** The estimate on show, as the API sent it. */
  get value(): Estimate | undefined {
    return this.estimate;
  }

  connectedCallback(): void {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    applyTheme(this, this.themeSheet, this.frame, this.accentProbe);
    if (!this.started) {
      this.started = true;
      void this.start();
    } else if (this.currentState === 'loading') {
      // Moved in the page while a request was in flight: disconnecting cancelled it.
      this.restartOrUpdate();
    }
  }

  disconnectedCallback(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.inflight?.abort();
    this.form?.cancelTyping();
  }

  attributeChangedCallback(name: string, previous: string | null, next: string | null): void {
    if (!this.started || previous === next) return;
    if (COLOUR_ATTRIBUTES.has(name)) applyTheme(this, this.themeSheet, this.frame, this.accentProbe);
    else if (REBUILD_ATTRIBUTES.has(name)) void this.start();
    else if (PRESENTATION_ATTRIBUTES.has(name)) {
      if (this.estimate && this.currentState === 'ready') this.render(this.estimate);
    } else if (this.form) {
      // Only the attribute that changed is applied: the patient's other choices stay.
      const kept = this.form.snapshot();
      this.form.applyPresets();
      this.form.restore(kept, name);
      this.form.setClinicMode(this.clinicId() !== null);
      this.update();
    }
  }

  private setState(state: CalculatorState): void {
    this.currentState = state;
    this.results.setAttribute('aria-busy', String(state === 'loading'));
  }

  private restartOrUpdate(): void {
    if (this.catalog && this.form) this.update();
    else void this.start();
  }

  /** Loads the catalog and the language from the API, builds the form, then prices the preset choice. */
  private async start(): Promise<void> {
    const generation = ++this.generation;
    this.inflight?.abort();
    const localeAttribute = this.getAttribute('locale');
    const pageLang = this.closest('[lang]')?.getAttribute('lang');
    this.locale = resolveLocale(localeAttribute, pageLang, navigator.language);
    const { language, unsupported } = chooseLanguage(localeAttribute, pageLang);
    if (unsupported) this.warnOnce('locale', unsupported, `is not a language the calculator speaks (${SUPPORTED}); numbers follow it, the words are in ${language}`);
    this.setState('loading');
    // Until its words arrive, a page in another language sees the spinner and hears nothing in English.
    this.setStatus(this.text.language === language ? this.text.t('loading') : '', true);
    this.clearAlert();
    let messages: Promise<Messages> = Promise.resolve(EN);
    try {
      this.base = normaliseBase(this.getAttribute('api') ?? (SCRIPT_SRC ? new URL('./', SCRIPT_SRC).href : './'), document.baseURI);
      messages = loadMessages(this.base, language).catch((error: unknown) => {
        console.warn(`<mesoquote-calculator>: the ${language} text could not be loaded (${(error as Error).message}); showing English`);
        return EN;
      });
      const [catalog, loaded] = await Promise.all([loadCatalog(this.base), messages]);
      if (generation !== this.generation) return;
      this.useText(language, loaded);
      this.catalog = catalog;
      const kept = this.form?.snapshot();
      this.form = new CalculatorForm(catalog, this.text, this.locale, {
        attribute: (name) => this.getAttribute(name),
        warn: (name, value, why) => this.warnOnce(name, value, why),
        changed: () => this.update(),
      });
      this.form.applyPresets();
      if (kept) this.form.restore(kept, '');
      this.form.setClinicMode(this.clinicId() !== null);
      this.frame.classList.toggle('clinic-mode', this.clinicId() !== null);
      fill(this.controlsHost, this.form.element);
      this.shownUrl = '';
      this.update();
    } catch (error) {
      // The failure is said in the page's language when its words came (they may have, from another origin's cache).
      const loaded = await messages;
      if (generation !== this.generation) return;
      this.useText(language, loaded);
      this.catalog = undefined;
      this.showFailure(error, this.text.t('catalogFailed'));
    }
  }

  /** Speaks `language` from now on, with the clinic's `labels` over its messages. */
  private useText(language: Language, loaded: Messages): void {
    const { labels, rejected } = parseLabels(this.getAttribute('labels'));
    if (rejected.length > 0) this.warnOnce('labels', rejected.join(', '), 'names no text the calculator shows (labels is a JSON object of message keys, see docs/calculator.md); those are ignored');
    this.text = makeText(loaded === EN ? 'en' : language, loaded, labels);
    this.applyStaticText();
  }

  /** The words that do not depend on an estimate, in the language just loaded. */
  private applyStaticText(): void {
    const { t } = this.text;
    this.resultsTitle.textContent = t('resultsTitle');
    this.disclaimer.textContent = t('disclaimer');
    this.frame.lang = this.text.language;
  }

  /** One console warning per bad attribute value, naming it and what is allowed. */
  private warnOnce(name: string, value: string, why: string): void {
    const key = `${name}=${value}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    console.warn(`<mesoquote-calculator>: ${name}="${value}" ${why}`);
  }

  /** The `clinic` attribute when it is a clinic id; anything else is ignored with a warning. */
  private clinicId(): string | null {
    const value = this.getAttribute('clinic')?.trim() || null;
    if (value === null) return null;
    if (CLINIC_ID.test(value)) return value;
    this.warnOnce('clinic', value, 'is not a clinic id (cl_ followed by 16 hexadecimal digits); showing market prices');
    return null;
  }

  /** The `rounding` attribute as a step, or null (exact figures). */
  private rounding(): number | null {
    const value = this.getAttribute('rounding')?.trim() || null;
    if (value === null) return null;
    const step = Number(value);
    if ((ROUNDING_STEPS as readonly number[]).includes(step) && /^\d+$/.test(value)) return step;
    this.warnOnce('rounding', value, `is not one of ${ROUNDING_STEPS.join(', ')}; showing exact figures`);
    return null;
  }

  /** The `currency` attribute when the catalog knows it; anything else is ignored with a warning. */
  private currency(catalog: Catalog): string | null {
    const currency = this.getAttribute('currency')?.trim().toUpperCase() || null;
    const codes = catalog.currencies.map((k) => k.code);
    if (currency === null || codes.includes(currency)) return currency;
    this.warnOnce('currency', currency, `is not one of ${codes.join(', ')}; using the country's own currency`);
    return null;
  }

  /** Prices what the form shows; a newer call cancels an older one still in flight. */
  private update(): void {
    const form = this.form;
    const catalog = this.catalog;
    if (!form || !catalog) return;
    form.cancelTyping();
    const read = form.read();
    form.areasError.textContent = '';
    form.sessionsError.textContent = '';
    form.sessions.removeAttribute('aria-invalid');
    if ('field' in read) {
      this.inflight?.abort();
      if (read.field === 'areas') form.areasError.textContent = read.message;
      else {
        form.sessionsError.textContent = read.message;
        form.sessions.setAttribute('aria-invalid', 'true');
      }
      this.clearFigures();
      this.clearAlert();
      this.setState('invalid');
      this.setStatus(this.text.t('noEstimateBecause', { reason: read.message }), false);
      return;
    }
    const choice: Choice = { ...read.choice, currency: this.currency(catalog), clinic: this.clinicId() };
    // A field that reports a change without changing the choice (a blur after typing) costs nothing.
    const url = estimateUrl(this.base, choice);
    if (url === this.shownUrl && this.currentState === 'ready') return;
    this.inflight?.abort();
    const controller = new AbortController();
    this.inflight = controller;
    this.setState('loading');
    this.setStatus(this.text.t('updating'), true);
    fetchEstimate(url, controller.signal).then(
      (estimate) => {
        if (controller.signal.aborted) return;
        this.shownChoice = choice;
        this.shownUrl = url;
        this.render(estimate);
      },
      (error: unknown) => {
        if (controller.signal.aborted || (error as Error).name === 'AbortError') return;
        this.clearFigures();
        this.showFailure(error, this.text.t('estimateFailed'));
      },
    );
  }

  /** The live region: visible while loading or failing; once the figures show, heard but not seen twice. */
  private setStatus(text: string, loading: boolean, visible = true): void {
    this.status.classList.toggle('loading', loading);
    this.status.classList.toggle('sr-only', !visible);
    if (text !== this.lastAnnouncement) {
      this.status.textContent = text;
      this.lastAnnouncement = text;
    }
  }

  /** No figures rather than figures for another choice. */
  private clearFigures(): void {
    fill(this.figures);
    this.figures.hidden = true;
    this.summaryBar.hidden = true;
    this.lead.hide();
    this.estimate = undefined;
    this.shownUrl = '';
  }

  private clearAlert(): void {
    fill(this.alert);
    this.alert.classList.remove('offline');
  }

  private showNotice(message: string): void {
    fill(this.alert, h('p', {}, message));
    this.alert.classList.add('offline');
  }

  private emitError(error: ApiError): void {
    this.dispatchEvent(new CustomEvent('mesoquote:error', { detail: { kind: error.kind, status: error.status ?? null, message: error.message }, bubbles: true, composed: true }));
  }

  /** The failure in the visitor's words; the API's own words go to the mesoquote:error event. */
  private showFailure(error: unknown, context: string): void {
    const { t } = this.text;
    const apiError = error instanceof ApiError ? error : new ApiError('answer', error instanceof Error ? error.message : String(error));
    const offline = apiError.kind === 'offline';
    this.setState(offline ? 'offline' : 'error');
    this.alert.classList.toggle('offline', offline);
    const why: Record<ApiError['kind'], string> = {
      offline: t('errorOffline'),
      timeout: t('errorTimeout', { seconds: 10 }),
      network: t('errorNetwork'),
      cors: t('errorCors', { site: location.origin }),
      answer: t('errorAnswer'),
      problem: apiError.status === 429 ? t('errorBusy') : t('errorProblem', { status: apiError.status ?? 500 }),
    };
    const retry = h('button', { type: 'button' }, t('tryAgain'));
    retry.addEventListener('click', () => this.restartOrUpdate());
    // A problem the API reported about the request itself will not go away by retrying.
    // Offline, the 'online' event retries by itself; a site CORS refuses cannot retry its way in.
    const retryable = !offline && apiError.kind !== 'cors' && (apiError.kind !== 'problem' || (apiError.status ?? 500) >= 500 || apiError.status === 429);
    fill(this.alert, h('p', {}, offline ? why.offline : `${context} ${why[apiError.kind]}`), retryable ? retry : null);
    // What the API said is for the page's developer: the console and the event carry it.
    if (apiError.kind === 'problem') console.warn(`<mesoquote-calculator>: the price service answered ${apiError.status ?? ''}: ${apiError.message}`);
    this.setStatus(offline ? t('offlineStatus') : t('failedStatus'), false);
    this.emitError(apiError);
  }

  private render(estimate: Estimate): void {
    const catalog = this.catalog as Catalog;
    const locale = this.locale;
    const text = this.text;
    const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    const currencies = new Intl.DisplayNames([locale], { type: 'currency', fallback: 'none' });
    const rounding = this.rounding();
    const shown = shownMoney(locale, estimate.currency.code, estimate.currency.minorUnits, rounding);
    const rendered = renderFigures(this.figures, estimate, {
      locale,
      text,
      catalog,
      estimate,
      shown,
      rounding,
      base: this.base,
      money: shown.nearest,
      countryName: (code) => safeName(() => regions.of(code)) ?? catalog.countries.find((c) => c.code === code)?.name ?? code,
      currencyName: (code) => safeName(() => currencies.of(code)) ?? code,
    });
    const clinic = estimate.clinic;
    if (clinic) {
      const currency = `${safeName(() => currencies.of(estimate.currency.code)) ?? estimate.currency.code} (${estimate.currency.code})`;
      const name = h('strong', { 'data-testid': 'clinic-name' }, clinic.name);
      fill(this.clinicBanner, ...text.parts(clinic.priceSource === 'clinic' ? 'clinicOwn' : 'clinicMarket', { clinic: name, currency }));
    }
    this.clinicBanner.hidden = !clinic;
    fill(this.summaryBar, h('span', {}, h('small', { class: 'summary-caption' }, rendered.caption), h('span', { class: 'summary-total' }, rendered.total)), h('span', { class: 'summary-range' }, rendered.range));
    this.summaryBar.hidden = false;
    if (this.shownChoice) this.lead.show(estimate, this.shownChoice, this.shownUrl, this.base, text, locale);
    this.estimate = estimate;
    this.setState('ready');
    this.clearAlert();
    if (!navigator.onLine) this.onOffline();
    this.setStatus(rendered.announcement, false, false);
    this.dispatchEvent(new CustomEvent('mesoquote:estimate', { detail: estimate, bubbles: true, composed: true }));
  }
}

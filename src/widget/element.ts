// <mesoquote-calculator>: the visitor picks a treatment, areas, country, city tier, practitioner,
// optionally a number of sessions and a package, and sees what the course costs, from the API, in
// their language. Everything renders in an open shadow root styled by a constructed stylesheet
// (styles.ts). The form is controls.ts, the figures results.ts, the lead (booking, saved quote) lead.ts,
// the live region and alerts status.ts, the checked attributes attribute-values.ts.
import { EN } from '../i18n/en.js';
import type { Language, Messages } from '../i18n/messages.js';
import { type ApiError, estimateUrl, fetchEstimate, loadCatalog, normaliseBase } from './api.js';
import { AttributeValues } from './attribute-values.js';
import { ATTRIBUTES } from './attributes.js';
import { CalculatorForm } from './controls.js';
import { fill, h } from './dom.js';
import { resolveLocale } from './format.js';
import { Lead } from './lead.js';
import { renderClinicBanner, renderFigures, renderSummaryBar, resultsContext } from './results.js';
import { asApiError, StatusArea } from './status.js';
import { CSS } from './styles.js';
import { chooseLanguage, loadMessages, makeText, parseLabels, SUPPORTED, type Text } from './text.js';
import { applyTheme } from './theme.js';
import type { Catalog, Choice, Estimate } from './types.js';

/** The script's own address, read while it runs: by default the API is where the widget came from. */
const SCRIPT_SRC = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : '';

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
  private readonly statusArea = new StatusArea();
  private readonly figures: HTMLDivElement;
  private readonly disclaimer: HTMLParagraphElement;
  /** In clinic mode: whose prices these are. */
  private readonly clinicBanner: HTMLParagraphElement;
  /** On a narrow screen: the typical total and range, kept in sight while the patient edits the form. */
  private readonly summaryBar: HTMLDivElement;
  private readonly lead: Lead;
  private readonly values = new AttributeValues((name) => this.getAttribute(name));
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
  /** The estimate URL whose answer is on show. */
  private shownUrl = '';
  private currentState: CalculatorState = 'loading';
  private readonly onOnline = (): void => {
    if (this.currentState === 'offline' || this.currentState === 'error') this.restartOrUpdate();
    else if (this.currentState === 'ready') this.statusArea.clearAlert();
  };
  private readonly onOffline = (): void => {
    if (this.currentState === 'ready') this.statusArea.notice(this.text.t('offlineNotice'));
  };

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    sharedSheet ??= new CSSStyleSheet();
    if (sharedSheet.cssRules.length === 0) sharedSheet.replaceSync(CSS);
    this.root.adoptedStyleSheets = [sharedSheet, this.themeSheet];
    this.figures = h('div', { class: 'figures', hidden: true });
    // The words come with the language (applyStaticText), so nothing shows in English first.
    this.disclaimer = h('p', { class: 'disclaimer', part: 'disclaimer' });
    this.clinicBanner = h('p', { class: 'clinic', 'data-testid': 'clinic', part: 'clinic', hidden: true });
    this.controlsHost = h('div', { class: 'controls' });
    this.resultsTitle = h('h3', { id: 'results-title' });
    this.lead = new Lead({
      attribute: (name) => this.getAttribute(name),
      warn: (name, value, why) => this.values.warn(name, value, why),
      emit: (type, detail, cancelable = false) => this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable })),
      failed: (error) => this.emitError(error),
    });
    this.results = h(
      'section',
      { class: 'results', part: 'results', 'aria-labelledby': 'results-title', 'aria-busy': 'true' },
      this.resultsTitle,
      this.clinicBanner,
      this.statusArea.status,
      this.statusArea.alert,
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
      this.form.setClinicMode(this.values.clinicId() !== null);
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
    if (unsupported) this.values.warn('locale', unsupported, `is not a language the calculator speaks (${SUPPORTED}); numbers follow it, the words are in ${language}`);
    this.setState('loading');
    // Until its words arrive, a page in another language sees the spinner and hears nothing in English.
    this.statusArea.say(this.text.language === language ? this.text.t('loading') : '', true);
    this.statusArea.clearAlert();
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
        warn: (name, value, why) => this.values.warn(name, value, why),
        changed: () => this.update(),
      });
      this.form.applyPresets();
      if (kept) this.form.restore(kept, '');
      this.form.setClinicMode(this.values.clinicId() !== null);
      this.frame.classList.toggle('clinic-mode', this.values.clinicId() !== null);
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
    if (rejected.length > 0) this.values.warn('labels', rejected.join(', '), 'names no text the calculator shows (labels is a JSON object of message keys, see docs/calculator.md); those are ignored');
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
      this.statusArea.clearAlert();
      this.setState('invalid');
      this.statusArea.say(this.text.t('noEstimateBecause', { reason: read.message }), false);
      return;
    }
    const choice: Choice = { ...read.choice, currency: this.values.currency(catalog), clinic: this.values.clinicId() };
    // A field that reports a change without changing the choice (a blur after typing) costs nothing.
    const url = estimateUrl(this.base, choice);
    if (url === this.shownUrl && this.currentState === 'ready') return;
    this.inflight?.abort();
    const controller = new AbortController();
    this.inflight = controller;
    this.setState('loading');
    this.statusArea.say(this.text.t('updating'), true);
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

  /** No figures rather than figures for another choice. */
  private clearFigures(): void {
    fill(this.figures);
    this.figures.hidden = true;
    this.summaryBar.hidden = true;
    this.lead.hide();
    this.estimate = undefined;
    this.shownUrl = '';
  }

  private emitError(error: ApiError): void {
    this.dispatchEvent(new CustomEvent('mesoquote:error', { detail: { kind: error.kind, status: error.status ?? null, message: error.message }, bubbles: true, composed: true }));
  }

  /** The failure in the visitor's words, with Try again when retrying can help; the event carries the API's. */
  private showFailure(error: unknown, context: string): void {
    const apiError = asApiError(error);
    this.setState(apiError.kind === 'offline' ? 'offline' : 'error');
    this.statusArea.failure(apiError, context, this.text, () => this.restartOrUpdate());
    this.emitError(apiError);
  }

  private render(estimate: Estimate): void {
    const text = this.text;
    const locale = this.locale;
    const ctx = resultsContext(estimate, { locale, text, catalog: this.catalog as Catalog, rounding: this.values.rounding(), base: this.base });
    const rendered = renderFigures(this.figures, estimate, ctx);
    renderClinicBanner(this.clinicBanner, estimate, ctx);
    renderSummaryBar(this.summaryBar, rendered);
    if (this.shownChoice) this.lead.show(estimate, this.shownChoice, this.shownUrl, this.base, text, locale);
    this.estimate = estimate;
    this.setState('ready');
    this.statusArea.clearAlert();
    if (!navigator.onLine) this.onOffline();
    this.statusArea.say(rendered.announcement, false, false);
    this.dispatchEvent(new CustomEvent('mesoquote:estimate', { detail: estimate, bubbles: true, composed: true }));
  }
}

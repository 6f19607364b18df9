// <mesoquote-calculator>: the visitor picks a treatment, areas, country, city tier, practitioner,
// optionally a number of sessions and a package, and sees what the course costs, from the API.
// Everything renders in an open shadow root styled by a constructed stylesheet (styles.ts).
import { ApiError, estimateUrl, fetchEstimate, loadCatalog, normaliseBase } from './api.js';
import { ATTRIBUTES } from './attributes.js';
import { barGeometry } from './bar-geometry.js';
import { Combobox } from './combobox.js';
import { fill, h } from './dom.js';
import { integerFormat, moneyFormat, resolveLocale } from './format.js';
import { adjustmentInWords, packageLabel, type WordsContext } from './plain-words.js';
import { rangeBar } from './range-bar.js';
import { CSS } from './styles.js';
import { applyTheme } from './theme.js';
import type { Catalog, CatalogTreatment, Choice, Estimate } from './types.js';

/** The script's own address, read while it runs: by default the API is where the widget came from. */
const SCRIPT_SRC = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : '';
const DISCLAIMER = 'This is an estimate. A consultation with a qualified practitioner decides the real plan, the number of sessions and the price.';
const MAX_SESSIONS = 30;
const TYPING_DELAY_MS = 300;

const CLINIC_ID = /^cl_[0-9a-f]{16}$/;
const COLOUR_ATTRIBUTES = new Set(['accent-color', 'text-color', 'background-color']);

interface Snapshot {
  readonly treatment: string;
  readonly areas: readonly string[];
  readonly country: string;
  readonly cityTier: string;
  readonly practitioner: string;
  readonly sessions: string;
  readonly package: string;
}

export type CalculatorState = 'loading' | 'ready' | 'invalid' | 'error' | 'offline';

let sharedSheet: CSSStyleSheet | undefined;

interface Controls {
  readonly treatment: HTMLSelectElement;
  readonly treatmentHint: HTMLParagraphElement;
  readonly areas: HTMLFieldSetElement;
  readonly areasError: HTMLParagraphElement;
  readonly country: Combobox;
  readonly cityTier: HTMLFieldSetElement;
  readonly practitioner: HTMLFieldSetElement;
  readonly sessions: HTMLInputElement;
  readonly sessionsHint: HTMLParagraphElement;
  readonly sessionsError: HTMLParagraphElement;
  readonly package: HTMLSelectElement;
}

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
  private readonly status: HTMLParagraphElement;
  private readonly alert: HTMLDivElement;
  private readonly figures: HTMLDivElement;
  private readonly disclaimer: HTMLParagraphElement;
  /** In clinic mode: whose prices these are. */
  private readonly clinicBanner: HTMLParagraphElement;
  private warnedClinic = '';
  private readonly warned = new Set<string>();
  private base = '';
  private locale = 'en';
  private catalog: Catalog | undefined;
  private controls: Controls | undefined;
  private estimate: Estimate | undefined;
  private inflight: AbortController | undefined;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
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
    if (this.currentState === 'ready') this.showNotice('You are offline. The figures shown are for your current choices; changes will update when the connection is back.');
  };

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    sharedSheet ??= new CSSStyleSheet();
    if (sharedSheet.cssRules.length === 0) sharedSheet.replaceSync(CSS);
    this.root.adoptedStyleSheets = [sharedSheet, this.themeSheet];
    this.status = h('p', { class: 'status loading', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' }, 'Loading the price calculator…');
    this.alert = h('div', { class: 'alert', role: 'alert' });
    this.figures = h('div', { class: 'figures', hidden: true });
    this.disclaimer = h('p', { class: 'disclaimer' }, DISCLAIMER);
    this.clinicBanner = h('p', { class: 'clinic', 'data-testid': 'clinic', hidden: true });
    this.controlsHost = h('div', { class: 'controls' });
    this.results = h('section', { class: 'results', 'aria-labelledby': 'results-title', 'aria-busy': 'true' }, h('h3', { id: 'results-title' }, 'Your estimate'), this.clinicBanner, this.status, this.alert, this.figures, this.disclaimer);
    this.accentProbe = h('span', { class: 'probe', 'aria-hidden': 'true' });
    this.frame = h('div', { class: 'mq' }, this.controlsHost, this.results, this.accentProbe);
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
    clearTimeout(this.typingTimer);
  }

  attributeChangedCallback(name: string, previous: string | null, next: string | null): void {
    if (!this.started || previous === next) return;
    if (COLOUR_ATTRIBUTES.has(name)) applyTheme(this, this.themeSheet, this.frame, this.accentProbe);
    else if (name === 'api' || name === 'locale') void this.start();
    else if (this.catalog && this.controls) {
      // Only the attribute that changed is applied: the patient's other choices stay.
      const kept = this.snapshot(this.controls);
      this.applyPresets(this.catalog, this.controls);
      this.restore(this.controls, kept, name);
      this.update();
    }
  }

  private setState(state: CalculatorState): void {
    this.currentState = state;
    this.results.setAttribute('aria-busy', String(state === 'loading'));
  }

  private restartOrUpdate(): void {
    if (this.catalog) this.update();
    else void this.start();
  }

  /** Loads the catalog from the API, builds the controls, then prices the preset choice. */
  private async start(): Promise<void> {
    const generation = ++this.generation;
    this.inflight?.abort();
    this.locale = resolveLocale(this.getAttribute('locale'), this.closest('[lang]')?.getAttribute('lang'), navigator.language);
    this.setState('loading');
    this.setStatus('Loading the price calculator…', true);
    this.clearAlert();
    try {
      this.base = normaliseBase(this.getAttribute('api') ?? (SCRIPT_SRC ? new URL('./', SCRIPT_SRC).href : './'), document.baseURI);
      const catalog = await loadCatalog(this.base);
      if (generation !== this.generation) return;
      this.catalog = catalog;
      const kept = this.controls ? this.snapshot(this.controls) : undefined;
      this.controls = this.buildControls(catalog);
      this.applyPresets(catalog, this.controls);
      if (kept) this.restore(this.controls, kept, '');
      this.update();
    } catch (error) {
      if (generation !== this.generation) return;
      this.catalog = undefined;
      this.showFailure(error, 'The calculator could not load its treatments and countries.');
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Controls

  private buildControls(catalog: Catalog): Controls {
    const changed = (): void => this.update();
    const treatment = h('select', { id: 'treatment', 'aria-describedby': 'treatment-hint' }, ...catalog.treatments.map((t) => h('option', { value: t.id }, t.name)));
    const treatmentHint = h('p', { id: 'treatment-hint', class: 'hint' });
    treatment.addEventListener('change', () => {
      this.renderAreas(this.selectedTreatment(), this.checkedAreas());
      this.describeTreatment();
      changed();
    });

    const areasError = h('p', { id: 'areas-error', class: 'field-error' });
    const areas = h('fieldset', { 'aria-describedby': 'areas-error' });

    const country = new Combobox('country', 'country-label', changed);
    const names = new Intl.DisplayNames([this.locale], { type: 'region', fallback: 'none' });
    const collator = new Intl.Collator(this.locale);
    country.setOptions(
      catalog.countries
        .map((c) => ({ value: c.code, label: safeName(() => names.of(c.code)) ?? c.name }))
        .sort((a, b) => collator.compare(a.label, b.label)),
    );

    const radioGroup = (name: string, legend: string, items: ReadonlyArray<{ id: string; name: string; description?: string }>): HTMLFieldSetElement =>
      h(
        'fieldset',
        {},
        h('legend', {}, legend),
        h(
          'div',
          { class: 'choices' },
          ...items.map((item) => {
            const input = h('input', { type: 'radio', name, value: item.id });
            input.addEventListener('change', changed);
            return h('label', { class: 'choice' }, input, h('span', {}, item.name, item.description ? h('small', {}, item.description) : null));
          }),
        ),
      );
    const cityTier = radioGroup('city-tier', 'Clinic location', catalog.cityTiers);
    const practitioner = radioGroup('practitioner', 'Practitioner', catalog.practitioners);

    const sessionsHint = h('p', { id: 'sessions-hint', class: 'hint' });
    const sessionsError = h('p', { id: 'sessions-error', class: 'field-error' });
    const sessions = h('input', { id: 'sessions', type: 'text', inputmode: 'numeric', autocomplete: 'off', 'aria-describedby': 'sessions-hint sessions-error' });
    sessions.addEventListener('input', () => {
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(changed, TYPING_DELAY_MS);
    });
    sessions.addEventListener('change', changed);
    // The form has two text fields, so Enter submits nothing by itself: price at once instead.
    sessions.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      changed();
    });

    const pkg = h('select', { id: 'package' }, ...catalog.packageKinds.map((k) => h('option', { value: k.id }, packageLabel(k, this.locale))));
    pkg.addEventListener('change', changed);

    const form = h(
      'form',
      { 'aria-labelledby': 'calculator-title', novalidate: true },
      h('h2', { id: 'calculator-title' }, 'What will my mesotherapy cost?'),
      h('div', { class: 'field' }, h('label', { for: 'treatment' }, 'Treatment'), treatment, treatmentHint),
      h('div', {}, areas, areasError),
      h('div', { class: 'field' }, h('label', { id: 'country-label', for: 'country' }, 'Country'), country.input, country.list, country.hint),
      cityTier,
      practitioner,
      h('div', { class: 'field' }, h('label', { for: 'sessions' }, 'Number of sessions (optional)'), sessions, sessionsHint, sessionsError),
      h('div', { class: 'field' }, h('label', { for: 'package' }, 'Package or offer'), pkg),
    );
    // Nothing is ever submitted anywhere: every change prices at once.
    form.addEventListener('submit', (event) => event.preventDefault());
    fill(this.controlsHost, form);
    return { treatment, treatmentHint, areas, areasError, country, cityTier, practitioner, sessions, sessionsHint, sessionsError, package: pkg };
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
    if (this.warnedClinic !== value) {
      this.warnedClinic = value;
      console.warn(`<mesoquote-calculator>: clinic="${value}" is not a clinic id (cl_ followed by 16 hexadecimal digits); showing market prices`);
    }
    return null;
  }

  /** In clinic mode the sheet fixes country, city tier and practitioner: those fields are not shown. */
  private applyClinicMode(c: Controls): void {
    const clinic = this.clinicId() !== null;
    for (const el of [c.country.input.closest('.field'), c.cityTier, c.practitioner]) if (el instanceof HTMLElement) el.hidden = clinic;
    this.frame.classList.toggle('clinic-mode', clinic);
    if (!clinic) fill(this.clinicBanner);
    this.clinicBanner.hidden = !clinic;
  }

  /** What the patient has set in the controls, to keep across a change of attribute or language. */
  private snapshot(c: Controls): Snapshot {
    const radio = (group: HTMLFieldSetElement): string => group.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.value ?? '';
    return { treatment: c.treatment.value, areas: this.checkedAreas(), country: c.country.getValue(), cityTier: radio(c.cityTier), practitioner: radio(c.practitioner), sessions: c.sessions.value, package: c.package.value };
  }

  /** Puts back the patient's choices, except the one the attribute `changed` presets. */
  private restore(c: Controls, kept: Snapshot, changed: string): void {
    if (changed !== 'treatment' && [...c.treatment.options].some((o) => o.value === kept.treatment)) c.treatment.value = kept.treatment;
    this.renderAreas(this.selectedTreatment(), changed === 'areas' ? this.checkedAreas() : kept.areas);
    this.describeTreatment();
    if (changed !== 'country' && kept.country) c.country.setValue(kept.country);
    const check = (group: HTMLFieldSetElement, value: string): void => {
      if (!value) return;
      for (const r of group.querySelectorAll<HTMLInputElement>('input[type="radio"]')) r.checked = r.value === value;
    };
    if (changed !== 'city-tier') check(c.cityTier, kept.cityTier);
    if (changed !== 'practitioner') check(c.practitioner, kept.practitioner);
    if (changed !== 'sessions') c.sessions.value = kept.sessions;
    if (changed !== 'package') c.package.value = kept.package;
  }

  private selectedTreatment(): CatalogTreatment {
    const id = this.controls?.treatment.value;
    const catalog = this.catalog as Catalog;
    return catalog.treatments.find((t) => t.id === id) ?? (catalog.treatments[0] as CatalogTreatment);
  }

  private checkedAreas(): string[] {
    return [...(this.controls?.areas.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked') ?? [])].map((i) => i.value);
  }

  /** The treatment's areas as checkboxes, keeping those of `keep` it allows (else its reference area). */
  private renderAreas(treatment: CatalogTreatment, keep: readonly string[]): void {
    const controls = this.controls;
    if (!controls || !this.catalog) return;
    const names = new Map(this.catalog.areas.areas.map((a) => [a.id, a.name]));
    const kept = keep.filter((id) => treatment.allowedAreas.includes(id));
    const checked = new Set(kept.length > 0 ? kept : [treatment.referenceArea]);
    const legend = h('legend', {}, 'Areas treated in each session');
    if (treatment.allowedAreas.length === 1) {
      const only = treatment.allowedAreas[0] ?? treatment.referenceArea;
      fill(controls.areas, legend, h('p', { class: 'hint' }, `${names.get(only) ?? only}: the only area for this treatment.`), h('input', { type: 'checkbox', value: only, checked: true, hidden: true }));
    } else {
      const boxes = treatment.allowedAreas.map((id) => {
        const box = h('input', { type: 'checkbox', value: id, checked: checked.has(id) });
        box.addEventListener('change', () => this.update());
        return h('label', { class: 'choice' }, box, h('span', {}, names.get(id) ?? id));
      });
      fill(controls.areas, legend, h('div', { class: 'choices' }, ...boxes));
    }
    const { min, max } = treatment.sessions;
    controls.sessionsHint.textContent = `Leave empty for the usual course of ${min.value} to ${max.value} sessions; or enter 1 to ${MAX_SESSIONS}.`;
  }

  private describeTreatment(): void {
    if (this.controls) this.controls.treatmentHint.textContent = this.selectedTreatment().description ?? '';
  }

  /** Sets the controls from the element's attributes; a value the catalog does not know is ignored with a console warning. */
  private applyPresets(catalog: Catalog, c: Controls): void {
    const attr = (name: string): string | null => this.getAttribute(name)?.trim() || null;
    const known = (name: string, value: string | null, ids: readonly string[], fallback: string): string => {
      if (value === null) return ids.includes(fallback) ? fallback : (ids[0] ?? fallback);
      if (ids.includes(value)) return value;
      this.warnOnce(name, value, `is not one of ${ids.join(', ')}; using ${fallback}`);
      return ids.includes(fallback) ? fallback : (ids[0] ?? fallback);
    };
    const treatmentIds = catalog.treatments.map((t) => t.id);
    c.treatment.value = known('treatment', attr('treatment'), treatmentIds, treatmentIds[0] ?? '');
    const areas = (attr('areas') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    this.renderAreas(this.selectedTreatment(), areas);
    this.describeTreatment();
    const codes = catalog.countries.map((k) => k.code);
    c.country.setValue(known('country', attr('country')?.toUpperCase() ?? null, codes, 'US'));
    const check = (group: HTMLFieldSetElement, value: string): void => {
      for (const radio of group.querySelectorAll<HTMLInputElement>('input[type="radio"]')) radio.checked = radio.value === value;
    };
    check(c.cityTier, known('city-tier', attr('city-tier'), catalog.cityTiers.map((t) => t.id), 'city'));
    check(c.practitioner, known('practitioner', attr('practitioner'), catalog.practitioners.map((t) => t.id), 'physician'));
    const presetSessions = attr('sessions');
    const sessionsOk = presetSessions !== null && /^\d{1,2}$/.test(presetSessions) && Number(presetSessions) >= 1 && Number(presetSessions) <= MAX_SESSIONS;
    if (presetSessions !== null && !sessionsOk) this.warnOnce('sessions', presetSessions, `is not a whole number from 1 to ${MAX_SESSIONS}; leaving the field empty (the usual course)`);
    c.sessions.value = sessionsOk ? presetSessions : '';
    c.package.value = known('package', attr('package'), catalog.packageKinds.map((k) => k.id), 'none');
    this.applyClinicMode(c);
  }

  /** The choice the controls show, or the field that needs fixing. */
  private readChoice(): { choice: Choice } | { field: 'areas' | 'sessions'; message: string } {
    const c = this.controls as Controls;
    const radio = (group: HTMLFieldSetElement): string => group.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.value ?? '';
    const areas = this.checkedAreas();
    if (areas.length === 0) return { field: 'areas', message: 'Choose at least one area.' };
    const typed = c.sessions.value.trim();
    let sessions: number | null = null;
    if (typed !== '') {
      sessions = /^\d{1,2}$/.test(typed) ? Number(typed) : NaN;
      if (!(sessions >= 1 && sessions <= MAX_SESSIONS)) return { field: 'sessions', message: `Enter a whole number from 1 to ${MAX_SESSIONS}, or leave it empty.` };
    }
    let currency = this.getAttribute('currency')?.trim().toUpperCase() || null;
    const codes = (this.catalog as Catalog).currencies.map((k) => k.code);
    if (currency !== null && !codes.includes(currency)) {
      this.warnOnce('currency', currency, `is not one of ${codes.join(', ')}; using the country's own currency`);
      currency = null;
    }
    const clinic = this.clinicId();
    return {
      choice: {
        treatment: c.treatment.value,
        areas,
        country: c.country.getValue(),
        cityTier: radio(c.cityTier),
        practitioner: radio(c.practitioner),
        sessions,
        package: c.package.value,
        currency,
        clinic,
      },
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Pricing and results

  /** Prices what the controls show; a newer call cancels an older one still in flight. */
  private update(): void {
    const c = this.controls;
    if (!c) return;
    clearTimeout(this.typingTimer);
    const read = this.readChoice();
    c.areasError.textContent = '';
    c.sessionsError.textContent = '';
    c.sessions.removeAttribute('aria-invalid');
    if ('field' in read) {
      this.inflight?.abort();
      if (read.field === 'areas') c.areasError.textContent = read.message;
      else {
        c.sessionsError.textContent = read.message;
        c.sessions.setAttribute('aria-invalid', 'true');
      }
      this.clearFigures();
      this.clearAlert();
      this.setState('invalid');
      this.setStatus(`No estimate: ${read.message}`, false);
      return;
    }
    // A control that reports a change without changing the choice (a blur after typing) costs nothing.
    const url = estimateUrl(this.base, read.choice);
    if (url === this.shownUrl && this.currentState === 'ready') return;
    this.inflight?.abort();
    const controller = new AbortController();
    this.inflight = controller;
    this.setState('loading');
    this.setStatus('Updating the estimate…', true);
    fetchEstimate(url, controller.signal).then(
      (estimate) => {
        if (controller.signal.aborted) return;
        this.render(estimate);
        this.shownUrl = url;
      },
      (error: unknown) => {
        if (controller.signal.aborted || (error as Error).name === 'AbortError') return;
        this.clearFigures();
        this.showFailure(error, 'The estimate could not be calculated.');
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

  private showFailure(error: unknown, context: string): void {
    const apiError = error instanceof ApiError ? error : undefined;
    const offline = apiError?.kind === 'offline';
    this.setState(offline ? 'offline' : 'error');
    this.alert.classList.toggle('offline', offline);
    const retry = h('button', { type: 'button' }, 'Try again');
    retry.addEventListener('click', () => this.restartOrUpdate());
    // A problem the API reported about the request itself will not go away by retrying.
    // Offline, the 'online' event retries by itself.
    const retryable = !offline && apiError?.kind !== 'cors' && (!apiError || apiError.kind !== 'problem' || (apiError.status ?? 500) >= 500);
    fill(this.alert, h('p', {}, offline ? apiError.message : `${context} ${apiError?.message ?? 'Something went wrong.'}`), retryable ? retry : null);
    this.setStatus(offline ? 'Offline: no estimate.' : 'No estimate: see the message below.', false);
  }

  private render(estimate: Estimate): void {
    const catalog = this.catalog as Catalog;
    const locale = this.locale;
    const money = moneyFormat(locale, estimate.currency.code, estimate.currency.minorUnits);
    const count = integerFormat(locale);
    const figure = (testid: string, value: string, text: string): HTMLElement => h('data', { 'data-testid': testid, 'data-value': value, value }, text);
    const { total, perSession, sessions } = estimate;
    const sessionWord = sessions.typical === 1 ? 'session' : 'sessions';

    const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    const currencies = new Intl.DisplayNames([locale], { type: 'currency', fallback: 'none' });
    const ctx: WordsContext = {
      locale,
      catalog,
      estimate,
      countryName: (code) => safeName(() => regions.of(code)) ?? catalog.countries.find((c) => c.code === code)?.name ?? code,
      currencyName: (code) => safeName(() => currencies.of(code)) ?? estimate.currency.name,
    };

    const packageKind = catalog.packageKinds.find((k) => k.id === estimate.request.package.kind);
    const withPackage = estimate.request.package.kind !== 'none';
    const likely = estimate.likely;
    const barLabel = `Course total from ${money(total.low)} to ${money(total.high)}${likely ? `, most likely ${money(likely.p10)} to ${money(likely.p90)}` : ''}, typically ${money(total.typical)}.`;
    const notes = estimate.notes.filter((n) => n.code !== 'consultation');
    const kindWords: Record<string, string> = { seed: 'article', reference: 'dataset', assumption: 'assumption' };
    const sourcesOpen = this.figures.querySelector('details')?.open === true;

    fill(
      this.figures,
      h('p', { class: 'caption' }, withPackage ? `Typical course total with the ${packageKind?.name.toLowerCase() ?? 'package'}` : 'Typical course total'),
      h('p', { class: 'total' }, figure('total-typical', total.typical, money(total.typical))),
      h(
        'p',
        { class: 'per-session' },
        figure('per-session-typical', perSession.typical, money(perSession.typical)),
        ' a session × ',
        figure('sessions-typical', String(sessions.typical), count(sessions.typical)),
        ` ${sessionWord}`,
      ),
      withPackage
        ? h('p', { class: 'package' }, `${money(estimate.discount.typical)} off the list price of ${money(estimate.listTotal.typical)}: ${money(estimate.effectivePerSession.typical)} a session in effect.`)
        : null,
      rangeBar(barGeometry(total, likely), barLabel),
      h(
        'p',
        { class: 'scale' },
        h('span', {}, 'Lowest', figure('total-low', total.low, money(total.low))),
        h('span', {}, 'Highest', figure('total-high', total.high, money(total.high))),
      ),
      likely
        ? h('p', { class: 'likely-text' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }), `Likely range: ${money(likely.p10)} to ${money(likely.p90)} (8 in 10 of the courses the model expects). ▼ marks the typical total.`)
        : h('p', { class: 'likely-text' }, '▼ marks the typical total.'),
      h('h4', {}, 'How this estimate is built'),
      h('ol', { class: 'adjustments' }, ...estimate.adjustments.map((a) => h('li', {}, adjustmentInWords(a, ctx)))),
      notes.length > 0 ? h('h4', {}, 'Good to know') : null,
      notes.length > 0 ? h('ul', { class: 'notes' }, ...notes.map((n) => h('li', {}, n.text))) : null,
      h(
        'details',
        { open: sourcesOpen },
        h('summary', {}, `Sources (${estimate.sources.length})`),
        h('ul', { class: 'sources' }, ...estimate.sources.map((s) => h('li', {}, s.title, h('span', { class: 'kind' }, ` (${kindWords[s.kind] ?? s.kind})`)))),
      ),
    );
    const clinic = estimate.clinic;
    if (clinic) {
      const currencyName = ctx.currencyName(estimate.currency.code);
      fill(
        this.clinicBanner,
        h('strong', { 'data-testid': 'clinic-name' }, clinic.name),
        clinic.priceSource === 'clinic'
          ? `: these are the clinic's own prices, from its price sheet, in ${currencyName} (${estimate.currency.code}). The clinic sets the location, the practitioner and the currency.`
          : `: the clinic's price sheet has no price for this treatment, so these are typical market prices near the clinic, in ${currencyName} (${estimate.currency.code}).`,
      );
      this.clinicBanner.hidden = false;
    }
    this.disclaimer.textContent = estimate.notes.find((n) => n.code === 'consultation')?.text ?? DISCLAIMER;
    this.figures.hidden = false;
    this.estimate = estimate;
    this.setState('ready');
    this.clearAlert();
    if (!navigator.onLine) this.onOffline();
    this.setStatus(`Typical course total ${money(total.typical)}: ${money(perSession.typical)} a session × ${count(sessions.typical)} ${sessionWord}. Range ${money(total.low)} to ${money(total.high)}.`, false, false);
    this.dispatchEvent(new CustomEvent('mesoquote:estimate', { detail: estimate, bubbles: true, composed: true }));
  }
}

/** Intl.DisplayNames throws on a code it cannot parse; treat that as "no name". */
function safeName(lookup: () => string | undefined): string | undefined {
  try {
    return lookup();
  } catch {
    return undefined;
  }
}

// The calculator's form: treatment, areas, country, city tier, practitioner, sessions and package,
// built from the catalog in the visitor's language, preset from the element's attributes, and read
// back as one choice. The patient's choices survive a rebuild (a change of language or API).
import { Combobox } from './combobox.js';
import { fill, h } from './dom.js';
import { packageLabel } from './plain-words.js';
import type { Text } from './text.js';
import type { Catalog, CatalogTreatment, Choice } from './types.js';

export const MAX_SESSIONS = 30;
const TYPING_DELAY_MS = 300;

/** What the patient has set, to keep across a rebuild or a change of attribute. */
export interface Snapshot {
  readonly treatment: string;
  readonly areas: readonly string[];
  readonly country: string;
  readonly cityTier: string;
  readonly practitioner: string;
  readonly sessions: string;
  readonly package: string;
}

/** The attributes the form reads, and how it reports a value it ignores. */
export interface FormHost {
  attribute(name: string): string | null;
  warn(name: string, value: string, why: string): void;
  changed(): void;
}

export type Reading = { choice: Omit<Choice, 'currency' | 'clinic'> } | { field: 'areas' | 'sessions'; message: string };

export class CalculatorForm {
  readonly element: HTMLFormElement;
  private readonly treatment: HTMLSelectElement;
  private readonly treatmentHint: HTMLParagraphElement;
  private readonly areas: HTMLFieldSetElement;
  readonly areasError: HTMLParagraphElement;
  private readonly country: Combobox;
  private readonly countryField: HTMLDivElement;
  private readonly cityTier: HTMLFieldSetElement;
  private readonly practitioner: HTMLFieldSetElement;
  readonly sessions: HTMLInputElement;
  private readonly sessionsHint: HTMLParagraphElement;
  readonly sessionsError: HTMLParagraphElement;
  private readonly package: HTMLSelectElement;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly catalog: Catalog,
    private readonly text: Text,
    private readonly locale: string,
    private readonly host: FormHost,
  ) {
    const changed = (): void => host.changed();
    const { t, named } = text;
    this.treatment = h('select', { id: 'treatment', 'aria-describedby': 'treatment-hint' }, ...catalog.treatments.map((tr) => h('option', { value: tr.id }, named('treatment', tr.id, tr.name))));
    this.treatmentHint = h('p', { id: 'treatment-hint', class: 'hint' });
    this.treatment.addEventListener('change', () => {
      this.renderAreas(this.selectedTreatment(), this.checkedAreas());
      this.describeTreatment();
      changed();
    });

    this.areasError = h('p', { id: 'areas-error', class: 'field-error' });
    this.areas = h('fieldset', { 'aria-describedby': 'areas-error' });

    this.country = new Combobox('country', 'country-label', changed, (query) => t('countryNone', { query }));
    const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
    const collator = new Intl.Collator(locale);
    this.country.setOptions(
      catalog.countries
        .map((c) => {
          const label = safeName(() => regions.of(c.code)) ?? c.name;
          return { value: c.code, label, aliases: label === c.name ? [] : [c.name] };
        })
        .sort((a, b) => collator.compare(a.label, b.label)),
    );
    this.countryField = h('div', { class: 'field' }, h('label', { id: 'country-label', for: 'country' }, t('country')), this.country.input, this.country.list, this.country.hint);

    const radioGroup = (name: string, legend: string, kind: 'cityTier' | 'practitioner', items: ReadonlyArray<{ id: string; name: string; description?: string }>): HTMLFieldSetElement =>
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
            const about = named(`${kind}About`, item.id, item.description ?? '');
            return h('label', { class: 'choice' }, input, h('span', {}, named(kind, item.id, item.name), about ? h('small', {}, about) : null));
          }),
        ),
      );
    this.cityTier = radioGroup('city-tier', t('cityTier'), 'cityTier', catalog.cityTiers);
    this.practitioner = radioGroup('practitioner', t('practitioner'), 'practitioner', catalog.practitioners);

    this.sessionsHint = h('p', { id: 'sessions-hint', class: 'hint' });
    this.sessionsError = h('p', { id: 'sessions-error', class: 'field-error' });
    this.sessions = h('input', { id: 'sessions', type: 'text', inputmode: 'numeric', autocomplete: 'off', 'aria-describedby': 'sessions-hint sessions-error' });
    this.sessions.addEventListener('input', () => {
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(changed, TYPING_DELAY_MS);
    });
    this.sessions.addEventListener('change', changed);
    // The form has two text fields, so Enter submits nothing by itself: price at once instead.
    this.sessions.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      changed();
    });

    this.package = h('select', { id: 'package' }, ...catalog.packageKinds.map((k) => h('option', { value: k.id }, packageLabel(k, locale, text))));
    this.package.addEventListener('change', changed);

    this.element = h(
      'form',
      { 'aria-labelledby': 'calculator-title', novalidate: true, part: 'form' },
      h('h2', { id: 'calculator-title', part: 'title' }, t('title')),
      h('div', { class: 'field' }, h('label', { for: 'treatment' }, t('treatment')), this.treatment, this.treatmentHint),
      h('div', {}, this.areas, this.areasError),
      this.countryField,
      this.cityTier,
      this.practitioner,
      h('div', { class: 'field' }, h('label', { for: 'sessions' }, t('sessions')), this.sessions, this.sessionsHint, this.sessionsError),
      h('div', { class: 'field' }, h('label', { for: 'package' }, t('package')), this.package),
    );
    // Nothing is ever submitted anywhere: every change prices at once.
    this.element.addEventListener('submit', (event) => event.preventDefault());
  }

  /** Stops a pending typed-sessions update (the caller prices at once). */
  cancelTyping(): void {
    clearTimeout(this.typingTimer);
  }

  /** In clinic mode the sheet fixes country, city tier and practitioner: those fields are not shown. */
  setClinicMode(clinic: boolean): void {
    for (const el of [this.countryField, this.cityTier, this.practitioner]) el.hidden = clinic;
    // The catalog's default terms ("12 % off") are not the clinic's: its sheet sets its own, which
    // the figures show once priced. In clinic mode the offers are named without figures.
    for (const option of this.package.options) {
      const kind = this.catalog.packageKinds.find((k) => k.id === option.value);
      if (kind) option.text = clinic ? this.text.named('packageKind', kind.id, kind.name) : packageLabel(kind, this.locale, this.text);
    }
  }

  snapshot(): Snapshot {
    return {
      treatment: this.treatment.value,
      areas: this.checkedAreas(),
      country: this.country.getValue(),
      cityTier: radioValue(this.cityTier),
      practitioner: radioValue(this.practitioner),
      sessions: this.sessions.value,
      package: this.package.value,
    };
  }

  /** Puts back the patient's choices, except the one the attribute `changed` presets. */
  restore(kept: Snapshot, changed: string): void {
    if (changed !== 'treatment' && [...this.treatment.options].some((o) => o.value === kept.treatment)) this.treatment.value = kept.treatment;
    this.renderAreas(this.selectedTreatment(), changed === 'areas' ? this.checkedAreas() : kept.areas);
    this.describeTreatment();
    if (changed !== 'country' && kept.country) this.country.setValue(kept.country);
    if (changed !== 'city-tier' && kept.cityTier) check(this.cityTier, kept.cityTier);
    if (changed !== 'practitioner' && kept.practitioner) check(this.practitioner, kept.practitioner);
    if (changed !== 'sessions') this.sessions.value = kept.sessions;
    if (changed !== 'package') this.package.value = kept.package;
  }

  /** Sets the fields from the element's attributes; a value the catalog does not know is ignored with a console warning. */
  applyPresets(): void {
    const { catalog, host } = this;
    const attr = (name: string): string | null => host.attribute(name)?.trim() || null;
    const known = (name: string, value: string | null, ids: readonly string[], fallback: string): string => {
      const chosen = ids.includes(fallback) ? fallback : (ids[0] ?? fallback);
      if (value === null) return chosen;
      if (ids.includes(value)) return value;
      host.warn(name, value, `is not one of ${ids.join(', ')}; using ${chosen}`);
      return chosen;
    };
    const treatmentIds = catalog.treatments.map((t) => t.id);
    this.treatment.value = known('treatment', attr('treatment'), treatmentIds, treatmentIds[0] ?? '');
    const areas = (attr('areas') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
    this.renderAreas(this.selectedTreatment(), areas);
    this.describeTreatment();
    this.country.setValue(known('country', attr('country')?.toUpperCase() ?? null, catalog.countries.map((k) => k.code), 'US'));
    check(this.cityTier, known('city-tier', attr('city-tier'), catalog.cityTiers.map((t) => t.id), 'city'));
    check(this.practitioner, known('practitioner', attr('practitioner'), catalog.practitioners.map((t) => t.id), 'physician'));
    const preset = attr('sessions');
    const ok = preset !== null && /^\d{1,2}$/.test(preset) && Number(preset) >= 1 && Number(preset) <= MAX_SESSIONS;
    if (preset !== null && !ok) host.warn('sessions', preset, `is not a whole number from 1 to ${MAX_SESSIONS}; leaving the field empty (the usual course)`);
    this.sessions.value = ok ? preset : '';
    this.package.value = known('package', attr('package'), catalog.packageKinds.map((k) => k.id), 'none');
  }

  /** The choice the fields show, or the field that needs fixing and why. */
  read(): Reading {
    const areas = this.checkedAreas();
    if (areas.length === 0) return { field: 'areas', message: this.text.t('chooseArea') };
    const typed = this.sessions.value.trim();
    let sessions: number | null = null;
    if (typed !== '') {
      sessions = /^\d{1,2}$/.test(typed) ? Number(typed) : NaN;
      if (!(sessions >= 1 && sessions <= MAX_SESSIONS)) return { field: 'sessions', message: this.text.t('sessionsInvalid', { limit: MAX_SESSIONS }) };
    }
    return {
      choice: {
        treatment: this.treatment.value,
        areas,
        country: this.country.getValue(),
        cityTier: radioValue(this.cityTier),
        practitioner: radioValue(this.practitioner),
        sessions,
        package: this.package.value,
      },
    };
  }

  private selectedTreatment(): CatalogTreatment {
    const id = this.treatment.value;
    return this.catalog.treatments.find((t) => t.id === id) ?? (this.catalog.treatments[0] as CatalogTreatment);
  }

  private checkedAreas(): string[] {
    return [...this.areas.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')].map((i) => i.value);
  }

  /** The treatment's areas as checkboxes, keeping those of `keep` it allows (else its reference area). */
  private renderAreas(treatment: CatalogTreatment, keep: readonly string[]): void {
    const { t, named } = this.text;
    const names = new Map(this.catalog.areas.areas.map((a) => [a.id, named('area', a.id, a.name)]));
    const kept = keep.filter((id) => treatment.allowedAreas.includes(id));
    const checked = new Set(kept.length > 0 ? kept : [treatment.referenceArea]);
    const legend = h('legend', {}, t('areas'));
    if (treatment.allowedAreas.length === 1) {
      const only = treatment.allowedAreas[0] ?? treatment.referenceArea;
      fill(this.areas, legend, h('p', { class: 'hint' }, t('onlyArea', { area: names.get(only) ?? only })), h('input', { type: 'checkbox', value: only, checked: true, hidden: true }));
    } else {
      const boxes = treatment.allowedAreas.map((id) => {
        const box = h('input', { type: 'checkbox', value: id, checked: checked.has(id) });
        box.addEventListener('change', () => this.host.changed());
        return h('label', { class: 'choice' }, box, h('span', {}, names.get(id) ?? id));
      });
      fill(this.areas, legend, h('div', { class: 'choices' }, ...boxes));
    }
    const { min, max } = treatment.sessions;
    this.sessionsHint.textContent = t('sessionsHint', { min: min.value, max: max.value, limit: MAX_SESSIONS });
  }

  private describeTreatment(): void {
    const treatment = this.selectedTreatment();
    // The API's description cites its sources for developers; a patient reads the translated one.
    this.treatmentHint.textContent = this.text.named('about', treatment.id, '');
  }
}

const radioValue = (group: HTMLFieldSetElement): string => group.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.value ?? '';

function check(group: HTMLFieldSetElement, value: string): void {
  for (const radio of group.querySelectorAll<HTMLInputElement>('input[type="radio"]')) radio.checked = radio.value === value;
}

/** Intl.DisplayNames throws on a code it cannot parse; treat that as "no name". */
export function safeName(lookup: () => string | undefined): string | undefined {
  try {
    return lookup();
  } catch {
    return undefined;
  }
}

// A type-ahead combobox (WAI-ARIA 1.2 "combobox with list autocomplete"): the visitor types part
// of a name, the matching options appear in a listbox, arrow keys move through them, Enter or a
// click picks one, Escape closes the list or restores the current value.
import { h } from './dom.js';
import { matchOptions, namesExactly, type ComboOption } from './match.js';

export class Combobox {
  readonly input: HTMLInputElement;
  readonly list: HTMLUListElement;
  /** Says "no match" and how many options are shown, politely. */
  readonly hint: HTMLParagraphElement;
  private options: readonly ComboOption[] = [];
  private shown: ComboOption[] = [];
  private active = -1;
  private value = '';

  constructor(
    private readonly id: string,
    labelId: string,
    private readonly onChange: (value: string) => void,
    /** The hint when nothing matches what was typed, in the visitor's language. */
    private readonly noMatch: (query: string) => string,
  ) {
    this.input = h('input', {
      id,
      type: 'text',
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': `${id}-list`,
      'aria-describedby': `${id}-hint`,
      autocomplete: 'off',
      autocapitalize: 'none',
      spellcheck: 'false',
    });
    this.list = h('ul', { id: `${id}-list`, role: 'listbox', class: 'listbox', 'aria-labelledby': labelId, hidden: true });
    this.hint = h('p', { id: `${id}-hint`, class: 'hint', 'aria-live': 'polite' });
    this.input.addEventListener('input', () => this.open(this.input.value, true));
    this.input.addEventListener('click', () => (this.list.hidden ? this.open('', false) : this.close()));
    this.input.addEventListener('keydown', (event) => this.onKey(event));
    this.input.addEventListener('blur', () => this.commitTyped());
    // Keep focus in the input while an option is clicked.
    this.list.addEventListener('mousedown', (event) => event.preventDefault());
    this.list.addEventListener('click', (event) => {
      const item = (event.target as Element).closest('[role="option"]');
      const option = this.shown.find((o) => item?.id === this.optionId(o));
      if (option) this.pick(option);
    });
  }

  setOptions(options: readonly ComboOption[]): void {
    this.options = options;
    this.setValue(this.value);
  }

  /** Shows `value` without telling onChange. */
  setValue(value: string): void {
    this.value = value;
    this.input.value = this.options.find((o) => o.value === value)?.label ?? value;
  }

  getValue(): string {
    return this.value;
  }

  private optionId(option: ComboOption): string {
    return `${this.id}-opt-${option.value}`;
  }

  private open(query: string, typed: boolean): void {
    this.shown = matchOptions(this.options, query);
    this.active = typed && query.trim() !== '' && this.shown.length > 0 ? 0 : -1;
    this.hint.textContent = this.shown.length === 0 ? this.noMatch(query.trim()) : '';
    this.render();
  }

  close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.active = -1;
  }

  private render(): void {
    const items = this.shown.map((option, i) =>
      h('li', { id: this.optionId(option), role: 'option', class: i === this.active ? 'option active' : 'option', 'aria-selected': option.value === this.value ? 'true' : 'false' }, option.label),
    );
    this.list.replaceChildren(...items);
    const expanded = items.length > 0;
    this.list.hidden = !expanded;
    this.input.setAttribute('aria-expanded', String(expanded));
    const active = items[this.active];
    if (active) {
      this.input.setAttribute('aria-activedescendant', active.id);
      active.scrollIntoView?.({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private move(step: number): void {
    if (this.list.hidden) {
      this.open(this.input.value === this.labelOf(this.value) ? '' : this.input.value, false);
    }
    if (this.shown.length === 0) return;
    const current = this.active === -1 ? this.shown.findIndex((o) => o.value === this.value) : this.active;
    this.active = Math.min(this.shown.length - 1, Math.max(0, current === -1 && step < 0 ? this.shown.length - 1 : current + step));
    this.render();
  }

  private onKey(event: KeyboardEvent): void {
    const open = !this.list.hidden;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (event.altKey) this.open(this.input.value === this.labelOf(this.value) ? '' : this.input.value, false);
        else this.move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        this.move(-1);
        break;
      case 'Enter': {
        // Enter picks the highlighted option; it never submits the surrounding form while the list is open.
        const option = this.shown[this.active];
        if (open) event.preventDefault();
        if (open && option) this.pick(option);
        break;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          this.close();
        } else if (this.input.value !== this.labelOf(this.value)) {
          event.preventDefault();
          this.setValue(this.value);
        }
        break;
      case 'Tab': {
        const option = this.shown[this.active];
        if (open && option) this.pick(option);
        break;
      }
    }
  }

  private labelOf(value: string): string {
    return this.options.find((o) => o.value === value)?.label ?? value;
  }

  /** On leaving the field: a name typed in full counts as picked; anything else reverts. */
  private commitTyped(): void {
    const exact = this.options.find((o) => namesExactly(o, this.input.value));
    this.close();
    this.hint.textContent = '';
    if (exact) this.pick(exact);
    else this.setValue(this.value);
  }

  private pick(option: ComboOption): void {
    const changed = option.value !== this.value;
    this.setValue(option.value);
    this.close();
    this.hint.textContent = '';
    if (changed) this.onChange(option.value);
  }
}

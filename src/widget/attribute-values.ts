// The attributes whose values need checking before use. A bad value never breaks the calculator:
// it is ignored with one console warning (per attribute and value) naming it and what is allowed,
// as docs/calculator.md promises.
import { ROUNDING_STEPS } from './format.js';
import type { Catalog } from './types.js';

const CLINIC_ID = /^cl_[0-9a-f]{16}$/;

export class AttributeValues {
  private readonly warned = new Set<string>();
  private readonly read: (name: string) => string | null;

  constructor(read: (name: string) => string | null) {
    this.read = read;
  }

  /** One console warning per bad attribute value, naming it and what is allowed. */
  warn(name: string, value: string, why: string): void {
    const key = `${name}=${value}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    console.warn(`<mesoquote-calculator>: ${name}="${value}" ${why}`);
  }

  /** The `clinic` attribute when it is a clinic id; anything else is ignored with a warning. */
  clinicId(): string | null {
    const value = this.read('clinic')?.trim() || null;
    if (value === null) return null;
    if (CLINIC_ID.test(value)) return value;
    this.warn('clinic', value, 'is not a clinic id (cl_ followed by 16 hexadecimal digits); showing market prices');
    return null;
  }

  /** The `rounding` attribute as a step, or null (exact figures). A step count, not money: a number is fine. */
  rounding(): number | null {
    const value = this.read('rounding')?.trim() || null;
    if (value === null) return null;
    const step = Number(value);
    if ((ROUNDING_STEPS as readonly number[]).includes(step) && /^\d+$/.test(value)) return step;
    this.warn('rounding', value, `is not one of ${ROUNDING_STEPS.join(', ')}; showing exact figures`);
    return null;
  }

  /** The `currency` attribute when the catalog knows it; anything else is ignored with a warning. */
  currency(catalog: Catalog): string | null {
    const currency = this.read('currency')?.trim().toUpperCase() || null;
    const codes = catalog.currencies.map((k) => k.code);
    if (currency === null || codes.includes(currency)) return currency;
    this.warn('currency', currency, `is not one of ${codes.join(', ')}; using the country's own currency`);
    return null;
  }
}

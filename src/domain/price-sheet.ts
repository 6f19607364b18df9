// A clinic's price sheet: its own per-session prices (per treatment, and per area where it wishes),
// course lengths and package terms, for one country, city tier, practitioner tier and currency.
// checkPriceSheet validates one against the catalog the way the data files are validated: ids
// must exist, amounts must fit the currency, ranges must be ordered.
import type { CityTierId, PractitionerId } from '../data/schema.js';
import type { Catalog } from './catalog.js';
import { DomainError, type DomainErrorDetail } from './errors.js';
import { dec } from './money.js';

export interface SheetTreatment {
  /** Price of one session on the treatment's reference area, in the sheet's currency. */
  readonly perSession?: string | undefined;
  /** Price of one session on an area, where the clinic sets its own. */
  readonly areas?: Readonly<Record<string, string>> | undefined;
  readonly sessions?: { readonly min: number; readonly typical: number; readonly max: number } | undefined;
}

export interface SheetPackages {
  readonly 'prepaid-course'?: { readonly discountPercent: string } | undefined;
  readonly 'buy-n-get-m'?: { readonly buy: number; readonly free: number } | undefined;
  readonly 'new-patient'?: { readonly discountPercent: string } | undefined;
}

export interface PriceSheet {
  readonly country: string;
  readonly cityTier: CityTierId;
  readonly practitioner: PractitionerId;
  readonly currency: string;
  readonly treatments: Readonly<Record<string, SheetTreatment>>;
  readonly packages?: SheetPackages | undefined;
}

/** A stored version of a clinic's sheet. */
export interface ClinicSheet {
  readonly clinicId: string;
  readonly clinicName: string;
  readonly version: number;
  /** ISO 8601 time this version was stored. */
  readonly createdAt: string;
  readonly sheet: PriceSheet;
}

/** Throws invalid-price-sheet listing every fault (pointer, message, allowed ids) at once. */
export function checkPriceSheet(sheet: PriceSheet, catalog: Catalog): void {
  const errors: DomainErrorDetail[] = [];
  if (!catalog.countries.has(sheet.country)) {
    errors.push({ pointer: '/country', message: `'${sheet.country}' is not a country with price data (GET /v1/countries)`, allowed: [...catalog.countries.keys()] });
  }
  const currency = catalog.currencies.get(sheet.currency);
  if (!currency) {
    errors.push({ pointer: '/currency', message: `'${sheet.currency}' is not a currency with an exchange rate (GET /v1/catalog)`, allowed: [...catalog.currencies.keys()] });
  }
  const amount = (pointer: string, value: string): void => {
    if (dec(value).isZero()) errors.push({ pointer, message: 'a price must be above zero' });
    const decimals = value.split('.')[1]?.length ?? 0;
    if (currency && decimals > currency.minorUnits) {
      errors.push({ pointer, message: `${currency.code} has ${currency.minorUnits} decimal${currency.minorUnits === 1 ? '' : 's'}; '${value}' has ${decimals}` });
    }
  };
  for (const [id, t] of Object.entries(sheet.treatments)) {
    const at = `/treatments/${id}`;
    const treatment = catalog.treatments.get(id);
    if (!treatment) {
      errors.push({ pointer: at, message: `'${id}' is not a treatment`, allowed: [...catalog.treatments.keys()] });
      continue;
    }
    if (t.perSession !== undefined) amount(`${at}/perSession`, t.perSession);
    const areas = Object.entries(t.areas ?? {});
    if (areas.length > 0 && t.perSession === undefined) {
      errors.push({ pointer: `${at}/perSession`, message: `is required with per-area prices: it prices the ${treatment.referenceArea} and the areas the sheet leaves out` });
    }
    for (const [area, price] of areas) {
      if (!treatment.allowedAreas.includes(area)) {
        errors.push({ pointer: `${at}/areas/${area}`, message: `${id} is not offered on '${area}'`, allowed: [...treatment.allowedAreas] });
      } else amount(`${at}/areas/${area}`, price);
    }
    const s = t.sessions;
    if (s && !(s.min <= s.typical && s.typical <= s.max)) {
      errors.push({ pointer: `${at}/sessions`, message: `must have min <= typical <= max (got ${s.min}, ${s.typical}, ${s.max})` });
    }
    if (t.perSession === undefined && areas.length === 0 && !s) {
      errors.push({ pointer: at, message: 'sets nothing: give perSession, areas or sessions, or leave the treatment out' });
    }
  }
  if (errors.length > 0) {
    throw new DomainError('invalid-price-sheet', `The price sheet has ${errors.length} fault${errors.length === 1 ? '' : 's'}: ${errors.map((e) => `${e.pointer}: ${e.message}`).join('; ')}`.slice(0, 1_000), errors.slice(0, 20));
  }
}

// The API's answers the widget reads (GET /v1/catalog, GET /v1/estimates, problems) and what the
// visitor chose. Money stays a decimal string from the wire to Intl.NumberFormat; it is never a JavaScript number.

import type { components } from '../client/index.js';

// The API's own types, generated from its OpenAPI document (`npm run openapi`) and shared with the
// typed client: type-only, so nothing of them reaches the bundle, and a change of the API that
// breaks what the widget reads fails the type check.
export type { Catalog, Estimate, Problem } from '../client/index.js';
export type CatalogTreatment = components['schemas']['Treatment'];
export type Adjustment = components['schemas']['Adjustment'];

export interface Levels<T> {
  readonly low: T;
  readonly typical: T;
  readonly high: T;
}

/** What the visitor has chosen: one estimate request. */
export interface Choice {
  readonly treatment: string;
  readonly areas: readonly string[];
  readonly country: string;
  readonly cityTier: string;
  readonly practitioner: string;
  /** A fixed number of sessions, or null for the treatment's usual range. */
  readonly sessions: number | null;
  readonly package: string;
  /** An output currency, or null for the country's own. */
  readonly currency: string | null;
  /** A clinic id ("cl_…"): its price sheet fixes country, city tier, practitioner and currency. */
  readonly clinic?: string | null;
}

// The API's answers the widget reads (GET /v1/catalog, GET /v1/estimates, problems) and what the
// visitor chose. Money stays a decimal string from the wire to Intl.NumberFormat; it is never a JavaScript number.

import type { components } from '../client/openapi-types.js';

// The API's own types, generated from its OpenAPI document (`npm run openapi`): type-only, so
// nothing of them reaches the bundle, and a change of the API that breaks what the widget reads
// fails the type check.
type Schemas = components['schemas'];
export type Catalog = Schemas['Catalog'];
export type CatalogTreatment = Schemas['Treatment'];
export type Estimate = Schemas['Estimate'];
export type Adjustment = Schemas['Adjustment'];
export type Problem = Schemas['Problem'];

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
}

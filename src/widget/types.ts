// The parts of the API's answers the widget reads (GET /v1/catalog, GET /v1/estimates, problems).
// Money stays a decimal string from the wire to Intl.NumberFormat; it is never a JavaScript number.

export interface Levels<T> {
  readonly low: T;
  readonly typical: T;
  readonly high: T;
}

interface Sourced<T> {
  readonly value: T;
}

export interface CatalogTreatment {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly referenceArea: string;
  readonly allowedAreas: readonly string[];
  readonly sessions: { readonly min: Sourced<number>; readonly typical: Sourced<number>; readonly max: Sourced<number> };
}

export interface Named {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
}

export interface PackageKind extends Named {
  readonly defaults?: Readonly<Record<string, Sourced<string | number>>>;
}

export interface CatalogCountry {
  readonly code: string;
  readonly name: string;
  readonly currency: string;
}

export interface Catalog {
  readonly dataVersion: string;
  readonly treatments: readonly CatalogTreatment[];
  readonly areas: { readonly areas: readonly Named[] };
  readonly cityTiers: readonly Named[];
  readonly practitioners: readonly Named[];
  readonly packageKinds: readonly PackageKind[];
  readonly countries: readonly CatalogCountry[];
  readonly currencies: ReadonlyArray<{ readonly code: string; readonly name: string }>;
}

export interface Adjustment {
  readonly kind: string;
  readonly id?: string;
  readonly description: string;
  readonly factor?: string;
  readonly amounts?: Levels<string>;
  readonly counts?: Levels<number>;
}

export interface Estimate {
  readonly treatment: string;
  readonly request: {
    readonly treatment: string;
    readonly areas: readonly string[];
    readonly country: string;
    readonly cityTier: string;
    readonly practitioner: string;
    readonly sessions: number | null;
    readonly currency: string;
    readonly package: { readonly kind: string };
  };
  readonly currency: { readonly code: string; readonly name: string; readonly minorUnits: number; readonly usdRate: string; readonly rateYear: number };
  readonly perSession: Levels<string>;
  readonly sessions: Levels<number>;
  readonly listTotal: Levels<string>;
  readonly discount: Levels<string>;
  readonly total: Levels<string>;
  readonly effectivePerSession: Levels<string>;
  /** Present once the likely-range feature is deployed; the widget draws it when given. */
  readonly likely?: { readonly p10: string; readonly p50: string; readonly p90: string };
  readonly adjustments: readonly Adjustment[];
  readonly sources: ReadonlyArray<{ readonly id: string; readonly kind: string; readonly title: string }>;
  readonly dataVersion: string;
  readonly notes: ReadonlyArray<{ readonly code: string; readonly text: string }>;
}

/** RFC 9457 problem details, as the API sends them. */
export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly code?: string;
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

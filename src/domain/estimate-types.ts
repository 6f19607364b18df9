// The engine's request and answer types, apart from the engine so that the modules that build
// parts of an answer (derived.ts, notes.ts) can name them without importing the engine.
import type { Decimal } from 'decimal.js';
import type { CityTierId, PractitionerId, Source } from '../data/schema.js';
import type { Levels } from './catalog.js';
import type { PackageKind } from './packages.js';

/** A note that matters to a patient (notes.ts writes them). */
export interface Note {
  /** Stable code a client can key on. */
  readonly code: string;
  readonly text: string;
  readonly sources: readonly string[];
}

/** A package as requested: the kind, and any figure left out takes the catalog's default. */
export type PackageRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'prepaid-course'; readonly discountPercent?: Decimal | undefined }
  | { readonly kind: 'buy-n-get-m'; readonly buy?: number | undefined; readonly free?: number | undefined }
  | { readonly kind: 'new-patient'; readonly discountPercent?: Decimal | undefined };

export interface EstimateRequest {
  readonly treatment: string;
  /** Default: the treatment's reference area. */
  readonly areas?: readonly string[] | undefined;
  /** ISO 3166-1 alpha-2. Default: the catalog's baseline country (US). */
  readonly country?: string | undefined;
  readonly cityTier?: CityTierId | undefined;
  readonly practitioner?: PractitionerId | undefined;
  /** A fixed number of sessions for every level, instead of the treatment's range. */
  readonly sessions?: number | undefined;
  /** ISO 4217. Default: the country's own currency. */
  readonly currency?: string | undefined;
  /** Default: none. */
  readonly package?: PackageRequest | undefined;
}

export type AdjustmentKind = 'base-price' | 'area' | 'practitioner' | 'city-tier' | 'price-level' | 'currency' | 'sessions' | 'package';

/** The published prices on file for the estimate's country and treatment. */
export interface Evidence {
  readonly count: number;
  /** Their per-session prices converted into the answer's currency. */
  readonly perSession: { readonly min: string; readonly median: string; readonly max: string };
  /** Their source ids (GET /v1/sources/{id}: address, date, venue), cheapest first. */
  readonly sources: readonly string[];
}

/** One step of the calculation, in the order it is applied. */
export interface Adjustment {
  readonly kind: AdjustmentKind;
  readonly id?: string;
  readonly description: string;
  /** Multiplies the per-session price. */
  readonly factor?: string;
  /** The amounts this step sets or takes off, per level (base price in USD; package discount). */
  readonly amounts?: Levels<string>;
  /** The session counts this step sets. */
  readonly counts?: Levels<number>;
  readonly sources: readonly string[];
}

export interface EstimateCurrency {
  readonly code: string;
  readonly name: string;
  readonly minorUnits: number;
  /** Units of this currency per US dollar, and the year of that average rate. */
  readonly usdRate: string;
  readonly rateYear: number;
}

/** The package as priced: every figure filled in. */
export interface ResolvedPackage {
  readonly kind: PackageKind;
  readonly discountPercent?: string;
  readonly buy?: number;
  readonly free?: number;
}

/** The request as it was priced, with every default filled in and areas in canonical order. */
export interface ResolvedRequest {
  readonly treatment: string;
  readonly areas: readonly string[];
  readonly country: string;
  readonly cityTier: CityTierId;
  readonly practitioner: PractitionerId;
  readonly sessions: number | null;
  readonly currency: string;
  readonly package: ResolvedPackage;
}

export interface Estimate {
  readonly treatment: string;
  readonly request: ResolvedRequest;
  readonly currency: EstimateCurrency;
  readonly perSession: Levels<string>;
  readonly sessions: Levels<number>;
  /** perSession × sessions: the course before any package. */
  readonly listTotal: Levels<string>;
  readonly discount: Levels<string>;
  /** listTotal − discount: what the course costs. */
  readonly total: Levels<string>;
  readonly effectivePerSession: Levels<string>;
  /** 10th, 50th and 90th percentiles of the course total under the price and session distributions. */
  readonly likely: { readonly p10: string; readonly p50: string; readonly p90: string };
  /** 10th, 50th and 90th percentiles of one session's list price. */
  readonly likelyPerSession: { readonly p10: string; readonly p50: string; readonly p90: string };
  /** Published prices for this country and treatment, or null when none are on file. */
  readonly evidence: Evidence | null;
  readonly adjustments: readonly Adjustment[];
  readonly sources: readonly Source[];
  readonly dataVersion: string;
  readonly notes: readonly Note[];
}

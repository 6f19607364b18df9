// The catalog the engine prices from: the validated data files, with every figure parsed once
// into a Decimal and indexed by id. Built by src/data/load.ts; frozen; never changed at run time.
import type { Decimal } from 'decimal.js';
import type {
  CityTierId,
  PractitionerId,
  Source,
  TreatmentCategory,
} from '../data/schema.js';
import type { PackagesModel } from './packages.js';

/** A parsed figure and the id of the source it comes from. */
export interface Figure {
  readonly value: Decimal;
  readonly source: string;
  readonly year?: number;
}

export interface Levels<T> {
  readonly low: T;
  readonly typical: T;
  readonly high: T;
}

export const LEVELS = ['low', 'typical', 'high'] as const;
export type Level = (typeof LEVELS)[number];

export interface TreatmentModel {
  readonly id: string;
  readonly name: string;
  readonly category: TreatmentCategory;
  readonly pricePerSessionUsd: Levels<Figure>;
  readonly sessions: { readonly min: number; readonly typical: number; readonly max: number; readonly sources: readonly string[] };
  readonly referenceArea: string;
  readonly allowedAreas: readonly string[];
  readonly maintenance: {
    readonly resultsLastMonths: { readonly min: number; readonly max: number };
    readonly sessionsPerYear: number;
    readonly sources: readonly string[];
  };
}

export interface AreaModel {
  readonly id: string;
  readonly name: string;
  /** Relative to the face (face = 1). */
  readonly factor: Figure;
}

export interface TierModel {
  readonly id: string;
  readonly name: string;
  readonly factor: Figure;
}

export interface CountryModel {
  readonly code: string;
  readonly name: string;
  readonly currency: string;
  readonly namedInSeeds: boolean;
  /** PPP price level relative to the US (US = 1). */
  readonly priceLevel: Figure & { readonly year: number };
}

export interface CurrencyModel {
  readonly code: string;
  readonly name: string;
  readonly minorUnits: number;
  readonly minorUnitsSource: string;
  /** Units of this currency per US dollar. */
  readonly usdRate: Figure & { readonly year: number };
}

export interface Catalog {
  /** Content hash of the data files: "sha256:<hex>". Reported by every estimate. */
  readonly version: string;
  readonly sources: ReadonlyMap<string, Source>;
  readonly treatments: ReadonlyMap<string, TreatmentModel>;
  readonly areas: ReadonlyMap<string, AreaModel>;
  readonly additionalAreaShare: Figure;
  readonly cityTiers: ReadonlyMap<CityTierId, TierModel>;
  readonly practitioners: ReadonlyMap<PractitionerId, TierModel>;
  readonly countries: ReadonlyMap<string, CountryModel>;
  readonly currencies: ReadonlyMap<string, CurrencyModel>;
  /** Share of a price that follows the local price level. */
  readonly priceLevelPassThrough: Figure;
  readonly baselineCountry: string;
  /** Package kinds with their defaults (data/packages.json), and the sources of financing. */
  readonly packages: PackagesModel;
}

// The catalog the engine prices from: the validated data files, with every figure parsed once
// into a Decimal and indexed by id. Built by src/data/load.ts; frozen; never changed at run time.
import type { Decimal } from 'decimal.js';
import type {
  CityTierId,
  ObservationRecord,
  PractitionerId,
  Source,
  TreatmentCategory,
  TreatmentGroupId,
} from '../data/schema.js';
import type { Figure } from './figure.js';
import type { PackagesModel } from './packages.js';

export type { Figure } from './figure.js';

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
  /** The seeds' per-session band in USD: the price in the baseline country. */
  readonly pricePerSessionUsd: Levels<Figure>;
  /** Its group in the market model (data/market-model.json). */
  readonly marketGroup: TreatmentGroupId;
  /**
   * The per-session band in USD everywhere else, before the country's factor: the seeds' typical
   * price × the group's level × the band's low / 1 / high (exact products of published figures).
   */
  readonly marketPerSessionUsd: Levels<Decimal>;
  readonly sessions: { readonly min: number; readonly typical: number; readonly max: number; readonly sources: readonly string[] };
  readonly referenceArea: string;
  readonly allowedAreas: readonly string[];
  /**
   * Each allowed area's price against the reference area, as published (data/market-model.json,
   * areaRatios): a finite decimal, so that the engine multiplies and never divides.
   */
  readonly areaRatios: ReadonlyMap<string, Figure>;
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
  /** priceLevel ^ β, as the market model publishes it (1 in the baseline country). */
  readonly priceFactor: Figure;
}

export interface CurrencyModel {
  readonly code: string;
  readonly name: string;
  readonly minorUnits: number;
  readonly minorUnitsSource: string;
  /** Units of this currency per US dollar. */
  readonly usdRate: Figure & { readonly year: number };
}

export interface MarketModel {
  /** β: a country's factor is its price level ^ β. */
  readonly exponent: Figure;
  /** Price outside the baseline country against the seeds' there, per group of treatments. */
  readonly levels: ReadonlyMap<TreatmentGroupId, Figure>;
  /** low and high per-session prices as multiples of the typical one. */
  readonly band: { readonly low: Figure; readonly high: Figure };
  /** What it was fitted on. */
  readonly fittedOn: { readonly observations: number; readonly countries: number; readonly source: string };
  /** The source of the published area ratios (TreatmentModel.areaRatios). */
  readonly areaRatiosSource: string;
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
  /** How prices move away from the baseline country's (data/market-model.json). */
  readonly market: MarketModel;
  /** The country the seeds price. */
  readonly baselineCountry: string;
  /** Published prices by `${country}|${treatment}`, cheapest first (data/observations.json). */
  readonly evidence: ReadonlyMap<string, readonly ObservationRecord[]>;
  /** Package kinds with their defaults (data/packages.json), and the sources of financing. */
  readonly packages: PackagesModel;
}

// estimate(request, catalog) -> Estimate: the pricing engine. Pure: no I/O, no HTTP, no clock.
import type { Decimal } from 'decimal.js';
import type { CityTierId, PractitionerId, Source } from '../data/schema.js';
import { combinedAreaFactor } from './areas.js';
import type { AreaModel, Catalog, CountryModel, CurrencyModel, Level, Levels, TierModel, TreatmentModel } from './catalog.js';
import { LEVELS } from './catalog.js';
import { DomainError } from './errors.js';
import { formatAmount, formatFactor, roundToMinorUnits } from './money.js';
import { estimateNotes, type Note } from './notes.js';
import { priceLevelFactor } from './region.js';

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
}

export const DEFAULT_CITY_TIER: CityTierId = 'city';
export const DEFAULT_PRACTITIONER: PractitionerId = 'physician';

export type AdjustmentKind = 'base-price' | 'area' | 'practitioner' | 'city-tier' | 'price-level' | 'currency' | 'sessions';

/** One step of the calculation, in the order it is applied. */
export interface Adjustment {
  readonly kind: AdjustmentKind;
  readonly id?: string;
  readonly description: string;
  /** Multiplies the per-session price. */
  readonly factor?: string;
  /** The per-session amounts this step sets (base price, in USD). */
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

/** The request as it was priced, with every default filled in and areas in canonical order. */
export interface ResolvedRequest {
  readonly treatment: string;
  readonly areas: readonly string[];
  readonly country: string;
  readonly cityTier: CityTierId;
  readonly practitioner: PractitionerId;
  readonly sessions: number | null;
  readonly currency: string;
}

export interface Estimate {
  readonly treatment: string;
  readonly request: ResolvedRequest;
  readonly currency: EstimateCurrency;
  readonly perSession: Levels<string>;
  readonly sessions: Levels<number>;
  readonly total: Levels<string>;
  readonly adjustments: readonly Adjustment[];
  readonly sources: readonly Source[];
  readonly dataVersion: string;
  readonly notes: readonly Note[];
}

interface Resolved {
  readonly treatment: TreatmentModel;
  readonly areas: readonly AreaModel[];
  readonly reference: AreaModel;
  readonly country: CountryModel;
  readonly cityTier: TierModel;
  readonly practitioner: TierModel;
  readonly currency: CurrencyModel;
  readonly fixedSessions: number | undefined;
}

/**
 * Prices one course. For each level L in low / typical / high:
 *   perSession[L] = round(baseUsd[L] * area * practitioner * cityTier * priceLevel * usdRate)
 *   sessions[L]   = fixed sessions if requested, else min / typical / max of the treatment
 *   total[L]      = perSession[L] * sessions[L]   (exact: no second rounding)
 * `round` is the single rounding step: to the output currency's minor units, half-up.
 */
export function estimate(request: EstimateRequest, catalog: Catalog): Estimate {
  const r = resolve(request, catalog);
  const { treatment, country, currency } = r;

  const areaFactor = combinedAreaFactor(r.areas, r.reference, catalog.additionalAreaShare.value);
  const levelFactor = priceLevelFactor(country.priceLevel.value, catalog.priceLevelPassThrough.value);
  const multiplier = areaFactor
    .times(r.practitioner.factor.value)
    .times(r.cityTier.factor.value)
    .times(levelFactor)
    .times(currency.usdRate.value);

  const sessions = sessionCounts(treatment, r.fixedSessions);
  const perSession = mapLevels((level) => roundToMinorUnits(treatment.pricePerSessionUsd[level].value.times(multiplier), currency.minorUnits));
  const total = mapLevels((level) => perSession[level].times(sessions[level]));

  const adjustments = describeAdjustments(r, catalog, { areaFactor, levelFactor, sessions });
  const notes = estimateNotes({
    treatment,
    country,
    baselineCountry: catalog.baselineCountry,
    currency: currency.code,
    fixedSessions: r.fixedSessions,
  });

  return {
    treatment: treatment.id,
    request: {
      treatment: treatment.id,
      areas: r.areas.map((a) => a.id),
      country: country.code,
      cityTier: r.cityTier.id as CityTierId,
      practitioner: r.practitioner.id as PractitionerId,
      sessions: r.fixedSessions ?? null,
      currency: currency.code,
    },
    currency: {
      code: currency.code,
      name: currency.name,
      minorUnits: currency.minorUnits,
      usdRate: formatFactor(currency.usdRate.value),
      rateYear: currency.usdRate.year,
    },
    perSession: mapLevels((level) => formatAmount(perSession[level], currency.minorUnits)),
    sessions,
    total: mapLevels((level) => formatAmount(total[level], currency.minorUnits)),
    adjustments,
    sources: collectSources(adjustments, notes, catalog),
    dataVersion: catalog.version,
    notes,
  };
}

function mapLevels<T>(f: (level: Level) => T): Levels<T> {
  return { low: f('low'), typical: f('typical'), high: f('high') };
}

/** Session counts per level: the treatment's min / typical / max, or the fixed count for all three. */
function sessionCounts(treatment: TreatmentModel, fixed: number | undefined): Levels<number> {
  if (fixed !== undefined) return { low: fixed, typical: fixed, high: fixed };
  return { low: treatment.sessions.min, typical: treatment.sessions.typical, high: treatment.sessions.max };
}

/** Looks every id of the request up in the catalog; throws a DomainError naming what exists. */
function resolve(request: EstimateRequest, catalog: Catalog): Resolved {
  const treatment = catalog.treatments.get(request.treatment);
  if (!treatment) {
    const allowed = [...catalog.treatments.keys()];
    throw new DomainError('unknown-treatment', `Unknown treatment '${request.treatment}'.`, [
      { pointer: '/treatment', message: `'${request.treatment}' is not a treatment; use one of: ${allowed.join(', ')}`, allowed },
    ]);
  }

  const areaIds = request.areas && request.areas.length > 0 ? request.areas : [treatment.referenceArea];
  const seen = new Set<string>();
  const areas = areaIds.map((id, index) => {
    const pointer = `/areas/${index}`;
    const area = catalog.areas.get(id);
    if (!area) {
      const allowed = treatment.allowedAreas;
      throw new DomainError('unknown-area', `Unknown area '${id}'.`, [
        { pointer, message: `'${id}' is not an area; ${treatment.id} allows: ${allowed.join(', ')}`, allowed },
      ]);
    }
    if (!treatment.allowedAreas.includes(id)) {
      const allowed = treatment.allowedAreas;
      throw new DomainError('area-not-allowed', `Area '${id}' is not treated for ${treatment.id}.`, [
        { pointer, message: `${treatment.id} is not offered on '${id}'; allowed areas: ${allowed.join(', ')}`, allowed },
      ]);
    }
    if (seen.has(id)) {
      throw new DomainError('duplicate-area', `Area '${id}' is listed twice.`, [
        { pointer, message: `'${id}' appears more than once; list each area once` },
      ]);
    }
    seen.add(id);
    return area;
  });
  // Canonical order (the catalog's), so equal requests resolve equally whatever order they used.
  const order = treatment.allowedAreas;
  areas.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));

  const countryCode = request.country ?? catalog.baselineCountry;
  const country = catalog.countries.get(countryCode);
  if (!country) {
    const allowed = [...catalog.countries.keys()];
    throw new DomainError('unknown-country', `Unknown country '${countryCode}'.`, [
      { pointer: '/country', message: `'${countryCode}' is not a country with price data; use an ISO 3166-1 alpha-2 code such as US, FR or JP (GET /v1/countries lists all ${allowed.length})`, allowed },
    ]);
  }

  const currencyCode = request.currency ?? country.currency;
  const currency = catalog.currencies.get(currencyCode);
  if (!currency) {
    const allowed = [...catalog.currencies.keys()];
    throw new DomainError('unknown-currency', `No exchange rate for currency '${currencyCode}'.`, [
      { pointer: '/currency', message: `'${currencyCode}' is not a currency with an exchange rate; use an ISO 4217 code such as USD, EUR or JPY (GET /v1/catalog lists all ${allowed.length})`, allowed },
    ]);
  }

  const reference = catalog.areas.get(treatment.referenceArea);
  // The loader checks that every reference area exists; this guards the invariant.
  if (!reference) throw new Error(`catalog invariant: reference area '${treatment.referenceArea}' missing`);

  const cityTier = catalog.cityTiers.get(request.cityTier ?? DEFAULT_CITY_TIER);
  const practitioner = catalog.practitioners.get(request.practitioner ?? DEFAULT_PRACTITIONER);
  if (!cityTier || !practitioner) throw new Error('catalog invariant: a city tier or practitioner tier is missing');

  return { treatment, areas, reference, country, cityTier, practitioner, currency, fixedSessions: request.sessions };
}

function describeAdjustments(
  r: Resolved,
  catalog: Catalog,
  computed: { areaFactor: Decimal; levelFactor: Decimal; sessions: Levels<number> },
): Adjustment[] {
  const { treatment, country, currency } = r;
  const band = treatment.pricePerSessionUsd;
  const areaNames = r.areas.map((a) => a.name.toLowerCase()).join(' + ');
  const areaSources = unique([
    ...r.areas.map((a) => a.factor.source),
    r.reference.factor.source,
    ...(r.areas.length > 1 ? [catalog.additionalAreaShare.source] : []),
  ]);
  const passThrough = catalog.priceLevelPassThrough;

  const adjustments: Adjustment[] = [
    {
      kind: 'base-price',
      id: treatment.id,
      description: `${treatment.name}: per-session price in USD at the baseline (US, national average city, physician, ${r.reference.name.toLowerCase()})`,
      amounts: mapLevels((level) => band[level].value.toFixed(2)),
      sources: unique(LEVELS.map((level) => band[level].source)),
    },
    {
      kind: 'area',
      id: r.areas.map((a) => a.id).join(','),
      description:
        r.areas.length === 1
          ? `${areaNames}, relative to the ${r.reference.name.toLowerCase()}`
          : `${areaNames} in one session: the dearest area in full, each other at ${formatFactor(catalog.additionalAreaShare.value)} of its price, relative to the ${r.reference.name.toLowerCase()}`,
      factor: formatFactor(computed.areaFactor),
      sources: areaSources,
    },
    {
      kind: 'practitioner',
      id: r.practitioner.id,
      description: `${r.practitioner.name} practitioner`,
      factor: formatFactor(r.practitioner.factor.value),
      sources: [r.practitioner.factor.source],
    },
    {
      kind: 'city-tier',
      id: r.cityTier.id,
      description: `${r.cityTier.name} clinic location`,
      factor: formatFactor(r.cityTier.factor.value),
      sources: [r.cityTier.factor.source],
    },
    {
      kind: 'price-level',
      id: country.code,
      description: `${country.name}: price level ${formatFactor(country.priceLevel.value)} of the US (${country.priceLevel.year}); a share of ${formatFactor(passThrough.value)} of the price follows it: (1 - ${formatFactor(passThrough.value)}) + ${formatFactor(passThrough.value)} * ${formatFactor(country.priceLevel.value)}`,
      factor: formatFactor(computed.levelFactor),
      sources: unique([country.priceLevel.source, passThrough.source]),
    },
    {
      kind: 'currency',
      id: currency.code,
      description:
        currency.code === 'USD'
          ? 'Amounts in US dollars, the articles\' own currency'
          : `USD to ${currency.code} at ${formatFactor(currency.usdRate.value)} per USD (${currency.usdRate.year} average); per-session prices rounded half-up to ${currency.minorUnits} decimals`,
      factor: formatFactor(currency.usdRate.value),
      sources: [currency.usdRate.source, currency.minorUnitsSource],
    },
    r.fixedSessions !== undefined
      ? {
          kind: 'sessions',
          description: `${r.fixedSessions} sessions, as requested, at every level`,
          counts: computed.sessions,
          sources: treatment.sessions.sources,
        }
      : {
          kind: 'sessions',
          description: `Course of ${treatment.sessions.min} (low), ${treatment.sessions.typical} (typical) and ${treatment.sessions.max} (high) sessions`,
          counts: computed.sessions,
          sources: treatment.sessions.sources,
        },
  ];
  return adjustments;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** Every source the adjustments and notes cite, once each, in order of first use. */
function collectSources(adjustments: readonly Adjustment[], notes: readonly Note[], catalog: Catalog): Source[] {
  const ids = new Set<string>();
  for (const item of [...adjustments, ...notes]) for (const id of item.sources) ids.add(id);
  return [...ids].map((id) => {
    const source = catalog.sources.get(id);
    if (!source) throw new Error(`catalog invariant: source '${id}' missing`);
    return source;
  });
}

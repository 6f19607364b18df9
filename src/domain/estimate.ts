// estimate(request, catalog) -> Estimate: the pricing engine. Pure: no I/O, no HTTP, no clock.
import type { Decimal } from 'decimal.js';
import type { CityTierId, PractitionerId, Source } from '../data/schema.js';
import { combinedAreaFactor } from './areas.js';
import type { AreaModel, Catalog, CountryModel, CurrencyModel, Level, Levels, TierModel, TreatmentModel } from './catalog.js';
import { derived } from './derived.js';
import { DomainError } from './errors.js';
import { perSessionLikely, type Percentiles } from './likely.js';
import { Dec, formatAmount, formatFactor, roundToMinorUnits } from './money.js';
import { estimateNotes, longerCourseNotes, type Note } from './notes.js';
import { applyPackage, defaultPackageSpec, describePackage, type PackageKind, type PackageSpec } from './packages.js';

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

export const DEFAULT_CITY_TIER: CityTierId = 'city';
export const DEFAULT_PRACTITIONER: PractitionerId = 'physician';

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

interface Resolved {
  readonly treatment: TreatmentModel;
  readonly areas: readonly AreaModel[];
  readonly reference: AreaModel;
  readonly country: CountryModel;
  readonly cityTier: TierModel;
  readonly practitioner: TierModel;
  readonly currency: CurrencyModel;
  readonly fixedSessions: number | undefined;
  readonly pkg: PackageSpec;
}

/**
 * Prices one course. For each level L in low / typical / high:
 *   base[L]       = the seeds' band in the baseline country (US); elsewhere the market band,
 *                   typical × level[group] × (bandLow, 1, bandHigh)   (derived.ts, market-model.json)
 *   perSession[L] = round(base[L] * area * practitioner * cityTier * countryFactor * usdRate)
 *                   countryFactor = price level ^ β as published (1 in the baseline country)
 *   sessions[L]   = fixed sessions if requested, else min / typical / max of the treatment
 *   listTotal[L]  = perSession[L] * sessions[L]            (exact)
 *   total[L]      = listTotal[L] - discount[L]              (the package; see packages.ts)
 * `round` is the rounding of a price: to the output currency's minor units, half-up. A percent
 * discount is the only other amount rounded (packages.ts).
 * likely = percentiles of P * payable(N) (likely.ts), scaled to this request and rounded the same
 * way, kept within [total.low, total.high]; likelyPerSession the same for one session.
 */
export function estimate(request: EstimateRequest, catalog: Catalog): Estimate {
  const r = resolve(request, catalog);
  const d = derived(catalog);
  const { treatment, country, currency } = r;

  const areaFactor = combinedAreaFactor(r.areas, r.reference, catalog.additionalAreaShare.value);
  const multiplier = areaFactor.times(r.practitioner.factor.value).times(r.cityTier.factor.value).times(country.priceFactor.value).times(currency.usdRate.value);
  const minor = currency.minorUnits;

  const band = d.baseBand(treatment, country);
  const sessions = sessionCounts(treatment, r.fixedSessions);
  const perSession = mapLevels((level) => roundToMinorUnits(band[level].times(multiplier), minor));
  const amounts = mapLevels((level) => applyPackage(perSession[level], sessions[level], r.pkg, minor));
  const base = d.likelyUsd(treatment, country, r.fixedSessions, r.pkg);
  const likely = scalePercentiles(base, multiplier, minor, amounts.low.total, amounts.high.total);
  const likelyPerSession = scalePercentiles(perSessionLikely(band), multiplier, minor, perSession.low, perSession.high);

  const adjustments = describeAdjustments(r, catalog, d, { areaFactor, sessions, discount: mapLevels((level) => amounts[level].discount) });
  const evidence = d.evidence(country, treatment, currency);
  const format = (value: Decimal): string => formatAmount(value, minor);
  const notes = [
    ...estimateNotes({ treatment, country, baselineCountry: catalog.baselineCountry, currency: currency.code, fixedSessions: r.fixedSessions, evidence, market: catalog.market }),
    ...longerCourseNotes(r.pkg, sessions, mapLevels((level) => format(perSession[level])), currency, catalog.packages),
  ];

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
      package: resolvedPackage(r.pkg),
    },
    currency: d.currency(currency),
    perSession: mapLevels((level) => format(perSession[level])),
    sessions,
    listTotal: mapLevels((level) => format(amounts[level].listTotal)),
    discount: mapLevels((level) => format(amounts[level].discount)),
    total: mapLevels((level) => format(amounts[level].total)),
    effectivePerSession: mapLevels((level) => format(amounts[level].effectivePerSession)),
    likely: { p10: format(likely.p10), p50: format(likely.p50), p90: format(likely.p90) },
    likelyPerSession: { p10: format(likelyPerSession.p10), p50: format(likelyPerSession.p50), p90: format(likelyPerSession.p90) },
    evidence,
    adjustments,
    sources: d.sources([...adjustments, ...notes]),
    dataVersion: catalog.version,
    notes,
  };
}

/** round(p * multiplier), clamped to [low, high] so the likely range never leaves the absolute one. */
function scalePercentiles(base: Percentiles, multiplier: Decimal, minorUnits: number, low: Decimal, high: Decimal): Percentiles {
  const scale = (p: Decimal): Decimal => Dec.min(high, Dec.max(low, roundToMinorUnits(p.times(multiplier), minorUnits)));
  return { p10: scale(base.p10), p50: scale(base.p50), p90: scale(base.p90) };
}

function mapLevels<T>(f: (level: Level) => T): Levels<T> {
  return { low: f('low'), typical: f('typical'), high: f('high') };
}

/** Session counts per level: the treatment's min / typical / max, or the fixed count for all three. */
function sessionCounts(treatment: TreatmentModel, fixed: number | undefined): Levels<number> {
  if (fixed !== undefined) return { low: fixed, typical: fixed, high: fixed };
  return { low: treatment.sessions.min, typical: treatment.sessions.typical, high: treatment.sessions.max };
}

function resolvedPackage(spec: PackageSpec): ResolvedPackage {
  switch (spec.kind) {
    case 'none':
      return { kind: spec.kind };
    case 'prepaid-course':
    case 'new-patient':
      return { kind: spec.kind, discountPercent: spec.discountPercent.toString() };
    case 'buy-n-get-m':
      return { kind: spec.kind, buy: spec.buy, free: spec.free };
  }
}

/**
 * The requested package with the catalog's defaults for any figure left out. Throws
 * invalid-package (pointer /package/…) when a given figure and a default do not fit together.
 */
export function packageSpec(request: PackageRequest | undefined, catalog: Catalog): PackageSpec {
  if (!request) return { kind: 'none' };
  const defaults = defaultPackageSpec(request.kind, catalog.packages.defaults);
  switch (request.kind) {
    case 'none':
      return defaults;
    case 'prepaid-course':
    case 'new-patient':
      return { kind: request.kind, discountPercent: request.discountPercent ?? (defaults as { discountPercent: Decimal }).discountPercent };
    case 'buy-n-get-m': {
      const d = defaults as { buy: number; free: number };
      const spec = { kind: 'buy-n-get-m' as const, buy: request.buy ?? d.buy, free: request.free ?? d.free };
      // The edge checks free < buy when both are given; with one taken from the defaults, here.
      if (spec.free >= spec.buy) {
        const field = request.free === undefined ? 'buy' : 'free';
        throw new DomainError('invalid-package', `A buy-${spec.buy}-get-${spec.free} package gives away as many sessions as it sells.`, [
          { pointer: `/package/${field}`, message: `free (${spec.free}${request.free === undefined ? ', the default' : ''}) must be fewer than buy (${spec.buy}${request.buy === undefined ? ', the default' : ''})` },
        ]);
      }
      return spec;
    }
  }
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
    const allowed = treatment.allowedAreas;
    const area = catalog.areas.get(id);
    if (!area) {
      throw new DomainError('unknown-area', `Unknown area '${id}'.`, [{ pointer, message: `'${id}' is not an area; ${treatment.id} allows: ${allowed.join(', ')}`, allowed }]);
    }
    if (!allowed.includes(id)) {
      throw new DomainError('area-not-allowed', `Area '${id}' is not treated for ${treatment.id}.`, [
        { pointer, message: `${treatment.id} is not offered on '${id}'; allowed areas: ${allowed.join(', ')}`, allowed },
      ]);
    }
    if (seen.has(id)) throw new DomainError('duplicate-area', `Area '${id}' is listed twice.`, [{ pointer, message: `'${id}' appears more than once; list each area once` }]);
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
  const cityTier = catalog.cityTiers.get(request.cityTier ?? DEFAULT_CITY_TIER);
  const practitioner = catalog.practitioners.get(request.practitioner ?? DEFAULT_PRACTITIONER);
  // The loader guarantees these; the check keeps the types honest.
  if (!reference || !cityTier || !practitioner) throw new Error('catalog invariant: a reference area or tier is missing');

  return { treatment, areas, reference, country, cityTier, practitioner, currency, fixedSessions: request.sessions, pkg: packageSpec(request.package, catalog) };
}

function describeAdjustments(
  r: Resolved,
  catalog: Catalog,
  d: ReturnType<typeof derived>,
  computed: { areaFactor: Decimal; sessions: Levels<number>; discount: Levels<Decimal> },
): Adjustment[] {
  const { treatment } = r;
  const adjustments: Adjustment[] = [
    d.baseAdjustment(treatment, r.reference, r.country),
    areaAdjustment(r, catalog, computed.areaFactor),
    d.tierAdjustment('practitioner', r.practitioner),
    d.tierAdjustment('city-tier', r.cityTier),
    d.priceLevelAdjustment(r.country),
    d.currencyAdjustment(r.currency),
    r.fixedSessions === undefined
      ? d.sessionsAdjustment(treatment)
      : { kind: 'sessions', description: `${r.fixedSessions} sessions, as requested, at every level`, counts: computed.sessions, sources: treatment.sessions.sources },
  ];
  if (r.pkg.kind !== 'none') {
    const kind = catalog.packages.kinds.get(r.pkg.kind);
    adjustments.push({
      kind: 'package',
      id: r.pkg.kind,
      description: `${describePackage(r.pkg)}; amounts are the discount at each level`,
      amounts: mapLevels((level) => formatAmount(computed.discount[level], r.currency.minorUnits)),
      sources: [...new Set([...(kind?.sources ?? []), ...(kind?.defaultSources ?? [])])],
    });
  }
  return adjustments;
}

function areaAdjustment(r: Resolved, catalog: Catalog, factor: Decimal): Adjustment {
  const names = r.areas.map((a) => a.name.toLowerCase()).join(' + ');
  const reference = r.reference.name.toLowerCase();
  const several = r.areas.length > 1;
  return {
    kind: 'area',
    id: r.areas.map((a) => a.id).join(','),
    description: several
      ? `${names} in one session: the dearest area in full, each other at ${formatFactor(catalog.additionalAreaShare.value)} of its price, relative to the ${reference}`
      : `${names}, relative to the ${reference}`,
    factor: formatFactor(factor),
    sources: [...new Set([...r.areas.map((a) => a.factor.source), r.reference.factor.source, ...(several ? [catalog.additionalAreaShare.source] : [])])],
  };
}

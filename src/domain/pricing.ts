// The pricing core: a request resolved against the catalog and priced, every figure as the wire
// string it is sent as. estimate() (estimate.ts) and estimateJson() (estimate-json.ts) both build
// their answer from this, so the object and the bytes can never disagree. Pure: no I/O, no clock.
import type { Decimal } from 'decimal.js';
import type { CityTierId, PractitionerId } from '../data/schema.js';
import type { AreaModel, Catalog, CountryModel, CurrencyModel, Level, Levels, TierModel, TreatmentModel } from './catalog.js';
import { derived } from './derived.js';
import { DomainError } from './errors.js';
import type { Adjustment, Estimate, EstimateRequest, PackageRequest } from './estimate-types.js';
import { divideHalfUp, formatUnits, pow10, roundHalfUp, times, type Exact } from './exact.js';
import { longerCourseNotes } from './notes.js';
import { defaultPackageSpec, describePackage, freeSessions, type PackageSpec } from './packages.js';

export const DEFAULT_CITY_TIER: CityTierId = 'city';
export const DEFAULT_PRACTITIONER: PractitionerId = 'physician';

/** The request with every id looked up and every default filled in. */
export interface Resolved {
  readonly treatment: TreatmentModel;
  /** In the catalog's order. */
  readonly areas: readonly AreaModel[];
  readonly country: CountryModel;
  readonly cityTier: TierModel;
  readonly practitioner: TierModel;
  readonly currency: CurrencyModel;
  readonly fixedSessions: number | undefined;
  readonly pkg: PackageSpec;
}

type Percentiles<T> = { readonly p10: T; readonly p50: T; readonly p90: T };

/** One priced course: every part of an estimate but its treatment and data version, figures as wire strings. */
export interface Priced extends Omit<Estimate, 'treatment' | 'dataVersion'> {
  readonly resolved: Resolved;
  /** The adjustment of the package, when there is one (not shared between estimates). */
  readonly packageAdjustment: Adjustment | undefined;
  /** True when the notes include a longer-course note of this estimate's own (then not the shared, memoised array). */
  readonly ownNotes: boolean;
}

/**
 * Prices one course. For each level L in low / typical / high:
 *   base[L]       = the seeds' band in the baseline country (US); elsewhere the market band,
 *                   typical × level[group] × (bandLow, 1, bandHigh)   (market-model.json)
 *   area          = r_1 + share × (r_2 + … + r_n): r_i the published ratio of area i to the
 *                   treatment's reference area (market-model.json, areaRatios), r_1 the largest
 *   perSession[L] = round(base[L] × area × practitioner × cityTier × countryFactor × usdRate)
 *                   countryFactor = price level ^ β as published (1 in the baseline country)
 *   sessions[L]   = fixed sessions if requested, else min / typical / max of the treatment
 *   listTotal[L]  = perSession[L] × sessions[L]            (exact)
 *   total[L]      = listTotal[L] − discount[L]              (the package; see packages.ts)
 * Every factor is a finite decimal the catalog and the answer's adjustments publish; the product
 * is exact (exact.ts) and `round` is the one rounding of a price: half-up to the output
 * currency's minor units. A percent discount is the only other amount rounded (packages.ts).
 * likely = percentiles of P × payable(N) (likely.ts), scaled to this request and rounded the same
 * way, kept within [total.low, total.high]; likelyPerSession the same for one session.
 */
export function price(request: EstimateRequest, catalog: Catalog): Priced {
  const r = resolve(request, catalog);
  const d = derived(catalog);
  const { treatment, country, currency } = r;
  const minor = currency.minorUnits;

  const area = d.area(treatment, r.areas);
  const multiplier = times(times(times(times(area.factor, d.exact(r.practitioner.factor)), d.exact(r.cityTier.factor)), d.exact(country.priceFactor)), d.exact(currency.usdRate));
  const band = d.bandExact(treatment, country);
  const sessions = sessionCounts(treatment, r.fixedSessions);
  const perSession = mapLevels((level) => roundHalfUp(times(band[level], multiplier), minor));
  const amounts = mapLevels((level) => packageAmounts(perSession[level], sessions[level], r.pkg));
  const likely = scaled(d.likelyExact(treatment, country, r.fixedSessions, r.pkg), multiplier, minor, amounts.low.total, amounts.high.total);
  const likelyPerSession = scaled(d.perSessionLikelyExact(treatment, country), multiplier, minor, perSession.low, perSession.high);

  const format = (units: bigint): string => formatUnits(units, minor);
  const perSessionText = mapLevels((level) => format(perSession[level]));
  const discount = mapLevels((level) => format(amounts[level].discount));
  const pkgAdjustment = r.pkg.kind === 'none' ? undefined : packageAdjustment(r.pkg, discount, catalog);
  const adjustments = [
    d.baseAdjustment(treatment, country),
    area.adjustment,
    d.tierAdjustment('practitioner', r.practitioner),
    d.tierAdjustment('city-tier', r.cityTier),
    d.priceLevelAdjustment(country),
    d.currencyAdjustment(currency),
    r.fixedSessions === undefined ? d.sessionsAdjustment(treatment) : d.fixedSessionsAdjustment(treatment, r.fixedSessions),
  ];
  if (pkgAdjustment) adjustments.push(pkgAdjustment);
  const longer = longerCourseNotes(r.pkg, sessions, perSessionText, currency, catalog.packages);
  const shared = d.notes(treatment, country, currency, r.fixedSessions);
  const notes = longer.length === 0 ? shared : [...shared, ...longer];

  return {
    resolved: r,
    request: {
      treatment: treatment.id,
      areas: area.ids,
      country: country.code,
      cityTier: r.cityTier.id as CityTierId,
      practitioner: r.practitioner.id as PractitionerId,
      sessions: r.fixedSessions ?? null,
      currency: currency.code,
      package: d.resolvedPackage(r.pkg),
    },
    currency: d.currency(currency),
    perSession: perSessionText,
    sessions,
    listTotal: mapLevels((level) => format(amounts[level].listTotal)),
    discount,
    total: mapLevels((level) => format(amounts[level].total)),
    effectivePerSession: mapLevels((level) => format(amounts[level].effectivePerSession)),
    likely: mapPercentiles(likely, format),
    likelyPerSession: mapPercentiles(likelyPerSession, format),
    evidence: d.evidence(country, treatment, currency),
    adjustments,
    packageAdjustment: pkgAdjustment,
    // The sources follow from the adjustments and notes. The shared notes stand for the treatment,
    // country, currency and sessions, so they, the areas, the tiers and the package kind are the key.
    sources: d.sources([adjustments, notes], longer.length > 0 ? undefined : [shared, area, r.practitioner, r.cityTier, r.pkg.kind]),
    notes,
    ownNotes: longer.length > 0,
  };
}

interface Amounts {
  readonly listTotal: bigint;
  readonly discount: bigint;
  readonly total: bigint;
  readonly effectivePerSession: bigint;
}

/**
 * packages.ts's applyPackage in minor units: listTotal = perSession × sessions; the discount is
 * round(listTotal × p) (prepaid course), perSession × free sessions (buy-n-get-m) or
 * round(perSession × p) (new patient), p = percent / 100; effectivePerSession = round(total / sessions).
 */
export function packageAmounts(perSession: bigint, sessions: number, spec: PackageSpec): Amounts {
  const n = BigInt(sessions);
  const listTotal = perSession * n;
  let discount = 0n;
  switch (spec.kind) {
    case 'none':
      return { listTotal, discount, total: listTotal, effectivePerSession: perSession };
    case 'prepaid-course':
      discount = percentOf(listTotal, spec.discountPercent);
      break;
    case 'buy-n-get-m':
      discount = perSession * BigInt(freeSessions(sessions, spec.buy, spec.free));
      break;
    case 'new-patient':
      discount = percentOf(perSession, spec.discountPercent);
      break;
  }
  const total = listTotal - discount;
  return { listTotal, discount, total, effectivePerSession: divideHalfUp(total, n) };
}

/** round(amount × percent / 100), half-up, in the amount's units. */
function percentOf(amount: bigint, percent: Decimal): bigint {
  const p = exactPercent(percent);
  return divideHalfUp(amount * p.units, 100n * pow10(p.scale));
}

const percents = new Map<string, Exact>();
function exactPercent(percent: Decimal): Exact {
  const key = percent.toFixed();
  let p = percents.get(key);
  if (p === undefined) {
    const [whole, fraction = ''] = key.split('.');
    p = { units: BigInt(whole! + fraction), scale: fraction.length };
    if (percents.size > 1000) percents.clear();
    percents.set(key, p);
  }
  return p;
}

/** round(p × multiplier) for each percentile, clamped to [low, high] so the likely range never leaves the absolute one. */
function scaled(base: Percentiles<Exact>, multiplier: Exact, minor: number, low: bigint, high: bigint): Percentiles<bigint> {
  const scale = (p: Exact): bigint => {
    const v = roundHalfUp(times(p, multiplier), minor);
    return v < low ? low : v > high ? high : v;
  };
  return { p10: scale(base.p10), p50: scale(base.p50), p90: scale(base.p90) };
}

function mapPercentiles<T, U>(p: Percentiles<T>, f: (value: T) => U): Percentiles<U> {
  return { p10: f(p.p10), p50: f(p.p50), p90: f(p.p90) };
}

export function mapLevels<T>(f: (level: Level) => T): Levels<T> {
  return { low: f('low'), typical: f('typical'), high: f('high') };
}

/** Session counts per level: the treatment's min / typical / max, or the fixed count for all three. */
function sessionCounts(treatment: TreatmentModel, fixed: number | undefined): Levels<number> {
  if (fixed !== undefined) return { low: fixed, typical: fixed, high: fixed };
  return { low: treatment.sessions.min, typical: treatment.sessions.typical, high: treatment.sessions.max };
}

/** The package's line in the adjustments: what it is and its discount at each level. */
export function packageAdjustment(spec: Exclude<PackageSpec, { kind: 'none' }>, discount: Levels<string>, catalog: Catalog): Adjustment {
  const kind = catalog.packages.kinds.get(spec.kind);
  return {
    kind: 'package',
    id: spec.kind,
    description: `${describePackage(spec)}; amounts are the discount at each level`,
    amounts: discount,
    sources: [...new Set([...(kind?.sources ?? []), ...(kind?.defaultSources ?? [])])],
  };
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
export function resolve(request: EstimateRequest, catalog: Catalog): Resolved {
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

  const cityTier = catalog.cityTiers.get(request.cityTier ?? DEFAULT_CITY_TIER);
  const practitioner = catalog.practitioners.get(request.practitioner ?? DEFAULT_PRACTITIONER);
  // The loader guarantees these; the check keeps the types honest.
  if (!cityTier || !practitioner) throw new Error('catalog invariant: a tier is missing');

  return { treatment, areas, country, cityTier, practitioner, currency, fixedSessions: request.sessions, pkg: packageSpec(request.package, catalog) };
}


// clinicEstimate(request, clinicSheet, catalog): an estimate at a clinic. The clinic's sheet fixes
// the country, city tier, practitioner and default currency; where the sheet has a figure (a
// per-session price, an area's price, a course length, package terms) it is used, and the
// market estimate for the same place supplies every other figure. The answer says which in its
// adjustments and sources, and places the clinic's per-session price against the market's
// low-high range for the same country, city tier, practitioner and areas. Pure, like estimate().
import type { Decimal } from 'decimal.js';
import type { Source } from '../data/schema.js';
import type { Catalog, Level, Levels, TreatmentModel } from './catalog.js';
import { derived } from './derived.js';
import { DomainError } from './errors.js';
import { estimate, packageSpec, type Adjustment, type Estimate, type EstimateRequest, type PackageRequest } from './estimate.js';
import { likelyPercentiles, sessionWeights } from './likely.js';
import { LONGER_COURSE_NOTE, longerCourseNotes } from './notes.js';
import { Dec, dec, formatAmount, formatFactor, roundToMinorUnits } from './money.js';
import { applyPackage, describePackage, payableUnits } from './packages.js';
import type { ClinicSheet, PriceSheet } from './price-sheet.js';

/** A clinic price in another currency is converted at the cross rate rounded to this many significant digits, as published in the adjustment. */
const CROSS_RATE_DIGITS = 10;

/** The clinic's sheet as a cited source. */
export interface ClinicSource {
  readonly id: string;
  readonly kind: 'clinic';
  readonly title: string;
}

export type ClinicAdjustment = Omit<Adjustment, 'kind'> & { readonly kind: Adjustment['kind'] | 'clinic-price' };

export interface MarketPosition {
  /** Where the clinic's per-session price falls against the market's low-high range. */
  readonly position: 'below' | 'within' | 'above';
  /** (clinic − market low) / (market high − market low), 4 decimals: 0 at low, 1 at high. */
  readonly fraction: string;
  /** clinic / market typical × 100, 1 decimal. */
  readonly percentOfTypical: string;
}

export interface ClinicPricing {
  readonly id: string;
  readonly name: string;
  readonly sheetVersion: number;
  /** Where each part came from: the clinic's sheet or the market estimate. */
  readonly priceSource: 'clinic' | 'market';
  readonly sessionsSource: 'clinic' | 'market' | 'request';
  readonly packageSource: 'clinic' | 'market' | 'request' | 'none';
  /** The market estimate's per-session price for the same place, areas and currency. */
  readonly marketPerSession: Levels<string>;
  /** Null when the sheet has no price for this treatment (the price is the market's own). */
  readonly marketPosition: MarketPosition | null;
}

export type ClinicEstimate = Omit<Estimate, 'adjustments' | 'sources'> & {
  readonly adjustments: readonly ClinicAdjustment[];
  readonly sources: ReadonlyArray<Source | ClinicSource>;
  readonly clinic: ClinicPricing;
};

const FIXED_BY_SHEET = ['country', 'cityTier', 'practitioner'] as const;
const PRICE_KINDS = new Set<Adjustment['kind']>(['base-price', 'area', 'practitioner', 'city-tier', 'price-level', 'currency']);

/**
 * For each level L:
 *   perSession[L] = round(clinicSession × crossRate)   when the sheet prices the treatment;
 *                   crossRate = usdRate(out) / usdRate(sheet) to 10 significant digits, as published
 *                 = market perSession[L]                                 otherwise
 *   clinicSession = p1 + share × (p2 + … + pn), p sorted descending, p_a = the sheet's price of
 *                   area a, or its perSession × the published ratio of a to the reference area
 *   sessions, package and totals as in estimate(), with the sheet's course and terms where given.
 */
export function clinicEstimate(request: EstimateRequest, ref: ClinicSheet, catalog: Catalog): ClinicEstimate {
  const { sheet } = ref;
  for (const field of FIXED_BY_SHEET) {
    const given = request[field];
    if (given !== undefined && given !== sheet[field]) {
      throw new DomainError('clinic-mismatch', `Clinic ${ref.clinicId} prices for ${field} '${sheet[field]}', not '${given}'.`, [
        { pointer: `/${field}`, message: `the clinic's price sheet sets ${field} to '${sheet[field]}'; leave the field out or send that value`, allowed: [sheet[field]] },
      ]);
    }
  }
  const sheetPackage = packageFromSheet(request.package, sheet);
  const market = estimate(
    { ...request, country: sheet.country, cityTier: sheet.cityTier, practitioner: sheet.practitioner, currency: request.currency ?? sheet.currency, package: sheetPackage.request },
    catalog,
  );
  const entry = sheet.treatments[market.treatment];
  const source: ClinicSource = {
    id: `clinic-${ref.clinicId}-v${ref.version}`,
    kind: 'clinic',
    title: `Price sheet of ${ref.clinicName}, version ${ref.version} (${ref.createdAt})`,
  };
  const out = catalog.currencies.get(market.request.currency)!;
  const minor = out.minorUnits;
  const treatment = catalog.treatments.get(market.treatment)!;
  const marketPerSession = mapLevels((l) => dec(market.perSession[l]));

  const priceFromSheet = entry?.perSession !== undefined;
  const sessionsSource: ClinicPricing['sessionsSource'] = request.sessions !== undefined ? 'request' : entry?.sessions ? 'clinic' : 'market';
  const adjustments: ClinicAdjustment[] = [];

  let perSession: Levels<Decimal>;
  if (priceFromSheet) {
    const sheetCurrency = catalog.currencies.get(sheet.currency)!;
    // The cross rate, published to 10 significant digits and multiplied by as published.
    const conversion = out.usdRate.value.div(sheetCurrency.usdRate.value).toSignificantDigits(CROSS_RATE_DIGITS, Dec.ROUND_HALF_UP);
    const { amount, description, sources } = clinicSessionPrice(entry, market.request.areas, treatment, catalog);
    const price = roundToMinorUnits(amount.times(conversion), minor);
    perSession = { low: price, typical: price, high: price };
    adjustments.push({
      kind: 'clinic-price',
      id: market.request.areas.join(','),
      description: `${ref.clinicName}'s own price per session (sheet version ${ref.version}): ${description}, ${formatAmount(amount, sheetCurrency.minorUnits)} ${sheet.currency}`,
      amounts: mapLevels(() => formatAmount(price, minor)),
      sources: [source.id, ...sources],
    });
    if (out.code !== sheetCurrency.code) {
      adjustments.push({
        kind: 'currency',
        id: out.code,
        description: `${sheet.currency} to ${out.code} at ${formatFactor(conversion)} (${out.code} ${formatFactor(out.usdRate.value)} / ${sheet.currency} ${formatFactor(sheetCurrency.usdRate.value)} per USD); rounded half-up to ${minor} decimals`,
        factor: formatFactor(conversion),
        sources: [out.usdRate.source, sheetCurrency.usdRate.source, out.minorUnitsSource],
      });
    }
  } else {
    perSession = marketPerSession;
    adjustments.push({
      kind: 'clinic-price',
      description: `${ref.clinicName}'s sheet (version ${ref.version}) has no price for ${treatment.name.toLowerCase()}: the market price for ${sheet.country}, ${sheet.cityTier}, ${sheet.practitioner} follows`,
      sources: [source.id],
    });
    adjustments.push(...market.adjustments.filter((a) => PRICE_KINDS.has(a.kind)));
  }

  const sessions: Levels<number> =
    sessionsSource === 'clinic' && entry?.sessions ? { low: entry.sessions.min, typical: entry.sessions.typical, high: entry.sessions.max } : market.sessions;
  const marketSessions = market.adjustments.find((a) => a.kind === 'sessions');
  if (sessionsSource === 'clinic') {
    adjustments.push({ kind: 'sessions', description: `${ref.clinicName}'s course: ${sessions.low} (low), ${sessions.typical} (typical) and ${sessions.high} (high) sessions`, counts: sessions, sources: [source.id] });
  } else if (marketSessions) adjustments.push(marketSessions);

  const spec = packageSpec(sheetPackage.request, catalog);
  const amounts = mapLevels((l) => applyPackage(perSession[l], sessions[l], spec, minor));
  const packageSource: ClinicPricing['packageSource'] = spec.kind === 'none' ? 'none' : sheetPackage.fromSheet ? 'clinic' : sheetPackage.complete ? 'request' : 'market';
  if (spec.kind !== 'none') {
    const marketPackage = market.adjustments.find((a) => a.kind === 'package');
    adjustments.push({
      kind: 'package',
      id: spec.kind,
      description: `${describePackage(spec)}${sheetPackage.fromSheet ? `, ${ref.clinicName}'s terms` : ''}; amounts are the discount at each level`,
      amounts: mapLevels((l) => formatAmount(amounts[l].discount, minor)),
      sources: sheetPackage.fromSheet ? [source.id] : [...(marketPackage?.sources ?? [])],
    });
  }

  const outcomes = (request.sessions !== undefined ? [{ sessions: request.sessions, weight: new Dec(1) }] : sessionWeights(sessions.low, sessions.typical, sessions.high)).map((c) => ({
    weight: c.weight,
    multiplier: payableUnits(c.sessions, spec),
  }));
  // All-market figures keep the market's exact likely range; with the clinic's course it is
  // recomputed from the (rounded) market prices; with the clinic's single price it is discrete.
  const raw = priceFromSheet
    ? discretePercentiles(perSession.typical, outcomes)
    : sessionsSource === 'clinic'
      ? likelyPercentiles(perSession, outcomes)
      : undefined;
  const clamp = (v: Decimal): string => formatAmount(Dec.min(amounts.high.total, Dec.max(amounts.low.total, roundToMinorUnits(v, minor))), minor);
  const format = (v: Decimal): string => formatAmount(v, minor);

  // The market's note on a longer course is about the market's prices and course: the clinic's own replaces it.
  const notes = [...market.notes.filter((n) => n.code !== LONGER_COURSE_NOTE), ...longerCourseNotes(spec, sessions, mapLevels((l) => format(perSession[l])), out, catalog.packages)];
  const cited = derived(catalog).sources([[...adjustments, ...notes].map((a) => ({ sources: a.sources.filter((id) => id !== source.id) }))]);
  return {
    ...market,
    perSession: mapLevels((l) => format(perSession[l])),
    sessions,
    listTotal: mapLevels((l) => format(amounts[l].listTotal)),
    discount: mapLevels((l) => format(amounts[l].discount)),
    total: mapLevels((l) => format(amounts[l].total)),
    effectivePerSession: mapLevels((l) => format(amounts[l].effectivePerSession)),
    likely: raw ? { p10: clamp(raw.p10), p50: clamp(raw.p50), p90: clamp(raw.p90) } : market.likely,
    adjustments,
    sources: [source, ...cited],
    notes,
    clinic: {
      id: ref.clinicId,
      name: ref.clinicName,
      sheetVersion: ref.version,
      priceSource: priceFromSheet ? 'clinic' : 'market',
      sessionsSource,
      packageSource,
      marketPerSession: market.perSession,
      marketPosition: priceFromSheet ? position(perSession.typical, marketPerSession) : null,
    },
  };
}

/** The request's package with any figure it leaves out taken from the sheet's terms for that kind. */
function packageFromSheet(requested: PackageRequest | undefined, sheet: PriceSheet): { request: PackageRequest | undefined; fromSheet: boolean; complete: boolean } {
  if (!requested || requested.kind === 'none') return { request: requested, fromSheet: false, complete: true };
  const terms = sheet.packages?.[requested.kind];
  switch (requested.kind) {
    case 'prepaid-course':
    case 'new-patient': {
      const t = terms as { discountPercent: string } | undefined;
      const complete = requested.discountPercent !== undefined;
      if (complete || !t) return { request: requested, fromSheet: false, complete };
      return { request: { kind: requested.kind, discountPercent: dec(t.discountPercent) }, fromSheet: true, complete };
    }
    case 'buy-n-get-m': {
      const t = terms as { buy: number; free: number } | undefined;
      const complete = requested.buy !== undefined && requested.free !== undefined;
      if (complete || !t) return { request: requested, fromSheet: false, complete };
      return { request: { kind: 'buy-n-get-m', buy: requested.buy ?? t.buy, free: requested.free ?? t.free }, fromSheet: true, complete };
    }
  }
}

/** One session on `areas` at the clinic, in the sheet's currency, and how it was made up. */
function clinicSessionPrice(entry: NonNullable<PriceSheet['treatments'][string]>, areas: readonly string[], treatment: TreatmentModel, catalog: Catalog) {
  const referenceArea = treatment.referenceArea;
  const reference = catalog.areas.get(referenceArea)!;
  const sources = new Set<string>();
  const parts = areas.map((id) => {
    const own = entry.areas?.[id];
    if (own !== undefined) return { id, price: dec(own), how: `${id} ${own} (clinic)` };
    if (id === referenceArea) return { id, price: dec(entry.perSession!), how: `${id} ${entry.perSession} (clinic)` };
    // The sheet prices the reference area only: scale it by the market's published area ratio.
    const area = catalog.areas.get(id)!;
    const ratio = treatment.areaRatios.get(id)!;
    sources.add(area.factor.source).add(reference.factor.source).add(ratio.source);
    return { id, price: dec(entry.perSession!).times(ratio.value), how: `${id} = clinic ${referenceArea} price × market area ratio ${formatFactor(ratio.value)}` };
  });
  const sorted = [...parts].sort((a, b) => b.price.comparedTo(a.price));
  const share = catalog.additionalAreaShare.value;
  const amount = sorted.reduce((sum, p, i) => sum.plus(i === 0 ? p.price : p.price.times(share)), new Dec(0));
  if (parts.length > 1) sources.add(catalog.additionalAreaShare.source);
  const description = parts.length > 1 ? `${parts.map((p) => p.how).join(', ')}; the dearest in full, each other at ${formatFactor(share)} of its price` : parts[0]!.how;
  return { amount, description, sources: [...sources] };
}

/** Percentiles of P × m for a fixed price P: the smallest outcome whose cumulative weight reaches q. */
function discretePercentiles(price: Decimal, outcomes: ReadonlyArray<{ weight: Decimal; multiplier: Decimal }>) {
  const sorted = [...outcomes].sort((a, b) => a.multiplier.comparedTo(b.multiplier));
  const at = (q: string): Decimal => {
    let cumulative = new Dec(0);
    for (const o of sorted) {
      cumulative = cumulative.plus(o.weight);
      if (cumulative.gte(q)) return price.times(o.multiplier);
    }
    return price.times(sorted[sorted.length - 1]!.multiplier);
  };
  return { p10: at('0.1'), p50: at('0.5'), p90: at('0.9') };
}

/** fraction = (p − low) / (high − low); below / within / above the range [low, high]. */
function position(price: Decimal, market: Levels<Decimal>): MarketPosition {
  const span = market.high.minus(market.low);
  const fraction = span.isZero() ? (price.lt(market.low) ? new Dec(-1) : price.gt(market.high) ? new Dec(2) : new Dec(0.5)) : price.minus(market.low).div(span);
  return {
    position: price.lt(market.low) ? 'below' : price.gt(market.high) ? 'above' : 'within',
    fraction: fraction.toFixed(4),
    percentOfTypical: price.div(market.typical).times(100).toFixed(1),
  };
}

function mapLevels<T>(f: (level: Level) => T): Levels<T> {
  return { low: f('low'), typical: f('typical'), high: f('high') };
}

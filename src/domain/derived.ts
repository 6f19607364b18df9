// Values the engine derives from the catalog alone (a country's price-level factor, the
// adjustment describing a tier, the baseline likely range of a treatment), computed on first use
// and kept for the catalog's lifetime. They are pure functions of an immutable catalog, so
// keeping them changes no answer; it only stops every estimate from rebuilding them.
import type { Decimal } from 'decimal.js';
import type { Source } from '../data/schema.js';
import type { AreaModel, Catalog, CountryModel, CurrencyModel, TierModel, TreatmentModel } from './catalog.js';
import { LEVELS } from './catalog.js';
import type { Adjustment, EstimateCurrency } from './estimate.js';
import { baselineLikely, type Percentiles } from './likely.js';
import { formatFactor } from './money.js';
import type { PackageSpec } from './packages.js';
import { priceLevelFactor } from './region.js';

export interface Derived {
  priceLevelFactor(country: CountryModel): Decimal;
  currency(currency: CurrencyModel): EstimateCurrency;
  baseAdjustment(treatment: TreatmentModel, reference: AreaModel): Adjustment;
  tierAdjustment(kind: 'practitioner' | 'city-tier', tier: TierModel): Adjustment;
  priceLevelAdjustment(country: CountryModel): Adjustment;
  currencyAdjustment(currency: CurrencyModel): Adjustment;
  sessionsAdjustment(treatment: TreatmentModel): Adjustment;
  likelyUsd(treatment: TreatmentModel, fixedSessions: number | undefined, pkg: PackageSpec): Percentiles;
  /** Every source the items cite, once each, in order of first use. */
  sources(items: ReadonlyArray<{ readonly sources: readonly string[] }>): Source[];
}

const byCatalog = new WeakMap<Catalog, Derived>();

export function derived(catalog: Catalog): Derived {
  let d = byCatalog.get(catalog);
  if (!d) {
    d = build(catalog);
    byCatalog.set(catalog, d);
  }
  return d;
}

/**
 * A lazily filled map: `get(key, make)` computes once per key. Keys that come from requests
 * (free-form discount percentages) could grow it without end, so past `limit` entries it starts
 * afresh: a bounded cost, never a wrong value.
 */
function memo<V>(limit = 10_000): (key: string, make: () => V) => V {
  const values = new Map<string, V>();
  return (key, make) => {
    let value = values.get(key);
    if (value === undefined) {
      value = make();
      if (values.size >= limit) values.clear();
      values.set(key, value);
    }
    return value;
  };
}

function build(catalog: Catalog): Derived {
  const passThrough = catalog.priceLevelPassThrough;
  const levelFactors = memo<Decimal>();
  const currencies = memo<EstimateCurrency>();
  const adjustments = memo<Adjustment>();
  const likely = memo<Percentiles>();
  const sourceLists = memo<Source[]>();
  const factorOf = (country: CountryModel): Decimal => levelFactors(country.code, () => priceLevelFactor(country.priceLevel.value, passThrough.value));

  return {
    priceLevelFactor: factorOf,
    currency: (c) =>
      currencies(c.code, () => ({ code: c.code, name: c.name, minorUnits: c.minorUnits, usdRate: formatFactor(c.usdRate.value), rateYear: c.usdRate.year })),
    baseAdjustment: (t, reference) =>
      adjustments(`base:${t.id}`, () => ({
        kind: 'base-price',
        id: t.id,
        description: `${t.name}: per-session price in USD at the baseline (US, national average city, physician, ${reference.name.toLowerCase()})`,
        amounts: { low: t.pricePerSessionUsd.low.value.toFixed(2), typical: t.pricePerSessionUsd.typical.value.toFixed(2), high: t.pricePerSessionUsd.high.value.toFixed(2) },
        sources: [...new Set(LEVELS.map((level) => t.pricePerSessionUsd[level].source))],
      })),
    tierAdjustment: (kind, tier) =>
      adjustments(`${kind}:${tier.id}`, () => ({
        kind,
        id: tier.id,
        description: kind === 'practitioner' ? `${tier.name} practitioner` : `${tier.name} clinic location`,
        factor: formatFactor(tier.factor.value),
        sources: [tier.factor.source],
      })),
    priceLevelAdjustment: (country) =>
      adjustments(`price-level:${country.code}`, () => {
        const share = formatFactor(passThrough.value);
        const pli = formatFactor(country.priceLevel.value);
        return {
          kind: 'price-level',
          id: country.code,
          description: `${country.name}: price level ${pli} of the US (${country.priceLevel.year}); a share of ${share} of the price follows it: (1 - ${share}) + ${share} * ${pli}`,
          factor: formatFactor(factorOf(country)),
          sources: [...new Set([country.priceLevel.source, passThrough.source])],
        };
      }),
    currencyAdjustment: (c) =>
      adjustments(`currency:${c.code}`, () => ({
        kind: 'currency',
        id: c.code,
        description:
          c.code === 'USD'
            ? "Amounts in US dollars, the articles' own currency"
            : `USD to ${c.code} at ${formatFactor(c.usdRate.value)} per USD (${c.usdRate.year} average); per-session prices rounded half-up to ${c.minorUnits} decimals`,
        factor: formatFactor(c.usdRate.value),
        sources: [c.usdRate.source, c.minorUnitsSource],
      })),
    sessionsAdjustment: (t) =>
      adjustments(`sessions:${t.id}`, () => ({
        kind: 'sessions',
        description: `Course of ${t.sessions.min} (low), ${t.sessions.typical} (typical) and ${t.sessions.max} (high) sessions`,
        counts: { low: t.sessions.min, typical: t.sessions.typical, high: t.sessions.max },
        sources: t.sessions.sources,
      })),
    likelyUsd: (t, fixedSessions, pkg) => likely(`${t.id}|${fixedSessions ?? ''}|${packageKey(pkg)}`, () => baselineLikely(t, fixedSessions, pkg)),
    sources: (items) => {
      // Runs once per estimate: a plain loop over ~15 ids beats flatMap + Set + join.
      const ids: string[] = [];
      for (const item of items) for (const id of item.sources) if (!ids.includes(id)) ids.push(id);
      return sourceLists(ids.join(','), () =>
        ids.map((id) => {
          const source = catalog.sources.get(id);
          if (!source) throw new Error(`catalog invariant: source '${id}' missing`);
          return source;
        }),
      );
    },
  };
}

function packageKey(pkg: PackageSpec): string {
  switch (pkg.kind) {
    case 'none':
      return 'none';
    case 'prepaid-course':
    case 'new-patient':
      return `${pkg.kind}:${pkg.discountPercent.toString()}`;
    case 'buy-n-get-m':
      return `${pkg.kind}:${pkg.buy}:${pkg.free}`;
  }
}

// Values the engine derives from the catalog alone (the adjustment describing a tier, the
// baseline likely range of a treatment, the published prices of a country), computed on first use
// and kept for the catalog's lifetime. They are pure functions of an immutable catalog, so
// keeping them changes no answer; it only stops every estimate from rebuilding them.
import type { Decimal } from 'decimal.js';
import type { Source } from '../data/schema.js';
import type { AreaModel, Catalog, CountryModel, CurrencyModel, Levels, TierModel, TreatmentModel } from './catalog.js';
import { LEVELS } from './catalog.js';
import type { Adjustment, Evidence, EstimateCurrency } from './estimate.js';
import { baselineLikely, type Percentiles } from './likely.js';
import { Dec, formatAmount, formatFactor, roundToMinorUnits } from './money.js';
import type { PackageSpec } from './packages.js';

export interface Derived {
  currency(currency: CurrencyModel): EstimateCurrency;
  /** The per-session band in USD before the request's multiplier: the seeds' in the baseline country, the market's elsewhere. */
  baseBand(treatment: TreatmentModel, country: CountryModel): Levels<Decimal>;
  baseAdjustment(treatment: TreatmentModel, reference: AreaModel, country: CountryModel): Adjustment;
  tierAdjustment(kind: 'practitioner' | 'city-tier', tier: TierModel): Adjustment;
  priceLevelAdjustment(country: CountryModel): Adjustment;
  currencyAdjustment(currency: CurrencyModel): Adjustment;
  sessionsAdjustment(treatment: TreatmentModel): Adjustment;
  likelyUsd(treatment: TreatmentModel, country: CountryModel, fixedSessions: number | undefined, pkg: PackageSpec): Percentiles;
  /** The published prices for this country and treatment, per session in `currency`; null when there are none. */
  evidence(country: CountryModel, treatment: TreatmentModel, currency: CurrencyModel): Evidence | null;
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
  const { market } = catalog;
  const currencies = memo<EstimateCurrency>();
  const adjustments = memo<Adjustment>();
  const likely = memo<Percentiles>();
  const sourceLists = memo<Source[]>();
  const evidence = memo<Evidence | null>();
  const inBaseline = (country: CountryModel): boolean => country.code === catalog.baselineCountry;
  const seedBand = (t: TreatmentModel): Levels<Decimal> => ({ low: t.pricePerSessionUsd.low.value, typical: t.pricePerSessionUsd.typical.value, high: t.pricePerSessionUsd.high.value });
  const baseBand = (t: TreatmentModel, country: CountryModel): Levels<Decimal> => (inBaseline(country) ? seedBand(t) : t.marketPerSessionUsd);

  return {
    currency: (c) =>
      currencies(c.code, () => ({ code: c.code, name: c.name, minorUnits: c.minorUnits, usdRate: formatFactor(c.usdRate.value), rateYear: c.usdRate.year })),
    baseBand,
    baseAdjustment: (t, reference, country) =>
      adjustments(`base:${t.id}:${inBaseline(country)}`, () => {
        const where = `national average city, physician, ${reference.name.toLowerCase()}`;
        if (inBaseline(country)) {
          return {
            kind: 'base-price',
            id: t.id,
            description: `${t.name}: the seed articles' per-session price in USD in ${country.name} (${where})`,
            amounts: mapBand(seedBand(t), (v) => v.toFixed(2)),
            sources: [...new Set(LEVELS.map((level) => t.pricePerSessionUsd[level].source))],
          };
        }
        const level = market.levels.get(t.marketGroup)!;
        const band = market.band;
        return {
          kind: 'base-price',
          id: t.id,
          description:
            `${t.name} outside ${catalog.countries.get(catalog.baselineCountry)?.name ?? catalog.baselineCountry}, in USD before the price level (${where}): ` +
            `the seeds' typical ${t.pricePerSessionUsd.typical.value.toFixed(2)} × ${formatFactor(level.value)} (the market level of ${t.marketGroup} treatments, fitted to published prices); ` +
            `low and high × ${formatFactor(band.low.value)} and × ${formatFactor(band.high.value)} (the spread that holds 90% of published prices)`,
          amounts: mapBand(t.marketPerSessionUsd, formatFactor),
          sources: [t.pricePerSessionUsd.typical.source, level.source],
        };
      }),
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
        if (inBaseline(country)) {
          return {
            kind: 'price-level',
            id: country.code,
            description: `${country.name}: the seed articles' own market, priced by them`,
            factor: '1',
            sources: [country.priceLevel.source],
          };
        }
        const pli = formatFactor(country.priceLevel.value);
        const exponent = formatFactor(market.exponent.value);
        return {
          kind: 'price-level',
          id: country.code,
          description: `${country.name}: price level ${pli} of the US (${country.priceLevel.year}) to the power ${exponent}, the pass-through fitted to published prices`,
          factor: formatFactor(country.priceFactor.value),
          sources: [...new Set([country.priceLevel.source, country.priceFactor.source])],
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
    likelyUsd: (t, country, fixedSessions, pkg) =>
      likely(`${t.id}|${inBaseline(country)}|${fixedSessions ?? ''}|${packageKey(pkg)}`, () => baselineLikely(t, baseBand(t, country), fixedSessions, pkg)),
    evidence: (country, t, currency) =>
      evidence(`${country.code}|${t.id}|${currency.code}`, () => {
        const published = catalog.evidence.get(`${country.code}|${t.id}`);
        if (!published || published.length === 0) return null;
        // Each price converted at the engine's own rates: local / rate(local) × rate(answer).
        const converted = published.map((o) => new Dec(o.perSession).div(catalog.currencies.get(o.currency)!.usdRate.value).times(currency.usdRate.value));
        const middle = (converted.length - 1) / 2;
        const median = converted[Math.floor(middle)]!.plus(converted[Math.ceil(middle)]!).div(2);
        const format = (v: Decimal): string => formatAmount(roundToMinorUnits(v, currency.minorUnits), currency.minorUnits);
        return {
          count: published.length,
          perSession: { min: format(converted[0]!), median: format(median), max: format(converted[converted.length - 1]!) },
          sources: published.map((o) => o.id),
        };
      }),
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

function mapBand<T>(band: Levels<Decimal>, f: (v: Decimal) => T): Levels<T> {
  return { low: f(band.low), typical: f(band.typical), high: f(band.high) };
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

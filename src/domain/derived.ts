// What the engine derives from the catalog alone, computed on first use and kept for the
// catalog's lifetime: the published factors as exact decimals, the adjustments that describe a
// tier, an area combination or a country, the baseline likely range of a treatment, the notes and
// published prices of a country, the source lists, and the JSON text of each of these. They are
// pure functions of an immutable catalog, so keeping them changes no answer; it only stops every
// estimate from rebuilding them.
import type { Decimal } from 'decimal.js';
import type { Source } from '../data/schema.js';
import type { AreaModel, Catalog, CountryModel, CurrencyModel, Levels, TierModel, TreatmentModel } from './catalog.js';
import { LEVELS } from './catalog.js';
import type { Adjustment, Evidence, EstimateCurrency, Note, ResolvedPackage } from './estimate-types.js';
import { exact, formatExact, plus, times, compare, type Exact } from './exact.js';
import type { Figure } from './figure.js';
import { baselineLikely, perSessionLikely, type Percentiles } from './likely.js';
import { Dec, formatAmount, formatFactor, roundToMinorUnits } from './money.js';
import { estimateNotes } from './notes.js';
import type { PackageSpec } from './packages.js';

/** The areas of one session: their ids in the catalog's order, their combined factor, its adjustment. */
export interface AreaCombination {
  readonly ids: readonly string[];
  /** r_1 + share × (r_2 + … + r_n), r_i the published ratios to the reference area, r_1 the largest. */
  readonly factor: Exact;
  readonly adjustment: Adjustment;
}

export interface Derived {
  /** A published figure as an exact decimal. */
  exact(figure: Figure): Exact;
  currency(currency: CurrencyModel): EstimateCurrency;
  /** The per-session band in USD before the request's multiplier: the seeds' in the baseline country, the market's elsewhere. */
  baseBand(treatment: TreatmentModel, country: CountryModel): Levels<Decimal>;
  bandExact(treatment: TreatmentModel, country: CountryModel): Levels<Exact>;
  /** `areas` (in the catalog's order) priced in one session of `treatment`. */
  area(treatment: TreatmentModel, areas: readonly AreaModel[]): AreaCombination;
  baseAdjustment(treatment: TreatmentModel, country: CountryModel): Adjustment;
  tierAdjustment(kind: 'practitioner' | 'city-tier', tier: TierModel): Adjustment;
  priceLevelAdjustment(country: CountryModel): Adjustment;
  currencyAdjustment(currency: CurrencyModel): Adjustment;
  sessionsAdjustment(treatment: TreatmentModel): Adjustment;
  /** A fixed number of sessions at every level. */
  fixedSessionsAdjustment(treatment: TreatmentModel, sessions: number): Adjustment;
  resolvedPackage(pkg: PackageSpec): ResolvedPackage;
  likelyUsd(treatment: TreatmentModel, country: CountryModel, fixedSessions: number | undefined, pkg: PackageSpec): Percentiles;
  likelyExact(treatment: TreatmentModel, country: CountryModel, fixedSessions: number | undefined, pkg: PackageSpec): { readonly p10: Exact; readonly p50: Exact; readonly p90: Exact };
  /** The likely range of one session's price in USD before the request's multiplier. */
  perSessionLikelyExact(treatment: TreatmentModel, country: CountryModel): { readonly p10: Exact; readonly p50: Exact; readonly p90: Exact };
  /** The notes every estimate for this treatment, country, currency and session count carries. */
  notes(treatment: TreatmentModel, country: CountryModel, currency: CurrencyModel, fixedSessions: number | undefined): readonly Note[];
  /** The published prices for this country and treatment, per session in `currency`; null when there are none. */
  evidence(country: CountryModel, treatment: TreatmentModel, currency: CurrencyModel): Evidence | null;
  /**
   * Every source the items cite, once each, in order of first use. With `key` (values that
   * determine the items, such as the memoised adjustments and notes themselves), computed once
   * per key: the same array each time.
   */
  sources(lists: ReadonlyArray<ReadonlyArray<{ readonly sources: readonly string[] }>>, key?: readonly [unknown, unknown, unknown, unknown, unknown]): Source[];
  /** JSON.stringify(value), once per value: for the values this module hands out, which never change. */
  json(value: object): string;
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
 * A lazily filled memo keyed by one to five values: objects of the catalog, its id strings,
 * numbers. A tree of Maps walked without allocating, so no key string or array is built per call
 * (either would cost more than most of the values kept). Keys that come from requests (free-form
 * discount percentages, session counts) could grow it without end, so past `limit` entries it
 * starts afresh: a bounded cost, never a wrong value.
 */
class Memo<V> {
  private root = new MemoNode<V>();
  private size = 0;

  constructor(private readonly limit = 10_000) {}

  at1(a: unknown, make: () => V): V {
    return this.leaf(this.root, a, make);
  }

  at2(a: unknown, b: unknown, make: () => V): V {
    return this.leaf(this.root.child(a), b, make);
  }

  at3(a: unknown, b: unknown, c: unknown, make: () => V): V {
    return this.leaf(this.root.child(a).child(b), c, make);
  }

  at4(a: unknown, b: unknown, c: unknown, d: unknown, make: () => V): V {
    return this.leaf(this.root.child(a).child(b).child(c), d, make);
  }

  at5(a: unknown, b: unknown, c: unknown, d: unknown, e: unknown, make: () => V): V {
    return this.leaf(this.root.child(a).child(b).child(c).child(d), e, make);
  }

  private leaf(node: MemoNode<V>, key: unknown, make: () => V): V {
    let value = node.values.get(key);
    if (value === undefined) {
      value = make();
      if (this.size >= this.limit) {
        // Start afresh; this value is kept only by the caller (the next call makes it again).
        this.root = new MemoNode<V>();
        this.size = 0;
        return value;
      }
      node.values.set(key, value);
      this.size += 1;
    }
    return value;
  }
}

/** A node of a Memo: the values of keys ending here, apart from the nodes of longer keys. */
class MemoNode<V> {
  readonly values = new Map<unknown, V>();
  private readonly children = new Map<unknown, MemoNode<V>>();

  child(key: unknown): MemoNode<V> {
    let next = this.children.get(key);
    if (next === undefined) {
      next = new MemoNode<V>();
      this.children.set(key, next);
    }
    return next;
  }
}

function build(catalog: Catalog): Derived {
  const { market } = catalog;
  const currencies = new Memo<EstimateCurrency>();
  const adjustments = new Memo<Adjustment>();
  const likely = new Memo<Percentiles>();
  const likelyExact = new Memo<{ p10: Exact; p50: Exact; p90: Exact }>();
  const areaCombinations = new Memo<AreaCombination>();
  const packages = new Memo<ResolvedPackage>();
  const notes = new Memo<readonly Note[]>();
  const exacts = new WeakMap<Figure, Exact>();
  const bands = new WeakMap<Levels<Decimal>, Levels<Exact>>();
  const texts = new WeakMap<object, string>();
  const sourceLists = new Memo<Source[]>();
  const evidence = new Memo<Evidence | null>();
  const inBaseline = (country: CountryModel): boolean => country.code === catalog.baselineCountry;
  const seedBand = (t: TreatmentModel): Levels<Decimal> => ({ low: t.pricePerSessionUsd.low.value, typical: t.pricePerSessionUsd.typical.value, high: t.pricePerSessionUsd.high.value });
  const seedBands = new Map([...catalog.treatments.values()].map((t) => [t.id, seedBand(t)]));
  const baseBand = (t: TreatmentModel, country: CountryModel): Levels<Decimal> => (inBaseline(country) ? seedBands.get(t.id)! : t.marketPerSessionUsd);
  const exactOf = (figure: Figure): Exact => {
    let value = exacts.get(figure);
    if (value === undefined) {
      value = exact(figure.value);
      exacts.set(figure, value);
    }
    return value;
  };
  const exactPercentiles = (p: Percentiles): { p10: Exact; p50: Exact; p90: Exact } => ({ p10: exact(p.p10), p50: exact(p.p50), p90: exact(p.p90) });
  const share = exact(catalog.additionalAreaShare.value);

  return {
    exact: exactOf,
    currency: (c) =>
      currencies.at1(c, () => ({ code: c.code, name: c.name, minorUnits: c.minorUnits, usdRate: formatFactor(c.usdRate.value), rateYear: c.usdRate.year })),
    baseBand,
    bandExact: (t, country) => {
      const band = baseBand(t, country);
      let value = bands.get(band);
      if (value === undefined) {
        value = mapBand(band, exact);
        bands.set(band, value);
      }
      return value;
    },
    area: (t, areas) =>
      areaCombinations.at2(t, areaMask(t, areas), () => {
        const ratios = areas.map((a) => ({ area: a, ratio: t.areaRatios.get(a.id)! }));
        const sorted = ratios.map((r) => exactOf(r.ratio)).sort((a, b) => compare(b, a));
        const factor = sorted.slice(1).reduce((sum, r) => plus(sum, times(share, r)), sorted[0]!);
        const reference = catalog.areas.get(t.referenceArea)!;
        const names = areas.map((a) => a.name.toLowerCase()).join(' + ');
        const relative = ratios.map((r) => `${r.area.name.toLowerCase()} ${formatFactor(r.ratio.value)}`).join(', ');
        const several = areas.length > 1;
        // A ratio is the area's own factor when the reference is the scale's anchor (factor 1); otherwise it is rounded (areaRatios).
        const divided = !reference.factor.value.eq(1);
        return {
          ids: areas.map((a) => a.id),
          factor,
          adjustment: {
            kind: 'area',
            id: areas.map((a) => a.id).join(','),
            description: several
              ? `${names} in one session, each against the ${reference.name.toLowerCase()} (${relative}): the dearest area in full, each other at ${formatFactor(catalog.additionalAreaShare.value)} of its price`
              : `${names}, against the ${reference.name.toLowerCase()}`,
            factor: formatExact(factor),
            sources: [
              ...new Set([
                ...areas.map((a) => a.factor.source),
                reference.factor.source,
                ...(divided ? [catalog.market.areaRatiosSource] : []),
                ...(several ? [catalog.additionalAreaShare.source] : []),
              ]),
            ],
          },
        };
      }),
    baseAdjustment: (t, country) =>
      adjustments.at3('base', t, inBaseline(country), () => {
        const reference = catalog.areas.get(t.referenceArea)!;
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
      adjustments.at2(kind, tier, () => ({
        kind,
        id: tier.id,
        description: kind === 'practitioner' ? `${tier.name} practitioner` : `${tier.name} clinic location`,
        factor: formatFactor(tier.factor.value),
        sources: [tier.factor.source],
      })),
    priceLevelAdjustment: (country) =>
      adjustments.at2('price-level', country, () => {
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
      adjustments.at2('currency', c, () => ({
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
      adjustments.at2('sessions', t, () => ({
        kind: 'sessions',
        description: `Course of ${t.sessions.min} (low), ${t.sessions.typical} (typical) and ${t.sessions.max} (high) sessions`,
        counts: { low: t.sessions.min, typical: t.sessions.typical, high: t.sessions.max },
        sources: t.sessions.sources,
      })),
    fixedSessionsAdjustment: (t, n) =>
      adjustments.at3('sessions', t, n, () => ({
        kind: 'sessions',
        description: `${n} sessions, as requested, at every level`,
        counts: { low: n, typical: n, high: n },
        sources: t.sessions.sources,
      })),
    resolvedPackage: (pkg) => (pkg.kind === 'none' ? NO_PACKAGE : packages.at3(pkg.kind, packageFigure(pkg), pkg.kind === 'buy-n-get-m' ? pkg.free : 0, () => resolvedPackage(pkg))),
    likelyUsd,
    likelyExact: (t, country, fixedSessions, pkg) =>
      likelyExact.at5(t, inBaseline(country), fixedSessions, packageFigure(pkg), pkg.kind === 'buy-n-get-m' ? pkg.free : pkg.kind, () => exactPercentiles(likelyUsd(t, country, fixedSessions, pkg))),
    perSessionLikelyExact: (t, country) => likelyExact.at3('per-session', t, inBaseline(country), () => exactPercentiles(perSessionLikely(baseBand(t, country)))),
    notes: (t, country, currency, fixedSessions) =>
      notes.at4(t, country, currency, fixedSessions, () =>
        estimateNotes({
          treatment: t,
          country,
          baselineCountry: catalog.baselineCountry,
          currency: currency.code,
          fixedSessions,
          evidence: evidenceOf(country, t, currency),
          market,
        }),
      ),
    evidence: evidenceOf,
    sources: (lists, key) => {
      const list = (): Source[] => {
        // A plain loop over ~15 ids beats flatMap + Set.
        const ids: string[] = [];
        for (const items of lists) for (const item of items) for (const id of item.sources) if (!ids.includes(id)) ids.push(id);
        return ids.map((id) => {
          const source = catalog.sources.get(id);
          if (!source) throw new Error(`catalog invariant: source '${id}' missing`);
          return source;
        });
      };
      return key === undefined ? list() : sourceLists.at5(key[0], key[1], key[2], key[3], key[4], list);
    },
    json: (value) => {
      let text = texts.get(value);
      if (text === undefined) {
        text = JSON.stringify(value);
        texts.set(value, text);
      }
      return text;
    },
  };

  function likelyUsd(t: TreatmentModel, country: CountryModel, fixedSessions: number | undefined, pkg: PackageSpec): Percentiles {
    return likely.at5(t, inBaseline(country), fixedSessions, packageFigure(pkg), pkg.kind === 'buy-n-get-m' ? pkg.free : pkg.kind, () => baselineLikely(t, baseBand(t, country), fixedSessions, pkg));
  }

  function evidenceOf(country: CountryModel, t: TreatmentModel, currency: CurrencyModel): Evidence | null {
    return evidence.at3(country, t, currency, () => {
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
      });
  }
}

/** The package as priced, every figure filled in. */
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

function mapBand<T>(band: Levels<Decimal>, f: (v: Decimal) => T): Levels<T> {
  return { low: f(band.low), typical: f(band.typical), high: f(band.high) };
}

/**
 * With the kind, the figure that tells packages apart as a memo key: the percent as text (a
 * Decimal is a new object per request), the number bought; the kind itself for none.
 */
function packageFigure(pkg: PackageSpec): unknown {
  switch (pkg.kind) {
    case 'none':
      return 'none';
    case 'prepaid-course':
    case 'new-patient':
      return `${pkg.kind}:${pkg.discountPercent.toString()}`;
    case 'buy-n-get-m':
      return pkg.buy;
  }
}

const NO_PACKAGE: ResolvedPackage = { kind: 'none' };

/** The areas as a bit mask of their places in the treatment's allowed areas. */
function areaMask(t: TreatmentModel, areas: readonly AreaModel[]): number {
  let mask = 0;
  for (const a of areas) mask |= 1 << t.allowedAreas.indexOf(a.id);
  return mask;
}

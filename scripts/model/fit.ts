// The market model: how a session's price moves away from the seeds' US baseline, fitted to the
// published prices of scripts/model/observations.ts. docs/accuracy.md explains it for an analyst;
// this file is the method, step by step.
//
// For a published per-session price p (in its own currency, converted to USD at the engine's own
// rate), treatment t, country c, areas A, tiers and kind of price:
//
//   ln(p / (T_t · A)) = level[g(t)] + β · ln(PLI_c) + Σ tier effects + Σ area effects
//                       + Σ price-kind effects + ε
//
//   T_t    the seeds' typical US price of the treatment (the offset: the US baseline stays the seeds')
//   A      the combined area factor of the row's areas from the factors the fit does not estimate
//   level  one per group of treatments (face, body, hair, therapeutic): what outside the US costs
//          against the seeds' US price once the price level is accounted for
//   PLI_c  the World Bank GDP price level, US = 1; β the pass-through exponent
//   tiers  non-physician (salons included) and major metro, against physician and national average
//          (a clinic that does not say who treats counts as physician, the product's default)
//   kinds  "from" prices and per-session prices inside a package: nuisance terms, zero when pricing
//
// solved by ordinary least squares. The band: low and high are the typical price times the 5th and
// 95th percentiles of exp(ε) left out country by country (so the spread includes how wrong the
// model is for a country it has not seen). Every figure is rounded to a short decimal before use.
import { Decimal } from 'decimal.js';
import type { CityTierId, PractitionerId } from '../../src/data/schema.js';
import type { Observation } from './observations.js';
import { median, ols, quantile } from './ols.js';

/** The groups of treatments that share a market level. */
export type TreatmentGroup = 'face' | 'body' | 'hair' | 'therapeutic';

export interface ModelInputs {
  readonly observations: readonly Observation[];
  /** GDP price level, US = 1. */
  readonly priceLevels: ReadonlyMap<string, Decimal>;
  /** Units per USD at the engine's own rate. */
  readonly usdRates: ReadonlyMap<string, Decimal>;
  readonly treatments: ReadonlyMap<string, { readonly typicalUsd: Decimal; readonly group: TreatmentGroup; readonly referenceArea: string }>;
  /** Area factors relative to the face, as the data files hold them. */
  readonly areaFactors: ReadonlyMap<string, Decimal>;
  readonly additionalAreaShare: Decimal;
  readonly practitionerFactors: ReadonlyMap<PractitionerId, Decimal>;
  readonly cityTierFactors: ReadonlyMap<CityTierId, Decimal>;
  readonly baselineCountry: string;
}

/** What the fit estimates, by name; everything else enters as a known factor. */
export const FITTED_PRACTITIONERS: readonly PractitionerId[] = ['non-physician'];
export const FITTED_CITY_TIERS: readonly CityTierId[] = ['major-metro'];
export const FITTED_AREAS: readonly string[] = ['under-eye'];
/** A tier, city tier or area is fitted only when at least this many distinct sources carry it. */
export const MIN_SOURCES = 5;
/** The band holds the middle 90% of the left-out residuals. */
export const BAND_QUANTILES = { low: 0.05, high: 0.95 } as const;
/** Factors are published to 2 decimals; a country's price-level factor to 4. */
export const FACTOR_DECIMALS = 2;
export const COUNTRY_FACTOR_DECIMALS = 4;

export interface Coefficient {
  readonly name: string;
  readonly estimate: number;
  readonly standardError: number;
  /** Distinct sources among the observations that carry it (its column is non-zero). */
  readonly sources: number;
  readonly observations: number;
}

/** The fitted figures, rounded as published. */
export interface FittedFactors {
  readonly priceLevelExponent: Decimal;
  readonly levels: ReadonlyMap<TreatmentGroup, Decimal>;
  readonly practitioners: ReadonlyMap<PractitionerId, Decimal>;
  readonly cityTiers: ReadonlyMap<CityTierId, Decimal>;
  readonly areas: ReadonlyMap<string, Decimal>;
  readonly band: { readonly low: Decimal; readonly high: Decimal };
}

export interface Fit {
  readonly coefficients: readonly Coefficient[];
  readonly residualStandardError: number;
  readonly factors: FittedFactors;
  /** Groups with no observation take the observation-weighted mean of the others' levels. */
  readonly pooledGroups: readonly TreatmentGroup[];
}

const GROUP_OF_LEVEL = (name: string): TreatmentGroup => name.slice('level:'.length) as TreatmentGroup;

/**
 * The tier an observation is fitted and scored at: the one it states; otherwise a salon's is
 * non-physician and a clinic's physician, the product's default (a clinic that does not say who
 * treats is most often doctor-led, and pricing it as the default tier is what a patient who does
 * not choose a tier is shown).
 */
export function likelyPractitioner(o: Observation): PractitionerId {
  return o.practitioner ?? (o.venue === 'salon' ? 'non-physician' : 'physician');
}

/** Per-session price in USD at the engine's rate. */
export function observedUsd(o: Observation, inputs: ModelInputs): number {
  const rate = inputs.usdRates.get(o.currency);
  if (!rate) throw new Error(`no USD rate for ${o.currency} (${o.id})`);
  return new Decimal(o.perSession).div(rate).toNumber();
}

/** The areas an observation is priced on: its own, or its treatment's reference area. */
export function observationAreas(o: Observation, inputs: ModelInputs): readonly string[] {
  return o.areas.length > 0 ? o.areas : [treatmentOf(o, inputs).referenceArea];
}

function treatmentOf(o: Observation, inputs: ModelInputs): { typicalUsd: Decimal; group: TreatmentGroup; referenceArea: string } {
  const t = inputs.treatments.get(o.treatment);
  if (!t) throw new Error(`unknown treatment ${o.treatment} (${o.id})`);
  return t;
}

/**
 * The engine's combined area factor (src/domain/areas.ts), relative to the reference area:
 * the dearest area in full, each other at `share` of its price.
 */
/**
 * An area's price against the treatment's reference area is published to this many decimals
 * (data/market-model.json, areaRatios; source assumption-area-ratio-digits), and the fit uses the
 * published ratio, so that its bands are the engine's.
 */
export const AREA_RATIO_DIGITS = 4;

/** factor(area) / factor(reference), rounded half-up to AREA_RATIO_DIGITS decimals. */
export function areaRatio(area: Decimal, reference: Decimal): Decimal {
  return area.div(reference).toDecimalPlaces(AREA_RATIO_DIGITS, Decimal.ROUND_HALF_UP);
}

export function combinedArea(areas: readonly string[], reference: string, factors: ReadonlyMap<string, Decimal>, share: Decimal): Decimal {
  const f = (id: string): Decimal => {
    const v = factors.get(id);
    if (!v) throw new Error(`no factor for area ${id}`);
    return v;
  };
  const relative = areas.map((id) => areaRatio(f(id), f(reference))).sort((a, b) => b.comparedTo(a));
  return relative.slice(1).reduce((sum, r) => sum.plus(share.times(r)), relative[0]!);
}

interface Column {
  readonly name: string;
  readonly value: (o: Observation) => number;
}

/** The columns of X for these observations: only groups, tiers and kinds some observation carries. */
function columns(observations: readonly Observation[], inputs: ModelInputs): Column[] {
  const cols: Column[] = [{ name: 'ln-price-level', value: (o) => Math.log(inputs.priceLevels.get(o.country)!.toNumber()) }];
  const groups = new Set(observations.map((o) => treatmentOf(o, inputs).group));
  for (const g of ['face', 'body', 'hair', 'therapeutic'] as const) {
    if (groups.has(g)) cols.push({ name: `level:${g}`, value: (o) => (treatmentOf(o, inputs).group === g ? 1 : 0) });
  }
  for (const p of FITTED_PRACTITIONERS) cols.push({ name: `practitioner:${p}`, value: (o) => (likelyPractitioner(o) === p ? 1 : 0) });
  for (const c of FITTED_CITY_TIERS) cols.push({ name: `city-tier:${c}`, value: (o) => (o.cityTier === c ? 1 : 0) });
  for (const a of FITTED_AREAS) cols.push({ name: `area:${a}`, value: (o) => (o.areas.length === 1 && o.areas[0] === a ? 1 : 0) });
  cols.push({ name: 'price:from', value: (o) => (o.kinds.includes('from') ? 1 : 0) });
  cols.push({ name: 'price:package', value: (o) => (o.kinds.includes('package') ? 1 : 0) });
  return cols.filter((c) => c.name === 'ln-price-level' || observations.some((o) => c.value(o) !== 0));
}

/**
 * ln of the known part of an observation's price: the seeds' typical × the area factor of the
 * areas the fit does not estimate (a fitted area alone contributes 1, its effect is a column) ×
 * the factors of the tiers the fit does not estimate (specialist, town).
 */
function offset(o: Observation, inputs: ModelInputs): number {
  const t = treatmentOf(o, inputs);
  const areas = observationAreas(o, inputs);
  const fittedAlone = areas.length === 1 && FITTED_AREAS.includes(areas[0]!);
  const area = fittedAlone ? new Decimal(1) : combinedArea(areas, t.referenceArea, inputs.areaFactors, inputs.additionalAreaShare);
  const practitioner = likelyPractitioner(o);
  const tier = FITTED_PRACTITIONERS.includes(practitioner) ? new Decimal(1) : inputs.practitionerFactors.get(practitioner)!;
  const city = FITTED_CITY_TIERS.includes(o.cityTier) ? new Decimal(1) : inputs.cityTierFactors.get(o.cityTier)!;
  return Math.log(t.typicalUsd.times(area).times(tier).times(city).toNumber());
}

const round = (x: number, places: number): Decimal => new Decimal(x).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);

/** Fits the model on these observations (none may be in the baseline country: it is the seeds'). */
export function fit(observations: readonly Observation[], inputs: ModelInputs): Fit {
  if (observations.some((o) => o.country === inputs.baselineCountry)) throw new Error('the baseline country is priced by the seeds, not fitted');
  const cols = columns(observations, inputs);
  const x = observations.map((o) => cols.map((c) => c.value(o)));
  const y = observations.map((o) => Math.log(observedUsd(o, inputs)) - offset(o, inputs));
  const result = ols(x, y);
  const coefficients: Coefficient[] = cols.map((c, j) => {
    const carrying = observations.filter((o) => c.value(o) !== 0);
    return {
      name: c.name,
      estimate: result.coefficients[j]!,
      standardError: result.standardErrors[j]!,
      sources: new Set(carrying.map((o) => `${o.country}|${o.city}|${o.address}`)).size,
      observations: carrying.length,
    };
  });
  const coef = (name: string): Coefficient | undefined => coefficients.find((c) => c.name === name);
  const factor = (name: string): Decimal => round(Math.exp(coef(name)!.estimate), FACTOR_DECIMALS);

  // Levels: the fitted groups; the others pool the fitted ones, weighted by observations.
  const fittedLevels = coefficients.filter((c) => c.name.startsWith('level:'));
  const pooled = fittedLevels.reduce((s, c) => s + c.estimate * c.observations, 0) / fittedLevels.reduce((s, c) => s + c.observations, 0);
  const levels = new Map<TreatmentGroup, Decimal>();
  const pooledGroups: TreatmentGroup[] = [];
  for (const g of ['face', 'body', 'hair', 'therapeutic'] as const) {
    const c = coef(`level:${g}`);
    if (!c) pooledGroups.push(g);
    levels.set(g, round(Math.exp(c ? c.estimate : pooled), FACTOR_DECIMALS));
  }
  const fitted = <K extends string>(ids: readonly K[], kind: string): Map<K, Decimal> => new Map(ids.filter((id) => coef(`${kind}:${id}`)).map((id) => [id, factor(`${kind}:${id}`)]));
  const factors: Omit<FittedFactors, 'band'> = {
    priceLevelExponent: round(coef('ln-price-level')!.estimate, FACTOR_DECIMALS),
    levels,
    practitioners: fitted(FITTED_PRACTITIONERS, 'practitioner'),
    cityTiers: fitted(FITTED_CITY_TIERS, 'city-tier'),
    areas: fitted(FITTED_AREAS, 'area'),
  };
  return { coefficients, residualStandardError: result.residualStandardError, factors: { ...factors, band: { low: new Decimal(1), high: new Decimal(1) } }, pooledGroups };
}

/** A model ready to price: fitted factors (with its band) and the inputs' known factors. */
export interface PricingModel {
  readonly factors: FittedFactors;
  readonly inputs: ModelInputs;
}

/** A country's price-level factor as published: PLI^β to COUNTRY_FACTOR_DECIMALS, half-up. */
export function countryFactor(pli: Decimal, exponent: Decimal): Decimal {
  return pli.pow(exponent).toDecimalPlaces(COUNTRY_FACTOR_DECIMALS, Decimal.ROUND_HALF_UP);
}

/**
 * The model's per-session band in the observation's own currency, at a practitioner tier, with
 * the same published figures and formula the engine uses (no rounding to minor units here):
 *   typical = T_t × level[g] × PLI^β × area × practitioner × city × rate;   low/high = typical × band
 * The baseline country is priced by the seeds' band instead (no level, band or exponent).
 */
export function predictBand(o: Observation, practitioner: PractitionerId, model: PricingModel, seedBand?: { low: Decimal; high: Decimal }): { low: Decimal; typical: Decimal; high: Decimal } {
  const { inputs, factors } = model;
  const t = treatmentOf(o, inputs);
  const areaFactors = new Map(inputs.areaFactors);
  for (const [id, f] of factors.areas) areaFactors.set(id, f.times(areaFactors.get(t.referenceArea)!));
  const area = combinedArea(observationAreas(o, inputs), t.referenceArea, areaFactors, inputs.additionalAreaShare);
  const tier = factors.practitioners.get(practitioner) ?? inputs.practitionerFactors.get(practitioner)!;
  const city = factors.cityTiers.get(o.cityTier) ?? inputs.cityTierFactors.get(o.cityTier)!;
  const rate = inputs.usdRates.get(o.currency)!;
  const common = area.times(tier).times(city).times(rate);
  if (o.country === inputs.baselineCountry) {
    if (!seedBand) throw new Error('the baseline country needs the seeds band');
    return { low: seedBand.low.times(common), typical: t.typicalUsd.times(common), high: seedBand.high.times(common) };
  }
  const typical = t.typicalUsd.times(factors.levels.get(t.group)!).times(countryFactor(inputs.priceLevels.get(o.country)!, factors.priceLevelExponent)).times(common);
  return { low: typical.times(factors.band.low), typical, high: typical.times(factors.band.high) };
}

/** ln(published / typical) at the observation's most likely tier, for each observation of a held-out country. */
function heldOutResiduals(observations: readonly Observation[], inputs: ModelInputs): Array<{ o: Observation; residual: number; model: PricingModel }> {
  const out: Array<{ o: Observation; residual: number; model: PricingModel }> = [];
  for (const country of [...new Set(observations.map((o) => o.country))].sort()) {
    const f = fit(
      observations.filter((o) => o.country !== country),
      inputs,
    );
    const model = { factors: f.factors, inputs };
    for (const o of observations.filter((p) => p.country === country)) {
      const typical = predictBand(o, likelyPractitioner(o), model).typical;
      out.push({ o, residual: Math.log(new Decimal(o.perSession).div(typical).toNumber()), model });
    }
  }
  return out;
}

/** The band's multipliers from left-out residuals: exp of their 5th and 95th percentiles. */
function bandOf(residuals: readonly number[]): { low: Decimal; high: Decimal } {
  return {
    low: round(Math.exp(quantile(residuals, BAND_QUANTILES.low)), FACTOR_DECIMALS),
    high: round(Math.exp(quantile(residuals, BAND_QUANTILES.high)), FACTOR_DECIMALS),
  };
}

/** The model fitted on every observation, with its band from the left-out residuals. */
export function fitModel(observations: readonly Observation[], inputs: ModelInputs): Fit & { readonly heldOut: readonly number[] } {
  const f = fit(observations, inputs);
  const heldOut = heldOutResiduals(observations, inputs).map((r) => r.residual);
  return { ...f, factors: { ...f.factors, band: bandOf(heldOut) }, heldOut };
}

// ---- Validation ----------------------------------------------------------------------------

export interface Scored {
  readonly observation: Observation;
  readonly tier: PractitionerId;
  readonly low: Decimal;
  readonly typical: Decimal;
  readonly high: Decimal;
  readonly inside: boolean;
  /** Inside the band of any practitioner tier (for a row that states none; equals `inside` otherwise). */
  readonly insideAnyTier: boolean;
  /** Inside the likely range: p10 to p90 of the price distribution the engine uses (likely.ts). */
  readonly insideLikely: boolean;
  /** ln(published / typical). */
  readonly residual: number;
}

export interface Validation {
  readonly observations: number;
  readonly inside: number;
  readonly insideAnyTier: number;
  readonly insideLikely: number;
  readonly below: number;
  readonly above: number;
  /** high / low of the band at one tier, median over the observations. */
  readonly medianWidth: Decimal;
  /** Coverage of a band of each width, centred where the fitted band is (in logs). */
  readonly curve: ReadonlyArray<{ readonly width: number; readonly inside: number; readonly insideAnyTier: number }>;
  readonly scored: readonly Scored[];
}

export const CURVE_WIDTHS = [3, 4, 5, 6] as const;
const PRACTITIONERS: readonly PractitionerId[] = ['non-physician', 'physician', 'specialist'];

/**
 * The per-session likely range, p10 to p90 of the engine's price distribution (likely.ts): half
 * the prices spread evenly from low to typical, half from typical to high, so
 *   p10 = low + 0.2 (typical − low);  p90 = typical + 0.8 (high − typical).
 */
export function likelyPerSession(band: { low: Decimal; typical: Decimal; high: Decimal }): { p10: Decimal; p90: Decimal } {
  return { p10: band.low.plus(band.typical.minus(band.low).times('0.2')), p90: band.typical.plus(band.high.minus(band.typical).times('0.8')) };
}

function score(o: Observation, model: PricingModel, seedBands?: ReadonlyMap<string, { low: Decimal; high: Decimal }>): Scored {
  const tier = likelyPractitioner(o);
  const seed = seedBands?.get(o.treatment);
  const band = predictBand(o, tier, model, seed);
  const price = new Decimal(o.perSession);
  const within = (b: { low: Decimal; high: Decimal }): boolean => price.gte(b.low) && price.lte(b.high);
  const inside = within(band);
  const stated = o.practitioner !== null || o.venue === 'salon';
  const insideAnyTier = inside || (!stated && PRACTITIONERS.some((p) => within(predictBand(o, p, model, seed))));
  const likely = likelyPerSession(band);
  return {
    observation: o,
    tier,
    ...band,
    inside,
    insideAnyTier,
    insideLikely: price.gte(likely.p10) && price.lte(likely.p90),
    residual: Math.log(price.div(band.typical).toNumber()),
  };
}

function summarise(scored: readonly Scored[], curveOf: (s: Scored, width: number) => { inside: boolean; any: boolean }): Validation {
  const count = (f: (s: Scored) => boolean): number => scored.filter(f).length;
  const widths = scored.map((s) => s.high.div(s.low).toNumber());
  return {
    observations: scored.length,
    inside: count((s) => s.inside),
    insideAnyTier: count((s) => s.insideAnyTier),
    insideLikely: count((s) => s.insideLikely),
    below: count((s) => new Decimal(s.observation.perSession).lt(s.low)),
    above: count((s) => new Decimal(s.observation.perSession).gt(s.high)),
    medianWidth: round(median(widths), 2),
    curve: CURVE_WIDTHS.map((width) => ({
      width,
      inside: scored.filter((s) => curveOf(s, width).inside).length,
      insideAnyTier: scored.filter((s) => curveOf(s, width).any).length,
    })),
    scored,
  };
}

/** A band of `width` centred (in logs) where [low, high] is centred, around each tier's typical. */
function curveCheck(s: Scored, width: number, model: PricingModel): { inside: boolean; any: boolean } {
  const centre = (Math.log(model.factors.band.low.toNumber()) + Math.log(model.factors.band.high.toNumber())) / 2;
  const half = Math.log(width) / 2;
  const o = s.observation;
  const within = (tier: PractitionerId): boolean => {
    const r = Math.log(new Decimal(o.perSession).div(predictBand(o, tier, model).typical).toNumber()) - centre;
    return r >= -half && r <= half;
  };
  const inside = within(s.tier);
  const stated = o.practitioner !== null || o.venue === 'salon';
  return { inside, any: inside || (!stated && PRACTITIONERS.some(within)) };
}

/** How the model fitted on every observation covers them (in-sample). */
export function validateInSample(observations: readonly Observation[], model: PricingModel): Validation {
  return summarise(
    observations.map((o) => score(o, model)),
    (s, w) => curveCheck(s, w, model),
  );
}

/**
 * Leave one country out, nested: for each country, the whole procedure (fit, then the band from
 * the other countries' own left-out residuals) runs without it, and its prices are scored
 * against the result. Nothing about a country, not even the band's width, is set with its prices.
 */
export function crossValidate(observations: readonly Observation[], inputs: ModelInputs): Validation {
  const scored: Scored[] = [];
  const modelOf = new Map<Scored, PricingModel>();
  for (const country of [...new Set(observations.map((o) => o.country))].sort()) {
    const training = observations.filter((o) => o.country !== country);
    const f = fitModel(training, inputs);
    const model: PricingModel = { factors: f.factors, inputs };
    for (const o of observations.filter((p) => p.country === country)) {
      const s = score(o, model);
      scored.push(s);
      modelOf.set(s, model);
    }
  }
  return summarise(scored, (s, w) => curveCheck(s, w, modelOf.get(s)!));
}

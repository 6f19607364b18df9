// npm run data:model: fits the market model (scripts/model/fit.ts) to the published prices in
// data/reference/ and writes what it finds into data/:
//   data/observations.json   every published price, mapped, or excluded with its reason
//   data/market-model.json   the fitted figures, the per-country factors and the fit's validation
//   data/tiers.json, data/areas.json   the factors of the tiers and areas the fit estimates
// A test rebuilds all four in memory and requires the committed files to equal them.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Decimal } from 'decimal.js';
import type { z } from 'zod';
import {
  AreasFileSchema,
  CountriesFileSchema,
  CurrenciesFileSchema,
  MarketModelFileSchema,
  ObservationsFileSchema,
  TiersFileSchema,
  TreatmentsFileSchema,
  type CityTierId,
  type PractitionerId,
} from '../src/data/schema.js';
import {
  BAND_QUANTILES,
  countryFactor,
  crossValidate,
  AREA_RATIO_DIGITS,
  areaRatio,
  fitModel,
  FITTED_AREAS,
  FITTED_CITY_TIERS,
  FITTED_PRACTITIONERS,
  MIN_SOURCES,
  validateInSample,
  type Coefficient,
  type FittedFactors,
  type ModelInputs,
  type TreatmentGroup,
  type Validation,
} from './model/fit.js';
import { OBSERVATION_FILES, readObservations, type Observation } from './model/observations.js';

export const GENERATED_BY = 'scripts/fit-model.ts (npm run data:model)';
export const FIT_SOURCE = 'market-model-fit';
const AREA_RATIO_SOURCE = 'assumption-area-ratio-digits';
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

type Areas = z.infer<typeof AreasFileSchema>;
type Tiers = z.infer<typeof TiersFileSchema>;

export interface ModelBuild {
  readonly files: {
    readonly 'observations.json': z.infer<typeof ObservationsFileSchema>;
    readonly 'market-model.json': z.infer<typeof MarketModelFileSchema>;
    readonly 'tiers.json': Tiers;
    readonly 'areas.json': Areas;
  };
  readonly inSample: Validation;
  readonly crossValidated: Validation;
  readonly coefficients: readonly Coefficient[];
  /** The observations fitted on (every one outside the baseline country). */
  readonly observations: readonly Observation[];
  /** The fitted figures and the inputs they were fitted with: what predictBand prices with. */
  readonly factors: FittedFactors;
  readonly inputs: ModelInputs;
}

/** The market group of a treatment: hair, therapeutic, or aesthetic on the face or the body. */
export function treatmentGroup(t: { category: string; referenceArea: string }): TreatmentGroup {
  if (t.category === 'hair') return 'hair';
  if (t.category === 'therapeutic') return 'therapeutic';
  return t.referenceArea === 'face' ? 'face' : 'body';
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const fixed = (x: number, places = 3): string => x.toFixed(places);
const share = (n: number, of: number): string => new Decimal(n).div(of).toDecimalPlaces(3, Decimal.ROUND_HALF_UP).toFixed(3);

/** Fits the model from a data directory (its files and its reference/ folder); writes nothing. */
export function buildModel(dataDir: string): ModelBuild {
  const text = (file: string): string => readFileSync(join(dataDir, file), 'utf8');
  const json = (file: string): unknown => JSON.parse(text(file));
  const treatments = TreatmentsFileSchema.parse(json('treatments.json')).treatments;
  const countries = CountriesFileSchema.parse(json('countries.json')).countries;
  const currencies = CurrenciesFileSchema.parse(json('currencies.json')).currencies;
  const areas = AreasFileSchema.parse(json('areas.json'));
  const tiers = TiersFileSchema.parse(json('tiers.json'));
  const set = readObservations(join(dataDir, 'reference'));
  const baselineCountry = 'US';

  const known: ModelInputs = {
    observations: set.observations,
    priceLevels: new Map(countries.map((c) => [c.code, new Decimal(c.priceLevel.value)])),
    usdRates: new Map(currencies.map((c) => [c.code, new Decimal(c.usdRate.value)])),
    treatments: new Map(treatments.map((t) => [t.id, { typicalUsd: new Decimal(t.pricePerSessionUsd.typical.value), group: treatmentGroup(t), referenceArea: t.referenceArea }])),
    areaFactors: new Map(areas.areas.map((a) => [a.id, new Decimal(a.factor.value)])),
    additionalAreaShare: new Decimal(areas.additionalAreaShare.value),
    practitionerFactors: new Map(tiers.practitioners.map((t) => [t.id, new Decimal(t.factor.value)])),
    cityTierFactors: new Map(tiers.cityTiers.map((t) => [t.id, new Decimal(t.factor.value)])),
    baselineCountry,
  };
  // The baseline country's prices are the seeds'; a published US price is evidence, not fit.
  const unknown = set.observations.filter((o) => !known.priceLevels.has(o.country) || !known.usdRates.has(o.currency));
  if (unknown.length > 0) throw new Error(`observations without a price level or rate: ${unknown.map((o) => o.id).join(', ')}`);
  const fitted = set.observations.filter((o) => o.country !== baselineCountry);

  // A fitted area also appears in rows that combine it with others, where it enters as a known
  // factor: iterate until that factor is the fitted one (a fixed point, whatever the file held).
  let inputs = known;
  let f = fitModel(fitted, inputs);
  for (let pass = 0; FITTED_AREAS.some((a) => !f.factors.areas.get(a)!.times(inputs.areaFactors.get('face')!).eq(inputs.areaFactors.get(a)!)); pass++) {
    if (pass === 10) throw new Error('the fitted area factors do not settle');
    const areaFactors = new Map(inputs.areaFactors);
    for (const a of FITTED_AREAS) areaFactors.set(a, f.factors.areas.get(a)!.times(inputs.areaFactors.get('face')!));
    inputs = { ...inputs, areaFactors };
    f = fitModel(fitted, inputs);
  }
  const coef = (name: string): Coefficient => {
    const c = f.coefficients.find((x) => x.name === name);
    if (!c) throw new Error(`the fit has no coefficient '${name}'`);
    return c;
  };
  for (const name of [...FITTED_PRACTITIONERS.map((p) => `practitioner:${p}`), ...FITTED_CITY_TIERS.map((c) => `city-tier:${c}`), ...FITTED_AREAS.map((a) => `area:${a}`)]) {
    const c = coef(name);
    if (c.sources < MIN_SOURCES) throw new Error(`${name} is carried by ${c.sources} sources, fewer than the ${MIN_SOURCES} the fit requires: keep it as a known factor instead`);
  }
  const model = { factors: f.factors, inputs };
  const inSample = validateInSample(fitted, model);
  const crossValidated = crossValidate(fitted, inputs);
  const estimateNote = (c: Coefficient, what: string): string =>
    `${what}: exp(${fixed(c.estimate)}) = ${fixed(Math.exp(c.estimate))}, standard error ${fixed(c.standardError)} in logs, from ${c.observations} published prices of ${c.sources} sources; npm run data:model`;
  const figure = (value: Decimal, note: string): { value: string; source: string; note: string } => ({ value: value.toString(), source: FIT_SOURCE, note });

  // The tiers and areas the fit estimates, written into their own files.
  const practitioners = tiers.practitioners.map((t) =>
    FITTED_PRACTITIONERS.includes(t.id)
      ? { ...t, factor: figure(f.factors.practitioners.get(t.id)!, estimateNote(coef(`practitioner:${t.id}`), `${t.name} against physician, salons included`)) }
      : t,
  );
  const cityTiers = tiers.cityTiers.map((t) =>
    FITTED_CITY_TIERS.includes(t.id) ? { ...t, factor: figure(f.factors.cityTiers.get(t.id)!, estimateNote(coef(`city-tier:${t.id}`), `${t.name} against the national average`)) } : t,
  );
  const areaRecords = areas.areas.map((a) =>
    FITTED_AREAS.includes(a.id) ? { ...a, factor: figure(f.factors.areas.get(a.id)!, estimateNote(coef(`area:${a.id}`), `${a.name} against the face, at the same clinic tier and country`)) } : a,
  );

  const levelNote = (g: TreatmentGroup): string => {
    const members = treatments.filter((t) => treatmentGroup(t) === g).map((t) => t.id).join(', ');
    if (f.pooledGroups.includes(g)) return `no published prices for ${members}: the mean of the fitted groups' levels, weighted by their published prices`;
    return estimateNote(coef(`level:${g}`), `${members} outside the US against the seeds' US price, at the US price level`);
  };
  const validation = (v: Validation): z.infer<typeof MarketModelFileSchema>['validation']['inSample'] => ({
    observations: v.observations,
    inside: v.inside,
    insideAnyTier: v.insideAnyTier,
    insideLikely: v.insideLikely,
    below: v.below,
    above: v.above,
    coverage: share(v.inside, v.observations),
    coverageAnyTier: share(v.insideAnyTier, v.observations),
    likelyCoverage: share(v.insideLikely, v.observations),
    medianWidth: v.medianWidth.toString(),
    curve: v.curve.map((c) => ({ width: c.width, coverage: share(c.inside, v.observations), coverageAnyTier: share(c.insideAnyTier, v.observations) })),
  });
  const years = fitted.map((o) => o.year).filter((y): y is number => y !== null);
  const exponent = f.factors.priceLevelExponent;

  const marketModel = MarketModelFileSchema.parse({
    generatedBy: GENERATED_BY,
    method:
      'Ordinary least squares of ln(published per-session price in USD / (the seeds\' typical US price × the known area and tier factors)) on ln(GDP price level), one level per group of treatments, the non-physician and major-metro tiers, the under-eye area, and "from" and package prices; the band is the typical price times the 5th and 95th percentiles of the residuals left out country by country. docs/accuracy.md explains it.',
    inputs: [
      ...OBSERVATION_FILES.map((file) => ({ file: `data/reference/${file}`, sha256: sha256(text(join('reference', file))) })),
      { file: 'data/countries.json', sha256: sha256(text('countries.json')) },
      { file: 'data/currencies.json', sha256: sha256(text('currencies.json')) },
      { file: 'data/treatments.json', sha256: sha256(text('treatments.json')) },
    ],
    baselineCountry,
    data: {
      observations: fitted.length,
      countries: new Set(fitted.map((o) => o.country)).size,
      excluded: set.excluded.length,
      firstYear: Math.min(...years),
      lastYear: Math.max(...years),
    },
    priceLevelExponent: figure(exponent, estimateNote(coef('ln-price-level'), 'Pass-through exponent β: a price moves as (price level)^β').replace(/exp\(([-0-9.]+)\) = [0-9.]+/, '$1')),
    treatmentLevels: Object.fromEntries((['face', 'body', 'hair', 'therapeutic'] as const).map((g) => [g, figure(f.factors.levels.get(g)!, levelNote(g))])),
    treatmentGroups: Object.fromEntries(treatments.map((t) => [t.id, treatmentGroup(t)])),
    band: {
      low: figure(f.factors.band.low, `the ${BAND_QUANTILES.low * 100}th percentile of exp(residual), residuals left out country by country (${f.heldOut.length} published prices)`),
      high: figure(f.factors.band.high, `the ${BAND_QUANTILES.high * 100}th percentile of exp(residual), residuals left out country by country (${f.heldOut.length} published prices)`),
    },
    countryFactors: {
      source: FIT_SOURCE,
      note: `the country's GDP price level (data/countries.json) to the power ${exponent.toString()}, rounded half-up to 4 decimals; the baseline country is 1`,
      values: Object.fromEntries(countries.map((c) => [c.code, c.code === baselineCountry ? '1' : countryFactor(new Decimal(c.priceLevel.value), exponent).toString()])),
    },
    areaRatios: {
      source: AREA_RATIO_SOURCE,
      note: `factor(area) / factor(the treatment's reference area), from data/areas.json as this fit writes it, rounded half-up to ${AREA_RATIO_DIGITS} decimals`,
      digits: AREA_RATIO_DIGITS,
      values: Object.fromEntries(
        treatments.map((t) => {
          const factorOf = (id: string): Decimal => new Decimal(areaRecords.find((a) => a.id === id)!.factor.value);
          const reference = factorOf(t.referenceArea);
          return [t.id, Object.fromEntries(t.allowedAreas.map((id) => [id, areaRatio(factorOf(id), reference).toString()]))];
        }),
      ),
    },
    coefficients: f.coefficients.map((c) => ({ name: c.name, estimate: fixed(c.estimate, 4), standardError: fixed(c.standardError, 4), observations: c.observations, sources: c.sources })),
    residualStandardError: fixed(f.residualStandardError, 4),
    validation: { inSample: validation(inSample), crossValidated: validation(crossValidated) },
  });

  const observationsFile = ObservationsFileSchema.parse({
    generatedBy: GENERATED_BY,
    inputs: OBSERVATION_FILES.map((file) => ({ file: `data/reference/${file}`, sha256: sha256(text(join('reference', file))) })),
    observations: set.observations.map(observationRecord),
    excluded: set.excluded,
  });
  return {
    files: {
      'observations.json': observationsFile,
      'market-model.json': marketModel,
      'tiers.json': TiersFileSchema.parse({ cityTiers, practitioners }),
      'areas.json': AreasFileSchema.parse({ ...areas, areas: areaRecords }),
    },
    inSample,
    crossValidated,
    coefficients: f.coefficients,
    observations: fitted,
    factors: f.factors,
    inputs,
  };
}

/** An observation as data/observations.json holds it: also a source, served at /v1/sources/{id}. */
function observationRecord(o: Observation): z.infer<typeof ObservationsFileSchema>['observations'][number] {
  const where = [o.city, o.country].filter(Boolean).join(', ');
  const price = o.priceLow === o.priceHigh ? `${o.priceLow} ${o.currency}` : `${o.priceLow}-${o.priceHigh} ${o.currency}`;
  const per = o.unit === 'per_session' ? 'a session' : `${o.sessionsInPackage} sessions`;
  return {
    id: o.id,
    kind: 'observation',
    title: `Published price: ${o.label} (${where}), ${price} for ${per}`,
    file: `data/reference/${OBSERVATION_FILES[o.file - 1]}`,
    lines: [...o.lines],
    country: o.country,
    ...(o.city ? { city: o.city } : {}),
    cityTier: o.cityTier,
    treatment: o.treatment,
    areas: [...o.areas],
    ...(o.practitioner ? { practitioner: o.practitioner } : {}),
    venue: o.venue,
    unit: o.unit,
    ...(o.sessionsInPackage !== null ? { sessionsInPackage: o.sessionsInPackage } : {}),
    currency: o.currency,
    priceLow: o.priceLow,
    priceHigh: o.priceHigh,
    perSession: o.perSession,
    kinds: [...o.kinds],
    ...(o.year !== null ? { year: o.year } : {}),
    address: o.address,
    ...(o.url ? { url: o.url } : {}),
    ...(o.caveat ? { caveat: o.caveat } : {}),
  };
}

/** The text each generated file must have: 2-space JSON and a final newline. */
export function fileText(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

function main(): void {
  const dataDir = join(REPO_ROOT, 'data');
  const build = buildModel(dataDir);
  for (const [name, data] of Object.entries(build.files)) writeFileSync(join(dataDir, name), fileText(data));
  const m = build.files['market-model.json'];
  const cv = m.validation.crossValidated;
  console.log(
    [
      `data/observations.json: ${build.files['observations.json'].observations.length} observations, ${build.files['observations.json'].excluded.length} rows excluded`,
      `data/market-model.json: exponent ${m.priceLevelExponent.value}, band ${m.band.low.value}-${m.band.high.value}, ${Object.keys(m.countryFactors.values).length} country factors`,
      `cross-validated (leave one country out): ${cv.inside}/${cv.observations} inside the band (${cv.coverage}), ${cv.insideLikely} inside the likely range (${cv.likelyCoverage}), median width ${cv.medianWidth}`,
      'npm run calibration prints the whole report.',
    ].join('\n'),
  );
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) main();

export type { CityTierId, PractitionerId };

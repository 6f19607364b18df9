// The shape of every file in data/. One zod schema per file: it validates at start-up and gives
// the TypeScript types the loader and the scripts use. Numbers that are money or factors are
// decimal strings, never JSON numbers, so no value ever passes through binary floating point.
import { z } from 'zod';

export const DecimalStringSchema = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative decimal written as a string, e.g. "450.00"');

export const SourceIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a source id in kebab-case, listed in data/sources.json');

/** A decimal figure and where it comes from. `year` is the data year for reference datasets. */
export const SourcedDecimalSchema = z
  .object({
    value: DecimalStringSchema,
    source: SourceIdSchema,
    year: z.number().int().min(1990).max(2100).optional(),
    note: z.string().min(1).optional(),
  })
  .strict();
export type SourcedDecimal = z.infer<typeof SourcedDecimalSchema>;

/** A whole-number figure (a session count, a number of minor units) and where it comes from. */
export const SourcedIntegerSchema = z
  .object({
    value: z.number().int().nonnegative(),
    source: SourceIdSchema,
    note: z.string().min(1).optional(),
  })
  .strict();
export type SourcedInteger = z.infer<typeof SourcedIntegerSchema>;

const sourceBase = { id: SourceIdSchema, title: z.string().min(1) };

export const CityTierIdSchema = z.enum(['major-metro', 'city', 'town']);
export type CityTierId = z.infer<typeof CityTierIdSchema>;
export const PractitionerIdSchema = z.enum(['non-physician', 'physician', 'specialist']);
export type PractitionerId = z.infer<typeof PractitionerIdSchema>;

/**
 * One published price (data/observations.json, written by npm run data:model from the
 * calibration files): what the market model is fitted on, the evidence an estimate shows, and a
 * source of its own at /v1/sources/{id}.
 */
function ObservationSchema() {
  return z
    .object({
      ...sourceBase,
      kind: z.literal('observation'),
      /** The calibration file and its lines (two when a list and a sale price were merged). */
      file: z.string().min(1),
      lines: z.array(z.number().int().min(2)).min(1),
      country: z.string().regex(/^[A-Z]{2}$/),
      city: z.string().min(1).optional(),
      cityTier: CityTierIdSchema,
      treatment: z.string().regex(/^[a-z][a-z-]*$/),
      /** Empty when the page names no area: the treatment's reference area. */
      areas: z.array(z.string().regex(/^[a-z][a-z-]*$/)),
      practitioner: PractitionerIdSchema.optional(),
      venue: z.enum(['clinic', 'salon']),
      unit: z.enum(['per_session', 'package', 'course']),
      sessionsInPackage: z.number().int().min(1).optional(),
      currency: z.string().regex(/^[A-Z]{3}$/),
      priceLow: DecimalStringSchema,
      priceHigh: DecimalStringSchema,
      /** (low + high) / 2 over the package's sessions, to 2 decimals half-up. */
      perSession: DecimalStringSchema,
      kinds: z.array(z.enum(['from', 'sale', 'package'])),
      year: z.number().int().min(1990).max(2100).optional(),
      /** The page or repository file, as the calibration file names it. */
      address: z.string().min(1),
      url: z.string().url().optional(),
      caveat: z.string().min(1).optional(),
    })
    .strict();
}

export const SourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...sourceBase,
      kind: z.literal('seed'),
      file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'must name a seed article file'),
      section: z.string().min(1),
      quote: z.string().min(1),
    })
    .strict(),
  z
    .object({
      ...sourceBase,
      kind: z.literal('reference'),
      dataset: z.string().min(1),
      file: z.string().min(1),
      edition: z.string().min(1),
      licence: z.string().min(1),
      /** The dataset's public page, where a patient can read it (https only): the source page links it. */
      url: z.string().url().startsWith('https://').optional(),
    })
    .strict(),
  z
    .object({
      ...sourceBase,
      kind: z.literal('assumption'),
      reason: z.string().min(20, 'an assumption must give its reason in a sentence'),
    })
    .strict(),
  z
    .object({
      ...sourceBase,
      kind: z.literal('fit'),
      /** How the figures were estimated, in a sentence or two. */
      method: z.string().min(20),
      /** The command that reproduces them. */
      script: z.string().min(1),
      /** The files it reads. */
      inputs: z.array(z.string().min(1)).min(1),
    })
    .strict(),
  ObservationSchema(),
]);
export type Source = z.infer<typeof SourceSchema>;

export const SourcesFileSchema = z.object({ sources: z.array(SourceSchema).min(1) }).strict();

export const AreaIdSchema = z.string().regex(/^[a-z][a-z-]*$/);
export const TreatmentIdSchema = z.string().regex(/^[a-z][a-z-]*$/);

export const AreaSchema = z
  .object({
    id: AreaIdSchema,
    name: z.string().min(1),
    /** Price of one session on this area relative to the face (face = 1). */
    factor: SourcedDecimalSchema,
    description: z.string().min(1),
  })
  .strict();
export type Area = z.infer<typeof AreaSchema>;

export const AreasFileSchema = z
  .object({
    /** Share of its own factor that each area after the dearest one adds to a session. */
    additionalAreaShare: SourcedDecimalSchema,
    areas: z.array(AreaSchema).min(1),
  })
  .strict();

export const LevelsDecimalSchema = z
  .object({ low: SourcedDecimalSchema, typical: SourcedDecimalSchema, high: SourcedDecimalSchema })
  .strict();

export const SessionRangeSchema = z
  .object({ min: SourcedIntegerSchema, typical: SourcedIntegerSchema, max: SourcedIntegerSchema })
  .strict();

export const TreatmentCategorySchema = z.enum(['aesthetic', 'hair', 'therapeutic']);
export type TreatmentCategory = z.infer<typeof TreatmentCategorySchema>;

export const TreatmentSchema = z
  .object({
    id: TreatmentIdSchema,
    name: z.string().min(1),
    category: TreatmentCategorySchema,
    description: z.string().min(1),
    /** Per-session price in USD at the baseline (US, national average city, physician, reference area). */
    pricePerSessionUsd: LevelsDecimalSchema,
    sessions: SessionRangeSchema,
    referenceArea: AreaIdSchema,
    allowedAreas: z.array(AreaIdSchema).min(1),
    /** Weeks between two sessions of the course. */
    spacingWeeks: z.object({ min: SourcedIntegerSchema, max: SourcedIntegerSchema }).strict(),
    maintenance: z
      .object({
        /** Months the result lasts before a top-up is usually needed. */
        resultsLastMonths: z.object({ min: SourcedIntegerSchema, max: SourcedIntegerSchema }).strict(),
        sessionsPerYear: SourcedIntegerSchema,
      })
      .strict(),
    /** The article's own course total, when it gives one: the calibration target. */
    articleCourseTotalUsd: SourcedDecimalSchema.optional(),
  })
  .strict();
export type Treatment = z.infer<typeof TreatmentSchema>;

export const TreatmentsFileSchema = z.object({ treatments: z.array(TreatmentSchema).min(1) }).strict();

export const TierSchema = z
  .object({ id: z.string().regex(/^[a-z][a-z-]*$/), name: z.string().min(1), description: z.string().min(1), factor: SourcedDecimalSchema })
  .strict();
export type Tier = z.infer<typeof TierSchema>;

export const TiersFileSchema = z
  .object({
    cityTiers: z.array(TierSchema.extend({ id: CityTierIdSchema })).length(3),
    practitioners: z.array(TierSchema.extend({ id: PractitionerIdSchema })).length(3),
  })
  .strict();

export type ObservationRecord = Extract<Source, { kind: 'observation' }>;

export const ObservationsFileSchema = z
  .object({
    generatedBy: z.string().min(1),
    inputs: z.array(z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict()).min(1),
    observations: z.array(ObservationSchema()),
    excluded: z.array(
      z.object({ file: z.union([z.literal(1), z.literal(2)]), line: z.number().int().min(2), country: z.string(), label: z.string(), reason: z.string().min(1) }).strict(),
    ),
  })
  .strict();

const ShareSchema = z.string().regex(/^[01]\.\d{3}$/, 'must be a share with 3 decimals, e.g. "0.897"');
const ValidationSchema = z
  .object({
    observations: z.number().int().min(0),
    inside: z.number().int().min(0),
    insideAnyTier: z.number().int().min(0),
    insideLikely: z.number().int().min(0),
    below: z.number().int().min(0),
    above: z.number().int().min(0),
    coverage: ShareSchema,
    coverageAnyTier: ShareSchema,
    likelyCoverage: ShareSchema,
    medianWidth: DecimalStringSchema,
    curve: z.array(z.object({ width: z.number().int().min(1), coverage: ShareSchema, coverageAnyTier: ShareSchema }).strict()),
  })
  .strict();

export const TreatmentGroupSchema = z.enum(['face', 'body', 'hair', 'therapeutic']);
export type TreatmentGroupId = z.infer<typeof TreatmentGroupSchema>;

/**
 * data/market-model.json, written by npm run data:model: how a price moves away from the seeds'
 * US baseline outside the baseline country, fitted to published prices, and how well it fits.
 */
export const MarketModelFileSchema = z
  .object({
    generatedBy: z.string().min(1),
    method: z.string().min(20),
    inputs: z.array(z.object({ file: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict()).min(1),
    /** The country the seeds price; the model moves prices everywhere else. */
    baselineCountry: z.string().regex(/^[A-Z]{2}$/),
    data: z
      .object({
        observations: z.number().int().min(1),
        countries: z.number().int().min(1),
        excluded: z.number().int().min(0),
        firstYear: z.number().int(),
        lastYear: z.number().int(),
      })
      .strict(),
    /** β: a country's factor is (GDP price level)^β. */
    priceLevelExponent: SourcedDecimalSchema,
    /** Price outside the baseline country against the seeds' price there, per group of treatments. */
    treatmentLevels: z.record(TreatmentGroupSchema, SourcedDecimalSchema),
    treatmentGroups: z.record(z.string(), TreatmentGroupSchema),
    /** low and high per-session prices as multiples of the typical one. */
    band: z.object({ low: SourcedDecimalSchema, high: SourcedDecimalSchema }).strict(),
    countryFactors: z.object({ source: SourceIdSchema, note: z.string().min(1), values: z.record(z.string().regex(/^[A-Z]{2}$/), DecimalStringSchema) }).strict(),
    /**
     * Per treatment, each allowed area's price against the treatment's reference area:
     * factor(area) / factor(reference), rounded half-up to `digits` decimals, so that every factor
     * the engine multiplies by is a finite decimal a client can read here.
     */
    areaRatios: z
      .object({
        source: SourceIdSchema,
        note: z.string().min(1),
        digits: z.number().int().min(1).max(10),
        values: z.record(z.string(), z.record(z.string(), DecimalStringSchema)),
      })
      .strict(),
    coefficients: z.array(
      z
        .object({
          name: z.string().min(1),
          estimate: z.string().regex(/^-?\d+\.\d+$/),
          standardError: DecimalStringSchema,
          observations: z.number().int().min(0),
          sources: z.number().int().min(0),
        })
        .strict(),
    ),
    residualStandardError: DecimalStringSchema,
    validation: z.object({ inSample: ValidationSchema, crossValidated: ValidationSchema }).strict(),
  })
  .strict();
export type MarketModelFile = z.infer<typeof MarketModelFileSchema>;

export const CountrySchema = z
  .object({
    code: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
    alpha3: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code'),
    name: z.string().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
    /** True for the 16 countries seed 000 names under "Popularity". */
    namedInSeeds: z.boolean(),
    /** World Bank price level ratio of PPP conversion factor (GDP) to market exchange rate, US = 1. */
    priceLevel: SourcedDecimalSchema.extend({ year: z.number().int() }),
  })
  .strict();
export type Country = z.infer<typeof CountrySchema>;

export const CountriesFileSchema = z
  .object({ generatedBy: z.string().min(1), countries: z.array(CountrySchema).min(1) })
  .strict();

export const CurrencySchema = z
  .object({
    code: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
    name: z.string().min(1),
    minorUnits: SourcedIntegerSchema,
    /** Units of this currency per US dollar, period average. */
    usdRate: SourcedDecimalSchema.extend({ year: z.number().int() }),
  })
  .strict();
export type Currency = z.infer<typeof CurrencySchema>;

export const CurrenciesFileSchema = z
  .object({ generatedBy: z.string().min(1), currencies: z.array(CurrencySchema).min(1) })
  .strict();

// data/packages.json: the package kinds an estimate can apply, their defaults with provenance,
// and the sources of financing. The kinds' ids are PackageSpec's kinds in src/domain/packages.ts.
export const PackageKindIdSchema = z.enum(['none', 'prepaid-course', 'buy-n-get-m', 'new-patient']);
export type PackageKindId = z.infer<typeof PackageKindIdSchema>;

const packageKindBase = {
  name: z.string().min(1),
  description: z.string().min(1),
  /** Where the kind itself comes from; the default figures carry their own sources. */
  sources: z.array(SourceIdSchema),
};

export const PackageKindSchema = z.discriminatedUnion('id', [
  z.object({ id: z.literal('none'), ...packageKindBase }).strict(),
  z
    .object({
      id: z.literal('prepaid-course'),
      ...packageKindBase,
      /** Percent off the whole course. */
      defaults: z.object({ discountPercent: SourcedDecimalSchema }).strict(),
    })
    .strict(),
  z
    .object({
      id: z.literal('buy-n-get-m'),
      ...packageKindBase,
      /** In every complete group of buy + free sessions, `free` are at no charge. */
      defaults: z.object({ buy: SourcedIntegerSchema, free: SourcedIntegerSchema }).strict(),
    })
    .strict(),
  z
    .object({
      id: z.literal('new-patient'),
      ...packageKindBase,
      /** Percent off the first session. */
      defaults: z.object({ discountPercent: SourcedDecimalSchema }).strict(),
    })
    .strict(),
]);
export type PackageKindRecord = z.infer<typeof PackageKindSchema>;

export const PackagesFileSchema = z
  .object({
    kinds: z.array(PackageKindSchema).min(1),
    financing: z.object({ description: z.string().min(1), sources: z.array(SourceIdSchema).min(1) }).strict(),
  })
  .strict();

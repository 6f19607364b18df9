// The API's request and response schemas. Each zod schema validates, types (z.infer) and, being
// registered with an id, becomes a named component of the OpenAPI document.
import { z } from 'zod';
import { CityTierIdSchema, PractitionerIdSchema } from '../data/schema.js';
import type { EstimateRequest, PackageRequest } from '../domain/estimate.js';
import { dec } from '../domain/money.js';
import { MAX_BUY, MAX_PERCENT, MIN_BUY, MIN_FREE, MIN_PERCENT, PACKAGE_KINDS } from '../domain/packages.js';

export const MAX_AREAS = 12;
export const MAX_SESSIONS = 30;

/** "is required" for a missing field, "must be a string" for another type. */
const stringError = (issue: { input?: unknown }): string => (issue.input === undefined ? 'is required' : 'must be a string');
export const IdSchema = z
  .string({ error: stringError })
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[a-z][a-z-]*$/, 'must be a lowercase id such as "skin-rejuvenation"');
export const CountryCodeSchema = z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "US" or "FR"');
export const CurrencyCodeSchema = z.string().regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as "USD" or "EUR"');

const PercentSchema = z
  .string({ error: 'must be a percentage written as a string, e.g. "12" or "12.5"' })
  // abort: the refine below parses the string, so it must not run on one that is not a number.
  .regex(/^\d{1,3}(\.\d{1,4})?$/, { message: 'must be a percentage from 0 to 100 written as a string, e.g. "12" or "12.5"', abort: true })
  .refine((v) => dec(v).lte(MAX_PERCENT), `must be a percentage from ${MIN_PERCENT} to ${MAX_PERCENT}`);
const groupSize = (name: string, min: number) =>
  z
    .number({ error: `must be a whole number from ${min} to ${MAX_BUY}` })
    .int(`must be a whole number from ${min} to ${MAX_BUY}`)
    .min(min, `must be a whole number from ${min} to ${MAX_BUY}`)
    .max(MAX_BUY, `must be a whole number from ${min} to ${MAX_BUY}`)
    .describe(name);

export const PackageSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('none') }).strict().describe('Pay per session'),
      z
        .object({ kind: z.literal('prepaid-course'), discountPercent: PercentSchema.optional().describe('Percent off the whole course. Default from data/packages.json') })
        .strict()
        .describe('The course paid up front for a percentage off'),
      z
        .object({
          kind: z.literal('buy-n-get-m'),
          buy: groupSize('Sessions paid in each group. Default from data/packages.json', MIN_BUY).optional(),
          free: groupSize('Sessions free in each group; fewer than buy. Default from data/packages.json', MIN_FREE).optional(),
        })
        .strict()
        .refine((p) => p.buy === undefined || p.free === undefined || p.free < p.buy, { message: 'free must be fewer than buy', path: ['free'] })
        .describe('Every complete group of buy + free sessions has free sessions at no charge'),
      z
        .object({ kind: z.literal('new-patient'), discountPercent: PercentSchema.optional().describe('Percent off the first session. Default from data/packages.json') })
        .strict()
        .describe('A percentage off the first session'),
    ],
    { error: `must be a package object whose kind is one of: ${PACKAGE_KINDS.join(', ')}` },
  )
  .meta({ id: 'Package', description: 'A package deal or offer applied to the course. Figures left out take the defaults in GET /v1/catalog (packageKinds).' });

export const EstimateRequestSchema = z
  .object({
    treatment: IdSchema.describe('Treatment id (GET /v1/treatments)'),
    areas: z
      .array(IdSchema, { error: 'must be an array of area ids, e.g. ["face", "neck"]' })
      .min(1, 'must list at least one area (or leave the field out for the reference area)')
      .max(MAX_AREAS, `must list at most ${MAX_AREAS} areas`)
      .optional()
      .describe("Body areas treated in each session. Default: the treatment's reference area. Order does not matter."),
    country: CountryCodeSchema.optional().describe('ISO 3166-1 alpha-2 country of the clinic. Default: US'),
    cityTier: CityTierIdSchema.optional().describe('major-metro, city (national average, default) or town'),
    practitioner: PractitionerIdSchema.optional().describe('non-physician, physician (default) or specialist'),
    sessions: z
      .number({ error: `must be a whole number from 1 to ${MAX_SESSIONS}` })
      .int(`must be a whole number from 1 to ${MAX_SESSIONS}`)
      .min(1, `must be a whole number from 1 to ${MAX_SESSIONS}`)
      .max(MAX_SESSIONS, `must be a whole number from 1 to ${MAX_SESSIONS}`)
      .optional().describe("A fixed number of sessions for every level, instead of the treatment's usual range"),
    currency: CurrencyCodeSchema.optional().describe("ISO 4217 output currency. Default: the country's own"),
    package: PackageSchema.optional(),
  })
  .strict()
  .meta({ id: 'EstimateRequest' });
export type EstimateRequestBody = z.infer<typeof EstimateRequestSchema>;

/**
 * 1 to MAX_SESSIONS in digits, no leading zero. A pattern alone (no refine), so that the OpenAPI
 * document states the range exactly and a bad value is reported once.
 */
export const SESSIONS_QUERY = /^([1-9]|[12][0-9]|30)$/;

/** The same request as query parameters: areas comma-separated, sessions as digits. */
export const EstimateQuerySchema = z
  .object({
    treatment: IdSchema.describe('Treatment id (GET /v1/treatments)'),
    areas: z
      .string()
      .max(MAX_AREAS * 65)
      .regex(/^[a-z][a-z-]*(,[a-z][a-z-]*)*$/, 'must be area ids separated by commas, e.g. "face,neck"')
      .optional()
      .describe('Comma-separated area ids, e.g. face,neck'),
    country: CountryCodeSchema.optional(),
    cityTier: CityTierIdSchema.optional(),
    practitioner: PractitionerIdSchema.optional(),
    sessions: z
      .string()
      .regex(SESSIONS_QUERY, `must be a whole number from 1 to ${MAX_SESSIONS}`)
      .optional()
      .describe("A fixed number of sessions for every level (1-30), instead of the treatment's usual range"),
    currency: CurrencyCodeSchema.optional(),
    package: z.enum(PACKAGE_KINDS).optional().describe('Package kind, with its default figures (use POST to set them)'),
  })
  .strict();
export type EstimateQuery = z.infer<typeof EstimateQuerySchema>;

/** Maps a validated body to the engine's request: codes upper-cased, optional fields left out. */
export function requestFromBody(body: EstimateRequestBody): EstimateRequest {
  return {
    treatment: body.treatment,
    areas: body.areas,
    country: body.country?.toUpperCase(),
    cityTier: body.cityTier,
    practitioner: body.practitioner,
    sessions: body.sessions,
    currency: body.currency?.toUpperCase(),
    package: body.package && packageFromBody(body.package),
  };
}

/** A validated package body as the engine's request (percentages parsed as decimals). */
export function packageFromBody(p: NonNullable<EstimateRequestBody['package']>): PackageRequest {
  switch (p.kind) {
    case 'none':
      return p;
    case 'prepaid-course':
    case 'new-patient':
      return { kind: p.kind, discountPercent: p.discountPercent === undefined ? undefined : dec(p.discountPercent) };
    case 'buy-n-get-m':
      return { kind: p.kind, buy: p.buy, free: p.free };
  }
}

/** Maps validated query parameters to the engine's request. */
export function requestFromQuery(query: EstimateQuery): EstimateRequest {
  return requestFromBody({
    treatment: query.treatment,
    areas: query.areas?.split(','),
    country: query.country,
    cityTier: query.cityTier,
    practitioner: query.practitioner,
    sessions: query.sessions === undefined ? undefined : Number(query.sessions),
    currency: query.currency,
    package: query.package && { kind: query.package },
  });
}

const AmountSchema = z.string().regex(/^\d+(\.\d+)?$/).describe('Decimal string in the currency\'s minor units, e.g. "1800.00" (or "272459" for JPY)');
const levels = <T extends z.ZodType>(schema: T) => z.object({ low: schema, typical: schema, high: schema });

export const AmountLevelsSchema = levels(AmountSchema).meta({ id: 'AmountLevels' });
export const CountLevelsSchema = levels(z.number().int()).meta({ id: 'CountLevels' });

export const SourceSchema = z
  .object({
    id: z.string(),
    kind: z
      .enum(['seed', 'reference', 'assumption', 'fit', 'observation', 'clinic'])
      .describe("fit: the market model's fit; observation: one published price; clinic: a clinic's price sheet (in clinic estimates; see their `clinic` member)"),
    title: z.string(),
    file: z.string().optional().describe('Seed article file or reference dataset file'),
    section: z.string().optional().describe('Seed article section'),
    quote: z.string().optional().describe('The seed passage relied on'),
    dataset: z.string().optional(),
    edition: z.string().optional(),
    licence: z.string().optional(),
    reason: z.string().optional().describe('Why an assumption was made'),
    method: z.string().optional().describe('How a fit estimated its figures'),
    script: z.string().optional().describe('The command that reproduces a fit'),
    inputs: z.array(z.string()).optional().describe('The files a fit reads'),
    lines: z.array(z.number().int()).optional().describe('Lines of the calibration file an observation reads'),
    country: z.string().optional(),
    city: z.string().optional(),
    cityTier: CityTierIdSchema.optional(),
    treatment: z.string().optional(),
    areas: z.array(z.string()).optional().describe("An observation's areas; empty: the treatment's reference area"),
    practitioner: PractitionerIdSchema.optional(),
    venue: z.enum(['clinic', 'salon']).optional(),
    unit: z.enum(['per_session', 'package', 'course']).optional(),
    sessionsInPackage: z.number().int().optional(),
    currency: z.string().optional(),
    priceLow: z.string().optional().describe('The lowest figure as published'),
    priceHigh: z.string().optional().describe('The highest figure as published (equal to priceLow for a single price)'),
    perSession: z.string().optional().describe('One session: the midpoint of the published figures over the package sessions'),
    kinds: z.array(z.enum(['from', 'sale', 'package'])).optional().describe('"from" price, sale price, a per-session price inside a package'),
    year: z.number().int().optional(),
    address: z.string().optional().describe('The page or repository file the price was read from'),
    url: z.string().optional(),
    caveat: z.string().optional().describe("The calibration file's caveats for this price"),
  })
  .meta({
    id: 'Source',
    description: 'Where a figure comes from: a seed article section, a reference dataset, an assumption with its reason, the market model fit, or one published price',
  });

/**
 * How an answer lists a source it used: the id its adjustments and notes cite, the kind and the
 * title. The full record (the quoted passage, the dataset's edition, the assumption's reason) is
 * GET /v1/sources/{id}: repeating it in every estimate made most of each answer's bytes.
 */
export const SourceRefSchema = SourceSchema.pick({ id: true, kind: true, title: true }).meta({
  id: 'SourceRef',
  description: 'A source the answer used; its full record (quote, dataset and edition, or reason) is at GET /v1/sources/{id}',
});
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** The reference an answer carries for a source record. */
export function sourceRef(source: { readonly id: string; readonly kind: SourceRef['kind']; readonly title: string }): SourceRef {
  return { id: source.id, kind: source.kind, title: source.title };
}

export const AdjustmentSchema = z
  .object({
    kind: z.enum(['base-price', 'area', 'practitioner', 'city-tier', 'price-level', 'currency', 'sessions', 'package', 'clinic-price']),
    id: z.string().optional(),
    description: z.string(),
    factor: z.string().optional().describe('Exact factor multiplying the per-session price'),
    amounts: AmountLevelsSchema.optional().describe('Amounts this step sets or takes off per level: the base price (USD), a package discount'),
    counts: CountLevelsSchema.optional().describe('Session counts this step sets'),
    sources: z.array(z.string()).describe('Source ids; see `sources`'),
  })
  .meta({ id: 'Adjustment' });

export const NoteSchema = z
  .object({ code: z.string(), text: z.string(), sources: z.array(z.string()) })
  .meta({ id: 'Note' });

export const EvidenceSchema = z
  .object({
    count: z.number().int().min(1).describe('How many published prices'),
    perSession: z
      .object({ min: AmountSchema, median: AmountSchema, max: AmountSchema })
      .describe("Their per-session prices converted into the answer's currency at the engine's rates"),
    sources: z.array(z.string()).describe('Their source ids, cheapest first: GET /v1/sources/{id} has the address, date and venue'),
  })
  .meta({ id: 'Evidence' });

export const ClinicPricingSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    sheetVersion: z.number().int(),
    priceSource: z.enum(['clinic', 'market']).describe("Whether the per-session price is the clinic's own or the market estimate"),
    sessionsSource: z.enum(['clinic', 'market', 'request']),
    packageSource: z.enum(['clinic', 'market', 'request', 'none']),
    marketPerSession: AmountLevelsSchema.describe("The market's per-session range for the same country, city tier, practitioner, areas and currency"),
    marketPosition: z
      .object({
        position: z.enum(['below', 'within', 'above']),
        fraction: z.string().describe('(clinic − market low) / (market high − market low): 0 at low, 1 at high'),
        percentOfTypical: z.string().describe('Clinic price as a percentage of the market typical'),
      })
      .nullable()
      .describe("Where the clinic's per-session price falls in the market range; null when the sheet has no price for the treatment"),
  })
  .meta({ id: 'ClinicPricing' });

export const EstimateSchema = z
  .object({
    treatment: z.string(),
    request: z
      .object({
        treatment: z.string(),
        areas: z.array(z.string()),
        country: z.string(),
        cityTier: CityTierIdSchema,
        practitioner: PractitionerIdSchema,
        sessions: z.number().int().nullable(),
        currency: z.string(),
        package: z.object({
          kind: z.enum(PACKAGE_KINDS),
          discountPercent: z.string().optional(),
          buy: z.number().int().optional(),
          free: z.number().int().optional(),
        }),
      })
      .describe('The request as priced, with every default filled in and areas in canonical order'),
    currency: z.object({
      code: z.string(),
      name: z.string(),
      minorUnits: z.number().int(),
      usdRate: z.string().describe('Units of this currency per US dollar'),
      rateYear: z.number().int(),
    }),
    perSession: AmountLevelsSchema.describe('List price of one session'),
    sessions: CountLevelsSchema,
    listTotal: AmountLevelsSchema.describe('perSession × sessions: the course before any package'),
    discount: AmountLevelsSchema.describe('What the package takes off listTotal'),
    total: AmountLevelsSchema.describe('listTotal − discount: what the course costs'),
    effectivePerSession: AmountLevelsSchema.describe('total / sessions'),
    likely: z
      .object({ p10: AmountSchema, p50: AmountSchema, p90: AmountSchema })
      .describe('10th, 50th and 90th percentiles of the course total: half the prices spread evenly from low to typical and half from typical to high, sessions triangular on the course range'),
    likelyPerSession: z
      .object({ p10: AmountSchema, p50: AmountSchema, p90: AmountSchema })
      .describe('10th, 50th and 90th percentiles of one session: about 8 in 10 published prices fall between p10 and p90 (docs/accuracy.md)'),
    evidence: EvidenceSchema.nullable().describe('Published prices on file for this country and treatment; null when there are none (a note says the figures are modelled)'),
    adjustments: z.array(AdjustmentSchema).describe('Every step of the calculation, in the order applied'),
    sources: z.array(SourceRefSchema).describe('Every source the adjustments and notes cite'),
    dataVersion: z.string().describe('Content hash of the data the estimate was computed from'),
    notes: z.array(NoteSchema),
    clinic: ClinicPricingSchema.optional().describe('Present when the request named a clinic: where the figures came from and how its price compares with the market'),
  })
  .meta({ id: 'Estimate' });

// The API's request and response schemas. Each zod schema validates, types (z.infer) and, being
// registered with an id, becomes a named component of the OpenAPI document.
import { z } from 'zod';
import { CityTierIdSchema, PractitionerIdSchema } from '../data/schema.js';

import { PACKAGE_KINDS } from '../domain/packages.js';

// The request contract lives below the HTTP layer and the command line (src/contract).
export * from '../contract/estimate-request.js';

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
    url: z.string().optional().describe("A public page to read the source: a reference dataset's page, or the page a published price was read from"),
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

/** view=summary: the figures a comparison needs (SUMMARY_FIELDS in src/domain/estimate-json.ts). */
export const EstimateSummarySchema = EstimateSchema.pick({ request: true, currency: true, perSession: true, sessions: true, total: true, likely: true, dataVersion: true }).meta({
  id: 'EstimateSummary',
  description: 'An estimate in the summary view (view=summary): the request as priced, the currency, the per-session band, sessions, course totals, the likely range and the data version; the same figures as the full view',
});

/** An answer in either view. */
export const EstimateAnyViewSchema = z.union([EstimateSchema, EstimateSummarySchema]).describe('The Estimate (view=full, the default) or the EstimateSummary (view=summary)');

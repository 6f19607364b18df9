// Schemas of the clinic, price-sheet and quote routes, and of an estimate request naming a clinic.
// The price sheet reuses the data files' building blocks (decimal strings, tier ids) and the
// estimate request's package rules, so a sheet is validated like the market data.
import { z } from 'zod';
import { CityTierIdSchema, DecimalStringSchema, PractitionerIdSchema } from '../data/schema.js';
import { MAX_BUY, MAX_PERCENT, MIN_BUY, MIN_FREE } from '../domain/packages.js';
import { dec } from '../domain/money.js';
import { QUOTE_ID } from '../storage/quotes.js';
import { CountryCodeSchema, CurrencyCodeSchema, EstimateQuerySchema, EstimateRequestSchema, EstimateSchema, IdSchema, MAX_SESSIONS, ViewSchema } from './schemas.js';

export const ClinicIdSchema = z
  .string()
  .regex(/^cl_[0-9a-f]{16}$/, 'must be a clinic id such as "cl_0123456789abcdef"')
  .describe('Clinic id, as returned by POST /v1/clinics');
export const ClinicParamsSchema = z.object({ id: ClinicIdSchema }).strict();
export const KeyParamsSchema = z.object({ id: ClinicIdSchema, keyId: z.string().regex(/^[a-z0-9]{16}$/, 'must be a key id (16 lowercase letters and digits)') }).strict();
export const QuoteParamsSchema = z.object({ id: z.string().regex(QUOTE_ID, 'must be a quote id such as "q_" followed by 22 characters') }).strict();

export const ClinicCreateSchema = z
  .object({ name: z.string({ error: 'is required' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').describe('The clinic\'s name, shown in its estimates') })
  .strict()
  .meta({ id: 'ClinicCreate' });

export const KeyInfoSchema = z
  .object({ id: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() })
  .meta({ id: 'ApiKeyInfo', description: 'An API key without its secret' });
export const IssuedKeySchema = z
  .object({
    id: z.string(),
    key: z.string().describe('The key, shown this once: send it as "Authorization: Bearer <key>". Only its hash is stored.'),
    createdAt: z.string(),
  })
  .meta({ id: 'IssuedApiKey' });
export const ClinicSchema = z
  .object({ id: ClinicIdSchema, name: z.string(), createdAt: z.string(), keys: z.array(KeyInfoSchema) })
  .meta({ id: 'Clinic' });
export const ClinicCreatedSchema = z.object({ clinic: ClinicSchema, apiKey: IssuedKeySchema }).meta({ id: 'ClinicCreated' });

const MoneySchema = DecimalStringSchema.describe('Price of one session in the sheet\'s currency, a decimal string with at most its minor units, e.g. "180.00"');
const count = z.number({ error: `must be a whole number from 1 to ${MAX_SESSIONS}` }).int(`must be a whole number from 1 to ${MAX_SESSIONS}`).min(1, `must be a whole number from 1 to ${MAX_SESSIONS}`).max(MAX_SESSIONS, `must be a whole number from 1 to ${MAX_SESSIONS}`);
const percent = z
  .string({ error: 'must be a percentage written as a string, e.g. "10"' })
  .regex(/^\d{1,3}(\.\d{1,4})?$/, { message: 'must be a percentage from 0 to 100 written as a string, e.g. "10"', abort: true })
  .refine((v) => dec(v).lte(MAX_PERCENT), `must be a percentage from 0 to ${MAX_PERCENT}`);
const groupSize = (min: number) => z.number().int().min(min, `must be a whole number from ${min} to ${MAX_BUY}`).max(MAX_BUY, `must be a whole number from ${min} to ${MAX_BUY}`);

export const PriceSheetSchema = z
  .object({
    country: CountryCodeSchema.transform((c) => c.toUpperCase()).describe('ISO 3166-1 alpha-2 country of the clinic'),
    cityTier: CityTierIdSchema.describe('major-metro, city or town'),
    practitioner: PractitionerIdSchema.describe('non-physician, physician or specialist'),
    currency: CurrencyCodeSchema.transform((c) => c.toUpperCase()).describe('ISO 4217 currency of the prices on the sheet'),
    treatments: z
      .record(
        IdSchema,
        z
          .object({
            perSession: MoneySchema.optional().describe("One session on the treatment's reference area"),
            areas: z.record(IdSchema, MoneySchema).optional().describe('One session on an area, where the clinic prices it apart; other areas scale perSession by the market area factors'),
            sessions: z.object({ min: count, typical: count, max: count }).strict().optional().describe("The clinic's usual course"),
          })
          .strict(),
      )
      .describe('Treatment id → the clinic\'s figures; treatments left out are priced from market data'),
    packages: z
      .object({
        'prepaid-course': z.object({ discountPercent: percent }).strict().optional(),
        'buy-n-get-m': z
          .object({ buy: groupSize(MIN_BUY), free: groupSize(MIN_FREE) })
          .strict()
          .refine((p) => p.free < p.buy, { message: 'free must be fewer than buy', path: ['free'] })
          .optional(),
        'new-patient': z.object({ discountPercent: percent }).strict().optional(),
      })
      .strict()
      .optional()
      .describe("The clinic's terms for the package kinds it offers; a request for another kind uses the market defaults"),
  })
  .strict()
  .meta({ id: 'PriceSheet' });
export type PriceSheetBody = z.infer<typeof PriceSheetSchema>;

export const PriceSheetVersionSchema = z
  .object({
    clinicId: ClinicIdSchema,
    version: z.number().int().describe('Starts at 1; every PUT adds one. The ETag is "v<version>".'),
    createdAt: z.string(),
    sheet: PriceSheetSchema,
  })
  .meta({ id: 'PriceSheetVersion' });
export const SheetQuerySchema = z
  .object({ version: z.string().regex(/^[1-9]\d{0,8}$/, 'must be a version number (1, 2, …)').optional().describe('An older version; default: the latest') })
  .strict();

const clinicField = ClinicIdSchema.optional().describe("Price at this clinic: its sheet's figures where it has them, market data elsewhere. The sheet fixes country, cityTier and practitioner.");
export const ClinicEstimateRequestSchema = EstimateRequestSchema.extend({ clinic: clinicField, view: ViewSchema.optional() })
  .strict()
  .meta({ id: 'ClinicEstimateRequest', description: 'An EstimateRequest, optionally for a clinic, and the view to answer in' });
export type ClinicEstimateRequestBody = z.infer<typeof ClinicEstimateRequestSchema>;
/** What a saved quote is made from: the estimate request, optionally at a clinic (a quote is always the full estimate). */
export const QuoteRequestSchema = EstimateRequestSchema.extend({ clinic: clinicField }).strict().meta({ id: 'QuoteRequest', description: 'An EstimateRequest, optionally for a clinic: the estimate the quote keeps' });
export const ClinicEstimateQuerySchema = EstimateQuerySchema.extend({ clinic: clinicField, view: ViewSchema.optional() }).strict();

export const QuoteSchema = z
  .object({
    id: z.string().describe('Unguessable id: whoever has it can read the quote'),
    createdAt: z.string(),
    validUntil: z.string().describe('After this instant GET answers 410 quote-expired'),
    dataVersion: z.string(),
    clinic: z.object({ id: z.string(), sheetVersion: z.number().int() }).nullable(),
    estimate: EstimateSchema,
  })
  .meta({ id: 'Quote' });

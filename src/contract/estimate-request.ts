// The estimate request contract: what a caller may ask for and how it maps to the engine's
// request. Below both the HTTP layer (src/http) and the command line (src/cli), which validate
// with these schemas and report errors the same way. Each schema registered with an id becomes a
// named component of the OpenAPI document.
import { z } from 'zod';
import { CityTierIdSchema, PractitionerIdSchema } from '../data/schema.js';
import { ESTIMATE_VIEWS } from '../domain/estimate-json.js';
import type { EstimateRequest, PackageRequest } from '../domain/estimate.js';
import { dec } from '../domain/money.js';
import { MAX_BUY, MAX_PERCENT, MIN_BUY, MIN_FREE, MIN_PERCENT, PACKAGE_KINDS } from '../domain/packages.js';

export { ESTIMATE_VIEWS, type EstimateView } from '../domain/estimate-json.js';

/** How much of an estimate to answer with: `full` (default) or `summary` (the figures a comparison needs). */
export const ViewSchema = z
  .enum(ESTIMATE_VIEWS, { error: `must be one of: ${ESTIMATE_VIEWS.join(', ')}` })
  .describe('full (default): the whole estimate; summary: request, currency, perSession, sessions, total, likely and dataVersion only (about a tenth of the bytes)');

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

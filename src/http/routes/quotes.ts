// POST /v1/quotes saves an estimate as a quote; GET /v1/quotes/{id} returns the very bytes saved,
// whatever has changed since (data, price sheet, restarts). An expired quote answers 410
// quote-expired: the figures are no longer offered, and a client must not mistake them for current.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { newQuoteId, readQuote, saveQuote } from '../../storage/quotes.js';
import type { Storage } from '../../storage/storage.js';
import { QuoteParamsSchema, QuoteRequestSchema, QuoteSchema } from '../clinic-schemas.js';
import type { ClinicSheets } from '../clinic-sheets.js';
import { matches } from '../conditional.js';
import type { EstimateJsonService } from '../estimate-cache.js';
import type { Limits } from '../limits.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { requestFromBody } from '../schemas.js';
import { withStorage } from '../storage-call.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const DAY_MS = 86_400_000;

export interface QuoteOptions {
  readonly storage: Storage;
  /** Quotas per client address and per clinic (QUOTE_MAX_PER_ADDRESS, QUOTE_MAX_PER_CLINIC). */
  readonly limits?: Limits;
  readonly estimates: EstimateJsonService;
  readonly sheets: ClinicSheets;
  readonly dataVersion: string;
  readonly validDays: number;
  readonly now: () => Date;
}

const etagOf = (body: string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

export const quoteRoutes: FastifyPluginAsyncZod<QuoteOptions> = async (app, { storage, limits, estimates, sheets, dataVersion, validDays, now }) => {
  app.post('/v1/quotes', {
    schema: {
      tags: ['quotes'],
      summary: 'Save an estimate as a quote',
      description: `Prices the request (with a clinic's sheet when it names one) and stores the whole answer with the data version, the sheet version, createdAt and validUntil (${validDays} days, QUOTE_VALID_DAYS). Answers 201 with Location: /v1/quotes/{id}. Quotas per client address and per clinic (429 past either); expired quotes are deleted on a schedule.`,
      body: QuoteRequestSchema,
      response: { 201: QuoteSchema, ...problemResponses(400, 413, 415, 422, 429, 503) },
    },
    handler: async (request, reply) => {
      const { clinic, ...rest } = request.body;
      if (limits !== undefined && !limits.exempt(request.ip)) limits.quote(request.ip, clinic);
      const estimateRequest = requestFromBody(rest);
      const sheet = clinic === undefined ? undefined : await sheets.latest(clinic, 'body');
      const json = sheet ? estimates.clinic(estimateRequest, sheet).body.toString('utf8') : estimates.json(estimateRequest);
      const id = newQuoteId();
      const createdAt = now();
      const validUntil = new Date(createdAt.getTime() + validDays * DAY_MS);
      const clinicRef = sheet ? `{"id":${JSON.stringify(sheet.clinicId)},"sheetVersion":${sheet.version}}` : 'null';
      const body = `{"id":"${id}","createdAt":"${createdAt.toISOString()}","validUntil":"${validUntil.toISOString()}","dataVersion":${JSON.stringify(dataVersion)},"clinic":${clinicRef},"estimate":${json}}`;
      await withStorage(storage, 'save-quote', (db) =>
        saveQuote(db, { id, body, dataVersion, clinicId: sheet?.clinicId ?? null, sheetVersion: sheet?.version ?? null, createdAt, validUntil }),
      );
      reply.code(201).header('location', `/v1/quotes/${id}`).header('etag', etagOf(body));
      return reply.type(JSON_TYPE).send(body as never);
    },
  });

  app.get('/v1/quotes/:id', {
    schema: {
      tags: ['quotes'],
      summary: 'Read a saved quote, byte for byte as saved',
      description: 'The same bytes every time until validUntil; after it, 410 quote-expired. Unknown ids are 404.',
      params: QuoteParamsSchema,
      response: { 200: QuoteSchema, 304: z.undefined().describe('Not modified'), ...problemResponses(400, 404, 410, 503) },
    },
    handler: async (request, reply) => {
      const quote = await withStorage(storage, 'read-quote', (db) => readQuote(db, request.params.id));
      if (!quote) throw new HttpProblem('not-found', `No quote '${request.params.id}'.`);
      const remainingMs = quote.validUntil.getTime() - now().getTime();
      if (remainingMs <= 0) {
        throw new HttpProblem('quote-expired', `Quote ${request.params.id} expired at ${quote.validUntil.toISOString()}; request a new one with POST /v1/quotes.`);
      }
      const etag = etagOf(quote.body);
      // Immutable until it expires: caches may keep it, but never past validUntil.
      reply.header('etag', etag).header('cache-control', `private, max-age=${Math.min(86_400, Math.floor(remainingMs / 1000))}`);
      if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
      return reply.type(JSON_TYPE).send(quote.body as never);
    },
  });
};

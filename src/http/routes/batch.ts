// POST /v1/estimates/batch: many estimates in one call, one result per item, in order. An item
// that fails gets its own problem; it never fails the others.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { EstimateJsonService } from '../estimate-cache.js';
import { documentBodyAs } from '../openapi.js';
import { problemFromDomainError, problemFromZodError, problemResponses, ProblemSchema } from '../problem.js';
import { EstimateRequestSchema, EstimateSchema, EstimateSummarySchema, requestFromBody, ViewSchema, type EstimateView } from '../schemas.js';

const JSON_TYPE = 'application/json; charset=utf-8';

export interface BatchOptions {
  readonly estimates: EstimateJsonService;
  readonly maxItems: number;
  readonly bodyLimit: number;
}

/** One item's answer as UTF-8 JSON bytes: the estimate's (as cached), or its problem's. */
export function itemJson(estimates: EstimateJsonService, item: unknown, pointer: string, view?: EstimateView): Buffer {
  const parsed = EstimateRequestSchema.safeParse(item);
  if (!parsed.success) return Buffer.from(JSON.stringify(problemFromZodError(parsed.error, pointer, EstimateRequestSchema)));
  try {
    return estimates.get(requestFromBody(parsed.data), view).body;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const p = problemFromDomainError(error);
    return Buffer.from(JSON.stringify({ ...p, errors: p.errors?.map((e) => ({ ...e, pointer: `${pointer}${e.pointer}` })) }));
  }
}

const OPEN = Buffer.from('{"results":[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

export const batchRoutes: FastifyPluginAsyncZod<BatchOptions> = async (app, { estimates, maxItems, bodyLimit }) => {
  const envelope = <T extends z.ZodType>(item: T) =>
    z
      .object({
        items: z
          .array(item, { error: 'must be an array of estimate requests' })
          .min(1, 'must hold at least one estimate request')
          .max(maxItems, `must hold at most ${maxItems} estimate requests; split larger sets into several calls`)
          .describe(`Estimate requests, 1 to ${maxItems}. Each is validated on its own: a bad item gets its problem in its place of the results`),
        view: ViewSchema.optional().describe('full (default): each result is an Estimate; summary: each is an EstimateSummary, as GET /v1/estimates?view=summary answers'),
      })
      .strict();
  // Validated as an envelope of anything, so one bad item fails only itself; documented as what
  // an item must be.
  const BatchRequestSchema = documentBodyAs(envelope(z.unknown()), envelope(EstimateRequestSchema).meta({ id: 'BatchRequest' }));
  const BatchResponseSchema = z
    .object({
      results: z
        .array(z.union([EstimateSchema, EstimateSummarySchema, ProblemSchema]))
        .describe('One result per item, in order: the Estimate, or a Problem (it has `type` and `status`) whose pointers are absolute in the request body, e.g. /items/3/treatment'),
    })
    .meta({ id: 'BatchResponse' });

  app.post('/v1/estimates/batch', {
    bodyLimit,
    schema: {
      tags: ['estimates'],
      summary: 'Many estimates in one call',
      description: `Up to ${maxItems} estimate requests. Each result is the estimate or a problem for that item alone; the call succeeds when the envelope is valid.`,
      body: BatchRequestSchema,
      response: { 200: BatchResponseSchema, ...problemResponses(400, 413, 415) },
    },
    handler: async (request, reply) => {
      // Joined as bytes: the cached answers are copied once, never decoded or encoded again.
      const parts: Buffer[] = [OPEN];
      request.body.items.forEach((item, i) => {
        if (i > 0) parts.push(COMMA);
        parts.push(itemJson(estimates, item, `/items/${i}`, request.body.view));
      });
      parts.push(CLOSE);
      return reply.type(JSON_TYPE).send(Buffer.concat(parts) as never);
    },
  });
};

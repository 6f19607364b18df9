// POST /v1/estimates and GET /v1/estimates: one estimate, from a JSON body or query parameters,
// at market prices or, with `clinic`, from that clinic's price sheet.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ClinicEstimateQuerySchema, ClinicEstimateRequestSchema } from '../clinic-schemas.js';
import type { ClinicSheets } from '../clinic-sheets.js';
import { sendCacheable } from '../conditional.js';
import type { EstimateJsonService } from '../estimate-cache.js';
import { problemResponses } from '../problem.js';
import { EstimateAnyViewSchema, requestFromBody, requestFromQuery } from '../schemas.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const errorResponses = problemResponses(400, 413, 415, 422, 503);

export interface EstimateRouteOptions {
  readonly estimates: EstimateJsonService;
  readonly sheets: ClinicSheets;
  readonly maxAgeSeconds: number;
}

export const estimateRoutes: FastifyPluginAsyncZod<EstimateRouteOptions> = async (app, { estimates, sheets, maxAgeSeconds }) => {
  app.post('/v1/estimates', {
    schema: {
      tags: ['estimates'],
      summary: 'Estimate the cost of a course',
      description:
        "Prices one course at low, typical and high levels; `view: \"summary\"` answers only the figures a comparison needs (EstimateSummary). Unknown fields are rejected; unknown ids answer 422 with the ids that exist. With `clinic`, the clinic's sheet supplies the figures it has (503 storage-unavailable when storage is down; market estimates never need storage).",
      body: ClinicEstimateRequestSchema,
      response: { 200: EstimateAnyViewSchema, ...errorResponses },
    },
    // The estimate is already JSON bytes (and possibly cached): send them, skip re-serialising.
    handler: async (request, reply) => {
      const { clinic, view, ...rest } = request.body;
      if (clinic === undefined) return reply.type(JSON_TYPE).send(estimates.get(requestFromBody(rest), view).body as never);
      const sheet = await sheets.latest(clinic, 'body');
      return reply.type(JSON_TYPE).send(estimates.clinic(requestFromBody(rest), sheet, view).body as never);
    },
  });

  app.get('/v1/estimates', {
    schema: {
      tags: ['estimates'],
      summary: 'Estimate the cost of a course from query parameters',
      description:
        'The same estimate as POST /v1/estimates, from query parameters (areas comma-separated), so that it can be cached by URL. Answers carry an ETag (data version, clinic sheet version when a clinic is named, and the request as priced) and Cache-Control; If-None-Match with a current ETag answers 304.',
      querystring: ClinicEstimateQuerySchema,
      response: { 200: EstimateAnyViewSchema, 304: z.undefined().describe('Not modified: the ETag in If-None-Match is current'), ...errorResponses },
    },
    handler: async (request, reply) => {
      const { clinic, view, ...rest } = request.query;
      if (clinic === undefined) {
        const { body, etag } = estimates.get(requestFromQuery(rest), view);
        return sendCacheable(request, reply, body, etag, maxAgeSeconds);
      }
      const sheet = await sheets.latest(clinic, 'query');
      const { body, etag } = estimates.clinic(requestFromQuery(rest), sheet, view);
      return sendCacheable(request, reply, body, etag, maxAgeSeconds);
    },
  });
};

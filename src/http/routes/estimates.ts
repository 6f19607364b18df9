// POST /v1/estimates and GET /v1/estimates: one estimate, from a JSON body or query parameters.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCacheable } from '../conditional.js';
import type { EstimateJsonService } from '../estimate-cache.js';
import { problemResponses } from '../problem.js';
import { EstimateQuerySchema, EstimateRequestSchema, EstimateSchema, requestFromBody, requestFromQuery } from '../schemas.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const errorResponses = problemResponses(400, 413, 415, 422);

export const estimateRoutes: FastifyPluginAsyncZod<{ estimates: EstimateJsonService; maxAgeSeconds: number }> = async (app, { estimates, maxAgeSeconds }) => {
  app.post('/v1/estimates', {
    schema: {
      tags: ['estimates'],
      summary: 'Estimate the cost of a course',
      description: 'Prices one course at low, typical and high levels. Unknown fields are rejected; unknown ids answer 422 with the ids that exist.',
      body: EstimateRequestSchema,
      response: { 200: EstimateSchema, ...errorResponses },
    },
    // The estimate is already JSON bytes (and possibly cached): send them, skip re-serialising.
    handler: async (request, reply) => reply.type(JSON_TYPE).send(estimates.get(requestFromBody(request.body)).body as never),
  });

  app.get('/v1/estimates', {
    schema: {
      tags: ['estimates'],
      summary: 'Estimate the cost of a course from query parameters',
      description:
        'The same estimate as POST /v1/estimates, from query parameters (areas comma-separated), so that it can be cached by URL. Answers carry an ETag (data version and the request as priced) and Cache-Control; If-None-Match with a current ETag answers 304.',
      querystring: EstimateQuerySchema,
      response: { 200: EstimateSchema, 304: z.undefined().describe('Not modified: the ETag in If-None-Match is current'), ...errorResponses },
    },
    handler: async (request, reply) => {
      const { body, etag } = estimates.get(requestFromQuery(request.query));
      return sendCacheable(request, reply, body, etag, maxAgeSeconds);
    },
  });
};

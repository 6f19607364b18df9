// POST /v1/estimates/compare: one base request varied along one or more dimensions, all cells
// in one currency, ranked (the comparison itself is in ../compare.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Catalog } from '../../domain/catalog.js';
import { compare, CompareRequestSchema, CompareResponseSchema } from '../compare.js';
import { problemResponses } from '../problem.js';

export interface CompareOptions {
  readonly catalog: Catalog;
  readonly maxCells: number;
  readonly bodyLimit: number;
  /** Called once per priced cell, with its treatment (for metrics). */
  readonly countEstimate?: (treatment: string) => void;
}

export const compareRoutes: FastifyPluginAsyncZod<CompareOptions> = async (app, { catalog, maxCells, bodyLimit, countEstimate }) => {
  app.post('/v1/estimates/compare', {
    bodyLimit,
    schema: {
      tags: ['estimates'],
      summary: 'Compare estimates across countries, tiers, areas or treatments',
      description: `One cell per combination of the varied values (at most ${maxCells}), all in one currency, ranked by typical course total. A cell that cannot be priced carries a problem and no rank; when every cell fails with the same problem (the base request itself is wrong, e.g. an unknown treatment), the answer is that problem (422).`,
      body: CompareRequestSchema,
      response: { 200: CompareResponseSchema, ...problemResponses(400, 413, 415, 422) },
    },
    handler: async (request, reply) => {
      const result = compare(request.body, catalog, maxCells);
      if (countEstimate) for (const cell of result.cells) if (cell.estimate) countEstimate(cell.estimate.request.treatment);
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(result) as never);
    },
  });
};

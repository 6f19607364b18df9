// GET /v1/sources/{id}: one source's full record. Answers list sources by reference (id, kind,
// title); this is where a client reads the quoted passage, the dataset's edition or the reason.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Catalog } from '../../domain/catalog.js';
import { dataEtag, sendCacheable } from '../conditional.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { SourceSchema } from '../schemas.js';

export const sourceRoutes: FastifyPluginAsyncZod<{ catalog: Catalog; maxAgeSeconds: number }> = async (app, { catalog, maxAgeSeconds }) => {
  // Each record never changes while the process runs: serialise it once, tagged by the data version.
  const etag = dataEtag(catalog.version);
  const records = new Map([...catalog.sources].map(([id, source]) => [id, JSON.stringify(source)]));

  app.get('/v1/sources/:id', {
    schema: {
      tags: ['catalog'],
      summary: 'One source: the seed passage, reference dataset or assumption behind a figure',
      description: 'Estimates, batch results, comparisons and scenarios list their sources by id, kind and title; this is the whole record. Carries the same ETag and Cache-Control as GET /v1/catalog.',
      params: z.object({ id: z.string().max(120).describe('A source id, as cited in `sources`') }),
      response: { 200: SourceSchema, 304: z.undefined().describe('Not modified: the data has not changed'), ...problemResponses(404) },
    },
    handler: async (request, reply) => {
      const json = records.get(request.params.id);
      if (json === undefined) {
        throw new HttpProblem('not-found', `No source '${request.params.id}'. Sources that exist: ${[...records.keys()].join(', ')}.`);
      }
      return sendCacheable(request, reply, json, etag, maxAgeSeconds);
    },
  });
};

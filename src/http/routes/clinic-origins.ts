// The web origins of a clinic's own pages, which may call the API for it from a browser (its
// embedded calculator): GET lists them, POST registers one, DELETE ?origin= removes one. Needs the
// clinic's key (or the admin key). CORS reads them through a short cache (clinic-origins.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addOrigin, listOrigins, removeOrigin } from '../../storage/clinic-origins.js';
import { clinicAccess, type AuthContext } from '../auth.js';
import { ClinicParamsSchema } from '../clinic-schemas.js';
import type { ClinicOriginCache } from '../clinic-origins.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { withStorage } from '../storage-call.js';

const security = [{ bearer: [] }];
/** A web origin exactly as a browser sends it: scheme, host, optional port; no path, no trailing slash. */
export const OriginSchema = z
  .string()
  .max(255, 'must be at most 255 characters')
  .regex(/^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$|^https?:\/\/\[[0-9a-f:.]+\](:[0-9]{1,5})?$/, 'must be a web origin as a browser sends it, such as "https://www.example-clinic.fr": lowercase scheme and host, optional port, no path or trailing slash')
  .describe('A web origin, e.g. https://www.example-clinic.fr');
const OriginSchemaOut = z.object({ origin: OriginSchema, createdAt: z.string().describe('When the origin was registered, ISO 8601') });
const OriginListSchema = z.object({ clinicId: z.string(), origins: z.array(OriginSchemaOut) });
const OriginBodySchema = z.object({ origin: OriginSchema }).strict();
const OriginQuerySchema = z.object({ origin: OriginSchema }).strict();

export interface ClinicOriginRoutesOptions extends AuthContext {
  readonly cache?: ClinicOriginCache | undefined;
}

const notFound = (id: string) => new HttpProblem('not-found', `No clinic '${id}'.`);

export const clinicOriginRoutes: FastifyPluginAsyncZod<ClinicOriginRoutesOptions> = async (app, ctx) => {
  const { storage } = ctx;
  const preValidation = clinicAccess(ctx);
  const exists = async (db: { query<R>(sql: string, params?: readonly unknown[]): Promise<R[]> }, id: string) =>
    (await db.query<{ id: string }>('SELECT id FROM clinics WHERE id = $1', [id])).length > 0;

  app.get('/v1/clinics/:id/origins', {
    schema: {
      tags: ['clinics'],
      summary: "List the web origins of the clinic's own pages",
      description: "The origins whose pages may call the API for this clinic from a browser (CORS), such as the page embedding <mesoquote-calculator clinic=\"…\">. Needs the clinic's key or the admin key.",
      security,
      params: ClinicParamsSchema,
      response: { 200: OriginListSchema, ...problemResponses(400, 401, 403, 404, 429, 503) },
    },
    preValidation,
    handler: async (request, reply) => {
      const { id } = request.params;
      const origins = await withStorage(storage, 'list-origins', async (db) => ((await exists(db, id)) ? listOrigins(db, id) : undefined));
      if (!origins) throw notFound(id);
      reply.header('cache-control', 'no-store');
      return { clinicId: id, origins };
    },
  });

  app.post('/v1/clinics/:id/origins', {
    schema: {
      tags: ['clinics'],
      summary: "Register a web origin of the clinic's own pages",
      description:
        'Lets pages of this origin call the API for this clinic from a browser (CORS): estimates with ?clinic=, the catalog, quotes. Idempotent: 201 when new, 200 when it was already registered. Other instances see it within 30 seconds.',
      security,
      params: ClinicParamsSchema,
      body: OriginBodySchema,
      response: { 200: OriginSchemaOut, 201: OriginSchemaOut, ...problemResponses(400, 401, 403, 404, 415, 429, 503) },
    },
    preValidation,
    handler: async (request, reply) => {
      const { id } = request.params;
      const added = await withStorage(storage, 'add-origin', async (db) => ((await exists(db, id)) ? addOrigin(db, id, request.body.origin) : undefined));
      if (!added) throw notFound(id);
      ctx.cache?.invalidate();
      return reply.code(added.created ? 201 : 200).header('cache-control', 'no-store').send(added.origin);
    },
  });

  app.delete('/v1/clinics/:id/origins', {
    schema: {
      tags: ['clinics'],
      summary: "Remove a web origin of the clinic's own pages",
      description: 'Pages of that origin can no longer call the API for this clinic from a browser (at once on this instance, within 30 seconds on the others). 404 when it was not registered.',
      security,
      params: ClinicParamsSchema,
      querystring: OriginQuerySchema,
      response: { 204: z.null().describe('Removed'), ...problemResponses(400, 401, 403, 404, 429, 503) },
    },
    preValidation,
    handler: async (request, reply) => {
      const { id } = request.params;
      const { origin } = request.query;
      const removed = await withStorage(storage, 'remove-origin', async (db) => ((await exists(db, id)) ? removeOrigin(db, id, origin) : undefined));
      if (removed === undefined) throw notFound(id);
      if (!removed) throw new HttpProblem('not-found', `Clinic '${id}' has not registered the origin ${origin}.`);
      ctx.cache?.invalidate();
      return reply.code(204).send(null);
    },
  });
};

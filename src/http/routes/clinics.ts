// Clinics and their API keys: POST /v1/clinics (admin key) creates a clinic and shows its first key
// once; GET /v1/clinics/{id} reads it; POST …/keys issues another key and DELETE …/keys/{keyId}
// revokes one, which together rotate a key without downtime.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createClinic, getClinic, issueKey, revokeKey } from '../../storage/clinics.js';
import { authenticate, clinicAccess, principalOf, type AuthContext } from '../auth.js';
import { ClinicCreatedSchema, ClinicCreateSchema, ClinicParamsSchema, ClinicSchema, IssuedKeySchema, KeyInfoSchema, KeyParamsSchema } from '../clinic-schemas.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { withStorage } from '../storage-call.js';

const security = [{ bearer: [] }];
const notFound = (id: string) => new HttpProblem('not-found', `No clinic '${id}'.`);

export const clinicRoutes: FastifyPluginAsyncZod<AuthContext> = async (app, ctx) => {
  const { storage } = ctx;
  const preValidation = clinicAccess(ctx);

  app.post('/v1/clinics', {
    schema: {
      tags: ['clinics'],
      summary: 'Create a clinic (admin key)',
      description: 'Needs the admin key (ADMIN_API_KEY). Answers the clinic and its first API key; the key is shown this once and only its hash is kept.',
      security,
      body: ClinicCreateSchema,
      response: { 201: ClinicCreatedSchema, ...problemResponses(400, 401, 403, 415, 429, 503) },
    },
    preValidation: async (request, reply) => {
      if (ctx.adminApiKey === undefined) {
        throw new HttpProblem('clinic-creation-disabled', 'Clinic creation is disabled: this server has no ADMIN_API_KEY configured. Set ADMIN_API_KEY (32 characters or more) and restart.');
      }
      const principal = await authenticate(request, ctx, reply);
      if (principal.kind !== 'admin') throw new HttpProblem('forbidden', 'Only the admin key may create clinics.', undefined, { 'www-authenticate': 'Bearer realm="mesoquote", error="insufficient_scope"' });
    },
    handler: async (request, reply) => {
      const { clinic, key } = await withStorage(storage, 'create-clinic', (db) => createClinic(db, request.body.name));
      // The answer carries a secret: no cache, shared or private, may keep it.
      reply.code(201).header('location', `/v1/clinics/${clinic.id}`).header('cache-control', 'no-store');
      return { clinic: { ...clinic, keys: [{ id: key.id, createdAt: key.createdAt, revokedAt: null }] }, apiKey: key };
    },
  });

  app.get('/v1/clinics/:id', {
    schema: {
      tags: ['clinics'],
      summary: 'Read a clinic and its keys (without secrets)',
      description: "The clinic's name and its API keys by id, with when each was created and revoked. Needs the clinic's own key or the admin key; secrets are never shown again.",
      security,
      params: ClinicParamsSchema,
      response: { 200: ClinicSchema, ...problemResponses(400, 401, 403, 404, 429, 503) },
    },
    preValidation,
    handler: async (request) => {
      const clinic = await withStorage(storage, 'read-clinic', (db) => getClinic(db, request.params.id));
      if (!clinic) throw notFound(request.params.id);
      return clinic;
    },
  });

  app.post('/v1/clinics/:id/keys', {
    schema: {
      tags: ['clinics'],
      summary: 'Issue another API key (rotation, step 1)',
      description: 'The new key is shown this once. Deploy it, then revoke the old key with DELETE /v1/clinics/{id}/keys/{keyId}: both work in between, so rotation needs no downtime.',
      security,
      params: ClinicParamsSchema,
      response: { 201: IssuedKeySchema, ...problemResponses(400, 401, 403, 404, 429, 503) },
    },
    preValidation,
    handler: async (request, reply) => {
      const key = await withStorage(storage, 'issue-key', async (db) => ((await getClinic(db, request.params.id)) ? issueKey(db, request.params.id) : undefined));
      if (!key) throw notFound(request.params.id);
      return reply.code(201).header('location', `/v1/clinics/${request.params.id}`).header('cache-control', 'no-store').send(key);
    },
  });

  app.delete('/v1/clinics/:id/keys/:keyId', {
    schema: {
      tags: ['clinics'],
      summary: 'Revoke an API key (rotation, step 2)',
      description:
        "The key stops working at once, on every instance. Revoking a revoked key answers it again, unchanged. A clinic key may not revoke the clinic's last active key (409 last-key: issue another first); the admin key may.",
      security,
      params: KeyParamsSchema,
      response: { 200: KeyInfoSchema, ...problemResponses(400, 401, 403, 404, 409, 429, 503) },
    },
    preValidation,
    handler: async (request) => {
      const { id, keyId } = request.params;
      const keepOne = principalOf(request)?.kind !== 'admin';
      const key = await withStorage(storage, 'revoke-key', (db) => revokeKey(db, id, keyId, { keepOne }));
      if (!key) throw new HttpProblem('not-found', `Clinic '${id}' has no key '${keyId}'.`);
      if (key === 'last-key') {
        throw new HttpProblem('last-key', `Key ${keyId} is clinic ${id}'s only active key; revoking it would lock the clinic out. Issue another with POST /v1/clinics/${id}/keys first, then revoke this one.`);
      }
      return key;
    },
  });
};


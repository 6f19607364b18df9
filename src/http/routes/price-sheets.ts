// PUT and GET /v1/clinics/{id}/price-sheet: a clinic's own prices, versioned. Every PUT stores a
// new version (old ones stay readable with ?version=n). Updates are conditional: the ETag is
// "v<version>"; changing an existing sheet needs If-Match (428 without it) naming the latest
// version (412 otherwise), so two editors can never silently overwrite each other.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Catalog } from '../../domain/catalog.js';
import { checkPriceSheet } from '../../domain/price-sheet.js';
import { readSheet, writeSheet, type StoredSheet } from '../../storage/price-sheets.js';
import { clinicAccess, type AuthContext } from '../auth.js';
import { ClinicParamsSchema, PriceSheetSchema, PriceSheetVersionSchema, SheetQuerySchema } from '../clinic-schemas.js';
import { matches } from '../conditional.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { withStorage } from '../storage-call.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const security = [{ bearer: [] }];

const etagOf = (version: number): string => `"v${version}"`;
/** The stored sheet text embedded as is, so a version always reads back byte for byte. */
const versionJson = (s: StoredSheet): string => `{"clinicId":${JSON.stringify(s.clinicId)},"version":${s.version},"createdAt":${JSON.stringify(s.createdAt)},"sheet":${s.sheet}}`;

/** The version If-Match allows writing on top of: the latest when it matches, else 412. */
function basedOn(ifMatch: string | undefined, current: number, clinicId: string): number {
  if (ifMatch === undefined) {
    if (current === 0) return 0;
    throw new HttpProblem('precondition-required', `Clinic ${clinicId} already has a price sheet (version ${current}): send If-Match: "v${current}" (its ETag) to replace it, so that no one else's change is overwritten.`);
  }
  const ok = current > 0 && ifMatch.split(',').some((t) => t.trim() === '*' || t.trim() === etagOf(current));
  if (!ok) {
    throw new HttpProblem('precondition-failed', current === 0 ? `Clinic ${clinicId} has no price sheet yet: send the first one without If-Match.` : `The latest version is ${current} (ETag "v${current}"), not ${ifMatch}: read it, reapply your change and send If-Match: "v${current}".`);
  }
  return current;
}

export const priceSheetRoutes: FastifyPluginAsyncZod<AuthContext & { catalog: Catalog }> = async (app, ctx) => {
  const { storage, catalog } = ctx;
  const preValidation = clinicAccess(ctx);

  app.put('/v1/clinics/:id/price-sheet', {
    schema: {
      tags: ['clinics'],
      summary: "Set the clinic's price sheet (a new version)",
      description:
        'The first sheet is created without If-Match (201). Replacing it needs If-Match with the current ETag ("v<version>", or *): 428 without it, 412 when another change came first. Validated against the catalog: unknown treatments, areas, countries and currencies are 422 with the ids that exist.',
      security,
      params: ClinicParamsSchema,
      headers: z.looseObject({ 'if-match': z.string().optional().describe('The ETag of the version this change is based on') }),
      body: PriceSheetSchema,
      response: { 200: PriceSheetVersionSchema, 201: PriceSheetVersionSchema, ...problemResponses(400, 401, 403, 404, 412, 415, 422, 428, 429, 503) },
    },
    preValidation,
    handler: async (request, reply) => {
      const clinicId = request.params.id;
      checkPriceSheet(request.body, catalog);
      const text = JSON.stringify(request.body);
      const result = await withStorage(storage, 'write-sheet', async (db) => {
        const [clinic] = await db.query<{ id: string }>('SELECT id FROM clinics WHERE id = $1', [clinicId]);
        if (!clinic) return undefined;
        const current = (await readSheet(db, clinicId))?.version ?? 0;
        return writeSheet(db, clinicId, basedOn(request.headers['if-match'], current, clinicId), text);
      });
      if (!result) throw new HttpProblem('not-found', `No clinic '${clinicId}'.`);
      if (!result.ok) throw new HttpProblem('precondition-failed', `Another change was stored first: the latest version is now ${result.current}. Read it and retry with If-Match: "v${result.current}".`);
      const { sheet } = result;
      reply.code(sheet.version === 1 ? 201 : 200).header('etag', etagOf(sheet.version)).header('location', `/v1/clinics/${clinicId}/price-sheet?version=${sheet.version}`);
      return reply.type(JSON_TYPE).send(versionJson(sheet) as never);
    },
  });

  app.get('/v1/clinics/:id/price-sheet', {
    schema: {
      tags: ['clinics'],
      summary: "Read the clinic's price sheet (latest, or ?version=n)",
      description: 'Answers the version with its ETag; If-None-Match with a current ETag answers 304.',
      security,
      params: ClinicParamsSchema,
      querystring: SheetQuerySchema,
      response: { 200: PriceSheetVersionSchema, 304: z.undefined().describe('Not modified'), ...problemResponses(400, 401, 403, 404, 429, 503) },
    },
    preValidation,
    handler: async (request, reply) => {
      const clinicId = request.params.id;
      const version = request.query.version === undefined ? undefined : Number(request.query.version);
      const sheet = await withStorage(storage, 'read-sheet', (db) => readSheet(db, clinicId, version));
      if (!sheet) throw new HttpProblem('not-found', version === undefined ? `Clinic '${clinicId}' has no price sheet yet.` : `Clinic '${clinicId}' has no price sheet version ${version}.`);
      reply.header('etag', etagOf(sheet.version)).header('cache-control', 'private, no-cache');
      if (matches(request.headers['if-none-match'], etagOf(sheet.version))) return reply.code(304).send();
      return reply.type(JSON_TYPE).send(versionJson(sheet) as never);
    },
  });
};


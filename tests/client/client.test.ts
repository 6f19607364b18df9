// The typed client: its generated types are what openapi-typescript makes of the committed
// openapi/openapi.json today (drift), and it calls a started server and gets the API's answers.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TYPES_PATH, clientTypesText, OPENAPI_PATH } from '../../scripts/generate-client.js';
import { createMesoquoteClient, isProblem, MesoquoteProblem, type MesoquoteClient } from '../../src/client/index.js';
import { startedServer } from '../support/cli.js';

let server: { app: FastifyInstance; url: string };
let client: MesoquoteClient;

beforeAll(async () => {
  server = await startedServer();
  client = createMesoquoteClient({ baseUrl: server.url });
});
afterAll(async () => {
  await server?.app.close();
});

describe('src/client/openapi-types.ts', () => {
  it('equals a fresh generation from the committed openapi/openapi.json', async () => {
    const fresh = await clientTypesText(readFileSync(OPENAPI_PATH, 'utf8'));
    expect(readFileSync(CLIENT_TYPES_PATH, 'utf8'), 'the client types are out of date: run `npm run openapi` and commit the result').toBe(fresh);
  });
});

describe('the typed client against a started server', () => {
  it('estimate() answers the API estimate', async () => {
    const body = { treatment: 'hair-restoration', country: 'FR', package: { kind: 'prepaid-course' as const } };
    const estimate = await client.estimate(body);
    const api = await server.app.inject({ method: 'POST', url: '/v1/estimates', payload: body });
    expect(estimate).toEqual(api.json());
    expect(estimate.currency.code).toBe('EUR');
  });

  it('estimateSummary() and estimateBatch(…, { view: "summary" }) answer the summary view', async () => {
    const body = { treatment: 'fat-reduction', areas: ['abdomen', 'flanks'], country: 'DE' };
    const summary = await client.estimateSummary(body);
    const api = await server.app.inject({ method: 'POST', url: '/v1/estimates', payload: { ...body, view: 'summary' } });
    expect(summary).toEqual(api.json());
    expect(Object.keys(summary)).toEqual(['request', 'currency', 'perSession', 'sessions', 'total', 'likely', 'dataVersion']);
    expect(await client.estimateBatch([body], { view: 'summary' })).toEqual([summary]);
  });

  it('estimate() throws a MesoquoteProblem with the status and problem of a refused request', async () => {
    const error = await client.estimate({ treatment: 'botox' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MesoquoteProblem);
    expect((error as MesoquoteProblem).status).toBe(422);
    expect((error as MesoquoteProblem).problem.code).toBe('unknown-treatment');
  });

  it('estimateBatch() answers one result per request, a problem for the bad one', async () => {
    const results = await client.estimateBatch([{ treatment: 'skin-rejuvenation' }, { treatment: 'skin-rejuvenation', country: 'ZZ' }, { treatment: 'pain-management', country: 'IN' }]);
    expect(results.map((r) => (isProblem(r) ? r.code : r.total.typical))).toEqual(['1800.00', 'unknown-country', expect.stringMatching(/^\d+\.\d\d$/)]);
  });

  it('compare() and catalog() answer the API bodies', async () => {
    const compare = await client.compare({ base: { treatment: 'hair-restoration' }, vary: { country: ['US', 'FR'] }, currency: 'EUR', detail: 'summary' });
    expect(compare.cells).toHaveLength(2);
    const catalog = await client.catalog();
    expect(catalog.dataVersion).toMatch(/^sha256:/);
    expect(catalog.treatments.map((t) => t.id)).toContain('skin-rejuvenation');
  });

  it('raw is openapi-fetch typed with every path', async () => {
    const { data, response } = await client.raw.GET('/v1/estimates', { params: { query: { treatment: 'skin-rejuvenation', areas: 'face,neck' } } });
    expect(response.status).toBe(200);
    expect(data?.request.areas).toEqual(['face', 'neck']);
  });
});

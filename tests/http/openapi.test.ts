// Drift tests for the OpenAPI document: the committed openapi/openapi.json is exactly what the
// routes generate, the served document is the same, it validates as OpenAPI 3.1, and it covers
// every v1 path of the product brief and every problem code of the error catalog.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiText } from '../../src/http/openapi.js';
import { PROBLEM_CODES } from '../../src/http/problem.js';
import { testApp } from '../support/app.js';

const COMMITTED_PATH = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));

// The v1 table of PRODUCT.md, for the paths that exist today (batch is a later issue).
const PRODUCT_PATHS = [
  ['post', '/v1/estimates'],
  ['get', '/v1/estimates'],
  ['get', '/v1/catalog'],
  ['get', '/v1/treatments'],
  ['get', '/v1/countries'],
  ['get', '/healthz'],
  ['get', '/readyz'],
] as const;

interface Response {
  $ref?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
}
interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, Response> }>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }>; responses: Record<string, Response> };
}

/** A response, or the shared response component it refers to. */
function resolved(response: Response | undefined): Response | undefined {
  const name = response?.$ref?.replace('#/components/responses/', '');
  return name === undefined ? response : committed.components.responses[name];
}

let app: FastifyInstance;
let committedText: string;
let committed: OpenApiDoc;

beforeAll(async () => {
  app = await testApp();
  committedText = readFileSync(COMMITTED_PATH, 'utf8');
  committed = JSON.parse(committedText) as OpenApiDoc;
});

afterAll(async () => {
  await app?.close();
});

describe('openapi/openapi.json', () => {
  it('equals the document the routes generate, byte for byte', async () => {
    const generated = await openApiText(app);
    expect(committedText, 'openapi/openapi.json is out of date with the routes: run `npm run openapi` and commit the result').toBe(generated);
  });

  it('is what GET /openapi.json serves', async () => {
    const res = await supertest(app.server).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body, 'the served document differs from openapi/openapi.json: run `npm run openapi`').toEqual(committed);
  });

  it('validates as an OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(committed as unknown as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)?.slice(0, 2_000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(committed.openapi).toBe('3.1.0');
  });

  it.each(PRODUCT_PATHS)('documents %s %s from the product brief', (method, path) => {
    expect(Object.keys(committed.paths)).toContain(path);
    expect(committed.paths[path]).toHaveProperty(method);
  });

  it('names the Estimate, EstimateRequest and Problem components', () => {
    expect(Object.keys(committed.components.schemas)).toEqual(expect.arrayContaining(['Estimate', 'EstimateRequest', 'Problem']));
  });

  it('lists every problem code of the error catalog in the Problem schema', () => {
    const codes = committed.components.schemas.Problem?.properties?.code?.enum;
    expect(codes, 'Problem.code has an enum').toBeDefined();
    expect([...(codes ?? [])].sort()).toEqual([...PROBLEM_CODES].sort());
    for (const code of PROBLEM_CODES) expect(committedText).toContain(`"${code}"`);
  });

  it('takes an EstimateRequest and answers an Estimate on POST /v1/estimates', () => {
    const post = committed.paths['/v1/estimates']?.post;
    // EstimateRequest plus the optional `clinic` (batch and compare items take plain EstimateRequests).
    expect(JSON.stringify(post?.requestBody)).toContain('#/components/schemas/ClinicEstimateRequest');
    // The Estimate, or the EstimateSummary with view=summary.
    for (const method of ['post', 'get'] as const) {
      const schema = committed.paths['/v1/estimates']?.[method]?.responses['200']?.content?.['application/json']?.schema as { anyOf?: Array<{ $ref?: string }> } | undefined;
      expect(schema?.anyOf?.map((s) => s.$ref)).toEqual(['#/components/schemas/Estimate', '#/components/schemas/EstimateSummary']);
    }
  });

  it('documents the 400, 413, 415 and 422 problems of the estimate routes with the Problem schema', () => {
    for (const method of ['post', 'get'] as const) {
      const responses = committed.paths['/v1/estimates']?.[method]?.responses ?? {};
      for (const status of ['400', '413', '415', '422']) {
        expect(JSON.stringify(resolved(responses[status])), `${method} ${status}`).toContain('#/components/schemas/Problem');
      }
    }
  });

  // Errors are served as application/problem+json (sendProblem); generated clients must look there.
  it('documents every error response with the application/problem+json media type', () => {
    let documented = 0;
    for (const [path, methods] of Object.entries(committed.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, shared] of Object.entries(operation.responses)) {
          const response = resolved(shared);
          if (Number(status) < 400 || !response?.content) continue;
          expect(Object.keys(response.content), `${method.toUpperCase()} ${path} ${status}`).toEqual(['application/problem+json']);
          expect(response.content['application/problem+json']?.schema?.$ref).toBe('#/components/schemas/Problem');
          documented += 1;
        }
      }
    }
    expect(documented).toBeGreaterThanOrEqual(8);
  });
});

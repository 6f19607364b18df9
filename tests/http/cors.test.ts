// CORS: the allowlist from CORS_ORIGINS decides which other origins' pages may read answers; with
// none configured the service sends no CORS headers and OPTIONS stays a 405 problem.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { testApp } from '../support/app.js';
import { expectProblem } from './http-helpers.js';

const CLINIC = 'https://clinic.example';
const OTHER = 'https://elsewhere.example';
const preflight = (origin: string, url = '/v1/estimates', method = 'POST') => ({
  method: 'OPTIONS' as const,
  url,
  headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type' },
});

describe('CORS_ORIGINS configuration', () => {
  it('defaults to no origin at all', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
  });

  it('reads a comma-separated list, trims it, drops a trailing slash and duplicates', () => {
    expect(loadConfig({ CORS_ORIGINS: ` ${CLINIC}/ , http://localhost:8080,${CLINIC}` }).corsOrigins).toEqual([CLINIC, 'http://localhost:8080']);
    expect(loadConfig({ CORS_ORIGINS: '*' }).corsOrigins).toEqual(['*']);
  });

  it('refuses anything that is not an origin, naming the key and the value', () => {
    for (const bad of ['https://clinic.example/prices', 'ftp://clinic.example', 'clinic.example', 'https://a.example?x=1']) {
      expect(() => loadConfig({ CORS_ORIGINS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS: ".*" is not an origin/);
    }
  });
});

describe('without an allowlist', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(async () => app.close());

  it('sends no CORS headers, whatever the Origin', async () => {
    const res = await app.inject({ url: '/v1/catalog', headers: { origin: CLINIC } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight with the usual 405 problem', async () => {
    expectProblem(await app.inject(preflight(CLINIC)), 405, 'method-not-allowed');
  });
});

describe('with an allowlist', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ corsOrigins: [CLINIC] });
  });
  afterAll(async () => app.close());

  it('lets a listed origin read answers and the headers a client needs, and says the answer varies by Origin', async () => {
    const res = await app.inject({ url: '/v1/estimates?treatment=hair-restoration', headers: { origin: CLINIC } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(CLINIC);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(res.headers['access-control-expose-headers'])).toMatch(/etag/);
    expect(String(res.headers['access-control-expose-headers'])).toMatch(/x-request-id/);
    expect(String(res.headers.vary)).toMatch(/Origin/i);
  });

  it('gives an origin that is not listed no CORS headers, so its page cannot read the answer', async () => {
    const res = await app.inject({ url: '/v1/catalog', headers: { origin: OTHER } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(String(res.headers.vary)).toMatch(/Origin/i);
  });

  it('answers a listed origin\'s preflight with 204, the methods, headers and a max-age', async () => {
    const res = await app.inject(preflight(CLINIC));
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(CLINIC);
    expect(String(res.headers['access-control-allow-methods'])).toBe('GET, HEAD, POST, PUT, DELETE');
    expect(String(res.headers['access-control-allow-headers'])).toMatch(/content-type/);
    expect(res.headers['access-control-max-age']).toBe('600');
  });

  it("lets a listed origin's page send API keys and conditional requests: PUT and DELETE, Authorization, If-Match", async () => {
    for (const [url, method] of [
      ['/v1/clinics/cl_0123456789abcdef/price-sheet', 'PUT'],
      ['/v1/clinics/cl_0123456789abcdef/keys/0123456789abcdef', 'DELETE'],
    ] as const) {
      const res = await app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin: CLINIC, 'access-control-request-method': method, 'access-control-request-headers': 'authorization, if-match, content-type' },
      });
      expect(res.statusCode, method).toBe(204);
      expect(String(res.headers['access-control-allow-methods']).split(', ')).toContain(method);
      const allowed = String(res.headers['access-control-allow-headers']).split(', ');
      for (const header of ['authorization', 'if-match', 'if-none-match', 'content-type']) expect(allowed, header).toContain(header);
    }
  });

  it('lets a listed origin read where a created resource is, when to retry and its rate limit', async () => {
    const res = await app.inject({ url: '/v1/catalog', headers: { origin: CLINIC } });
    const exposed = String(res.headers['access-control-expose-headers']).split(', ');
    for (const header of ['location', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'www-authenticate', 'etag', 'allow', 'x-request-id']) {
      expect(exposed, header).toContain(header);
    }
  });

  it('keeps Vary: Origin when an answer also varies by Accept (scenarios, problem pages) and by Accept-Encoding', async () => {
    const scenarios = await app.inject({
      method: 'POST',
      url: '/v1/scenarios',
      headers: { origin: CLINIC },
      payload: { base: { treatment: 'fat-reduction' }, horizonMonths: 12, options: [{ name: 'pay as you go' }] },
    });
    expect(scenarios.statusCode, scenarios.body).toBe(200);
    const problemPage = await app.inject({ url: '/problems/not-found', headers: { origin: CLINIC } });
    for (const res of [scenarios, problemPage]) {
      const vary = String(res.headers.vary).split(',').map((v) => v.trim().toLowerCase());
      expect(vary).toEqual(['origin', 'accept', 'accept-encoding']);
    }
  });

  it('answers an unlisted origin\'s preflight, and an OPTIONS that is no preflight, with a 405 problem', async () => {
    expectProblem(await app.inject(preflight(OTHER)), 405, 'method-not-allowed');
    expectProblem(await app.inject({ method: 'OPTIONS', url: '/v1/estimates', headers: { origin: CLINIC } }), 405, 'method-not-allowed');
  });

  it('keeps errors problem+json and readable by the listed origin: 400, 404, 415, 422', async () => {
    const headers = { origin: CLINIC };
    const cases = [
      [await app.inject({ method: 'POST', url: '/v1/estimates', headers, payload: { treatment: 'fat-reduction', sessions: 0 } }), 400, 'validation-failed'],
      [await app.inject({ url: '/v1/nothing-here', headers }), 404, 'not-found'],
      [await app.inject({ method: 'POST', url: '/v1/estimates', headers: { ...headers, 'content-type': 'text/plain' }, payload: 'x' }), 415, 'unsupported-media-type'],
      [await app.inject({ url: '/v1/estimates?treatment=botox', headers }), 422, 'unknown-treatment'],
    ] as const;
    for (const [res, status, code] of cases) {
      expectProblem(res, status, code);
      expect(res.headers['access-control-allow-origin'], code).toBe(CLINIC);
    }
  });

  it('with * allows any origin, without credentials', async () => {
    const any = await testApp({ corsOrigins: ['*'] });
    try {
      const res = await any.inject({ url: '/v1/catalog', headers: { origin: OTHER } });
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect((await any.inject(preflight(OTHER))).statusCode).toBe(204);
    } finally {
      await any.close();
    }
  });
});

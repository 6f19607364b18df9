// The HTTP details a careful client meets: a wrong method is a 405 with Allow (HEAD included) on
// every path, parameterised ones too; HEAD answers 304 like GET; error details say what to send.
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { expectFieldError, expectProblem, parseRawAnswer, rawRequest } from './http-helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => app?.close());

describe('a wrong method', () => {
  it.each([
    ['POST', '/v1/quotes/q_0123456789abcdefghijkl', 'GET, HEAD'],
    ['PUT', '/v1/sources/wdi-price-level', 'GET, HEAD'],
    ['DELETE', '/problems/not-found', 'GET, HEAD'],
    ['GET', '/v1/clinics/cl_0123456789abcdef/keys', 'POST'],
    ['POST', '/v1/clinics/cl_0123456789abcdef/keys/0123456789abcdef', 'DELETE'],
    ['DELETE', '/v1/clinics/cl_0123456789abcdef/price-sheet', 'GET, HEAD, PUT'],
    ['PATCH', '/v1/estimates/', 'GET, HEAD, POST'],
  ])('%s %s answers 405 with Allow: %s', async (method, url, allow) => {
    const res = await app.inject({ method: method as 'GET', url });
    const problem = expectProblem(res, 405, 'method-not-allowed');
    expect(res.headers.allow).toBe(allow);
    expect(problem.detail).toBe(`${method} is not allowed on ${url}; allowed: ${allow}`);
  });

  it('is still a 404 where no route matches the path at all', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/v1/quotes/q_x/more' }), 404, 'not-found');
    expectProblem(await app.inject({ method: 'GET', url: '/v1/nothing/here' }), 404, 'not-found');
  });
});

describe('HEAD', () => {
  for (const url of ['/v1/catalog', '/v1/estimates?treatment=fat-reduction', '/v1/sources/wdi-price-level']) {
    it(`answers like GET on ${url}, and 304 without a Content-Length of 0 when If-None-Match is current`, async () => {
      const get = await app.inject({ url });
      expect(get.statusCode).toBe(200);
      const etag = String(get.headers.etag);
      // Over a real socket: what a client actually receives.
      const head = parseRawAnswer(await rawRequest(app, `HEAD ${url} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      expect(head.status).toBe(200);
      expect(head.headers['content-length']).toBe(String(get.rawPayload.length));
      expect(head.headers.etag).toBe(etag);
      expect(head.body).toBe('');
      const notModified = parseRawAnswer(await rawRequest(app, `HEAD ${url} HTTP/1.1\r\nHost: x\r\nIf-None-Match: ${etag}\r\nConnection: close\r\n\r\n`));
      expect(notModified.status).toBe(304);
      // RFC 9110 8.6: a 304 may carry Content-Length only if it is the 200's; 0 is wrong.
      expect(notModified.headers['content-length']).toBeUndefined();
      expect(notModified.headers.etag).toBe(etag);
      expect(notModified.body).toBe('');
      // And GET's 304 is unchanged.
      const getNotModified = await supertest(app.server).get(url).set('if-none-match', etag);
      expect(getNotModified.status).toBe(304);
      expect(getNotModified.headers['content-length']).toBeUndefined();
    });
  }
});

describe('what an error says', () => {
  it('a body that is not JSON: 415 naming application/json and what was sent', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/estimates', headers: { 'content-type': 'text/plain' }, payload: 'treatment=fat-reduction' });
    const problem = expectProblem(res, 415, 'unsupported-media-type');
    expect(problem.detail).toBe("The body must be JSON, sent with Content-Type: application/json; this request's Content-Type is 'text/plain'.");
    const form = await app.inject({ method: 'POST', url: '/v1/clinics', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=x' });
    expect(expectProblem(form, 415, 'unsupported-media-type').detail).toContain('application/json');
  });

  it('?sessions=abc lists its error once', async () => {
    const problem = expectProblem(await app.inject({ url: '/v1/estimates?treatment=fat-reduction&sessions=abc' }), 400, 'validation-failed');
    expect(problem.errors).toEqual([{ pointer: '/sessions', in: 'query', message: 'must be a whole number from 1 to 30' }]);
    expect(problem.detail).toBe('1 field of the query string failed validation: /sessions: must be a whole number from 1 to 30');
  });

  it('?sessions takes 1 to 30 and nothing else, as the document says', async () => {
    for (const good of ['1', '9', '10', '29', '30']) expect((await app.inject({ url: `/v1/estimates?treatment=fat-reduction&sessions=${good}` })).statusCode, good).toBe(200);
    for (const bad of ['0', '01', '31', '99', '100', '-1', '1.5', ' 1', '']) {
      expectProblem(await app.inject({ url: `/v1/estimates?treatment=fat-reduction&sessions=${encodeURIComponent(bad)}` }), 400, 'validation-failed');
    }
  });

  it('an empty POST says the request has no body and what to send', async () => {
    const problem = expectProblem(await app.inject({ method: 'POST', url: '/v1/estimates' }), 400, 'validation-failed');
    expect(problem.detail).toBe(
      'The request has no body; send a JSON object with Content-Type: application/json (fields: treatment, areas, country, cityTier, practitioner, sessions, currency, package, clinic, view).',
    );
    expect(problem.detail).not.toContain('received null');
    expectFieldError(problem, '');
  });

  it('a JSON null or array body says a JSON object is needed', async () => {
    const nullBody = expectProblem(await app.inject({ method: 'POST', url: '/v1/estimates', headers: { 'content-type': 'application/json' }, payload: 'null' }), 400, 'validation-failed');
    expect(nullBody.detail).toMatch(/^The body is JSON null; send a JSON object with Content-Type: application\/json/);
    const array = expectProblem(await app.inject({ method: 'POST', url: '/v1/estimates', headers: { 'content-type': 'application/json' }, payload: '[]' }), 400, 'validation-failed');
    expect(array.errors?.[0]?.message).toBe('must be a JSON object with the fields treatment, areas, country, cityTier, practitioner, sessions, currency, package, clinic, view, not an array');
  });
});

describe('compare', () => {
  it('answers 422 for a base request that fails the same way in every cell (an unknown treatment)', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/estimates/compare', payload: { base: { treatment: 'botox' }, vary: { country: ['US', 'FR'] } } });
    const problem = expectProblem(res, 422, 'unknown-treatment');
    expectFieldError(problem, '/base/treatment');
    expect(problem.instance).toBe('/v1/estimates/compare');
  });

  it('still answers 200 when cells fail for their own varied values', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/estimates/compare', payload: { base: { treatment: 'fat-reduction' }, vary: { country: ['US', 'ZZ'] } } });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ cells: Array<{ problem?: { code: string } }> }>();
    expect(body.cells.map((c) => c.problem?.code)).toEqual([undefined, 'unknown-country']);
  });

  it('still answers 200 when every cell fails but in different ways', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/estimates/compare',
      payload: { base: { treatment: 'fat-reduction', areas: ['face'] }, vary: { treatment: ['hair-restoration', 'nothing-such'] } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ cells: Array<{ problem?: { code: string } }> }>().cells.map((c) => c.problem?.code)).toEqual(['area-not-allowed', 'unknown-treatment']);
  });
});

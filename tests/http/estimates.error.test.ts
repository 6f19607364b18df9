// Errors of the estimate routes and of the service as a whole: every error is RFC 9457
// application/problem+json with type, title, status, detail and code; validation errors name each
// field by JSON pointer; unknown ids answer 422 with the ids that exist; and every `type` resolves.
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SESSIONS } from '../../src/http/schemas.js';
import { realData, testApp } from '../support/app.js';
import { expectFieldError, expectProblem, parseRawAnswer, rawRequest, type HttpAnswer } from './http-helpers.js';

let app: FastifyInstance;
// Every problem `type` this file sees, resolved at the end through GET /problems/{code}.
const seenTypes = new Set<string>();

beforeAll(async () => {
  app = await testApp();
});

afterAll(async () => {
  await app?.close();
});

function problemOf(res: HttpAnswer, status: number, code: Parameters<typeof expectProblem>[2]) {
  const body = expectProblem(res, status, code);
  seenTypes.add(body.type);
  return body;
}

const postJson = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/v1/estimates', payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });

describe('POST /v1/estimates: validation errors (400 validation-failed)', () => {
  it.each([
    ['treatment is missing', {}, '/treatment'],
    ['treatment is a number', { treatment: 5 }, '/treatment'],
    ['treatment is not an id', { treatment: 'Skin Rejuvenation' }, '/treatment'],
    ['areas is a string', { treatment: 'skin-rejuvenation', areas: 'face' }, '/areas'],
    ['areas is empty', { treatment: 'skin-rejuvenation', areas: [] }, '/areas'],
    ['an area is a number', { treatment: 'skin-rejuvenation', areas: ['face', 7] }, '/areas/1'],
    ['sessions is 1.5', { treatment: 'skin-rejuvenation', sessions: 1.5 }, '/sessions'],
    ['sessions is 0', { treatment: 'skin-rejuvenation', sessions: 0 }, '/sessions'],
    ['sessions is -1', { treatment: 'skin-rejuvenation', sessions: -1 }, '/sessions'],
    [`sessions is ${MAX_SESSIONS + 1}`, { treatment: 'skin-rejuvenation', sessions: MAX_SESSIONS + 1 }, '/sessions'],
    ['sessions is the string "3"', { treatment: 'skin-rejuvenation', sessions: '3' }, '/sessions'],
    ['country has three letters', { treatment: 'skin-rejuvenation', country: 'USA' }, '/country'],
    ['country has a digit', { treatment: 'skin-rejuvenation', country: 'U1' }, '/country'],
    ['currency has two letters', { treatment: 'skin-rejuvenation', currency: 'EU' }, '/currency'],
    ['cityTier is not a tier', { treatment: 'skin-rejuvenation', cityTier: 'village' }, '/cityTier'],
    ['practitioner is not a tier', { treatment: 'skin-rejuvenation', practitioner: 'nurse' }, '/practitioner'],
    ['package kind is unknown', { treatment: 'skin-rejuvenation', package: { kind: 'bogus' } }, '/package/kind'],
    ['package is null', { treatment: 'skin-rejuvenation', package: null }, '/package'],
    ['the body is an array', [], ''],
    ['the body is null', null, ''],
  ])('answers 400 naming the field when %s', async (_label, payload, pointer) => {
    const body = problemOf(await postJson(payload), 400, 'validation-failed');
    const item = expectFieldError(body, pointer, 'body');
    if (pointer) expect(body.detail).toContain(pointer);
    expect(item.message).not.toMatch(/^\s*$/);
  });

  it('names an unknown field /foo and lists the allowed fields, treatment among them', async () => {
    const body = problemOf(await postJson({ treatment: 'skin-rejuvenation', foo: 1 }), 400, 'validation-failed');
    const item = expectFieldError(body, '/foo', 'body');
    expect(item.allowed).toContain('treatment');
    expect(item.allowed).toEqual(expect.arrayContaining(['areas', 'country', 'cityTier', 'practitioner', 'sessions', 'currency', 'package']));
    expect(item.message).toContain('foo');
  });

  it('names an unknown field inside package by its full pointer', async () => {
    const body = problemOf(await postJson({ treatment: 'skin-rejuvenation', package: { kind: 'none', extra: true } }), 400, 'validation-failed');
    expectFieldError(body, '/package/extra', 'body');
  });

  it('escapes "/" and "~" in an unknown field name as a JSON pointer does', async () => {
    const body = problemOf(await postJson({ treatment: 'skin-rejuvenation', 'a/b~c': 1 }), 400, 'validation-failed');
    expectFieldError(body, '/a~1b~0c', 'body');
  });

  it('reports every faulty field at once', async () => {
    const body = problemOf(await postJson({ treatment: 5, sessions: 0, cityTier: 'x' }), 400, 'validation-failed');
    for (const pointer of ['/treatment', '/sessions', '/cityTier']) expectFieldError(body, pointer, 'body');
  });
});

describe('GET /v1/estimates: validation errors name the query parameter', () => {
  it.each([
    ['treatment is missing', '', '/treatment'],
    ['sessions is 1.5', 'treatment=skin-rejuvenation&sessions=1.5', '/sessions'],
    ['sessions is 0', 'treatment=skin-rejuvenation&sessions=0', '/sessions'],
    ['sessions is 31', 'treatment=skin-rejuvenation&sessions=31', '/sessions'],
    ['sessions is not a number', 'treatment=skin-rejuvenation&sessions=six', '/sessions'],
    ['areas ends with a comma', 'treatment=skin-rejuvenation&areas=face,', '/areas'],
    ['areas is empty', 'treatment=skin-rejuvenation&areas=', '/areas'],
    ['country has three letters', 'treatment=skin-rejuvenation&country=FRA', '/country'],
    ['cityTier is not a tier', 'treatment=skin-rejuvenation&cityTier=village', '/cityTier'],
    ['practitioner is not a tier', 'treatment=skin-rejuvenation&practitioner=nurse', '/practitioner'],
    ['package kind is unknown', 'treatment=skin-rejuvenation&package=bogus', '/package'],
    ['treatment is given twice', 'treatment=skin-rejuvenation&treatment=fat-reduction', '/treatment'],
  ])('answers 400 in: query when %s', async (_label, query, pointer) => {
    const res = await supertest(app.server).get(`/v1/estimates?${query}`);
    expectFieldError(problemOf(res, 400, 'validation-failed'), pointer, 'query');
  });

  it('names an unknown query parameter with in: query and the allowed parameters', async () => {
    const res = await supertest(app.server).get('/v1/estimates?treatment=skin-rejuvenation&foo=1');
    const item = expectFieldError(problemOf(res, 400, 'validation-failed'), '/foo', 'query');
    expect(item.allowed).toContain('treatment');
  });
});

describe('unknown ids answer 422 with the ids that exist', () => {
  it('unknown treatment: lists the treatments, hair-restoration among them', async () => {
    const body = problemOf(await postJson({ treatment: 'botox' }), 422, 'unknown-treatment');
    const item = expectFieldError(body, '/treatment', 'body');
    expect(item.allowed).toContain('hair-restoration');
    expect(item.allowed).toEqual([...realData().catalog.treatments.keys()]);
    expect(body.detail).toContain('botox');
  });

  it('unknown area: names /areas/{index} and lists the areas of the treatment', async () => {
    const body = problemOf(await postJson({ treatment: 'skin-rejuvenation', areas: ['face', 'tail'] }), 422, 'unknown-area');
    const item = expectFieldError(body, '/areas/1', 'body');
    expect(item.allowed).toEqual(realData().catalog.treatments.get('skin-rejuvenation')?.allowedAreas);
    expect(body.detail).toContain('tail');
  });

  it('area not treated for the treatment: hair-restoration on the face allows only the scalp', async () => {
    const body = problemOf(await postJson({ treatment: 'hair-restoration', areas: ['face'] }), 422, 'area-not-allowed');
    const item = expectFieldError(body, '/areas/0', 'body');
    expect(item.allowed).toEqual(['scalp']);
  });

  it('duplicate area: names the second occurrence', async () => {
    const body = problemOf(await postJson({ treatment: 'skin-rejuvenation', areas: ['face', 'neck', 'face'] }), 422, 'duplicate-area');
    expectFieldError(body, '/areas/2', 'body');
    expect(body.detail).toContain('face');
  });

  it("unknown country 'XX': lists the countries with price data", async () => {
    const body = problemOf(await postJson({ treatment: 'skin-rejuvenation', country: 'XX' }), 422, 'unknown-country');
    const item = expectFieldError(body, '/country', 'body');
    expect(item.allowed).toEqual(expect.arrayContaining(['US', 'FR', 'JP']));
    expect(item.allowed).not.toContain('XX');
  });

  it("unknown country in the query string is reported in: query", async () => {
    const res = await supertest(app.server).get('/v1/estimates?treatment=skin-rejuvenation&country=xx');
    const item = expectFieldError(problemOf(res, 422, 'unknown-country'), '/country', 'query');
    expect(item.allowed).toContain('US');
  });

  it("unknown currency 'XXX': lists the currencies with an exchange rate", async () => {
    const body = problemOf(await postJson({ treatment: 'skin-rejuvenation', currency: 'XXX' }), 422, 'unknown-currency');
    const item = expectFieldError(body, '/currency', 'body');
    expect(item.allowed).toEqual(expect.arrayContaining(['USD', 'EUR', 'JPY']));
  });
});

describe('request bodies the parser refuses', () => {
  it('invalid JSON answers 400 invalid-json', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/estimates', payload: '{"treatment":', headers: { 'content-type': 'application/json' } });
    problemOf(res, 400, 'invalid-json');
  });

  it('an empty JSON body answers 400 invalid-json', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/estimates', headers: { 'content-type': 'application/json' } });
    problemOf(res, 400, 'invalid-json');
  });

  it('a text/plain body answers 415', async () => {
    const res = await supertest(app.server).post('/v1/estimates').set('content-type', 'text/plain').send('{"treatment":"skin-rejuvenation"}');
    problemOf(res, 415, 'unsupported-media-type');
  });

  it('a form body answers 415', async () => {
    const res = await supertest(app.server).post('/v1/estimates').type('form').send({ treatment: 'skin-rejuvenation' });
    problemOf(res, 415, 'unsupported-media-type');
  });

  it('a body without a content-type answers 415', async () => {
    const payload = '{"treatment":"skin-rejuvenation"}';
    const raw = await rawRequest(app, `POST /v1/estimates HTTP/1.1\r\nHost: localhost\r\nContent-Length: ${payload.length}\r\nConnection: close\r\n\r\n${payload}`);
    const { status, headers, body } = parseRawAnswer(raw);
    problemOf({ statusCode: status, headers, body }, 415, 'unsupported-media-type');
  });

  it('a body over 64 KiB answers 413', async () => {
    const payload = JSON.stringify({ treatment: 'skin-rejuvenation', padding: 'x'.repeat(64 * 1024) });
    const res = await app.inject({ method: 'POST', url: '/v1/estimates', payload, headers: { 'content-type': 'application/json' } });
    problemOf(res, 413, 'payload-too-large');
  });

  it('a body whose length disagrees with content-length answers 400', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/estimates',
      payload: '{"treatment":"skin-rejuvenation"}',
      headers: { 'content-type': 'application/json', 'content-length': '5' },
    });
    problemOf(res, 400, 'bad-request');
  });
});

describe('routes and methods', () => {
  it('an unknown route answers 404 not-found naming the path', async () => {
    const res = await supertest(app.server).get('/v1/nope');
    const body = problemOf(res, 404, 'not-found');
    expect(body.instance).toBe('/v1/nope');
  });

  it('DELETE /v1/estimates answers 405 with Allow: GET, HEAD, POST', async () => {
    const res = await supertest(app.server).delete('/v1/estimates');
    problemOf(res, 405, 'method-not-allowed');
    expect(res.headers.allow).toBe('GET, HEAD, POST');
  });

  it('PUT /v1/catalog answers 405 with Allow: GET, HEAD', async () => {
    const res = await supertest(app.server).put('/v1/catalog').send({});
    problemOf(res, 405, 'method-not-allowed');
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('PATCH /v1/treatments answers 405 with an Allow header naming GET', async () => {
    const res = await app.inject({ method: 'PATCH', url: '/v1/treatments' });
    problemOf(res, 405, 'method-not-allowed');
    expect(String(res.headers.allow)).toContain('GET');
  });

  it('a path with broken percent-encoding answers 400 problem+json', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/%E0%A4%A' });
    problemOf(res, 400, 'bad-request');
  });

  it('an over-long path parameter answers problem+json', async () => {
    const res = await app.inject({ method: 'GET', url: `/problems/${'a'.repeat(300)}` });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json\b/);
  });
});

describe('problem types resolve', () => {
  it('GET /problems/{code} resolves every problem type seen in this file', async () => {
    expect(seenTypes.size).toBeGreaterThanOrEqual(10);
    for (const type of seenTypes) {
      const res = await supertest(app.server).get(type);
      expect(res.status, type).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json\b/);
      const code = type.replace('/problems/', '');
      expect(res.body).toMatchObject({ code });
      expect(typeof res.body.title).toBe('string');
      expect(res.body.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('GET /problems lists every type with the same title and status as /problems/{code}', async () => {
    const res = await app.inject({ method: 'GET', url: '/problems' });
    expect(res.statusCode).toBe(200);
    const { problems } = res.json() as { problems: { code: string; title: string; status: number }[] };
    for (const p of problems) {
      const one = await app.inject({ method: 'GET', url: `/problems/${p.code}` });
      expect(one.json()).toEqual(p);
    }
  });

  it('GET /problems/nope answers 404 problem+json', async () => {
    const body = problemOf(await supertest(app.server).get('/problems/nope'), 404, 'not-found');
    expect(body.detail).toContain('nope');
  });

  it('GET /problems/__proto__ answers 404, not an inherited property', async () => {
    problemOf(await app.inject({ method: 'GET', url: '/problems/__proto__' }), 404, 'not-found');
  });
});

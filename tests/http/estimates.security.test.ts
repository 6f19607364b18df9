// Hostile input against the estimate routes: no answer leaks a stack trace or a path, prototype
// keys pollute nothing, generated garbage never yields a 5xx or a non-JSON body, over-long query
// strings are refused cleanly, and a request id cannot inject response headers.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { EstimateSchema } from '../../src/http/schemas.js';
import { realData, testApp, testConfig } from '../support/app.js';
import { expectNoInternals, expectProblem, parseRawAnswer, rawRequest } from './http-helpers.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp();
});

afterAll(async () => {
  await app?.close();
  delete (Object.prototype as Record<string, unknown>).polluted;
});

const postRaw = (payload: string) =>
  app.inject({ method: 'POST', url: '/v1/estimates', payload, headers: { 'content-type': 'application/json' } });

/** The invariant for any input: 200 or 4xx, a JSON body of the right media type, nothing internal. */
function expectCleanAnswer(res: LightMyRequestResponse, input: string): void {
  const where = `input ${input.slice(0, 300)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeGreaterThanOrEqual(200);
  expect(res.statusCode, where).toBeLessThan(500);
  expect(res.statusCode === 200 || res.statusCode >= 400, where).toBe(true);
  const type = String(res.headers['content-type']);
  if (res.statusCode === 200) {
    expect(type, where).toMatch(/^application\/json\b/);
    EstimateSchema.parse(res.json());
  } else {
    expect(type, where).toMatch(/^application\/problem\+json\b/);
    expect(() => JSON.parse(res.body), where).not.toThrow();
  }
  expectNoInternals(res.body);
}

function isPolluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe.polluted !== undefined || Object.hasOwn(Object.prototype, 'polluted') || Object.hasOwn(Array.prototype, 'polluted');
}

describe('no stack traces or paths in answers', () => {
  const HOSTILE: readonly { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: string; type?: string }[] = [
    { method: 'POST', url: '/v1/estimates', payload: '{"treatment":', type: 'application/json' },
    { method: 'POST', url: '/v1/estimates', payload: '{"treatment":"hair-restoration","__proto__":{"x":1}}', type: 'application/json' },
    { method: 'POST', url: '/v1/estimates', payload: '{"treatment":"botox"}', type: 'application/json' },
    { method: 'POST', url: '/v1/estimates', payload: '{"treatment":"skin-rejuvenation","areas":["scalp"]}', type: 'application/json' },
    { method: 'POST', url: '/v1/estimates', payload: '{"treatment":1}', type: 'application/json' },
    { method: 'POST', url: '/v1/estimates', payload: 'x', type: 'text/plain' },
    { method: 'POST', url: '/v1/estimates', payload: 'x', type: 'application/xml' },
    { method: 'POST', url: '/v1/estimates', payload: `{"x":"${'y'.repeat(70_000)}"}`, type: 'application/json' },
    { method: 'POST', url: '/v1/estimates', payload: '', type: 'application/json' },
    { method: 'GET', url: '/v1/estimates?treatment=%ZZ&areas=%' },
    { method: 'GET', url: '/v1/estimates?treatment=skin-rejuvenation&sessions=1e309' },
    { method: 'GET', url: '/v1/estimates?treatment=skin-rejuvenation&country=ZZ' },
    { method: 'GET', url: '/problems/..%2F..%2Fetc%2Fpasswd' },
    { method: 'GET', url: '/../../etc/passwd' },
    { method: 'DELETE', url: '/v1/estimates' },
    { method: 'PUT', url: '/v1/catalog' },
  ];

  it.each(HOSTILE.map((r) => [`${r.method} ${r.url.slice(0, 60)} ${r.payload?.slice(0, 40) ?? ''}`, r] as const))(
    '%s answers 4xx without internals',
    async (_label, r) => {
      const res = await app.inject({ method: r.method, url: r.url, ...(r.payload !== undefined ? { payload: r.payload } : {}), headers: r.type ? { 'content-type': r.type } : {} });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json\b/);
      expectNoInternals(res.body);
    },
  );
});

describe('server faults', () => {
  it('a handler that throws answers 500 internal-error problem+json with no message, stack or path', async () => {
    // The real app plus one failing route, registered before ready (testApp is already ready).
    const faulty = await buildApp({ config: testConfig(), data: realData() });
    faulty.get('/boom', async () => {
      throw new TypeError('secret detail at /work/main/src/secret.ts:1:2');
    });
    faulty.get('/boom-sync', () => (JSON.parse('null') as { toString(): string }).toString());
    await faulty.ready();
    try {
      for (const url of ['/boom', '/boom-sync']) {
        const res = await faulty.inject({ method: 'GET', url, headers: { 'x-request-id': 'fault-1' } });
        const body = expectProblem(res, 500, 'internal-error');
        expect(body.requestId).toBe('fault-1');
        expect(res.body).not.toContain('secret');
        expect(res.body).not.toContain('TypeError');
        expect(res.body).not.toContain('Cannot read');
        expectNoInternals(res.body);
      }
    } finally {
      await faulty.close();
    }
  });
});

describe('prototype pollution', () => {
  it.each([
    ['__proto__ beside a valid treatment', '{"treatment":"hair-restoration","__proto__":{"polluted":1}}'],
    ['constructor.prototype', '{"constructor":{"prototype":{"polluted":1}}}'],
    ['constructor.prototype beside a valid treatment', '{"treatment":"hair-restoration","constructor":{"prototype":{"polluted":1}}}'],
    ['__proto__ nested in package', '{"treatment":"hair-restoration","package":{"kind":"none","__proto__":{"polluted":1}}}'],
    ['__proto__ inside the areas array', '{"treatment":"hair-restoration","areas":[{"__proto__":{"polluted":1}}]}'],
    ['unicode-escaped __proto__', '{"treatment":"hair-restoration","\\u005f\\u005fproto\\u005f\\u005f":{"polluted":1}}'],
  ])('a body with %s answers 4xx and leaves Object.prototype clean', async (_label, payload) => {
    const res = await postRaw(payload);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json\b/);
    expect(isPolluted()).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    '/v1/estimates?treatment=hair-restoration&__proto__[polluted]=1',
    '/v1/estimates?treatment=hair-restoration&__proto__.polluted=1',
    '/v1/estimates?treatment=hair-restoration&constructor[prototype][polluted]=1',
    '/v1/estimates?__proto__=1&treatment=hair-restoration',
  ])('the query %s answers 400 and leaves Object.prototype clean', async (url) => {
    const res = await app.inject({ method: 'GET', url });
    expectProblem(res, 400, 'validation-failed');
    expect(isPolluted()).toBe(false);
  });

  it('a body with a __proto__ key is refused with a detail that names the key', async () => {
    const res = await postRaw('{"treatment":"hair-restoration","__proto__":{"polluted":1}}');
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('__proto__');
  });
});

// Raw JSON text for a field value: plain and valid values, wrong types, huge and special numbers,
// NaN-like strings, long unicode, deep nesting (as text, beyond what JSON.stringify would build).
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const rawValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '"skin-rejuvenation"', '"fat-reduction"', '"hair-restoration"', '"pain-management"', '"cellulite-reduction"',
    '["face"]', '["face","neck"]', '["scalp"]', '["abdomen","thighs"]', '["face","face"]', '[]',
    '"US"', '"fr"', '"JP"', '"XX"', '"USD"', '"eur"', '"XXX"',
    '"major-metro"', '"town"', '"city"', '"specialist"', '"non-physician"',
    '1', '6', '30', '0', '-1', '31', '1.5', '"3"',
    '{"kind":"none"}', '{"kind":"bogus"}', '{}',
    'null', 'true', 'false', '""',
    '1e309', '-1e309', '123456789012345678901234567890', '4.9e-324', '-0', '1E2',
    '"NaN"', '"Infinity"', '"-Infinity"', '"1e309"', '"undefined"', '"null"',
    deepArray(2000), `{"a":${deepArray(2000)}}`,
  ),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ unit: 'grapheme', maxLength: 300 }).map((s) => JSON.stringify(s)),
  fc.integer({ min: 1, max: 5000 }).map((n) => JSON.stringify('\u{1F600}é中'.repeat(n))),
  fc.double().map((d) => (Number.isFinite(d) ? String(d) : JSON.stringify(String(d)))),
);
const fieldName = fc.oneof(
  fc.constantFrom('treatment', 'areas', 'country', 'cityTier', 'practitioner', 'sessions', 'currency', 'package', '__proto__', 'constructor', 'prototype', 'toString', ''),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
// A JSON object as text, keys possibly repeated, values from rawValue.
const rawObject = fc
  .array(fc.tuple(fieldName, rawValue), { maxLength: 9 })
  .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
// A well-formed request (mostly valid, some unknown ids) with at most one field replaced or added
// (any name, any raw value), so that generated input reaches the engine (200, 422), not only zod.
const VALID_PAIRS: readonly (readonly [string, string | null])[] = [
  ['"skin-rejuvenation"', '["face"]'], ['"skin-rejuvenation"', '["neck","face"]'], ['"fat-reduction"', '["abdomen"]'],
  ['"fat-reduction"', '["thighs","flanks"]'], ['"hair-restoration"', '["scalp"]'], ['"pain-management"', null], ['"cellulite-reduction"', null],
  // Well-formed but unknown or mismatched ids: the engine's 422s.
  ['"botox"', null], ['"hair-restoration"', '["face"]'], ['"skin-rejuvenation"', '["face","face"]'],
];
const optional = (values: readonly string[]) => fc.option(fc.constantFrom(...values), { nil: undefined });
const nearlyValidObject = fc
  .record({
    pair: fc.constantFrom(...VALID_PAIRS),
    country: optional(['"US"', '"fr"', '"JP"', '"DE"', '"br"', '"XX"']),
    cityTier: optional(['"major-metro"', '"city"', '"town"']),
    practitioner: optional(['"non-physician"', '"physician"', '"specialist"']),
    sessions: optional(['1', '4', '30']),
    currency: optional(['"USD"', '"eur"', '"JPY"']),
    package: optional(['{"kind":"none"}']),
    mutation: fc.option(fc.tuple(fieldName, rawValue), { freq: 2, nil: undefined }),
  })
  .map(({ pair: [treatment, areas], mutation, ...rest }) => {
    const fields = new Map<string, string>([['treatment', treatment]]);
    if (areas) fields.set('areas', areas);
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) fields.set(k, v);
    if (mutation) fields.set(mutation[0], mutation[1]);
    return `{${[...fields].map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  });
// Any body text at all: JSON values, objects, raw values, deep nesting, and broken JSON.
const rawBody = fc.oneof(
  fc.json({ maxDepth: 4 }),
  rawObject,
  nearlyValidObject,
  rawValue,
  fc.constantFrom(deepArray(2000), '{', '{"treatment":"skin-rejuvenation",}', 'NaN', "{'treatment':'x'}", '\u0000', '[1,2', '"\\ud800"'),
  fc.string({ maxLength: 200 }),
);

// A query string: known and random keys, random and nasty values, sometimes left unencoded.
const queryValue = fc.oneof(
  fc.constantFrom('skin-rejuvenation', 'hair-restoration', 'face,neck', 'scalp', 'face,,neck', 'fr', 'XX', '6', '0', '31', '1.5', '1e309', 'NaN', 'none', ''),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const queryPair = fc.tuple(
  fc.oneof(fc.constantFrom('treatment', 'areas', 'country', 'cityTier', 'practitioner', 'sessions', 'currency', 'package', '__proto__', 'a[b]', 'treatment[]'), fc.string({ maxLength: 12 })),
  queryValue,
  fc.boolean(),
);
const queryString = fc.oneof(
  fc.array(queryPair, { maxLength: 8 }).map((pairs) =>
    pairs.map(([k, v, encode]) => (encode ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : `${encodeURIComponent(k)}=${v.replace(/[#\s]/g, '')}`)).join('&'),
  ),
  fc.constantFrom('%', '%%', '%ZZ', '&&&', '===', 'treatment=%E0%A4%A', 'treatment', '?', 'treatment=skin-rejuvenation&&&areas=face'),
);

describe('generated garbage never causes a 5xx', () => {
  it('POST /v1/estimates answers 200 or 4xx with a JSON body for 600 generated bodies', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(rawBody, async (payload) => {
        runs += 1;
        expectCleanAnswer(await postRaw(payload), payload);
      }),
      { numRuns: 600 },
    );
    expect(runs).toBeGreaterThanOrEqual(600);
    expect(isPolluted()).toBe(false);
  });

  it('POST /v1/estimates answers 200 or 4xx for 300 generated objects with known and random fields', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearlyValidObject, rawObject), async (payload) => {
        const res = await postRaw(payload);
        statuses.add(res.statusCode);
        expectCleanAnswer(res, payload);
      }),
      { numRuns: 300 },
    );
    // The generator reaches the engine (200 and 422), not only the validator.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 400, 422]));
    expect(isPolluted()).toBe(false);
  });

  it('GET /v1/estimates answers 200 or 4xx with a JSON body for 400 generated query strings', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        expectCleanAnswer(await app.inject({ method: 'GET', url: `/v1/estimates?${query}` }), query);
      }),
      { numRuns: 400 },
    );
    expect(isPolluted()).toBe(false);
  });

  it('a body of 2000 nested arrays as a field value answers 400 naming the field', async () => {
    const res = await postRaw(`{"treatment":${deepArray(2000)}}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/treatment');
  });

  it('a body nested as deep as the body limit allows answers 4xx', async () => {
    const depth = 30_000;
    const res = await postRaw(`{"areas":${deepArray(depth)}}`);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});

describe('very long query strings', () => {
  it('a 60 KB treatment in the query answers 400 naming /treatment', async () => {
    const res = await app.inject({ method: 'GET', url: `/v1/estimates?treatment=${'a'.repeat(60_000)}` });
    const body = expectProblem(res, 400, 'validation-failed');
    expect(body.errors?.map((e) => e.pointer)).toContain('/treatment');
    expect(res.body.length).toBeLessThan(5_000);
  });

  it('a 60 KB areas list in the query answers 400 naming /areas', async () => {
    const res = await app.inject({ method: 'GET', url: `/v1/estimates?treatment=skin-rejuvenation&areas=${Array(10_000).fill('face').join(',')}` });
    const body = expectProblem(res, 400, 'validation-failed');
    expect(body.errors?.map((e) => e.pointer)).toContain('/areas');
  });

  it('an 8 KB query over a real socket answers 400 problem+json', async () => {
    const res = await supertest(app.server).get(`/v1/estimates?treatment=${'a'.repeat(8_000)}`);
    expectProblem(res, 400, 'validation-failed');
  });

  it('a URL over the HTTP header limit is refused with 431, not a 5xx, and the server keeps answering', async () => {
    const res = await supertest(app.server).get(`/v1/estimates?treatment=${'a'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    const after = await supertest(app.server).get('/healthz');
    expect(after.status).toBe(200);
  });

  it('a URL over the HTTP header limit answers problem+json', async () => {
    const res = await supertest(app.server).get(`/v1/estimates?treatment=${'a'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json\b/);
  });

  it('many unknown query parameters answer a bounded problem body', async () => {
    const query = Array.from({ length: 3_000 }, (_, i) => `k${i}=1`).join('&');
    const res = await app.inject({ method: 'GET', url: `/v1/estimates?treatment=skin-rejuvenation&${query}` });
    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(64 * 1024);
  });
});

describe('header injection through x-request-id', () => {
  it.each([
    'abc\r\nset-cookie: session=stolen',
    'abc\r\n\r\n<html>injected</html>',
    'abc\nx-injected: 1',
    'abc\rx-injected: 1',
  ])('a request id with CR/LF (%j) never reaches the response headers', async (given) => {
    const res = await app.inject({ method: 'GET', url: '/v1/estimates?treatment=skin-rejuvenation', headers: { 'x-request-id': given } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-injected']).toBeUndefined();
    expect(res.headers['x-request-id']).not.toBe(given);
    for (const [name, value] of Object.entries(res.headers)) {
      expect(String(value), `header ${name}`).not.toMatch(/[\r\n]/);
      expect(String(value), `header ${name}`).not.toContain('injected');
      expect(String(value), `header ${name}`).not.toContain('stolen');
    }
  });

  it('a request id with CR/LF in a problem answer does not reach the body either', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/estimates?treatment=nope', headers: { 'x-request-id': 'abc\r\nset-cookie: x=1' } });
    expect(res.statusCode).toBe(422);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
    expect(res.body).not.toContain('set-cookie');
  });

  it('over a real socket, a folded or bare-LF request id line is refused or ignored, never echoed', async () => {
    for (const header of ['x-request-id: abc\r\n set-cookie: x=1', 'x-request-id: abc\nset-cookie: x=1']) {
      const raw = await rawRequest(app, `GET /healthz HTTP/1.1\r\nHost: localhost\r\n${header}\r\nConnection: close\r\n\r\n`);
      const { status, headers } = parseRawAnswer(raw);
      expect(status === 200 || (status >= 400 && status < 500), raw.slice(0, 200)).toBe(true);
      expect(headers['set-cookie']).toBeUndefined();
      if (headers['x-request-id']) expect(headers['x-request-id']).not.toContain('set-cookie');
    }
  });
});

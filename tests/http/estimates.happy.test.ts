// POST /v1/estimates and GET /v1/estimates, happy paths: the HTTP answer is exactly the engine's
// estimate for the same request, the query form equals the body form, the response has the
// contract's shape, request ids behave, the baseline is calibrated, and the cache changes nothing.
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimate, type EstimateRequest } from '../../src/domain/estimate.js';
import { EstimateSchema, requestFromBody, type EstimateRequestBody } from '../../src/http/schemas.js';
import { realData, testApp } from '../support/app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the engine answers for a body, as it travels on the wire (mapped to the engine's request the way the route maps it). */
function engineJson(body: EstimateRequestBody): unknown {
  const request: EstimateRequest = requestFromBody(body);
  const e = estimate(request, realData().catalog);
  // On the wire, sources are references: id, kind and title (the record is GET /v1/sources/{id}).
  return JSON.parse(JSON.stringify({ ...e, sources: e.sources.map(({ id, kind, title }) => ({ id, kind, title })) }));
}

/** The query string for a body: areas comma-separated, everything else as text, commas unescaped. */
function queryOf(body: EstimateRequestBody): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.map(encodeURIComponent).join(',') : encodeURIComponent(String(value));
    parts.push(`${key}=${text}`);
  }
  return parts.join('&');
}

// Requests covering every input: each treatment, several areas, countries (one lower-case),
// city tiers, practitioners, fixed sessions and an output currency.
const REQUESTS: readonly EstimateRequestBody[] = [
  { treatment: 'skin-rejuvenation' },
  { treatment: 'fat-reduction' },
  { treatment: 'hair-restoration' },
  { treatment: 'pain-management' },
  { treatment: 'cellulite-reduction' },
  { treatment: 'skin-rejuvenation', areas: ['face', 'neck'] },
  { treatment: 'skin-rejuvenation', areas: ['neck', 'face'], country: 'fr', sessions: 6 },
  { treatment: 'fat-reduction', country: 'FR', cityTier: 'major-metro', practitioner: 'specialist' },
  { treatment: 'hair-restoration', country: 'JP', cityTier: 'town', practitioner: 'non-physician' },
  { treatment: 'pain-management', country: 'DE', currency: 'USD', sessions: 1 },
  { treatment: 'skin-rejuvenation', country: 'US', currency: 'eur', sessions: 30 },
  { treatment: 'fat-reduction', country: 'br', package: { kind: 'none' } },
];

let app: FastifyInstance;
let uncached: FastifyInstance;

beforeAll(async () => {
  [app, uncached] = await Promise.all([testApp(), testApp({ estimateCacheEntries: 0 })]);
});

afterAll(async () => {
  await Promise.all([app?.close(), uncached?.close()]);
});

describe('POST /v1/estimates', () => {
  it.each(REQUESTS.map((body) => [JSON.stringify(body), body] as const))(
    'answers 200 application/json equal to the engine for %s',
    async (_label, body) => {
      const res = await supertest(app.server).post('/v1/estimates').send(body);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json\b/);
      expect(res.body).toEqual(engineJson(body));
    },
  );

  it('answers with a body that validates against EstimateSchema and has every field of the contract', async () => {
    const res = await supertest(app.server).post('/v1/estimates').send({ treatment: 'fat-reduction', areas: ['abdomen'], country: 'FR' });
    expect(res.status).toBe(200);
    const parsed = EstimateSchema.parse(res.body);
    for (const field of ['treatment', 'currency', 'perSession', 'sessions', 'total', 'adjustments', 'sources', 'dataVersion', 'notes']) {
      expect(res.body, `field '${field}'`).toHaveProperty(field);
    }
    for (const levels of ['perSession', 'sessions', 'total'] as const) {
      expect(Object.keys(parsed[levels]).sort()).toEqual(['high', 'low', 'typical']);
    }
    expect(parsed.adjustments.length).toBeGreaterThan(0);
    expect(parsed.sources.length).toBeGreaterThan(0);
    expect(parsed.notes.length).toBeGreaterThan(0);
    expect(parsed.dataVersion).toBe(realData().catalog.version);
  });

  it('fills in defaults: US, city, physician, the reference area, the country currency', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'hair-restoration' } });
    expect(res.statusCode).toBe(200);
    const body = EstimateSchema.parse(res.json());
    expect(body.request).toMatchObject({ country: 'US', cityTier: 'city', practitioner: 'physician', currency: 'USD', sessions: null });
    expect(body.request.areas).toEqual([realData().catalog.treatments.get('hair-restoration')?.referenceArea]);
  });

  it('answers the same estimate whatever the order of the areas', async () => {
    const [a, b] = await Promise.all([
      app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'skin-rejuvenation', areas: ['face', 'neck', 'decolletage'] } }),
      app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'skin-rejuvenation', areas: ['decolletage', 'face', 'neck'] } }),
    ]);
    expect(a.statusCode).toBe(200);
    expect(b.body).toBe(a.body);
  });
});

describe('GET /v1/estimates', () => {
  it.each(REQUESTS.filter((body) => !body.package).map((body) => [queryOf(body), body] as const))(
    'answers ?%s exactly like POST with the same body',
    async (query, body) => {
      const [viaGet, viaPost] = await Promise.all([
        supertest(app.server).get(`/v1/estimates?${query}`),
        supertest(app.server).post('/v1/estimates').send(body),
      ]);
      expect(viaGet.status).toBe(200);
      expect(viaGet.headers['content-type']).toMatch(/^application\/json\b/);
      expect(viaGet.text).toBe(viaPost.text);
      expect(viaGet.body).toEqual(engineJson(body));
    },
  );

  it('reads areas=face,neck as ["face","neck"], sessions=6 as 6, and upper-cases country=fr', async () => {
    const res = await supertest(app.server).get('/v1/estimates?treatment=skin-rejuvenation&areas=face,neck&sessions=6&country=fr');
    expect(res.status).toBe(200);
    const body = EstimateSchema.parse(res.body);
    expect(body.request).toMatchObject({ areas: ['face', 'neck'], sessions: 6, country: 'FR' });
    expect(body.sessions).toEqual({ low: 6, typical: 6, high: 6 });
    expect(res.body).toEqual(engineJson({ treatment: 'skin-rejuvenation', areas: ['face', 'neck'], sessions: 6, country: 'FR' }));
  });

  it('accepts package=none like a body with {"kind":"none"}', async () => {
    const [viaGet, viaPost] = await Promise.all([
      app.inject({ method: 'GET', url: '/v1/estimates?treatment=pain-management&package=none' }),
      app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'pain-management', package: { kind: 'none' } } }),
    ]);
    expect(viaGet.statusCode).toBe(200);
    expect(viaGet.body).toBe(viaPost.body);
  });
});

describe('request ids', () => {
  it('sends an x-request-id on every answer, a UUID when the caller gave none', async () => {
    const res = await supertest(app.server).get('/v1/estimates?treatment=skin-rejuvenation');
    expect(res.headers['x-request-id']).toMatch(UUID);
  });

  it('echoes a short plain x-request-id the caller provides', async () => {
    const given = 'req-42.abc:DEF_9';
    const res = await supertest(app.server).post('/v1/estimates').set('x-request-id', given).send({ treatment: 'skin-rejuvenation' });
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe(given);
  });

  it('echoes the caller id in the problem body too', async () => {
    const res = await supertest(app.server).post('/v1/estimates').set('x-request-id', 'trace-7').send({ treatment: 'nope' });
    expect(res.headers['x-request-id']).toBe('trace-7');
    expect(res.body.requestId).toBe('trace-7');
  });

  it.each([
    ['spaces', 'hello world'],
    ['a newline', 'abc\ndef'],
    ['CR LF and a forged log line', 'abc\r\n{"level":60,"msg":"forged"}'],
    ['200 characters', 'a'.repeat(200)],
    ['a slash and quotes', 'a/b"c'],
  ])('replaces a hostile x-request-id with %s by a fresh UUID', async (_label, given) => {
    const res = await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'skin-rejuvenation' }, headers: { 'x-request-id': given } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(res.headers['x-request-id']).not.toBe(given);
  });
});

describe('calibration over HTTP', () => {
  // The article's own course totals (seed 000) at the baseline: US, city, physician, reference area.
  const ARTICLE_TOTALS = [
    ['skin-rejuvenation', '1800.00'],
    ['fat-reduction', '3200.00'],
    ['hair-restoration', '4000.00'],
    ['pain-management', '1750.00'],
  ] as const;

  it.each(ARTICLE_TOTALS)('prices %s at the baseline at the article total %s USD, via POST and GET', async (treatment, total) => {
    const [viaPost, viaExplicit, viaGet] = await Promise.all([
      supertest(app.server).post('/v1/estimates').send({ treatment }),
      supertest(app.server).post('/v1/estimates').send({ treatment, country: 'US', cityTier: 'city', practitioner: 'physician', currency: 'USD' }),
      supertest(app.server).get(`/v1/estimates?treatment=${treatment}`),
    ]);
    for (const res of [viaPost, viaExplicit, viaGet]) {
      expect(res.status).toBe(200);
      expect(res.body.currency.code).toBe('USD');
      expect(res.body.total.typical).toBe(total);
    }
  });
});

describe('estimate cache', () => {
  it('answers byte-identical bodies with the cache on (miss and hit) and off', async () => {
    // A fresh app, so the first request of each pair is a real miss.
    const cached = await testApp();
    try {
      for (const body of REQUESTS) {
        const send = (target: FastifyInstance) => target.inject({ method: 'POST', url: '/v1/estimates', payload: body });
        const miss = await send(cached);
        const hit = await send(cached);
        const off = await send(uncached);
        expect(miss.statusCode).toBe(200);
        expect(hit.body).toBe(miss.body);
        expect(off.body).toBe(miss.body);
        expect(off.headers['content-type']).toBe(miss.headers['content-type']);
      }
    } finally {
      await cached.close();
    }
  });

  it('answers byte-identical GET bodies with the cache on and off', async () => {
    const url = '/v1/estimates?treatment=hair-restoration&country=jp&cityTier=major-metro';
    const [on, off] = await Promise.all([app.inject({ method: 'GET', url }), uncached.inject({ method: 'GET', url })]);
    expect(on.statusCode).toBe(200);
    expect(off.body).toBe(on.body);
  });
});

// HTTP caching and the in-process estimate cache: ETags and 304s, Cache-Control, bounded memory,
// and no answer ever served across data versions.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataFromTexts, type DataFileName } from '../../src/data/load.js';
import { dec } from '../../src/domain/money.js';
import { buildApp } from '../../src/http/app.js';
import { createEstimateCache, createEstimateJsonService, serialise } from '../../src/http/estimate-cache.js';
import { estimate } from '../../src/domain/estimate.js';
import { committedTexts } from '../fixtures/committed-data.js';
import { realData, testApp, testConfig } from '../support/app.js';

const ADMIN = 'readiness-details-admin-key-0123456789abcdef';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp({ adminApiKey: ADMIN });
});
afterAll(async () => {
  await app.close();
});

/** The committed data with the hair-restoration typical price changed: another data version. */
function otherVersionData() {
  const texts = { ...committedTexts() } as Record<DataFileName, string>;
  const treatments = JSON.parse(texts['treatments.json']);
  treatments.treatments.find((t: { id: string }) => t.id === 'hair-restoration').pricePerSessionUsd.typical.value = '510';
  texts['treatments.json'] = JSON.stringify(treatments);
  return loadDataFromTexts(texts);
}

describe('ETag and Cache-Control on GET', () => {
  it('GET /v1/estimates sends an ETag and Cache-Control, and If-None-Match with it answers 304 with no body', async () => {
    const first = await app.inject({ url: '/v1/estimates?treatment=hair-restoration&country=FR' });
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const again = await app.inject({ url: '/v1/estimates?treatment=hair-restoration&country=FR', headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    const weak = await app.inject({ url: '/v1/estimates?treatment=hair-restoration&country=FR', headers: { 'if-none-match': `"nope", W/${first.headers.etag as string}` } });
    expect(weak.statusCode).toBe(304);
  });

  it('a stale or foreign ETag gets the full answer', async () => {
    const res = await app.inject({ url: '/v1/estimates?treatment=hair-restoration', headers: { 'if-none-match': '"stale"' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().total.typical).toBe('4000.00');
  });

  it('requests that price the same get the same ETag; different ones get different ETags', async () => {
    const tag = async (url: string) => (await app.inject({ url })).headers.etag;
    expect(await tag('/v1/estimates?treatment=skin-rejuvenation&areas=neck,face')).toBe(await tag('/v1/estimates?treatment=skin-rejuvenation&areas=face,neck'));
    expect(await tag('/v1/estimates?treatment=skin-rejuvenation')).toBe(await tag('/v1/estimates?treatment=skin-rejuvenation&areas=face&country=US&cityTier=city'));
    expect(await tag('/v1/estimates?treatment=skin-rejuvenation')).not.toBe(await tag('/v1/estimates?treatment=skin-rejuvenation&country=FR'));
  });

  it('GET /v1/catalog sends the data version as its ETag and answers 304 on a match', async () => {
    const first = await app.inject({ url: '/v1/catalog' });
    expect(first.headers.etag).toBe(`"${realData().catalog.version.slice('sha256:'.length, 'sha256:'.length + 32)}"`);
    const again = await app.inject({ url: '/v1/catalog', headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });

  it('max-age follows the configuration', async () => {
    const other = await testApp({ cacheMaxAgeSeconds: 60 });
    const res = await other.inject({ url: '/v1/estimates?treatment=hair-restoration' });
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    await other.close();
  });

  it('the same request under another data version gets another ETag and the other data\'s answer', async () => {
    const other = await buildApp({ config: testConfig(), data: otherVersionData() });
    const a = await app.inject({ url: '/v1/estimates?treatment=hair-restoration' });
    const b = await other.inject({ url: '/v1/estimates?treatment=hair-restoration' });
    expect(b.headers.etag).not.toBe(a.headers.etag);
    expect(b.json().perSession.typical).toBe('510.00');
    expect((await other.inject({ url: '/v1/estimates?treatment=hair-restoration', headers: { 'if-none-match': a.headers.etag as string } })).statusCode).toBe(200);
    await other.close();
  });
});

describe('the in-process estimate cache', () => {
  it('is keyed apart across data versions even when two catalogs share one cache', () => {
    const shared = createEstimateCache(100);
    const current = createEstimateJsonService(realData().catalog, shared);
    const other = createEstimateJsonService(otherVersionData().catalog, shared);
    const request = { treatment: 'hair-restoration' };
    const a = JSON.parse(current.json(request));
    const b = JSON.parse(other.json(request));
    expect(a.perSession.typical).toBe('500.00');
    expect(b.perSession.typical).toBe('510.00');
    expect(a.dataVersion).not.toBe(b.dataVersion);
    // Both are now cached; each catalog still gets its own answer.
    expect(JSON.parse(current.json(request)).perSession.typical).toBe('500.00');
    expect(JSON.parse(other.json(request)).perSession.typical).toBe('510.00');
    expect(shared.stats()).toMatchObject({ entries: 2, hits: 2, misses: 2 });
  });

  it('counts hits and misses and treats area order and discount spelling as the same request', () => {
    const service = createEstimateJsonService(realData().catalog, 100);
    service.json({ treatment: 'skin-rejuvenation', areas: ['face', 'neck'] });
    service.json({ treatment: 'skin-rejuvenation', areas: ['neck', 'face'] });
    service.json({ treatment: 'skin-rejuvenation', package: { kind: 'prepaid-course', discountPercent: dec('12.0') } });
    service.json({ treatment: 'skin-rejuvenation', package: { kind: 'prepaid-course', discountPercent: dec('12') } });
    expect(service.stats()).toMatchObject({ entries: 2, hits: 2, misses: 2 });
  });

  it('never holds more entries than its limit, evicting the least recently used', () => {
    const service = createEstimateJsonService(realData().catalog, 3);
    for (let sessions = 1; sessions <= 10; sessions++) service.json({ treatment: 'fat-reduction', sessions });
    expect(service.stats().entries).toBe(3);
    service.json({ treatment: 'fat-reduction', sessions: 8 });
    expect(service.stats().hits).toBe(1);
    service.json({ treatment: 'fat-reduction', sessions: 1 });
    expect(service.stats().hits).toBe(1);
  });

  it('never holds more bytes than its limit', () => {
    const cache = createEstimateCache(1000, 100_000);
    const service = createEstimateJsonService(realData().catalog, cache);
    for (let sessions = 1; sessions <= 30; sessions++) service.json({ treatment: 'fat-reduction', sessions });
    const { bytes, entries } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(100_000);
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(30);
  });

  it('serialises an estimate byte for byte as JSON.stringify does, with its sources as id, kind and title', () => {
    const catalog = realData().catalog;
    for (const request of [
      { treatment: 'hair-restoration' },
      { treatment: 'skin-rejuvenation', areas: ['face', 'neck'], country: 'JP', currency: 'EUR' },
      { treatment: 'pain-management', country: 'IN', sessions: 12, package: { kind: 'new-patient' as const } },
      { treatment: 'hair-restoration' },
    ]) {
      const e = estimate(request, catalog);
      expect(serialise(e)).toBe(JSON.stringify({ ...e, sources: e.sources.map(({ id, kind, title }) => ({ id, kind, title })) }));
    }
  });

  it('with no room caches nothing and still answers', () => {
    const service = createEstimateJsonService(realData().catalog, 0);
    expect(JSON.parse(service.json({ treatment: 'hair-restoration' })).total.typical).toBe('4000.00');
    expect(service.stats().entries).toBe(0);
  });

  it('reports its figures on /readyz, to the admin key', async () => {
    const res = await app.inject({ url: '/readyz', headers: { authorization: `Bearer ${ADMIN}` } });
    expect(res.json().estimateCache).toMatchObject({ maxEntries: 10_000 });
    expect(res.json().estimateCache.hits).toBeGreaterThan(0);
  });
});

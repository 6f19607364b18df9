// GET /metrics (Prometheus text): request durations by route pattern and status, estimates by
// treatment and endpoint, cache hits and misses, storage errors, process metrics; a registry per
// app. And request ids: in the x-request-id header and on every log line of the request.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { realData, testApp, testConfig } from '../support/app.js';

const ADMIN = 'readiness-details-admin-key-0123456789abcdef';

/** The value of one sample line, e.g. sample(text, 'x_total{a="b"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ adminApiKey: ADMIN });
  });
  afterAll(() => app.close());

  const scrape = async () => {
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  it('times requests by route pattern (never the raw URL) and status', async () => {
    await app.inject({ url: '/v1/estimates?treatment=skin-rejuvenation&country=FR' });
    await app.inject({ url: '/v1/estimates?treatment=nope' });
    await app.inject({ url: '/problems/not-found' });
    await app.inject({ url: '/no/such/path/12345' });
    const text = await scrape();
    expect(sample(text, 'mesoquote_http_request_duration_seconds_count{method="GET",route="/v1/estimates",status_code="200"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'mesoquote_http_request_duration_seconds_count{method="GET",route="/v1/estimates",status_code="422"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'mesoquote_http_request_duration_seconds_count{method="GET",route="/problems/:code",status_code="200"}')).toBe(1);
    expect(sample(text, 'mesoquote_http_request_duration_seconds_count{method="GET",route="(unmatched)",status_code="404"}')).toBe(1);
    expect(text).toContain('mesoquote_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/v1/estimates",status_code="200"}');
    expect(text).not.toContain('country=FR');
    expect(text).not.toContain('12345');
  });

  it('counts estimates by treatment for single calls, batch items and compare cells, and cache hits and misses', async () => {
    const before = await scrape();
    const count = (text: string, treatment: string, endpoint: string) => sample(text, `mesoquote_estimates_total{treatment="${treatment}",endpoint="${endpoint}"}`) ?? 0;
    const body = { treatment: 'fat-reduction', country: 'DE' };
    await app.inject({ method: 'POST', url: '/v1/estimates', payload: body });
    await app.inject({ method: 'POST', url: '/v1/estimates', payload: body });
    await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'unknown-thing' } });
    await app.inject({ method: 'POST', url: '/v1/estimates/batch', payload: { items: [body, { treatment: 'hair-restoration' }, { treatment: 'nope' }] } });
    const compare = await app.inject({ method: 'POST', url: '/v1/estimates/compare', payload: { base: { treatment: 'pain-management' }, vary: { country: ['US', 'FR', 'ZZ'] } } });
    expect(compare.statusCode).toBe(200);
    const after = await scrape();
    expect(count(after, 'fat-reduction', 'single') - count(before, 'fat-reduction', 'single')).toBe(2);
    expect(count(after, 'fat-reduction', 'batch') - count(before, 'fat-reduction', 'batch')).toBe(1);
    expect(count(after, 'hair-restoration', 'batch') - count(before, 'hair-restoration', 'batch')).toBe(1);
    // The compare had two priced cells and one unknown country.
    expect(count(after, 'pain-management', 'compare') - count(before, 'pain-management', 'compare')).toBe(2);
    // Unknown treatments never become label values.
    expect(after).not.toContain('unknown-thing');
    expect(after).not.toContain('treatment="nope"');

    const ready = (await app.inject({ url: '/readyz', headers: { authorization: `Bearer ${ADMIN}` } })).json<{ estimateCache: { hits: number; misses: number; entries: number } }>();
    const scraped = await scrape();
    expect(sample(scraped, 'mesoquote_estimate_cache_hits_total')).toBe(ready.estimateCache.hits);
    expect(sample(scraped, 'mesoquote_estimate_cache_misses_total')).toBe(ready.estimateCache.misses);
    expect(sample(scraped, 'mesoquote_estimate_cache_entries')).toBe(ready.estimateCache.entries);
    expect(ready.estimateCache.hits).toBeGreaterThanOrEqual(2);
  });

  it('counts storage errors through app.metrics.storageError, and has the process metrics', async () => {
    app.metrics.storageError('save-quote');
    app.metrics.storageError('save-quote');
    app.metrics.storageError('find-clinic');
    const text = await scrape();
    expect(text).toContain('# TYPE mesoquote_storage_errors_total counter');
    expect(sample(text, 'mesoquote_storage_errors_total{operation="save-quote"}')).toBe(2);
    expect(sample(text, 'mesoquote_storage_errors_total{operation="find-clinic"}')).toBe(1);
    for (const name of ['process_resident_memory_bytes', 'process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(text, name).toMatch(new RegExp(`^${name} `, 'm'));
    }
  });

  it('keeps a registry per app: another app counts its own', async () => {
    const other = await testApp();
    try {
      other.metrics.storageError('other-only');
      const mine = await scrape();
      const theirs = (await other.inject({ url: '/metrics' })).body;
      expect(mine).not.toContain('other-only');
      expect(sample(theirs, 'mesoquote_storage_errors_total{operation="other-only"}')).toBe(1);
      expect(theirs).not.toContain('save-quote');
    } finally {
      await other.close();
    }
  });

  it('is not part of the OpenAPI document (an operations endpoint for scrapers, not the API)', async () => {
    const doc = (await app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });
});

describe('request ids', () => {
  it('answers with x-request-id, keeps a plain caller id, replaces a forged one, and logs every line of a request with it', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const app = await buildApp({ config: testConfig(), data: realData(), logger: pino({ level: 'info' }, sink) });
    await app.ready();
    try {
      const generated = await app.inject({ url: '/v1/estimates?treatment=nope' });
      const id = String(generated.headers['x-request-id']);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect((generated.json() as { requestId: string }).requestId).toBe(id);

      const given = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'lb-7f3a.42' } });
      expect(given.headers['x-request-id']).toBe('lb-7f3a.42');
      const forged = await app.inject({ url: '/healthz', headers: { 'x-request-id': 'x\n{"level":60}' } });
      expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

      const ofFirst = lines.filter((l) => l.reqId === id);
      // incoming request, request rejected (the 422), request completed
      expect(ofFirst.map((l) => l.msg)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
      expect(ofFirst.length).toBeGreaterThanOrEqual(3);
      expect(lines.some((l) => l.reqId === 'lb-7f3a.42')).toBe(true);
      for (const l of lines) if (l.msg === 'incoming request' || l.msg === 'request completed') expect(l.reqId, JSON.stringify(l)).toBeTruthy();
    } finally {
      await app.close();
    }
  });
});

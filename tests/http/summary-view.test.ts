// view=summary: the figures a comparison site needs, on every route that answers estimates
// (GET and POST /v1/estimates, batch, compare), equal to the full view's figures, with their own
// ETag and cache entry, and a clear 400 for a view that does not exist.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

const SUMMARY_KEYS = ['request', 'currency', 'perSession', 'sessions', 'total', 'likely', 'dataVersion'];
const pick = (full: Record<string, unknown>) => Object.fromEntries(SUMMARY_KEYS.map((k) => [k, full[k]]));

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const body = { treatment: 'fat-reduction', areas: ['abdomen', 'flanks'], country: 'FR', practitioner: 'specialist', package: { kind: 'prepaid-course' } };

describe('view=summary', () => {
  it('POST answers the full view\'s figures, only those keys, in a tenth of the bytes', async () => {
    const full = await app.inject({ method: 'POST', url: '/v1/estimates', payload: body });
    const summary = await app.inject({ method: 'POST', url: '/v1/estimates', payload: { ...body, view: 'summary' } });
    expect(summary.statusCode).toBe(200);
    expect(Object.keys(summary.json())).toEqual(SUMMARY_KEYS);
    expect(summary.json()).toEqual(pick(full.json()));
    expect(summary.body.length / full.body.length).toBeLessThanOrEqual(0.15);
    // view=full is the default, byte for byte.
    expect((await app.inject({ method: 'POST', url: '/v1/estimates', payload: { ...body, view: 'full' } })).body).toBe(full.body);
  });

  it('GET answers the same, with an ETag of its own (a cache never answers one view with the other)', async () => {
    const url = '/v1/estimates?treatment=fat-reduction&areas=flanks,abdomen&country=FR&practitioner=specialist&package=prepaid-course';
    const full = await app.inject({ url });
    const summary = await app.inject({ url: `${url}&view=summary` });
    expect(summary.json()).toEqual(pick(full.json()));
    expect(summary.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(summary.headers.etag).not.toBe(full.headers.etag);
    expect((await app.inject({ url: `${url}&view=summary`, headers: { 'if-none-match': summary.headers.etag as string } })).statusCode).toBe(304);
    expect((await app.inject({ url: `${url}&view=summary`, headers: { 'if-none-match': full.headers.etag as string } })).statusCode).toBe(200);
    // Served twice from the cache, each view stays its own.
    expect((await app.inject({ url })).body).toBe(full.body);
    expect((await app.inject({ url: `${url}&view=summary` })).body).toBe(summary.body);
  });

  it('batch with view "summary": each result equals the single summary for the same item; problems stay problems', async () => {
    const items = [body, { treatment: 'hair-restoration', country: 'JP', currency: 'KWD' }, { treatment: 'nope' }];
    const res = await app.inject({ method: 'POST', url: '/v1/estimates/batch', payload: { items, view: 'summary' } });
    expect(res.statusCode).toBe(200);
    const { results } = res.json() as { results: Array<Record<string, unknown>> };
    for (const [i, item] of items.slice(0, 2).entries()) {
      const single = await app.inject({ method: 'POST', url: '/v1/estimates', payload: { ...item, view: 'summary' } });
      expect(JSON.stringify(results[i])).toBe(single.body);
    }
    expect(results[2]).toMatchObject({ status: 422, code: 'unknown-treatment' });
  });

  it('compare takes view (detail, its former name, still works; the two may not disagree)', async () => {
    const compare = (extra: object) => app.inject({ method: 'POST', url: '/v1/estimates/compare', payload: { base: { treatment: 'skin-rejuvenation' }, vary: { country: ['FR', 'DE'] }, ...extra } });
    const summary = (await compare({})).json();
    expect(Object.keys(summary.cells[0].estimate)).toEqual(SUMMARY_KEYS);
    const full = (await compare({ view: 'full' })).json();
    expect(full.cells[0].estimate.adjustments.length).toBeGreaterThan(0);
    expect(full.cells[0].estimate.sources[0]).toEqual({ id: expect.any(String), kind: expect.any(String), title: expect.any(String) });
    expect((await compare({ detail: 'full' })).json()).toEqual(full);
    expect(pick(full.cells[1].estimate)).toEqual(summary.cells[1].estimate);
    const clash = await compare({ view: 'full', detail: 'summary' });
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain('disagree');
  });

  it('refuses a view that does not exist, naming the allowed ones', async () => {
    const get = await app.inject({ url: '/v1/estimates?treatment=skin-rejuvenation&view=compact' });
    expect(get.statusCode).toBe(400);
    expect(get.json().errors[0]).toMatchObject({ pointer: '/view' });
    expect(get.body).toContain('full, summary');
    const post = await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'skin-rejuvenation', view: 'tiny' } });
    expect(post.statusCode).toBe(400);
    expect(post.body).toContain('full, summary');
  });
});

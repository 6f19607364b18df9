// POST /v1/estimates/batch and POST /v1/estimates/compare: many answers in one call, each equal to
// the single estimate for the same request; a bad item fails alone; envelopes have limits.
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

const post = (url: string, payload: unknown) => app.inject({ method: 'POST', url, payload: payload as object });
const single = async (item: unknown) => post('/v1/estimates', item);

const validItem = fc.record(
  {
    treatment: fc.constantFrom('skin-rejuvenation', 'fat-reduction', 'hair-restoration', 'pain-management', 'cellulite-reduction'),
    country: fc.constantFrom('US', 'FR', 'JP', 'IN', 'BR', 'de', 'XX'),
    cityTier: fc.constantFrom('major-metro', 'city', 'town'),
    practitioner: fc.constantFrom('non-physician', 'physician', 'specialist'),
    sessions: fc.integer({ min: 0, max: 31 }),
    currency: fc.constantFrom('USD', 'EUR', 'JPY', 'KWD', 'ABC'),
    package: fc.constantFrom({ kind: 'none' }, { kind: 'prepaid-course', discountPercent: '12.5' }, { kind: 'buy-n-get-m', buy: 4, free: 1 }, { kind: 'new-patient' }),
  },
  { requiredKeys: ['treatment'] },
);

describe('POST /v1/estimates/batch', () => {
  it('answers item for item exactly what single calls answer, problems included, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(validItem, fc.constant(5), fc.constant({ treatment: 'x', foo: 1 })), { minLength: 1, maxLength: 12 }), async (items) => {
        const batch = await post('/v1/estimates/batch', { items });
        expect(batch.statusCode).toBe(200);
        const results = batch.json().results as unknown[];
        expect(results).toHaveLength(items.length);
        for (const [i, item] of items.entries()) {
          const one = await single(item);
          if (one.statusCode === 200) {
            expect(results[i]).toEqual(one.json());
          } else {
            const p = results[i] as { status: number; code: string; errors?: Array<{ pointer: string }> };
            expect(p.status).toBe(one.statusCode);
            expect(p.code).toBe(one.json().code);
            // The item's pointers are the single call's, under /items/i.
            expect(p.errors?.map((e) => e.pointer)).toEqual(one.json().errors?.map((e: { pointer: string }) => `/items/${i}${e.pointer}`));
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('prices 1,000 items in one call', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ treatment: 'fat-reduction', sessions: (i % 30) + 1 }));
    const res = await post('/v1/estimates/batch', { items });
    expect(res.statusCode).toBe(200);
    const results = res.json().results as Array<{ sessions: { typical: number } }>;
    expect(results.map((r) => r.sessions.typical)).toEqual(items.map((i) => i.sessions));
  });

  it.each([
    ['not an array', { items: { treatment: 'fat-reduction' } }, 'must be an array'],
    ['empty', { items: [] }, 'at least one'],
    ['too long', { items: Array.from({ length: 1001 }, () => ({ treatment: 'fat-reduction' })) }, 'at most 1000'],
    ['missing', {}, 'is required'],
  ])('refuses an envelope that is %s with a 400 that says the limit', async (_name, body, message) => {
    const res = await post('/v1/estimates/batch', body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors[0].pointer).toBe('/items');
    expect(res.json().detail).toContain(message === 'is required' ? '/items' : message);
  });

  it('refuses unknown envelope fields', async () => {
    const res = await post('/v1/estimates/batch', { items: [{ treatment: 'fat-reduction' }], extra: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].pointer).toBe('/extra');
  });

  it('accepts a 1,000-item body above the single-estimate body limit, and refuses one above the batch limit with 413', async () => {
    const small = await testApp({ batchBodyLimitBytes: 2048 });
    const res = await small.inject({ method: 'POST', url: '/v1/estimates/batch', payload: { items: Array.from({ length: 100 }, () => ({ treatment: 'fat-reduction' })) } });
    expect(res.statusCode).toBe(413);
    await small.close();
  });
});

describe('POST /v1/estimates/compare', () => {
  it('has one cell per combination, each equal to the single estimate in the common currency, ranked by typical total', async () => {
    const body = { base: { treatment: 'hair-restoration', cityTier: 'major-metro' }, vary: { country: ['US', 'FR', 'JP', 'IN'], practitioner: ['physician', 'specialist'] }, currency: 'EUR' };
    const res = await post('/v1/estimates/compare', body);
    expect(res.statusCode).toBe(200);
    const out = res.json();
    expect(out.currency).toBe('EUR');
    expect(out.cells).toHaveLength(8);
    for (const cell of out.cells) {
      const one = (await single({ ...body.base, ...cell.vary, currency: 'EUR' })).json();
      expect(cell.estimate.total).toEqual(one.total);
      expect(cell.estimate.perSession).toEqual(one.perSession);
      expect(cell.estimate.likely).toEqual(one.likely);
      expect(cell.estimate.currency.code).toBe('EUR');
    }
    const byRank = [...out.cells].sort((a, b) => a.rank - b.rank).map((c) => Number(c.estimate.total.typical));
    expect(byRank).toEqual([...byRank].sort((a, b) => a - b));
    expect(out.cells[out.cheapest].rank).toBe(1);
    expect(out.cells[out.cheapest].cheapest).toBe(true);
    expect(out.cells[out.dearest].rank).toBe(8);
    expect(out.cells[out.dearest].dearest).toBe(true);
  });

  it('defaults to US dollars, gives full estimates on request, and marks cells that cannot be priced', async () => {
    const res = await post('/v1/estimates/compare', { base: { treatment: 'skin-rejuvenation' }, vary: { country: ['FR', 'XX'], areas: [['face'], ['face', 'neck'], ['scalp']] }, detail: 'full' });
    const out = res.json();
    expect(out.currency).toBe('USD');
    expect(out.cells).toHaveLength(6);
    const scalp = out.cells.filter((c: { vary: { areas: string[] } }) => c.vary.areas[0] === 'scalp');
    for (const c of scalp) expect(c.problem.code).toBe('area-not-allowed');
    const xx = out.cells.filter((c: { vary: { country: string } }) => c.vary.country === 'XX');
    for (const c of xx) expect(c.problem).toBeDefined();
    const priced = out.cells.filter((c: { estimate?: unknown }) => c.estimate);
    expect(priced).toHaveLength(2);
    expect(priced[0].estimate.adjustments.length).toBeGreaterThan(0);
    expect(priced.map((c: { rank: number }) => c.rank).sort()).toEqual([1, 2]);
  });

  it('refuses more than 1,000 cells and an empty vary with a 400 naming /vary', async () => {
    const countries = ['US', 'FR', 'JP', 'IN', 'BR', 'DE', 'GB', 'IT', 'ES', 'MX', 'CA', 'AU'];
    const big = await post('/v1/estimates/compare', {
      base: { treatment: 'fat-reduction' },
      vary: { country: countries, areas: [['abdomen'], ['thighs'], ['flanks'], ['arms'], ['chin'], ['buttocks'], ['abdomen', 'thighs'], ['abdomen', 'flanks'], ['chin', 'arms'], ['buttocks', 'thighs'], ['arms', 'flanks'], ['chin', 'abdomen'], ['thighs', 'flanks'], ['arms', 'buttocks']], cityTier: ['major-metro', 'city', 'town'], practitioner: ['non-physician', 'physician'] },
    });
    expect(big.statusCode).toBe(400);
    expect(big.json().errors[0].pointer).toBe('/vary');
    expect(big.json().detail).toContain('at most 1000');
    const empty = await post('/v1/estimates/compare', { base: { treatment: 'fat-reduction' }, vary: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].pointer).toBe('/vary');
  });
});

// Quotes do not pile up forever (issue 16, item 6): a quote answers 410 quote-expired after
// validUntil, and is deleted EXPIRED_KEPT_DAYS later by a scheduled purge (then 404), counted in
// mesoquote_quotes_purged_total. Valid quotes are never touched.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { EXPIRED_KEPT_DAYS } from '../../src/http/quote-purge.js';
import { memoryStorage, storageApp } from '../support/storage.js';
import { expectProblem } from './http-helpers.js';

const DAY = 86_400_000;

describe('the expired-quote purge', () => {
  // Its own in-memory database starts in this process: slow on a busy machine, hence the time limit.
  it('deletes quotes expired for longer than the grace period, on its schedule, and counts them', { timeout: 120_000 }, async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const storage = await memoryStorage();
    const app: FastifyInstance = await storageApp(storage, { quoteValidDays: 30, quotePurgeIntervalMs: 50 }, { now: () => new Date(clock) });
    try {
      const save = async () => (await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } })).headers.location as string;
      const old = [await save(), await save()];
      clock += 20 * DAY;
      const recent = await save();
      const count = async () => Number(/^mesoquote_quotes_purged_total (\d+)/m.exec((await app.inject({ url: '/metrics' })).body)?.[1] ?? NaN);
      expect(await count()).toBe(0);

      // Past validUntil: 410, still kept for the grace period.
      clock = Date.parse('2026-01-01T00:00:00Z') + (30 + 1) * DAY;
      expect(await app.purgeQuotes()).toBe(0);
      expectProblem(await app.inject({ url: old[0]! }), 410, 'quote-expired');

      // After the grace period, the scheduled run deletes them; the recent one stays.
      clock = Date.parse('2026-01-01T00:00:00Z') + (30 + EXPIRED_KEPT_DAYS + 1) * DAY;
      const deadline = Date.now() + 5_000;
      while ((await count()) < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await count()).toBe(2);
      for (const url of old) expectProblem(await app.inject({ url }), 404, 'not-found');
      expect((await app.inject({ url: recent })).statusCode).toBe(200);
      const left = await storage.use('test', (db) => db.query<{ n: string }>('SELECT count(*)::text AS n FROM quotes'));
      expect(left[0]!.n).toBe('1');
    } finally {
      await app.close();
      await storage.close();
    }
  });
});

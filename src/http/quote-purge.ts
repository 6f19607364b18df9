// Expired quotes are deleted on a schedule (QUOTE_PURGE_INTERVAL_MS), so the quotes table stays
// bounded by the quotas times the validity (issue 16, item 6). A quote stays readable as 410
// quote-expired for EXPIRED_KEPT_DAYS after validUntil, then it is gone (404). Every replica may
// run it: a DELETE of what another replica already deleted deletes nothing. Counted in
// mesoquote_quotes_purged_total.
import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import { purgeExpired } from '../storage/quotes.js';
import { StorageUnavailableError, type Storage } from '../storage/storage.js';

export const EXPIRED_KEPT_DAYS = 7;
const DAY_MS = 86_400_000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Deletes expired quotes now; how many (tests, operators' scripts). */
    purgeQuotes(): Promise<number>;
  }
}

export function installQuotePurge(app: FastifyInstance, storage: Storage, intervalMs: number, now: () => Date): void {
  const purged = new Counter({ name: 'mesoquote_quotes_purged_total', help: `Expired quotes deleted (${EXPIRED_KEPT_DAYS} days after validUntil)`, registers: [app.metrics.registry] });
  let running: Promise<number> | undefined;
  const purge = (): Promise<number> =>
    (running ??= storage
      .use('purge-quotes', (db) => purgeExpired(db, new Date(now().getTime() - EXPIRED_KEPT_DAYS * DAY_MS)))
      .then((count) => {
        purged.inc(count);
        if (count > 0) app.log.info({ purged: count }, 'expired quotes purged');
        return count;
      })
      .catch((error: unknown) => {
        // Storage down or not configured: the next run will do it.
        if (!(error instanceof StorageUnavailableError)) app.log.warn({ err: error }, 'purging expired quotes failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      }));
  app.decorate('purgeQuotes', purge);
  if (intervalMs <= 0 || storage.kind === 'none') return;
  const timer = setInterval(() => void purge(), intervalMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}

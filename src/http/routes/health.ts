// GET /healthz (the process answers) and GET /readyz (data loaded, and the state of storage).
// Estimates never need storage, so /readyz stays 200 while storage opens or is down: its status
// says "degraded" and checks.storage says why, for monitoring rather than for taking the instance
// out of a load balancer (every instance shares the same database).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LoadedData } from '../../data/load.js';
import type { Storage } from '../../storage/storage.js';
import type { CacheStats } from '../estimate-cache.js';

const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
const ReadySchema = z
  .object({
    status: z.enum(['ready', 'degraded']).describe('degraded: estimates work, configured storage does not (yet): see checks.storage'),
    dataVersion: z.string(),
    checks: z.object({
      data: z.literal('loaded'),
      storage: z.enum(['ready', 'opening', 'unavailable', 'disabled']).describe('Clinics, price sheets and quotes'),
    }),
    storage: z.object({ kind: z.enum(['pglite', 'postgres', 'none']), reason: z.string().optional().describe('Why storage is not ready') }),
    estimateCache: z
      .object({ entries: z.number(), bytes: z.number(), hits: z.number(), misses: z.number(), maxEntries: z.number(), maxBytes: z.number() })
      .describe('The in-process cache of serialised estimates'),
  })
  .meta({ id: 'Ready' });

export const healthRoutes: FastifyPluginAsyncZod<{ data: LoadedData; cacheStats: () => CacheStats; storage: Storage }> = async (app, { data, cacheStats, storage }) => {
  app.get('/healthz', {
    schema: {
      tags: ['operations'],
      summary: 'Liveness: the process is up',
      description: 'Answers 200 while the process can answer at all. Never rate-limited nor shed under load, so probes see the real state.',
      response: { 200: HealthSchema },
    },
    handler: async () => ({ status: 'ok' as const }),
  });
  app.get('/readyz', {
    schema: {
      tags: ['operations'],
      summary: 'Readiness: the data is loaded and the service can answer',
      description: 'Answers 200 once the data is loaded; `status` is degraded while storage (clinics, price sheets, quotes) is opening or unreachable, since estimates still work. Reports the estimate cache. Never rate-limited nor shed.',
      response: { 200: ReadySchema },
    },
    handler: async () => {
      const s = await storage.check();
      return {
        // Storage that is not configured at all (tests, tools) is not a fault.
        status: s.state === 'ready' || s.state === 'disabled' ? ('ready' as const) : ('degraded' as const),
        dataVersion: data.catalog.version,
        checks: { data: 'loaded' as const, storage: s.state },
        storage: { kind: s.kind, ...(s.reason ? { reason: s.reason } : {}) },
        estimateCache: cacheStats(),
      };
    },
  });
};

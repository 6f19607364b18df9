// GET /healthz (the process answers) and GET /readyz (data loaded; later, storage reachable).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LoadedData } from '../../data/load.js';
import type { CacheStats } from '../estimate-cache.js';

const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
const ReadySchema = z
  .object({
    status: z.literal('ready'),
    dataVersion: z.string(),
    checks: z.object({ data: z.literal('loaded') }),
    estimateCache: z
      .object({ entries: z.number(), bytes: z.number(), hits: z.number(), misses: z.number(), maxEntries: z.number(), maxBytes: z.number() })
      .describe('The in-process cache of serialised estimates'),
  })
  .meta({ id: 'Ready' });

export const healthRoutes: FastifyPluginAsyncZod<{ data: LoadedData; cacheStats: () => CacheStats }> = async (app, { data, cacheStats }) => {
  app.get('/healthz', {
    schema: { tags: ['operations'], summary: 'Liveness: the process is up', response: { 200: HealthSchema } },
    handler: async () => ({ status: 'ok' as const }),
  });
  app.get('/readyz', {
    schema: { tags: ['operations'], summary: 'Readiness: the data is loaded and the service can answer', response: { 200: ReadySchema } },
    handler: async () => ({ status: 'ready' as const, dataVersion: data.catalog.version, checks: { data: 'loaded' as const }, estimateCache: cacheStats() }),
  });
};

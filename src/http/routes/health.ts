// GET /healthz (the process answers) and GET /readyz (whether this instance should get traffic).
// The public /readyz says one word and nothing else: no names, paths, process ids or reasons, for
// anyone may call it. The admin key (Authorization: Bearer ADMIN_API_KEY) gets the details. It
// never touches the database: it reads the state storage keeps (see Storage.status), so a flood
// of probes costs no queries.
//   ready     200  data loaded, storage (when configured) usable
//   degraded  200  estimates work; configured storage does not (opening, unreachable, no
//                  privileges, schema missing): clinic, sheet and quote routes answer 503. Still
//                  in the load balancer: every instance shares the database, and taking them all
//                  out would stop estimates too.
//   503 service-unavailable (problem+json): draining after SIGTERM: take this instance out of
//                  the load balancer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LoadedData } from '../../data/load.js';
import { secretsEqual } from '../../storage/clinics.js';
import type { Storage } from '../../storage/storage.js';
import type { CacheStats } from '../estimate-cache.js';
import type { Lifecycle } from '../lifecycle.js';
import { HttpProblem, problemResponses } from '../problem.js';

const HealthSchema = z.object({ status: z.literal('ok') }).meta({ id: 'Health' });
const ReadySchema = z
  .object({
    status: z.enum(['ready', 'degraded']).describe('ready; degraded: estimates work, configured storage does not (yet)'),
    dataVersion: z.string().optional().describe('Admin key only'),
    checks: z
      .object({
        data: z.literal('loaded'),
        storage: z.enum(['ready', 'opening', 'unavailable', 'disabled']).describe('Clinics, price sheets and quotes'),
      })
      .optional()
      .describe('Admin key only'),
    storage: z
      .object({
        kind: z.enum(['pglite', 'postgres', 'none']),
        reason: z.string().optional().describe('Why storage is not ready'),
        fault: z.enum(['connection', 'permission', 'missing-schema', 'query']).optional().describe('The kind of the fault that made storage unavailable'),
        checkedAt: z.string().optional().describe('When the database last answered'),
      })
      .optional()
      .describe('Admin key only'),
    estimateCache: z
      .object({ entries: z.number(), bytes: z.number(), hits: z.number(), misses: z.number(), maxEntries: z.number(), maxBytes: z.number() })
      .optional()
      .describe('The in-process cache of serialised estimates (admin key only)'),
  })
  .meta({ id: 'Ready' });

export interface HealthOptions {
  readonly data: LoadedData;
  readonly cacheStats: () => CacheStats;
  readonly storage: Storage;
  readonly adminApiKey: string | undefined;
  readonly lifecycle: Lifecycle;
}

const BEARER = /^Bearer +(\S+)\s*$/i;

export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (app, { data, cacheStats, storage, adminApiKey, lifecycle }) => {
  const isAdmin = (authorization: string | undefined): boolean => {
    if (adminApiKey === undefined || authorization === undefined) return false;
    const token = BEARER.exec(authorization)?.[1];
    return token !== undefined && secretsEqual(token, adminApiKey);
  };

  app.get('/healthz', {
    schema: {
      tags: ['operations'],
      summary: 'Liveness: the process is up',
      description: 'Answers 200 while the process can answer at all, whatever the state of storage or a shutdown. Never rate-limited nor shed under load, so probes see the real state.',
      response: { 200: HealthSchema },
    },
    handler: async () => ({ status: 'ok' as const }),
  });
  app.get('/readyz', {
    schema: {
      tags: ['operations'],
      summary: 'Readiness: whether this instance should get traffic',
      description:
        'ready (200); degraded (200: estimates work, configured storage does not, so clinic, sheet and quote routes answer 503); 503 service-unavailable while the instance drains after SIGTERM (take it out of the load balancer). Says nothing more without the admin key; with it (Authorization: Bearer ADMIN_API_KEY), also the data version, the state of storage and why, and the estimate cache. Reads remembered state: never queries the database per call. Never rate-limited nor shed.',
      response: { 200: ReadySchema, ...problemResponses(503) },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      if (lifecycle.draining) throw new HttpProblem('service-unavailable', 'This instance is shutting down; send requests to another one.');
      const s = storage.status();
      // Storage that is not configured at all (tests, tools) is not a fault.
      const status = s.state === 'ready' || s.state === 'disabled' ? ('ready' as const) : ('degraded' as const);
      if (!isAdmin(request.headers.authorization)) return { status };
      return {
        status,
        dataVersion: data.catalog.version,
        checks: { data: 'loaded' as const, storage: s.state },
        storage: { kind: s.kind, ...(s.reason ? { reason: s.reason } : {}), ...(s.fault ? { fault: s.fault } : {}), ...(s.checkedAt ? { checkedAt: s.checkedAt } : {}) },
        estimateCache: cacheStats(),
      };
    },
  });
};

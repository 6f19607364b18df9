// Protection for every route, including routes other plugins add later: security headers
// (helmet), rate limits per API key or client address (shared through Redis when configured),
// and load shedding under event-loop or memory pressure. Register before any route: the rate
// limiter attaches itself to routes as they are added.
import { createHash } from 'node:crypto';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import { once } from 'node:events';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { HttpProblem } from './problem.js';

export type ProtectionConfig = Pick<
  Config,
  | 'rateLimitMax'
  | 'rateLimitWindowMs'
  | 'rateLimitAllowList'
  | 'redisUrl'
  | 'redisKeyPrefix'
  | 'pressureMaxEventLoopDelayMs'
  | 'pressureMaxHeapUsedBytes'
  | 'pressureMaxRssBytes'
  | 'pressureRetryAfterSeconds'
>;

/**
 * The Content-Security-Policy of every response. Scripts and styles come from this origin only
 * (the /docs page and the widget load theirs from files, none inline); swagger-ui sets style
 * attributes and uses data: images for its icons. No upgrade-insecure-requests: the service is
 * served over plain HTTP behind a TLS-terminating proxy, and in development.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
} as const;

const REDIS_START_WAIT_MS = 2000;

/** Routes that are never rate-limited nor shed: probes and scraping must see the real state. */
const OPERATIONS_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/** The rate-limit key: a hash of the Bearer token (never the token), or the client address. */
export function rateLimitKey(request: FastifyRequest): string {
  const auth = request.headers.authorization;
  if (typeof auth === 'string' && auth.length > 7 && auth.slice(0, 7).toLowerCase() === 'bearer ') {
    return `key:${createHash('sha256').update(auth.slice(7).trim()).digest('base64url').slice(0, 32)}`;
  }
  return `ip:${request.ip}`;
}

export async function registerProtection(app: FastifyInstance, config: ProtectionConfig): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // The API and the widget script are meant to be used from other origins (CORS decides who may
    // read the API's answers); same-origin would stop a clinic page loading /widget.js.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // No COEP: it would stop /docs and the widget page from loading anything cross-origin.
    crossOriginEmbedderPolicy: false,
  });

  if (config.pressureMaxEventLoopDelayMs > 0 || config.pressureMaxHeapUsedBytes > 0 || config.pressureMaxRssBytes > 0) {
    await app.register(underPressure, {
      maxEventLoopDelay: config.pressureMaxEventLoopDelayMs,
      maxHeapUsedBytes: config.pressureMaxHeapUsedBytes,
      maxRssBytes: config.pressureMaxRssBytes,
      retryAfter: config.pressureRetryAfterSeconds,
      // The mean delay over one second. A loop blocked for a whole interval (no sample at all)
      // counts as over the limit, so the interval must be well above one long request (a batch).
      sampleInterval: 1000,
      pressureHandler: async (request, reply, type, value) => {
        if (OPERATIONS_ROUTES.has(request.routeOptions.url ?? '')) return undefined;
        reply.header('retry-after', String(config.pressureRetryAfterSeconds));
        request.log.warn({ type, value }, 'shedding load');
        throw new HttpProblem('service-unavailable', `The service is under load (${type}); retry after ${config.pressureRetryAfterSeconds} seconds.`);
      },
    });
  }

  if (config.rateLimitMax > 0) {
    const redis = config.redisUrl ? await connectRedis(app, config.redisUrl) : undefined;
    const allowed = new Set(config.rateLimitAllowList);
    await app.register(rateLimit, {
      max: config.rateLimitMax,
      timeWindow: config.rateLimitWindowMs,
      keyGenerator: rateLimitKey,
      allowList: (request) => allowed.has(request.ip) || OPERATIONS_ROUTES.has(request.routeOptions.url ?? ''),
      // RateLimit-Limit / -Remaining / -Reset (IETF draft) and Retry-After on a 429.
      enableDraftSpec: true,
      ...(redis ? { redis, nameSpace: config.redisKeyPrefix } : {}),
      // A Redis fault must not take the API down: serve unlimited until it is back.
      skipOnError: true,
      errorResponseBuilder: (_request, context) =>
        new HttpProblem('rate-limited', `At most ${context.max} requests per ${Math.round(config.rateLimitWindowMs / 1000)} s for one API key or client address; retry in ${context.after}.`),
    });
  }
}

/**
 * A Redis client for the rate-limit counters that fails fast: no offline queue and a short
 * command timeout, so a Redis outage costs a request a few milliseconds, not a hang. Start-up
 * waits up to REDIS_START_WAIT_MS for the connection (so the first requests are counted), then
 * goes on without it, reconnecting in the background. Closed with the app.
 */
async function connectRedis(app: FastifyInstance, url: string): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 250,
    connectTimeout: 1000,
    // Keep trying to reconnect, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
  let healthy = true;
  redis.on('error', (error: Error) => {
    if (healthy) app.log.warn({ err: error }, 'redis unavailable: rate limits are not enforced until it is back');
    healthy = false;
  });
  redis.on('ready', () => {
    if (!healthy) app.log.info('redis reachable again: rate limits enforced');
    healthy = true;
  });
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  let timer: NodeJS.Timeout | undefined;
  const ready = await Promise.race([
    // An 'error' first (refused, unknown host) rejects: go on without Redis at once.
    once(redis, 'ready').then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), REDIS_START_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (!ready) app.log.warn('redis not reachable at start-up: rate limits are not enforced until it is');
  return redis;
}

// Protection for every route, including routes other plugins add later and the 404 handler
// (everything here is an onRequest hook of the root instance): security headers (helmet's,
// computed once), rate limits by client address (the clinic routes count by verified API key
// instead, in auth.ts; see limits.ts), shared through Redis when configured, and load shedding
// under event-loop or memory pressure.
import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { Redis } from 'ioredis';
import { Counter } from 'prom-client';
import type { Config } from '../config.js';
import { syncCounters } from './counters.js';
import { createLimits, type Limits } from './limits.js';
import { HttpProblem } from './problem.js';

export type ProtectionConfig = Pick<
  Config,
  | 'rateLimitMax'
  | 'rateLimitWindowMs'
  | 'rateLimitAllowList'
  | 'authFailureMax'
  | 'quoteMaxPerAddress'
  | 'quoteMaxPerClinic'
  | 'quoteQuotaWindowMs'
  | 'rateLimitSyncMs'
  | 'redisTimeoutMs'
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
export const OPERATIONS_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Routes that authenticate every request: counted by their verified API key after
 * authentication (auth.ts), not by address here. Anything else, whatever Authorization header it
 * carries, counts against its client address: an unverified token is not an identity.
 */
export const AUTHENTICATED_PREFIX = '/v1/clinics';

/** What a request is counted against before authentication: its client address, always. */
export function rateLimitKey(request: FastifyRequest): string {
  return request.ip;
}

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  // The API and the widget script are meant to be used from other origins (CORS decides who may
  // read the API's answers); same-origin would stop a clinic page loading /widget.js.
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  // No COEP: it would stop /docs and the widget page from loading anything cross-origin.
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets, computed once by running its middleware on a recording response. They
 * are the same for every request (no nonces), and building helmet's middleware per request, as
 * @fastify/helmet does, cost about 40% of the throughput of a cached estimate (measured with
 * autocannon against both).
 */
export function securityHeaders(options: HelmetOptions = HELMET_OPTIONS): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return Object.freeze(headers);
}

/**
 * Headers that protect any response (what it may load, who may frame or embed it, HTTPS only, no
 * MIME sniffing), and those that only mean something on an HTML document (opener isolation,
 * referrer, legacy IE/Flash/XSS-filter switches). Every response gets the first set; requests
 * that accept text/html (a browser loading /docs or the widget page) get both. Fewer headers on
 * every JSON answer measurably cheapens the hot path.
 */
const ALWAYS = new Set(['content-security-policy', 'cross-origin-resource-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options']);

export function splitHeaders(headers: Readonly<Record<string, string>>): { always: Record<string, string>; documents: Record<string, string> } {
  const always: Record<string, string> = {};
  const documents: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) (ALWAYS.has(name) ? always : documents)[name] = value;
  return { always, documents };
}

export async function registerProtection(app: FastifyInstance, config: ProtectionConfig): Promise<Limits> {
  const { always, documents } = splitHeaders(securityHeaders());
  const both = { ...always, ...documents };
  // A browser loading a page asks for text/html; API clients do not. One check here is cheaper
  // than an onSend hook looking at every answer's content type.
  app.addHook('onRequest', (request, reply, done) => {
    const accept = request.headers.accept;
    reply.headers(accept !== undefined && accept.includes('text/html') ? both : always);
    done();
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

  const limits = createLimits(config, app.hasDecorator('metrics') ? app.metrics.registry : undefined);
  if (config.rateLimitMax > 0) {
    // Every route, including those registered later and the 404 handler. Synchronous: no promise,
    // no await on Redis, a Map lookup and three headers per request.
    app.addHook('onRequest', (request, reply, done) => {
      const address = request.ip;
      if (limits.exempt(address)) return done();
      const url = request.routeOptions.url;
      if (url !== undefined && (OPERATIONS_ROUTES.has(url) || url.startsWith(AUTHENTICATED_PREFIX))) return done();
      done(limits.request(address, reply));
    });
  }
  if (config.redisUrl && limits.counters.length > 0) {
    const redis = await connectRedis(app, config.redisUrl, config.redisTimeoutMs);
    const fallbacks = app.hasDecorator('metrics')
      ? new Counter({ name: 'mesoquote_rate_limit_redis_fallbacks_total', help: 'Syncs of the rate-limit counters with Redis that failed (timeout, connection): limits counted per process meanwhile', registers: [app.metrics.registry] })
      : undefined;
    let fallingBack = false;
    const sync = syncCounters(redis, config.redisKeyPrefix, limits.counters, config.rateLimitSyncMs, {
      onFallback: (error) => {
        fallbacks?.inc();
        if (!fallingBack) app.log.warn({ err: { message: error instanceof Error ? error.message : String(error) }, timeoutMs: config.redisTimeoutMs }, 'redis unavailable: rate limits and quotes counted per process until it is back');
        fallingBack = true;
      },
      onRecovered: () => {
        fallingBack = false;
        app.log.info('redis reachable again: rate limits and quotas shared again');
      },
    });
    app.addHook('onClose', async () => sync.stop());
    app.decorate('syncLimits', sync.flush);
  }
  return limits;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** With REDIS_URL: sends this process's counts to Redis now (tests; a timer does it every RATE_LIMIT_SYNC_MS). */
    syncLimits?: () => Promise<void>;
  }
}

/**
 * A Redis client for the counters that fails fast: no offline queue and a short command timeout
 * (REDIS_TIMEOUT_MS). Requests never wait for it (counters.ts syncs in the background); start-up
 * waits up to REDIS_START_WAIT_MS for the connection, then goes on without it, reconnecting in
 * the background. Closed with the app.
 */
async function connectRedis(app: FastifyInstance, url: string, timeoutMs: number): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: timeoutMs,
    connectTimeout: 1000,
    // Keep trying to reconnect, at most every 2 s.
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
  let healthy = true;
  redis.on('error', (error: Error) => {
    if (healthy) app.log.warn({ err: error }, 'redis connection failed: rate limits and quotas counted per process until it is back');
    healthy = false;
  });
  redis.on('ready', () => {
    if (!healthy) app.log.info('redis connected again');
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
  if (!ready) app.log.warn('redis not reachable at start-up: rate limits and quotas counted per process until it is');
  return redis;
}

// Environment -> validated, frozen Config. Parsed once at start-up by server.ts; everything else
// receives the Config it needs.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The directory holding package.json, found from this module (works from src/ and from dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('TCP port to listen on (0 = any free port)'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface to bind; 0.0.0.0 in containers'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info').describe('pino log level'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto').describe('json: one JSON object a line (pino); pretty: coloured lines for people, one per request; auto: pretty when standard output is a terminal, else json'),
  DATA_DIR: z.string().min(1).optional().describe('Directory of the data files (default: the data/ folder of this package)'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(64 * 1024).describe('Largest request body accepted, in bytes (413 above)'),
  ESTIMATE_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(10_000).describe('Serialised estimates kept in memory (0 disables the cache)'),
  ESTIMATE_CACHE_MAX_BYTES: z.coerce.number().int().min(0).max(4 * 1024 * 1024 * 1024).default(64 * 1024 * 1024).describe('Memory the estimate cache may hold, in bytes; the least recently used entries go first'),
  CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(31_536_000).default(300).describe('max-age of Cache-Control on GET /v1/estimates and GET /v1/catalog'),
  BATCH_MAX_ITEMS: z.coerce.number().int().min(1).max(100_000).default(1000).describe('Most items in one POST /v1/estimates/batch, and most cells of one compare'),
  BATCH_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024).describe('Largest body accepted by the batch and compare endpoints, in bytes'),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000).describe('How long a SIGTERM waits for in-flight requests'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list, ctx) => {
      const origins: string[] = [];
      for (const item of list.split(',').map((o) => o.trim()).filter((o) => o !== '')) {
        const origin = parseOrigin(item);
        if (origin === undefined) {
          ctx.addIssue({ code: 'custom', message: `"${item}" is not an origin such as https://clinic.example or http://localhost:8080 (scheme, host, optional port, no path), nor *` });
          return z.NEVER;
        }
        origins.push(origin);
      }
      return [...new Set(origins)];
    })
    .describe('Origins whose web pages may call the API from a browser (CORS), comma-separated, or * for any; default: none (same origin only)'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .describe('PostgreSQL server for clinics, price sheets and quotes (several processes may share it); unset: embedded PGlite in STORAGE_DIR'),
  STORAGE_DIR: z.string().min(1).optional().describe('Directory of the embedded PGlite database, used when DATABASE_URL is unset (default: .data/ of this package; "memory" keeps nothing on disk)'),
  ADMIN_API_KEY: z
    .string()
    .min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)')
    .optional()
    .describe('Bearer key that may create clinics and manage any clinic; unset: clinic creation is disabled'),
  QUOTE_VALID_DAYS: z.coerce.number().int().min(1).max(3650).default(30).describe('Days a saved quote stays valid'),
  STORAGE_RETRY_SECONDS: z.coerce.number().int().min(1).max(300).default(5).describe('Seconds between attempts to open or reach storage, and the Retry-After of a 503 while it is unavailable'),
  // Hardening (issue 7): timeouts, rate limits, load shedding, proxies.
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(30_000).describe('Time allowed for a request\'s headers and body to arrive, in ms (408 problem+json after; 0 = no limit)'),
  CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(60_000).describe('A socket with no activity for this long is closed, in ms (0 = never)'),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[0-9A-Fa-f.:/]+(,[0-9A-Fa-f.:/]+)*)$/, 'must be true, false, a hop count, or a comma-separated list of proxy addresses/CIDRs')
    .default('false')
    .describe('Which proxies to trust for X-Forwarded-For (the client address rate limits use): false, true, a hop count, or addresses/CIDRs'),
  RATE_LIMIT_MAX: z.coerce.number().int().min(0).max(10_000_000).default(600).describe('Requests one verified API key (clinic routes) or client address (every other route) may make per window (429 above; 0 = no rate limit)'),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(86_400_000).default(60_000).describe('Length of the rate-limit window, in ms'),
  RATE_LIMIT_ALLOWLIST: z
    .string()
    .default('127.0.0.1,::1,::ffff:127.0.0.1')
    .describe('Client addresses never rate-limited, comma-separated (default: loopback, for local benchmarks and sidecars; set it empty in production)'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional().describe('Redis for the rate-limit and quota counters, shared by every replica (redis://host:6379); unset: counters are per process. If Redis fails, each process counts alone until it is back'),
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('mesoquote:rl:').describe('Prefix of the rate-limit keys in Redis, so several deployments can share one Redis'),
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().min(0).max(60_000).default(1000).describe('Shed load (503 with Retry-After) when the mean event-loop delay exceeds this, in ms (0 = off)'),
  PRESSURE_MAX_HEAP_USED_BYTES: z.coerce.number().int().min(0).default(0).describe('Shed load when the V8 heap in use exceeds this, in bytes (0 = off)'),
  PRESSURE_MAX_RSS_BYTES: z.coerce.number().int().min(0).default(0).describe('Shed load when the resident set size exceeds this, in bytes (0 = off)'),
  PRESSURE_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3600).default(10).describe('Retry-After sent with a 503 when shedding load'),
  // Production safety (issue 16): abuse limits, Redis timeouts, draining, durable storage, purging.
  AUTH_FAILURE_MAX: z.coerce.number().int().min(0).max(1_000_000).default(20).describe('Failed authentications (401) one client address may make per RATE_LIMIT_WINDOW_MS before every authenticated request from it is 429 (0 = no limit)'),
  QUOTE_MAX_PER_ADDRESS: z.coerce.number().int().min(0).max(10_000_000).default(100).describe('Quotes (POST /v1/quotes) one client address may save per QUOTE_QUOTA_WINDOW_MS (429 above; 0 = no quota)'),
  QUOTE_MAX_PER_CLINIC: z.coerce.number().int().min(0).max(10_000_000).default(5000).describe("Quotes naming one clinic that may be saved per QUOTE_QUOTA_WINDOW_MS, from all addresses together (429 above; 0 = no quota)"),
  QUOTE_QUOTA_WINDOW_MS: z.coerce.number().int().min(1000).max(7 * 86_400_000).default(3_600_000).describe('Length of the quote quota window, in ms'),
  RATE_LIMIT_SYNC_MS: z.coerce.number().int().min(10).max(10_000).default(100).describe('How often the counters of this process are added to the shared ones in Redis, in ms; requests never wait for Redis'),
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(5).max(10_000).default(100).describe('A Redis command taking longer fails, in ms; the limits then count in this process alone (logged, counted) until Redis answers again'),
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(5000).describe('After SIGTERM: how long /readyz answers 503 while every request is still served (with Connection: close) before the listener closes, in ms'),
  STORAGE_FSYNC: z.enum(['on', 'off']).default('on').describe('Embedded PGlite: on = every commit is flushed to disk (fsync) before it is acknowledged; off = faster commits that a power loss (not a crash) can lose'),
  QUOTE_PURGE_INTERVAL_MS: z.coerce.number().int().min(0).max(7 * 86_400_000).default(3_600_000).describe('How often quotes past validUntil are deleted, in ms (0 = never)'),
});

/** "*", or the origin of an http(s) URL that has nothing after its host and port: "https://a.example/" -> "https://a.example". */
function parseOrigin(value: string): string | undefined {
  if (value === '*') return value;
  try {
    const url = new URL(value);
    const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    return (url.protocol === 'https:' || url.protocol === 'http:') && bare ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly logFormat: 'auto' | 'json' | 'pretty';
  readonly dataDir: string;
  readonly bodyLimitBytes: number;
  readonly estimateCacheEntries: number;
  readonly estimateCacheMaxBytes: number;
  readonly cacheMaxAgeSeconds: number;
  readonly batchMaxItems: number;
  readonly batchBodyLimitBytes: number;
  readonly shutdownGraceMs: number;
  /** Origins allowed by CORS; empty: no CORS headers at all; ['*']: any origin. */
  readonly corsOrigins: readonly string[];
  /** Unset: embedded PGlite in storageDir. */
  readonly databaseUrl: string | undefined;
  /** Directory of the embedded database, or 'memory'. */
  readonly storageDir: string;
  /** Unset: clinic creation is disabled. */
  readonly adminApiKey: string | undefined;
  readonly quoteValidDays: number;
  readonly storageRetrySeconds: number;
  readonly requestTimeoutMs: number;
  readonly connectionTimeoutMs: number;
  /** Fastify's trustProxy: a boolean, a hop count or a list of addresses/CIDRs. */
  readonly trustProxy: boolean | number | string;
  readonly rateLimitMax: number;
  readonly rateLimitWindowMs: number;
  readonly rateLimitAllowList: readonly string[];
  readonly redisUrl: string | undefined;
  readonly redisKeyPrefix: string;
  readonly pressureMaxEventLoopDelayMs: number;
  readonly pressureMaxHeapUsedBytes: number;
  readonly pressureMaxRssBytes: number;
  readonly pressureRetryAfterSeconds: number;
  readonly authFailureMax: number;
  readonly quoteMaxPerAddress: number;
  readonly quoteMaxPerClinic: number;
  readonly quoteQuotaWindowMs: number;
  readonly rateLimitSyncMs: number;
  readonly redisTimeoutMs: number;
  readonly shutdownDrainMs: number;
  /** Embedded PGlite: flush every commit to disk. */
  readonly storageFsync: boolean;
  readonly quotePurgeIntervalMs: number;
}

/** Every key the service reads, with its description, for the README and for error messages. */
export const CONFIG_KEYS = Object.fromEntries(Object.entries(EnvSchema.shape).map(([key, schema]) => [key, schema.description ?? '']));

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws ConfigError naming every bad key and what it allows. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = result.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    dataDir: resolve(e.DATA_DIR ?? join(packageRoot(), 'data')),
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    estimateCacheEntries: e.ESTIMATE_CACHE_ENTRIES,
    estimateCacheMaxBytes: e.ESTIMATE_CACHE_MAX_BYTES,
    cacheMaxAgeSeconds: e.CACHE_MAX_AGE_SECONDS,
    batchMaxItems: e.BATCH_MAX_ITEMS,
    batchBodyLimitBytes: e.BATCH_BODY_LIMIT_BYTES,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    corsOrigins: Object.freeze(e.CORS_ORIGINS),
    databaseUrl: e.DATABASE_URL,
    storageDir: e.STORAGE_DIR === 'memory' ? 'memory' : resolve(e.STORAGE_DIR ?? join(packageRoot(), '.data')),
    adminApiKey: e.ADMIN_API_KEY,
    quoteValidDays: e.QUOTE_VALID_DAYS,
    storageRetrySeconds: e.STORAGE_RETRY_SECONDS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    connectionTimeoutMs: e.CONNECTION_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY === 'false' ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    rateLimitMax: e.RATE_LIMIT_MAX,
    rateLimitWindowMs: e.RATE_LIMIT_WINDOW_MS,
    rateLimitAllowList: Object.freeze(e.RATE_LIMIT_ALLOWLIST.split(',').map((a) => a.trim()).filter((a) => a !== '')),
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    pressureMaxEventLoopDelayMs: e.PRESSURE_MAX_EVENT_LOOP_DELAY_MS,
    pressureMaxHeapUsedBytes: e.PRESSURE_MAX_HEAP_USED_BYTES,
    pressureMaxRssBytes: e.PRESSURE_MAX_RSS_BYTES,
    pressureRetryAfterSeconds: e.PRESSURE_RETRY_AFTER_SECONDS,
    authFailureMax: e.AUTH_FAILURE_MAX,
    quoteMaxPerAddress: e.QUOTE_MAX_PER_ADDRESS,
    quoteMaxPerClinic: e.QUOTE_MAX_PER_CLINIC,
    quoteQuotaWindowMs: e.QUOTE_QUOTA_WINDOW_MS,
    rateLimitSyncMs: e.RATE_LIMIT_SYNC_MS,
    redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    storageFsync: e.STORAGE_FSYNC === 'on',
    quotePurgeIntervalMs: e.QUOTE_PURGE_INTERVAL_MS,
  });
}

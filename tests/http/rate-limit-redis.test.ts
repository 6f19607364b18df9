// Rate limits shared through Redis: two app instances (two replicas) spend one budget (each adds
// its counts to Redis every RATE_LIMIT_SYNC_MS: requests never wait for Redis), the keys hold a
// verified key's id and never a secret, and when Redis goes away or stalls mid-run the service
// keeps answering at full speed, limiting per process (logged, counted), and shares the budget
// again once Redis is back. Runs against the Redis in REDIS_URL or TEST_REDIS_URL (CI sets
// REDIS_URL), each run under its own key prefix.
import { randomUUID } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
import { ADMIN_KEY, bearer, memoryStorage, storageApp } from '../support/storage.js';
import { expectProblem } from './http-helpers.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL;
const ESTIMATE = '/v1/estimates?treatment=skin-rejuvenation';
const PREFIX = `mesoquote-test:${process.pid}:${randomUUID()}:`;

describe.skipIf(!REDIS_URL)(`rate limits through Redis${REDIS_URL ? '' : ' (skipped: set REDIS_URL or TEST_REDIS_URL to a Redis server, e.g. redis://127.0.0.1:6379)'}`, () => {
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(REDIS_URL ?? '');
  });
  afterAll(async () => {
    const keys = await redis.keys(`${PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('shares one budget between two app instances, by client address and by verified API key, never storing a secret', async () => {
    const prefix = `${PREFIX}shared:`;
    const storage = await memoryStorage();
    const config = { rateLimitMax: 4, rateLimitWindowMs: 60_000, rateLimitAllowList: [], redisUrl: REDIS_URL, redisKeyPrefix: prefix, rateLimitSyncMs: 20 };
    const [a, b] = await Promise.all([storageApp(storage, config), storageApp(storage, config)]);
    try {
      // Each replica adds its counts to Redis every sync interval; wait one between requests.
      // (In turn: the first reads back what the second added.)
      const synced = async () => {
        for (const app of [a, b, a]) await app.syncLimits?.();
      };
      const send = async (app: FastifyInstance, url = ESTIMATE, headers: Record<string, string> = {}) => {
        const res = await app.inject({ url, remoteAddress: '203.0.113.20', headers });
        await synced();
        return res;
      };
      const statuses = [];
      for (const app of [a, b, a, b]) statuses.push((await send(app)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200]);
      expectProblem(await send(a), 429, 'rate-limited');
      expectProblem(await send(b), 429, 'rate-limited');

      const created = (await a.inject({ method: 'POST', url: '/v1/clinics', remoteAddress: '203.0.113.30', headers: bearer(ADMIN_KEY), payload: { name: 'Shared' } })).json() as {
        clinic: { id: string };
        apiKey: { id: string; key: string };
      };
      await synced();
      const url = `/v1/clinics/${created.clinic.id}`;
      for (const app of [a, b, a, b]) expect((await send(app, url, bearer(created.apiKey.key))).statusCode).toBe(200);
      expect((await send(b, url, bearer(created.apiKey.key))).statusCode).toBe(429);

      const keys = await redis.keys(`${prefix}*`);
      expect(keys.some((k) => k.startsWith(`${prefix}requests:203.0.113.20:`))).toBe(true);
      expect(keys.some((k) => k.startsWith(`${prefix}requests:key:${created.apiKey.id}:`))).toBe(true);
      expect(keys.join('\n')).not.toContain(created.apiKey.key.slice(20));
      // Counters expire with their window.
      const ttl = await redis.pttl(keys[0]!);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(61_000);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await storage.close();
    }
  });

  it('keeps answering when Redis goes down mid-run, limiting per process meanwhile, and shares again once it is back', async () => {
    const target = new URL(REDIS_URL ?? '');
    const proxy = await startProxy(target.hostname, Number(target.port || 6379));
    const url = `redis://127.0.0.1:${proxy.port}`;
    const prefix = `${PREFIX}down:`;
    const app = await testApp({ rateLimitMax: 2, rateLimitWindowMs: 60_000, rateLimitAllowList: [], redisUrl: url, redisKeyPrefix: prefix, rateLimitSyncMs: 20 });
    try {
      const send = (address = '203.0.113.21') => app.inject({ url: ESTIMATE, remoteAddress: address });
      expect((await send()).statusCode).toBe(200);
      await app.syncLimits?.();
      // Another replica spent the rest of this address's budget: Redis says so.
      const [key] = await redis.keys(`${prefix}requests:203.0.113.21:*`);
      await redis.incrby(key!, 5);
      await send();
      await app.syncLimits?.();
      expect((await send()).statusCode, 'Redis holds the count').toBe(429);

      await proxy.stop();
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) {
        const started = Date.now();
        statuses.push((await send('203.0.113.22')).statusCode);
        expect(Date.now() - started).toBeLessThan(200);
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(statuses, 'limited in this process while Redis is down').toEqual([200, 200, ...Array(18).fill(429)]);
      expect(await metricValue(app, 'mesoquote_rate_limit_redis_fallbacks_total')).toBeGreaterThan(0);

      await proxy.restart();
      expect(
        await waitFor(async () => {
          await app.syncLimits?.();
          return (await redis.keys(`${prefix}requests:203.0.113.22:*`)).length > 0;
        }, 8000),
        'counts made while Redis was down reach it once it is back',
      ).toBe(true);
    } finally {
      await app.close();
      await proxy.stop();
    }
  });

  it('adds no latency when Redis stalls (accepts, never answers): the sync times out, is logged and counted', async () => {
    const target = new URL(REDIS_URL ?? '');
    const proxy = await startProxy(target.hostname, Number(target.port || 6379));
    const lines: string[] = [];
    const { pino } = await import('pino');
    const logger = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
    const { buildApp } = await import('../../src/http/app.js');
    const { realData, testConfig } = await import('../support/app.js');
    const app = await buildApp({
      config: testConfig({ rateLimitMax: 1000, rateLimitAllowList: [], redisUrl: `redis://127.0.0.1:${proxy.port}`, redisKeyPrefix: `${PREFIX}stall:`, rateLimitSyncMs: 20, redisTimeoutMs: 100 }),
      data: realData(),
      logger,
    });
    await app.ready();
    try {
      expect((await app.inject({ url: ESTIMATE, remoteAddress: '203.0.113.23' })).statusCode).toBe(200);
      proxy.stall();
      const times: number[] = [];
      for (let i = 0; i < 30; i += 1) {
        const started = performance.now();
        expect((await app.inject({ url: ESTIMATE, remoteAddress: '203.0.113.23' })).statusCode).toBe(200);
        times.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 10));
      }
      times.sort((x, y) => x - y);
      expect(times[Math.floor(times.length / 2)], 'median request time while Redis stalls, ms').toBeLessThan(20);
      expect(await waitFor(async () => lines.some((l) => /redis unavailable/.test(l)), 3000), lines.join('')).toBe(true);
      expect(await metricValue(app, 'mesoquote_rate_limit_redis_fallbacks_total')).toBeGreaterThan(0);
    } finally {
      await app.close();
      await proxy.stop();
    }
  });
});

async function metricValue(app: FastifyInstance, name: string): Promise<number> {
  const text = (await app.inject({ url: '/metrics' })).body;
  return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

/** A TCP proxy in front of Redis that the test can cut and restore, on the same port, or stall (bytes in, nothing out). */
async function startProxy(host: string, port: number): Promise<{ port: number; stop(): Promise<void>; restart(): Promise<void>; stall(): void }> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let listenPort = 0;
  let stalled = false;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(port, host);
        sockets.add(client).add(upstream);
        client.on('data', (chunk: Buffer) => {
          if (!stalled) upstream.write(chunk);
        });
        upstream.on('data', (chunk: Buffer) => {
          if (!stalled) client.write(chunk);
        });
        const end = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
      });
      server.once('error', reject);
      server.listen(listenPort, '127.0.0.1', () => {
        listenPort = (server?.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    port: listenPort,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        if (!server?.listening) return resolve();
        server.close(() => resolve());
      }),
    restart: listen,
    stall: () => {
      stalled = true;
    },
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

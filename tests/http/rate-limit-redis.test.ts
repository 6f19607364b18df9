// Rate limits shared through Redis: two app instances (two replicas) spend one budget, the keys
// hold a hash of the API key and never the key, and when Redis goes away mid-run the service keeps
// answering (unlimited) and enforces limits again once Redis is back. Runs against the Redis in
// REDIS_URL or TEST_REDIS_URL (CI sets REDIS_URL), each run under its own key prefix.
import { randomUUID } from 'node:crypto';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.js';
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

  it('shares one budget between two app instances, keyed by a hash of the API key', async () => {
    const prefix = `${PREFIX}shared:`;
    const config = { rateLimitMax: 4, rateLimitWindowMs: 60_000, rateLimitAllowList: [], redisUrl: REDIS_URL, redisKeyPrefix: prefix };
    const [a, b] = await Promise.all([testApp(config), testApp(config)]);
    try {
      const send = (app: FastifyInstance, token?: string) =>
        app.inject({ url: ESTIMATE, remoteAddress: '203.0.113.20', ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) });
      const statuses = [];
      for (const app of [a, b, a, b]) statuses.push((await send(app)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200]);
      expectProblem(await send(a), 429, 'rate-limited');
      expectProblem(await send(b), 429, 'rate-limited');

      const secret = `mq_test_${randomUUID()}`;
      for (const app of [a, b, a, b]) expect((await send(app, secret)).statusCode).toBe(200);
      expect((await send(b, secret)).statusCode).toBe(429);

      const keys = await redis.keys(`${prefix}*`);
      expect(keys).toContain(`${prefix}ip:203.0.113.20`);
      expect(keys.some((k) => /key:[A-Za-z0-9_-]{32}$/.test(k))).toBe(true);
      expect(keys.join('\n')).not.toContain(secret);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('keeps answering when Redis goes down mid-run, and limits again once it is back', async () => {
    const target = new URL(REDIS_URL ?? '');
    const proxy = await startProxy(target.hostname, Number(target.port || 6379));
    const url = `redis://127.0.0.1:${proxy.port}`;
    const app = await testApp({ rateLimitMax: 2, rateLimitWindowMs: 60_000, rateLimitAllowList: [], redisUrl: url, redisKeyPrefix: `${PREFIX}down:` });
    try {
      const send = () => app.inject({ url: ESTIMATE, remoteAddress: '203.0.113.21' });
      await waitFor(async () => (await send()).statusCode === 200);
      await send();
      expect((await send()).statusCode, 'Redis holds the count').toBe(429);

      await proxy.stop();
      for (let i = 0; i < 20; i += 1) {
        const started = Date.now();
        const res = await send();
        expect(res.statusCode, 'served while Redis is down').toBe(200);
        expect(Date.now() - started).toBeLessThan(1000);
      }

      await proxy.restart();
      expect(await waitFor(async () => (await send()).statusCode === 429, 8000), 'limits enforced again after Redis is back').toBe(true);
    } finally {
      await app.close();
      await proxy.stop();
    }
  });
});

/** A TCP proxy in front of Redis that the test can cut and restore, on the same port. */
async function startProxy(host: string, port: number): Promise<{ port: number; stop(): Promise<void>; restart(): Promise<void> }> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  let listenPort = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(port, host);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
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

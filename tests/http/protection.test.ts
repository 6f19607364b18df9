// Protection on every route: security headers with a CSP under which /docs still loads, rate
// limits per client address (429 problem+json, RateLimit headers; an unverified Bearer token buys
// no budget of its own: tests/http/abuse-limits.test.ts has the per-key ones), load
// shedding (503 problem+json with Retry-After), and the request timeout (408 problem+json).
import { connect, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, rateLimitKey, securityHeaders } from '../../src/http/protection.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { testApp } from '../support/app.js';
import { expectProblem } from './http-helpers.js';

const ESTIMATE = '/v1/estimates?treatment=skin-rejuvenation';
/** A client address that is not on the default allow list (loopback). */
const REMOTE = '203.0.113.7';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name ?? '', values]),
  );
}

describe('security headers', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(() => app.close());

  it('sends helmet headers and a CSP that allows scripts and styles from this origin only, on API and error answers alike', async () => {
    for (const res of [await app.inject({ url: ESTIMATE }), await app.inject({ url: '/v1/nothing-here' })]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      // Document-only headers stay off JSON answers (they cost on the hot path and mean nothing there).
      expect(res.headers['referrer-policy']).toBeUndefined();
      expect(res.headers['x-xss-protection']).toBeUndefined();
      // The widget script and the API are used from clinic pages on other origins.
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      const csp = directives(String(res.headers['content-security-policy']));
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('script-src')).toEqual(["'self'"]);
      expect(csp.get('script-src-attr')).toEqual(["'none'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
      expect(csp.has('upgrade-insecure-requests')).toBe(false);
    }
  });

  it('serves /docs as a page whose scripts are all files from this origin (none inline), every asset loading under the CSP', async () => {
    // As a browser asks for a page.
    const page = await app.inject({ url: '/docs', headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = directives(String(page.headers['content-security-policy']));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    // An HTML document gets helmet's whole set.
    expect(Object.fromEntries(Object.keys(securityHeaders()).map((name) => [name, page.headers[name]]))).toEqual(securityHeaders());
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    const html = page.body;
    // No inline script: every <script> has a src and an empty body; no on* handler attributes.
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\bsrc="[^"]+"/);
      expect((body ?? '').trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    // Every referenced asset is same-origin (a path, not a URL with a host) and loads.
    const assets = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      expect(asset, asset).toMatch(/^\/docs\//);
      const res = await app.inject({ url: asset });
      expect(res.statusCode, asset).toBe(200);
      if (asset.endsWith('.js')) expect(res.headers['content-type'], asset).toMatch(/javascript/);
      if (asset.endsWith('.css')) expect(res.headers['content-type'], asset).toMatch(/text\/css/);
    }
    // The initializer loads the document from this origin, which connect-src 'self' allows.
    const init = await app.inject({ url: '/docs/static/swagger-initializer.js' });
    // The document from this origin, and no validator badge fetched from another one.
    expect(init.body).toContain('const config = {"url":"/openapi.json","validatorUrl":null}');
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // The UI's icons are data: images; its React components set style attributes.
    expect(csp.get('img-src')).toContain('data:');
    expect(csp.get('style-src')).toContain("'unsafe-inline'");
  });

  it('uses the one CSP constant the module exports', async () => {
    const res = await app.inject({ url: '/healthz' });
    const csp = directives(String(res.headers['content-security-policy']));
    for (const [name, values] of Object.entries(CONTENT_SECURITY_POLICY)) expect(csp.get(name)).toEqual([...values]);
  });
});

describe('rate limits', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ rateLimitMax: 3, rateLimitWindowMs: 60_000, rateLimitAllowList: [] });
  });
  afterAll(() => app.close());

  it('counts requests per client address, with RateLimit headers, and answers 429 problem+json with Retry-After past the limit', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await app.inject({ url: ESTIMATE, remoteAddress: REMOTE });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
      remaining.push(String(res.headers['ratelimit-remaining']));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await app.inject({ url: ESTIMATE, remoteAddress: REMOTE });
    const body = expectProblem(limited, 429, 'rate-limited');
    expect(body.detail).toMatch(/At most 3 requests per 60 s/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another address has its own budget.
    expect((await app.inject({ url: ESTIMATE, remoteAddress: '203.0.113.8' })).statusCode).toBe(200);
  });

  it('gives an invented Bearer token no budget of its own: every request counts against the client address (issue 16, item 1)', async () => {
    const address = '198.51.100.40';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      statuses.push((await app.inject({ url: ESTIMATE, remoteAddress: address, headers: { authorization: `Bearer junk${i}` } })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 200, ...Array(9).fill(429)]);
    // A key-shaped guess is no better, nor are quotes.
    expectProblem(await app.inject({ url: ESTIMATE, remoteAddress: address, headers: { authorization: `Bearer mq_0123456789abcdef_${'A'.repeat(43)}` } }), 429, 'rate-limited');
    expectProblem(await app.inject({ method: 'POST', url: '/v1/quotes', remoteAddress: address, headers: { authorization: 'Bearer junk99' }, payload: { treatment: 'fat-reduction' } }), 429, 'rate-limited');
  });

  it('keys on the client address before authentication, never on a token', () => {
    const request = { headers: { authorization: 'Bearer mq_live_abcdef123456' }, ip: REMOTE } as unknown as Parameters<typeof rateLimitKey>[0];
    expect(rateLimitKey(request)).toBe(REMOTE);
    expect(rateLimitKey({ headers: {}, ip: REMOTE } as unknown as Parameters<typeof rateLimitKey>[0])).toBe(REMOTE);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY says a proxy is in front, so a client cannot claim fresh addresses', async () => {
    const send = (target: FastifyInstance, forwarded: string) => target.inject({ url: ESTIMATE, remoteAddress: '10.0.0.9', headers: { 'x-forwarded-for': forwarded } });
    for (let i = 0; i < 3; i += 1) expect((await send(app, `198.18.0.${i}`)).statusCode).toBe(200);
    expect((await send(app, '198.18.0.99')).statusCode, 'same peer address, whatever it forwards').toBe(429);

    const behindProxy = await testApp({ rateLimitMax: 1, rateLimitAllowList: [], trustProxy: 1 });
    try {
      expect((await send(behindProxy, '198.18.1.1')).statusCode).toBe(200);
      expect((await send(behindProxy, '198.18.1.2')).statusCode, 'another client behind the same proxy').toBe(200);
      expect((await send(behindProxy, '198.18.1.1')).statusCode).toBe(429);
    } finally {
      await behindProxy.close();
    }
  });

  it('never limits the probes and /metrics', async () => {
    for (let i = 0; i < 6; i += 1) {
      for (const url of ['/healthz', '/readyz', '/metrics']) expect((await app.inject({ url, remoteAddress: '192.0.2.50' })).statusCode, url).toBe(200);
    }
  });

  it('exempts the allow list (loopback by default), so local benchmarks are not limited', async () => {
    const defaults = await testApp({ rateLimitMax: 2 });
    try {
      for (let i = 0; i < 5; i += 1) expect((await defaults.inject({ url: ESTIMATE })).statusCode).toBe(200);
      await defaults.inject({ url: ESTIMATE, remoteAddress: REMOTE });
      await defaults.inject({ url: ESTIMATE, remoteAddress: REMOTE });
      expect((await defaults.inject({ url: ESTIMATE, remoteAddress: REMOTE })).statusCode).toBe(429);
    } finally {
      await defaults.close();
    }
  });
});

describe('rate limits with Redis unreachable at start-up', () => {
  it('starts without waiting long, and limits in this process meanwhile', async () => {
    const port = await freePort();
    const started = Date.now();
    const app = await testApp({ rateLimitMax: 2, rateLimitAllowList: [], redisUrl: `redis://127.0.0.1:${port}` });
    try {
      expect(Date.now() - started).toBeLessThan(5000);
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await app.inject({ url: ESTIMATE, remoteAddress: REMOTE })).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await app.close();
    }
  });
});

describe('load shedding', () => {
  it('answers 503 problem+json with Retry-After while over a memory threshold, and keeps answering the probes', async () => {
    const app = await testApp({ pressureMaxHeapUsedBytes: 1, pressureRetryAfterSeconds: 7 });
    try {
      // The first sample is taken a sample interval (1 s) after start.
      await new Promise((r) => setTimeout(r, 1200));
      const res = await app.inject({ url: ESTIMATE });
      const body = expectProblem(res, 503, 'service-unavailable');
      expect(body.detail).toMatch(/under load/);
      expect(res.headers['retry-after']).toBe('7');
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/metrics' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('sheds while the event loop is blocked, and recovers once it is free', async () => {
    const app = await testApp({ pressureMaxEventLoopDelayMs: 20 });
    try {
      let shed: Awaited<ReturnType<FastifyInstance['inject']>> | undefined;
      for (let round = 0; round < 30 && !shed; round += 1) {
        // Block the loop in 120 ms slices; timers (the sampler) run between them.
        for (let slice = 0; slice < 3; slice += 1) {
          const until = Date.now() + 120;
          while (Date.now() < until);
          await new Promise((r) => setTimeout(r, 1));
        }
        const res = await app.inject({ url: ESTIMATE });
        if (res.statusCode === 503) shed = res;
      }
      expect(shed, 'a blocked event loop sheds load').toBeDefined();
      if (shed) expectProblem(shed, 503, 'service-unavailable');
      expect(Number(shed?.headers['retry-after'])).toBeGreaterThan(0);
      let recovered = false;
      for (let i = 0; i < 40 && !recovered; i += 1) {
        await new Promise((r) => setTimeout(r, 100));
        recovered = (await app.inject({ url: ESTIMATE })).statusCode === 200;
      }
      expect(recovered, 'answers again once the loop is free').toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe('request timeout', () => {
  it('answers 408 problem+json on the socket when a request does not arrive in time', async () => {
    const app = await testApp({ requestTimeoutMs: 300 });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = app.server.address() as AddressInfo;
      const started = Date.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          // Headers promise 100 bytes of body; only one arrives.
          socket.write('POST /v1/estimates HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
        });
        let text = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (text += chunk));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
        setTimeout(() => reject(new Error(`no answer in 5 s; got '${text}'`)), 5000).unref();
      });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toMatch(/content-type: application\/problem\+json/i);
      const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { code: string; status: number };
      expect(body).toMatchObject({ code: 'request-timeout', status: 408 });
    } finally {
      await app.close();
    }
  });
});

// "Graceful shutdown loses no in-flight request" (PRODUCT.md, Reliability), and a rolling deploy
// costs clients nothing (issue 16, item 12): a real server process (node --import tsx
// src/server.ts) under load from 16 keep-alive connections gets SIGTERM. A load balancer polls
// /readyz and stops sending requests some time after it answers 503 (as Kubernetes removes an
// endpoint); the clients keep their connections alive throughout. During SHUTDOWN_DRAIN_MS the
// server keeps serving, answers with Connection: close, and accepts new connections; then it
// closes and exits 0. Every request any client sent gets a complete 200: no reset, no refused
// connection. Load shedding is off here: with the cache off and the engine under tsx on a shared
// machine, a 503 would be a fair answer, but this test is about shutdown.
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.js';
import { ROOT } from '../fixtures/committed-data.js';

interface Outcome {
  readonly id: string;
  readonly sentAt: number;
  status?: number;
  connection?: string;
  complete?: boolean;
  answeredAt?: number;
  error?: string;
}

const BATCH = JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => ({ treatment: 'fat-reduction', sessions: (i % 30) + 1, country: i % 2 ? 'FR' : 'DE' })) });

function send(port: number, agent: Agent, id: string, outcomes: Outcome[]): Promise<void> {
  const outcome: Outcome = { id, sentAt: Date.now() };
  outcomes.push(outcome);
  const heavy = Number(id.split('-')[2]) % 3 === 0;
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        agent,
        method: heavy ? 'POST' : 'GET',
        path: heavy ? '/v1/estimates/batch' : `/v1/estimates?treatment=skin-rejuvenation&sessions=${(Number(id.split('-')[2]) % 30) + 1}`,
        headers: { 'x-request-id': id, ...(heavy ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        outcome.status = res.statusCode;
        outcome.connection = res.headers.connection;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            JSON.parse(Buffer.concat(chunks).toString('utf8'));
            outcome.complete = res.complete;
          } catch {
            outcome.complete = false;
          }
          outcome.answeredAt = Date.now();
          resolve();
        });
        res.on('error', (error: NodeJS.ErrnoException) => {
          outcome.error = error.code ?? error.message;
          resolve();
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      outcome.error = error.code ?? error.message;
      resolve();
    });
    req.end(heavy ? BATCH : undefined);
  });
}

/** GET /readyz on a connection of its own: its status, or the error. */
function readiness(port: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: '/readyz', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

const DRAIN_MS = 3000;
/** How long the load balancer goes on sending after /readyz first says 503 (endpoint propagation). */
const LB_LAG_MS = 500;

describe('SIGTERM under keep-alive load, behind a load balancer', () => {
  it('drains: /readyz 503, every request still answered 200 with Connection: close, no client error, then exits 0', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
        SHUTDOWN_GRACE_MS: '15000',
        ESTIMATE_CACHE_ENTRIES: '0',
        PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
        STORAGE_DIR: 'memory',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const readyBy = Date.now() + 30_000;
      while (!stdout.includes('mesoquote ready')) {
        if (Date.now() > readyBy || child.exitCode !== null) throw new Error(`server did not start: ${stderr}${stdout.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }

      // Opening the embedded database blocks the event loop for a while: load starts after it.
      while (!(await (await fetch(`http://127.0.0.1:${port}/readyz`)).text()).includes('"ready"')) {
        if (Date.now() > readyBy + 60_000) throw new Error('storage never became ready');
        await new Promise((r) => setTimeout(r, 100));
      }

      const agent = new Agent({ keepAlive: true, maxSockets: 16 });
      const outcomes: Outcome[] = [];
      let stop = false;
      let n = 0;
      const workers = Array.from({ length: 16 }, async (_, w) => {
        while (!stop) await send(port, agent, `t-${w}-${(n += 1)}`, outcomes);
      });
      // The load balancer: polls readiness; LB_LAG_MS after the first 503, it sends no more.
      const probes: { at: number; status: number | string }[] = [];
      let notReadyAt: number | undefined;
      const balancer = (async () => {
        while (!stop) {
          const status = await readiness(port);
          probes.push({ at: Date.now(), status });
          if (status !== 200 && notReadyAt === undefined) {
            notReadyAt = Date.now();
            setTimeout(() => (stop = true), LB_LAG_MS);
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      })();

      await new Promise((r) => setTimeout(r, 2500));
      const signalledAt = Date.now();
      child.kill('SIGTERM');
      // A new connection during the drain is accepted and answered.
      while (!stdout.includes('"draining"')) await new Promise((r) => setTimeout(r, 5));
      const drainingSeenAt = Date.now();
      const fresh: Outcome[] = [];
      await send(port, new Agent({ keepAlive: false }), 'fresh-0-0', fresh);

      const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
      stop = true;
      await Promise.all([...workers, balancer]);
      agent.destroy();
      const closedAt = /"time":(\d+)[^\n]*"shutting down"/.exec(stdout)?.[1];

      expect(code, stderr).toBe(0);
      expect(fresh[0], 'a new connection while draining').toMatchObject({ status: 200, complete: true, connection: 'close' });
      expect(notReadyAt, 'the load balancer saw /readyz answer 503').toBeDefined();
      expect(notReadyAt! - signalledAt).toBeLessThan(1000);
      // It stayed 503 (never refused) from the first 503 until the load balancer stopped asking.
      expect(probes.filter((p) => p.at >= notReadyAt!).every((p) => p.status === 503), JSON.stringify(probes.slice(-5))).toBe(true);
      expect(Number(closedAt) - signalledAt, 'the listener stayed open for the drain').toBeGreaterThanOrEqual(DRAIN_MS - 100);

      const errors = outcomes.filter((o) => o.error !== undefined || o.status !== 200 || o.complete !== true);
      const afterSignal = outcomes.filter((o) => o.sentAt > signalledAt);
      const summary = `sent ${outcomes.length}, after the signal ${afterSignal.length}, failed ${errors.length} (${[...new Set(errors.map((e) => e.error ?? e.status))].join(', ')})`;
      expect(outcomes.length, summary).toBeGreaterThan(30);
      expect(afterSignal.length, `requests were sent and answered while draining: ${summary}`).toBeGreaterThan(5);
      expect(errors.map((o) => `${o.id}: ${o.error ?? o.status} sent ${o.sentAt - signalledAt} ms from the signal`), summary).toEqual([]);
      // Answers to requests sent once the server was draining close their connection; before the
      // signal, they keep it alive.
      for (const o of outcomes.filter((x) => x.sentAt > drainingSeenAt)) expect(o.connection, o.id).toBe('close');
      expect(outcomes.filter((o) => (o.answeredAt ?? 0) < signalledAt).every((o) => o.connection === 'keep-alive')).toBe(true);
      console.log(`shutdown under load: ${summary}; readiness 503 ${notReadyAt! - signalledAt} ms after the signal; listener closed ${Number(closedAt) - signalledAt} ms after it`);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});

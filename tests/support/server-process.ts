// Starts the real service as a child process (node --import tsx src/server.ts) on a free port,
// for tests that need separate processes: restarts and scale-out.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../scripts/lib/free-port.js';
import { ROOT } from '../fixtures/committed-data.js';

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  output(): string;
  /** SIGTERM, and the exit code once it has exited. */
  stop(): Promise<number | null>;
}

export async function startServer(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    // Only what the test names: no DATABASE_URL or STORAGE_DIR leaks in from the caller. Load
    // shedding off unless the test asks for it: a busy test machine must not turn an answer the
    // test checks into a 503 it did not cause. No drain on SIGTERM (no load balancer to wait for)
    // unless the test asks for one.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0', SHUTDOWN_DRAIN_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (!/mesoquote ready/.test(output)) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output.slice(-2_000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not listening within ${timeoutMs} ms: ${output.slice(-2_000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Polls /readyz until storage is ready (status ready: degraded means storage is not). */
export async function storageReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await fetch(`${url}/readyz`);
    last = await res.text();
    if ((JSON.parse(last) as { status: string }).status === 'ready') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`storage not ready within ${timeoutMs} ms: ${last}`);
}

/** fetch with JSON in and the status, headers and raw text out. */
export async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as any };
}

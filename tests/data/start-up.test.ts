// "Corrupt data refuses to start" (PRODUCT.md, Reliability): the real server process, started
// as in development (node --import tsx src/server.ts), exits non-zero on bad data or a bad
// environment value, and says what is wrong. A control run on an intact copy of the data proves
// the same command does start.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR, ROOT } from '../fixtures/committed-data.js';

const EXIT_WITHIN_MS = 20_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the process had to be killed because it did not exit in time. */
  timedOut: boolean;
}

/**
 * Starts src/server.ts with `env` on top of this process's environment. Resolves when it exits,
 * or kills it after `timeoutMs`, or, when `until` matches its stdout, sends SIGTERM and resolves
 * when it has shut down.
 */
function runServer(env: Record<string, string>, options: { timeoutMs?: number; until?: RegExp } = {}): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    // Storage in memory: these runs must not open (or lock) the checkout's .data directory. No
    // drain on SIGTERM: there is no load balancer to wait for.
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', STORAGE_DIR: 'memory', SHUTDOWN_DRAIN_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let timedOut = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (options.until?.test(stdout) && child.exitCode === null) child.kill('SIGTERM');
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? EXIT_WITHIN_MS);
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

describe('server start-up', () => {
  let tmp: string;
  let intactDir: string;
  let corruptDir: string;

  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'mesoquote-start-'));
    intactDir = join(tmp, 'intact');
    corruptDir = join(tmp, 'corrupt');
    cpSync(DATA_DIR, intactDir, { recursive: true });
    cpSync(DATA_DIR, corruptDir, { recursive: true });
    const file = join(corruptDir, 'treatments.json');
    const json = JSON.parse(readFileSync(file, 'utf8'));
    const fat = json.treatments.find((t: { id: string }) => t.id === 'fat-reduction');
    fat.pricePerSessionUsd.low.value = '999';
    writeFileSync(file, JSON.stringify(json, null, 2));
  });

  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses to start on corrupt data: exits non-zero within 20 s naming treatments.json, the record and the field', async () => {
    const run = await runServer({ DATA_DIR: corruptDir, PORT: '0' });
    expect(run.timedOut).toBe(false);
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stderr).toContain('treatments.json');
    expect(run.stderr).toContain('fat-reduction');
    expect(run.stderr).toContain('pricePerSessionUsd.low.value');
    expect(run.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('refuses to start on a truncated data file (not JSON): names the file and says why, no stack trace', async () => {
    const truncatedDir = join(tmp, 'truncated');
    cpSync(DATA_DIR, truncatedDir, { recursive: true });
    const file = join(truncatedDir, 'countries.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 500));
    const run = await runServer({ DATA_DIR: truncatedDir, PORT: '0' });
    expect(run.timedOut).toBe(false);
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stderr).toMatch(/refusing to start: .*countries\.json.*not valid JSON/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses to start on an invalid rate-limit or Redis setting, naming the key', async () => {
    const run = await runServer({ DATA_DIR: intactDir, PORT: '0', REDIS_URL: 'http://not-redis', RATE_LIMIT_MAX: '-1' });
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('REDIS_URL');
    expect(run.stderr).toContain('RATE_LIMIT_MAX');
  });

  it('exits non-zero with a message naming PORT when PORT is not a number', async () => {
    const run = await runServer({ DATA_DIR: intactDir, PORT: 'abc' });
    expect(run.timedOut).toBe(false);
    expect(run.code).not.toBe(0);
    expect(run.code).not.toBeNull();
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('control: the same command on an intact copy of the data starts, reports ready, and exits 0 on SIGTERM', async () => {
    const run = await runServer({ DATA_DIR: intactDir, PORT: '0', SHUTDOWN_DRAIN_MS: '0' }, { until: /mesoquote ready/ });
    expect(run.timedOut).toBe(false);
    expect(run.stdout).toMatch(/mesoquote ready/);
    expect(run.code).toBe(0);
  });
});

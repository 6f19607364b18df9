// npm run bench, end to end, as a smoke run: every measurement script starts what it needs,
// measures, reports its summary rows and lands in the JSON. Runs are cut to a second or two, so
// no figure here means anything and none is asserted: this test only keeps the scripts from
// rotting (a renamed export, a changed route, a harness change a measurement misses).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, SERVER_URL } from '../support/storage.js';

const ROOT = join(import.meta.dirname, '..', '..');
// Inside the package, so that the compiled service and the bare servers resolve its dependencies.
// bench-results/ is ignored by git, so a fresh clone does not have it.
mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
const WORK = mkdtempSync(join(ROOT, 'bench-results', 'smoke-'));
const MEASUREMENTS = ['engine', 'json-body', 'post-hit', 'get-hit', 'cached', 'cache-off', 'batch-vs-singles', 'batch-10-in-flight', 'soak'];

let dropDatabase: (() => Promise<void>) | undefined;
afterAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  await dropDatabase?.();
});

/**
 * With a PostgreSQL server (TEST_DATABASE_URL), the services store in a database of their own on
 * it instead of each opening an in-memory PGlite: the same measurements at a fraction of the
 * start-up CPU, which the rest of the suite shares. Without one, PGlite as in a real run.
 */
async function storageEnv(): Promise<Record<string, string>> {
  if (!SERVER_URL) return {};
  const db = await createTestDatabase(SERVER_URL);
  dropDatabase = db.drop;
  return { DATABASE_URL: db.url };
}

function run(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'bench.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGINT'), 540_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run bench -- --quick (shortened further)', () => {
  it('runs every measurement and reports each of them in the summary and the JSON', { timeout: 600_000 }, async () => {
    const out = join(WORK, 'bench.json');
    // The machine running the tests is busy: without load shedding, a slow second is not a 503.
    const { code, stdout, stderr } = await run(
      ['--quick', '--duration', '1', '--warmup', '0.5', '--reps', '1', '--soak', '2', '--soak-warmup', '1', '--out', out, '--work-dir', WORK],
      { PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0', ...(await storageEnv()) },
    );
    expect(code, `${stdout.slice(-3000)}\n${stderr.slice(-3000)}`).toBe(0);
    for (const id of MEASUREMENTS) expect(stdout).toContain(`== ${id}: `);
    expect(stdout).toContain('Summary');
    const report = JSON.parse(readFileSync(out, 'utf8')) as { options: { quick: boolean }; results: Record<string, unknown>; summary: Array<{ measurement: string; result: string; measured: string }> };
    expect(report.options.quick).toBe(true);
    expect(Object.keys(report.results)).toEqual(MEASUREMENTS);
    expect([...new Set(report.summary.map((r) => r.measurement))]).toEqual(MEASUREMENTS);
    for (const row of report.summary) {
      expect(['PASS', 'FAIL', 'INFO'], `${row.measurement}: ${row.measured}`).toContain(row.result);
      expect(row.measured).not.toMatch(/NaN|undefined/);
    }
  });

  it('refuses an unknown option or measurement, naming what exists', async () => {
    const unknown = await run(['--only', 'nope'], {});
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown measurement nope; known: engine, json-body,');
    const option = await run(['--fast'], {});
    expect(option.code).toBe(1);
    expect(option.stderr).toContain("unknown argument '--fast'");
  });
});

// A fresh checkout as a newcomer and a client project meet it, in a copy of this checkout
// (sharing node_modules), so that building never touches the dist/ other tests may be running
// from, and built once for both parts:
// - `npm start` builds only what is stale, so a second start on an up-to-date build serves
//   /healthz within 5 s; its logs are JSON lines for a pipe and one readable line per request on
//   a terminal (LOG_FORMAT);
// - `npm pack` makes a tarball whose "mesoquote/client" another TypeScript project imports,
//   type-checks against and calls. The tarball is unpacked where npm would put it
//   (node_modules/mesoquote) and the client's one runtime dependency, openapi-fetch, is linked
//   beside it, so the test needs no registry.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isStale } from '../../scripts/build.mjs';
import { freePort } from '../../scripts/lib/free-port.js';
import { ROOT } from '../fixtures/committed-data.js';
import { testApp } from '../support/app.js';
import { copyCheckout, type CheckoutCopy } from '../support/checkout-copy.js';

const run = promisify(execFile);

const HEALTHZ_WITHIN_MS = 5_000;

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
}
const running: ChildProcess[] = [];
let copy: CheckoutCopy;
let checkout: string;

/** `npm start` in its own process group (npm, sh and node), as a person runs it. */
async function npmStart(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn('npm', ['start'], {
    cwd: checkout,
    detached: true,
    // Storage out of the picture: it opens in the background whatever it is (tests/e2e cover it),
    // and an unreachable server costs nothing here, where PGlite would cost seconds of CPU.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: 'postgres://127.0.0.1:9/unreachable', PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0', SHUTDOWN_DRAIN_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (output += c));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

async function waitForHealthz(started: Started, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${started.url}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    if (started.child.exitCode !== null) throw new Error(`npm start exited with ${started.child.exitCode}: ${started.output().slice(-2_000)}`);
    if (Date.now() > deadline) throw new Error(`no /healthz within ${timeoutMs} ms: ${started.output().slice(-2_000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * CPU time (user + system) of the live processes of a process group (npm, sh, node), from
 * /proc: what starting cost, however long the processes waited for a core.
 */
function cpuMsOfGroup(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // Fields after "(comm)": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  // Linux reports in clock ticks of 1/100 s (USER_HZ).
  return ticks * 10;
}

/** SIGTERM to the whole group, and wait for npm to exit. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await exited;
}

beforeAll(async () => {
  copy = copyCheckout('mesoquote-start-');
  checkout = copy.dir;
  // The first start of a fresh checkout builds everything (tsc and esbuild: tens of seconds).
  expect(isStale(checkout)).toBe(true);
  const first = await npmStart({});
  await waitForHealthz(first, 240_000);
  expect(first.output()).toContain('tsc -p tsconfig.build.json');
  await Promise.all(running.splice(0).map(stop));
}, 300_000);
afterEach(async () => {
  await Promise.all(running.splice(0).map(stop));
});
afterAll(() => copy?.remove());

describe('npm start on an up-to-date build', () => {
  it(`serves /healthz within ${HEALTHZ_WITHIN_MS / 1000} s, without compiling anything`, async () => {
    expect(isStale(checkout)).toBe(false);
    const begun = performance.now();
    const started = await npmStart({});
    await waitForHealthz(started, 60_000);
    const elapsed = performance.now() - begun;
    const cpu = cpuMsOfGroup(started.child.pid!);
    const [load = 0] = loadavg();
    expect(started.output()).toContain('mesoquote: build is up to date');
    expect(started.output()).not.toContain('tsc -p');
    expect(isStale(checkout)).toBe(false);
    const measured = `npm start served /healthz after ${Math.round(elapsed)} ms, using ${Math.round(cpu)} ms of CPU (load average ${load.toFixed(1)} on ${availableParallelism()} cores)`;
    console.log(measured);
    // The work itself, whatever else the machine runs: npm, the staleness check and the server.
    expect(cpu, measured).toBeLessThan(HEALTHZ_WITHIN_MS);
    // The wall-clock time a person waits means something only when the machine is not
    // oversubscribed; with other test files and other work queued for the cores, it measures them.
    if (load < availableParallelism()) expect(elapsed, measured).toBeLessThan(HEALTHZ_WITHIN_MS);
  }, 90_000);

  it('logs JSON lines when its output is not a terminal, two records per request', async () => {
    const started = await npmStart({});
    await waitForHealthz(started, 60_000);
    await fetch(`${started.url}/v1/catalog`);
    await new Promise((r) => setTimeout(r, 200));
    const records = started
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; req?: { url: string } });
    expect(records.some((r) => r.msg === 'mesoquote ready')).toBe(true);
    expect(records.filter((r) => r.msg === 'incoming request' && r.req?.url === '/v1/catalog')).toHaveLength(1);
    expect(records.filter((r) => r.msg === 'request completed').length).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('logs one readable line per request with LOG_FORMAT=pretty (the default on a terminal)', async () => {
    const started = await npmStart({ LOG_FORMAT: 'pretty' });
    await waitForHealthz(started, 60_000);
    await fetch(`${started.url}/v1/catalog`);
    await new Promise((r) => setTimeout(r, 200));
    const lines = started.output().split('\n');
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
    expect(lines.some((line) => /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: mesoquote ready/.test(line))).toBe(true);
    expect(lines.filter((line) => /INFO: GET \/v1\/catalog 200 \d+\.\d ms$/.test(line))).toHaveLength(1);
    expect(started.output()).not.toContain('incoming request');
  }, 90_000);
});

describe('what counts as stale', () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing build, a changed source, and a source added since the build', () => {
    dir = mkdtempSync(join(tmpdir(), 'mesoquote-build-'));
    const at = (path: string, seconds: number) => utimesSync(join(dir, path), seconds, seconds);
    for (const d of ['src/http', 'dist/src/cli', 'dist/widget']) mkdirSync(join(dir, d), { recursive: true });
    for (const f of ['src/server.ts', 'src/http/app.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json']) writeFileSync(join(dir, f), '');
    expect(isStale(dir), 'no build yet').toBe(true);
    for (const f of ['dist/src/server.js', 'dist/src/cli/main.js', 'dist/widget/widget.js', 'dist/.build-stamp']) writeFileSync(join(dir, f), '');
    for (const p of ['src/server.ts', 'src/http/app.ts', 'src/http', 'src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json']) at(p, 1_000);
    at('dist/.build-stamp', 2_000);
    expect(isStale(dir), 'built after every input').toBe(false);
    at('src/http/app.ts', 3_000);
    expect(isStale(dir), 'a source changed').toBe(true);
    at('src/http/app.ts', 1_000);
    writeFileSync(join(dir, 'src/http/new.ts'), '');
    at('src/http/new.ts', 1_000);
    expect(isStale(dir), 'a source added (its folder changed)').toBe(true);
  });
});

const CONSUMER = `import { createMesoquoteClient, isProblem, MesoquoteProblem, type Estimate, type EstimateRequest } from 'mesoquote/client';

const api = createMesoquoteClient({ baseUrl: process.argv[2] ?? '' });
const request: EstimateRequest = { treatment: 'hair-restoration', country: 'FR' };
const estimate: Estimate = await api.estimate(request);
const batch = await api.estimateBatch([{ treatment: 'skin-rejuvenation' }, { treatment: 'botox' }]);
let problem = '';
try {
  await api.estimate({ treatment: 'botox' });
} catch (error) {
  if (error instanceof MesoquoteProblem) problem = \`\${error.status} \${error.problem.code}\`;
}
console.log(JSON.stringify({ total: estimate.total.typical, currency: estimate.currency.code, batch: batch.map((r) => (isProblem(r) ? r.code : r.total.typical)), problem }));
`;

describe('the typed client from another project', () => {
  let consumer: string;
  let files: string[];
  let app: FastifyInstance;

  beforeAll(async () => {
    // dist/ is built (npm start above): packed as it is; --json lists what went into the tarball.
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', copy.dir], { cwd: copy.dir, maxBuffer: 16 << 20 });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = packed!.files.map((f) => f.path);
    consumer = join(copy.dir, 'consumer');
    mkdirSync(join(consumer, 'node_modules'), { recursive: true });
    await run('tar', ['xzf', join(copy.dir, packed!.filename), '-C', join(consumer, 'node_modules')]);
    renameSync(join(consumer, 'node_modules', 'package'), join(consumer, 'node_modules', 'mesoquote'));
    for (const dependency of ['openapi-fetch', 'openapi-typescript-helpers']) symlinkSync(join(ROOT, 'node_modules', dependency), join(consumer, 'node_modules', dependency));
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { mesoquote: '*' } }));
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')], skipLibCheck: true },
        include: ['index.ts'],
      }),
    );
    writeFileSync(join(consumer, 'index.ts'), CONSUMER);
    app = await testApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  describe('npm pack', () => {
    it('holds the compiled client with its types, the licence, the document and the data, and no tests or sources', () => {
      for (const file of ['package.json', 'LICENSE', 'README.md', 'dist/src/client/index.js', 'dist/src/client/index.d.ts', 'dist/src/client/openapi-types.d.ts', 'openapi/openapi.json', 'data/treatments.json', 'bin/mesoquote.js']) {
        expect(files, file).toContain(file);
      }
      expect(files.filter((f) => f.startsWith('tests/') || f.startsWith('src/') || f.startsWith('node_modules/'))).toEqual([]);
    });

    it('says what licence the client is under', () => {
      const pkg = JSON.parse(readFileSync(join(consumer, 'node_modules', 'mesoquote', 'package.json'), 'utf8')) as { license: string; dependencies: Record<string, string> };
      expect(pkg.license).toBe('SEE LICENSE IN LICENSE');
      expect(readFileSync(join(consumer, 'node_modules', 'mesoquote', 'LICENSE'), 'utf8')).toMatch(/"mesoquote\/client"[\s\S]*MIT License/);
      expect(Object.keys(pkg.dependencies)).toContain('openapi-fetch');
    });
  });

  describe('another project', () => {
    it("type-checks and compiles against 'mesoquote/client' from the tarball", async () => {
      await run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: consumer }).catch((error: { stdout?: string; stderr?: string }) => {
        throw new Error(`tsc failed in the consumer project:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      });
      expect(readdirSync(join(consumer, 'out'))).toContain('index.js');
    }, 120_000);

    it('calls a running service through it: an estimate, a batch, a problem', async () => {
      const { port } = app.server.address() as AddressInfo;
      const { stdout } = await run(process.execPath, [join(consumer, 'out', 'index.js'), `http://127.0.0.1:${port}`], { cwd: consumer });
      const direct = (await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'hair-restoration', country: 'FR' } })).json<{ total: { typical: string } }>();
      const skin = (await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'skin-rejuvenation' } })).json<{ total: { typical: string } }>();
      expect(JSON.parse(stdout)).toEqual({ total: direct.total.typical, currency: 'EUR', batch: [skin.total.typical, 'unknown-treatment'], problem: '422 unknown-treatment' });
    }, 60_000);
  });
});

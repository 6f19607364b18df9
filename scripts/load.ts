// npm run load: a sustained mixed workload against a real server process, with autocannon.
//
//   npm run load                       60 s at 100 connections (after a 5 s warm-up)
//   npm run load -- --duration 10 --connections 50 --warmup 2
//
// The service is compiled with the build's tsconfig into bench-results/load-build (a private
// outDir) and started as `node .../src/server.js` with NODE_ENV=production and LOG_LEVEL=warn, the
// default configuration otherwise (rate limits, load shedding, helmet and metrics all on; the
// client is on loopback, which the default rate-limit allow list exempts). Each connection cycles
// through a mix: GET and POST /v1/estimates (distinct requests from a fixed seed, so the cache
// both hits and misses), a batch of 10, a compare of 6 cells, scenarios, the catalog, treatments,
// countries. Every answer must be 200: the run fails (exit 1) on any error, timeout or other status.
// Prints p50 / p99 latency, throughput, and the server's resident memory (VmRSS from /proc) at the
// start of the measured window, at its end and at peak; writes the figures to
// bench-results/load.json.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { loadData } from '../src/data/load.js';
import { mixedRequests } from './bench/lib/requests.js';
import { freePort } from './lib/free-port.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = join(ROOT, 'bench-results');
const BUILD_DIR = join(RESULTS_DIR, 'load-build');

interface Options {
  readonly durationS: number;
  readonly warmupS: number;
  readonly connections: number;
}

function parseArgs(argv: readonly string[]): Options {
  const known = new Set(['--duration', '--warmup', '--connections']);
  const values = new Map<string, number>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (!known.has(arg)) throw new Error(`unknown argument '${arg}'; known: ${[...known].join(' ')}`);
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${arg} takes a number, got '${argv[i + 1] ?? ''}'`);
    values.set(arg, n);
    i += 1;
  }
  return { durationS: values.get('--duration') ?? 60, warmupS: values.get('--warmup') ?? 5, connections: Math.max(1, Math.round(values.get('--connections') ?? 100)) };
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

type Request = autocannon.Request;

/** The mixed cycle each connection walks through; estimates drawn from a fixed pool. */
function workload(): Request[] {
  const catalog = loadData(loadConfig({}).dataDir).catalog;
  const pool = mixedRequests(catalog, 2000, 20_261_122);
  let next = 0;
  const take = () => pool[next++ % pool.length] ?? pool[0];
  const json = { 'content-type': 'application/json' };
  const batch = (): string => `{"items":[${Array.from({ length: 10 }, () => take()?.json).join(',')}]}`;
  return [
    { method: 'GET', path: '/v1/estimates?treatment=skin-rejuvenation', setupRequest: (r) => ({ ...r, path: `/v1/estimates?${take()?.query ?? ''}` }) },
    { method: 'POST', path: '/v1/estimates', headers: json, setupRequest: (r) => ({ ...r, body: take()?.json ?? '' }) },
    { method: 'GET', path: '/v1/estimates?treatment=hair-restoration&country=DE&cityTier=major-metro' },
    { method: 'POST', path: '/v1/estimates/batch', headers: json, setupRequest: (r) => ({ ...r, body: batch() }) },
    {
      method: 'POST',
      path: '/v1/estimates/compare',
      headers: json,
      body: JSON.stringify({ base: { treatment: 'hair-restoration' }, vary: { country: ['US', 'FR', 'IN'], practitioner: ['physician', 'specialist'] }, currency: 'EUR' }),
    },
    {
      method: 'POST',
      path: '/v1/scenarios',
      headers: json,
      body: JSON.stringify({
        base: { treatment: 'fat-reduction' },
        horizonMonths: 24,
        options: [{ name: 'pay as you go' }, { name: 'prepaid', package: { kind: 'prepaid-course' } }, { name: 'financed', package: { kind: 'prepaid-course' }, financing: { aprPercent: '9.99', months: 24, downPayment: '200.00' } }],
      }),
    },
    { method: 'POST', path: '/v1/estimates', headers: json, setupRequest: (r) => ({ ...r, body: take()?.json ?? '' }) },
    { method: 'GET', path: '/v1/catalog' },
    { method: 'GET', path: '/v1/treatments' },
    { method: 'GET', path: '/v1/countries' },
  ];
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  mkdirSync(RESULTS_DIR, { recursive: true });
  rmSync(BUILD_DIR, { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', BUILD_DIR], { cwd: ROOT, stdio: 'inherit' });

  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', STORAGE_DIR: 'memory' };
  delete env.NODE_OPTIONS;
  const server = spawn(process.execPath, [join(BUILD_DIR, 'src/server.js')], { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  const kill = () => server.exitCode === null && server.kill('SIGKILL');
  process.on('exit', kill);
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode} before it was ready`);
    if (Date.now() > deadline) throw new Error('the server did not become healthy in 20 s');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // Opening the embedded database (in memory here) blocks the server's event loop for seconds,
  // longer on a busy machine: measure serving, not start-up, so wait until /readyz says ready.
  const readyBy = Date.now() + 120_000;
  while (!(await (await fetch(`http://127.0.0.1:${port}/readyz`)).text()).includes('"ready"')) {
    if (Date.now() > readyBy) throw new Error('storage did not become ready in 120 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  const pid = server.pid ?? 0;
  const requests = workload();
  const url = `http://127.0.0.1:${port}`;
  console.log(`load: ${requests.length} request kinds in a cycle per connection, ${options.connections} connections, ${options.warmupS} s warm-up + ${options.durationS} s`);

  if (options.warmupS > 0) await autocannon({ url, connections: options.connections, duration: options.warmupS, requests });

  const rssStart = rssMiB(pid);
  let rssPeak = rssStart;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(pid))), 1000);
  const result = await autocannon({ url, connections: options.connections, duration: options.durationS, requests });
  clearInterval(sampler);
  const rssEnd = rssMiB(pid);
  rssPeak = Math.max(rssPeak, rssEnd);

  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]));
  const fivexx = Object.entries(statuses).reduce((n, [code, count]) => (Number(code) >= 500 ? n + count : n), 0);
  const failures = result.errors + result.timeouts + result.non2xx;
  const figures = {
    connections: options.connections,
    durationS: options.durationS,
    requests: result.requests.total,
    throughputRps: Math.round(result.requests.average),
    throughputMiBps: Number((result.throughput.average / 1024 / 1024).toFixed(1)),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    fivexx,
    rssMiB: { start: Number(rssStart.toFixed(1)), end: Number(rssEnd.toFixed(1)), peak: Number(rssPeak.toFixed(1)), growthPercent: Number((((rssEnd - rssStart) / rssStart) * 100).toFixed(1)) },
  };

  const stopped = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
  server.kill('SIGTERM');
  const exitCode = await stopped;

  console.log('');
  console.log(`requests      ${figures.requests.toLocaleString('en-US')} in ${options.durationS} s at ${options.connections} connections`);
  console.log(`throughput    ${figures.throughputRps.toLocaleString('en-US')} req/s (${figures.throughputMiBps} MiB/s)`);
  console.log(`latency       p50 ${figures.latencyMs.p50} ms, p90 ${figures.latencyMs.p90} ms, p99 ${figures.latencyMs.p99} ms, max ${figures.latencyMs.max} ms`);
  console.log(`statuses      ${JSON.stringify(statuses)}`);
  console.log(`errors        ${result.errors} socket errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx (${fivexx} 5xx)`);
  console.log(`server RSS    ${figures.rssMiB.start} MiB at start of the window, ${figures.rssMiB.end} MiB at its end (${figures.rssMiB.growthPercent >= 0 ? '+' : ''}${figures.rssMiB.growthPercent}%), peak ${figures.rssMiB.peak} MiB`);
  console.log(`shutdown      SIGTERM -> exit code ${exitCode}`);
  writeFileSync(join(RESULTS_DIR, 'load.json'), `${JSON.stringify({ date: new Date().toISOString(), ...figures, shutdownExitCode: exitCode }, null, 2)}\n`);
  if (failures > 0 || exitCode !== 0) {
    console.error(`load: FAILED (${failures} failed requests, server exit code ${exitCode})`);
    process.exit(1);
  }
  console.log('load: PASS (zero errors, zero non-2xx)');
}

main().catch((error: unknown) => {
  console.error(`load: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

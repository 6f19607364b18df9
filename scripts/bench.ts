// npm run bench: in one run, side by side, (1) the service against a bare Fastify route that
// returns the same bytes, (2) 1,000 estimates in one batch call against the same 1,000 as single
// calls, (3) resident memory over a sustained mixed workload after a warm-up, plus the in-process
// engine benchmark. Prints a summary of every target and writes every figure to
// bench-results/bench.json.
//
//   npm run bench                      ~5 min: 3 scenarios x 2 rounds x (2 s warm-up + 10 s) per server,
//                                      batch vs singles 7 repetitions x 2 services, 10 s + 60 s soak
//   npm run bench -- --quick           a smoke run (1 round, 1 s warm-up + 2 s; 3 repetitions; 3 s + 10 s
//                                      soak), to bench-quick.json
//   npm run bench -- --duration 5 --rounds 3 --warmup 1 --connections 50 --reps 7 --soak 60
//                    --soak-warmup 10 --out FILE
//
// How it measures:
// - The service is compiled with the build's tsconfig into bench-results/build (a private outDir,
//   so a concurrent `npm run build` or dist/ user is not disturbed) and run as `node
//   .../src/server.js`, NODE_ENV=production, LOG_LEVEL=warn, like `npm start` in production.
//   Two instances: one with the default estimate cache, one with ESTIMATE_CACHE_ENTRIES=0.
// - The bare servers are plain Fastify (logger off, no schema, no hooks), one child process per
//   scenario, each with one route of the same method and path that sends, as a string with the
//   same content-type, the bytes the service returned for that scenario's request.
// - autocannon runs in this process, one target at a time, 50 connections, pipelining 1. Rounds
//   alternate the order (real then bare, then bare then real) so neither side always goes first;
//   each run has its own warm-up. The figures are the medians over rounds.
// - Batch vs singles (scripts/bench-batch.ts): 1,000 distinct valid requests from a fixed seed
//   (treatments, areas, countries, tiers, practitioners, sessions, currencies, packages). (a) one
//   POST /v1/estimates/batch with all of them; (b) the same 1,000 as single POST /v1/estimates,
//   each sent once over 50 keep-alive connections from a raw-socket HTTP/1.1 client; wall clock
//   from the first byte sent to the last answer, connections opened beforehand. On the cache-off
//   service (cold: every item runs the engine) and on the default service after one unmeasured
//   pass has filled its cache (warm). That pass also checks that the batch's answer is byte for
//   byte the single answers joined, and fails the bench if not. Then 7 repetitions alternating
//   which goes first; the ratio is median(singles ms) / median(batch ms).
// - Memory: a fresh service with the default cache, driven over 32 keep-alive connections with a
//   mixed cycle (POST and GET walking more distinct requests than the cache holds, so it fills and
//   evicts; a hot set of hits; a 304; a batch with a bad item; 400/404/415/422 bad requests) for
//   10 s of warm-up, then 60 s during which VmRSS is read from /proc every second. Growth is the
//   last sample against the first; every answer must have its slot's expected status.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { loadData } from '../src/data/load.js';
import type { EstimateRequest } from '../src/domain/estimate.js';
import { estimate } from '../src/domain/estimate.js';
import { batchVsSingles, mixedRequests, soak, type BatchVsSinglesResult, type SoakResult } from './bench-batch.js';
import { formatEngineBench, runEngineBench, variedRequests, type EngineBenchResult } from './bench-engine.js';
import { freePort } from './lib/free-port.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_DIR = join(ROOT, 'bench-results');
const BUILD_DIR = join(RESULTS_DIR, 'build');
const TARGET_RATIO = 0.8;
const TARGET_BATCH_RATIO = 10;
const TARGET_MEMORY_GROWTH_PERCENT = 10;
const BATCH_ITEMS = 1000;
const BATCH_CONNECTIONS = 50;
const SOAK_CONNECTIONS = 32;
/** Distinct requests the soak walks through: several times what the default cache holds (~3,600 estimates of ~9 KB in its 64 MiB). */
const SOAK_POOL = 12_000;
const SOAK_HOT = 200;
const LOG_LEVEL = 'warn';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  readonly durationS: number;
  readonly warmupS: number;
  readonly rounds: number;
  readonly connections: number;
  readonly engineS: number;
  /** Batch vs singles: measured repetitions per service. */
  readonly reps: number;
  readonly soakS: number;
  readonly soakWarmupS: number;
  readonly out: string;
  readonly quick: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string): number | undefined => {
    const i = argv.indexOf(name);
    if (i < 0) return undefined;
    const n = Number(argv[i + 1]);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} takes a number above 0, got '${argv[i + 1] ?? ''}'`);
    return n;
  };
  const outIndex = argv.indexOf('--out');
  if (outIndex >= 0 && !(argv[outIndex + 1] ?? '').trim()) throw new Error('--out takes a file name');
  const known = new Set(['--quick', '--duration', '--warmup', '--rounds', '--connections', '--reps', '--soak', '--soak-warmup', '--out']);
  argv.forEach((arg, i) => {
    if (arg.startsWith('--') && !known.has(arg)) throw new Error(`unknown option ${arg}; known: ${[...known].join(' ')}`);
    if (!arg.startsWith('--') && !(i > 0 && known.has(argv[i - 1] ?? '') && argv[i - 1] !== '--quick')) throw new Error(`unexpected argument '${arg}'`);
  });
  return {
    durationS: value('--duration') ?? (quick ? 2 : 10),
    warmupS: value('--warmup') ?? (quick ? 1 : 2),
    rounds: Math.round(value('--rounds') ?? (quick ? 1 : 2)),
    connections: Math.round(value('--connections') ?? 50),
    engineS: quick ? 0.5 : 1.5,
    reps: Math.round(value('--reps') ?? (quick ? 3 : 7)),
    soakS: value('--soak') ?? (quick ? 10 : 60),
    soakWarmupS: value('--soak-warmup') ?? (quick ? 3 : 10),
    // A smoke run must not overwrite the last real measurement.
    out: outIndex >= 0 ? resolve(argv[outIndex + 1] ?? '') : join(RESULTS_DIR, quick ? 'bench-quick.json' : 'bench.json'),
    quick,
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes: every one is registered, and killed on any way out of this process.

interface Child {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly port: number;
  readonly output: string[];
}

const children = new Set<Child>();

function killAll(signal: NodeJS.Signals): void {
  for (const child of children) {
    if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill(signal);
  }
}
process.on('exit', () => killAll('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killAll('SIGKILL');
    process.exit(130);
  });
}

/** The environment a child gets: this one without the tsx loader, plus `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

async function startChild(name: string, args: string[], extraEnv: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: childEnv({ ...extraEnv, PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const child: Child = { name, proc, port, output };
  children.add(child);
  proc.on('exit', () => children.delete(child));
  await waitForHealth(child);
  return child;
}

async function waitForHealth(child: Child): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) break;
    try {
      const response = await fetch(`http://127.0.0.1:${child.port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.name} did not become healthy (exit code ${child.proc.exitCode}); its output:\n${child.output.join('')}`);
}

async function stopChild(child: Child): Promise<number | null> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return child.proc.exitCode;
  const exited = new Promise<number | null>((r) => child.proc.once('exit', (code) => r(code)));
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), 5000);
  const code = await exited;
  clearTimeout(timer);
  return code;
}

/** Resident and peak resident memory of a process, in KiB, from /proc (Linux). */
function memoryOf(pid: number | undefined): { rssKiB: number; hwmKiB: number } | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string): number => Number(/^(\w+):\s+(\d+) kB$/m.exec(status.split('\n').find((l) => l.startsWith(name + ':')) ?? '')?.[2] ?? NaN);
    return { rssKiB: field('VmRSS'), hwmKiB: field('VmHWM') };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The bare server: written next to the results so that `fastify` resolves from this package.

const BARE_SERVER = `// Generated by scripts/bench.ts: a bare Fastify server, one route that sends fixed bytes.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
const spec = JSON.parse(readFileSync(process.env.BARE_SPEC, 'utf8'));
const app = Fastify({ logger: false });
const body = spec.body;
app.route({ method: spec.method, url: spec.path, handler: async (request, reply) => reply.type(spec.contentType).send(body) });
app.get('/healthz', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST });
const stop = () => app.close().then(() => process.exit(0), () => process.exit(1));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// If the bench dies without stopping us (SIGKILL), do not linger.
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 1000).unref();
`;

interface BareSpec {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

async function startBare(name: string, spec: BareSpec): Promise<Child> {
  const script = join(RESULTS_DIR, 'bare-server.mjs');
  writeFileSync(script, BARE_SERVER);
  const specFile = join(RESULTS_DIR, `bare-spec-${name}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  return startChild(`bare (${name})`, [script], { NODE_ENV: 'production', BARE_SPEC: specFile });
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface LoadRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly real: Child;
  readonly bare: Child;
  /** autocannon cycles through these, in order, on every connection. */
  readonly requests: readonly LoadRequest[];
  /** The request whose response bytes the bare route sends. */
  readonly reference: LoadRequest;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** One request, fetched from the service: status, content-type and the exact body text. */
async function fetchOnce(port: number, request: LoadRequest): Promise<{ status: number; contentType: string; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
    method: request.method,
    ...(request.headers ? { headers: request.headers } : {}),
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
}

async function bareFor(name: string, real: Child, request: LoadRequest): Promise<Child> {
  const reference = await fetchOnce(real.port, request);
  if (reference.status !== 200) throw new Error(`${name}: the service answered ${reference.status} to the reference request: ${reference.body.slice(0, 300)}`);
  const bare = await startBare(name, { method: request.method, path: request.path.split('?')[0] ?? request.path, contentType: reference.contentType, body: reference.body });
  // The bare server must send exactly what the service sent.
  const check = await fetchOnce(bare.port, request);
  if (check.body !== reference.body || check.contentType !== reference.contentType) {
    throw new Error(`${name}: the bare server's answer differs from the service's (content-type '${check.contentType}' vs '${reference.contentType}')`);
  }
  return bare;
}

function queryOf(request: EstimateRequest): string {
  const params = new URLSearchParams();
  params.set('treatment', request.treatment);
  if (request.areas) params.set('areas', request.areas.join(','));
  if (request.country) params.set('country', request.country);
  if (request.cityTier) params.set('cityTier', request.cityTier);
  if (request.practitioner) params.set('practitioner', request.practitioner);
  if (request.sessions !== undefined) params.set('sessions', String(request.sessions));
  if (request.currency) params.set('currency', request.currency);
  return params.toString().replaceAll('%2C', ',');
}

// ---------------------------------------------------------------------------------------------
// Load runs

interface Run {
  readonly reqPerSec: number;
  readonly requests: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly meanResponseBytes: number;
  /** CPU seconds the server process used during the run (user + system), from /proc. */
  readonly serverCpuSeconds: number | null;
  /** Requests answered per CPU second of the server: its cost, whatever else the machine runs. */
  readonly reqPerServerCpuSecond: number | null;
  /** Share of one core the server got, and what autocannon (this process) used. */
  readonly serverCpuShare: number | null;
  readonly loadGeneratorCpuShare: number;
  readonly loadAverage1m: number;
}

/** User + system CPU seconds of a process so far, from /proc/<pid>/stat (Linux). */
function cpuSecondsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", utime and stime are fields 12 and 13 (0-based), in clock ticks.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

async function load(target: Child, requests: readonly LoadRequest[], seconds: number, connections: number): Promise<Run> {
  const port = target.port;
  const cpu0 = cpuSecondsOf(target.proc.pid);
  const self0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    pipelining: 1,
    duration: seconds,
    requests: requests.map((r) => ({ method: r.method, path: r.path, ...(r.headers ? { headers: r.headers } : {}), ...(r.body !== undefined ? { body: r.body } : {}) })),
  });
  const wallSeconds = Number(process.hrtime.bigint() - wall0) / 1e9;
  const cpu1 = cpuSecondsOf(target.proc.pid);
  const self = process.cpuUsage(self0);
  const serverCpuSeconds = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
  const total = result.requests.total;
  return {
    reqPerSec: total / result.duration,
    requests: total,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    meanResponseBytes: total > 0 ? result.throughput.total / total : 0,
    serverCpuSeconds,
    reqPerServerCpuSecond: serverCpuSeconds ? total / serverCpuSeconds : null,
    serverCpuShare: serverCpuSeconds === null ? null : serverCpuSeconds / wallSeconds,
    loadGeneratorCpuShare: (self.user + self.system) / 1e6 / wallSeconds,
    loadAverage1m: Number((loadavg()[0] ?? 0).toFixed(2)),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Side {
  readonly runs: Run[];
  readonly reqPerSec: number;
  readonly p99Ms: number;
  readonly reqPerServerCpuSecond: number | null;
}

function side(runs: Run[]): Side {
  const perCpu = runs.map((r) => r.reqPerServerCpuSecond);
  return {
    runs,
    reqPerSec: median(runs.map((r) => r.reqPerSec)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    reqPerServerCpuSecond: perCpu.every((v): v is number => v !== null) ? median(perCpu) : null,
  };
}

interface ScenarioResult {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly distinctRequests: number;
  readonly real: Side;
  readonly bare: Side;
  readonly ratio: number;
  /** The same ratio on requests per server CPU second: robust to other load on the machine. */
  readonly cpuRatio: number | null;
  readonly perRoundRatios: number[];
  readonly target: number;
  readonly pass: boolean;
  /** Any non-2xx answer or socket error makes the figures meaningless. */
  readonly valid: boolean;
}

async function runScenario(s: Scenario, o: Options): Promise<ScenarioResult> {
  const realRuns: Run[] = [];
  const bareRuns: Run[] = [];
  for (let round = 0; round < o.rounds; round += 1) {
    const order: Array<'real' | 'bare'> = round % 2 === 0 ? ['real', 'bare'] : ['bare', 'real'];
    for (const side of order) {
      const child = side === 'real' ? s.real : s.bare;
      await load(child, s.requests, o.warmupS, o.connections);
      const run = await load(child, s.requests, o.durationS, o.connections);
      (side === 'real' ? realRuns : bareRuns).push(run);
      process.stdout.write(`  ${s.id} round ${round + 1}/${o.rounds} ${side.padEnd(4)} ${fmtInt(run.reqPerSec).padStart(8)} req/s  p99 ${String(run.p99Ms).padStart(4)} ms  server CPU ${pct(run.serverCpuShare)} of a core, ${fmtInt(run.reqPerServerCpuSecond ?? NaN).padStart(6)} req per CPU-s; autocannon ${pct(run.loadGeneratorCpuShare)}; load ${run.loadAverage1m}${run.non2xx || run.errors ? `  (${run.non2xx} non-2xx, ${run.errors} errors)` : ''}\n`);
    }
  }
  const real = side(realRuns);
  const bare = side(bareRuns);
  const ratio = real.reqPerSec / bare.reqPerSec;
  const cpuRatio = real.reqPerServerCpuSecond !== null && bare.reqPerServerCpuSecond !== null ? real.reqPerServerCpuSecond / bare.reqPerServerCpuSecond : null;
  const valid = [...realRuns, ...bareRuns].every((r) => r.non2xx === 0 && r.errors === 0 && r.requests > 0);
  return {
    id: s.id,
    title: s.title,
    note: s.note,
    distinctRequests: s.requests.length,
    real,
    bare,
    ratio,
    cpuRatio,
    perRoundRatios: realRuns.map((r, i) => r.reqPerSec / (bareRuns[i]?.reqPerSec ?? NaN)),
    target: TARGET_RATIO,
    pass: valid && ratio >= TARGET_RATIO,
    valid,
  };
}

// ---------------------------------------------------------------------------------------------
// Output

function fmtInt(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a';
}

function pct(share: number | null): string {
  return share === null ? 'n/a' : `${Math.round(share * 100)}%`;
}

function table(results: readonly ScenarioResult[]): string {
  const head = ['scenario', 'real req/s', 'bare req/s', 'ratio', 'real p99 ms', 'bare p99 ms', `>= ${TARGET_RATIO}`, 'ratio per CPU-s'];
  const rows = results.map((r) => [
    r.title,
    fmtInt(r.real.reqPerSec),
    fmtInt(r.bare.reqPerSec),
    r.ratio.toFixed(2),
    r.real.p99Ms.toFixed(1),
    r.bare.p99Ms.toFixed(1),
    !r.valid ? 'INVALID' : r.pass ? 'PASS' : 'FAIL',
    r.cpuRatio === null ? 'n/a' : r.cpuRatio.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function batchTable(results: readonly BatchVsSinglesResult[]): string {
  const head = ['', 'batch ms', 'singles ms', 'singles/batch', `>= ${TARGET_BATCH_RATIO}x`, 'per-rep ratios', 'ratio per CPU-s', 'batch bytes'];
  const rows = results.map((r) => [
    r.title,
    r.batchMs.toFixed(1),
    r.singlesMs.toFixed(1),
    `${r.ratio.toFixed(2)}x`,
    r.pass ? 'PASS' : 'FAIL',
    `${Math.min(...r.perRepetitionRatios).toFixed(1)}-${Math.max(...r.perRepetitionRatios).toFixed(1)}`,
    r.cpuRatio === null ? 'n/a' : `${r.cpuRatio.toFixed(2)}x`,
    fmtInt(r.batchResponseBytes),
  ]);
  return alignRows(head, rows);
}

/** Columns aligned: the first `leftColumns` to the left, the rest to the right. */
function alignRows(head: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function soakReport(r: SoakResult): string {
  const mib = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`;
  const cache = (c: SoakResult['cacheAtStart']): string => (c ? `${fmtInt(c.entries)} entries, ${mib(c.bytes / 1024)} of ${mib(c.maxBytes / 1024)}, ${fmtInt(c.hits)} hits, ${fmtInt(c.misses)} misses` : 'n/a');
  const statuses = Object.entries(r.statusCounts).map(([status, n]) => `${status}: ${fmtInt(n)}`).join(', ');
  return [
    `memory over ${r.seconds.toFixed(0)} s after ${r.warmupSeconds} s warm-up (VmRSS every second, ${r.samples.length} samples): start ${mib(r.startRssKiB)}, end ${mib(r.endRssKiB)}, min ${mib(r.minRssKiB)}, max ${mib(r.maxRssKiB)}; growth ${r.growthPercent >= 0 ? '+' : ''}${r.growthPercent.toFixed(1)}% (target < ${r.target}%): ${!r.valid ? 'INVALID' : r.pass ? 'PASS' : 'FAIL'}; process peak (VmHWM) ${r.peakRssKiB === null ? 'n/a' : mib(r.peakRssKiB)}`,
    `  less sensitive to the GC's saw-tooth (not the target): median of the last 10 samples against the first 10 ${r.medianGrowthPercent >= 0 ? '+' : ''}${r.medianGrowthPercent.toFixed(1)}%; least-squares slope ${r.slopeMiBPerMinute >= 0 ? '+' : ''}${r.slopeMiBPerMinute.toFixed(1)} MiB/min`,
    `  ${fmtInt(r.requestsMeasured)} requests measured (${fmtInt(r.reqPerSec)} req/s) over ${r.connections} connections; statuses ${statuses}; unexpected ${r.unexpected}, 5xx ${r.serverErrors5xx}, socket errors ${r.socketErrors}; ${fmtInt(r.reconnectsAfterConnectionClose)} reconnects after the service's Connection: close (it closes after a malformed JSON body)`,
    `  estimate cache at start of the window: ${cache(r.cacheAtStart)}`,
    `  estimate cache at end of the window:   ${cache(r.cacheAtEnd)}`,
    ...r.unexpectedExamples.map((e) => `  unexpected: ${e}`),
  ].join('\n');
}

interface SummaryRow {
  readonly target: string;
  readonly measured: string;
  readonly goal: string;
  readonly result: 'PASS' | 'FAIL' | 'INVALID';
}

function summaryRows(http: readonly ScenarioResult[], batch: readonly BatchVsSinglesResult[], soakResult: SoakResult): SummaryRow[] {
  const mib = (kib: number): string => `${(kib / 1024).toFixed(1)}`;
  return [
    ...http.map((r): SummaryRow => ({
      target: `single vs bare route, ${r.title.replace(/^\(\w\) /, '')}`,
      measured: `${r.ratio.toFixed(2)} (${fmtInt(r.real.reqPerSec)} vs ${fmtInt(r.bare.reqPerSec)} req/s; per CPU-s ${r.cpuRatio === null ? 'n/a' : r.cpuRatio.toFixed(2)})`,
      goal: `>= ${TARGET_RATIO}`,
      result: !r.valid ? 'INVALID' : r.pass ? 'PASS' : 'FAIL',
    })),
    ...batch.map((r): SummaryRow => ({
      target: `${r.title} (${r.items} items)`,
      measured: `${r.ratio.toFixed(2)}x (batch ${r.batchMs.toFixed(1)} ms, singles ${r.singlesMs.toFixed(1)} ms; per CPU-s ${r.cpuRatio === null ? 'n/a' : r.cpuRatio.toFixed(2) + 'x'})`,
      goal: `>= ${TARGET_BATCH_RATIO}x`,
      result: r.pass ? 'PASS' : 'FAIL',
    })),
    {
      target: 'batch results = single results, byte for byte',
      measured: batch.map((r) => `${r.id}: ${r.items}/${r.items} equal`).join(', '),
      goal: 'all equal',
      result: batch.every((r) => r.itemsByteEqual) ? 'PASS' : 'FAIL',
    },
    {
      target: `RSS growth over ${soakResult.seconds.toFixed(0)} s after ${soakResult.warmupSeconds} s warm-up`,
      measured: `${soakResult.growthPercent >= 0 ? '+' : ''}${soakResult.growthPercent.toFixed(1)}% (${mib(soakResult.startRssKiB)} -> ${mib(soakResult.endRssKiB)} MiB, max ${mib(soakResult.maxRssKiB)}; medians ${soakResult.medianGrowthPercent >= 0 ? '+' : ''}${soakResult.medianGrowthPercent.toFixed(1)}%)`,
      goal: `< ${TARGET_MEMORY_GROWTH_PERCENT}%`,
      result: !soakResult.valid ? 'INVALID' : soakResult.pass ? 'PASS' : 'FAIL',
    },
    {
      target: 'soak: unexpected statuses, 5xx, socket errors',
      measured: `${soakResult.unexpected}, ${soakResult.serverErrors5xx}, ${soakResult.socketErrors} of ${fmtInt(soakResult.requestsMeasured)} requests`,
      goal: '0, 0, 0',
      result: soakResult.valid ? 'PASS' : 'FAIL',
    },
  ];
}

function summaryTable(rows: readonly SummaryRow[]): string {
  return alignRows(
    ['target', 'measured', 'goal', 'result'],
    rows.map((r) => [r.target, r.measured, r.goal, r.result]),
    2,
  );
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  mkdirSync(RESULTS_DIR, { recursive: true });
  const machine = {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    totalMemMiB: Math.round(totalmem() / 2 ** 20),
    loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
  };
  const commit = git(['rev-parse', 'HEAD']);
  const dirty = (git(['status', '--porcelain']) ?? '') !== '';
  console.log(`mesoquote bench: node ${machine.node}, ${machine.cpus} x ${machine.cpuModel}, commit ${commit?.slice(0, 12) ?? 'unknown'}${dirty ? ' (uncommitted changes)' : ''}`);
  if ((machine.loadAverageAtStart[0] ?? 0) > machine.cpus / 2) {
    console.log(`note: load average ${machine.loadAverageAtStart.join(' ')} on ${machine.cpus} cores: other work is running, so req/s will be noisy; the 'ratio per CPU-s' column is less sensitive to it`);
  }
  console.log(`settings: ${o.rounds} round(s) per scenario, ${o.warmupS}s warm-up + ${o.durationS}s per run, ${o.connections} connections, pipelining 1, service LOG_LEVEL=${LOG_LEVEL}${o.quick ? ' (--quick: a smoke run, not a measurement)' : ''}`);
  console.log(`          batch vs singles: ${BATCH_ITEMS} items, ${o.reps} repetitions per service, singles over ${BATCH_CONNECTIONS} keep-alive connections; memory: ${o.soakWarmupS}s warm-up + ${o.soakS}s soak over ${SOAK_CONNECTIONS} connections\n`);

  // 1. The engine, in this process, before any server competes for the CPU.
  const catalog = loadData(loadConfig({}).dataDir).catalog;
  const engine: EngineBenchResult = runEngineBench({ durationSeconds: o.engineS, warmupSeconds: 0.5, catalog });
  console.log(formatEngineBench(engine) + '\n');

  // 2. Compile the service as `npm run build` does, into a private outDir.
  const buildStart = Date.now();
  rmSync(BUILD_DIR, { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', BUILD_DIR], { cwd: ROOT, stdio: 'inherit' });
  const serverJs = join(BUILD_DIR, 'src/server.js');
  console.log(`compiled the service into ${BUILD_DIR} in ${((Date.now() - buildStart) / 1000).toFixed(1)}s`);

  try {
    // 3. Two service instances: default cache, and cache disabled for the miss scenario.
    // Each service its own in-memory embedded database: several services on the package's .data/
    // would contend for one directory (the benchmarks never touch storage).
    const prod = { NODE_ENV: 'production', LOG_LEVEL, STORAGE_DIR: 'memory' };
    const real = await startChild('service', [serverJs], prod);
    const realNoCache = await startChild('service, cache off', [serverJs], { ...prod, ESTIMATE_CACHE_ENTRIES: '0' });

    // 4. The requests. (a) and (b) are one request repeated; (c) cycles distinct valid requests.
    const fixed: EstimateRequest = { treatment: 'fat-reduction', areas: ['abdomen', 'flanks'], country: 'FR', cityTier: 'major-metro', practitioner: 'specialist' };
    const post = (r: EstimateRequest): LoadRequest => ({ method: 'POST', path: '/v1/estimates', headers: JSON_HEADERS, body: JSON.stringify(r) });
    const varied = variedRequests(catalog, o.quick ? 500 : 2000);
    // The bare route for (c) sends one estimate of median size among the varied ones.
    const bySize = varied.map((r) => ({ r, bytes: Buffer.byteLength(JSON.stringify(estimate(r, catalog))) })).sort((a, b) => a.bytes - b.bytes);
    const representative = bySize[bySize.length >> 1]!;
    const variedPosts = varied.map(post);

    const fixedPost = post(fixed);
    const fixedGet: LoadRequest = { method: 'GET', path: `/v1/estimates?${queryOf(fixed)}` };
    const scenarios: Scenario[] = [
      {
        id: 'post-hit',
        title: '(a) POST /v1/estimates, cache hit',
        note: 'the same body every time; the service answers from its estimate cache after the first request',
        real,
        bare: await bareFor('post-hit', real, fixedPost),
        requests: [fixedPost],
        reference: fixedPost,
      },
      {
        id: 'get-hit',
        title: '(b) GET /v1/estimates?..., cache hit',
        note: `the same query every time: ${fixedGet.path}`,
        real,
        bare: await bareFor('get-hit', real, fixedGet),
        requests: [fixedGet],
        reference: fixedGet,
      },
      {
        id: 'post-miss',
        title: '(c) POST /v1/estimates, cache off',
        note: `${varied.length} distinct bodies cycled on a service with ESTIMATE_CACHE_ENTRIES=0, so every request runs the engine; the bare route gets the same bodies but cannot answer each one, so it sends one estimate of median size (${representative.bytes} bytes) for all`,
        real: realNoCache,
        bare: await bareFor('post-miss', realNoCache, post(representative.r)),
        requests: variedPosts,
        reference: post(representative.r),
      },
    ];
    for (const s of scenarios) {
      const bytes = Buffer.byteLength((await fetchOnce(s.bare.port, s.reference)).body);
      console.log(`${s.title}: bare route sends the service's ${bytes}-byte answer; ${s.note}`);
    }
    console.log('');

    // 5. Load, with memory read before and after.
    const memoryBefore = { service: memoryOf(real.proc.pid), serviceCacheOff: memoryOf(realNoCache.proc.pid) };
    const results: ScenarioResult[] = [];
    for (const s of scenarios) results.push(await runScenario(s, o));
    const memoryAfter = { service: memoryOf(real.proc.pid), serviceCacheOff: memoryOf(realNoCache.proc.pid) };

    // 6. Report.
    console.log(`\n${table(results)}`);
    console.log(`\ntarget: the service's req/s at least ${TARGET_RATIO} of the bare route's (medians over ${o.rounds} round(s)); (c)'s bare route sends one fixed estimate of the same size`);
    console.log(`ratio per CPU-s: the same ratio on requests per CPU second of the server process (from /proc), which holds when other work on the machine takes CPU from the servers; PASS/FAIL is on req/s`);
    const mib = (m: { rssKiB: number } | null): string => (m ? `${(m.rssKiB / 1024).toFixed(1)} MiB` : 'n/a');
    const peak = (m: { hwmKiB: number } | null): string => (m ? `${(m.hwmKiB / 1024).toFixed(1)} MiB` : 'n/a');
    console.log(`memory (VmRSS): service ${mib(memoryBefore.service)} before, ${mib(memoryAfter.service)} after (peak ${peak(memoryAfter.service)}); cache-off service ${mib(memoryBefore.serviceCacheOff)} before, ${mib(memoryAfter.serviceCacheOff)} after (peak ${peak(memoryAfter.serviceCacheOff)})`);

    // 7. Batch against singles, on the cache-off service (cold) and the default one (warm).
    const log = (line: string): void => console.log(line);
    const batchRequests = mixedRequests(catalog, BATCH_ITEMS, 20_240_602);
    console.log(`\nBatch vs singles: ${batchRequests.length} distinct valid requests (fixed seed: every treatment, area subsets, ${new Set(batchRequests.map((r) => (JSON.parse(r.json) as { country: string }).country)).size} countries, tiers, practitioners, fixed sessions, currencies, packages); one POST /v1/estimates/batch against ${batchRequests.length} single POST /v1/estimates over ${BATCH_CONNECTIONS} keep-alive connections`);
    const batchResults: BatchVsSinglesResult[] = [];
    const target = (child: Child): { name: string; port: number; pid: number | undefined } => ({ name: child.name, port: child.port, pid: child.proc.pid });
    const common = { requests: batchRequests, repetitions: o.reps, connections: BATCH_CONNECTIONS, targetRatio: TARGET_BATCH_RATIO, cpuSecondsOf, log };
    batchResults.push(
      await batchVsSingles({
        ...common,
        id: 'batch-cold',
        title: 'batch vs singles, cold cache',
        note: 'cache-off service (ESTIMATE_CACHE_ENTRIES=0): every batch item and every single call runs the engine',
        target: target(realNoCache),
      }),
    );
    batchResults.push(
      await batchVsSingles({
        ...common,
        id: 'batch-warm',
        title: 'batch vs singles, warm cache',
        note: 'default service, after one unmeasured pass (singles, then the batch) put the 1,000 answers in its cache',
        target: target(real),
      }),
    );
    console.log(`\n${batchTable(batchResults)}`);
    console.log(`\ntarget: singles/batch at least ${TARGET_BATCH_RATIO}x: median wall-clock ms of ${BATCH_ITEMS} single calls against one batch call of ${BATCH_ITEMS} items, over ${o.reps} repetitions alternating which goes first; ratio per CPU-s: the same on the server's CPU seconds summed over the repetitions`);
    const memoryAfterBatch = { service: memoryOf(real.proc.pid), serviceCacheOff: memoryOf(realNoCache.proc.pid) };

    const stopped: Record<string, number | null> = { service: await stopChild(real), serviceCacheOff: await stopChild(realNoCache) };
    for (const s of scenarios) await stopChild(s.bare);

    // 8. Memory over a sustained mixed workload, on a fresh service with the default cache.
    const soakPool = mixedRequests(catalog, SOAK_POOL + SOAK_HOT, 20_240_603);
    const soakService = await startChild('service, soak', [serverJs], prod);
    console.log(`\nMemory: a fresh service (default cache), ${SOAK_POOL.toLocaleString('en-US')} distinct requests walked (more than the cache holds, so it fills and evicts), a hot set of ${SOAK_HOT}, batches, 304s and bad requests`);
    const soakResult: SoakResult = await soak({
      target: target(soakService),
      hot: soakPool.slice(0, SOAK_HOT),
      pool: soakPool.slice(SOAK_HOT),
      warmupSeconds: o.soakWarmupS,
      seconds: o.soakS,
      connections: SOAK_CONNECTIONS,
      targetGrowthPercent: TARGET_MEMORY_GROWTH_PERCENT,
      rssOf: memoryOf,
      log,
    });
    stopped.serviceSoak = await stopChild(soakService);
    console.log(`\n${soakReport(soakResult)}`);

    // 9. Every target, in one table.
    const summary = summaryRows(results, batchResults, soakResult);
    console.log(`\nSummary (load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}; at start ${machine.loadAverageAtStart.join(' ')}, ${machine.cpus} cores)\n${summaryTable(summary)}`);

    const totalSeconds = (Date.now() - started) / 1000;
    const report = {
      tool: 'scripts/bench.ts',
      date: new Date(started).toISOString(),
      machine,
      git: { commit, dirty },
      settings: {
        durationSeconds: o.durationS,
        warmupSeconds: o.warmupS,
        rounds: o.rounds,
        connections: o.connections,
        pipelining: 1,
        quick: o.quick,
        service: { command: 'node bench-results/build/src/server.js', NODE_ENV: 'production', LOG_LEVEL, STORAGE_DIR: 'memory', estimateCacheEntries: { a: 'default (10000)', b: 'default (10000)', c: 0 } },
        bare: 'fastify, logger off, one route sending the service\'s response text with its content-type; one child process per scenario',
        order: 'rounds alternate real-then-bare and bare-then-real; every run has its own warm-up',
        batchVsSingles: {
          items: BATCH_ITEMS,
          repetitions: o.reps,
          singlesConnections: BATCH_CONNECTIONS,
          client: 'raw-socket HTTP/1.1 keep-alive client (scripts/bench-batch.ts), pipelining 1, connections opened before the clock starts; each of the 1,000 requests sent once',
          order: 'one unmeasured pass (singles then batch, answers compared byte for byte), then repetitions alternating batch-first and singles-first; medians',
          services: { cold: 'ESTIMATE_CACHE_ENTRIES=0', warm: 'default cache, filled by the unmeasured pass' },
        },
        soak: { warmupSeconds: o.soakWarmupS, seconds: o.soakS, connections: SOAK_CONNECTIONS, distinctRequests: SOAK_POOL, hotRequests: SOAK_HOT, service: 'a fresh default-cache instance' },
      },
      targetRatio: TARGET_RATIO,
      targetBatchRatio: TARGET_BATCH_RATIO,
      targetMemoryGrowthPercent: TARGET_MEMORY_GROWTH_PERCENT,
      summary,
      engine,
      http: results,
      batchVsSingles: batchResults,
      soak: soakResult,
      memory: { before: memoryBefore, after: memoryAfter, afterBatch: memoryAfterBatch, unit: 'KiB' },
      serviceExitCodes: stopped,
      totalSeconds,
    };
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, JSON.stringify(report, null, 2) + '\n');
    console.log(`\nwrote ${o.out} (${totalSeconds.toFixed(0)}s in all)`);
    if (results.some((r) => !r.valid)) {
      console.error('some runs had non-2xx answers or socket errors: the figures are not valid');
      process.exitCode = 1;
    }
    if (!soakResult.valid) {
      console.error('the soak had unexpected answers, 5xx or socket errors: its figures are not valid');
      process.exitCode = 1;
    }
  } finally {
    await Promise.all([...children].map((c) => stopChild(c)));
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  killAll('SIGKILL');
  process.exit(1);
});

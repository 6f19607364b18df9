// The benchmark harness: options, the services under test (compiled once, started on first use,
// stopped after the last measurement that uses them), the measurements run one after another in
// one process, and one summary of every target with its ratio, written to bench-results/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../../../src/config.js';
import { loadData } from '../../../src/data/load.js';
import type { Catalog } from '../../../src/domain/catalog.js';
import { BENCH_ADMIN_KEY } from './soak.js';
import { RESULTS_DIR, ROOT } from './paths.js';
import { killAll, memoryOf, startChild, stopAll, stopChild, type Child } from './processes.js';
import { alignRows } from './stats.js';

// ---------------------------------------------------------------------------------------------
// Options

export interface Options {
  readonly quick: boolean;
  /** Route vs bare: seconds measured per run, warm-up seconds before each, rounds, connections. */
  readonly durationS: number;
  readonly warmupS: number;
  readonly rounds: number;
  readonly connections: number;
  /** In-process measurements: seconds each. */
  readonly engineS: number;
  /** Batch vs singles: measured repetitions per service. */
  readonly reps: number;
  readonly soakS: number;
  readonly soakWarmupS: number;
  /** Measurement ids to run (all when empty). */
  readonly only: readonly string[];
  readonly out: string;
  /** Where the compiled service and the bare servers go; inside the package, so they resolve its dependencies. */
  readonly workDir: string;
}

const USAGE = `npm run bench [-- options]
  --quick                a smoke run: 1 round of 1 s warm-up + 2 s, 3 repetitions, 3 s + 10 s soak (to bench-quick.json)
  --only ID[,ID…]        run only these measurements
  --duration S --warmup S --rounds N --connections N     route vs bare runs (default 10, 2, 2, 50)
  --reps N               batch vs singles repetitions (default 7)
  --soak S --soak-warmup S                               memory soak (default 60, 10)
  --out FILE             where the JSON goes (default bench-results/bench.json)
  --work-dir DIR         where the compiled service and the bare servers go (default bench-results; inside the package)`;

export function parseOptions(argv: readonly string[], ids: readonly string[]): Options {
  const valued = ['--duration', '--warmup', '--rounds', '--connections', '--reps', '--soak', '--soak-warmup', '--out', '--only', '--work-dir'];
  const values = new Map<string, string>();
  let quick = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--quick') quick = true;
    else if (arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    } else if (valued.includes(arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--') || value.trim() === '') throw new Error(`${arg} takes a value\n${USAGE}`);
      values.set(arg, value);
      i += 1;
    } else throw new Error(`unknown argument '${arg}'\n${USAGE}`);
  }
  const number = (name: string, fallback: number): number => {
    const text = values.get(name);
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} takes a number above 0, got '${text}'`);
    return n;
  };
  const only = (values.get('--only') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const unknown = only.filter((id) => !ids.includes(id));
  if (unknown.length > 0) throw new Error(`unknown measurement ${unknown.join(', ')}; known: ${ids.join(', ')}`);
  return {
    quick,
    durationS: number('--duration', quick ? 2 : 10),
    warmupS: number('--warmup', quick ? 1 : 2),
    rounds: Math.round(number('--rounds', quick ? 1 : 2)),
    connections: Math.round(number('--connections', 50)),
    engineS: quick ? 0.5 : 1.5,
    reps: Math.round(number('--reps', quick ? 3 : 7)),
    soakS: number('--soak', quick ? 10 : 60),
    soakWarmupS: number('--soak-warmup', quick ? 3 : 10),
    only,
    // A smoke run must not overwrite the last real measurement.
    out: values.has('--out') ? resolve(values.get('--out')!) : join(RESULTS_DIR, quick ? 'bench-quick.json' : 'bench.json'),
    workDir: values.has('--work-dir') ? resolve(values.get('--work-dir')!) : RESULTS_DIR,
  };
}

// ---------------------------------------------------------------------------------------------
// Services under test

const LOG_LEVEL = 'warn';
/** Like `npm start` in production; each service its own in-memory database (the benchmarks never touch storage). */
const BASE_ENV = { NODE_ENV: 'production', LOG_LEVEL, STORAGE_DIR: 'memory', ADMIN_API_KEY: BENCH_ADMIN_KEY };

export const SERVICES = {
  default: { title: 'service', env: {} as Record<string, string> },
  'cache-off': { title: 'service, cache off', env: { ESTIMATE_CACHE_ENTRIES: '0' } },
  // Rate limiting on for loopback too (the default allow list exempts it), with a limit no run reaches.
  'rate-limited': { title: 'service, rate limits on', env: { RATE_LIMIT_ALLOWLIST: '', RATE_LIMIT_MAX: '10000000' } },
} as const;
export type ServiceKind = keyof typeof SERVICES;

// ---------------------------------------------------------------------------------------------
// Measurements

export interface SummaryRow {
  readonly target: string;
  readonly measured: string;
  readonly goal: string;
  /** INFO: a figure without a goal. */
  readonly result: 'PASS' | 'FAIL' | 'INVALID' | 'INFO';
}

export interface BenchContext {
  readonly options: Options;
  readonly catalog: Catalog;
  /** A shared service, started on first use, stopped after the last measurement listing it in `services`. */
  service(kind: ServiceKind): Promise<Child>;
  /** A service of its own, for a measurement that needs a fresh process; the caller stops it. */
  freshService(kind: ServiceKind, name: string): Promise<Child>;
  /** The service compiled as `npm run build` compiles it (once per run): the root of its build directory. */
  compiled(): string;
  log(line: string): void;
}

export interface Measurement<R = unknown> {
  readonly id: string;
  readonly title: string;
  /** The shared services it uses; empty for an in-process measurement. */
  readonly services: readonly ServiceKind[];
  /** Starts a fresh service of its own (needs the compiled service though `services` is empty). */
  readonly freshService?: boolean;
  run(ctx: BenchContext): Promise<R>;
  /** Its rows of the summary: every target it measures, with the ratio or figure and the goal. */
  summary(result: R): SummaryRow[];
  /** Whether its figures are void (non-2xx answers, socket errors): the run then exits 1. */
  invalid?(result: R): boolean;
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/**
 * Compiles the service as `npm run build` does, into a private outDir (a concurrent build or a
 * user of dist/ is not disturbed); the server script.
 */
function compileService(workDir: string, log: (line: string) => void): string {
  const started = Date.now();
  const buildDir = join(workDir, 'build');
  rmSync(buildDir, { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', buildDir], { cwd: ROOT, stdio: 'inherit' });
  log(`compiled the service into ${buildDir} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return join(buildDir, 'src/server.js');
}

/**
 * Waits until a started service has opened its embedded database (which blocks its event loop for
 * a while) and answers estimates rather than shedding load: /readyz reports storage ready, then
 * three estimates in a row answer 200. Measuring before would count start-up, not serving.
 */
async function settled(child: Child): Promise<void> {
  const deadline = Date.now() + 120_000;
  let ok = 0;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const ready = (await (await fetch(`http://127.0.0.1:${child.port}/readyz`)).json()) as { status?: string };
      if (ready.status === 'ready') {
        const response = await fetch(`http://127.0.0.1:${child.port}/v1/estimates?treatment=skin-rejuvenation`);
        await response.arrayBuffer();
        ok = response.status === 200 ? ok + 1 : 0;
        last = `estimate answered ${response.status}`;
        if (ok >= 3) return;
      } else last = `readiness ${ready.status ?? 'unknown'}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} did not settle within 120 s (${last})`);
}

/** Runs the measurements (all, or --only), in order, and reports. */
export async function runBench(measurements: readonly Measurement<any>[], argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv, measurements.map((m) => m.id));
  const selected = measurements.filter((m) => options.only.length === 0 || options.only.includes(m.id));
  const log = (line: string): void => console.log(line);
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
  log(`mesoquote bench: node ${machine.node}, ${machine.cpus} x ${machine.cpuModel}, commit ${commit?.slice(0, 12) ?? 'unknown'}${dirty ? ' (uncommitted changes)' : ''}`);
  if ((machine.loadAverageAtStart[0] ?? 0) > machine.cpus / 2) {
    log(`note: load average ${machine.loadAverageAtStart.join(' ')} on ${machine.cpus} cores: other work is running, so throughput is noisy; the 'per CPU-s' figures are less sensitive to it`);
  }
  log(`measurements: ${selected.map((m) => m.id).join(', ')}${options.quick ? ' (--quick: a smoke run, not a measurement)' : ''}\n`);

  const catalog = loadData(loadConfig({}).dataDir).catalog;
  let serverJs: string | undefined;
  mkdirSync(options.workDir, { recursive: true });
  const server = (): string => (serverJs ??= compileService(options.workDir, log));
  const shared = new Map<ServiceKind, Child>();
  const memory: Record<string, { atStart: ReturnType<typeof memoryOf>; atStop: ReturnType<typeof memoryOf> }> = {};
  const exitCodes: Record<string, number | null> = {};
  const start = async (kind: ServiceKind, name: string): Promise<Child> => {
    const child = await startChild(name, [server()], { ...BASE_ENV, ...SERVICES[kind].env });
    await settled(child);
    return child;
  };
  const ctx: BenchContext = {
    options,
    catalog,
    async service(kind) {
      let child = shared.get(kind);
      if (!child) {
        child = await start(kind, SERVICES[kind].title);
        shared.set(kind, child);
        memory[kind] = { atStart: memoryOf(child.proc.pid), atStop: null };
      }
      return child;
    },
    freshService: (kind, name) => start(kind, name),
    compiled: () => join(dirname(server()), '..'),
    log,
  };

  const results: Record<string, unknown> = {};
  const summary: Array<SummaryRow & { measurement: string }> = [];
  let invalid = false;
  try {
    for (const [i, m] of selected.entries()) {
      log(`== ${m.id}: ${m.title}`);
      const t0 = Date.now();
      if (m.services.length > 0 || m.freshService) server();
      const result = await m.run(ctx);
      results[m.id] = result;
      summary.push(...m.summary(result).map((row) => ({ ...row, measurement: m.id })));
      if (m.invalid?.(result)) invalid = true;
      // Stop the shared services no later measurement uses.
      const later = new Set(selected.slice(i + 1).flatMap((n) => n.services));
      for (const [kind, child] of shared) {
        if (later.has(kind)) continue;
        memory[kind]!.atStop = memoryOf(child.proc.pid);
        exitCodes[kind] = await stopChild(child);
        shared.delete(kind);
      }
      log(`   (${m.id}: ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
    }
  } finally {
    await stopAll();
  }

  const mib = (m: ReturnType<typeof memoryOf>): string => (m ? `${(m.rssKiB / 1024).toFixed(1)} MiB` : 'n/a');
  for (const [kind, m] of Object.entries(memory)) log(`memory (VmRSS) of the ${SERVICES[kind as ServiceKind].title}: ${mib(m.atStart)} when started, ${mib(m.atStop)} when stopped (peak ${m.atStop ? `${(m.atStop.hwmKiB / 1024).toFixed(1)} MiB` : 'n/a'})`);
  log(`\nSummary (load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}; at start ${machine.loadAverageAtStart.join(' ')}, ${machine.cpus} cores)`);
  log(alignRows(['target', 'measured', 'goal', 'result'], summary.map((r) => [r.target, r.measured, r.goal, r.result]), 2));

  const totalSeconds = (Date.now() - started) / 1000;
  const report = {
    tool: 'npm run bench (scripts/bench.ts, scripts/bench/)',
    date: new Date(started).toISOString(),
    machine,
    git: { commit, dirty },
    options,
    service: { command: `node ${join(options.workDir, 'build', 'src', 'server.js')}`, env: BASE_ENV, variants: SERVICES },
    summary,
    results,
    memory: { ...memory, unit: 'KiB' },
    serviceExitCodes: exitCodes,
    totalSeconds,
  };
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, JSON.stringify(report, null, 2) + '\n');
  log(`\nwrote ${options.out} (${totalSeconds.toFixed(0)}s in all)`);
  if (invalid) {
    console.error('some measurements had unexpected answers, non-2xx or socket errors: their figures are not valid');
    process.exitCode = 1;
  }
}

/** The entry point of scripts/bench.ts: runs, and on failure kills every child and exits 1. */
export function main(measurements: readonly Measurement<any>[]): void {
  runBench(measurements, process.argv.slice(2)).catch((error: unknown) => {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    killAll('SIGKILL');
    process.exit(1);
  });
}

// The engine alone, in this process: what one estimate costs without HTTP. The target figure is
// the median time to compute and serialise one full estimate (the JSON the API sends) over varied
// requests that are never cached; throughput of estimate() alone and of a cache hit for context.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Catalog } from '../../src/domain/catalog.js';
import type { estimate as estimateFn, EstimateRequest } from '../../src/domain/estimate.js';
import type { createEstimateJsonService as createService } from '../../src/http/estimate-cache.js';
import type { Measurement } from './lib/harness.js';
import { variedRequests } from './lib/requests.js';
import { fmtInt, median, quantile } from './lib/stats.js';

const TARGET_MICROS = 10;
const DISTINCT = 2000;
/** Estimates timed together: one clock read per block keeps the clock's own cost out of the figure. */
const BLOCK = 32;

export interface Throughput {
  readonly name: string;
  readonly description: string;
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Mean microseconds per operation. */
  readonly microsPerOp: number;
}

export interface PerEstimate {
  readonly description: string;
  readonly blocks: number;
  readonly estimatesPerBlock: number;
  /** Median, p10 and p90 over blocks of the block's time / estimates in it, in µs. */
  readonly medianMicros: number;
  readonly p10Micros: number;
  readonly p90Micros: number;
}

export interface EngineResult {
  readonly distinctRequests: number;
  readonly secondsEach: number;
  readonly meanJsonBytes: number;
  readonly perEstimate: PerEstimate;
  readonly throughput: readonly Throughput[];
}

/** Runs `op(i)` for `warmupMs` unmeasured, then for `durationMs` measured; checks the clock every 64 calls. */
function throughput(name: string, description: string, op: (i: number) => number, durationMs: number, warmupMs: number): Throughput {
  let sink = 0;
  const run = (ms: number): { ops: number; ns: bigint } => {
    const start = process.hrtime.bigint();
    const end = start + BigInt(Math.round(ms * 1e6));
    let ops = 0;
    let now = start;
    while (now < end) {
      for (let k = 0; k < 64; k += 1) sink += op(ops++);
      now = process.hrtime.bigint();
    }
    return { ops, ns: now - start };
  };
  run(warmupMs);
  const { ops, ns } = run(durationMs);
  if (sink === -1) console.log('unreachable'); // keeps the results observable to the JIT
  const seconds = Number(ns) / 1e9;
  return { name, description, operations: ops, seconds, perSecond: ops / seconds, microsPerOp: (seconds * 1e6) / ops };
}

/** Blocks of BLOCK calls of `op`, timed one block at a time for `durationMs` after a warm-up; µs per call. */
function perCall(op: (i: number) => number, durationMs: number, warmupMs: number): number[] {
  let sink = 0;
  let i = 0;
  const block = (): number => {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < BLOCK; k += 1) sink += op(i++);
    return Number(process.hrtime.bigint() - t0) / 1e3 / BLOCK;
  };
  for (const end = Date.now() + warmupMs; Date.now() < end; ) block();
  const micros: number[] = [];
  for (const end = Date.now() + durationMs; Date.now() < end; ) micros.push(block());
  if (sink === -1) console.log('unreachable');
  return micros;
}

export const engine: Measurement<EngineResult> = {
  id: 'engine',
  title: 'the engine alone, in process: compute and serialise one full estimate, varied uncached requests',
  services: [],
  async run({ catalog: sourceCatalog, options, log, compiled }) {
    // The engine as `npm start` runs it: the JavaScript tsc compiles, not this script's on-the-fly
    // transform (which wraps every function to keep its name). The catalog comes from the same
    // compiled modules, as the engine keeps what it derives per catalog object.
    const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(compiled(), path)).href)) as T;
    const { loadData } = await load<{ loadData: (dir: string) => { catalog: Catalog } }>('src/data/load.js');
    const { loadConfig } = await load<{ loadConfig: (env: Record<string, string>) => { dataDir: string } }>('src/config.js');
    const { estimate } = await load<{ estimate: typeof estimateFn }>('src/domain/estimate.js');
    const { createEstimateJsonService } = await load<{ createEstimateJsonService: typeof createService }>('src/http/estimate-cache.js');
    const catalog = loadData(loadConfig({}).dataDir).catalog;
    if (catalog.version !== sourceCatalog.version) throw new Error('the compiled service loads other data than the sources');
    const requests = variedRequests(sourceCatalog, options.quick ? DISTINCT / 4 : DISTINCT);
    const n = requests.length;
    const at = (i: number): EstimateRequest => requests[i % n]!;
    const ms = options.engineS * 1000;
    const warmupMs = Math.min(500, ms);
    const uncached = createEstimateJsonService(catalog, 0);
    const cached = createEstimateJsonService(catalog, 10_000); // default size: every request fits
    const meanJsonBytes = requests.reduce((sum, r) => sum + Buffer.byteLength(uncached.json(r)), 0) / n;

    const micros = perCall((i) => uncached.get(at(i)).body.length, ms, warmupMs);
    const perEstimate: PerEstimate = {
      description: `createEstimateJsonService(catalog, 0).get(request).body: the estimate priced and serialised to the bytes a route sends, as on a cache miss; ${n} distinct requests cycled, timed ${BLOCK} at a time`,
      blocks: micros.length,
      estimatesPerBlock: BLOCK,
      medianMicros: median(micros),
      p10Micros: quantile(micros, 0.1),
      p90Micros: quantile(micros, 0.9),
    };
    const results = [
      throughput('estimate()', 'the pure engine, varied requests (adjustments, notes, sources), no JSON', (i) => estimate(at(i), catalog).adjustments.length, ms, warmupMs),
      throughput('service, cache disabled', 'createEstimateJsonService(catalog, 0).get(): the estimate as the bytes a route sends, as on a cache miss', (i) => uncached.get(at(i)).body.length, ms, warmupMs),
      throughput('service, cache hit', `createEstimateJsonService(catalog, 10000).get() over ${n} requests that all fit: canonical key + LRU touch`, (i) => cached.get(at(i)).body.length, ms, warmupMs),
    ];
    log(`  ${n} distinct requests, mean JSON ${Math.round(meanJsonBytes)} bytes; ${options.engineS}s each after a warm-up`);
    log(`  one estimate, computed and serialised: median ${perEstimate.medianMicros.toFixed(2)} µs (p10 ${perEstimate.p10Micros.toFixed(2)}, p90 ${perEstimate.p90Micros.toFixed(2)}; ${perEstimate.blocks} blocks of ${BLOCK})`);
    for (const r of results) log(`  ${r.name.padEnd(26)} ${fmtInt(r.perSecond).padStart(12)} /s   ${r.microsPerOp.toFixed(2).padStart(8)} µs/op (mean)`);
    return { distinctRequests: n, secondsEach: options.engineS, meanJsonBytes, perEstimate, throughput: results };
  },
  summary(r) {
    const byName = (name: string): Throughput => r.throughput.find((t) => t.name === name)!;
    return [
      {
        target: 'engine: compute and serialise one estimate, varied uncached requests, in process',
        measured: `median ${r.perEstimate.medianMicros.toFixed(1)} µs (p90 ${r.perEstimate.p90Micros.toFixed(1)}; mean JSON ${Math.round(r.meanJsonBytes)} bytes)`,
        goal: `<= ${TARGET_MICROS} µs`,
        result: r.perEstimate.medianMicros <= TARGET_MICROS ? 'PASS' : 'FAIL',
      },
      {
        target: 'engine throughput (context)',
        measured: ['estimate()', 'service, cache disabled', 'service, cache hit'].map((n) => `${n} ${fmtInt(byName(n).perSecond)}/s (${byName(n).microsPerOp.toFixed(1)} µs)`).join('; '),
        goal: '',
        result: 'INFO',
      },
    ];
  },
};

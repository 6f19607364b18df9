// In-process engine benchmark: estimates per second from estimate() and from the cached JSON
// service, on varied requests, after a warm-up. Used by scripts/bench.ts; runs alone too:
//   npx tsx scripts/bench-engine.ts [--duration SECONDS]
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.js';
import { loadData } from '../src/data/load.js';
import type { CityTierId, PractitionerId } from '../src/data/schema.js';
import type { Catalog } from '../src/domain/catalog.js';
import { estimate, type EstimateRequest } from '../src/domain/estimate.js';
import { canonicalKey, createEstimateJsonService } from '../src/http/estimate-cache.js';

const CITY_TIERS: readonly CityTierId[] = ['major-metro', 'city', 'town'];
const PRACTITIONERS: readonly PractitionerId[] = ['non-physician', 'physician', 'specialist'];
const OUTPUT_CURRENCIES: readonly (string | undefined)[] = [undefined, undefined, undefined, 'USD', 'EUR'];

/** mulberry32: a small seeded PRNG, so every run benchmarks the same requests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * `count` distinct, valid requests spread over every treatment, allowed-area subsets, countries,
 * city tiers, practitioners, fixed session counts and output currencies. Deterministic.
 * Each request is one the HTTP body schema also accepts (see src/http/schemas.ts).
 */
export function variedRequests(catalog: Catalog, count: number, seed = 20_240_601): EstimateRequest[] {
  const random = prng(seed);
  const treatments = [...catalog.treatments.values()];
  const countries = [...catalog.countries.keys()];
  const seen = new Set<string>();
  const out: EstimateRequest[] = [];
  for (let attempt = 0; out.length < count && attempt < count * 20; attempt += 1) {
    const treatment = pick(treatments, random);
    const areaCount = Math.min(treatment.allowedAreas.length, 1 + Math.floor(random() * 3));
    const areas = [...treatment.allowedAreas].sort(() => random() - 0.5).slice(0, areaCount);
    const fixed = random() < 0.3 ? 1 + Math.floor(random() * 10) : undefined;
    const request: EstimateRequest = {
      treatment: treatment.id,
      ...(random() < 0.2 ? {} : { areas }),
      country: pick(countries, random),
      cityTier: pick(CITY_TIERS, random),
      practitioner: pick(PRACTITIONERS, random),
      ...(fixed === undefined ? {} : { sessions: fixed }),
      ...(() => {
        const currency = pick(OUTPUT_CURRENCIES, random);
        return currency === undefined ? {} : { currency };
      })(),
    };
    const key = canonicalKey(request, catalog.version);
    if (seen.has(key)) continue;
    try {
      estimate(request, catalog);
    } catch {
      continue; // e.g. a currency without a rate: the benchmark only wants answers
    }
    seen.add(key);
    out.push(request);
  }
  if (out.length < count) throw new Error(`could only build ${out.length} distinct requests of ${count}`);
  return out;
}

export interface Throughput {
  readonly name: string;
  readonly description: string;
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Mean microseconds per operation. */
  readonly microsPerOp: number;
}

/** Runs `op(i)` for `warmupMs` unmeasured, then for `durationMs` measured; checks the clock every 64 calls. */
function measure(name: string, description: string, op: (i: number) => number, durationMs: number, warmupMs: number): Throughput {
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

export interface EngineBenchResult {
  readonly distinctRequests: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly meanJsonBytes: number;
  readonly results: readonly Throughput[];
}

export function runEngineBench(options: { durationSeconds: number; warmupSeconds: number; distinctRequests?: number; catalog?: Catalog }): EngineBenchResult {
  const catalog = options.catalog ?? loadData(loadConfig({}).dataDir).catalog;
  const requests = variedRequests(catalog, options.distinctRequests ?? 2000);
  const n = requests.length;
  const at = (i: number): EstimateRequest => requests[i % n] as EstimateRequest;
  const durationMs = options.durationSeconds * 1000;
  const warmupMs = options.warmupSeconds * 1000;

  const meanJsonBytes = requests.reduce((sum, r) => sum + Buffer.byteLength(JSON.stringify(estimate(r, catalog))), 0) / n;
  const cached = createEstimateJsonService(catalog, 10_000); // default size: every request fits
  const uncached = createEstimateJsonService(catalog, 0);

  const results = [
    measure('estimate()', 'the pure engine, varied requests (Decimal arithmetic, adjustments, notes, sources)', (i) => estimate(at(i), catalog).adjustments.length, durationMs, warmupMs),
    measure('service, cache disabled', 'createEstimateJsonService(catalog, 0).json(): estimate() + JSON.stringify, as on a cache miss', (i) => uncached.json(at(i)).length, durationMs, warmupMs),
    measure('service, cache hit', `createEstimateJsonService(catalog, 10000).json() over ${n} requests that all fit: canonical key + LRU touch`, (i) => cached.json(at(i)).length, durationMs, warmupMs),
  ];
  return { distinctRequests: n, durationSeconds: options.durationSeconds, warmupSeconds: options.warmupSeconds, meanJsonBytes, results };
}

export function formatEngineBench(result: EngineBenchResult): string {
  const lines = [
    `Engine (in-process, ${result.distinctRequests} distinct requests cycled, ${result.warmupSeconds}s warm-up + ${result.durationSeconds}s each; mean JSON ${Math.round(result.meanJsonBytes)} bytes)`,
  ];
  for (const r of result.results) {
    lines.push(`  ${r.name.padEnd(26)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(12)} /s   ${r.microsPerOp.toFixed(2).padStart(8)} us/op`);
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--duration');
  const durationSeconds = i >= 0 ? Number(process.argv[i + 1]) : 3;
  if (!(durationSeconds > 0)) throw new Error('--duration takes a number of seconds above 0');
  console.log(formatEngineBench(runEngineBench({ durationSeconds, warmupSeconds: Math.min(1, durationSeconds) })));
}

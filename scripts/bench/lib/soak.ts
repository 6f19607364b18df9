// Resident memory of a service over a sustained mixed workload after a warm-up: a repeating
// cycle of estimates walking more distinct requests than the cache holds, a hot set, a 304, a
// batch with a bad item and bad requests of every kind; VmRSS read every second.
import { loadavg } from 'node:os';
import type { CacheStats } from '../../../src/http/estimate-cache.js';
import type { Target } from './batch.js';
import { httpRequest, KeepAliveConnection } from './keep-alive.js';
import type { MixedRequest } from './requests.js';
import { median } from './stats.js';

/** The admin key of the benchmarked service (harness.ts sets it): /readyz shows the cache's figures to it only. */
export const BENCH_ADMIN_KEY = 'bench-admin-key-0123456789abcdef-0123456789';

/** One kind of request in the soak's cycle: a name, the status it must get, and its bytes. */
interface Slot {
  readonly name: string;
  readonly expected: number;
  readonly build: () => Buffer;
}

export interface MemorySample {
  /** Seconds since the start of the measured window. */
  readonly t: number;
  readonly rssKiB: number;
}

/** The estimate cache's figures as /readyz reports them. */
export type CacheStatsSnapshot = CacheStats;

export interface SoakResult {
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly connections: number;
  readonly distinctRequests: number;
  readonly hotRequests: number;
  readonly workload: readonly { slot: string; perCycle: number; expectedStatus: number }[];
  readonly samples: readonly MemorySample[];
  readonly startRssKiB: number;
  readonly endRssKiB: number;
  readonly maxRssKiB: number;
  readonly minRssKiB: number;
  /** (end - start) / start, in percent: the figure the target is on. */
  readonly growthPercent: number;
  /** Less sensitive to the GC's saw-tooth: median of the last 10 samples against the first 10, in percent. */
  readonly medianGrowthPercent: number;
  /** Least-squares slope of RSS over the window, MiB per minute. */
  readonly slopeMiBPerMinute: number;
  readonly peakRssKiB: number | null;
  readonly requestsMeasured: number;
  readonly reqPerSec: number;
  readonly statusCounts: Record<string, number>;
  readonly countsBySlot: Record<string, number>;
  readonly unexpected: number;
  readonly unexpectedExamples: readonly string[];
  readonly serverErrors5xx: number;
  readonly socketErrors: number;
  readonly reconnectsAfterConnectionClose: number;
  readonly cacheAtStart: CacheStatsSnapshot | null;
  readonly cacheAtEnd: CacheStatsSnapshot | null;
  readonly loadAverage1m: number;
  readonly target: number;
  readonly pass: boolean;
  readonly valid: boolean;
}

export interface SoakOptions {
  readonly target: Target;
  readonly pool: readonly MixedRequest[];
  readonly hot: readonly MixedRequest[];
  readonly warmupSeconds: number;
  readonly seconds: number;
  readonly connections: number;
  readonly targetGrowthPercent: number;
  readonly rssOf: (pid: number | undefined) => { rssKiB: number; hwmKiB: number } | null;
  readonly log: (line: string) => void;
}

async function cacheStats(port: number): Promise<CacheStatsSnapshot | null> {
  try {
    // The cache's figures are details, shown to the admin key only (harness.ts sets it).
    const response = await fetch(`http://127.0.0.1:${port}/readyz`, { headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}` } });
    return ((await response.json()) as { estimateCache: CacheStatsSnapshot }).estimateCache;
  } catch {
    return null;
  }
}

/**
 * Drives the service with a repeating cycle of 20 requests: POST and GET estimates walking through
 * `pool` (more distinct requests than the cache holds, so it fills and then evicts), POST and GET
 * of a small hot set (cache hits), a conditional GET (304), a batch of 20 items with one bad item,
 * and a bad request of a rotating kind (400, 415, 404, 422). Runs `warmupSeconds`, then samples
 * VmRSS every second for `seconds`. Every answer's status is checked against the slot's.
 */
export async function soak(o: SoakOptions): Promise<SoakResult> {
  const { port, pid } = o.target;
  const post = (r: MixedRequest): Buffer => httpRequest(port, 'POST', '/v1/estimates', r.json);
  const get = (r: MixedRequest, extra = ''): Buffer => Buffer.from(`GET /v1/estimates?${r.query} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${extra}\r\n`, 'latin1');
  const hot0 = o.hot[0]!;
  const etagResponse = await fetch(`http://127.0.0.1:${port}/v1/estimates?${hot0.query}`);
  const etag = etagResponse.headers.get('etag');
  await etagResponse.arrayBuffer();
  if (etagResponse.status !== 200 || !etag) throw new Error(`soak: GET /v1/estimates answered ${etagResponse.status} without an ETag`);

  let walk = 0; // position in the pool, shared by the POST, GET and batch slots
  const nextPooled = (): MixedRequest => o.pool[walk++ % o.pool.length]!;
  let hotIndex = 0;
  const nextHot = (): MixedRequest => o.hot[hotIndex++ % o.hot.length]!;
  const BAD_KINDS: ReadonlyArray<{ expected: number; build: () => Buffer }> = [
    { expected: 400, build: () => httpRequest(port, 'POST', '/v1/estimates', '{"treatment":"skin-rejuvenation","sessions":99}') },
    { expected: 400, build: () => httpRequest(port, 'POST', '/v1/estimates', '{"treatment":') },
    { expected: 415, build: () => httpRequest(port, 'POST', '/v1/estimates', 'treatment=skin-rejuvenation', 'text/plain') },
    { expected: 404, build: () => httpRequest(port, 'GET', '/v1/no-such-thing') },
    { expected: 422, build: () => httpRequest(port, 'POST', '/v1/estimates', '{"treatment":"no-such-treatment"}') },
    { expected: 400, build: () => httpRequest(port, 'POST', '/v1/estimates/batch', '{"items":[]}') },
  ];
  let badIndex = 0;
  const badSlot = (): Slot => {
    const bad = BAD_KINDS[badIndex++ % BAD_KINDS.length]!;
    return { name: `bad request (${bad.expected})`, expected: bad.expected, build: bad.build };
  };
  // The cycle, by slot: a function gives the slot for this turn (the bad request rotates).
  const cycle: ReadonlyArray<() => Slot> = [
    ...Array.from({ length: 8 }, () => (): Slot => ({ name: 'POST estimate (walk)', expected: 200, build: () => post(nextPooled()) })),
    ...Array.from({ length: 4 }, () => (): Slot => ({ name: 'GET estimate (walk)', expected: 200, build: () => get(nextPooled()) })),
    ...Array.from({ length: 3 }, () => (): Slot => ({ name: 'POST estimate (hot)', expected: 200, build: () => post(nextHot()) })),
    ...Array.from({ length: 2 }, () => (): Slot => ({ name: 'GET estimate (hot)', expected: 200, build: () => get(nextHot()) })),
    (): Slot => ({ name: 'GET estimate, If-None-Match', expected: 304, build: () => get(hot0, `If-None-Match: ${etag}\r\n`) }),
    (): Slot => ({
      name: 'POST batch, 20 items, one bad',
      expected: 200,
      build: () => {
        const items = Array.from({ length: 19 }, () => nextPooled().json);
        items.splice(7, 0, '{"treatment":"no-such-treatment"}');
        return httpRequest(port, 'POST', '/v1/estimates/batch', `{"items":[${items.join(',')}]}`);
      },
    }),
    badSlot,
  ];
  const workload = [
    { slot: 'POST /v1/estimates, walking the pool', perCycle: 8, expectedStatus: 200 },
    { slot: 'GET /v1/estimates?..., walking the pool', perCycle: 4, expectedStatus: 200 },
    { slot: 'POST /v1/estimates, hot set', perCycle: 3, expectedStatus: 200 },
    { slot: 'GET /v1/estimates?..., hot set', perCycle: 2, expectedStatus: 200 },
    { slot: 'GET /v1/estimates?... with If-None-Match', perCycle: 1, expectedStatus: 304 },
    { slot: 'POST /v1/estimates/batch, 19 pool items and 1 unknown treatment', perCycle: 1, expectedStatus: 200 },
    { slot: `bad request, rotating: ${BAD_KINDS.map((b) => b.expected).join(', ')}`, perCycle: 1, expectedStatus: 0 },
  ];
  const CYCLE = cycle.length;

  let measuring = false;
  let stop = false;
  let sequence = 0;
  let measuredRequests = 0;
  let socketErrors = 0;
  /** New connections after an answer with `Connection: close` (the service closes after a malformed body). */
  let reconnects = 0;
  const statusCounts: Record<string, number> = {};
  const countsBySlot: Record<string, number> = {};
  const unexpectedExamples: string[] = [];
  let unexpected = 0;
  let serverErrors5xx = 0;

  const worker = async (): Promise<void> => {
    let connection = await KeepAliveConnection.open(port);
    while (!stop) {
      if (!connection.reusable) {
        connection.close();
        connection = await KeepAliveConnection.open(port);
        if (measuring) reconnects += 1;
      }
      const k = sequence++;
      const slot = cycle[k % CYCLE]!();
      const raw = slot.build();
      const counted = measuring;
      try {
        const response = await connection.request(raw);
        if (!counted) continue;
        measuredRequests += 1;
        statusCounts[response.status] = (statusCounts[response.status] ?? 0) + 1;
        countsBySlot[slot.name] = (countsBySlot[slot.name] ?? 0) + 1;
        if (response.status >= 500) serverErrors5xx += 1;
        if (response.status !== slot.expected) {
          unexpected += 1;
          if (unexpectedExamples.length < 5) unexpectedExamples.push(`${slot.name}: expected ${slot.expected}, got ${response.status}: ${response.body.toString('utf8').slice(0, 200)}`);
        }
      } catch (error) {
        if (stop) break;
        if (counted) {
          socketErrors += 1;
          if (unexpectedExamples.length < 5) unexpectedExamples.push(`${slot.name}: ${String(error)}`);
        }
        connection.close();
        connection = await KeepAliveConnection.open(port);
      }
    }
    connection.close();
  };

  o.log(`  soak: ${o.connections} connections, ${o.warmupSeconds}s warm-up, then ${o.seconds}s measured, VmRSS sampled every second`);
  const workers = Array.from({ length: o.connections }, () => worker());
  await new Promise((r) => setTimeout(r, o.warmupSeconds * 1000));

  // The measured window.
  const cacheAtStart = await cacheStats(port);
  const samples: MemorySample[] = [];
  const t0 = Date.now();
  const sample = (): void => {
    const m = o.rssOf(pid);
    if (m) samples.push({ t: Number(((Date.now() - t0) / 1000).toFixed(2)), rssKiB: m.rssKiB });
  };
  measuring = true;
  sample();
  let lastLogged = 0;
  let requestsAtLastLog = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      sample();
      const elapsed = (Date.now() - t0) / 1000;
      if (elapsed - lastLogged >= 10 - 0.5 || elapsed >= o.seconds - 0.05) {
        const last = samples[samples.length - 1];
        o.log(`  soak t=${elapsed.toFixed(0).padStart(3)}s  RSS ${last ? (last.rssKiB / 1024).toFixed(1) : 'n/a'} MiB  ${Math.round((measuredRequests - requestsAtLastLog) / (elapsed - lastLogged)).toLocaleString('en-US')} req/s  unexpected ${unexpected}  socket errors ${socketErrors}  load ${(loadavg()[0] ?? 0).toFixed(2)}`);
        lastLogged = elapsed;
        requestsAtLastLog = measuredRequests;
      }
      if (elapsed >= o.seconds - 0.05) {
        clearInterval(timer);
        resolve();
      }
    }, 1000);
  });
  measuring = false;
  const measuredSeconds = (Date.now() - t0) / 1000;
  const cacheAtEnd = await cacheStats(port);
  stop = true;
  await Promise.all(workers);

  const rss = samples.map((s) => s.rssKiB);
  const startRssKiB = rss[0] ?? NaN;
  const endRssKiB = rss[rss.length - 1] ?? NaN;
  const growthPercent = ((endRssKiB - startRssKiB) / startRssKiB) * 100;
  const tenth = Math.max(1, Math.min(10, samples.length >> 1));
  const medianGrowthPercent = (median(rss.slice(-tenth)) / median(rss.slice(0, tenth)) - 1) * 100;
  const meanT = samples.reduce((sum, x) => sum + x.t, 0) / samples.length;
  const meanR = rss.reduce((sum, x) => sum + x, 0) / rss.length;
  const slopeKiBPerS = samples.reduce((sum, x) => sum + (x.t - meanT) * (x.rssKiB - meanR), 0) / samples.reduce((sum, x) => sum + (x.t - meanT) ** 2, 0);
  const slopeMiBPerMinute = (slopeKiBPerS * 60) / 1024;
  const valid = unexpected === 0 && socketErrors === 0 && serverErrors5xx === 0 && measuredRequests > 0 && samples.length >= 2;
  return {
    warmupSeconds: o.warmupSeconds,
    seconds: measuredSeconds,
    connections: o.connections,
    distinctRequests: o.pool.length,
    hotRequests: o.hot.length,
    workload,
    samples,
    startRssKiB,
    endRssKiB,
    maxRssKiB: Math.max(...rss),
    minRssKiB: Math.min(...rss),
    growthPercent,
    medianGrowthPercent,
    slopeMiBPerMinute,
    peakRssKiB: o.rssOf(pid)?.hwmKiB ?? null,
    requestsMeasured: measuredRequests,
    reqPerSec: measuredRequests / measuredSeconds,
    statusCounts,
    countsBySlot,
    unexpected,
    unexpectedExamples,
    serverErrors5xx,
    socketErrors,
    reconnectsAfterConnectionClose: reconnects,
    cacheAtStart,
    cacheAtEnd,
    loadAverage1m: Number((loadavg()[0] ?? 0).toFixed(2)),
    target: o.targetGrowthPercent,
    pass: valid && growthPercent < o.targetGrowthPercent,
    valid,
  };
}

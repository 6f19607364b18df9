// Used by scripts/bench.ts: (1) 1,000 estimates in one POST /v1/estimates/batch against the same
// 1,000 as single POST /v1/estimates calls, side by side, and (2) resident memory of the service
// over a sustained mixed workload after a warm-up.
//
// The load comes from a minimal HTTP/1.1 keep-alive client on raw sockets (KeepAliveConnection):
// requests are pre-built buffers, pipelining 1, responses framed by Content-Length. It costs the
// client far less CPU per request than node:http or fetch, as autocannon does, so the singles are
// sent as fast as this machine can and the batch/singles ratio is not flattered by a slow client.
// Unlike autocannon's per-connection request cycling, it sends each of the 1,000 requests exactly
// once, from a shared queue, and keeps every answer so that they can be compared.
import { connect, type Socket } from 'node:net';
import { loadavg } from 'node:os';
import type { CityTierId, PractitionerId } from '../src/data/schema.js';
import type { Catalog } from '../src/domain/catalog.js';
import { estimate } from '../src/domain/estimate.js';
import { canonicalKey, type CacheStats } from '../src/http/estimate-cache.js';
import { EstimateQuerySchema, EstimateRequestSchema, requestFromBody, requestFromQuery } from '../src/http/schemas.js';
import { pick, prng } from './bench-engine.js';

// ---------------------------------------------------------------------------------------------
// Requests: distinct, valid, deterministic

const CITY_TIERS: readonly CityTierId[] = ['major-metro', 'city', 'town'];
const PRACTITIONERS: readonly PractitionerId[] = ['non-physician', 'physician', 'specialist'];
const CURRENCIES: readonly (string | undefined)[] = [undefined, undefined, undefined, undefined, 'USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'INR'];
const PERCENTS = ['5', '8', '10', '12.5', '15', '20', '25'];

/** An estimate request as a client sends it: the POST body's JSON and the same request as a GET query. */
export interface MixedRequest {
  /** JSON of the POST /v1/estimates body (and of the batch item). */
  readonly json: string;
  /** Query string of the GET /v1/estimates equivalent (package figures dropped: GET takes the kind alone). */
  readonly query: string;
}

function packageBody(random: () => number): Record<string, unknown> | undefined {
  const r = random();
  if (r < 0.35) return undefined;
  if (r < 0.45) return { kind: 'none' };
  if (r < 0.55) return { kind: 'prepaid-course' };
  if (r < 0.65) return { kind: 'prepaid-course', discountPercent: pick(PERCENTS, random) };
  if (r < 0.75) return { kind: 'buy-n-get-m' };
  if (r < 0.85) {
    const buy = 2 + Math.floor(random() * 7);
    return { kind: 'buy-n-get-m', buy, free: 1 + Math.floor(random() * (buy - 1)) };
  }
  return random() < 0.5 ? { kind: 'new-patient' } : { kind: 'new-patient', discountPercent: pick(PERCENTS, random) };
}

function queryOfBody(body: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    if (key === 'areas') params.set(key, (value as string[]).join(','));
    else if (key === 'package') params.set(key, (value as { kind: string }).kind);
    else params.set(key, String(value));
  }
  return params.toString().replaceAll('%2C', ',');
}

/**
 * `count` distinct requests (distinct as the service keys its cache: canonical request and data
 * version) over every treatment, area subsets, countries, city tiers, practitioners, fixed session
 * counts, output currencies and package deals. Each POST body passes the HTTP schema and the
 * engine, and so does its GET form. Deterministic for a seed.
 */
export function mixedRequests(catalog: Catalog, count: number, seed: number): MixedRequest[] {
  const random = prng(seed);
  const treatments = [...catalog.treatments.values()];
  const countries = [...catalog.countries.keys()];
  const seen = new Set<string>();
  const out: MixedRequest[] = [];
  for (let attempt = 0; out.length < count && attempt < count * 20; attempt += 1) {
    const treatment = pick(treatments, random);
    const areaCount = Math.min(treatment.allowedAreas.length, 1 + Math.floor(random() * 3));
    const areas = [...treatment.allowedAreas].sort(() => random() - 0.5).slice(0, areaCount);
    const sessions = random() < 0.35 ? 1 + Math.floor(random() * 12) : undefined;
    const currency = pick(CURRENCIES, random);
    const pkg = packageBody(random);
    const body: Record<string, unknown> = {
      treatment: treatment.id,
      ...(random() < 0.2 ? {} : { areas }),
      country: pick(countries, random),
      cityTier: pick(CITY_TIERS, random),
      practitioner: pick(PRACTITIONERS, random),
      ...(sessions === undefined ? {} : { sessions }),
      ...(currency === undefined ? {} : { currency }),
      ...(pkg === undefined ? {} : { package: pkg }),
    };
    const parsed = EstimateRequestSchema.safeParse(body);
    if (!parsed.success) continue;
    const request = requestFromBody(parsed.data);
    const key = canonicalKey(request, catalog.version);
    if (seen.has(key)) continue;
    const query = queryOfBody(body);
    const parsedQuery = EstimateQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query)));
    if (!parsedQuery.success) continue;
    try {
      estimate(request, catalog);
      estimate(requestFromQuery(parsedQuery.data), catalog);
    } catch {
      continue; // e.g. a currency without a rate: only answerable requests here
    }
    seen.add(key);
    out.push({ json: JSON.stringify(body), query });
  }
  if (out.length < count) throw new Error(`could only build ${out.length} distinct requests of ${count}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// A keep-alive HTTP/1.1 connection on a raw socket: one request in flight, Content-Length framing.

export interface RawResponse {
  readonly status: number;
  readonly body: Buffer;
  /** The server said `Connection: close`: no further request may go on this connection. */
  readonly close: boolean;
}

export function httpRequest(port: number, method: 'GET' | 'POST', path: string, body?: string, contentType = 'application/json'): Buffer {
  const host = `Host: 127.0.0.1:${port}\r\n`;
  if (body === undefined) return Buffer.from(`${method} ${path} HTTP/1.1\r\n${host}\r\n`, 'latin1');
  const payload = Buffer.from(body, 'utf8');
  const head = Buffer.from(`${method} ${path} HTTP/1.1\r\n${host}Content-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`, 'latin1');
  return Buffer.concat([head, payload]);
}

const HEAD_END = Buffer.from('\r\n\r\n');
const REQUEST_TIMEOUT_MS = 30_000;

export class KeepAliveConnection {
  private pending: Buffer = Buffer.alloc(0);
  private head: { status: number; length: number; close: boolean } | null = null;
  private bodyChunks: Buffer[] = [];
  private bodyBytes = 0;
  private waiter: { resolve: (r: RawResponse) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private failure: Error | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('connection closed by the server')));
  }

  static open(port: number): Promise<KeepAliveConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => {
        socket.removeListener('error', reject);
        resolve(new KeepAliveConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** False once the connection failed or the server answered `Connection: close`. */
  get reusable(): boolean {
    return this.failure === null && !this.closing;
  }

  private closing = false;

  request(raw: Buffer): Promise<RawResponse> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new Error('the server closed this connection (Connection: close)'));
    if (this.waiter) return Promise.reject(new Error('one request at a time on a connection'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
      this.waiter = { resolve, reject, timer };
      this.socket.write(raw);
    });
  }

  close(): void {
    this.failure ??= new Error('connection closed by the client');
    this.socket.destroy();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.socket.destroy();
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }

  private onData(chunk: Buffer): void {
    if (!this.head) {
      this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
      const end = this.pending.indexOf(HEAD_END);
      if (end < 0) return;
      const lines = this.pending.subarray(0, end).toString('latin1').split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(lines[0] ?? '')?.[1] ?? NaN);
      let length: number | null = null;
      let close = false;
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        if (name === 'content-length') length = Number(line.slice(colon + 1).trim());
        if (name === 'connection' && line.slice(colon + 1).trim().toLowerCase() === 'close') close = true;
        if (name === 'transfer-encoding') return this.fail(new Error('chunked responses are not handled by this client'));
      }
      if (!Number.isFinite(status)) return this.fail(new Error(`not an HTTP/1.1 status line: ${lines[0]}`));
      if (length === null) {
        if (status === 304 || status === 204) length = 0;
        else return this.fail(new Error(`status ${status} without Content-Length`));
      }
      this.head = { status, length, close };
      const rest = this.pending.subarray(end + HEAD_END.length);
      this.pending = Buffer.alloc(0);
      this.bodyChunks = rest.length ? [rest] : [];
      this.bodyBytes = rest.length;
    } else {
      this.bodyChunks.push(chunk);
      this.bodyBytes += chunk.length;
    }
    if (this.bodyBytes < this.head.length) return;
    if (this.bodyBytes > this.head.length) return this.fail(new Error('more bytes than Content-Length (pipelining is 1)'));
    const body = this.bodyChunks.length === 1 ? (this.bodyChunks[0] as Buffer) : Buffer.concat(this.bodyChunks, this.bodyBytes);
    const { status, close } = this.head;
    this.head = null;
    if (close) this.closing = true;
    this.bodyChunks = [];
    this.bodyBytes = 0;
    const waiter = this.waiter;
    this.waiter = null;
    if (!waiter) return this.fail(new Error('an answer nobody asked for'));
    clearTimeout(waiter.timer);
    waiter.resolve({ status, body, close });
  }
}

async function openPool(port: number, size: number): Promise<KeepAliveConnection[]> {
  return Promise.all(Array.from({ length: size }, () => KeepAliveConnection.open(port)));
}

// ---------------------------------------------------------------------------------------------
// Batch against singles

export interface Target {
  readonly name: string;
  readonly port: number;
  readonly pid: number | undefined;
}

export interface TimedRun {
  readonly ms: number;
  /** CPU seconds the server used during the run, from /proc (10 ms ticks: coarse for one run). */
  readonly serverCpuSeconds: number | null;
  /** CPU seconds this process (the client) used during the run. */
  readonly clientCpuSeconds: number;
  readonly loadAverage1m: number;
}

export interface BatchVsSinglesResult {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly items: number;
  readonly connections: number;
  readonly repetitions: number;
  readonly batch: readonly TimedRun[];
  readonly singles: readonly TimedRun[];
  readonly batchMs: number;
  readonly singlesMs: number;
  /** median(singles ms) / median(batch ms) */
  readonly ratio: number;
  readonly perRepetitionRatios: readonly number[];
  /** The same ratio on server CPU seconds summed over the repetitions (robust to other load). */
  readonly cpuRatio: number | null;
  readonly batchResponseBytes: number;
  readonly singlesResponseBytes: number;
  readonly target: number;
  readonly pass: boolean;
  /** The batch's answer was byte-equal to the single answers joined, item for item. */
  readonly itemsByteEqual: boolean;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The 1,000 requests as single POSTs over `connections` keep-alive connections, each sent once. */
async function runSingles(target: Target, requests: readonly Buffer[], connections: number, cpu: (pid: number | undefined) => number | null): Promise<{ run: TimedRun; responses: RawResponse[] }> {
  const pool = await openPool(target.port, Math.min(connections, requests.length));
  const responses = new Array<RawResponse>(requests.length);
  let next = 0;
  try {
    const cpu0 = cpu(target.pid);
    const self0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    await Promise.all(
      pool.map(async (connection) => {
        while (next < requests.length) {
          const i = next++;
          responses[i] = await connection.request(requests[i] as Buffer);
        }
      }),
    );
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu1 = cpu(target.pid);
    const self = process.cpuUsage(self0);
    return { run: { ms, serverCpuSeconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, clientCpuSeconds: (self.user + self.system) / 1e6, loadAverage1m: Number((loadavg()[0] ?? 0).toFixed(2)) }, responses };
  } finally {
    pool.forEach((c) => c.close());
  }
}

/** One POST /v1/estimates/batch with every item, on a keep-alive connection opened beforehand. */
async function runBatch(target: Target, request: Buffer, cpu: (pid: number | undefined) => number | null): Promise<{ run: TimedRun; response: RawResponse }> {
  const [connection] = await openPool(target.port, 1);
  try {
    const cpu0 = cpu(target.pid);
    const self0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const response = await connection!.request(request);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu1 = cpu(target.pid);
    const self = process.cpuUsage(self0);
    return { run: { ms, serverCpuSeconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, clientCpuSeconds: (self.user + self.system) / 1e6, loadAverage1m: Number((loadavg()[0] ?? 0).toFixed(2)) }, response };
  } finally {
    connection!.close();
  }
}

function requireOk(what: string, responses: readonly RawResponse[]): void {
  const bad = responses.findIndex((r) => r.status !== 200);
  if (bad >= 0) throw new Error(`${what}: request ${bad} answered ${responses[bad]!.status}: ${responses[bad]!.body.toString('utf8').slice(0, 300)}`);
}

/**
 * Fails loudly unless the batch answer is byte for byte `{"results":[` + the single answers joined
 * by commas + `]}`, i.e. every item's JSON is byte-equal to the single call's. On a difference it
 * names the first item that differs.
 */
export function checkBatchEqualsSingles(what: string, batch: RawResponse, singles: readonly RawResponse[]): void {
  requireOk(`${what}, singles`, singles);
  requireOk(`${what}, batch`, [batch]);
  const expected = Buffer.concat([Buffer.from('{"results":['), ...singles.flatMap((s, i) => (i === 0 ? [s.body] : [Buffer.from(','), s.body])), Buffer.from(']}')]);
  if (expected.equals(batch.body)) return;
  // Say which item differs.
  let detail = `the batch body (${batch.body.length} bytes) differs from the singles joined (${expected.length} bytes)`;
  try {
    const results = (JSON.parse(batch.body.toString('utf8')) as { results: unknown[] }).results;
    if (results.length !== singles.length) detail += `; ${results.length} results for ${singles.length} items`;
    const i = results.findIndex((r, k) => JSON.stringify(r) !== singles[k]!.body.toString('utf8'));
    if (i >= 0) detail += `; first differing item: ${i}\n  batch:  ${JSON.stringify(results[i]).slice(0, 400)}\n  single: ${singles[i]!.body.toString('utf8').slice(0, 400)}`;
  } catch (error) {
    detail += `; the batch body is not JSON: ${String(error)}`;
  }
  throw new Error(`${what}: batch answers are not byte-equal to the single answers: ${detail}`);
}

export interface BatchVsSinglesOptions {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly target: Target;
  readonly requests: readonly MixedRequest[];
  readonly repetitions: number;
  readonly connections: number;
  readonly targetRatio: number;
  readonly cpuSecondsOf: (pid: number | undefined) => number | null;
  readonly log: (line: string) => void;
}

/**
 * First an unmeasured pass (singles, then the batch) whose answers are compared byte for byte: it
 * also warms the JIT, and on a caching service fills the cache with the 1,000 answers. Then
 * `repetitions` measured pairs, alternating which of batch and singles goes first.
 */
export async function batchVsSingles(o: BatchVsSinglesOptions): Promise<BatchVsSinglesResult> {
  const { port } = o.target;
  const singleRequests = o.requests.map((r) => httpRequest(port, 'POST', '/v1/estimates', r.json));
  const batchRequest = httpRequest(port, 'POST', '/v1/estimates/batch', `{"items":[${o.requests.map((r) => r.json).join(',')}]}`);

  const first = await runSingles(o.target, singleRequests, o.connections, o.cpuSecondsOf);
  const firstBatch = await runBatch(o.target, batchRequest, o.cpuSecondsOf);
  checkBatchEqualsSingles(o.title, firstBatch.response, first.responses);
  o.log(`  ${o.id}: check passed, the batch's ${o.requests.length} results are byte-equal to the ${o.requests.length} single answers (${firstBatch.response.body.length} bytes); unmeasured pass: singles ${first.run.ms.toFixed(0)} ms, batch ${firstBatch.run.ms.toFixed(0)} ms`);
  const batchResponseBytes = firstBatch.response.body.length;
  const singlesResponseBytes = first.responses.reduce((sum, r) => sum + r.body.length, 0);

  const batch: TimedRun[] = [];
  const singles: TimedRun[] = [];
  for (let rep = 0; rep < o.repetitions; rep += 1) {
    const order: Array<'batch' | 'singles'> = rep % 2 === 0 ? ['batch', 'singles'] : ['singles', 'batch'];
    const line: string[] = [];
    for (const which of order) {
      if (which === 'batch') {
        const { run, response } = await runBatch(o.target, batchRequest, o.cpuSecondsOf);
        requireOk(`${o.title}, batch`, [response]);
        if (response.body.length !== batchResponseBytes) throw new Error(`${o.title}: the batch answer changed size (${response.body.length} bytes, first ${batchResponseBytes})`);
        batch.push(run);
        line.push(`batch ${run.ms.toFixed(1).padStart(7)} ms (client CPU ${Math.round((run.clientCpuSeconds * 1000 * 100) / run.ms)}%)`);
      } else {
        const { run, responses } = await runSingles(o.target, singleRequests, o.connections, o.cpuSecondsOf);
        requireOk(`${o.title}, singles`, responses);
        singles.push(run);
        line.push(`singles ${run.ms.toFixed(1).padStart(7)} ms (client CPU ${Math.round((run.clientCpuSeconds * 1000 * 100) / run.ms)}%)`);
      }
    }
    const b = batch[batch.length - 1]!.ms;
    const s = singles[singles.length - 1]!.ms;
    o.log(`  ${o.id} rep ${rep + 1}/${o.repetitions}  ${line.join('  ')}  singles/batch ${(s / b).toFixed(2).padStart(6)}  load ${(loadavg()[0] ?? 0).toFixed(2)}`);
  }
  const batchMs = median(batch.map((r) => r.ms));
  const singlesMs = median(singles.map((r) => r.ms));
  const ratio = singlesMs / batchMs;
  const cpuSum = (runs: readonly TimedRun[]): number | null => (runs.every((r) => r.serverCpuSeconds !== null) ? runs.reduce((sum, r) => sum + (r.serverCpuSeconds ?? 0), 0) : null);
  const batchCpu = cpuSum(batch);
  const singlesCpu = cpuSum(singles);
  return {
    id: o.id,
    title: o.title,
    note: o.note,
    items: o.requests.length,
    connections: o.connections,
    repetitions: o.repetitions,
    batch,
    singles,
    batchMs,
    singlesMs,
    ratio,
    perRepetitionRatios: singles.map((s, i) => s.ms / (batch[i]?.ms ?? NaN)),
    cpuRatio: batchCpu && singlesCpu !== null ? singlesCpu / batchCpu : null,
    batchResponseBytes,
    singlesResponseBytes,
    target: o.targetRatio,
    pass: ratio >= o.targetRatio,
    itemsByteEqual: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Memory over a sustained mixed workload

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
    const response = await fetch(`http://127.0.0.1:${port}/readyz`);
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

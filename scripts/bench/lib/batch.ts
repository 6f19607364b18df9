// 1,000 estimates in one POST /v1/estimates/batch against the same 1,000 as single POST
// /v1/estimates calls on keep-alive connections, each sent once from a shared queue; wall clock
// from the first byte sent to the last answer, connections opened beforehand. An unmeasured first
// pass checks that the batch's answer is byte for byte the single answers joined.
import { loadavg } from 'node:os';
import { httpRequest, openPool, type RawResponse } from './keep-alive.js';
import type { MixedRequest } from './requests.js';
import { median } from './stats.js';

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

/** A service to measure against, from a started child process. */
export function targetOf(child: { name: string; port: number; proc: { pid?: number | undefined } }): Target {
  return { name: child.name, port: child.port, pid: child.proc.pid };
}

/** The summary line of one comparison: the ratio, both medians, the spread and the ratio on server CPU. */
export function batchMeasured(r: BatchVsSinglesResult): string {
  const spread = `${Math.min(...r.perRepetitionRatios).toFixed(1)}-${Math.max(...r.perRepetitionRatios).toFixed(1)}x`;
  return `${r.ratio.toFixed(2)}x (singles ${r.singlesMs.toFixed(1)} ms, batch ${r.batchMs.toFixed(1)} ms; repetitions ${spread}; per server CPU-s ${r.cpuRatio === null ? 'n/a' : `${r.cpuRatio.toFixed(2)}x`}; ${r.batchResponseBytes.toLocaleString('en-US')} bytes)`;
}

// A route against a bare server sending the same answer: autocannon in this process, one target
// at a time, rounds alternating which goes first, each run after its own warm-up; medians.
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import type { Child } from './processes.js';
import { cpuSecondsOf } from './processes.js';
import { fmtInt, median, pct } from './stats.js';

export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export const JSON_HEADERS = { 'content-type': 'application/json' };

export interface Run {
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

/** autocannon on `target` for `seconds`, cycling `requests` on every connection, pipelining 1. */
export async function drive(target: Child, requests: readonly LoadRequest[], seconds: number, connections: number): Promise<Run> {
  const cpu0 = cpuSecondsOf(target.proc.pid);
  const self0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  const result = await autocannon({
    url: `http://127.0.0.1:${target.port}`,
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

export interface Side {
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

/** A route and the bare server it is measured against. */
export interface Versus {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly real: Child;
  readonly bare: Child;
  /** autocannon cycles through these, in order, on every connection, on both sides. */
  readonly requests: readonly LoadRequest[];
  /** Bytes of the answer the bare route sends. */
  readonly bareBodyBytes: number;
}

export interface VersusResult {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  readonly distinctRequests: number;
  readonly bareBodyBytes: number;
  readonly real: Side;
  readonly bare: Side;
  /** median real req/s / median bare req/s */
  readonly ratio: number;
  /** The same ratio on requests per server CPU second: robust to other load on the machine. */
  readonly cpuRatio: number | null;
  readonly perRoundRatios: number[];
  /** Any non-2xx answer or socket error makes the figures meaningless. */
  readonly valid: boolean;
}

export interface VersusSettings {
  readonly rounds: number;
  readonly warmupS: number;
  readonly durationS: number;
  readonly connections: number;
}

/** `rounds` rounds, alternating real-then-bare and bare-then-real; each run after its own warm-up. */
export async function versusBare(v: Versus, o: VersusSettings, log: (line: string) => void): Promise<VersusResult> {
  const realRuns: Run[] = [];
  const bareRuns: Run[] = [];
  for (let round = 0; round < o.rounds; round += 1) {
    const order: Array<'real' | 'bare'> = round % 2 === 0 ? ['real', 'bare'] : ['bare', 'real'];
    for (const which of order) {
      const child = which === 'real' ? v.real : v.bare;
      await drive(child, v.requests, o.warmupS, o.connections);
      const run = await drive(child, v.requests, o.durationS, o.connections);
      (which === 'real' ? realRuns : bareRuns).push(run);
      log(
        `  ${v.id} round ${round + 1}/${o.rounds} ${which.padEnd(4)} ${fmtInt(run.reqPerSec).padStart(8)} req/s  p99 ${String(run.p99Ms).padStart(4)} ms  server CPU ${pct(run.serverCpuShare)} of a core, ` +
          `${fmtInt(run.reqPerServerCpuSecond ?? NaN).padStart(6)} req per CPU-s; autocannon ${pct(run.loadGeneratorCpuShare)}; load ${run.loadAverage1m}${run.non2xx || run.errors ? `  (${run.non2xx} non-2xx, ${run.errors} errors)` : ''}`,
      );
    }
  }
  const real = side(realRuns);
  const bare = side(bareRuns);
  const cpuRatio = real.reqPerServerCpuSecond !== null && bare.reqPerServerCpuSecond !== null ? real.reqPerServerCpuSecond / bare.reqPerServerCpuSecond : null;
  return {
    id: v.id,
    title: v.title,
    note: v.note,
    distinctRequests: v.requests.length,
    bareBodyBytes: v.bareBodyBytes,
    real,
    bare,
    ratio: real.reqPerSec / bare.reqPerSec,
    cpuRatio,
    perRoundRatios: realRuns.map((r, i) => r.reqPerSec / (bareRuns[i]?.reqPerSec ?? NaN)),
    valid: [...realRuns, ...bareRuns].every((r) => r.non2xx === 0 && r.errors === 0 && r.requests > 0),
  };
}

/** One line for the summary: the ratio, both sides' req/s and p99, and the ratio per CPU-s. */
export function versusMeasured(r: VersusResult): string {
  return `${r.ratio.toFixed(2)} (${fmtInt(r.real.reqPerSec)} vs ${fmtInt(r.bare.reqPerSec)} req/s; p99 ${r.real.p99Ms} vs ${r.bare.p99Ms} ms; per server CPU-s ${r.cpuRatio === null ? 'n/a' : r.cpuRatio.toFixed(2)})`;
}

// Resident memory under sustained mixed load: a fresh service with the default cache, driven over
// 32 keep-alive connections (estimates walking more distinct requests than the cache holds, a hot
// set, a 304, batches, bad requests of every kind) for a warm-up, then 60 s during which VmRSS is
// read every second. Growth is the last sample against the first; every answer must have the
// status its kind expects.
import type { Measurement, SummaryRow } from './lib/harness.js';
import { targetOf } from './lib/batch.js';
import { memoryOf, stopChild } from './lib/processes.js';
import { mixedRequests } from './lib/requests.js';
import { soak, type SoakResult } from './lib/soak.js';
import { fmtInt, signed } from './lib/stats.js';

const CONNECTIONS = 32;
/** Distinct requests walked: several times what the default cache holds (~3,600 estimates of ~9 KB in its 64 MiB). */
const POOL = 12_000;
/** A smoke run walks fewer (building each takes the engine twice). */
const QUICK_POOL = 2_000;
const HOT = 200;
const GOAL_PERCENT = 10;

export const soakMeasurement: Measurement<SoakResult> = {
  id: 'soak',
  title: 'resident memory over a sustained mixed workload',
  services: [],
  freshService: true,
  async run(ctx) {
    const pool = ctx.options.quick ? QUICK_POOL : POOL;
    const requests = mixedRequests(ctx.catalog, pool + HOT, 20_240_603);
    const service = await ctx.freshService('default', 'service, soak');
    try {
      ctx.log(`  a fresh service (default cache), ${pool.toLocaleString('en-US')} distinct requests walked${pool === POOL ? ' (more than the cache holds, so it fills and evicts)' : ''}, a hot set of ${HOT}, batches, 304s and bad requests`);
      const result = await soak({
        target: targetOf(service),
        hot: requests.slice(0, HOT),
        pool: requests.slice(HOT),
        warmupSeconds: ctx.options.soakWarmupS,
        seconds: ctx.options.soakS,
        connections: CONNECTIONS,
        targetGrowthPercent: GOAL_PERCENT,
        rssOf: memoryOf,
        log: ctx.log,
      });
      const mib = (kib: number): string => `${(kib / 1024).toFixed(1)} MiB`;
      ctx.log(`  RSS ${mib(result.startRssKiB)} -> ${mib(result.endRssKiB)} (min ${mib(result.minRssKiB)}, max ${mib(result.maxRssKiB)}), growth ${signed(result.growthPercent)}%, medians ${signed(result.medianGrowthPercent)}%, slope ${signed(result.slopeMiBPerMinute)} MiB/min`);
      ctx.log(`  ${fmtInt(result.requestsMeasured)} requests (${fmtInt(result.reqPerSec)} req/s); statuses ${Object.entries(result.statusCounts).map(([s, n]) => `${s}: ${fmtInt(n)}`).join(', ')}; unexpected ${result.unexpected}, 5xx ${result.serverErrors5xx}, socket errors ${result.socketErrors}`);
      for (const e of result.unexpectedExamples) ctx.log(`  unexpected: ${e}`);
      return result;
    } finally {
      await stopChild(service);
    }
  },
  summary: (r): SummaryRow[] => [
    {
      target: `RSS growth over ${r.seconds.toFixed(0)} s of mixed load after ${r.warmupSeconds} s warm-up`,
      measured: `${signed(r.growthPercent)}% (${(r.startRssKiB / 1024).toFixed(1)} -> ${(r.endRssKiB / 1024).toFixed(1)} MiB, max ${(r.maxRssKiB / 1024).toFixed(1)}; medians ${signed(r.medianGrowthPercent)}%)`,
      goal: `< ${GOAL_PERCENT}%`,
      result: !r.valid ? 'INVALID' : r.pass ? 'PASS' : 'FAIL',
    },
    {
      target: 'soak: unexpected statuses, 5xx, socket errors',
      measured: `${r.unexpected}, ${r.serverErrors5xx}, ${r.socketErrors} of ${fmtInt(r.requestsMeasured)} requests`,
      goal: '0, 0, 0',
      result: r.valid ? 'PASS' : 'FAIL',
    },
  ],
  invalid: (r) => !r.valid,
};

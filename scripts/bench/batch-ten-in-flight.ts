// Issue 14's batch target: 1,000 distinct uncached requests (cache-off service) as one batch call
// against the same 1,000 as single calls with 10 in flight, as a client without a large
// connection pool sends them.
import { batchMeasured, batchVsSingles, targetOf, type BatchVsSinglesResult } from './lib/batch.js';
import type { Measurement } from './lib/harness.js';
import { cpuSecondsOf } from './lib/processes.js';
import { mixedRequests } from './lib/requests.js';

const ITEMS = 1000;
const IN_FLIGHT = 10;
const GOAL = 10;

export const batchTenInFlight: Measurement<BatchVsSinglesResult> = {
  id: 'batch-10-in-flight',
  title: `${ITEMS} distinct uncached estimates: one batch vs ${ITEMS} single calls, ${IN_FLIGHT} in flight`,
  services: ['cache-off'],
  async run(ctx) {
    return batchVsSingles({
      id: 'batch-cold-10',
      title: `batch vs singles (${IN_FLIGHT} in flight), uncached`,
      note: `cache-off service; singles over ${IN_FLIGHT} keep-alive connections, one request in flight on each`,
      target: targetOf(await ctx.service('cache-off')),
      requests: mixedRequests(ctx.catalog, ITEMS, 20_241_204),
      repetitions: ctx.options.reps,
      connections: IN_FLIGHT,
      targetRatio: GOAL,
      cpuSecondsOf,
      log: ctx.log,
    });
  },
  summary: (r) => [{ target: `${r.title}: singles ms / batch ms`, measured: batchMeasured(r), goal: `>= ${GOAL}x`, result: r.pass ? 'PASS' : 'FAIL' }],
};

// 1,000 distinct estimates in one batch call against the same 1,000 as single calls over 50
// keep-alive connections: on the cache-off service (cold: every item runs the engine) and on the
// default service after an unmeasured pass filled its cache (warm). Each pass also checks that
// the batch's answer is byte for byte the single answers joined.
import { batchMeasured, batchVsSingles, targetOf, type BatchVsSinglesResult } from './lib/batch.js';
import type { Measurement, SummaryRow } from './lib/harness.js';
import { cpuSecondsOf } from './lib/processes.js';
import { mixedRequests } from './lib/requests.js';

const ITEMS = 1000;
const CONNECTIONS = 50;
const GOAL = 10;

export const batchVsSinglesMeasurement: Measurement<BatchVsSinglesResult[]> = {
  id: 'batch-vs-singles',
  title: `${ITEMS} estimates in one batch vs ${ITEMS} single calls over ${CONNECTIONS} connections, cold and warm cache`,
  services: ['cache-off', 'default'],
  async run(ctx) {
    const requests = mixedRequests(ctx.catalog, ITEMS, 20_240_602);
    const common = { requests, repetitions: ctx.options.reps, connections: CONNECTIONS, targetRatio: GOAL, cpuSecondsOf, log: ctx.log };
    return [
      await batchVsSingles({ ...common, id: 'batch-cold', title: `batch vs singles (${CONNECTIONS} connections), cold cache`, note: 'cache-off service: every batch item and every single call runs the engine', target: targetOf(await ctx.service('cache-off')) }),
      await batchVsSingles({ ...common, id: 'batch-warm', title: `batch vs singles (${CONNECTIONS} connections), warm cache`, note: 'default service, after one unmeasured pass put the answers in its cache', target: targetOf(await ctx.service('default')) }),
    ];
  },
  summary: (results) => [
    ...results.map((r): SummaryRow => ({ target: `${r.title}: singles ms / batch ms`, measured: batchMeasured(r), goal: `>= ${GOAL}x`, result: r.pass ? 'PASS' : 'FAIL' })),
    {
      target: 'batch results = single results, byte for byte',
      measured: results.map((r) => `${r.id}: ${r.items}/${r.items} equal`).join(', '),
      goal: 'all equal',
      result: results.every((r) => r.itemsByteEqual) ? 'PASS' : 'FAIL',
    },
  ],
};

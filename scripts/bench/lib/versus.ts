// A measurement of the estimate route against a bare Fastify route sending the service's own
// answer: the shape every "route vs bare" script shares, so each of them only says what to send.
import { fetchOnce, bareFor } from './bare.js';
import { versusBare, versusMeasured, type LoadRequest, type VersusResult } from './drive.js';
import type { BenchContext, Measurement, ServiceKind } from './harness.js';
import { stopChild } from './processes.js';

export interface Comparison {
  readonly id: string;
  readonly title: string;
  readonly note: string;
  /** autocannon cycles through these on every connection, on both sides. */
  readonly requests: readonly LoadRequest[];
  /** The request whose answer the bare route sends. */
  readonly reference: LoadRequest;
}

export interface VersusDefinition {
  readonly id: string;
  readonly title: string;
  readonly service: ServiceKind;
  /** What the bare route sends besides the body: the content-type alone, or every header the service sent. */
  readonly headers: 'content-type' | 'all';
  /** The service's req/s at least this share of the bare route's. */
  readonly goal: number;
  readonly comparisons: (ctx: BenchContext) => readonly Comparison[];
}

export function routeVersusBare(d: VersusDefinition): Measurement<VersusResult[]> {
  return {
    id: d.id,
    title: d.title,
    services: [d.service],
    async run(ctx) {
      const real = await ctx.service(d.service);
      const results: VersusResult[] = [];
      for (const c of d.comparisons(ctx)) {
        const { bare, reference } = await bareFor(c.id, real, c.reference, d.headers, ctx.options.workDir);
        try {
          const bytes = Buffer.byteLength((await fetchOnce(bare.port, c.reference)).body);
          const headers = Object.keys(reference.headers);
          const limits = headers.filter((h) => h.startsWith('ratelimit'));
          const sent = d.headers === 'all' ? `its ${bytes}-byte body and its headers but date and framing (${headers.length} in all, ${limits.length > 0 ? limits.join(', ') : 'no rate-limit headers'} among them)` : `its ${bytes}-byte body with its content-type`;
          ctx.log(`  ${c.title}: the bare route sends the service's answer, ${sent}; ${c.note}`);
          const o = ctx.options;
          results.push(await versusBare({ ...c, real, bare, bareBodyBytes: bytes }, { rounds: o.rounds, warmupS: o.warmupS, durationS: o.durationS, connections: o.connections }, ctx.log));
        } finally {
          await stopChild(bare);
        }
      }
      return results;
    },
    summary: (results) =>
      results.map((r) => ({
        target: r.title,
        measured: versusMeasured(r),
        goal: `>= ${d.goal}`,
        result: !r.valid ? 'INVALID' : r.ratio >= d.goal ? 'PASS' : 'FAIL',
      })),
    invalid: (results) => results.some((r) => !r.valid),
  };
}

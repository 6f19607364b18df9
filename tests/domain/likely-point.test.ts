// likely.ts against the exact reference (reference.ts: BigInt fractions, the CDF evaluated at its
// breakpoints and solved on the one linear piece that holds each percentile). The solver works in
// 40-digit decimals, so agreement is asked to 25 significant digits; point-priced bands (low =
// typical = high), a mode at either end of the band and point masses at 0 are pinned exactly.
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { baselineLikely, likelyPercentiles, perSessionLikely, quantile, quantiles, sessionWeights, type PriceBand, type SessionOutcome } from '../../src/domain/likely.js';
import { Dec, dec } from '../../src/domain/money.js';
import type { PackageSpec } from '../../src/domain/packages.js';
import { committedCatalog } from '../fixtures/committed-data.js';
import { P10, P50, P90, payable, q, quantileOf, weights, type Outcome, type Q, type RefPackage } from './reference.js';

const catalog = committedCatalog();

const Wide = Decimal.clone({ precision: 80 });
/** A value to 25 significant digits, for comparing with the 40-digit solver. */
function sig(v: Q | Decimal): string {
  const d = 'n' in v ? new Wide(v.n.toString()).div(v.d.toString()) : new Wide(v.toString());
  return d.toSignificantDigits(25).toString();
}

const bandOf = (low: string, typical: string, high: string): PriceBand => ({ low: dec(low), typical: dec(typical), high: dec(high) });
const refBand = (b: PriceBand) => ({ low: q(b.low), typical: q(b.typical), high: q(b.high) });
/** The outcomes as the engine holds them: 40-digit decimals (money.ts's Dec). */
const engineOutcomes = (o: Outcome[]): SessionOutcome[] => o.map((x) => ({ weight: new Dec(x.w.n.toString()).div(x.w.d.toString()), multiplier: new Dec(x.g.n.toString()).div(x.g.d.toString()) }));

function courseOutcomes(min: number, typical: number, max: number, pkg: RefPackage = { kind: 'none' }): Outcome[] {
  return weights(min, typical, max).map((c) => ({ w: c.w, g: payable(c.n, pkg) }));
}

function expectAgrees(band: PriceBand, outcomes: Outcome[], label: string): void {
  const got = likelyPercentiles(band, engineOutcomes(outcomes));
  const ref = refBand(band);
  expect([got.p10, got.p50, got.p90].map(sig), label).toEqual([P10, P50, P90].map((p) => sig(quantileOf(p, ref, outcomes))));
}

describe('a point-priced band: low = typical = high', () => {
  const point = bandOf('400', '400', '400');

  it('a fixed count: the price times the sessions paid, at every percentile', () => {
    expect(likelyPercentiles(point, [{ weight: dec(1), multiplier: dec(6) }])).toEqual({ p10: dec(2400), p50: dec(2400), p90: dec(2400) });
    const p = likelyPercentiles(point, [{ weight: dec(1), multiplier: dec('5.75') }]);
    expect([p.p10, p.p50, p.p90].map(String)).toEqual(['2300', '2300', '2300']);
  });

  it('the course range: the smallest total whose cumulative weight reaches each percentile', () => {
    // 2..9 sessions, mode 3: cumulative weights 0.111, 0.333, 0.524, 0.683, 0.810, 0.905, …
    const p = likelyPercentiles(point, engineOutcomes(courseOutcomes(2, 3, 9)));
    expect([p.p10, p.p50, p.p90].map(String)).toEqual(['800', '1600', '2800']);
    // 3..6 sessions, mode 5: cumulative 0.133, 0.4, 0.8, 1.
    const s = likelyPercentiles(point, engineOutcomes(courseOutcomes(3, 5, 6)));
    expect([s.p10, s.p50, s.p90].map(String)).toEqual(['1200', '2000', '2400']);
  });

  it('a percentile exactly on a step takes that step, not the next (cumulative weight 0.5 at 2 of 1..3 with mode 1 and max 3)', () => {
    // Weights on 1..3 with mode 2: 1/2, 1, 1/2, normalised 0.25, 0.5, 0.25: cumulative 0.25, 0.75, 1.
    const p = likelyPercentiles(point, engineOutcomes(courseOutcomes(1, 2, 3)));
    expect([p.p10, p.p50, p.p90].map(String)).toEqual(['400', '800', '1200']);
    // Two outcomes of weight 0.5: the median is the first, not the second.
    const half = likelyPercentiles(point, [
      { weight: dec('0.5'), multiplier: dec(1) },
      { weight: dec('0.5'), multiplier: dec(2) },
    ]);
    expect([half.p10, half.p50, half.p90].map(String)).toEqual(['400', '400', '800']);
  });

  it('agrees with the reference for packages over the course range', () => {
    for (const pkg of [{ kind: 'buy-n-get-m', buy: 2, free: 1 }, { kind: 'prepaid-course', percent: '12' }, { kind: 'new-patient', percent: '20' }] as RefPackage[]) {
      expectAgrees(point, courseOutcomes(4, 8, 10, pkg), JSON.stringify(pkg));
    }
  });

  it('the per-session range of a point band is the point', () => {
    expect(perSessionLikely(point)).toEqual({ p10: dec(400), p50: dec(400), p90: dec(400) });
  });
});

describe('the likely range equals the reference\'s exact percentiles', () => {
  it('a mode at either end of the band, and a band with both halves', () => {
    for (const b of [bandOf('250', '250', '600'), bandOf('250', '600', '600'), bandOf('200', '350', '500'), bandOf('100', '101', '1000')]) {
      for (const [min, typical, max] of [[1, 1, 1], [3, 5, 6], [4, 8, 10], [4, 4, 9], [2, 7, 7]] as const) {
        expectAgrees(b, courseOutcomes(min, typical, max), `${b.low}/${b.typical}/${b.high} ${min}-${typical}-${max}`);
      }
    }
  });

  it('a point mass at 0 beside priced outcomes', () => {
    const outcomes: Outcome[] = [
      { w: q('0.3'), g: q(0) },
      { w: q('0.7'), g: q(2) },
    ];
    expectAgrees(bandOf('100', '200', '300'), outcomes, 'mass at 0');
    const all0 = likelyPercentiles(bandOf('100', '200', '300'), [{ weight: dec(1), multiplier: dec(0) }]);
    expect([all0.p10, all0.p50, all0.p90].map(String)).toEqual(['0', '0', '0']);
  });

  it('generated bands, course ranges and packages (fast-check)', () => {
    const arb = fc.record({
      low: fc.integer({ min: 1, max: 900 }),
      up1: fc.integer({ min: 0, max: 1000 }),
      up2: fc.integer({ min: 0, max: 500 }),
      min: fc.integer({ min: 1, max: 8 }),
      toTypical: fc.integer({ min: 0, max: 5 }),
      toMax: fc.integer({ min: 0, max: 6 }),
      pkg: fc.oneof(
        fc.constant<RefPackage>({ kind: 'none' }),
        fc.record({ kind: fc.constant('prepaid-course' as const), percent: fc.integer({ min: 0, max: 100 }).map(String) }),
        fc.record({ kind: fc.constant('new-patient' as const), percent: fc.integer({ min: 0, max: 100 }).map(String) }),
        fc.integer({ min: 1, max: 4 }).chain((free) => fc.integer({ min: free + 1, max: 8 }).map((buy): RefPackage => ({ kind: 'buy-n-get-m', buy, free }))),
      ),
    });
    fc.assert(
      fc.property(arb, (c) => {
        // high >= 2 × low, as every band in the catalog (see the known fault below for narrower ones).
        const high = Math.max(c.low + c.up1 + c.up2, 2 * c.low + c.up2);
        const b = bandOf(String(c.low), String(c.low + c.up1), String(high));
        expectAgrees(b, courseOutcomes(c.min, c.min + c.toTypical, c.min + c.toTypical + c.toMax, c.pkg), JSON.stringify(c));
      }),
      { numRuns: 150 },
    );
  });

  // Known fault, left for the exact engine: with a band narrower than (n + 1) / n the CDF has flat
  // stretches between the session counts, and a percentile can fall exactly on one. Band
  // 61/61/66 over 1..11 sessions (mode 5): the counts 1 to 5 hold exactly half the weight, and
  // every total of 5 sessions is at most 330 while every total of 6 is at least 366, so the
  // median is 330. The solver's running linear form (slopes like w/2 ÷ (g·high − g·typical), not
  // finite decimals) evaluates to a hair under 0.5 at 330, so it answers 366.
  // No band in the catalog is this narrow (high >= 2 × low), so no estimate is affected today.
  it('a percentile exactly at the start of a flat stretch of the CDF is its left end', () => {
    const b = bandOf('61', '61', '66');
    const outcomes = sessionWeights(1, 5, 11).map((w) => ({ weight: w.weight, multiplier: dec(w.sessions) }));
    expect(likelyPercentiles(b, outcomes).p50.toString()).toBe('330');
  });

  it('a q the outcomes\' weights never reach is answered at the last breakpoint; no outcomes at all, at 0', () => {
    const b = bandOf('200', '350', '500');
    // Weight 0.5 in all: F never reaches 0.9.
    const got = quantiles(b, [{ weight: dec('0.5'), multiplier: dec(2) }], [dec('0.1'), dec('0.9')]);
    // F(t) = 0.5 × F_P(t / 2): 0.1 at t / 2 = 200 + 0.4 × 150 = 260.
    expect(got.map(String)).toEqual(['520', '1000']);
    expect(quantiles(b, [], [dec('0.5'), dec('0.9')]).map(String)).toEqual(['0', '0']);
  });

  it('quantile() and quantiles() answer any q, in order; past the last breakpoint the largest total', () => {
    const b = bandOf('200', '350', '500');
    const o = courseOutcomes(4, 5, 10);
    const e = engineOutcomes(o);
    const qs = ['0.01', '0.25', '0.5', '0.75', '0.99', '1'];
    const got = quantiles(b, e, qs.map((x) => dec(x)));
    expect(got.map(sig)).toEqual(qs.map((x) => sig(quantileOf(q(x), refBand(b), o))));
    expect(sig(quantile(b, e, dec('0.3')))).toBe(sig(quantileOf(q('0.3'), refBand(b), o)));
    expect(sig(quantile(b, e, dec('1')))).toBe('5000');
    expect(quantile(b, e, dec('0')).toString()).toBe('800');
  });
});

describe('the baseline likely range of a treatment', () => {
  it('is the model\'s percentiles for the seeds\' band, the course range and the package', () => {
    for (const t of catalog.treatments.values()) {
      const band = { low: t.pricePerSessionUsd.low.value, typical: t.pricePerSessionUsd.typical.value, high: t.pricePerSessionUsd.high.value };
      const spec: PackageSpec = { kind: 'buy-n-get-m', buy: 3, free: 1 };
      const got = baselineLikely(t, band, undefined, spec);
      const o = courseOutcomes(t.sessions.min, t.sessions.typical, t.sessions.max, { kind: 'buy-n-get-m', buy: 3, free: 1 });
      expect([got.p10, got.p50, got.p90].map(sig), t.id).toEqual([P10, P50, P90].map((p) => sig(quantileOf(p, refBand(band), o))));
      const fixed = baselineLikely(t, band, 7, { kind: 'none' });
      expect([fixed.p10, fixed.p50, fixed.p90].map(sig)).toEqual([P10, P50, P90].map((p) => sig(quantileOf(p, refBand(band), [{ w: q(1), g: q(7) }]))));
    }
  });

  it('sessionWeights: the triangular weights, exactly', () => {
    const got = sessionWeights(4, 8, 10);
    const ref = weights(4, 8, 10);
    expect(got.map((w) => w.sessions)).toEqual(ref.map((w) => w.n));
    expect(got.map((w) => sig(w.weight))).toEqual(ref.map((w) => sig(w.w)));
    expect(sessionWeights(5, 5, 5)).toEqual([{ sessions: 5, weight: dec(1) }]);
  });

  it('perSessionLikely: low + 0.2 (typical − low), typical, typical + 0.8 (high − typical)', () => {
    expect(perSessionLikely(bandOf('250', '360', '600'))).toEqual({ p10: dec('272'), p50: dec('360'), p90: dec('552') });
  });
});

// src/domain/likely.ts: the exact 10th, 50th and 90th percentiles of a course total agree with an
// independent, seeded Monte Carlo simulation of the same model, and with closed forms where the
// model has them (a fixed session count, a point price, a point mass at 0).
//
// Model (likely.ts): T = P × g(N), P two-piece uniform on the band (half uniform on [low, typical],
// half on [typical, high]), N discrete triangular on
// min..max with weight 1 at typical falling linearly to 1/(typical − min + 1) at min and
// 1/(max − typical + 1) at max, g(n) the sessions paid under the package. The simulation below
// re-implements that model from this description in plain floating point (its own weights, its own
// g, inverse-CDF sampling of P), so it shares no code with the exact solver.
//
// Tolerance. A sample quantile of N draws has standard error sqrt(q(1 − q)/N) / f(x_q), f the
// density at the quantile. With N = 200,000 that is about 0.1% of the value here, so 1% of the
// value is about 10 standard errors (11 in the median case, never under 5.7 in these cases; the
// test estimates f from each sample and asserts the tolerance is at least 5 of them). A pass is not
// luck and a failure is not noise: the largest disagreement seen is 3.3 standard errors (0.34%).
// The seeds are fixed, so every run draws the same samples.
import fc from 'fast-check';
import type { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { TreatmentModel } from '../../src/domain/catalog.js';
import { baselineLikely, likelyPercentiles, sessionWeights, type Percentiles } from '../../src/domain/likely.js';
import { Dec, dec } from '../../src/domain/money.js';
import type { PackageSpec } from '../../src/domain/packages.js';
import { committedCatalog } from '../fixtures/committed-data.js';

const SAMPLES = 200_000;
const TOLERANCE = 0.01;
const QS = [0.1, 0.5, 0.9] as const;
const catalog = committedCatalog();
const TREATMENTS = [...catalog.treatments.values()];

/** mulberry32: a small, seedable 32-bit PRNG with uniform output in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inverse CDF of the two-piece uniform on (a, c, b) at u: half the mass evenly on [a, c], half on [c, b]. */
function twoPiece(u: number, a: number, c: number, b: number): number {
  return u < 0.5 ? a + 2 * u * (c - a) : c + (2 * u - 1) * (b - c);
}

/** The seeds' per-session band of a treatment, the band baselineLikely prices in the baseline country. */
const seedBand = (t: TreatmentModel) => ({ low: t.pricePerSessionUsd.low.value, typical: t.pricePerSessionUsd.typical.value, high: t.pricePerSessionUsd.high.value });
const likelyOf = (t: TreatmentModel, sessions: number | undefined, spec: PackageSpec): Percentiles => baselineLikely(t, seedBand(t), sessions, spec);

/** Sessions actually paid for n sessions under the package, in floating point. */
function paid(n: number, spec: PackageSpec): number {
  switch (spec.kind) {
    case 'none':
      return n;
    case 'prepaid-course':
      return n * (1 - spec.discountPercent.toNumber() / 100);
    case 'buy-n-get-m':
      return n - Math.floor(n / (spec.buy + spec.free)) * spec.free;
    case 'new-patient':
      return n - spec.discountPercent.toNumber() / 100;
  }
}

/** The session-count distribution as documented, computed independently of sessionWeights. */
function countDistribution(min: number, typical: number, max: number): Array<{ n: number; p: number }> {
  const raw: Array<{ n: number; w: number }> = [];
  for (let n = min; n <= max; n++) raw.push({ n, w: n <= typical ? (n - min + 1) / (typical - min + 1) : (max - n + 1) / (max - typical + 1) });
  const sum = raw.reduce((s, r) => s + r.w, 0);
  return raw.map((r) => ({ n: r.n, p: r.w / sum }));
}

interface Simulated {
  quantile(q: number): number;
  /** Standard error of the sample q-quantile: sqrt(q(1 − q)/N) / f, f estimated from the sample. */
  standardError(q: number): number;
}

function simulate(treatment: TreatmentModel, spec: PackageSpec, seed: number): Simulated {
  const band = treatment.pricePerSessionUsd;
  const [a, c, b] = [band.low.value.toNumber(), band.typical.value.toNumber(), band.high.value.toNumber()];
  const counts = countDistribution(treatment.sessions.min, treatment.sessions.typical, treatment.sessions.max);
  const cumulative: number[] = [];
  counts.reduce((acc, { p }) => (cumulative.push(acc + p), acc + p), 0);
  const random = mulberry32(seed);
  const totals = new Float64Array(SAMPLES);
  for (let i = 0; i < SAMPLES; i++) {
    const u = random();
    let k = 0;
    while (k < cumulative.length - 1 && u >= cumulative[k]!) k++;
    totals[i] = twoPiece(random(), a, c, b) * paid(counts[k]!.n, spec);
  }
  totals.sort();
  // The smallest t whose empirical CDF reaches q, as the exact solver defines its percentiles.
  const quantile = (q: number): number => totals[Math.min(SAMPLES - 1, Math.max(0, Math.ceil(q * SAMPLES) - 1))]!;
  const standardError = (q: number): number => {
    const spread = quantile(q + 0.01) - quantile(q - 0.01);
    return spread === 0 ? 0 : (Math.sqrt((q * (1 - q)) / SAMPLES) * spread) / 0.02;
  };
  return { quantile, standardError };
}

const asList = (p: Percentiles): Decimal[] => [p.p10, p.p50, p.p90];

function treatmentWith(base: TreatmentModel, band: [string, string, string], sessions?: [number, number, number]): TreatmentModel {
  const figure = (value: string) => ({ value: dec(value), source: 'test' });
  return {
    ...base,
    pricePerSessionUsd: { low: figure(band[0]), typical: figure(band[1]), high: figure(band[2]) },
    sessions: sessions ? { min: sessions[0], typical: sessions[1], max: sessions[2], sources: [] } : base.sessions,
  };
}

const PACKAGES: Array<[string, PackageSpec]> = [
  ['no package', { kind: 'none' }],
  ['prepaid 12%', { kind: 'prepaid-course', discountPercent: dec('12') }],
  ['prepaid 33.33%', { kind: 'prepaid-course', discountPercent: dec('33.33') }],
  ['buy 4 get 1', { kind: 'buy-n-get-m', buy: 4, free: 1 }],
  ['buy 2 get 1', { kind: 'buy-n-get-m', buy: 2, free: 1 }],
  ['new patient 20%', { kind: 'new-patient', discountPercent: dec('20') }],
];

/** Checks the exact percentiles against the simulation: within 1%, which is ≥ 5 standard errors. */
function expectAgreement(label: string, exact: Percentiles, sim: Simulated, relative = TOLERANCE): void {
  asList(exact).forEach((value, i) => {
    const q = QS[i]!;
    const x = value.toNumber();
    const mc = sim.quantile(q);
    const tolerance = relative * Math.abs(x) + 1e-9;
    expect(tolerance, `${label} p${q * 100}: the tolerance is at least 5 standard errors`).toBeGreaterThanOrEqual(5 * sim.standardError(q));
    expect(Math.abs(mc - x), `${label} p${q * 100}: exact ${x}, simulated ${mc}`).toBeLessThanOrEqual(tolerance);
  });
}

/** p10 ≤ p50 ≤ p90, all within [low × min g, high × max g]. */
function expectOrderedAndBounded(label: string, p: Percentiles, lowest: Decimal, highest: Decimal): void {
  const [p10, p50, p90] = asList(p);
  expect(p10!.lte(p50!) && p50!.lte(p90!), `${label}: ${asList(p).join(' ≤ ')}`).toBe(true);
  expect(p10!.gte(lowest) && p90!.lte(highest), `${label}: within [${lowest.toString()}, ${highest.toString()}]`).toBe(true);
}

describe('exact percentiles agree with a seeded Monte Carlo simulation (200,000 draws, 1%)', () => {
  for (const treatment of TREATMENTS) {
    it(`${treatment.id}: every package`, () => {
      PACKAGES.forEach(([label, spec], i) => {
        expectAgreement(`${treatment.id}, ${label}`, likelyOf(treatment, undefined, spec), simulate(treatment, spec, 1000 + i));
      });
    });
  }

  it('a mode at the bottom (typical = low) or at the top (typical = high) of the band, with the course range', () => {
    const base = catalog.treatments.get('fat-reduction')!;
    for (const band of [['250', '250', '600'], ['250', '600', '600']] as Array<[string, string, string]>) {
      for (const [label, spec] of PACKAGES.slice(0, 4)) {
        const t = treatmentWith(base, band);
        // A half with no width is a point mass: the median sits at its jump, where the sample
        // quantile is least precise, so these take 2% (still at least 5 standard errors).
        expectAgreement(`band ${band.join('/')}, ${label}`, likelyOf(t, undefined, spec), simulate(t, spec, 77), 0.02);
      }
    }
  });

  it('a course range whose typical count is its minimum or its maximum', () => {
    const base = catalog.treatments.get('pain-management')!;
    for (const sessions of [[4, 4, 10], [4, 10, 10], [1, 1, 2]] as Array<[number, number, number]>) {
      const t = treatmentWith(base, ['200', '350', '500'], sessions);
      expectAgreement(`sessions ${sessions.join('/')}`, likelyOf(t, undefined, { kind: 'none' }), simulate(t, { kind: 'none' }, 5));
    }
  });
});

/** The q-quantile of g × the two-piece uniform on (a, c, b), in closed form: a + 2q(c − a) below the median, c + (2q − 1)(b − c) above. */
function twoPieceQuantile(q: Decimal, a: Decimal, c: Decimal, b: Decimal, g: Decimal): Decimal {
  const x = q.lt('0.5') ? a.plus(q.times(2).times(c.minus(a))) : c.plus(q.times(2).minus(1).times(b.minus(c)));
  return x.times(g);
}

/** Relative difference below 1e-25: equal but for the last digits of 40-digit arithmetic. */
function expectClose(actual: Decimal, expected: Decimal, label: string): void {
  const scale = Dec.max(expected.abs(), new Dec(1));
  expect(actual.minus(expected).abs().div(scale).lt('1e-25'), `${label}: ${actual.toString()} vs ${expected.toString()}`).toBe(true);
}

describe('closed forms: a fixed number of sessions is one two-piece uniform price times the sessions paid', () => {
  it('every treatment, 1 to 30 sessions, every package: p10, p50 and p90 equal the closed-form quantiles', () => {
    for (const t of TREATMENTS) {
      const [a, c, b] = [t.pricePerSessionUsd.low.value, t.pricePerSessionUsd.typical.value, t.pricePerSessionUsd.high.value];
      for (let sessions = 1; sessions <= 30; sessions++) {
        for (const [label, spec] of PACKAGES) {
          const g = new Dec(paidExact(sessions, spec));
          const exact = likelyOf(t, sessions, spec);
          QS.forEach((q, i) => expectClose(asList(exact)[i]!, twoPieceQuantile(new Dec(q), a, c, b, g), `${t.id}, ${sessions} sessions, ${label}, p${q * 100}`));
        }
      }
    }
  });

  it('a mode at either end of the band (typical = low, typical = high)', () => {
    const base = TREATMENTS[0]!;
    for (const band of [['250', '250', '600'], ['250', '600', '600'], ['200', '350', '500']] as Array<[string, string, string]>) {
      const t = treatmentWith(base, band);
      for (const sessions of [1, 2, 5, 12]) {
        const exact = likelyOf(t, sessions, { kind: 'none' });
        QS.forEach((q, i) => expectClose(asList(exact)[i]!, twoPieceQuantile(new Dec(q), dec(band[0]), dec(band[1]), dec(band[2]), new Dec(sessions)), `band ${band.join('/')}, ${sessions}, p${q * 100}`));
      }
    }
  });

  it('a point price (low = typical = high) with a fixed count is that price times the sessions paid', () => {
    const t = treatmentWith(TREATMENTS[0]!, ['400', '400', '400']);
    expect(asList(likelyOf(t, 6, { kind: 'none' })).map(String)).toEqual(['2400', '2400', '2400']);
    expect(asList(likelyOf(t, 6, { kind: 'new-patient', discountPercent: dec('25') })).map(String)).toEqual(['2300', '2300', '2300']);
  });

  it('a point price with the course range is a discrete distribution: the smallest total whose cumulative weight reaches q', () => {
    // Sessions 3/5/6: weights 1/3, 2/3, 1, 1/2 over 3..6, normalised 0.133, 0.267, 0.4, 0.2;
    // cumulative 0.133, 0.4, 0.8, 1: p10 at 3 sessions, p50 at 5, p90 at 6.
    const t = treatmentWith(TREATMENTS[0]!, ['400', '400', '400'], [3, 5, 6]);
    expect(asList(likelyOf(t, undefined, { kind: 'none' })).map(String)).toEqual(['1200', '2000', '2400']);
  });

  it('a 100% new-patient discount on a 1-session course is a point mass at 0', () => {
    for (const t of TREATMENTS) {
      expect(asList(likelyOf(t, 1, { kind: 'new-patient', discountPercent: dec('100') })).map(String)).toEqual(['0', '0', '0']);
      expect(asList(likelyOf(t, undefined, { kind: 'prepaid-course', discountPercent: dec('100') })).map(String)).toEqual(['0', '0', '0']);
    }
  });

  it('a point mass at 0 mixed with a priced outcome: F(t) = 0.3 + 0.7 × F_P(t / 2) for t ≥ 0', () => {
    const price = { low: dec('100'), typical: dec('200'), high: dec('300') };
    const p = likelyPercentiles(price, [
      { weight: dec('0.3'), multiplier: dec('0') },
      { weight: dec('0.7'), multiplier: dec('2') },
    ]);
    expect(p.p10.toString()).toBe('0');
    // q = 0.5 and 0.9 are F_P = 0.2/0.7 and 0.6/0.7 of the price, times 2.
    expectClose(p.p50, twoPieceQuantile(dec('0.2').div('0.7'), price.low, price.typical, price.high, dec('2')), 'p50');
    expectClose(p.p90, twoPieceQuantile(dec('0.6').div('0.7'), price.low, price.typical, price.high, dec('2')), 'p90');
  });
});

/** Sessions paid, exactly (as a decimal string), for the closed forms. */
function paidExact(n: number, spec: PackageSpec): string {
  switch (spec.kind) {
    case 'none':
      return String(n);
    case 'prepaid-course':
      return new Dec(n).times(new Dec(1).minus(spec.discountPercent.div(100))).toString();
    case 'buy-n-get-m':
      return String(n - Math.floor(n / (spec.buy + spec.free)) * spec.free);
    case 'new-patient':
      return new Dec(n).minus(spec.discountPercent.div(100)).toString();
  }
}

describe('ordering and bounds', () => {
  it('p10 ≤ p50 ≤ p90, within [low × fewest paid, high × most paid], for every treatment, count and package', () => {
    for (const t of TREATMENTS) {
      const band = t.pricePerSessionUsd;
      for (const sessions of [undefined, ...Array.from({ length: 30 }, (_, i) => i + 1)]) {
        for (const [label, spec] of PACKAGES) {
          const counts = sessions === undefined ? Array.from({ length: t.sessions.max - t.sessions.min + 1 }, (_, i) => t.sessions.min + i) : [sessions];
          const paidCounts = counts.map((n) => new Dec(paidExact(n, spec)));
          const lowest = band.low.value.times(Dec.min(...paidCounts));
          const highest = band.high.value.times(Dec.max(...paidCounts));
          expectOrderedAndBounded(`${t.id}, ${sessions ?? 'range'}, ${label}`, likelyOf(t, sessions, spec), lowest, highest);
        }
      }
    }
  });

  it('holds for generated bands, course ranges and packages', () => {
    const arb = fc.record({
      a: fc.integer({ min: 1, max: 1000 }),
      c: fc.integer({ min: 0, max: 1000 }),
      b: fc.integer({ min: 0, max: 1000 }),
      min: fc.integer({ min: 1, max: 15 }),
      typ: fc.integer({ min: 0, max: 15 }),
      max: fc.integer({ min: 0, max: 15 }),
      pct: fc.integer({ min: 0, max: 100 }),
      kind: fc.constantFrom('none', 'prepaid-course', 'new-patient', 'buy-n-get-m'),
    });
    fc.assert(
      fc.property(arb, ({ a, c, b, min, typ, max, pct, kind }) => {
        const [low, mode, high] = [a, a + c, a + c + b];
        const range: [number, number, number] = [min, min + typ, min + typ + max];
        const spec: PackageSpec = kind === 'buy-n-get-m' ? { kind, buy: 3, free: 1 } : kind === 'none' ? { kind } : { kind, discountPercent: dec(pct) };
        const t = treatmentWith(TREATMENTS[0]!, [String(low), String(mode), String(high)], range);
        const paidCounts = Array.from({ length: range[2] - range[0] + 1 }, (_, i) => new Dec(paidExact(range[0] + i, spec)));
        expectOrderedAndBounded(JSON.stringify({ low, mode, high, range, spec }), likelyOf(t, undefined, spec), dec(low).times(Dec.min(...paidCounts)), dec(high).times(Dec.max(...paidCounts)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('sessionWeights: the discrete triangular distribution of the session count', () => {
  const check = (min: number, typical: number, max: number): void => {
    const weights = sessionWeights(min, typical, max);
    expect(weights.map((w) => w.sessions)).toEqual(Array.from({ length: max - min + 1 }, (_, i) => min + i));
    const sum = weights.reduce((s, w) => s.plus(w.weight), new Dec(0));
    expect(sum.minus(1).abs().lt('1e-35'), `Σ = ${sum.toString()}`).toBe(true);
    const top = weights.find((w) => w.sessions === typical)!.weight;
    for (const w of weights) {
      expect(w.weight.gt(0)).toBe(true);
      if (w.sessions !== typical) expect(w.weight.lt(top), `${w.sessions} below the typical ${typical}`).toBe(true);
    }
    // Rising to the typical count, falling after it, each side linearly, as documented.
    for (let i = 1; i < weights.length; i++) {
      const [prev, cur] = [weights[i - 1]!, weights[i]!];
      if (cur.sessions <= typical) expect(cur.weight.gt(prev.weight)).toBe(true);
      else expect(cur.weight.lt(prev.weight)).toBe(true);
    }
    expectClose(weights[0]!.weight.div(top), new Dec(1).div(typical - min + 1), 'w(min) / w(typical)');
    expectClose(weights.at(-1)!.weight.div(top), new Dec(1).div(max - typical + 1), 'w(max) / w(typical)');
  };

  it('sums to 1 with its maximum at the typical count, for every treatment', () => {
    for (const t of TREATMENTS) check(t.sessions.min, t.sessions.typical, t.sessions.max);
  });

  it('sums to 1 with its maximum at the typical count, for generated ranges (typical at either end included)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (min, up, more) => check(min, min + up, min + up + more)),
      { numRuns: 300 },
    );
  });

  it('a single possible count has weight 1', () => {
    expect(sessionWeights(5, 5, 5).map((w) => [w.sessions, w.weight.toString()])).toEqual([[5, '1']]);
  });
});

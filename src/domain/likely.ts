// The likely range of a course total: its 10th, 50th and 90th percentiles, computed exactly from
// the price and session-count distributions (no sampling, so the answer is deterministic).
//
// Model: the total is T = P × g(N), where
//   P ~ Triangular(low, typical, high)  the per-session price (mode at the typical price);
//   N ~ discrete triangular on min..max  weight 1 at typical, falling linearly to
//       1/(typical − min + 1) at min and 1/(max − typical + 1) at max (or N fixed when requested);
//   g(n)                                 the sessions actually paid for (n, or fewer under a package).
// Then F_T(t) = Σ_n w_n · F_P(t / g(n)) is piecewise quadratic in t between the breakpoints
// g(n)·{low, typical, high}; each percentile is the root of one quadratic, solved in decimals.
import type { Decimal } from 'decimal.js';
import type { TreatmentModel } from './catalog.js';
import { Dec } from './money.js';
import { payableUnits, type PackageSpec } from './packages.js';

export interface Triangular {
  readonly low: Decimal;
  readonly mode: Decimal;
  readonly high: Decimal;
}

/** One outcome of the session count: its probability and the multiplier of the price it implies. */
export interface SessionOutcome {
  readonly weight: Decimal;
  readonly multiplier: Decimal;
}

export interface Percentiles {
  readonly p10: Decimal;
  readonly p50: Decimal;
  readonly p90: Decimal;
}

const ZERO = new Dec(0);
const ONE = new Dec(1);

/** Discrete triangular weights on min..max with the mode at `typical`, normalised to sum to 1. */
export function sessionWeights(min: number, typical: number, max: number): Array<{ sessions: number; weight: Decimal }> {
  const raw: Array<{ sessions: number; weight: Decimal }> = [];
  for (let n = min; n <= max; n++) {
    const w = n <= typical ? new Dec(n - min + 1).div(typical - min + 1) : new Dec(max - n + 1).div(max - typical + 1);
    raw.push({ sessions: n, weight: w });
  }
  const sum = raw.reduce((s, r) => s.plus(r.weight), ZERO);
  return raw.map((r) => ({ sessions: r.sessions, weight: r.weight.div(sum) }));
}

/** Percentiles of T = P × multiplier, P triangular, multiplier drawn from `outcomes`. */
export function likelyPercentiles(price: Triangular, outcomes: readonly SessionOutcome[]): Percentiles {
  const [p10, p50, p90] = quantiles(price, outcomes, LEVELS_Q);
  return { p10: p10!, p50: p50!, p90: p90! };
}

const LEVELS_Q = [new Dec('0.1'), new Dec('0.5'), new Dec('0.9')];

/**
 * The likely range of the course total in US dollars at the baseline, before this request's
 * multiplier: P ~ Triangular(band), N ~ discrete triangular on the course range (or fixed),
 * total = P * payableUnits(N). Scaling P scales every percentile, so one computation per
 * treatment, session spec and package serves every country, tier, area and currency.
 */
export function baselineLikely(treatment: TreatmentModel, fixedSessions: number | undefined, pkg: PackageSpec): Percentiles {
  const band = treatment.pricePerSessionUsd;
  const counts = fixedSessions === undefined ? sessionWeights(treatment.sessions.min, treatment.sessions.typical, treatment.sessions.max) : [{ sessions: fixedSessions, weight: new Dec(1) }];
  return likelyPercentiles(
    { low: band.low.value, mode: band.typical.value, high: band.high.value },
    counts.map((c) => ({ weight: c.weight, multiplier: payableUnits(c.sessions, pkg) })),
  );
}

/** Change of F_T's quadratic form A·t² + B·t + C when t passes `at`. */
interface Event {
  readonly at: Decimal;
  readonly a: Decimal;
  readonly b: Decimal;
  readonly c: Decimal;
}

/** Smallest t with F_T(t) >= q, for each q (ascending), in one sweep over the breakpoints. */
export function quantiles(price: Triangular, outcomes: readonly SessionOutcome[], qs: readonly Decimal[]): Decimal[] {
  const events = cdfEvents(price, outcomes).sort((x, y) => x.at.comparedTo(y.at));
  const answers: Decimal[] = [];
  let a = ZERO;
  let b = ZERO;
  let c = ZERO;
  let previous: Decimal | undefined;
  let i = 0;
  while (i < events.length && answers.length < qs.length) {
    const at = events[i]!.at;
    // (a, b, c) is F on (previous, at): its left limit at `at` decides whether a root lies inside.
    const leftLimit = a.times(at).plus(b).times(at).plus(c);
    for (; i < events.length && events[i]!.at.eq(at); i++) {
      a = a.plus(events[i]!.a);
      b = b.plus(events[i]!.b);
      c = c.plus(events[i]!.c);
    }
    const valueAt = a.times(at).plus(b).times(at).plus(c);
    while (answers.length < qs.length) {
      const q = qs[answers.length]!;
      if (previous !== undefined && leftLimit.gte(q)) answers.push(solveIn(leftLimitForm(events, i, at, a, b, c), q, previous, at));
      else if (valueAt.gte(q)) answers.push(at);
      else break;
    }
    previous = at;
  }
  while (answers.length < qs.length) answers.push(previous ?? ZERO);
  return answers;
}

/** Smallest t with F_T(t) >= q. */
export function quantile(price: Triangular, outcomes: readonly SessionOutcome[], q: Decimal): Decimal {
  return quantiles(price, outcomes, [q])[0]!;
}

/** The quadratic before the group of events ending at index `end` (all at `at`): undo that group. */
function leftLimitForm(events: readonly Event[], end: number, at: Decimal, a: Decimal, b: Decimal, c: Decimal): { a: Decimal; b: Decimal; c: Decimal } {
  let f = { a, b, c };
  for (let j = end - 1; j >= 0 && events[j]!.at.eq(at); j--) f = { a: f.a.minus(events[j]!.a), b: f.b.minus(events[j]!.b), c: f.c.minus(events[j]!.c) };
  return f;
}

/**
 * Where each outcome's term w·F_P(t/g) changes form. With ga, gc, gb = g·(low, mode, high):
 *   on (ga, gc):  w·(t − ga)² / (g²(high − low)(mode − low))
 *   on (gc, gb):  w − w·(gb − t)² / (g²(high − low)(high − mode))
 *   from gb on:   w
 * A point mass (g = 0, or low = high) is a jump of w at g·low.
 */
function cdfEvents(price: Triangular, outcomes: readonly SessionOutcome[]): Event[] {
  const { low, mode, high } = price;
  const events: Event[] = [];
  for (const { weight: w, multiplier: g } of outcomes) {
    if (g.isZero() || high.eq(low)) {
      events.push({ at: g.times(low), a: ZERO, b: ZERO, c: w });
      continue;
    }
    const [ga, gc, gb] = [g.times(low), g.times(mode), g.times(high)];
    const g2 = g.times(g);
    // Rising piece (absent when mode = low): k1·t² − 2·k1·ga·t + k1·ga².
    const rising = mode.gt(low) ? risingForm(w.div(g2.times(high.minus(low)).times(mode.minus(low))), ga) : undefined;
    // Falling piece (absent when mode = high): −k2·t² + 2·k2·gb·t + w − k2·gb².
    const falling = high.gt(mode) ? fallingForm(w.div(g2.times(high.minus(low)).times(high.minus(mode))), gb, w) : undefined;
    const zero = { a: ZERO, b: ZERO, c: ZERO };
    const start = rising ?? falling ?? zero;
    events.push({ at: ga, ...start });
    if (rising && falling) events.push({ at: gc, a: falling.a.minus(rising.a), b: falling.b.minus(rising.b), c: falling.c.minus(rising.c) });
    const end = falling ?? rising ?? zero;
    events.push({ at: gb, a: end.a.neg(), b: end.b.neg(), c: w.minus(end.c) });
  }
  return events;
}

function risingForm(k: Decimal, ga: Decimal): { a: Decimal; b: Decimal; c: Decimal } {
  return { a: k, b: k.times(ga).times(-2), c: k.times(ga).times(ga) };
}

function fallingForm(k: Decimal, gb: Decimal, w: Decimal): { a: Decimal; b: Decimal; c: Decimal } {
  return { a: k.neg(), b: k.times(gb).times(2), c: w.minus(k.times(gb).times(gb)) };
}

/** The root of A·t² + B·t + C = q within [from, to] (F is increasing there, so there is one). */
function solveIn(f: { a: Decimal; b: Decimal; c: Decimal }, q: Decimal, from: Decimal, to: Decimal): Decimal {
  const clamp = (t: Decimal): Decimal => Dec.max(from, Dec.min(to, t));
  if (f.a.isZero()) return f.b.isZero() ? to : clamp(q.minus(f.c).div(f.b));
  const disc = f.b.pow(2).minus(f.a.times(4).times(f.c.minus(q)));
  const root = Dec.max(disc, ZERO).sqrt();
  const r1 = f.b.neg().plus(root).div(f.a.times(2));
  const r2 = f.b.neg().minus(root).div(f.a.times(2));
  const inside = (t: Decimal): boolean => t.gte(from) && t.lte(to);
  if (inside(r1)) return r1;
  if (inside(r2)) return r2;
  // Rounding at the last digit can put the root a hair outside: take the root nearer the
  // interval (distance 0 inside it), clamped.
  const distance = (t: Decimal): Decimal => (t.lt(from) ? from.minus(t) : t.gt(to) ? t.minus(to) : ZERO);
  return clamp(distance(r1).lte(distance(r2)) ? r1 : r2);
}

// The likely range of a course total: its 10th, 50th and 90th percentiles, computed exactly from
// the price and session-count distributions (no sampling, so the answer is deterministic).
//
// Model: the total is T = P × g(N), where
//   P ~ the band's two-piece uniform       half the sessions priced evenly from low to typical,
//                                          half from typical to high (the median is the typical
//                                          price); its p10 and p90 are low + 0.2 (typical − low)
//                                          and typical + 0.8 (high − typical). The market model's
//                                          band holds 90% of published prices and this p10-p90
//                                          about 80% (docs/accuracy.md measures both);
//   N ~ discrete triangular on min..max  weight 1 at typical, falling linearly to
//       1/(typical − min + 1) at min and 1/(max − typical + 1) at max (or N fixed when requested);
//   g(n)                                 the sessions actually paid for (n, or fewer under a package).
// Then F_T(t) = Σ_n w_n · F_P(t / g_n) is piecewise linear in t between the breakpoints
// g(n)·{low, typical, high}; each percentile is the root of one linear piece, solved in decimals.
import type { Decimal } from 'decimal.js';
import type { Levels, TreatmentModel } from './catalog.js';
import { Dec } from './money.js';
import { payableUnits, type PackageSpec } from './packages.js';

/** A per-session price band: low <= typical <= high. */
export type PriceBand = Levels<Decimal>;

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

/** Percentiles of T = P × multiplier, P two-piece uniform on the band, multiplier drawn from `outcomes`. */
export function likelyPercentiles(price: PriceBand, outcomes: readonly SessionOutcome[]): Percentiles {
  const [p10, p50, p90] = quantiles(price, outcomes, LEVELS_Q);
  return { p10: p10!, p50: p50!, p90: p90! };
}

const LEVELS_Q = [new Dec('0.1'), new Dec('0.5'), new Dec('0.9')];

/**
 * The likely range of the course total in US dollars for a per-session band before this
 * request's multiplier (the seeds' band in the baseline country, the market band elsewhere):
 * N ~ discrete triangular on the course range (or fixed), total = P * payableUnits(N). Scaling P
 * scales every percentile, so one computation per band, session spec and package serves every
 * country, tier, area and currency.
 */
export function baselineLikely(treatment: TreatmentModel, band: PriceBand, fixedSessions: number | undefined, pkg: PackageSpec): Percentiles {
  const counts = fixedSessions === undefined ? sessionWeights(treatment.sessions.min, treatment.sessions.typical, treatment.sessions.max) : [{ sessions: fixedSessions, weight: new Dec(1) }];
  return likelyPercentiles(
    band,
    counts.map((c) => ({ weight: c.weight, multiplier: payableUnits(c.sessions, pkg) })),
  );
}

/** The per-session likely range: p10 = low + 0.2 (typical − low), p50 = typical, p90 = typical + 0.8 (high − typical). */
export function perSessionLikely(band: PriceBand): Percentiles {
  return { p10: band.low.plus(band.typical.minus(band.low).times(TWO_TENTHS)), p50: band.typical, p90: band.typical.plus(band.high.minus(band.typical).times(EIGHT_TENTHS)) };
}

const TWO_TENTHS = new Dec('0.2');
const EIGHT_TENTHS = new Dec('0.8');

/** Change of F_T's linear form B·t + C when t passes `at`. */
interface Event {
  readonly at: Decimal;
  readonly b: Decimal;
  readonly c: Decimal;
}

/**
 * The solver works in 40 significant digits, but its slopes (w/2 ÷ a width) are not finite
 * decimals, so its last digits are rounding noise: a percentile that is exactly 915 comes out as
 * 914.99…996, and a running CDF that is exactly 0.5 as a hair under it. So it compares with
 * F within TOLERANCE of q, and gives its answers to ANSWER_DIGITS significant digits: exact for any
 * percentile with a finite expansion that short (every one a product of the catalog's figures can
 * be), within 10^-30 of the true value for any other, far below a minor unit.
 */
const TOLERANCE = new Dec('1e-30');
const ANSWER_DIGITS = 30;

/** Smallest t with F_T(t) >= q, for each q (ascending), in one sweep over the breakpoints. */
export function quantiles(price: PriceBand, outcomes: readonly SessionOutcome[], qs: readonly Decimal[]): Decimal[] {
  return solveQuantiles(price, outcomes, qs).map((t) => t.toSignificantDigits(ANSWER_DIGITS, Dec.ROUND_HALF_UP));
}

function solveQuantiles(price: PriceBand, outcomes: readonly SessionOutcome[], qs: readonly Decimal[]): Decimal[] {
  const events = cdfEvents(price, outcomes).sort((x, y) => x.at.comparedTo(y.at));
  const answers: Decimal[] = [];
  let b = ZERO;
  let c = ZERO;
  let previous: Decimal | undefined;
  let i = 0;
  while (i < events.length && answers.length < qs.length) {
    const at = events[i]!.at;
    // (b, c) is F on (previous, at): its left limit at `at` decides whether a root lies inside.
    const leftLimit = b.times(at).plus(c);
    for (; i < events.length && events[i]!.at.eq(at); i++) {
      b = b.plus(events[i]!.b);
      c = c.plus(events[i]!.c);
    }
    const valueAt = b.times(at).plus(c);
    while (answers.length < qs.length) {
      const q = qs[answers.length]!;
      const reached = q.minus(TOLERANCE);
      if (previous !== undefined && leftLimit.gte(reached)) answers.push(solveIn(leftLimitForm(events, i, at, b, c), q, previous, at));
      else if (valueAt.gte(reached)) answers.push(at);
      else break;
    }
    previous = at;
  }
  while (answers.length < qs.length) answers.push(previous ?? ZERO);
  return answers;
}

/** Smallest t with F_T(t) >= q. */
export function quantile(price: PriceBand, outcomes: readonly SessionOutcome[], q: Decimal): Decimal {
  return quantiles(price, outcomes, [q])[0]!;
}

/** The line before the group of events ending at index `end` (all at `at`): undo that group. */
function leftLimitForm(events: readonly Event[], end: number, at: Decimal, b: Decimal, c: Decimal): { b: Decimal; c: Decimal } {
  let f = { b, c };
  for (let j = end - 1; j >= 0 && events[j]!.at.eq(at); j--) f = { b: f.b.minus(events[j]!.b), c: f.c.minus(events[j]!.c) };
  return f;
}

/**
 * Where each outcome's term w·F_P(t/g) changes form. With ga, gc, gb = g·(low, typical, high):
 *   on (ga, gc):  w/2 · (t − ga) / (gc − ga)
 *   on (gc, gb):  w/2 + w/2 · (t − gc) / (gb − gc)
 *   from gb on:   w
 * A half with no width (low = typical, or typical = high) is a point mass of w/2 there; g = 0 is
 * a point mass of w at 0.
 */
function cdfEvents(price: PriceBand, outcomes: readonly SessionOutcome[]): Event[] {
  const events: Event[] = [];
  for (const { weight: w, multiplier: g } of outcomes) {
    const half = w.div(2);
    const [ga, gc, gb] = [g.times(price.low), g.times(price.typical), g.times(price.high)];
    // The form of this term on each piece, from ga on: (b, c) with F = b·t + c.
    const pieces: Array<{ at: Decimal; b: Decimal; c: Decimal }> = [];
    if (gc.gt(ga)) {
      const b = half.div(gc.minus(ga));
      pieces.push({ at: ga, b, c: b.times(ga).neg() });
    } else {
      pieces.push({ at: ga, b: ZERO, c: half });
    }
    if (gb.gt(gc)) {
      const b = half.div(gb.minus(gc));
      pieces.push({ at: gc, b, c: half.minus(b.times(gc)) });
      pieces.push({ at: gb, b: ZERO, c: w });
    } else {
      pieces.push({ at: gc, b: ZERO, c: w });
    }
    let previous = { b: ZERO, c: ZERO };
    for (const piece of pieces) {
      events.push({ at: piece.at, b: piece.b.minus(previous.b), c: piece.c.minus(previous.c) });
      previous = piece;
    }
  }
  return events;
}

/**
 * The root of B·t + C = q within [from, to]: F rises there from below q to at least q, so B > 0
 * and the root is inside up to rounding at the last digit, which the clamp absorbs. A flat piece
 * (B = 0) cannot hold the crossing, so it answers `to`, where F jumps to q.
 */
function solveIn(f: { b: Decimal; c: Decimal }, q: Decimal, from: Decimal, to: Decimal): Decimal {
  if (f.b.isZero()) return to;
  return Dec.max(from, Dec.min(to, q.minus(f.c).div(f.b)));
}

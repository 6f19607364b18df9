// Where the range bar's shapes go: the whole low-high range of the course total as a track, the
// likely range (p10-p90) as a band on it, the typical total as a marker. Positions are pixels, so
// here, and only here, amounts become numbers: they place shapes, they are never shown or summed.
import type { Levels } from './types.js';

export const BAR = { width: 320, height: 44, inset: 8, trackY: 18, trackHeight: 8 } as const;

export interface BarGeometry {
  /** x of each figure on the bar, in viewBox units. */
  readonly low: number;
  readonly typical: number;
  readonly high: number;
  readonly likely?: { readonly from: number; readonly to: number; readonly median: number };
}

/** Where each figure sits on a bar of BAR.width; a range of zero width puts everything mid-bar. */
export function barGeometry(total: Levels<string>, likely?: { p10: string; p50: string; p90: string }): BarGeometry {
  const low = Number(total.low);
  const high = Number(total.high);
  const span = BAR.width - 2 * BAR.inset;
  const x = (amount: string): number => {
    if (!(high > low)) return BAR.width / 2;
    const share = Math.min(1, Math.max(0, (Number(amount) - low) / (high - low)));
    return Math.round((BAR.inset + share * span) * 10) / 10;
  };
  return {
    low: x(total.low),
    typical: x(total.typical),
    high: x(total.high),
    ...(likely ? { likely: { from: x(likely.p10), to: x(likely.p90), median: x(likely.p50) } } : {}),
  };
}

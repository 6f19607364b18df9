// How the body areas treated in one session set the session's price.
import type { Decimal } from 'decimal.js';
import type { AreaModel } from './catalog.js';

/**
 * Combined area factor of one session, relative to the treatment's reference area:
 *   f_i = factor(area_i) / factor(reference area), sorted so that f_1 >= f_2 >= ... >= f_n
 *   combined = f_1 + share * (f_2 + ... + f_n)
 * The dearest area is priced in full; each further area in the same session adds `share` of its
 * own price, because the consultation, set-up and part of the product are shared. Sorting makes
 * the result independent of the order the areas were given in, and adding an area never lowers
 * it (a new dearest area f adds f - f_1 + share * f_1 >= 0; any other adds share * f >= 0).
 */
export function combinedAreaFactor(areas: readonly AreaModel[], reference: AreaModel, share: Decimal): Decimal {
  const relative = areas
    .map((area) => area.factor.value.div(reference.factor.value))
    .sort((a, b) => b.comparedTo(a));
  const [first, ...rest] = relative;
  if (first === undefined) throw new RangeError('combinedAreaFactor needs at least one area');
  return rest.reduce((sum, f) => sum.plus(share.times(f)), first);
}

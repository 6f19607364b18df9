// src/domain/region.ts: the price-level factor of a country,
//   factor = (1 - passThrough) + passThrough * priceLevel.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dec } from '../../src/domain/money.js';
import { priceLevelFactor } from '../../src/domain/region.js';

/** A Decimal in [0, max] with up to 4 decimals. */
const decimalArb = (max: number) => fc.integer({ min: 0, max: max * 10_000 }).map((n) => dec(n).div(10_000));

describe('priceLevelFactor', () => {
  it('is 1 at price level 1, whatever the pass-through', () => {
    fc.assert(
      fc.property(decimalArb(1), (passThrough) => {
        expect(priceLevelFactor(dec(1), passThrough).eq(1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('is 1 at pass-through 0 and the price level itself at pass-through 1', () => {
    expect(priceLevelFactor(dec('0.657913251334808'), dec(0)).eq(1)).toBe(true);
    expect(priceLevelFactor(dec('0.657913251334808'), dec(1)).toString()).toBe('0.657913251334808');
  });

  it('worked example: price level 0.6 at pass-through 0.7 gives 0.3 + 0.42 = 0.72', () => {
    expect(priceLevelFactor(dec('0.6'), dec('0.7')).toString()).toBe('0.72');
  });

  it('is linear in the pass-through: f(p) = 1 + p * (level - 1)', () => {
    fc.assert(
      fc.property(decimalArb(3), decimalArb(1), (level, p) => {
        expect(priceLevelFactor(level, p).eq(dec(1).plus(p.times(level.minus(1))))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the midpoint of two pass-throughs gives the midpoint of their factors', () => {
    fc.assert(
      fc.property(decimalArb(3), decimalArb(1), decimalArb(1), (level, p, q) => {
        const mid = priceLevelFactor(level, p.plus(q).div(2));
        expect(mid.eq(priceLevelFactor(level, p).plus(priceLevelFactor(level, q)).div(2))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never falls below 1 - passThrough and rises with the price level', () => {
    fc.assert(
      fc.property(decimalArb(3), decimalArb(3), decimalArb(1), (a, b, p) => {
        const [lo, hi] = a.lte(b) ? [a, b] : [b, a];
        expect(priceLevelFactor(lo, p).lte(priceLevelFactor(hi, p))).toBe(true);
        expect(priceLevelFactor(lo, p).gte(dec(1).minus(p))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

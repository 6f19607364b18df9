// src/domain/areas.ts: the combined area factor of one session,
//   combined = f_1 + share * (f_2 + ... + f_n), f_i = factor_i / factor_ref sorted descending.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combinedAreaFactor } from '../../src/domain/areas.js';
import type { AreaModel } from '../../src/domain/catalog.js';
import { dec } from '../../src/domain/money.js';

const area = (id: string, factor: string): AreaModel => ({ id, name: id, factor: { value: dec(factor), source: 'test' } });

const face = area('face', '1');
const neck = area('neck', '0.8');
const abdomen = area('abdomen', '1.2');
const thighs = area('thighs', '1.25');
const half = dec('0.5');

describe('combinedAreaFactor', () => {
  it('is 1 for the reference area alone', () => {
    expect(combinedAreaFactor([face], face, half).toString()).toBe('1');
  });

  it('is the area relative to the reference for one area', () => {
    expect(combinedAreaFactor([abdomen], face, half).toString()).toBe('1.2');
    expect(combinedAreaFactor([face], abdomen, half).eq(dec(1).div('1.2'))).toBe(true);
  });

  it('prices the dearest area in full and each other at the share: face + neck = 1 + 0.5 * 0.8 = 1.4', () => {
    expect(combinedAreaFactor([face, neck], face, half).toString()).toBe('1.4');
    // thighs 1.25 in full, abdomen 1.2 and face 1 at half: 1.25 + 0.5 * 2.2 = 2.35
    expect(combinedAreaFactor([face, abdomen, thighs], face, half).toString()).toBe('2.35');
  });

  it('works relative to a non-face reference: chin 0.8 and abdomen 1.2 against the abdomen = 1 + 0.5 * (0.8 / 1.2)', () => {
    const chin = area('chin', '0.8');
    expect(combinedAreaFactor([chin, abdomen], abdomen, half).eq(dec(1).plus(half.times(dec('0.8').div('1.2'))))).toBe(true);
  });

  it('does not depend on the order of the areas', () => {
    const all = [face, neck, abdomen, thighs, area('arms', '1.1')];
    fc.assert(
      fc.property(fc.shuffledSubarray(all, { minLength: 1 }), fc.integer({ min: 0, max: 100 }), (areas, sharePercent) => {
        const share = dec(sharePercent).div(100);
        const reversed = [...areas].reverse();
        expect(combinedAreaFactor(reversed, face, share).eq(combinedAreaFactor(areas, face, share))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('with a share of 1 is the plain sum, with a share of 0 the dearest area alone', () => {
    expect(combinedAreaFactor([neck, face, abdomen], face, dec(1)).toString()).toBe('3');
    expect(combinedAreaFactor([neck, face, abdomen], face, dec(0)).toString()).toBe('1.2');
  });

  it('throws a RangeError on an empty list', () => {
    expect(() => combinedAreaFactor([], face, half)).toThrow(RangeError);
  });
});

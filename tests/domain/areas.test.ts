// The combined area factor of one session (derived.ts, area()):
//   combined = r_1 + share × (r_2 + … + r_n), r_i the published ratio of area i to the treatment's
//   reference area (market-model.json, areaRatios), sorted so that r_1 is the largest.
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { derived } from '../../src/domain/derived.js';
import { committedCatalog } from '../fixtures/committed-data.js';

const catalog = committedCatalog();
const d = derived(catalog);
const treatments = [...catalog.treatments.values()];
const areasOf = (treatmentId: string, ids: readonly string[]) => {
  const t = catalog.treatments.get(treatmentId)!;
  return { t, areas: t.allowedAreas.filter((id) => ids.includes(id)).map((id) => catalog.areas.get(id)!) };
};
const factor = (treatmentId: string, ids: readonly string[]): string => {
  const { t, areas } = areasOf(treatmentId, ids);
  return d.area(t, areas).adjustment.factor!;
};

describe('the area factor of a session', () => {
  it('is the published ratio for one area, and the reference area is 1', () => {
    expect(factor('fat-reduction', ['flanks'])).toBe('0.9167');
    expect(factor('fat-reduction', ['abdomen'])).toBe('1');
    expect(factor('skin-rejuvenation', ['under-eye'])).toBe('0.95');
  });

  it('prices the dearest area in full and each other at the published share: abdomen + flanks = 1 + 0.5 × 0.9167', () => {
    expect(factor('fat-reduction', ['flanks', 'abdomen'])).toBe('1.45835');
    expect(factor('skin-rejuvenation', ['face', 'neck'])).toBe('1.4');
    // The dearest need not be the reference: thighs against the abdomen is 1.0417.
    expect(factor('fat-reduction', ['abdomen', 'thighs'])).toBe('1.5417');
  });

  it('equals max + share × (sum − max) of the published ratios for every set of a treatment\'s areas, and adding an area never lowers it', () => {
    const share = new Decimal(catalog.additionalAreaShare.value.toString());
    const arb = fc.constantFrom(...treatments).chain((t) => fc.tuple(fc.constant(t), fc.subarray([...t.allowedAreas], { minLength: 1 }), fc.constantFrom(...t.allowedAreas)));
    fc.assert(
      fc.property(arb, ([t, ids, extra]) => {
        const ratios = ids.map((id) => new Decimal(t.areaRatios.get(id)!.value.toString()));
        const max = Decimal.max(...ratios);
        const sum = ratios.reduce((a, b) => a.plus(b), new Decimal(0));
        expect(factor(t.id, ids)).toBe(max.plus(share.times(sum.minus(max))).toString());
        if (!ids.includes(extra)) expect(new Decimal(factor(t.id, [...ids, extra])).gte(factor(t.id, ids))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('names each area\'s ratio and the share in its description, and cites the rounding of the ratios when the reference is not the face', () => {
    const { t, areas } = areasOf('fat-reduction', ['abdomen', 'flanks']);
    const a = d.area(t, areas).adjustment;
    expect(a.description).toContain('abdomen 1, flanks 0.9167');
    expect(a.description).toContain('0.5 of its price');
    expect(a.sources).toContain('assumption-area-ratio-digits');
    expect(d.area(...Object.values(areasOf('skin-rejuvenation', ['face', 'neck'])) as [never, never]).adjustment.sources).not.toContain('assumption-area-ratio-digits');
  });
});

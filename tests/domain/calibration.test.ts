// Calibration is a test (PRODUCT.md, Data rules 4): at the baseline (US, national-average city,
// physician, the treatment's reference area, no package) the engine reproduces the article's own
// course totals to the cent, and the figures behind them obey the seeds and the derivation rule
// the data notes state.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { CityTierId, PractitionerId, TreatmentCategory } from '../../src/data/schema.js';
import { LEVELS } from '../../src/domain/catalog.js';
import { estimate } from '../../src/domain/estimate.js';
import { loadDataFromTexts } from '../../src/data/load.js';
import { committedData, textsWith } from '../fixtures/committed-data.js';

const { catalog, files } = committedData();
const treatmentsFile = files['treatments.json'].treatments;

/** Seed 000, "Graph": the article's course totals. Baseline figures: independent of tuning. */
const ARTICLE_TOTALS: ReadonlyArray<[string, string]> = [
  ['skin-rejuvenation', '1800.00'],
  ['fat-reduction', '3200.00'],
  ['hair-restoration', '4000.00'],
  ['pain-management', '1750.00'],
];

/** Seed 000, "Type of Mesotherapy": per-session bands in USD by category. */
const SEED_BANDS: Readonly<Record<TreatmentCategory, { low: string; high: string }>> = {
  aesthetic: { low: '250', high: '600' },
  hair: { low: '300', high: '700' },
  therapeutic: { low: '200', high: '500' },
};

/** Seed 000: 4 to 10 sessions; seed 001: three to six. Together: 3 to 10. */
const SEED_SESSIONS = { min: 3, max: 10 };

const CITY_TIERS: readonly CityTierId[] = ['town', 'city', 'major-metro'];
const PRACTITIONERS: readonly PractitionerId[] = ['non-physician', 'physician', 'specialist'];

const withArticleTotal = treatmentsFile.filter((t) => t.articleCourseTotalUsd !== undefined);

describe('calibration: article course totals at the baseline', () => {
  it.each(ARTICLE_TOTALS)('%s: the typical course total with no options but the treatment is exactly %s USD', (id, total) => {
    const e = estimate({ treatment: id }, catalog);
    expect(e.currency.code).toBe('USD');
    expect(e.total.typical).toBe(total);
  });

  it('the treatments carrying an article total are exactly the four in the article graph', () => {
    expect(withArticleTotal.map((t) => t.id).sort()).toEqual(ARTICLE_TOTALS.map(([id]) => id).sort());
  });

  it.each(withArticleTotal)('$id: the typical total equals articleCourseTotalUsd in data/treatments.json to the cent', (t) => {
    const e = estimate({ treatment: t.id }, catalog);
    expect(e.total.typical).toBe(new Decimal(t.articleCourseTotalUsd!.value).toFixed(2));
    expect(t.articleCourseTotalUsd!.source).toBe('seed-000-course-total-graph');
  });

  it.each(withArticleTotal)('$id: the baseline typical total is cited to the article graph in the estimate sources', (t) => {
    const e = estimate({ treatment: t.id }, catalog);
    expect(e.sources.map((s) => s.id)).toContain('seed-000-course-total-graph');
  });
});

describe('calibration: per-session bands and session counts follow the seeds', () => {
  it.each(treatmentsFile)('$id: the data band low/high is the seed band for its category ($category)', (t) => {
    const band = SEED_BANDS[t.category];
    expect(new Decimal(t.pricePerSessionUsd.low.value).eq(band.low)).toBe(true);
    expect(new Decimal(t.pricePerSessionUsd.high.value).eq(band.high)).toBe(true);
    expect(t.pricePerSessionUsd.low.source).toBe('seed-000-type-of-mesotherapy');
    expect(t.pricePerSessionUsd.high.source).toBe('seed-000-type-of-mesotherapy');
  });

  it.each(treatmentsFile)('$id: the baseline typical per-session price lies inside the seed band, and low/high are its edges', (t) => {
    const band = SEED_BANDS[t.category];
    const e = estimate({ treatment: t.id }, catalog);
    const typical = new Decimal(e.perSession.typical);
    expect(typical.gte(band.low) && typical.lte(band.high)).toBe(true);
    expect(e.perSession.low).toBe(new Decimal(band.low).toFixed(2));
    expect(e.perSession.high).toBe(new Decimal(band.high).toFixed(2));
  });

  it.each(treatmentsFile)('$id: typical sessions lie within the treatment range and the range within the seeds\' 3..10', (t) => {
    const e = estimate({ treatment: t.id }, catalog);
    const { min, typical, max } = { min: t.sessions.min.value, typical: t.sessions.typical.value, max: t.sessions.max.value };
    expect(e.sessions).toEqual({ low: min, typical, high: max });
    expect(min).toBeLessThanOrEqual(typical);
    expect(typical).toBeLessThanOrEqual(max);
    expect(min).toBeGreaterThanOrEqual(SEED_SESSIONS.min);
    expect(max).toBeLessThanOrEqual(SEED_SESSIONS.max);
  });
});

describe('calibration: the typical split of an article total follows the stated derivation rule', () => {
  // Rule (data/treatments.json notes): of the session counts n in the course range for which
  // total / n is a whole-cent amount inside the band, take the one whose price is nearest the
  // band's midpoint, except that a face treatment's typical session may not be dearer than the
  // body treatment's in the same band (seed 000, Treatment Area).
  const bodyTypical = (t: (typeof withArticleTotal)[number]): Decimal | undefined => {
    if (t.referenceArea !== 'face') return undefined;
    const body = withArticleTotal.find((o) => o.category === t.category && o.referenceArea === 'abdomen');
    return body ? new Decimal(body.pricePerSessionUsd.typical.value) : undefined;
  };

  it.each(withArticleTotal)('$id: the typical session count is the in-range count whose whole-cent price is nearest the band midpoint', (t) => {
    const total = new Decimal(t.articleCourseTotalUsd!.value);
    const low = new Decimal(t.pricePerSessionUsd.low.value);
    const high = new Decimal(t.pricePerSessionUsd.high.value);
    const midpoint = low.plus(high).div(2);
    const ceiling = bodyTypical(t);

    const candidates: Array<{ n: number; price: Decimal; distance: Decimal }> = [];
    for (let n = t.sessions.min.value; n <= t.sessions.max.value; n++) {
      const price = total.div(n);
      const wholeCent = price.times(100).isInteger();
      const notDearerThanBody = ceiling === undefined || price.lte(ceiling);
      if (wholeCent && price.gte(low) && price.lte(high) && notDearerThanBody) candidates.push({ n, price, distance: price.minus(midpoint).abs() });
    }
    expect(candidates.length).toBeGreaterThan(0);
    const nearest = candidates.reduce((best, c) => (c.distance.lt(best.distance) ? c : best));
    // The rule picks one count: no other candidate is as near as the chosen one.
    expect(candidates.filter((c) => c.distance.eq(nearest.distance)).map((c) => c.n)).toEqual([nearest.n]);

    expect(t.sessions.typical.value).toBe(nearest.n);
    expect(new Decimal(t.pricePerSessionUsd.typical.value).eq(nearest.price)).toBe(true);
  });

  it('a baseline face session is not dearer than a baseline body session of the same band, at every level', () => {
    const face = estimate({ treatment: 'skin-rejuvenation' }, catalog).perSession;
    for (const body of [estimate({ treatment: 'fat-reduction' }, catalog).perSession, estimate({ treatment: 'cellulite-reduction' }, catalog).perSession]) {
      for (const level of ['low', 'typical', 'high'] as const) expect(new Decimal(face[level]).lte(body[level])).toBe(true);
    }
  });
});

describe('calibration: a face session is not dearer than an abdomen or thighs session (seed 000, Treatment Area)', () => {
  const factor = (id: string): Decimal => {
    const area = catalog.areas.get(id);
    if (!area) throw new Error(`no area ${id}`);
    return area.factor.value;
  };

  it('the catalog area factors put the face at or below the abdomen and the thighs', () => {
    expect(factor('face').lte(factor('abdomen'))).toBe(true);
    expect(factor('face').lte(factor('thighs'))).toBe(true);
  });

  const countries = [...catalog.countries.keys()];

  it('fat reduction on the chin is never dearer than on the abdomen or the thighs, at every country, city tier and practitioner', () => {
    const dearerChin: string[] = [];
    for (const country of countries) {
      for (const cityTier of CITY_TIERS) {
        for (const practitioner of PRACTITIONERS) {
          const at = (area: string) => estimate({ treatment: 'fat-reduction', areas: [area], country, cityTier, practitioner }, catalog);
          const chin = at('chin');
          for (const body of [at('abdomen'), at('thighs')]) {
            for (const level of LEVELS) {
              if (new Decimal(chin.perSession[level]).gt(body.perSession[level])) dearerChin.push(`${country} ${cityTier} ${practitioner} ${level} vs ${body.request.areas[0]}`);
            }
          }
        }
      }
    }
    expect(dearerChin).toEqual([]);
  });

  it('cellulite reduction\'s body areas and scar reduction\'s face compare the same way: the face-side area is never dearer', () => {
    for (const country of ['US', 'FR', 'JP', 'BR']) {
      for (const cityTier of CITY_TIERS) {
        const scarFace = estimate({ treatment: 'scar-reduction', areas: ['face'], country, cityTier }, catalog);
        const scarArms = estimate({ treatment: 'scar-reduction', areas: ['arms'], country, cityTier }, catalog);
        const celluliteArms = estimate({ treatment: 'cellulite-reduction', areas: ['arms'], country, cityTier }, catalog);
        const celluliteThighs = estimate({ treatment: 'cellulite-reduction', areas: ['thighs'], country, cityTier }, catalog);
        for (const level of LEVELS) {
          expect(new Decimal(scarFace.perSession[level]).lte(scarArms.perSession[level])).toBe(true);
          expect(new Decimal(celluliteArms.perSession[level]).lte(celluliteThighs.perSession[level])).toBe(true);
        }
      }
    }
  });

  it('for one treatment offered on face, abdomen and thighs, the face session is the cheapest at every level, country and tier', () => {
    // A variant of the committed data in which skin rejuvenation is also offered on the body:
    // the real area factors then price the face and the body areas of one treatment side by side
    // (the face is the reference, so the published ratios are the areas' own factors).
    const texts = textsWith('treatments.json', (json) => {
      const skin = json.treatments.find((t: { id: string }) => t.id === 'skin-rejuvenation');
      skin.allowedAreas.push('abdomen', 'thighs');
    });
    const model = JSON.parse(texts['market-model.json']);
    const areas = new Map(committedData().files['areas.json'].areas.map((a) => [a.id, a.factor.value]));
    Object.assign(model.areaRatios.values['skin-rejuvenation'], { abdomen: areas.get('abdomen'), thighs: areas.get('thighs') });
    const variant = loadDataFromTexts({ ...texts, 'market-model.json': JSON.stringify(model) }).catalog;
    for (const country of ['US', 'FR', 'JP', 'IN', 'CH']) {
      for (const cityTier of CITY_TIERS) {
        const at = (area: string) => estimate({ treatment: 'skin-rejuvenation', areas: [area], country, cityTier }, variant);
        const face = at('face');
        for (const body of [at('abdomen'), at('thighs')]) {
          for (const level of LEVELS) {
            expect(new Decimal(face.perSession[level]).lte(body.perSession[level])).toBe(true);
            expect(new Decimal(face.total[level]).lte(body.total[level])).toBe(true);
          }
        }
      }
    }
  });
});

// The adjustments an estimate lists and the sources it cites (src/domain/derived.ts), pinned in
// full: each line's description, figures and source list, built here from the catalog, and the
// estimate's source list in order of first use. A source list that loses, repeats or reorders an
// id fails a domain test.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Adjustment, Estimate, EstimateRequest } from '../../src/domain/estimate.js';
import { estimate } from '../../src/domain/estimate.js';
import { derived } from '../../src/domain/derived.js';
import { dec } from '../../src/domain/money.js';
import { committedCatalog } from '../fixtures/committed-data.js';
import { add, mul, q, units, type Q, freshCatalog } from './reference.js';

const committed = committedCatalog();
/** A fresh catalog per test (reference.ts, freshCatalog): nothing derived is shared between tests. */
let catalog = freshCatalog(committed);
beforeEach(() => {
  catalog = freshCatalog(committed);
});
const line = (e: Estimate, kind: Adjustment['kind']): Adjustment => e.adjustments.find((a) => a.kind === kind)!;
const share = catalog.additionalAreaShare;
const area = (id: string) => catalog.areas.get(id)!;
const nameOf = (id: string): string => area(id).name.toLowerCase();
const BASELINE = catalog.countries.get(catalog.baselineCountry)!.name;
const uniq = (ids: string[]): string[] => [...new Set(ids)];

/** A finite decimal as published: no trailing zeros ("266.4", "1.7917", "2"). */
function plain(v: Q): string {
  const PLACES = 20;
  const scaled = v.n * 10n ** BigInt(PLACES);
  if (scaled % v.d !== 0n) throw new Error('not a finite decimal of at most 20 places');
  return units(scaled / v.d, PLACES).replace(/0+$/, '').replace(/\.$/, '');
}

describe('the area line', () => {
  it('one area against a reference of factor 1: the area\'s own factor source only', () => {
    const e = estimate({ treatment: 'skin-rejuvenation', areas: ['neck'] }, catalog);
    const t = catalog.treatments.get('skin-rejuvenation')!;
    expect(line(e, 'area')).toEqual({
      kind: 'area',
      id: 'neck',
      description: 'neck, against the face',
      factor: t.areaRatios.get('neck')!.value.toString(),
      sources: uniq([area('neck').factor.source, area('face').factor.source]),
    });
    expect(line(estimate({ treatment: 'skin-rejuvenation' }, catalog), 'area').sources).toEqual([area('face').factor.source]);
  });

  it('several areas against a reference of another factor: each area\'s source, the reference\'s, the published ratios\' and the share\'s', () => {
    const t = catalog.treatments.get('fat-reduction')!;
    const e = estimate({ treatment: 'fat-reduction', areas: ['chin', 'flanks', 'abdomen'] }, catalog);
    const ids = ['abdomen', 'flanks', 'chin'];
    const ratios = ids.map((id) => q(t.areaRatios.get(id)!.value)).sort((a, b) => (a.n * b.d < b.n * a.d ? 1 : -1));
    const factor = add(ratios[0]!, mul(q(share.value), add(ratios[1]!, ratios[2]!)));
    expect(line(e, 'area')).toEqual({
      kind: 'area',
      id: 'abdomen,flanks,chin',
      description: `${ids.map(nameOf).join(' + ')} in one session, each against the abdomen (${ids.map((id) => `${nameOf(id)} ${t.areaRatios.get(id)!.value.toString()}`).join(', ')}): the dearest area in full, each other at ${share.value.toString()} of its price`,
      factor: plain(factor),
      sources: uniq([...ids.map((id) => area(id).factor.source), area('abdomen').factor.source, catalog.market.areaRatiosSource, share.source]),
    });
  });

  it('a single area against a reference of another factor cites the published ratios, not the share', () => {
    const e = estimate({ treatment: 'fat-reduction', areas: ['chin'] }, catalog);
    expect(line(e, 'area').sources).toEqual(uniq([area('chin').factor.source, area('abdomen').factor.source, catalog.market.areaRatiosSource]));
    expect(line(e, 'area').description).toBe(`${nameOf('chin')}, against the abdomen`);
  });
});

describe('the base-price line', () => {
  it('in the baseline country: the seeds\' band in USD, its sources once each', () => {
    const t = catalog.treatments.get('fat-reduction')!;
    const e = estimate({ treatment: 'fat-reduction' }, catalog);
    expect(line(e, 'base-price')).toEqual({
      kind: 'base-price',
      id: 'fat-reduction',
      description: `Fat reduction: the seed articles' per-session price in USD in ${BASELINE} (national average city, physician, abdomen)`,
      amounts: { low: t.pricePerSessionUsd.low.value.toFixed(2), typical: t.pricePerSessionUsd.typical.value.toFixed(2), high: t.pricePerSessionUsd.high.value.toFixed(2) },
      sources: uniq([t.pricePerSessionUsd.low.source, t.pricePerSessionUsd.typical.source, t.pricePerSessionUsd.high.source]),
    });
  });

  it('elsewhere: the market band, the seeds\' typical × the group\'s level × the spread', () => {
    const t = catalog.treatments.get('skin-rejuvenation')!;
    const level = catalog.market.levels.get(t.marketGroup)!;
    const { band } = catalog.market;
    const e = estimate({ treatment: 'skin-rejuvenation', country: 'FR' }, catalog);
    const typical = mul(q(t.pricePerSessionUsd.typical.value), q(level.value));
    expect(line(e, 'base-price')).toEqual({
      kind: 'base-price',
      id: 'skin-rejuvenation',
      description:
        `Skin rejuvenation outside ${BASELINE}, in USD before the price level (national average city, physician, face): ` +
        `the seeds' typical ${t.pricePerSessionUsd.typical.value.toFixed(2)} × ${level.value.toString()} (the market level of ${t.marketGroup} treatments, fitted to published prices); ` +
        `low and high × ${band.low.value.toString()} and × ${band.high.value.toString()} (the spread that holds 90% of published prices)`,
      amounts: { low: plain(mul(typical, q(band.low.value))), typical: plain(typical), high: plain(mul(typical, q(band.high.value))) },
      sources: [t.pricePerSessionUsd.typical.source, level.source],
    });
  });
});

describe('the tier, price-level, currency and sessions lines', () => {
  it('tiers: name, factor and its source', () => {
    const e = estimate({ treatment: 'hair-restoration', practitioner: 'specialist', cityTier: 'major-metro' }, catalog);
    const p = catalog.practitioners.get('specialist')!;
    const c = catalog.cityTiers.get('major-metro')!;
    expect(line(e, 'practitioner')).toEqual({ kind: 'practitioner', id: 'specialist', description: `${p.name} practitioner`, factor: p.factor.value.toString(), sources: [p.factor.source] });
    expect(line(e, 'city-tier')).toEqual({ kind: 'city-tier', id: 'major-metro', description: `${c.name} clinic location`, factor: c.factor.value.toString(), sources: [c.factor.source] });
  });

  it('price level: 1 in the baseline country; elsewhere the level to the fitted power, with both sources', () => {
    const us = catalog.countries.get('US')!;
    expect(line(estimate({ treatment: 'hair-restoration' }, catalog), 'price-level')).toEqual({
      kind: 'price-level',
      id: 'US',
      description: `${us.name}: the seed articles' own market, priced by them`,
      factor: '1',
      sources: [us.priceLevel.source],
    });
    const jp = catalog.countries.get('JP')!;
    expect(line(estimate({ treatment: 'hair-restoration', country: 'JP' }, catalog), 'price-level')).toEqual({
      kind: 'price-level',
      id: 'JP',
      description: `${jp.name}: price level ${jp.priceLevel.value.toString()} of the US (${jp.priceLevel.year}) to the power ${catalog.market.exponent.value.toString()}, the pass-through fitted to published prices`,
      factor: jp.priceFactor.value.toString(),
      sources: uniq([jp.priceLevel.source, jp.priceFactor.source]),
    });
  });

  it('currency: the rate, its year and the minor units, with their sources', () => {
    const usd = catalog.currencies.get('USD')!;
    expect(line(estimate({ treatment: 'hair-restoration' }, catalog), 'currency')).toEqual({
      kind: 'currency',
      id: 'USD',
      description: "Amounts in US dollars, the articles' own currency",
      factor: usd.usdRate.value.toString(),
      sources: [usd.usdRate.source, usd.minorUnitsSource],
    });
    const kwd = catalog.currencies.get('KWD')!;
    const e = estimate({ treatment: 'hair-restoration', country: 'KW' }, catalog);
    expect(line(e, 'currency')).toEqual({
      kind: 'currency',
      id: 'KWD',
      description: `USD to KWD at ${kwd.usdRate.value.toString()} per USD (${kwd.usdRate.year} average); per-session prices rounded half-up to 3 decimals`,
      factor: kwd.usdRate.value.toString(),
      sources: [kwd.usdRate.source, kwd.minorUnitsSource],
    });
    expect(e.currency).toEqual({ code: 'KWD', name: kwd.name, minorUnits: 3, usdRate: kwd.usdRate.value.toString(), rateYear: kwd.usdRate.year });
  });

  it('sessions: the treatment\'s range, or the fixed count at every level, with the range\'s sources', () => {
    const t = catalog.treatments.get('pain-management')!;
    expect(line(estimate({ treatment: 'pain-management' }, catalog), 'sessions')).toEqual({
      kind: 'sessions',
      description: `Course of ${t.sessions.min} (low), ${t.sessions.typical} (typical) and ${t.sessions.max} (high) sessions`,
      counts: { low: t.sessions.min, typical: t.sessions.typical, high: t.sessions.max },
      sources: t.sessions.sources,
    });
    expect(line(estimate({ treatment: 'pain-management', sessions: 7 }, catalog), 'sessions')).toEqual({
      kind: 'sessions',
      description: '7 sessions, as requested, at every level',
      counts: { low: 7, typical: 7, high: 7 },
      sources: t.sessions.sources,
    });
    // Two fixed counts are two lines, not one kept from the first; two treatments, two lines.
    expect(line(estimate({ treatment: 'pain-management', sessions: 8 }, catalog), 'sessions').counts).toEqual({ low: 8, typical: 8, high: 8 });
    const skin = catalog.treatments.get('skin-rejuvenation')!.sessions;
    expect(line(estimate({ treatment: 'skin-rejuvenation' }, catalog), 'sessions').counts).toEqual({ low: skin.min, typical: skin.typical, high: skin.max });
  });
});

describe('the estimate\'s sources', () => {
  const requests: EstimateRequest[] = [
    { treatment: 'skin-rejuvenation' },
    { treatment: 'fat-reduction', areas: ['flanks', 'abdomen'], country: 'GB', package: { kind: 'buy-n-get-m' } },
    { treatment: 'hair-restoration', country: 'JP', currency: 'USD', sessions: 12 },
    { treatment: 'pain-management', country: 'IN', package: { kind: 'new-patient' } },
  ];

  it.each(requests)('every id the adjustments and then the notes cite, once, in order of first use (%o)', (request) => {
    const e = estimate(request, catalog);
    const ids = uniq([...e.adjustments, ...e.notes].flatMap((a) => a.sources));
    expect(e.sources).toEqual(ids.map((id) => catalog.sources.get(id)));
  });

  it('sources() keeps the first use of each id and refuses an id the catalog lacks', () => {
    const d = derived(catalog);
    const [a, b] = [...catalog.sources.keys()];
    expect(d.sources([[{ sources: [b!, a!] }], [{ sources: [a!, b!] }]]).map((s) => s.id)).toEqual([b, a]);
    expect(d.sources([[{ sources: [] }]])).toEqual([]);
    expect(() => d.sources([[{ sources: ['no-such-source'] }]])).toThrow("catalog invariant: source 'no-such-source' missing");
  });

  it('json() is JSON.stringify of the value, the same text each time', () => {
    const d = derived(catalog);
    const value = { a: 1, b: ['x'] };
    expect(d.json(value)).toBe(JSON.stringify(value));
    expect(d.json(value)).toBe(JSON.stringify(value));
    expect(derived(catalog)).toBe(d);
  });
});

describe('what is kept per catalog is kept per request\'s figures', () => {
  it('two fixed course lengths, and two new-patient percents, each have their own likely range', () => {
    const a = estimate({ treatment: 'fat-reduction', sessions: 5 }, catalog).likely;
    const b = estimate({ treatment: 'fat-reduction', sessions: 9 }, catalog).likely;
    expect(Number(b.p50)).toBeGreaterThan(Number(a.p50));
    const c = estimate({ treatment: 'fat-reduction', sessions: 1, package: { kind: 'new-patient', discountPercent: dec('10') } }, catalog).likely;
    const d = estimate({ treatment: 'fat-reduction', sessions: 1, package: { kind: 'new-patient', discountPercent: dec('50') } }, catalog).likely;
    expect(Number(d.p50)).toBeLessThan(Number(c.p50));
  });
});

describe('evidence in another currency', () => {
  it('no published prices: null', () => {
    expect(estimate({ treatment: 'pain-management', country: 'IS' }, catalog).evidence).toBeNull();
  });
});

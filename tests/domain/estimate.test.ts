// Worked examples of estimate(request, catalog): what a single request prices to, how it is
// explained (adjustments, sources, notes, evidence) and how bad ids fail. Figures at the baseline
// (US, city, physician) are hardcoded; figures that move with the market model, which is refitted
// when its published prices change, are computed here from the loaded catalog's raw figures.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { CityTierId, PractitionerId } from '../../src/data/schema.js';
import type { Catalog } from '../../src/domain/catalog.js';
import { LEVELS } from '../../src/domain/catalog.js';
import { DomainError, type DomainErrorCode } from '../../src/domain/errors.js';
import { estimate, type Estimate, type EstimateRequest } from '../../src/domain/estimate.js';
import { committedCatalog } from '../fixtures/committed-data.js';

const catalog = committedCatalog();

/** Enough digits that every product of the catalog's figures is exact before the one rounding. */
const Exact = Decimal.clone({ precision: 80 });

/** The engine's documented formula, rewritten here from the catalog's raw figures. */
function expectedPerSession(
  cat: Catalog,
  r: { treatment: string; level: 'low' | 'typical' | 'high'; areaFactor: string; country: string; currency: string; cityTier?: CityTierId; practitioner?: PractitionerId },
): string {
  const treatment = cat.treatments.get(r.treatment)!;
  const country = cat.countries.get(r.country)!;
  const currency = cat.currencies.get(r.currency)!;
  // Outside the US: the seeds' typical × the group's level × the band's multiplier for the level,
  // times price level ^ β rounded half-up to 4 decimals (the factor the model publishes).
  const { market } = cat;
  const bandMultiplier = { low: market.band.low.value, typical: new Exact(1), high: market.band.high.value }[r.level];
  const base =
    r.country === cat.baselineCountry
      ? new Exact(treatment.pricePerSessionUsd[r.level].value)
      : new Exact(treatment.pricePerSessionUsd.typical.value).times(market.levels.get(treatment.marketGroup)!.value).times(bandMultiplier);
  const levelFactor = r.country === cat.baselineCountry ? new Exact(1) : new Exact(country.priceLevel.value).pow(market.exponent.value).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  const amount = base
    .times(r.areaFactor)
    .times(cat.practitioners.get(r.practitioner ?? 'physician')!.factor.value)
    .times(cat.cityTiers.get(r.cityTier ?? 'city')!.factor.value)
    .times(levelFactor)
    .times(currency.usdRate.value);
  return amount.toFixed(currency.minorUnits, Decimal.ROUND_HALF_UP);
}

function domainError(request: EstimateRequest): DomainError {
  try {
    estimate(request, catalog);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected a DomainError for ${JSON.stringify(request)}`);
}

const sourceIds = (e: Estimate): string[] => e.sources.map((s) => s.id);

describe('estimate: worked examples', () => {
  it('prices skin rejuvenation on face + neck at the US baseline with area factor 1 + 0.5 * 0.8 = 1.4', () => {
    const e = estimate({ treatment: 'skin-rejuvenation', areas: ['face', 'neck'] }, catalog);
    const area = e.adjustments.find((a) => a.kind === 'area');
    expect(area?.factor).toBe('1.4');
    expect(area?.id).toBe('face,neck');
    expect(e.perSession).toEqual({ low: '350.00', typical: '504.00', high: '840.00' });
    expect(e.sessions).toEqual({ low: 3, typical: 5, high: 6 });
    expect(e.total).toEqual({ low: '1050.00', typical: '2520.00', high: '5040.00' });
    expect(e.currency).toMatchObject({ code: 'USD', minorUnits: 2, usdRate: '1' });
  });

  it('cites the additional-area share only when more than one area is priced', () => {
    const one = estimate({ treatment: 'skin-rejuvenation' }, catalog);
    const two = estimate({ treatment: 'skin-rejuvenation', areas: ['face', 'neck'] }, catalog);
    const areaSources = (e: Estimate) => e.adjustments.find((a) => a.kind === 'area')!.sources;
    expect(areaSources(one)).not.toContain('assumption-additional-area-share');
    expect(areaSources(two)).toContain('assumption-additional-area-share');
  });

  it('defaults to the reference area, US, city, physician and the country\'s own currency', () => {
    const e = estimate({ treatment: 'fat-reduction' }, catalog);
    expect(e.request).toEqual({
      treatment: 'fat-reduction',
      areas: ['abdomen'],
      country: 'US',
      cityTier: 'city',
      practitioner: 'physician',
      sessions: null,
      currency: 'USD',
      package: { kind: 'none' },
    });
    expect(e.perSession).toEqual({ low: '250.00', typical: '400.00', high: '600.00' });
  });

  it('treats an empty areas list as the reference area', () => {
    expect(estimate({ treatment: 'fat-reduction', areas: [] }, catalog)).toEqual(estimate({ treatment: 'fat-reduction' }, catalog));
  });

  it('prices a Japanese estimate in whole yen as round(base * factors * rate), half-up', () => {
    const e = estimate({ treatment: 'skin-rejuvenation', country: 'JP' }, catalog);
    expect(e.currency).toMatchObject({ code: 'JPY', minorUnits: 0 });
    for (const level of LEVELS) {
      expect(e.perSession[level]).toMatch(/^\d+$/);
      expect(e.total[level]).toMatch(/^\d+$/);
      expect(e.perSession[level]).toBe(expectedPerSession(catalog, { treatment: 'skin-rejuvenation', level, areaFactor: '1', country: 'JP', currency: 'JPY' }));
      expect(e.total[level]).toBe(new Decimal(e.perSession[level]).times(e.sessions[level]).toFixed(0));
    }
  });

  it('prices a Japanese estimate with two areas, a specialist and a major metro by the same formula', () => {
    const request = { treatment: 'skin-rejuvenation', areas: ['decolletage', 'face'], country: 'JP', cityTier: 'major-metro', practitioner: 'specialist' } as const;
    const e = estimate(request, catalog);
    // face 1 in full, decolletage 1 at half: 1.5
    expect(e.adjustments.find((a) => a.kind === 'area')?.factor).toBe('1.5');
    for (const level of LEVELS) {
      expect(e.perSession[level]).toMatch(/^\d+$/);
      expect(e.perSession[level]).toBe(expectedPerSession(catalog, { ...request, level, areaFactor: '1.5', currency: 'JPY' }));
    }
  });

  it('prices a French estimate shown in US dollars at the USD rate 1, with a currency-converted note', () => {
    const e = estimate({ treatment: 'hair-restoration', country: 'FR', currency: 'USD' }, catalog);
    expect(e.currency).toMatchObject({ code: 'USD', minorUnits: 2, usdRate: '1' });
    expect(e.request.country).toBe('FR');
    for (const level of LEVELS) {
      expect(e.perSession[level]).toBe(expectedPerSession(catalog, { treatment: 'hair-restoration', level, areaFactor: '1', country: 'FR', currency: 'USD' }));
    }
    expect(e.adjustments.find((a) => a.kind === 'currency')).toMatchObject({ id: 'USD', factor: '1' });
    expect(e.notes.map((n) => n.code)).toContain('currency-converted');
  });

  it('prices France in euros by default, without a currency-converted note', () => {
    const e = estimate({ treatment: 'hair-restoration', country: 'FR' }, catalog);
    expect(e.currency.code).toBe('EUR');
    expect(e.perSession.typical).toBe(expectedPerSession(catalog, { treatment: 'hair-restoration', level: 'typical', areaFactor: '1', country: 'FR', currency: 'EUR' }));
    expect(e.notes.map((n) => n.code)).not.toContain('currency-converted');
  });

  it('a fixed number of sessions sets all three levels and the totals follow it', () => {
    const e = estimate({ treatment: 'pain-management', sessions: 7 }, catalog);
    expect(e.sessions).toEqual({ low: 7, typical: 7, high: 7 });
    expect(e.request.sessions).toBe(7);
    expect(e.perSession).toEqual({ low: '200.00', typical: '350.00', high: '500.00' });
    expect(e.total).toEqual({ low: '1400.00', typical: '2450.00', high: '3500.00' });
    expect(e.adjustments.find((a) => a.kind === 'sessions')?.counts).toEqual({ low: 7, typical: 7, high: 7 });
  });

  it('reports the exchange rate and its year in the currency block', () => {
    const e = estimate({ treatment: 'skin-rejuvenation', country: 'JP' }, catalog);
    const jpy = catalog.currencies.get('JPY')!;
    expect(e.currency.usdRate).toBe(jpy.usdRate.value.toString());
    expect(e.currency.rateYear).toBe(jpy.usdRate.year);
  });
});

describe('estimate: adjustments, sources and data version', () => {
  const requests: EstimateRequest[] = [
    { treatment: 'skin-rejuvenation' },
    { treatment: 'skin-rejuvenation', areas: ['neck', 'face', 'decolletage'], country: 'FR', cityTier: 'major-metro', practitioner: 'specialist' },
    { treatment: 'hair-restoration', country: 'JP', currency: 'USD', sessions: 12 },
    { treatment: 'pain-management', country: 'IN', cityTier: 'town', practitioner: 'non-physician', sessions: 2 },
    { treatment: 'cellulite-reduction', areas: ['buttocks', 'thighs'], country: 'BR', currency: 'EUR' },
  ];

  it.each(requests)('lists adjustments in the order base-price, area, practitioner, city-tier, price-level, currency, sessions (%o)', (request) => {
    const e = estimate(request, catalog);
    expect(e.adjustments.map((a) => a.kind)).toEqual(['base-price', 'area', 'practitioner', 'city-tier', 'price-level', 'currency', 'sessions']);
  });

  it.each(requests)('every source an adjustment or note cites is in sources, and every source listed is cited, once (%o)', (request) => {
    const e = estimate(request, catalog);
    const listed = sourceIds(e);
    const cited = new Set([...e.adjustments, ...e.notes].flatMap((item) => item.sources));
    expect(new Set(listed).size).toBe(listed.length);
    expect([...cited].sort()).toEqual([...listed].sort());
    for (const item of [...e.adjustments, ...e.notes]) expect(item.sources.length).toBeGreaterThan(0);
    for (const source of e.sources) expect(source).toEqual(catalog.sources.get(source.id));
  });

  it.each(requests)('reports the catalog\'s data version (%o)', (request) => {
    const e = estimate(request, catalog);
    expect(e.dataVersion).toBe(catalog.version);
    expect(e.dataVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('the base-price adjustment carries the USD band and the price-level adjustment is 1 for the US', () => {
    const e = estimate({ treatment: 'hair-restoration' }, catalog);
    expect(e.adjustments[0]).toMatchObject({ kind: 'base-price', id: 'hair-restoration', amounts: { low: '300.00', typical: '500.00', high: '700.00' } });
    expect(e.adjustments.find((a) => a.kind === 'price-level')).toMatchObject({ id: 'US', factor: '1' });
    expect(e.adjustments.find((a) => a.kind === 'city-tier')).toMatchObject({ id: 'city', factor: '1' });
    expect(e.adjustments.find((a) => a.kind === 'practitioner')).toMatchObject({ id: 'physician', factor: '1' });
  });

  it('the tier adjustments report the catalog\'s factors for the tiers asked for', () => {
    const e = estimate({ treatment: 'hair-restoration', cityTier: 'town', practitioner: 'non-physician' }, catalog);
    expect(e.adjustments.find((a) => a.kind === 'city-tier')?.factor).toBe(catalog.cityTiers.get('town')!.factor.value.toString());
    expect(e.adjustments.find((a) => a.kind === 'practitioner')?.factor).toBe(catalog.practitioners.get('non-physician')!.factor.value.toString());
  });
});

describe('estimate: notes', () => {
  const codes = (e: Estimate): string[] => e.notes.map((n) => n.code);

  it('a baseline estimate has exactly the consultation, insurance, hsa-fsa, maintenance and no-published-prices notes, in that order', () => {
    expect(codes(estimate({ treatment: 'skin-rejuvenation' }, catalog))).toEqual(['consultation', 'insurance', 'hsa-fsa', 'maintenance', 'no-published-prices']);
  });

  it('mentions HSA and FSA accounts, a US scheme, only for the US', () => {
    for (const country of ['FR', 'GB', 'JP']) expect(codes(estimate({ treatment: 'skin-rejuvenation', country }, catalog)), country).not.toContain('hsa-fsa');
    expect(codes(estimate({ treatment: 'skin-rejuvenation', country: 'FR', currency: 'USD' }, catalog))).not.toContain('hsa-fsa');
  });

  it('the insurance note says cosmetic treatments are not covered', () => {
    for (const treatment of ['skin-rejuvenation', 'fat-reduction', 'hair-restoration']) {
      const note = estimate({ treatment }, catalog).notes.find((n) => n.code === 'insurance')!;
      expect(note.text).toMatch(/not covered/);
      expect(note.text).not.toMatch(/partly/);
    }
  });

  it('the insurance note for therapeutic pain management says coverage is rare and at most partial', () => {
    const note = estimate({ treatment: 'pain-management' }, catalog).notes.find((n) => n.code === 'insurance')!;
    expect(note.text).toMatch(/partly/);
    expect(note.text).toMatch(/rare/);
    expect(note.text).not.toMatch(/not covered/);
    expect(note.sources).toEqual(['seed-000-insurance']);
  });

  it('the maintenance note gives the 12-18 month duration and the yearly maintenance sessions', () => {
    const note = estimate({ treatment: 'skin-rejuvenation' }, catalog).notes.find((n) => n.code === 'maintenance')!;
    expect(note.text).toContain('12-18 months');
    expect(note.text).toContain('about 2 a year');
  });

  it('a non-US country adds a market-model note that says what the model was fitted on and what its ranges hold', () => {
    const note = estimate({ treatment: 'skin-rejuvenation', country: 'FR' }, catalog).notes.find((n) => n.code === 'market-model');
    const { observations, countries } = catalog.market.fittedOn;
    expect(note?.text).toContain(`fitted to ${observations} published clinic and salon prices in ${countries} countries`);
    expect(note?.text).toMatch(/9 in 10 .* 8 in 10/);
    expect(note?.sources).toEqual(['market-model-fit']);
    expect(codes(estimate({ treatment: 'skin-rejuvenation', country: 'US' }, catalog))).not.toContain('market-model');
  });

  it('sessions outside the treatment range add a sessions-outside-range note; inside the range do not', () => {
    // skin rejuvenation: 3 to 6 sessions
    expect(codes(estimate({ treatment: 'skin-rejuvenation', sessions: 2 }, catalog))).toContain('sessions-outside-range');
    expect(codes(estimate({ treatment: 'skin-rejuvenation', sessions: 7 }, catalog))).toContain('sessions-outside-range');
    for (const sessions of [3, 5, 6]) {
      expect(codes(estimate({ treatment: 'skin-rejuvenation', sessions }, catalog))).not.toContain('sessions-outside-range');
    }
  });
});

describe('estimate: errors name the fault and what is allowed', () => {
  const cases: Array<{ name: string; request: EstimateRequest; code: DomainErrorCode; pointer: string; allowed: readonly string[] | undefined }> = [
    { name: 'an unknown treatment', request: { treatment: 'botox' }, code: 'unknown-treatment', pointer: '/treatment', allowed: [...catalog.treatments.keys()] },
    {
      name: 'an unknown area',
      request: { treatment: 'skin-rejuvenation', areas: ['face', 'elbow'] },
      code: 'unknown-area',
      pointer: '/areas/1',
      allowed: catalog.treatments.get('skin-rejuvenation')!.allowedAreas,
    },
    { name: 'an area the treatment is not offered on (hair restoration on the face)', request: { treatment: 'hair-restoration', areas: ['face'] }, code: 'area-not-allowed', pointer: '/areas/0', allowed: ['scalp'] },
    { name: 'a duplicate area', request: { treatment: 'skin-rejuvenation', areas: ['neck', 'face', 'neck'] }, code: 'duplicate-area', pointer: '/areas/2', allowed: undefined },
    { name: 'an unknown country', request: { treatment: 'skin-rejuvenation', country: 'XX' }, code: 'unknown-country', pointer: '/country', allowed: [...catalog.countries.keys()] },
    { name: 'an unknown currency', request: { treatment: 'skin-rejuvenation', currency: 'XYZ' }, code: 'unknown-currency', pointer: '/currency', allowed: [...catalog.currencies.keys()] },
  ];

  it.each(cases)('$name throws DomainError $code at $pointer with the allowed ids', ({ request, code, pointer, allowed }) => {
    const error = domainError(request);
    expect(error.code).toBe(code);
    expect(error.details).toHaveLength(1);
    expect(error.details[0]!.pointer).toBe(pointer);
    expect(error.details[0]!.allowed).toEqual(allowed);
    expect(error.message.length).toBeGreaterThan(0);
  });

  it('an unknown treatment\'s allowed list is every treatment in the catalog, and its message names them', () => {
    const error = domainError({ treatment: 'botox' });
    expect(error.details[0]!.allowed).toEqual(expect.arrayContaining(['skin-rejuvenation', 'fat-reduction', 'hair-restoration', 'pain-management']));
    expect(error.details[0]!.message).toContain('skin-rejuvenation');
  });

  it('an unknown country\'s and currency\'s allowed lists contain the familiar codes', () => {
    expect(domainError({ treatment: 'skin-rejuvenation', country: 'XX' }).details[0]!.allowed).toEqual(expect.arrayContaining(['US', 'FR', 'JP']));
    expect(domainError({ treatment: 'skin-rejuvenation', currency: 'XYZ' }).details[0]!.allowed).toEqual(expect.arrayContaining(['USD', 'EUR', 'JPY']));
  });

  it('a duplicate area is reported at its second occurrence even when listed next to each other', () => {
    expect(domainError({ treatment: 'fat-reduction', areas: ['chin', 'chin'] }).details[0]!.pointer).toBe('/areas/1');
  });
});

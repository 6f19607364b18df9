// checkPriceSheet(): a clinic's sheet is checked against the catalog the way the data files are,
// and refused with every fault listed at once, each at its field, with what is allowed there.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { checkPriceSheet, type PriceSheet } from '../../src/domain/price-sheet.js';
import { committedCatalog } from '../fixtures/committed-data.js';

const catalog = committedCatalog();
const good: PriceSheet = {
  country: 'FR',
  cityTier: 'city',
  practitioner: 'physician',
  currency: 'EUR',
  treatments: {
    'skin-rejuvenation': { perSession: '150.00', areas: { neck: '120.5' }, sessions: { min: 3, typical: 5, max: 5 } },
    'fat-reduction': { sessions: { min: 4, typical: 4, max: 4 } },
  },
};

function faults(sheet: PriceSheet): DomainError {
  try {
    checkPriceSheet(sheet, catalog);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected invalid-price-sheet');
}

describe('checkPriceSheet', () => {
  it('accepts a sheet whose ids exist, whose amounts fit the currency and whose ranges are ordered', () => {
    expect(() => checkPriceSheet(good, catalog)).not.toThrow();
    expect(() => checkPriceSheet({ ...good, currency: 'JPY', treatments: { 'skin-rejuvenation': { perSession: '15000' } } }, catalog)).not.toThrow();
  });

  it('an unknown country and currency, with every allowed id', () => {
    const e = faults({ ...good, country: 'XX', currency: 'XYZ', treatments: {} });
    expect(e.code).toBe('invalid-price-sheet');
    expect(e.details).toEqual([
      { pointer: '/country', message: "'XX' is not a country with price data (GET /v1/countries)", allowed: [...catalog.countries.keys()] },
      { pointer: '/currency', message: "'XYZ' is not a currency with an exchange rate (GET /v1/catalog)", allowed: [...catalog.currencies.keys()] },
    ]);
    expect(e.message).toBe(
      "The price sheet has 2 faults: /country: 'XX' is not a country with price data (GET /v1/countries); /currency: 'XYZ' is not a currency with an exchange rate (GET /v1/catalog)",
    );
  });

  it('amounts: above zero, no more decimals than the currency has (1 decimal, and several)', () => {
    const e = faults({ ...good, treatments: { 'skin-rejuvenation': { perSession: '0', areas: { neck: '10.505' } } } });
    expect(e.details).toEqual([
      { pointer: '/treatments/skin-rejuvenation/perSession', message: 'a price must be above zero' },
      { pointer: '/treatments/skin-rejuvenation/areas/neck', message: "EUR has 2 decimals; '10.505' has 3" },
    ]);
    const one = faults({ ...good, currency: 'JPY', treatments: { 'skin-rejuvenation': { perSession: '1500.5' } } });
    expect(one.details).toEqual([{ pointer: '/treatments/skin-rejuvenation/perSession', message: "JPY has 0 decimals; '1500.5' has 1" }]);
    expect(one.message).toBe("The price sheet has 1 fault: /treatments/skin-rejuvenation/perSession: JPY has 0 decimals; '1500.5' has 1");
    // A currency of one decimal is named in the singular (none in the catalog today: a stand-in).
    const oneDecimal = { ...catalog, currencies: new Map([...catalog.currencies, ['XOD', { ...catalog.currencies.get('EUR')!, code: 'XOD', minorUnits: 1 }]]) };
    let error: unknown;
    try {
      checkPriceSheet({ ...good, currency: 'XOD', treatments: { 'skin-rejuvenation': { perSession: '10.25' } } }, oneDecimal);
    } catch (e) {
      error = e;
    }
    expect((error as DomainError).details).toEqual([{ pointer: '/treatments/skin-rejuvenation/perSession', message: "XOD has 1 decimal; '10.25' has 2" }]);
  });

  it('treatments and areas: unknown ids, areas not offered, area prices without the reference price, unordered courses, empty entries', () => {
    const e = faults({
      ...good,
      treatments: {
        botox: { perSession: '100' },
        'hair-restoration': { areas: { face: '100.00', scalp: '90.00' } },
        'skin-rejuvenation': { sessions: { min: 5, typical: 3, max: 6 } },
        'fat-reduction': {},
      },
    });
    expect(e.details).toEqual([
      { pointer: '/treatments/botox', message: "'botox' is not a treatment", allowed: [...catalog.treatments.keys()] },
      { pointer: '/treatments/hair-restoration/perSession', message: 'is required with per-area prices: it prices the scalp and the areas the sheet leaves out' },
      { pointer: '/treatments/hair-restoration/areas/face', message: "hair-restoration is not offered on 'face'", allowed: ['scalp'] },
      { pointer: '/treatments/skin-rejuvenation/sessions', message: 'must have min <= typical <= max (got 5, 3, 6)' },
      { pointer: '/treatments/fat-reduction', message: 'sets nothing: give perSession, areas or sessions, or leave the treatment out' },
    ]);
    const high = faults({ ...good, treatments: { 'skin-rejuvenation': { sessions: { min: 3, typical: 7, max: 6 } } } });
    expect(high.details[0]!.message).toBe('must have min <= typical <= max (got 3, 7, 6)');
  });

  it('lists at most 20 faults and a message of at most 1,000 characters', () => {
    const treatments = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`t${i}`, { perSession: '1' }]));
    const e = faults({ ...good, treatments });
    expect(e.details).toHaveLength(20);
    expect(e.message.length).toBe(1000);
    expect(e.message.startsWith('The price sheet has 30 faults: /treatments/t0:')).toBe(true);
  });
});

// The words of estimate()'s refusals, pinned in full: a client shows them to a person, so a
// message that loses its list of what is allowed, or says the wrong field, is a bug.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { estimate, type EstimateRequest } from '../../src/domain/estimate.js';
import { committedCatalog } from '../fixtures/committed-data.js';

const catalog = committedCatalog();

function refusal(request: EstimateRequest): DomainError {
  try {
    estimate(request, catalog);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected a DomainError for ${JSON.stringify(request)}`);
}

describe('estimate(): refusals, word for word', () => {
  it('an unknown treatment names every treatment', () => {
    const all = [...catalog.treatments.keys()];
    const e = refusal({ treatment: 'botox' });
    expect(e.message).toBe("Unknown treatment 'botox'.");
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DomainError');
    expect(e.code).toBe('unknown-treatment');
    expect(e.details).toEqual([{ pointer: '/treatment', message: `'botox' is not a treatment; use one of: ${all.join(', ')}`, allowed: all }]);
  });

  it('an unknown area, and an area the treatment is not offered on, name the treatment\'s areas', () => {
    const allowed = catalog.treatments.get('skin-rejuvenation')!.allowedAreas;
    const unknown = refusal({ treatment: 'skin-rejuvenation', areas: ['face', 'elbow'] });
    expect(unknown.message).toBe("Unknown area 'elbow'.");
    expect(unknown.details).toEqual([{ pointer: '/areas/1', message: `'elbow' is not an area; skin-rejuvenation allows: ${allowed.join(', ')}`, allowed }]);
    const other = refusal({ treatment: 'skin-rejuvenation', areas: ['scalp'] });
    expect(other.message).toBe("Area 'scalp' is not treated for skin-rejuvenation.");
    expect(other.details).toEqual([{ pointer: '/areas/0', message: `skin-rejuvenation is not offered on 'scalp'; allowed areas: ${allowed.join(', ')}`, allowed }]);
  });

  it('a duplicate area', () => {
    const e = refusal({ treatment: 'skin-rejuvenation', areas: ['neck', 'neck'] });
    expect(e.message).toBe("Area 'neck' is listed twice.");
    expect(e.details).toEqual([{ pointer: '/areas/1', message: "'neck' appears more than once; list each area once" }]);
  });

  it('an unknown country and an unknown currency say how many there are', () => {
    const country = refusal({ treatment: 'skin-rejuvenation', country: 'XX' });
    expect(country.message).toBe("Unknown country 'XX'.");
    expect(country.details[0]!.message).toBe(
      `'XX' is not a country with price data; use an ISO 3166-1 alpha-2 code such as US, FR or JP (GET /v1/countries lists all ${catalog.countries.size})`,
    );
    const currency = refusal({ treatment: 'skin-rejuvenation', currency: 'XYZ' });
    expect(currency.message).toBe("No exchange rate for currency 'XYZ'.");
    expect(currency.details[0]!.message).toBe(
      `'XYZ' is not a currency with an exchange rate; use an ISO 4217 code such as USD, EUR or JPY (GET /v1/catalog lists all ${catalog.currencies.size})`,
    );
  });

  it('a catalog without a requested tier is a broken invariant, not a client error', () => {
    const noTown = { ...catalog, cityTiers: new Map([...catalog.cityTiers].filter(([id]) => id !== 'town')) };
    expect(() => estimate({ treatment: 'skin-rejuvenation', cityTier: 'town' }, noTown)).toThrow(new Error('catalog invariant: a tier is missing'));
    const noSpecialist = { ...catalog, practitioners: new Map([...catalog.practitioners].filter(([id]) => id !== 'specialist')) };
    expect(() => estimate({ treatment: 'skin-rejuvenation', practitioner: 'specialist' }, noSpecialist)).toThrow(new Error('catalog invariant: a tier is missing'));
  });
});

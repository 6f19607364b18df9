// Laws of the pricing engine, checked with fast-check over generated valid requests on the
// committed catalog: any treatment, any non-empty set of its areas in any order, any country,
// city tier and practitioner, optional fixed sessions and optional output currency.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CityTierId, PractitionerId } from '../../src/data/schema.js';
import { LEVELS, type TreatmentModel } from '../../src/domain/catalog.js';
import { estimate, type Estimate, type EstimateRequest } from '../../src/domain/estimate.js';
import { committedCatalog } from '../fixtures/committed-data.js';

const catalog = committedCatalog();
const RUNS = { numRuns: 300 };

/** Cheapest first. */
const CITY_TIERS: readonly CityTierId[] = ['town', 'city', 'major-metro'];
const PRACTITIONERS: readonly PractitionerId[] = ['non-physician', 'physician', 'specialist'];

const treatments = [...catalog.treatments.values()];
const countryCodes = [...catalog.countries.keys()];
const currencyCodes = [...catalog.currencies.keys()];

const requestFor = (t: TreatmentModel, areas: fc.Arbitrary<string[]>): fc.Arbitrary<EstimateRequest> =>
  fc.record({
    treatment: fc.constant(t.id),
    areas,
    country: fc.constantFrom(...countryCodes),
    cityTier: fc.constantFrom(...CITY_TIERS),
    practitioner: fc.constantFrom(...PRACTITIONERS),
    sessions: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
    currency: fc.option(fc.constantFrom(...currencyCodes), { nil: undefined }),
  });

/** A valid request: a non-empty subset of the treatment's areas, in arbitrary order. */
const requestArb: fc.Arbitrary<EstimateRequest> = fc
  .constantFrom(...treatments)
  .chain((t) => requestFor(t, fc.shuffledSubarray([...t.allowedAreas], { minLength: 1 })));

/** A valid request that leaves out at least one allowed area, and an allowed area it left out. */
const requestWithSpareAreaArb: fc.Arbitrary<{ request: EstimateRequest; extra: string }> = fc
  .constantFrom(...treatments.filter((t) => t.allowedAreas.length > 1))
  .chain((t) =>
    fc.shuffledSubarray([...t.allowedAreas], { minLength: 2 }).chain((areas) =>
      requestFor(t, fc.constant(areas.slice(0, -1))).map((request) => ({ request, extra: areas[areas.length - 1]! })),
    ),
  );

const amounts = (e: Estimate): string[] => LEVELS.flatMap((level) => [e.perSession[level], e.total[level]]);

/** Every per-session price and total of `cheaper` is at most the same one of `dearer`. */
function notDearer(cheaper: Estimate, dearer: Estimate): boolean {
  return LEVELS.every(
    (level) => new Decimal(cheaper.perSession[level]).lte(dearer.perSession[level]) && new Decimal(cheaper.total[level]).lte(dearer.total[level]),
  );
}

describe('estimate laws (fast-check, 300 runs each)', () => {
  it('low <= typical <= high for the per-session price and the course total', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const e = estimate(request, catalog);
        for (const levels of [e.perSession, e.total]) {
          expect(new Decimal(levels.low).lte(levels.typical)).toBe(true);
          expect(new Decimal(levels.typical).lte(levels.high)).toBe(true);
        }
        expect(e.sessions.low).toBeLessThanOrEqual(e.sessions.typical);
        expect(e.sessions.typical).toBeLessThanOrEqual(e.sessions.high);
      }),
      RUNS,
    );
  });

  it('no amount or session count is negative', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const e = estimate(request, catalog);
        for (const amount of amounts(e)) {
          expect(amount.startsWith('-')).toBe(false);
          expect(new Decimal(amount).isNegative()).toBe(false);
        }
        for (const level of LEVELS) expect(e.sessions[level]).toBeGreaterThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('the course total is exactly the per-session price times the sessions, at every level', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const e = estimate(request, catalog);
        for (const level of LEVELS) {
          const product = new Decimal(e.perSession[level]).times(e.sessions[level]);
          expect(new Decimal(e.total[level]).eq(product)).toBe(true);
          expect(e.total[level]).toBe(product.toFixed(e.currency.minorUnits));
        }
        if (request.sessions !== undefined) expect(e.sessions).toEqual({ low: request.sessions, typical: request.sessions, high: request.sessions });
      }),
      RUNS,
    );
  });

  it('a higher city tier is never cheaper (town <= city <= major-metro)', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const [town, city, metro] = CITY_TIERS.map((cityTier) => estimate({ ...request, cityTier }, catalog));
        expect(notDearer(town!, city!)).toBe(true);
        expect(notDearer(city!, metro!)).toBe(true);
      }),
      RUNS,
    );
  });

  it('a higher practitioner tier is never cheaper (non-physician <= physician <= specialist)', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const [nonPhysician, physician, specialist] = PRACTITIONERS.map((practitioner) => estimate({ ...request, practitioner }, catalog));
        expect(notDearer(nonPhysician!, physician!)).toBe(true);
        expect(notDearer(physician!, specialist!)).toBe(true);
      }),
      RUNS,
    );
  });

  it('adding an allowed area is never cheaper', () => {
    fc.assert(
      fc.property(requestWithSpareAreaArb, ({ request, extra }) => {
        const before = estimate(request, catalog);
        const after = estimate({ ...request, areas: [...(request.areas ?? []), extra] }, catalog);
        expect(notDearer(before, after)).toBe(true);
      }),
      RUNS,
    );
  });

  it('the order of the areas does not change the estimate', () => {
    const arb = requestArb.chain((request) =>
      fc.shuffledSubarray([...(request.areas ?? [])], { minLength: request.areas?.length ?? 0 }).map((reordered) => ({ request, reordered })),
    );
    fc.assert(
      fc.property(arb, ({ request, reordered }) => {
        expect(estimate({ ...request, areas: reordered }, catalog)).toEqual(estimate(request, catalog));
      }),
      RUNS,
    );
  });

  it('zero-decimal currencies give whole numbers; every other currency exactly its minor units of decimals', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const e = estimate(request, catalog);
        const minorUnits = catalog.currencies.get(e.currency.code)!.minorUnits;
        expect(e.currency.minorUnits).toBe(minorUnits);
        const shape = minorUnits === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${minorUnits}}$`);
        for (const amount of amounts(e)) expect(amount).toMatch(shape);
      }),
      RUNS,
    );
  });

  it('every zero-decimal currency in the catalog prices without a decimal point', () => {
    const zeroDecimal = [...catalog.currencies.values()].filter((c) => c.minorUnits === 0).map((c) => c.code);
    expect(zeroDecimal).toContain('JPY');
    fc.assert(
      fc.property(requestArb, fc.constantFrom(...zeroDecimal), (request, currency) => {
        for (const amount of amounts(estimate({ ...request, currency }, catalog))) expect(amount).not.toContain('.');
      }),
      RUNS,
    );
  });

  it('is deterministic: the same request gives a deep-equal estimate', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const first = estimate(request, catalog);
        const second = estimate(structuredClone(request), catalog);
        expect(second).toEqual(first);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      RUNS,
    );
  });
});

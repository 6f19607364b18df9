// The fast JSON path (estimate-json.ts) sends exactly the bytes of estimate()'s object: the
// full view equals JSON.stringify of the estimate with its sources as references, the summary
// view the same object's summary fields, on random requests of every kind. The summary view is
// at most 15% of the full answer's bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimate, type EstimateRequest, type PackageRequest } from '../../src/domain/estimate.js';
import { estimateJson, estimateWire, sourceRef, SUMMARY_FIELDS } from '../../src/domain/estimate-json.js';
import { dec } from '../../src/domain/money.js';
import { committedCatalog } from '../fixtures/committed-data.js';

const catalog = committedCatalog();
const treatments = [...catalog.treatments.values()];

const packageArb: fc.Arbitrary<PackageRequest | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant<PackageRequest>({ kind: 'none' }),
  fc.record({ kind: fc.constant('prepaid-course' as const), discountPercent: fc.option(fc.integer({ min: 0, max: 10000 }).map((c) => dec(c).div(100)), { nil: undefined }) }),
  fc.record({ kind: fc.constant('new-patient' as const), discountPercent: fc.option(fc.integer({ min: 0, max: 100 }).map(dec), { nil: undefined }) }),
  fc.integer({ min: 2, max: 8 }).chain((buy) => fc.record({ kind: fc.constant('buy-n-get-m' as const), buy: fc.constant(buy), free: fc.integer({ min: 1, max: buy - 1 }) })),
);

const requestArb: fc.Arbitrary<EstimateRequest> = fc.constantFrom(...treatments).chain((t) =>
  fc.record({
    treatment: fc.constant(t.id),
    areas: fc.option(fc.shuffledSubarray([...t.allowedAreas], { minLength: 1 }), { nil: undefined }),
    country: fc.option(fc.constantFrom(...catalog.countries.keys()), { nil: undefined }),
    cityTier: fc.option(fc.constantFrom('town' as const, 'city' as const, 'major-metro' as const), { nil: undefined }),
    practitioner: fc.option(fc.constantFrom('non-physician' as const, 'physician' as const, 'specialist' as const), { nil: undefined }),
    sessions: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
    currency: fc.option(fc.constantFrom(...catalog.currencies.keys()), { nil: undefined }),
    package: packageArb,
  }),
);

describe('estimateJson: the answer as bytes', () => {
  it('the full view is JSON.stringify(estimate()) with sources as references, byte for byte', () => {
    fc.assert(
      fc.property(requestArb, (request) => {
        const e = estimate(request, catalog);
        expect(estimateJson(request, catalog)).toBe(JSON.stringify({ ...e, sources: e.sources.map(sourceRef) }));
      }),
      { numRuns: 3000 },
    );
  });

  it('the summary view is the same estimate\'s request, currency, perSession, sessions, total, likely and dataVersion, at most 15% of the full bytes', () => {
    let largest = 0;
    fc.assert(
      fc.property(requestArb, (request) => {
        const e = estimate(request, catalog);
        const summary = estimateJson(request, catalog, 'summary');
        expect(summary).toBe(JSON.stringify(Object.fromEntries(SUMMARY_FIELDS.map((f) => [f, e[f]]))));
        const share = Buffer.byteLength(summary) / Buffer.byteLength(estimateJson(request, catalog));
        largest = Math.max(largest, share);
        expect(share).toBeLessThanOrEqual(0.15);
      }),
      { numRuns: 2000 },
    );
    console.log(`summary view: at most ${(largest * 100).toFixed(1)}% of the full answer's bytes`);
  });

  it('names the request as priced, the input of the ETag, whatever the view', () => {
    const request = { treatment: 'fat-reduction', areas: ['flanks', 'abdomen'], country: 'FR' };
    const full = estimateWire(request, catalog);
    expect(JSON.parse(full.request)).toEqual(estimate(request, catalog).request);
    expect(estimateWire(request, catalog, 'summary').request).toBe(full.request);
  });
});

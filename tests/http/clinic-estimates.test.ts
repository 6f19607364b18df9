// Estimates for a clinic: the sheet's figures where it has them (price per area, course, package
// terms), market data elsewhere, each labelled in adjustments, sources and `clinic`; the clinic's
// price placed against the market range; and never a cached answer from another sheet version.
import { Decimal } from 'decimal.js';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { FRENCH_SHEET, newClinic, putSheet } from '../support/storage.js';
import { useStorageApp } from '../support/storage-app.js';
import { expectFieldError, expectProblem } from './http-helpers.js';

let app: FastifyInstance;
let clinic: Awaited<ReturnType<typeof newClinic>>;

useStorageApp(async (a) => {
  app = a;
  clinic = await newClinic(app, 'Clinique Lumière');
  expect((await putSheet(app, clinic, FRENCH_SHEET)).statusCode).toBe(201);
});

const post = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/v1/estimates', payload });

describe("the clinic's own figures", () => {
  it("prices a session from the sheet, in the sheet's currency, for its country, tier and practitioner", async () => {
    const res = await post({ treatment: 'skin-rejuvenation', clinic: clinic.id });
    expect(res.statusCode).toBe(200);
    const e = res.json();
    expect(e.request).toMatchObject({ country: 'FR', cityTier: 'major-metro', practitioner: 'physician', currency: 'EUR' });
    expect(e.perSession).toEqual({ low: '180.00', typical: '180.00', high: '180.00' });
    expect(e.sessions).toEqual({ low: 3, typical: 4, high: 6 });
    expect(e.total).toEqual({ low: '540.00', typical: '720.00', high: '1080.00' });
    expect(e.adjustments.map((a: { kind: string }) => a.kind)).toEqual(['clinic-price', 'sessions']);
    expect(e.sources[0]).toMatchObject({ id: `clinic-${clinic.id}-v1`, kind: 'clinic', title: expect.stringContaining('Clinique Lumière, version 1') });
    for (const a of e.adjustments) expect(a.sources).toContain(`clinic-${clinic.id}-v1`);
    expect(e.clinic).toMatchObject({ id: clinic.id, name: 'Clinique Lumière', sheetVersion: 1, priceSource: 'clinic', sessionsSource: 'clinic', packageSource: 'none' });
  });

  it("uses the sheet's area prices, and scales its reference price by the market's published area ratio where it has none", async () => {
    // face 180 + 0.5 × neck 120 = 240; face 180 + 0.5 × décolletage (180 × 1/1) = 270
    const neck = (await post({ treatment: 'skin-rejuvenation', areas: ['neck', 'face'], clinic: clinic.id })).json();
    expect(neck.perSession.typical).toBe('240.00');
    const decolletage = (await post({ treatment: 'skin-rejuvenation', areas: ['face', 'decolletage'], clinic: clinic.id })).json();
    expect(decolletage.perSession.typical).toBe('270.00');
    expect(decolletage.adjustments[0].description).toContain('market area ratio 1');
    // under-eye alone: 180 × 0.95 (the market model's fitted under-eye factor) = 171.00
    expect((await post({ treatment: 'skin-rejuvenation', areas: ['under-eye'], clinic: clinic.id })).json().perSession.typical).toBe('171.00');
  });

  it("converts the sheet's prices once into another requested currency", async () => {
    const e = (await post({ treatment: 'skin-rejuvenation', clinic: clinic.id, currency: 'USD' })).json();
    // The published cross rate (10 significant digits) is the factor multiplied by: a client reproduces the price from it.
    const conversion = e.adjustments.find((a: { kind: string }) => a.kind === 'currency');
    const eurPerUsd = new Decimal(conversion.description.match(/EUR ([\d.]+) per USD/)[1]);
    expect(conversion.factor).toBe(new Decimal(1).div(eurPerUsd).toSignificantDigits(10, Decimal.ROUND_HALF_UP).toString());
    expect(e.perSession.typical).toBe(new Decimal('180').times(conversion.factor).toFixed(2, Decimal.ROUND_HALF_UP));
    expect(e.currency.code).toBe('USD');
  });

  it("applies the clinic's package terms, and the market defaults for a kind the sheet does not set", async () => {
    const prepaid = (await post({ treatment: 'skin-rejuvenation', clinic: clinic.id, package: { kind: 'prepaid-course' } })).json();
    expect(prepaid.request.package).toEqual({ kind: 'prepaid-course', discountPercent: '10' });
    expect(prepaid.total.typical).toBe('648.00'); // 720 − 10%
    expect(prepaid.clinic.packageSource).toBe('clinic');
    const buy = (await post({ treatment: 'skin-rejuvenation', clinic: clinic.id, package: { kind: 'buy-n-get-m' } })).json();
    expect(buy.clinic.packageSource).toBe('market');
    expect(buy.request.package).toEqual({ kind: 'buy-n-get-m', buy: 4, free: 1 });
    expect(buy.discount.high).toBe('180.00'); // 6 sessions: one free
  });

  it('lets a fixed session count in the request override the clinic course', async () => {
    const e = (await post({ treatment: 'skin-rejuvenation', clinic: clinic.id, sessions: 2 })).json();
    expect(e.sessions).toEqual({ low: 2, typical: 2, high: 2 });
    expect(e.clinic.sessionsSource).toBe('request');
    expect(e.likely).toEqual({ p10: '360.00', p50: '360.00', p90: '360.00' });
  });
});

describe('market data where the sheet has no figure', () => {
  it("prices a treatment the sheet leaves out as the market does at the clinic's place, and says so", async () => {
    const atClinic = (await post({ treatment: 'hair-restoration', clinic: clinic.id })).json();
    const market = (await post({ treatment: 'hair-restoration', country: 'FR', cityTier: 'major-metro', practitioner: 'physician' })).json();
    expect(atClinic.perSession).toEqual(market.perSession);
    expect(atClinic.total).toEqual(market.total);
    expect(atClinic.likely).toEqual(market.likely);
    expect(atClinic.adjustments[0]).toMatchObject({ kind: 'clinic-price', description: expect.stringContaining('has no price for hair restoration') });
    expect(atClinic.adjustments.slice(1).map((a: { kind: string }) => a.kind)).toEqual(market.adjustments.map((a: { kind: string }) => a.kind));
    expect(atClinic.clinic).toMatchObject({ priceSource: 'market', sessionsSource: 'market', marketPosition: null });
    // The market's sources are all still cited, after the sheet's.
    expect(atClinic.sources.slice(1).map((s: { id: string }) => s.id).sort()).toEqual(market.sources.map((s: { id: string }) => s.id).sort());
  });
});

describe("the clinic's course with market prices", () => {
  it('takes the session counts from the sheet and the prices from the market, with a likely range inside the totals', async () => {
    const c = await newClinic(app);
    await putSheet(app, c, { ...FRENCH_SHEET, treatments: { 'hair-restoration': { sessions: { min: 6, typical: 10, max: 12 } } } });
    const e = (await post({ treatment: 'hair-restoration', clinic: c.id })).json();
    const market = (await post({ treatment: 'hair-restoration', country: 'FR', cityTier: 'major-metro' })).json();
    expect(e.perSession).toEqual(market.perSession);
    expect(e.sessions).toEqual({ low: 6, typical: 10, high: 12 });
    expect(e.total.typical).toBe(new Decimal(market.perSession.typical).times(10).toFixed(2));
    expect(e.clinic).toMatchObject({ priceSource: 'market', sessionsSource: 'clinic' });
    expect(e.adjustments.find((a: { kind: string }) => a.kind === 'sessions').sources).toEqual([`clinic-${c.id}-v1`]);
    const [low, p10, p50, p90, high] = [e.total.low, e.likely.p10, e.likely.p50, e.likely.p90, e.total.high].map((v: string) => new Decimal(v));
    expect(low!.lte(p10!) && p10!.lte(p50!) && p50!.lte(p90!) && p90!.lte(high!)).toBe(true);
  });
});

describe('the clinic against the market range for its country', () => {
  it.each([
    ['40.00', 'below'],
    ['300.00', 'within'],
    ['5000.00', 'above'],
  ])('a %s EUR session is %s the market range, with its position', async (price, position) => {
    const other = await newClinic(app);
    await putSheet(app, other, { ...FRENCH_SHEET, treatments: { 'skin-rejuvenation': { perSession: price } } });
    const e = (await post({ treatment: 'skin-rejuvenation', clinic: other.id })).json();
    const market = (await post({ treatment: 'skin-rejuvenation', country: 'FR', cityTier: 'major-metro' })).json();
    expect(e.clinic.marketPerSession).toEqual(market.perSession);
    const [low, typical, high] = [market.perSession.low, market.perSession.typical, market.perSession.high].map((v: string) => new Decimal(v));
    expect(e.clinic.marketPosition).toEqual({
      position,
      fraction: new Decimal(price).minus(low!).div(high!.minus(low!)).toFixed(4),
      percentOfTypical: new Decimal(price).div(typical!).times(100).toFixed(1),
    });
  });
});

describe('requests the sheet contradicts, and clinics that cannot price', () => {
  it("answers 422 clinic-mismatch when the request names another country, tier or practitioner", async () => {
    const p = expectProblem(await post({ treatment: 'skin-rejuvenation', clinic: clinic.id, country: 'DE' }), 422, 'clinic-mismatch');
    expect(expectFieldError(p, '/country').allowed).toEqual(['FR']);
    expectFieldError(expectProblem(await post({ treatment: 'skin-rejuvenation', clinic: clinic.id, practitioner: 'specialist' }), 422, 'clinic-mismatch'), '/practitioner');
    // Naming the sheet's own values is fine.
    expect((await post({ treatment: 'skin-rejuvenation', clinic: clinic.id, country: 'fr', cityTier: 'major-metro' })).statusCode).toBe(200);
  });

  it('answers 422 for an unknown clinic and for a clinic without a sheet, 400 for a malformed id', async () => {
    expectFieldError(expectProblem(await post({ treatment: 'skin-rejuvenation', clinic: 'cl_0000000000000000' }), 422, 'unknown-clinic'), '/clinic');
    const bare = await newClinic(app);
    expectFieldError(expectProblem(await post({ treatment: 'skin-rejuvenation', clinic: bare.id }), 422, 'clinic-has-no-price-sheet'), '/clinic');
    expectFieldError(expectProblem(await app.inject({ url: `/v1/estimates?treatment=skin-rejuvenation&clinic=${bare.id}` }), 422, 'clinic-has-no-price-sheet'), '/clinic', 'query');
    expectFieldError(expectProblem(await post({ treatment: 'skin-rejuvenation', clinic: 'Robert' }), 400, 'validation-failed'), '/clinic');
  });

  it('still reports unknown treatments and areas as for any estimate', async () => {
    expectProblem(await post({ treatment: 'botox', clinic: clinic.id }), 422, 'unknown-treatment');
    expectProblem(await post({ treatment: 'skin-rejuvenation', areas: ['scalp'], clinic: clinic.id }), 422, 'area-not-allowed');
  });

  it('is not accepted in batch items, which price at market only', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/estimates/batch', payload: { items: [{ treatment: 'skin-rejuvenation', clinic: clinic.id }] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0]).toMatchObject({ code: 'validation-failed', errors: [{ pointer: '/items/0/clinic' }] });
  });
});

describe('caching never crosses sheet versions', () => {
  it('answers from the new version as soon as it is stored, with a new ETag', async () => {
    const c = await newClinic(app);
    await putSheet(app, c, { ...FRENCH_SHEET, treatments: { 'skin-rejuvenation': { perSession: '150.00' } } });
    const url = `/v1/estimates?treatment=skin-rejuvenation&clinic=${c.id}`;
    const first = await app.inject({ url });
    const cached = await app.inject({ url });
    expect(cached.body).toBe(first.body);
    expect(cached.headers.etag).toBe(first.headers.etag);
    expect(first.json().perSession.typical).toBe('150.00');

    await putSheet(app, c, { ...FRENCH_SHEET, treatments: { 'skin-rejuvenation': { perSession: '155.00' } } }, '"v1"');
    const after = await app.inject({ url, headers: { 'if-none-match': first.headers.etag as string } });
    expect(after.statusCode).toBe(200);
    expect(after.json().perSession.typical).toBe('155.00');
    expect(after.json().clinic.sheetVersion).toBe(2);
    expect(after.headers.etag).not.toBe(first.headers.etag);
    // And the market estimate for the same request is its own entry, unchanged.
    const market = (await app.inject({ url: '/v1/estimates?treatment=skin-rejuvenation&country=FR&cityTier=major-metro' })).json();
    expect(market.clinic).toBeUndefined();
  });

  it('answers 304 to the current ETag of a clinic estimate', async () => {
    const url = `/v1/estimates?treatment=skin-rejuvenation&clinic=${clinic.id}`;
    const first = await app.inject({ url });
    const again = await app.inject({ url, headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
  });
});

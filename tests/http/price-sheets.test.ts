// PUT and GET /v1/clinics/{id}/price-sheet: validated like the market data, versioned (old
// versions kept and readable), read back byte for byte, and conditional: the first PUT needs no
// If-Match; later ones need the current ETag (428 without, 412 when stale), so concurrent edits
// never silently overwrite each other.
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, FRENCH_SHEET, newClinic, putSheet } from '../support/storage.js';
import { useStorageApp } from '../support/storage-app.js';
import { expectFieldError, expectProblem } from './http-helpers.js';

let app: FastifyInstance;
useStorageApp((a) => {
  app = a;
});

describe('versions and conditional updates', () => {
  it('creates version 1 (201, ETag "v1"), then needs If-Match to replace it', async () => {
    const clinic = await newClinic(app);
    const first = await putSheet(app, clinic, FRENCH_SHEET);
    expect(first.statusCode).toBe(201);
    expect(first.headers.etag).toBe('"v1"');
    expect(first.json()).toMatchObject({ clinicId: clinic.id, version: 1, sheet: FRENCH_SHEET });

    const blind = await putSheet(app, clinic, { ...FRENCH_SHEET, currency: 'USD' });
    const p = expectProblem(blind, 428, 'precondition-required');
    expect(p.detail).toContain('If-Match: "v1"');

    const second = await putSheet(app, clinic, { ...FRENCH_SHEET, cityTier: 'city' }, '"v1"');
    expect(second.statusCode).toBe(200);
    expect(second.headers.etag).toBe('"v2"');

    const stale = await putSheet(app, clinic, { ...FRENCH_SHEET, cityTier: 'town' }, '"v1"');
    expect(expectProblem(stale, 412, 'precondition-failed').detail).toContain('"v2"');
    const star = await putSheet(app, clinic, { ...FRENCH_SHEET, cityTier: 'town' }, '*');
    expect(star.json()).toMatchObject({ version: 3, sheet: { cityTier: 'town' } });
  });

  it('answers 412 to If-Match on a clinic with no sheet yet', async () => {
    const clinic = await newClinic(app);
    expectProblem(await putSheet(app, clinic, FRENCH_SHEET, '"v1"'), 412, 'precondition-failed');
  });

  it('keeps old versions: ?version=n reads each one as it was', async () => {
    const clinic = await newClinic(app);
    await putSheet(app, clinic, FRENCH_SHEET);
    await putSheet(app, clinic, { ...FRENCH_SHEET, currency: 'USD' }, '"v1"');
    const v1 = await app.inject({ url: `/v1/clinics/${clinic.id}/price-sheet?version=1`, headers: bearer(clinic.key) });
    const latest = await app.inject({ url: `/v1/clinics/${clinic.id}/price-sheet`, headers: bearer(clinic.key) });
    expect(v1.json()).toMatchObject({ version: 1, sheet: { currency: 'EUR' } });
    expect(v1.headers.etag).toBe('"v1"');
    expect(latest.json()).toMatchObject({ version: 2, sheet: { currency: 'USD' } });
    expectProblem(await app.inject({ url: `/v1/clinics/${clinic.id}/price-sheet?version=3`, headers: bearer(clinic.key) }), 404, 'not-found');
  });

  it('reads back the bytes the PUT answered, and 304 for a current ETag', async () => {
    const clinic = await newClinic(app);
    const put = await putSheet(app, clinic, FRENCH_SHEET);
    const get = await app.inject({ url: `/v1/clinics/${clinic.id}/price-sheet`, headers: bearer(clinic.key) });
    expect(get.body).toBe(put.body);
    const again = await app.inject({ url: `/v1/clinics/${clinic.id}/price-sheet`, headers: { ...bearer(clinic.key), 'if-none-match': '"v1"' } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers 404 before a first sheet exists', async () => {
    const clinic = await newClinic(app);
    expectProblem(await app.inject({ url: `/v1/clinics/${clinic.id}/price-sheet`, headers: bearer(clinic.key) }), 404, 'not-found');
  });

  it('lets exactly one of two concurrent updates from the same version win; the other is 412', async () => {
    const clinic = await newClinic(app);
    await putSheet(app, clinic, FRENCH_SHEET);
    const results = await Promise.all(['city', 'town', 'major-metro'].map((cityTier) => putSheet(app, clinic, { ...FRENCH_SHEET, cityTier }, '"v1"')));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412, 412]);
    const latest = await app.inject({ url: `/v1/clinics/${clinic.id}/price-sheet`, headers: bearer(clinic.key) });
    expect(latest.json().version).toBe(2);
    expect(latest.json().sheet.cityTier).toBe(results.find((r) => r.statusCode === 200)!.json().sheet.cityTier);
  });
});

describe('validation, like the market data', () => {
  let clinic: Awaited<ReturnType<typeof newClinic>>;
  beforeAll(async () => {
    clinic = await newClinic(app);
  });

  it('names every id that does not exist, with the ids that do (422)', async () => {
    const res = await putSheet(app, clinic, {
      ...FRENCH_SHEET,
      country: 'XX',
      currency: 'ABC',
      treatments: { botox: { perSession: '100.00' }, 'hair-restoration': { perSession: '300.00', areas: { face: '200.00' } } },
    });
    const p = expectProblem(res, 422, 'invalid-price-sheet');
    const byPointer = Object.fromEntries((p.errors ?? []).map((e) => [e.pointer, e]));
    expect(Object.keys(byPointer).sort()).toEqual(['/country', '/currency', '/treatments/botox', '/treatments/hair-restoration/areas/face']);
    expect(byPointer['/treatments/botox']?.allowed).toContain('skin-rejuvenation');
    expect(byPointer['/treatments/hair-restoration/areas/face']?.allowed).toEqual(['scalp']);
    expect(byPointer['/country']?.allowed).toContain('FR');
  });

  it('checks amounts against the currency: no decimals in yen, no zero price', async () => {
    const res = await putSheet(app, clinic, { ...FRENCH_SHEET, country: 'JP', currency: 'JPY', treatments: { 'skin-rejuvenation': { perSession: '30000.50', areas: { neck: '0' } } } });
    const p = expectProblem(res, 422, 'invalid-price-sheet');
    expect(p.errors?.find((e) => e.pointer === '/treatments/skin-rejuvenation/perSession')?.message).toContain('JPY has 0 decimals');
    expect(p.errors?.find((e) => e.pointer === '/treatments/skin-rejuvenation/areas/neck')?.message).toContain('above zero');
  });

  it('needs ordered session ranges, a base price beside per-area prices, and some figure per treatment', async () => {
    const res = await putSheet(app, clinic, {
      ...FRENCH_SHEET,
      treatments: { 'skin-rejuvenation': { sessions: { min: 5, typical: 4, max: 6 } }, 'fat-reduction': { areas: { thighs: '300.00' } }, 'pain-management': {} },
    });
    const p = expectProblem(res, 422, 'invalid-price-sheet');
    expect(p.errors?.map((e) => e.pointer).sort()).toEqual(['/treatments/fat-reduction/perSession', '/treatments/pain-management', '/treatments/skin-rejuvenation/sessions']);
  });

  it('rejects malformed figures and unknown fields with JSON pointers (400)', async () => {
    const res = await putSheet(app, clinic, {
      ...FRENCH_SHEET,
      cityTier: 'village',
      treatments: { 'skin-rejuvenation': { perSession: 180 } },
      packages: { 'buy-n-get-m': { buy: 2, free: 2 } },
      colour: 'red',
    });
    const p = expectProblem(res, 400, 'validation-failed');
    expectFieldError(p, '/cityTier');
    expectFieldError(p, '/treatments/skin-rejuvenation/perSession');
    expectFieldError(p, '/packages/buy-n-get-m/free');
    expectFieldError(p, '/colour');
  });
});

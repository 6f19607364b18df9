// Saved quotes: POST /v1/quotes stores the whole estimate (201, Location, unguessable id, data
// and sheet versions, createdAt, validUntil); GET /v1/quotes/{id} returns the same bytes every
// time, also after the clinic's sheet and the data change; an expired quote is a 410 problem.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { loadDataFromTexts } from '../../src/data/load.js';
import { buildApp } from '../../src/http/app.js';
import type { Storage } from '../../src/storage/storage.js';
import { textsWith } from '../fixtures/committed-data.js';
import { testConfig } from '../support/app.js';
import { ADMIN_KEY, FRENCH_SHEET, newClinic, putSheet } from '../support/storage.js';
import { useStorageApp } from '../support/storage-app.js';
import { expectFieldError, expectProblem } from './http-helpers.js';

let storage: Storage;
let app: FastifyInstance;
let clock = new Date('2026-11-22T10:00:00.000Z');

useStorageApp(
  (a, s) => {
    app = a;
    storage = s;
  },
  { quoteValidDays: 30 },
  { now: () => clock },
);

const save = (payload: Record<string, unknown>, on = app) => on.inject({ method: 'POST', url: '/v1/quotes', payload });

describe('POST /v1/quotes', () => {
  it('stores the whole estimate: 201, Location, id, versions, createdAt and validUntil', async () => {
    const res = await save({ treatment: 'fat-reduction', country: 'DE' });
    expect(res.statusCode).toBe(201);
    const q = res.json();
    expect(q.id).toMatch(/^q_[A-Za-z0-9_-]{22}$/);
    expect(res.headers.location).toBe(`/v1/quotes/${q.id}`);
    expect(q).toMatchObject({ createdAt: '2026-11-22T10:00:00.000Z', validUntil: '2026-12-22T10:00:00.000Z', clinic: null });
    const estimate = await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'fat-reduction', country: 'DE' } });
    expect(JSON.stringify(q.estimate)).toBe(estimate.body);
    expect(q.dataVersion).toBe(q.estimate.dataVersion);
  });

  it('gives every quote its own unguessable id (128 random bits)', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, async () => (await save({ treatment: 'hair-restoration' })).json().id as string));
    expect(new Set(ids).size).toBe(20);
  });

  it('validates the request like an estimate', async () => {
    expectFieldError(expectProblem(await save({ treatment: 'fat-reduction', sessions: 0 }), 400, 'validation-failed'), '/sessions');
    expectProblem(await save({ treatment: 'botox' }), 422, 'unknown-treatment');
  });
});

describe('GET /v1/quotes/{id}', () => {
  it('returns the same bytes every time, with an ETag, and 304 for it', async () => {
    const created = await save({ treatment: 'skin-rejuvenation', areas: ['face', 'neck'], country: 'JP' });
    const url = created.headers.location as string;
    const reads = await Promise.all([1, 2, 3].map(() => app.inject({ url })));
    for (const r of reads) {
      expect(r.statusCode).toBe(200);
      expect(r.body).toBe(created.body);
      expect(r.headers.etag).toBe(created.headers.etag);
    }
    expect((await app.inject({ url, headers: { 'if-none-match': created.headers.etag as string } })).statusCode).toBe(304);
  });

  it("keeps a clinic quote's figures and sheet version after the sheet changes", async () => {
    const clinic = await newClinic(app);
    await putSheet(app, clinic, FRENCH_SHEET);
    const created = await save({ treatment: 'skin-rejuvenation', clinic: clinic.id });
    expect(created.json().clinic).toEqual({ id: clinic.id, sheetVersion: 1 });
    expect(created.json().estimate.perSession.typical).toBe('180.00');
    await putSheet(app, clinic, { ...FRENCH_SHEET, treatments: { 'skin-rejuvenation': { perSession: '999.00' } } }, '"v1"');
    expect((await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'skin-rejuvenation', clinic: clinic.id } })).json().perSession.typical).toBe('999.00');
    expect((await app.inject({ url: created.headers.location as string })).body).toBe(created.body);
  });

  it('keeps its bytes when the service runs on other data (a new data version)', async () => {
    const created = await save({ treatment: 'pain-management', country: 'FR' });
    const changed = loadDataFromTexts(textsWith('tiers.json', (json) => (json.cityTiers[0].description += ' (revised)')));
    expect(changed.catalog.version).not.toBe(created.json().dataVersion);
    const other = await buildApp({ config: testConfig({ adminApiKey: ADMIN_KEY }), data: changed, storage, now: () => clock });
    try {
      const read = await other.inject({ url: created.headers.location as string });
      expect(read.body).toBe(created.body);
      expect((await save({ treatment: 'pain-management', country: 'FR' }, other)).json().dataVersion).toBe(changed.catalog.version);
    } finally {
      await other.close();
    }
  });

  it('answers 410 quote-expired after validUntil, and 200 up to it', async () => {
    const created = await save({ treatment: 'fat-reduction' });
    const url = created.headers.location as string;
    const saved = clock;
    try {
      clock = new Date(Date.parse(created.json().validUntil) - 1000);
      expect((await app.inject({ url })).body).toBe(created.body);
      clock = new Date(Date.parse(created.json().validUntil));
      const p = expectProblem(await app.inject({ url }), 410, 'quote-expired');
      expect(p.detail).toContain(created.json().validUntil);
    } finally {
      clock = saved;
    }
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expectProblem(await app.inject({ url: '/v1/quotes/q_AAAAAAAAAAAAAAAAAAAAAA' }), 404, 'not-found');
    expectProblem(await app.inject({ url: '/v1/quotes/1' }), 400, 'validation-failed');
  });
});

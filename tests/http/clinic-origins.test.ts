// A clinic registers the web origins of its own pages (GET/POST/DELETE /v1/clinics/{id}/origins,
// its key) and CORS then lets those pages call the API for that clinic, read from storage.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { useStorageApp } from '../support/storage-app.js';
import { ADMIN_KEY, bearer, FRENCH_SHEET, newClinic, putSheet } from '../support/storage.js';

const SITE = 'https://www.clinic-one.example';
const OTHER_SITE = 'https://www.clinic-two.example';

describe('clinic origins', () => {
  let app: FastifyInstance;
  let one: { id: string; key: string };
  let two: { id: string; key: string };
  useStorageApp(async (a) => {
    app = a;
    one = await newClinic(app, 'Clinic One');
    two = await newClinic(app, 'Clinic Two');
    expect((await putSheet(app, one, FRENCH_SHEET)).statusCode).toBe(201);
  });

  const originsUrl = (id: string) => `/v1/clinics/${id}/origins`;
  const estimate = (clinic: string, origin: string) =>
    app.inject({ method: 'GET', url: `/v1/estimates?treatment=skin-rejuvenation&areas=face&clinic=${clinic}`, headers: { origin } });

  it('needs the clinic key: none is 401, another clinic is 403', async () => {
    expect((await app.inject({ method: 'GET', url: originsUrl(one.id) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: originsUrl(one.id), headers: bearer(two.key) })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: originsUrl(one.id), headers: bearer(two.key), payload: { origin: SITE } })).statusCode).toBe(403);
  });

  it('refuses what is not an origin, naming the rule', async () => {
    for (const bad of ['https://www.clinic-one.example/', 'https://www.clinic-one.example/prices', 'www.clinic-one.example', 'HTTPS://WWW.CLINIC.EXAMPLE', 'ftp://x.example']) {
      const res = await app.inject({ method: 'POST', url: originsUrl(one.id), headers: bearer(one.key), payload: { origin: bad } });
      expect(res.statusCode, bad).toBe(400);
      expect(res.body).toContain('web origin');
    }
  });

  it('registers, lists idempotently and removes an origin', async () => {
    const first = await app.inject({ method: 'POST', url: originsUrl(one.id), headers: bearer(one.key), payload: { origin: SITE } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ origin: SITE });
    const again = await app.inject({ method: 'POST', url: originsUrl(one.id), headers: bearer(one.key), payload: { origin: SITE } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const list = await app.inject({ method: 'GET', url: originsUrl(one.id), headers: bearer(one.key) });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ clinicId: one.id, origins: [first.json()] });
    // The admin key may manage any clinic's origins.
    expect((await app.inject({ method: 'GET', url: originsUrl(one.id), headers: bearer(ADMIN_KEY) })).statusCode).toBe(200);

    const tmp = 'http://localhost:8123';
    expect((await app.inject({ method: 'POST', url: originsUrl(one.id), headers: bearer(one.key), payload: { origin: tmp } })).statusCode).toBe(201);
    const del = await app.inject({ method: 'DELETE', url: `${originsUrl(one.id)}?origin=${encodeURIComponent(tmp)}`, headers: bearer(one.key) });
    expect(del.statusCode).toBe(204);
    const gone = await app.inject({ method: 'DELETE', url: `${originsUrl(one.id)}?origin=${encodeURIComponent(tmp)}`, headers: bearer(one.key) });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().detail).toContain(tmp);
  });

  it('CORS: a registered origin may call for its clinic and for public data, not for another clinic', async () => {
    await app.inject({ method: 'POST', url: originsUrl(one.id), headers: bearer(one.key), payload: { origin: SITE } });
    const mine = await estimate(one.id, SITE);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['access-control-allow-origin']).toBe(SITE);
    const catalog = await app.inject({ method: 'GET', url: '/v1/catalog', headers: { origin: SITE } });
    expect(catalog.headers['access-control-allow-origin']).toBe(SITE);
    // The widget's other languages come from the same API, fetched alongside the catalog.
    const french = await app.inject({ method: 'GET', url: '/widget/i18n/fr.json', headers: { origin: SITE } });
    expect(french.headers['access-control-allow-origin']).toBe(SITE);
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: `/v1/estimates?clinic=${one.id}`,
      headers: { origin: SITE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(SITE);

    const theirs = await app.inject({ method: 'GET', url: `/v1/clinics/${two.id}/price-sheet`, headers: { origin: SITE } });
    expect(theirs.headers['access-control-allow-origin']).toBeUndefined();
    const stranger = await estimate(one.id, OTHER_SITE);
    expect(stranger.statusCode).toBe(200);
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('CORS follows a removal at once on this instance', async () => {
    const site = 'https://removed.example';
    await app.inject({ method: 'POST', url: originsUrl(one.id), headers: bearer(one.key), payload: { origin: site } });
    expect((await estimate(one.id, site)).headers['access-control-allow-origin']).toBe(site);
    await app.inject({ method: 'DELETE', url: `${originsUrl(one.id)}?origin=${encodeURIComponent(site)}`, headers: bearer(one.key) });
    expect((await estimate(one.id, site)).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('the estimate answer names the clinic and its currency (what the calculator shows)', async () => {
    const body = (await estimate(one.id, SITE)).json();
    expect(body.clinic).toMatchObject({ id: one.id, name: 'Clinic One' });
    expect(body.currency.code).toBe('EUR');
  });
});

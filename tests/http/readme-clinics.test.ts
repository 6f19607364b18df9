// The clinic walk-through (docs/clinics.md) works as shown: the same requests, in order, answer
// with the figures its comments quote.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { ADMIN_KEY, bearer } from '../support/storage.js';
import { useStorageApp } from '../support/storage-app.js';

const readme = readFileSync(`${packageRoot()}/docs/clinics.md`, 'utf8');
const SHEET = `{"country":"FR","cityTier":"major-metro","practitioner":"physician","currency":"EUR","treatments":{"skin-rejuvenation":{"perSession":"180.00","areas":{"neck":"120.00"},"sessions":{"min":3,"typical":4,"max":6}}},"packages":{"prepaid-course":{"discountPercent":"10"}}}`;

let app: FastifyInstance;
useStorageApp((a) => {
  app = a;
});

describe('README clinic walk-through', () => {
  it('prints the requests tested here', () => {
    for (const text of [`-d '{"name":"Clinique Lumière"}'`, `-d '${SHEET}'`, `/v1/estimates?treatment=skin-rejuvenation&areas=face,neck&package=prepaid-course&clinic=`, `-d '{"treatment":"skin-rejuvenation","clinic":"'$CLINIC'"}'`]) {
      expect(readme).toContain(text);
    }
  });

  it('answers with the figures quoted', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/clinics', headers: { ...bearer(ADMIN_KEY), 'content-type': 'application/json' }, payload: '{"name":"Clinique Lumière"}' });
    expect(created.statusCode).toBe(201);
    const { clinic, apiKey } = created.json();
    const put = await app.inject({ method: 'PUT', url: `/v1/clinics/${clinic.id}/price-sheet`, headers: { ...bearer(apiKey.key), 'content-type': 'application/json' }, payload: SHEET });
    expect(put.statusCode).toBe(201);
    expect(put.headers.etag).toBe('"v1"');
    expect(readme).toContain('201, ETag: "v1"');

    const e = (await app.inject({ url: `/v1/estimates?treatment=skin-rejuvenation&areas=face,neck&package=prepaid-course&clinic=${clinic.id}` })).json();
    expect([e.perSession.typical, e.currency.code]).toEqual(['240.00', 'EUR']);
    expect(e.sessions).toEqual({ low: 3, typical: 4, high: 6 });
    expect(e.total).toEqual({ low: '648.00', typical: '864.00', high: '1296.00' });
    expect(readme).toContain('perSession 240.00 EUR (face 180.00 + half of neck 120.00), sessions 3 / 4 / 6, total 648.00 / 864.00 / 1296.00');
    expect(readme).toContain(`clinic.marketPosition ${JSON.stringify(e.clinic.marketPosition)}`);

    const quote = await app.inject({ method: 'POST', url: '/v1/quotes', headers: { 'content-type': 'application/json' }, payload: `{"treatment":"skin-rejuvenation","clinic":"${clinic.id}"}` });
    expect(quote.statusCode).toBe(201);
    expect(quote.json().clinic).toEqual({ id: clinic.id, sheetVersion: 1 });
  });
});

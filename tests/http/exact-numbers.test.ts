// Numbers JSON cannot carry exactly are refused on every route with a JSON body, with a 400
// naming the field, instead of being priced as the number JSON.parse rounds them to: today
// "sessions": 4.99999999999999999999 would be priced as 5 sessions and "months":
// 12.0000000000000000001 accepted as 12. The query string's digits-only fields refuse them too.
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, bearer, FRENCH_SHEET, newClinic } from '../support/storage.js';
import { useStorageApp } from '../support/storage-app.js';
import { expectFieldError, expectProblem } from './http-helpers.js';

let app: FastifyInstance;
let clinic: { id: string; key: string };
useStorageApp(async (a) => {
  app = a;
  clinic = await newClinic(a);
});

const FIVE_ISH = '4.99999999999999999999';
const TWELVE_ISH = '12.0000000000000000001';

/** POSTs (or PUTs) raw JSON text, so the number reaches the server exactly as written. */
const send = (url: string, text: string, method: 'POST' | 'PUT' = 'POST', headers: Record<string, string> = {}) =>
  app.inject({ method, url, payload: text, headers: { 'content-type': 'application/json', ...headers } });

describe('a number JSON.parse would round is a 400 naming the field, on every JSON body route', () => {
  const sheet = JSON.stringify(FRENCH_SHEET).replace('"min":3', `"min":${'3.0000000000000000001'}`);
  let sheetUrl: string;
  beforeAll(() => {
    sheetUrl = `/v1/clinics/${clinic.id}/price-sheet`;
  });

  it.each([
    ['POST /v1/estimates', () => send('/v1/estimates', `{"treatment":"fat-reduction","sessions":${FIVE_ISH}}`), '/sessions', FIVE_ISH, '5'],
    [
      'POST /v1/estimates/batch (an item)',
      () => send('/v1/estimates/batch', `{"items":[{"treatment":"fat-reduction"},{"treatment":"fat-reduction","sessions":${FIVE_ISH}}]}`),
      '/items/1/sessions',
      FIVE_ISH,
      '5',
    ],
    [
      'POST /v1/estimates/compare',
      () => send('/v1/estimates/compare', `{"base":{"treatment":"fat-reduction","sessions":${FIVE_ISH}},"vary":{"country":["US","FR"]}}`),
      '/base/sessions',
      FIVE_ISH,
      '5',
    ],
    [
      'POST /v1/scenarios',
      () => send('/v1/scenarios', `{"base":{"treatment":"fat-reduction"},"horizonMonths":0,"options":[{"name":"x","financing":{"aprPercent":"9.99","months":${TWELVE_ISH}}}]}`),
      '/options/0/financing/months',
      TWELVE_ISH,
      '12',
    ],
    ['POST /v1/quotes', () => send('/v1/quotes', `{"treatment":"fat-reduction","sessions":${FIVE_ISH}}`), '/sessions', FIVE_ISH, '5'],
    ['POST /v1/clinics', () => send('/v1/clinics', '{"name":"Clinic","size":123456789012345678}', 'POST', bearer(ADMIN_KEY)), '/size', '123456789012345678', '123456789012345680'],
    ['PUT /v1/clinics/{id}/price-sheet', () => send(sheetUrl, sheet, 'PUT', bearer(clinic.key)), '/treatments/skin-rejuvenation/sessions/min', '3.0000000000000000001', '3'],
  ])('%s', async (_route, request, pointer, written, readAs) => {
    const problem = expectProblem(await request(), 400, 'validation-failed');
    const item = expectFieldError(problem, pointer);
    expect(item.message).toContain(`${written} cannot be read exactly`);
    expect(item.message).toContain(`read as ${readAs}`);
    expect(problem.detail).toContain(pointer);
  });

  it('a number too large or too small for a double is refused too (it would be Infinity or 0)', async () => {
    const big = expectProblem(await send('/v1/estimates', '{"treatment":"fat-reduction","sessions":1e400}'), 400, 'validation-failed');
    expect(expectFieldError(big, '/sessions').message).toContain('read as Infinity');
    const tiny = expectProblem(await send('/v1/scenarios', '{"base":{"treatment":"fat-reduction"},"horizonMonths":1e-400,"options":[{"name":"x"}]}'), 400, 'validation-failed');
    expect(expectFieldError(tiny, '/horizonMonths').message).toContain('read as 0');
  });

  it('exact spellings of a whole number are still accepted and priced as that number', async () => {
    const five = await send('/v1/estimates', '{"treatment":"fat-reduction","sessions":5}');
    expect(five.statusCode).toBe(200);
    for (const spelling of ['5.0', '5e0', '0.5e1', '5.000000000000000000000']) {
      const res = await send('/v1/estimates', `{"treatment":"fat-reduction","sessions":${spelling}}`);
      expect(res.statusCode, spelling).toBe(200);
      expect(res.body, spelling).toBe(five.body);
    }
  });

  it('GET /v1/estimates?sessions=4.99999999999999999999 is refused as not a whole number, naming /sessions in the query', async () => {
    const res = await app.inject({ method: 'GET', url: `/v1/estimates?treatment=fat-reduction&sessions=${FIVE_ISH}` });
    expectFieldError(expectProblem(res, 400, 'validation-failed'), '/sessions', 'query');
    const twelve = await app.inject({ method: 'GET', url: `/v1/estimates?treatment=fat-reduction&sessions=${TWELVE_ISH}` });
    expectFieldError(expectProblem(twelve, 400, 'validation-failed'), '/sessions', 'query');
  });
});

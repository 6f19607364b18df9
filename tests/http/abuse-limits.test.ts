// Abuse limits that hold (issue 16, item 1 and 6): a Bearer token is counted only once it is
// verified, and then against its own key's budget whatever address it comes from; failed
// authentication is limited per address, so keys cannot be guessed in bulk; the one
// unauthenticated write (POST /v1/quotes) has quotas per client address and per clinic. Every
// refusal is a 429 problem+json with Retry-After, counted in mesoquote_rate_limited_total.
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, FRENCH_SHEET, newClinic, putSheet } from '../support/storage.js';
import { useStorageApp } from '../support/storage-app.js';
import { expectProblem } from './http-helpers.js';

let app: FastifyInstance;
useStorageApp(
  (a) => {
    app = a;
  },
  { rateLimitMax: 5, rateLimitAllowList: [], authFailureMax: 4, quoteMaxPerAddress: 3, quoteMaxPerClinic: 4 },
);

let address = 0;
/** A fresh client address per test, so budgets never carry over. */
const fresh = () => `198.18.${Math.floor(address / 250)}.${(address++ % 250) + 1}`;
const metric = async (limit: string) => Number(new RegExp(`^mesoquote_rate_limited_total\\{limit="${limit}"\\} (\\d+)`, 'm').exec((await app.inject({ url: '/metrics' })).body)?.[1] ?? 0);

describe('authenticated routes', () => {
  let clinic: Awaited<ReturnType<typeof newClinic>>;
  beforeAll(async () => {
    clinic = await newClinic(app);
  });

  it('limits guessed keys per address: 401 up to AUTH_FAILURE_MAX, then 429 before the key is even looked at', async () => {
    const from = fresh();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const guess = `mq_${i.toString(16).padStart(16, '0')}_${'A'.repeat(43)}`;
      statuses.push((await app.inject({ url: `/v1/clinics/${clinic.id}`, remoteAddress: from, headers: bearer(guess) })).statusCode);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual(Array(16).fill(429));
    const refused = await app.inject({ url: `/v1/clinics/${clinic.id}`, remoteAddress: from, headers: bearer(clinic.key) });
    const p = expectProblem(refused, 429, 'rate-limited');
    expect(p.detail).toMatch(/failed authentications/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address with the right key is not affected.
    expect((await app.inject({ url: `/v1/clinics/${clinic.id}`, remoteAddress: fresh(), headers: bearer(clinic.key) })).statusCode).toBe(200);
    expect(await metric('auth-failures')).toBeGreaterThanOrEqual(16);
  });

  it("counts a verified key's requests against the key, from any address, with RateLimit headers", async () => {
    const other = await newClinic(app, 'Other clinic');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      const res = await app.inject({ url: `/v1/clinics/${other.id}`, remoteAddress: fresh(), headers: bearer(other.key) });
      statuses.push(res.statusCode);
      if (i === 0) expect(res.headers['ratelimit-remaining']).toBe('4');
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // The clinic's budget is its own: the first clinic's key still works.
    expect((await app.inject({ url: `/v1/clinics/${clinic.id}`, remoteAddress: fresh(), headers: bearer(clinic.key) })).statusCode).toBe(200);
  });
});

describe('POST /v1/quotes quotas', () => {
  it('per client address: QUOTE_MAX_PER_ADDRESS saved, then 429 with Retry-After', async () => {
    const from = fresh();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await app.inject({ method: 'POST', url: '/v1/quotes', remoteAddress: from, payload: { treatment: 'fat-reduction' } })).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const refused = await app.inject({ method: 'POST', url: '/v1/quotes', remoteAddress: from, payload: { treatment: 'fat-reduction' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(await metric('quotes-per-address')).toBeGreaterThanOrEqual(2);
  });

  it('per clinic: QUOTE_MAX_PER_CLINIC quotes naming one clinic, from all addresses together', async () => {
    const clinic = await newClinic(app, 'Quoted clinic');
    expect((await putSheet(app, clinic, FRENCH_SHEET)).statusCode).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await app.inject({ method: 'POST', url: '/v1/quotes', remoteAddress: fresh(), payload: { treatment: 'skin-rejuvenation', clinic: clinic.id } })).statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 429, 429]);
    expect(await metric('quotes-per-clinic')).toBeGreaterThanOrEqual(2);
    // Market quotes, and other clinics, are unaffected.
    expect((await app.inject({ method: 'POST', url: '/v1/quotes', remoteAddress: fresh(), payload: { treatment: 'fat-reduction' } })).statusCode).toBe(201);
  });
});

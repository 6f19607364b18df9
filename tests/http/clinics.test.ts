// Clinics and API keys over HTTP: the admin key creates clinics (and nothing else can), a key is
// shown once and stored as a hash, keys rotate (issue, then revoke) and revoke, and a clinic's key
// can neither read nor change another clinic. 401 and 403 are problem+json with WWW-Authenticate.
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, parseKey } from '../../src/storage/clinics.js';
import type { Storage } from '../../src/storage/storage.js';
import { ADMIN_KEY, bearer, FRENCH_SHEET, newClinic, putSheet, storageApp } from '../support/storage.js';
import { useStorageApp } from '../support/storage-app.js';
import { expectProblem } from './http-helpers.js';

let storage: Storage;
let app: FastifyInstance;
useStorageApp((a, s) => {
  app = a;
  storage = s;
});

describe('POST /v1/clinics', () => {
  it('creates a clinic with the admin key: 201, Location, and a key shown once', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/clinics', headers: bearer(ADMIN_KEY), payload: { name: 'Clinique Lumière' } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.clinic).toMatchObject({ id: expect.stringMatching(/^cl_[0-9a-f]{16}$/), name: 'Clinique Lumière', keys: [{ id: body.apiKey.id, revokedAt: null }] });
    expect(res.headers.location).toBe(`/v1/clinics/${body.clinic.id}`);
    expect(body.apiKey.key).toMatch(/^mq_[a-z0-9]{16}_[A-Za-z0-9_-]{43}$/);
    // Never again: reading the clinic lists the key without its secret.
    const read = await app.inject({ url: `/v1/clinics/${body.clinic.id}`, headers: bearer(body.apiKey.key) });
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(body.apiKey.key);
    expect(read.body).not.toContain(parseKey(body.apiKey.key)!.secret);
    expect(read.json().keys).toEqual([{ id: body.apiKey.id, createdAt: expect.any(String), revokedAt: null }]);
  });

  it('marks every answer that carries a secret Cache-Control: no-store, so no cache or proxy keeps the key', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/clinics', headers: bearer(ADMIN_KEY), payload: { name: 'Cached?' } });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { clinic, apiKey } = created.json() as { clinic: { id: string }; apiKey: { key: string } };
    const issued = await app.inject({ method: 'POST', url: `/v1/clinics/${clinic.id}/keys`, headers: bearer(apiKey.key) });
    expect(issued.statusCode).toBe(201);
    expect(issued.headers['cache-control']).toBe('no-store');
  });

  it('stores only the hash of a key', async () => {
    const clinic = await newClinic(app);
    const secret = parseKey(clinic.key)!.secret;
    const rows = await storage.use('test', (db) => db.query<{ secret_hash: Uint8Array }>('SELECT * FROM api_keys WHERE clinic_id = $1', [clinic.id]));
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(Buffer.from(rows[0]!.secret_hash).equals(hashSecret(secret))).toBe(true);
  });

  it('answers 401 with WWW-Authenticate without a key, and for a wrong one', async () => {
    const none = await app.inject({ method: 'POST', url: '/v1/clinics', payload: { name: 'x' } });
    expectProblem(none, 401, 'unauthorized');
    expect(none.headers['www-authenticate']).toBe('Bearer realm="mesoquote"');
    for (const authorization of [`Bearer ${ADMIN_KEY}x`, 'Basic YWRtaW46YWRtaW4=', 'Bearer', `Bearer mq_0123456789abcdef_${'A'.repeat(43)}`]) {
      const res = await app.inject({ method: 'POST', url: '/v1/clinics', headers: { authorization }, payload: { name: 'x' } });
      expectProblem(res, 401, 'unauthorized');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="mesoquote", error="invalid_(token|request)"$/);
    }
  });

  it('checks the key before the body: without a valid key, a bad body is still a 401', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/v1/clinics', payload: { colour: 'red' } }), 401, 'unauthorized');
    const clinic = await newClinic(app);
    const put = await app.inject({ method: 'PUT', url: `/v1/clinics/${clinic.id}/price-sheet`, headers: bearer(`${clinic.key}x`), payload: { colour: 'red' } });
    expectProblem(put, 401, 'unauthorized');
    const other = await newClinic(app);
    expectProblem(await app.inject({ method: 'PUT', url: `/v1/clinics/${clinic.id}/price-sheet`, headers: bearer(other.key), payload: { colour: 'red' } }), 403, 'forbidden');
  });

  it('answers 403 to a clinic key: only the admin creates clinics', async () => {
    const clinic = await newClinic(app);
    const res = await app.inject({ method: 'POST', url: '/v1/clinics', headers: bearer(clinic.key), payload: { name: 'x' } });
    expectProblem(res, 403, 'forbidden');
    expect(res.headers['www-authenticate']).toContain('insufficient_scope');
  });

  it('says clearly that clinic creation is disabled when no admin key is configured', async () => {
    const noAdmin = await storageApp(storage, { adminApiKey: undefined });
    try {
      const res = await noAdmin.inject({ method: 'POST', url: '/v1/clinics', headers: bearer(ADMIN_KEY), payload: { name: 'x' } });
      const p = expectProblem(res, 403, 'clinic-creation-disabled');
      expect(p.detail).toContain('ADMIN_API_KEY');
    } finally {
      await noAdmin.close();
    }
  });

  it('validates the body: a name is required, unknown fields are listed', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/clinics', headers: bearer(ADMIN_KEY), payload: { title: 'x' } });
    const p = expectProblem(res, 400, 'validation-failed');
    expect(p.errors?.map((e) => e.pointer).sort()).toEqual(['/name', '/title']);
  });
});

describe('key rotation and revocation', () => {
  it('rotates without downtime: a new key works alongside the old until the old is revoked', async () => {
    const clinic = await newClinic(app);
    const issued = await app.inject({ method: 'POST', url: `/v1/clinics/${clinic.id}/keys`, headers: bearer(clinic.key) });
    expect(issued.statusCode).toBe(201);
    const next = issued.json() as { id: string; key: string };
    expect(next.key).not.toBe(clinic.key);
    for (const key of [clinic.key, next.key]) expect((await app.inject({ url: `/v1/clinics/${clinic.id}`, headers: bearer(key) })).statusCode).toBe(200);

    const revoked = await app.inject({ method: 'DELETE', url: `/v1/clinics/${clinic.id}/keys/${clinic.keyId}`, headers: bearer(next.key) });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: clinic.keyId, revokedAt: expect.any(String) });
    expectProblem(await app.inject({ url: `/v1/clinics/${clinic.id}`, headers: bearer(clinic.key) }), 401, 'unauthorized');
    expect((await app.inject({ url: `/v1/clinics/${clinic.id}`, headers: bearer(next.key) })).statusCode).toBe(200);
  });

  it('lets the admin revoke a clinic key and issue a new one (a lost key)', async () => {
    const clinic = await newClinic(app);
    expect((await app.inject({ method: 'DELETE', url: `/v1/clinics/${clinic.id}/keys/${clinic.keyId}`, headers: bearer(ADMIN_KEY) })).statusCode).toBe(200);
    const issued = await app.inject({ method: 'POST', url: `/v1/clinics/${clinic.id}/keys`, headers: bearer(ADMIN_KEY) });
    expect(issued.statusCode).toBe(201);
    expect((await app.inject({ url: `/v1/clinics/${clinic.id}`, headers: bearer(issued.json().key) })).statusCode).toBe(200);
  });

  it("refuses (409) to let a clinic revoke its own last active key, which would lock it out; the admin may (a lost key)", async () => {
    const clinic = await newClinic(app);
    const res = await app.inject({ method: 'DELETE', url: `/v1/clinics/${clinic.id}/keys/${clinic.keyId}`, headers: bearer(clinic.key) });
    const p = expectProblem(res, 409, 'last-key');
    expect(p.detail).toMatch(/POST \/v1\/clinics\/.*\/keys/);
    expect((await app.inject({ url: `/v1/clinics/${clinic.id}`, headers: bearer(clinic.key) })).statusCode, 'the key still works').toBe(200);
    // With a second key, either may go; then the survivor is the last one again.
    const next = (await app.inject({ method: 'POST', url: `/v1/clinics/${clinic.id}/keys`, headers: bearer(clinic.key) })).json() as { id: string; key: string };
    expect((await app.inject({ method: 'DELETE', url: `/v1/clinics/${clinic.id}/keys/${clinic.keyId}`, headers: bearer(next.key) })).statusCode).toBe(200);
    expectProblem(await app.inject({ method: 'DELETE', url: `/v1/clinics/${clinic.id}/keys/${next.id}`, headers: bearer(next.key) }), 409, 'last-key');
    // Revoking an already revoked key still answers it unchanged.
    expect((await app.inject({ method: 'DELETE', url: `/v1/clinics/${clinic.id}/keys/${clinic.keyId}`, headers: bearer(next.key) })).statusCode).toBe(200);
  });

  it('answers 404 for a key the clinic does not have', async () => {
    const clinic = await newClinic(app);
    expectProblem(await app.inject({ method: 'DELETE', url: `/v1/clinics/${clinic.id}/keys/0123456789abcdef`, headers: bearer(clinic.key) }), 404, 'not-found');
  });
});

describe("a clinic's key cannot read or change another clinic", () => {
  let a: Awaited<ReturnType<typeof newClinic>>;
  let b: Awaited<ReturnType<typeof newClinic>>;
  beforeAll(async () => {
    a = await newClinic(app, 'Clinic A');
    b = await newClinic(app, 'Clinic B');
    expect((await putSheet(app, b, FRENCH_SHEET)).statusCode).toBe(201);
  });

  it.each([
    ['GET', (id: string) => `/v1/clinics/${id}`],
    ['GET', (id: string) => `/v1/clinics/${id}/price-sheet`],
    ['GET', (id: string) => `/v1/clinics/${id}/price-sheet?version=1`],
    ['PUT', (id: string) => `/v1/clinics/${id}/price-sheet`],
    ['POST', (id: string) => `/v1/clinics/${id}/keys`],
    ['DELETE', (id: string) => `/v1/clinics/${id}/keys/${b.keyId}`],
  ] as const)('%s %s with clinic A\'s key on clinic B is 403', async (method, url) => {
    const res = await app.inject({ method, url: url(b.id), headers: { ...bearer(a.key), 'if-match': '"v1"' }, ...(method === 'PUT' ? { payload: { ...FRENCH_SHEET, currency: 'USD' } } : {}) });
    const p = expectProblem(res, 403, 'forbidden');
    expect(res.headers['www-authenticate']).toContain('insufficient_scope');
    expect(res.body).not.toContain('180.00');
    expect(p.detail).toContain(a.id);
  });

  it("leaves clinic B's sheet and keys untouched after the attempts", async () => {
    const sheet = await app.inject({ url: `/v1/clinics/${b.id}/price-sheet`, headers: bearer(b.key) });
    expect(sheet.json()).toMatchObject({ version: 1, sheet: { currency: 'EUR' } });
    const clinic = await app.inject({ url: `/v1/clinics/${b.id}`, headers: bearer(b.key) });
    expect(clinic.json().keys).toEqual([{ id: b.keyId, createdAt: expect.any(String), revokedAt: null }]);
  });

  it('answers 403, not 404, for a clinic that does not exist, so a key cannot probe for ids', async () => {
    expectProblem(await app.inject({ url: '/v1/clinics/cl_0000000000000000', headers: bearer(a.key) }), 403, 'forbidden');
    expectProblem(await app.inject({ url: '/v1/clinics/cl_0000000000000000', headers: bearer(ADMIN_KEY) }), 404, 'not-found');
  });
});

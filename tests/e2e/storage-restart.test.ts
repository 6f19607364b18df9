// The embedded database across process restarts: the real server, started on a PGlite directory,
// answers estimates before storage has opened, saves clinics, sheets and quotes, stops on
// SIGTERM, and a new process on the same directory finds everything as it was. A second process
// on a directory in use gets no storage (PGlite serves one process) but still answers estimates.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, FRENCH_SHEET } from '../support/storage.js';
import { call, startServer, storageReady, type ServerProcess } from '../support/server-process.js';

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

describe('a restart on the same PGlite directory', () => {
  let dir: string;
  const running: ServerProcess[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mesoquote-pglite-'));
  });
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing that was saved', { timeout: 180_000 }, async () => {
    const env = { STORAGE_DIR: dir, ADMIN_API_KEY: ADMIN_KEY };
    const first = await startServer(env);
    running.push(first);
    // Listening comes before storage: an estimate answers at once, whatever storage is doing.
    expect((await call(`${first.url}/v1/estimates?treatment=fat-reduction`)).status).toBe(200);
    await storageReady(first.url);

    // A second process on the same directory: no storage for it, estimates all the same.
    const intruder = await startServer(env);
    running.push(intruder);
    expect((await call(`${intruder.url}/v1/estimates?treatment=fat-reduction`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    const intruderReady = (await call(`${intruder.url}/readyz`, { headers: auth(ADMIN_KEY) })).json();
    expect(intruderReady).toMatchObject({ status: 'degraded', checks: { storage: 'unavailable' }, storage: { reason: expect.stringContaining('in use by process') } });
    expect((await call(`${intruder.url}/v1/quotes/q_AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(503);
    expect(await intruder.stop()).toBe(0);

    const created = (await call(`${first.url}/v1/clinics`, { method: 'POST', headers: auth(ADMIN_KEY), body: { name: 'Persistent clinic' } })).json();
    const clinicId = created.clinic.id as string;
    const key = created.apiKey.key as string;
    const spare = (await call(`${first.url}/v1/clinics/${clinicId}/keys`, { method: 'POST', headers: auth(key) })).json();
    expect((await call(`${first.url}/v1/clinics/${clinicId}/keys/${spare.id}`, { method: 'DELETE', headers: auth(key) })).status).toBe(200);
    const sheet = await call(`${first.url}/v1/clinics/${clinicId}/price-sheet`, { method: 'PUT', headers: auth(key), body: FRENCH_SHEET });
    expect(sheet.status).toBe(201);
    const quote = await call(`${first.url}/v1/quotes`, { method: 'POST', body: { treatment: 'skin-rejuvenation', clinic: clinicId, package: { kind: 'prepaid-course' } } });
    expect(quote.status).toBe(201);
    const market = await call(`${first.url}/v1/quotes`, { method: 'POST', body: { treatment: 'hair-restoration', country: 'IN' } });
    expect(await first.stop()).toBe(0);

    const second = await startServer(env);
    running.push(second);
    await storageReady(second.url);
    for (const q of [quote, market]) expect((await call(`${second.url}${q.headers.get('location')}`)).text).toBe(q.text);
    expect((await call(`${second.url}/v1/clinics/${clinicId}/price-sheet`, { headers: auth(key) })).text).toBe(sheet.text);
    expect((await call(`${second.url}/v1/clinics/${clinicId}`, { headers: auth(spare.key) })).status).toBe(401);
    const next = await call(`${second.url}/v1/clinics/${clinicId}/price-sheet`, { method: 'PUT', headers: { ...auth(key), 'if-match': '"v1"' }, body: { ...FRENCH_SHEET, cityTier: 'city' } });
    expect(next.json().version).toBe(2);
    expect(await second.stop()).toBe(0);
  });
});

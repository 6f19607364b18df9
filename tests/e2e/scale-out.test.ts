// Scale-out on a real PostgreSQL server: two service processes start at once on one fresh
// database (migrating it together, under the advisory lock) and each sees the other's writes at
// once: clinics, keys and revocations, sheet versions (and the estimates priced from them, with
// no stale cache), quotes; and concurrent sheet updates through both cannot both win.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../src/storage/migrate.js';
import pg from 'pg';
import { ADMIN_KEY, createTestDatabase, FRENCH_SHEET, NO_SERVER, SERVER_URL } from '../support/storage.js';
import { call, startServer, storageReady, type ServerProcess } from '../support/server-process.js';

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

if (!SERVER_URL) console.warn(`scale-out test ${NO_SERVER}`);

describe.skipIf(!SERVER_URL)(`two processes on one PostgreSQL database${SERVER_URL ? '' : ` (${NO_SERVER})`}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase(SERVER_URL!);
    const env = { DATABASE_URL: database.url, ADMIN_API_KEY: ADMIN_KEY };
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
    await Promise.all([storageReady(a.url), storageReady(b.url)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it('migrated the database once although both started at once', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      // Each version once: the advisory lock let one process apply them and the other find none left.
      expect(rows.map((r: { version: number }) => r.version)).toEqual(readMigrations().map((m) => m.version));
    } finally {
      await client.end();
    }
  });

  it("each sees the other's writes at once", { timeout: 60_000 }, async () => {
    const created = (await call(`${a.url}/v1/clinics`, { method: 'POST', headers: auth(ADMIN_KEY), body: { name: 'Shared clinic' } })).json();
    const id = created.clinic.id as string;
    const key = created.apiKey.key as string;
    expect((await call(`${b.url}/v1/clinics/${id}`, { headers: auth(key) })).json().name).toBe('Shared clinic');

    const put = await call(`${b.url}/v1/clinics/${id}/price-sheet`, { method: 'PUT', headers: auth(key), body: FRENCH_SHEET });
    expect(put.status).toBe(201);
    expect((await call(`${a.url}/v1/clinics/${id}/price-sheet`, { headers: auth(key) })).text).toBe(put.text);

    // Warm both caches on version 1, change the sheet through A, and read through B at once.
    const estimate = `/v1/estimates?treatment=skin-rejuvenation&clinic=${id}`;
    for (const s of [a, b]) expect((await call(`${s.url}${estimate}`)).json().perSession.typical).toBe('180.00');
    const v2 = { ...FRENCH_SHEET, treatments: { 'skin-rejuvenation': { perSession: '210.00' } } };
    expect((await call(`${a.url}/v1/clinics/${id}/price-sheet`, { method: 'PUT', headers: { ...auth(key), 'if-match': '"v1"' }, body: v2 })).status).toBe(200);
    for (const s of [b, a]) {
      const e = (await call(`${s.url}${estimate}`)).json();
      expect(e.perSession.typical).toBe('210.00');
      expect(e.clinic.sheetVersion).toBe(2);
    }

    const quote = await call(`${b.url}/v1/quotes`, { method: 'POST', body: { treatment: 'skin-rejuvenation', clinic: id } });
    expect(quote.json().clinic).toEqual({ id, sheetVersion: 2 });
    expect((await call(`${a.url}${quote.headers.get('location')}`)).text).toBe(quote.text);

    // A key revoked through B stops working through A at once.
    const spare = (await call(`${a.url}/v1/clinics/${id}/keys`, { method: 'POST', headers: auth(key) })).json();
    expect((await call(`${b.url}/v1/clinics/${id}`, { headers: auth(spare.key) })).status).toBe(200);
    expect((await call(`${b.url}/v1/clinics/${id}/keys/${spare.id}`, { method: 'DELETE', headers: auth(key) })).status).toBe(200);
    expect((await call(`${a.url}/v1/clinics/${id}`, { headers: auth(spare.key) })).status).toBe(401);
  });

  it('lets only one of two concurrent sheet updates through different processes win', { timeout: 60_000 }, async () => {
    const created = (await call(`${a.url}/v1/clinics`, { method: 'POST', headers: auth(ADMIN_KEY), body: { name: 'Raced clinic' } })).json();
    const id = created.clinic.id as string;
    const key = created.apiKey.key as string;
    await call(`${a.url}/v1/clinics/${id}/price-sheet`, { method: 'PUT', headers: auth(key), body: FRENCH_SHEET });
    for (let round = 1; round <= 5; round++) {
      const results = await Promise.all(
        [a, b].map((s, i) => call(`${s.url}/v1/clinics/${id}/price-sheet`, { method: 'PUT', headers: { ...auth(key), 'if-match': `"v${round}"` }, body: { ...FRENCH_SHEET, cityTier: i === 0 ? 'city' : 'town' } })),
      );
      expect(results.map((r) => r.status).sort(), `round ${round}`).toEqual([200, 412]);
    }
    expect((await call(`${b.url}/v1/clinics/${id}/price-sheet`, { headers: auth(key) })).json().version).toBe(6);
  });
});

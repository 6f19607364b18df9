// The storage layer on both databases it supports: the same SQL, the same answers. PGlite (in
// memory) always runs; a PostgreSQL server runs when TEST_DATABASE_URL is set, each run in a
// fresh database of its own. Migrations are idempotent, refuse an edited file, and are safe when
// several processes migrate one database at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateKey, createClinic, hashSecret, issueKey, parseKey, revokeKey } from '../../src/storage/clinics.js';
import { openPglite, openPostgres, type Database } from '../../src/storage/database.js';
import { MigrationError, migrate, readMigrations } from '../../src/storage/migrate.js';
import { readSheet, writeSheet } from '../../src/storage/price-sheets.js';
import { newQuoteId, QUOTE_ID, readQuote, saveQuote } from '../../src/storage/quotes.js';
import { createTestDatabase, NO_SERVER, SERVER_URL } from '../support/storage.js';

interface Backend {
  db: Database;
  /** Another connection pool on the same database, as a second process would have (server only). */
  second?: () => Database;
  cleanup: () => Promise<void>;
}

function suite(name: string, open: () => Promise<Backend>) {
  describe(name, () => {
    let backend: Backend;
    beforeAll(async () => {
      backend = await open();
      await migrate(backend.db);
    });
    afterAll(async () => backend?.cleanup());

    it('migrations are idempotent: a second run applies nothing and records each version once', async () => {
      expect(await migrate(backend.db)).toEqual([]);
      const rows = await backend.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(readMigrations().map((m) => m.version));
    });

    it('refuses to start when an applied migration file has changed', async () => {
      const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: 'different' } : m));
      await expect(migrate(backend.db, edited)).rejects.toThrow(MigrationError);
      await expect(migrate(backend.db, edited)).rejects.toThrow(/changed after it was applied/);
    });

    it('stores a key as a hash only, authenticates it, and stops accepting it once revoked', async () => {
      const { clinic, key } = await createClinic(backend.db, 'Backend clinic');
      const parsed = parseKey(key.key)!;
      const [row] = await backend.db.query<{ secret_hash: Uint8Array }>('SELECT secret_hash FROM api_keys WHERE id = $1', [key.id]);
      expect(Buffer.from(row!.secret_hash).equals(hashSecret(parsed.secret))).toBe(true);
      const everything = JSON.stringify(await backend.db.query('SELECT * FROM api_keys'));
      expect(everything).not.toContain(parsed.secret);
      expect(await authenticateKey(backend.db, key.key)).toBe(clinic.id);
      expect(await authenticateKey(backend.db, `${key.key.slice(0, -1)}${key.key.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
      const second = await issueKey(backend.db, clinic.id);
      expect(await revokeKey(backend.db, clinic.id, key.id)).toMatchObject({ id: key.id, revokedAt: expect.any(String) });
      expect(await authenticateKey(backend.db, key.key)).toBeUndefined();
      expect(await authenticateKey(backend.db, second.key)).toBe(clinic.id);
      expect(await revokeKey(backend.db, 'cl_0000000000000000', second.id)).toBeUndefined();
    });

    it('versions sheets: each write adds one, old versions stay, and a write based on a stale version fails', async () => {
      const { clinic } = await createClinic(backend.db, 'Sheet clinic');
      const v1 = await writeSheet(backend.db, clinic.id, 0, '{"a":1}');
      const v2 = await writeSheet(backend.db, clinic.id, 1, '{"a":2}');
      expect(v1).toMatchObject({ ok: true, sheet: { version: 1, sheet: '{"a":1}', clinicName: 'Sheet clinic' } });
      expect(v2).toMatchObject({ ok: true, sheet: { version: 2 } });
      expect(await writeSheet(backend.db, clinic.id, 1, '{"a":3}')).toEqual({ ok: false, current: 2 });
      expect(await writeSheet(backend.db, clinic.id, 5, '{"a":3}')).toEqual({ ok: false, current: 2 });
      expect((await readSheet(backend.db, clinic.id))?.sheet).toBe('{"a":2}');
      expect((await readSheet(backend.db, clinic.id, 1))?.sheet).toBe('{"a":1}');
    });

    it('keeps a quote byte for byte, with its validity', async () => {
      const id = newQuoteId();
      expect(id).toMatch(QUOTE_ID);
      const body = '{"id":"x","estimate":{"total":"1800.00","name":"Clinique Lumière ✓"}}';
      const validUntil = new Date('2030-01-01T00:00:00.000Z');
      await saveQuote(backend.db, { id, body, dataVersion: 'sha256:x', clinicId: null, sheetVersion: null, createdAt: new Date(), validUntil });
      expect(await readQuote(backend.db, id)).toEqual({ body, validUntil });
      expect(await readQuote(backend.db, newQuoteId())).toBeUndefined();
    });

    it('makes exactly one of two concurrent writers on the same version win', async () => {
      const { clinic } = await createClinic(backend.db, 'Race clinic');
      await writeSheet(backend.db, clinic.id, 0, '{}');
      const other = backend.second?.() ?? backend.db;
      const results = await Promise.all([writeSheet(backend.db, clinic.id, 1, '{"by":"a"}'), writeSheet(other, clinic.id, 1, '{"by":"b"}')]);
      if (other !== backend.db) await other.close();
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, current: 2 }]);
    });
  });
}

if (!SERVER_URL) console.warn(`PostgreSQL storage tests ${NO_SERVER}`);

suite('storage on PGlite (embedded)', async () => ({ db: await openPglite('memory'), cleanup: async () => undefined }));

describe('PGlite in a data directory', () => {
  it('creates a new directory (initdb in a child process), keeps what was written across a reopen, and says why it cannot create one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesoquote-pglite-'));
    try {
      const first = await openPglite(join(dir, 'db'));
      await first.exec('CREATE TABLE kept (n int); INSERT INTO kept VALUES (42);');
      await first.close();
      const again = await openPglite(join(dir, 'db'));
      expect(await again.query<{ n: number }>('SELECT n FROM kept')).toEqual([{ n: 42 }]);
      await again.close();

      // A file where the data directory should be: initdb fails, and the error names the place.
      writeFileSync(join(dir, 'blocked'), '');
      await expect(openPglite(join(dir, 'blocked', 'db'))).rejects.toThrow(/blocked/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!SERVER_URL)(`storage on a PostgreSQL server${SERVER_URL ? '' : ` (${NO_SERVER})`}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase(SERVER_URL!);
  });
  afterAll(async () => database?.drop());

  it('migrates once when several processes start at once (advisory lock)', async () => {
    const pools = Array.from({ length: 4 }, () => openPostgres(database.url));
    const applied = await Promise.all(pools.map((p) => migrate(p)));
    await Promise.all(pools.map((p) => p.close()));
    expect(applied.flat().sort()).toEqual(readMigrations().map((m) => m.version));
    expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
  });

  suite('the same SQL', async () => ({ db: openPostgres(database.url), second: () => openPostgres(database.url), cleanup: async () => undefined }));
});

describe('migration files', () => {
  it('are numbered from 001 without gaps, and a misnamed file stops start-up', () => {
    expect(readMigrations()[0]).toMatchObject({ version: 1 });
    const dir = mkdtempSync(join(tmpdir(), 'mesoquote-migrations-'));
    try {
      writeFileSync(join(dir, '001_first.sql'), 'SELECT 1;');
      writeFileSync(join(dir, '003_third.sql'), 'SELECT 1;');
      expect(() => readMigrations(dir)).toThrow(/expected version 2/);
      writeFileSync(join(dir, '002-Bad Name.sql'), 'SELECT 1;');
      expect(() => readMigrations(dir)).toThrow(/NNN_lowercase_words/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

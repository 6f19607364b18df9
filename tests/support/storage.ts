// Storage for tests: an in-memory PGlite database (always available; opening takes seconds, so a
// test file opens one and shares it), and, when TEST_DATABASE_URL (or DATABASE_URL) names a
// PostgreSQL server, a fresh database of its own per test file, dropped afterwards, so parallel
// runs never collide. Tests that need the server skip with a visible reason without it.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Config } from '../../src/config.js';
import { buildApp, type AppDeps } from '../../src/http/app.js';
import { openPglite } from '../../src/storage/database.js';
import { createStorage, type Storage } from '../../src/storage/storage.js';
import { realData, testConfig } from './app.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef-0123456789';

/** The PostgreSQL server tests may use, if any. */
export const SERVER_URL = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
export const NO_SERVER = 'skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run against a PostgreSQL server';

/** An open, migrated in-memory PGlite storage. */
export async function memoryStorage(): Promise<Storage> {
  const storage = createStorage({ kind: 'pglite', open: () => openPglite('memory'), retryMs: 1_000 });
  await storage.ready(60_000);
  return storage;
}

/** CREATE DATABASE mesoquote_test_<random> on the server; drop() removes it (and its connections). */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `mesoquote_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The real app on the committed data with `storage` and the test admin key. */
export async function storageApp(storage: Storage, overrides: Partial<Config> = {}, deps: Partial<AppDeps> = {}): Promise<FastifyInstance> {
  const config = testConfig({ adminApiKey: ADMIN_KEY, ...overrides });
  const app = await buildApp({ config, data: realData(), storage, ...deps });
  await app.ready();
  return app;
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** Creates a clinic through the API; its id and first key. */
export async function newClinic(app: FastifyInstance, name = 'Test clinic'): Promise<{ id: string; key: string; keyId: string }> {
  const res = await app.inject({ method: 'POST', url: '/v1/clinics', headers: bearer(ADMIN_KEY), payload: { name } });
  if (res.statusCode !== 201) throw new Error(`clinic not created: ${res.statusCode} ${res.body}`);
  const body = res.json() as { clinic: { id: string }; apiKey: { id: string; key: string } };
  return { id: body.clinic.id, key: body.apiKey.key, keyId: body.apiKey.id };
}

/** A valid sheet: a French city clinic with its own skin-rejuvenation prices. */
export const FRENCH_SHEET = {
  country: 'FR',
  cityTier: 'major-metro',
  practitioner: 'physician',
  currency: 'EUR',
  treatments: {
    'skin-rejuvenation': { perSession: '180.00', areas: { neck: '120.00' }, sessions: { min: 3, typical: 4, max: 6 } },
  },
  packages: { 'prepaid-course': { discountPercent: '10' } },
} as const;

export async function putSheet(app: FastifyInstance, clinic: { id: string; key: string }, sheet: unknown, ifMatch?: string) {
  return app.inject({
    method: 'PUT',
    url: `/v1/clinics/${clinic.id}/price-sheet`,
    headers: { ...bearer(clinic.key), ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    payload: sheet as Record<string, unknown>,
  });
}

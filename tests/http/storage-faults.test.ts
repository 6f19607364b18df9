// Faults: estimates never wait for storage. While the database opens, is unreachable or drops
// out, market estimates answer 200 and storage routes answer 503 storage-unavailable (problem+json
// with Retry-After); /readyz says so; every failure reaches onFault (for metrics); and service
// resumes by itself when the database is back.
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/free-port.js';
import { openPglite, openPostgres, type Database } from '../../src/storage/database.js';
import { createStorage, type Storage, type StorageFault, type StorageState } from '../../src/storage/storage.js';
import { ADMIN_KEY, bearer, createTestDatabase, FRENCH_SHEET, newClinic, NO_SERVER, putSheet, SERVER_URL, storageApp } from '../support/storage.js';
import { expectProblem } from './http-helpers.js';

const STORAGE_ROUTES = [
  { method: 'POST', url: '/v1/clinics', headers: bearer(ADMIN_KEY), payload: { name: 'x' } },
  { method: 'GET', url: '/v1/clinics/cl_0123456789abcdef', headers: bearer(`mq_0123456789abcdef_${'A'.repeat(43)}`) },
  { method: 'GET', url: '/v1/quotes/q_AAAAAAAAAAAAAAAAAAAAAA' },
  { method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } },
  { method: 'POST', url: '/v1/estimates', payload: { treatment: 'fat-reduction', clinic: 'cl_0123456789abcdef' } },
] as const;

async function expectStorageDown(app: FastifyInstance, retryAfter: string) {
  const estimate = await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'fat-reduction', country: 'DE' } });
  expect(estimate.statusCode).toBe(200);
  expect((await app.inject({ url: '/v1/estimates?treatment=hair-restoration' })).statusCode).toBe(200);
  for (const route of STORAGE_ROUTES) {
    const res = await app.inject(route as unknown as InjectOptions);
    expectProblem(res, 503, 'storage-unavailable');
    expect(res.headers['retry-after'], `${route.method} ${route.url}`).toBe(retryAfter);
  }
}

function waitForState(storage: Storage, wanted: StorageState, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`storage never became ${wanted}`)), timeoutMs);
    const off = storage.onStateChange((state) => {
      if (state !== wanted) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

describe('a database server that is not there', () => {
  let storage: Storage;
  let app: FastifyInstance;
  const faults: StorageFault[] = [];

  beforeAll(async () => {
    const port = await freePort(); // nothing listens here
    storage = createStorage({ kind: 'postgres', open: async () => openPostgres(`postgres://postgres@127.0.0.1:${port}/none`), retryMs: 60_000, retryAfterSeconds: 7 });
    storage.onFault((f) => faults.push(f));
    const down = waitForState(storage, 'unavailable');
    app = await storageApp(storage);
    await down;
  });
  afterAll(async () => {
    await app?.close();
    await storage?.close();
  });

  it('answers estimates, and 503 with Retry-After on every storage route', async () => {
    await expectStorageDown(app, '7');
  });

  it('reports degraded storage on /readyz, with the reason for the admin key only, and still answers 200', async () => {
    const res = await app.inject({ url: '/readyz', headers: bearer(ADMIN_KEY) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'degraded', checks: { data: 'loaded', storage: 'unavailable' }, storage: { kind: 'postgres', fault: 'connection', reason: expect.stringMatching(/ECONNREFUSED|connect/) } });
    // Anyone else learns one word: no database kind, address, reason or cache figures.
    for (const headers of [{}, bearer('not-the-admin-key-0123456789abcdef0123'), { authorization: 'Basic eA==' }]) {
      const open = await app.inject({ url: '/readyz', headers });
      expect(open.statusCode).toBe(200);
      expect(open.json()).toEqual({ status: 'degraded' });
      expect(open.body).not.toMatch(/postgres|127\.0\.0\.1|ECONNREFUSED/);
    }
  });

  it('reports the failure to onFault listeners, so that it can be counted', () => {
    expect(faults[0]).toMatchObject({ operation: 'open', kind: 'unavailable' });
  });
});

describe('a database that is still opening', () => {
  it('answers estimates at once and storage routes 503 until it is open', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const storage = createStorage({ kind: 'pglite', open: async () => (await gate, openPglite('memory')), retryAfterSeconds: 2 });
    const app = await storageApp(storage);
    try {
      await expectStorageDown(app, '2');
      expect((await app.inject({ url: '/readyz', headers: bearer(ADMIN_KEY) })).json().checks.storage).toBe('opening');
      release();
      await storage.ready(60_000);
      expect((await app.inject({ method: 'POST', url: '/v1/clinics', headers: bearer(ADMIN_KEY), payload: { name: 'x' } })).statusCode).toBe(201);
      expect((await app.inject({ url: '/readyz', headers: bearer(ADMIN_KEY) })).json()).toMatchObject({ status: 'ready', checks: { storage: 'ready' } });
    } finally {
      release();
      await app.close();
      await storage.close();
    }
  });
});

describe('a database that drops out and comes back', () => {
  it('answers 503 while queries fail with connection errors, then serves again once a probe succeeds', async () => {
    let down = false;
    const faults: StorageFault[] = [];
    const wrap = (db: Database): Database => ({
      ...db,
      query: async (sql, params) => {
        if (down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        return db.query(sql, params);
      },
      transaction: async (fn) => {
        if (down) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        return db.transaction(fn);
      },
    });
    const storage = createStorage({ kind: 'postgres', open: async () => wrap(await openPglite('memory')), retryMs: 200, retryAfterSeconds: 1 });
    storage.onFault((f) => faults.push(f));
    await storage.ready(60_000);
    const app = await storageApp(storage);
    try {
      const created = await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } });
      expect(created.statusCode).toBe(201);
      down = true;
      await expectStorageDown(app, '1');
      expect(faults.some((f) => f.kind === 'unavailable' && f.operation !== 'open')).toBe(true);
      down = false;
      await storage.ready(10_000);
      expect((await app.inject({ url: created.headers.location as string })).body).toBe(created.body);
    } finally {
      await app.close();
      await storage.close();
    }
  });
});

describe('a schema that disappears (a database dropped and recreated empty)', () => {
  it('answers 503 with Retry-After, never 500, reruns the migrations and serves again', async () => {
    const faults: StorageFault[] = [];
    const storage = createStorage({ kind: 'pglite', open: () => openPglite('memory'), retryMs: 200, retryAfterSeconds: 1 });
    storage.onFault((f) => faults.push(f));
    await storage.ready(60_000);
    const app = await storageApp(storage);
    try {
      expect((await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } })).statusCode).toBe(201);
      await storage.use('test', (db) => db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;'));
      const res = await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } });
      expectProblem(res, 503, 'storage-unavailable');
      expect(res.headers['retry-after']).toBe('1');
      expect(faults.map((f) => [f.kind, f.class])).toContainEqual(['unavailable', 'missing-schema']);
      const ready = await app.inject({ url: '/readyz', headers: bearer(ADMIN_KEY) });
      expect(ready.json()).toMatchObject({ status: 'degraded', storage: { fault: 'missing-schema' } });
      await storage.ready(10_000);
      const again = await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } });
      expect(again.statusCode, again.body).toBe(201);
      expect((await app.inject({ url: again.headers.location as string })).statusCode).toBe(200);
    } finally {
      await app.close();
      await storage.close();
    }
  });
});

describe('/readyz under a flood', () => {
  it('never queries the database per call: at most one probe per interval', async () => {
    let probes = 0;
    const counting = (db: Database): Database => ({
      ...db,
      query: async (sql, params) => {
        if (sql === 'SELECT 1') probes += 1;
        return db.query(sql, params);
      },
    });
    const storage = createStorage({ kind: 'postgres', open: async () => counting(await openPglite('memory')), retryMs: 60_000, probeIntervalMs: 60_000 });
    await storage.ready(60_000);
    const app = await storageApp(storage);
    try {
      probes = 0;
      for (let i = 0; i < 500; i += 1) expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
      expect(probes).toBeLessThanOrEqual(1);
    } finally {
      await app.close();
      await storage.close();
    }
  });
});

describe("a route's own answers inside a storage call (412, 428, 404)", () => {
  it('are not storage faults: not counted in mesoquote_storage_errors_total, not logged as faults', async () => {
    const faults: StorageFault[] = [];
    const storage = createStorage({ kind: 'pglite', open: () => openPglite('memory') });
    storage.onFault((f) => faults.push(f));
    await storage.ready(60_000);
    const app = await storageApp(storage);
    try {
      const clinic = await newClinic(app);
      expect((await putSheet(app, clinic, FRENCH_SHEET)).statusCode).toBe(201);
      expectProblem(await putSheet(app, clinic, FRENCH_SHEET), 428, 'precondition-required');
      expectProblem(await putSheet(app, clinic, FRENCH_SHEET, '"v7"'), 412, 'precondition-failed');
      expectProblem(await app.inject({ method: 'DELETE', url: `/v1/clinics/${clinic.id}/keys/0123456789abcdef`, headers: bearer(clinic.key) }), 404, 'not-found');
      expect(faults).toEqual([]);
      expect((await app.inject({ url: '/metrics' })).body).not.toMatch(/^mesoquote_storage_errors_total\{/m);
    } finally {
      await app.close();
      await storage.close();
    }
  });
});

if (!SERVER_URL) console.warn(`PostgreSQL fault test ${NO_SERVER}`);

describe.skipIf(!SERVER_URL)(`a real PostgreSQL server refusing connections${SERVER_URL ? '' : ` (${NO_SERVER})`}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: SERVER_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  beforeAll(async () => {
    database = await createTestDatabase(SERVER_URL!);
  });
  afterAll(async () => {
    await admin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`).catch(() => undefined);
    await database?.drop();
  });

  it('answers 503 while the database refuses connections, keeps answering estimates, and recovers', async () => {
    const storage = createStorage({ kind: 'postgres', open: async () => openPostgres(database.url), retryMs: 300, retryAfterSeconds: 1 });
    await storage.ready(30_000);
    const app = await storageApp(storage);
    try {
      const created = await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } });
      expect(created.statusCode).toBe(201);
      await admin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`);
      await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.name}' AND pid <> pg_backend_pid()`);
      // The first request after the drop finds the broken connection; from then on it is a fast 503.
      const first = await app.inject({ url: created.headers.location as string });
      expectProblem(first, 503, 'storage-unavailable');
      await expectStorageDown(app, '1');
      expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'degraded' });
      await admin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`);
      await storage.ready(10_000);
      expect((await app.inject({ url: created.headers.location as string })).body).toBe(created.body);
    } finally {
      await app.close();
      await storage.close();
    }
  });
});

describe.skipIf(!SERVER_URL)(`a real PostgreSQL server: privileges revoked, database recreated empty${SERVER_URL ? '' : ` (${NO_SERVER})`}`, () => {
  const admin = async (sql: string, url = SERVER_URL!) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  it('answers 503 (fault: permission) while the role has lost its table privileges, and recovers once they are back', async () => {
    const database = await createTestDatabase(SERVER_URL!);
    const role = `${database.name}_app`;
    await admin(`CREATE ROLE ${role} LOGIN PASSWORD 'pw'`);
    await admin(`ALTER DATABASE ${database.name} OWNER TO ${role}`);
    await admin(`GRANT ALL ON SCHEMA public TO ${role}`, database.url);
    const url = new URL(database.url);
    url.username = role;
    url.password = 'pw';
    const storage = createStorage({ kind: 'postgres', open: async () => openPostgres(url.toString()), retryMs: 300, retryAfterSeconds: 1 });
    const app = await storageApp(storage);
    try {
      await storage.ready(30_000);
      expect((await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } })).statusCode).toBe(201);
      // As a superuser: the tables belong to the role, so revoke from the owner itself.
      await admin(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`, database.url);
      const res = await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } });
      expectProblem(res, 503, 'storage-unavailable');
      expect(res.headers['retry-after']).toBe('1');
      await expectStorageDown(app, '1');
      expect((await app.inject({ url: '/readyz', headers: bearer(ADMIN_KEY) })).json()).toMatchObject({ status: 'degraded', storage: { fault: 'permission' } });
      await admin(`GRANT ALL ON ALL TABLES IN SCHEMA public TO ${role}`, database.url);
      await storage.ready(10_000);
      expect((await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } })).statusCode).toBe(201);
    } finally {
      await app.close();
      await storage.close();
      await database.drop();
      await admin(`DROP ROLE IF EXISTS ${role}`);
    }
  });

  it('reruns the migrations when the database is dropped and recreated empty: 503 meanwhile, never 500', async () => {
    const database = await createTestDatabase(SERVER_URL!);
    const storage = createStorage({ kind: 'postgres', open: async () => openPostgres(database.url), retryMs: 300, retryAfterSeconds: 1 });
    const app = await storageApp(storage);
    try {
      await storage.ready(30_000);
      expect((await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } })).statusCode).toBe(201);
      await admin(`DROP DATABASE ${database.name} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${database.name}`);
      const statuses = new Set<number>();
      for (let i = 0; i < 3; i += 1) statuses.add((await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } })).statusCode);
      expect([...statuses].every((s) => s === 503 || s === 201), [...statuses].join()).toBe(true);
      await storage.ready(10_000);
      const again = await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'fat-reduction' } });
      expect(again.statusCode, again.body).toBe(201);
    } finally {
      await app.close();
      await storage.close();
      await database.drop();
    }
  });
});

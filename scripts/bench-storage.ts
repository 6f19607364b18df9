// Storage benchmark: how long the embedded database takes to open and migrate, and what a
// clinic estimate (one sheet read from the database per request, then the estimate cache) costs
// against a market estimate, in process (app.inject, sequential, after a warm-up). PGlite always;
// a PostgreSQL server too when TEST_DATABASE_URL is set (in a database made for the run). First,
// side by side in two fresh processes, the resident memory of opening a new data directory the
// way the service does (initdb in a child process) against initdb in the process itself.
//   npx tsx scripts/bench-storage.ts [--requests N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../src/config.js';
import { loadData } from '../src/data/load.js';
import { buildApp } from '../src/http/app.js';
import { openPglite, openPostgres, type Database } from '../src/storage/database.js';
import { migrate } from '../src/storage/migrate.js';
import { createStorage } from '../src/storage/storage.js';
import { createTestDatabase } from '../tests/support/storage.js';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '3000' }, 'open-probe': { type: 'string' } } });
const REQUESTS = Number(values.requests);

// Child mode: open a fresh directory one way, print resident memory (MiB) and milliseconds.
if (values['open-probe'] !== undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'mesoquote-bench-'));
  const start = performance.now();
  const db = values['open-probe'] === 'service' ? await openPglite(dir) : await PGlite.create(join(dir, 'pglite'));
  await db.query('SELECT 1');
  const ms = performance.now() - start;
  process.stdout.write(JSON.stringify({ rssMiB: process.memoryUsage().rss / 2 ** 20, ms }));
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
const ADMIN = 'bench-admin-key-0123456789abcdef-0123456789';
const SHEET = {
  country: 'FR',
  cityTier: 'major-metro',
  practitioner: 'physician',
  currency: 'EUR',
  treatments: { 'skin-rejuvenation': { perSession: '180.00', areas: { neck: '120.00' }, sessions: { min: 3, typical: 4, max: 6 } } },
};
const config = { ...loadConfig({}), adminApiKey: ADMIN };
const data = loadData(config.dataDir);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function run(label: string, open: () => Promise<Database>): Promise<void> {
  const [db, openMs] = await timed(open);
  const [, migrateMs] = await timed(() => migrate(db));
  const storage = createStorage({ kind: db.kind, open: async () => db });
  await storage.ready();
  const app = await buildApp({ config, data, storage });
  await app.ready();
  const admin = { authorization: `Bearer ${ADMIN}` };
  const created = (await app.inject({ method: 'POST', url: '/v1/clinics', headers: admin, payload: { name: 'Bench' } })).json();
  await app.inject({ method: 'PUT', url: `/v1/clinics/${created.clinic.id}/price-sheet`, headers: { authorization: `Bearer ${created.apiKey.key}` }, payload: SHEET });
  const urls = {
    market: '/v1/estimates?treatment=skin-rejuvenation&areas=face,neck&country=FR&cityTier=major-metro',
    clinic: `/v1/estimates?treatment=skin-rejuvenation&areas=face,neck&clinic=${created.clinic.id}`,
  };
  const rates: Record<string, number> = {};
  for (const [name, url] of Object.entries(urls)) {
    for (let i = 0; i < 300; i++) await app.inject({ url }); // warm-up
    const [, ms] = await timed(async () => {
      for (let i = 0; i < REQUESTS; i++) {
        const res = await app.inject({ url });
        if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    });
    rates[name] = REQUESTS / (ms / 1000);
  }
  const [, quoteMs] = await timed(async () => {
    for (let i = 0; i < 200; i++) await app.inject({ method: 'POST', url: '/v1/quotes', payload: { treatment: 'skin-rejuvenation', clinic: created.clinic.id } });
  });
  await app.close();
  await storage.close();
  process.stdout.write(
    `${label}: open ${openMs.toFixed(0)} ms, migrate ${migrateMs.toFixed(0)} ms; GET estimate (cache hit) market ${rates.market!.toFixed(0)}/s, ` +
      `clinic ${rates.clinic!.toFixed(0)}/s (${(rates.clinic! / rates.market!).toFixed(2)}x); POST /v1/quotes ${(quoteMs / 200).toFixed(2)} ms each\n`,
  );
}

const probe = (mode: string): { rssMiB: number; ms: number } =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--open-probe', mode], { encoding: 'utf8' })) as { rssMiB: number; ms: number };
const service = probe('service');
const inProcess = probe('in-process');
process.stdout.write(
  `New PGlite directory, each in a fresh process: as the service opens it (initdb in a child) ${service.rssMiB.toFixed(0)} MiB resident after ${service.ms.toFixed(0)} ms; ` +
    `initdb in the process ${inProcess.rssMiB.toFixed(0)} MiB after ${inProcess.ms.toFixed(0)} ms (${(service.rssMiB / inProcess.rssMiB).toFixed(2)}x the memory)\n`,
);
process.stdout.write(`${REQUESTS} sequential app.inject requests per route, Node ${process.version}\n`);
await run('PGlite (memory)', () => openPglite('memory'));
const serverUrl = process.env.TEST_DATABASE_URL;
if (serverUrl) {
  const database = await createTestDatabase(serverUrl);
  try {
    await run('PostgreSQL server (localhost)', async () => openPostgres(database.url));
  } finally {
    await database.drop();
  }
} else process.stdout.write('PostgreSQL: skipped (set TEST_DATABASE_URL)\n');

// What durable commits cost on the embedded database (STORAGE_FSYNC, issue 16): saves the same
// quotes into a fresh PGlite directory with fsync on and off, one commit each, and prints commits
// per second and the median and p99 commit time of both.
//
//   npx tsx scripts/fsync-cost.ts            300 commits each
//   npx tsx scripts/fsync-cost.ts 1000
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite, pgliteSyncCount } from '../src/storage/database.js';
import { migrate } from '../src/storage/migrate.js';
import { newQuoteId, saveQuote } from '../src/storage/quotes.js';

const commits = Number(process.argv[2] ?? 300);
const body = JSON.stringify({ filler: 'x'.repeat(4_500) }); // about the size of a real quote

async function run(fsync: boolean): Promise<{ perSecond: number; medianMs: number; p99Ms: number; syncs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'mesoquote-fsync-'));
  try {
    const db = await openPglite(dir, { fsync });
    await migrate(db);
    // Warm-up (JIT, the first WAL segment), not measured.
    for (let i = 0; i < 50; i += 1) {
      const now = new Date();
      await saveQuote(db, { id: newQuoteId(), body, dataVersion: 'bench', clinicId: null, sheetVersion: null, createdAt: now, validUntil: now });
    }
    const times: number[] = [];
    const syncsBefore = pgliteSyncCount();
    const started = performance.now();
    for (let i = 0; i < commits; i += 1) {
      const t0 = performance.now();
      const now = new Date();
      await saveQuote(db, { id: newQuoteId(), body, dataVersion: 'bench', clinicId: null, sheetVersion: null, createdAt: now, validUntil: now });
      times.push(performance.now() - t0);
    }
    const total = performance.now() - started;
    const syncs = pgliteSyncCount() - syncsBefore;
    await db.close();
    times.sort((a, b) => a - b);
    return { perSecond: (commits / total) * 1000, medianMs: times[Math.floor(times.length / 2)]!, p99Ms: times[Math.floor(times.length * 0.99)]!, syncs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const off = await run(false);
const on = await run(true);
const line = (name: string, r: typeof on) => `${name.padEnd(18)} ${r.perSecond.toFixed(0).padStart(7)} commits/s   median ${r.medianMs.toFixed(2)} ms   p99 ${r.p99Ms.toFixed(2)} ms   fsync calls ${r.syncs}`;
console.log(`${commits} quote commits (4.5 KB each) into PGlite in ${tmpdir()}`);
console.log(line('STORAGE_FSYNC=off', off));
console.log(line('STORAGE_FSYNC=on', on));
console.log(`an fsync adds ${(on.medianMs - off.medianMs).toFixed(2)} ms to the median commit here (machine-dependent: a disk with a volatile write cache costs more)`);

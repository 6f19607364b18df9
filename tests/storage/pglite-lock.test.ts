// The embedded database's directory lock and durability (issue 16, items 2, 3 and 9). The lock is
// an OS lock the process holds on <dir>/pglite.lock, not a PID written in a file: a second process
// cannot open the directory even when both are PID 1 of their own PID namespace (two containers
// on one volume), a lock file left behind naming a live, unrelated PID does not keep storage down,
// and the kernel frees the lock when its holder dies, however it dies. Commits are flushed to disk:
// every saved quote makes PostgreSQL call fsync on its WAL, and that call reaches the kernel.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectoryInUseError, openPglite, pgliteSyncCount } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrate.js';
import { newQuoteId, saveQuote } from '../../src/storage/quotes.js';
import { ROOT } from '../fixtures/committed-data.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesoquote-lock-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const quote = () => {
  const now = new Date();
  return { id: newQuoteId(), body: '{}', dataVersion: 'test', clinicId: null, sheetVersion: null, createdAt: now, validUntil: new Date(now.getTime() + 86_400_000) };
};

describe('the PGlite directory lock', () => {
  it('keeps a second opener out, even in the same process, and names the holder with its host', async () => {
    const dir = tempDir();
    const first = await openPglite(dir);
    try {
      const second = openPglite(dir);
      await expect(second).rejects.toThrow(DirectoryInUseError);
      await expect(second).rejects.toThrow(new RegExp(`in use by process ${process.pid} on host \\S+`));
      const holder = JSON.parse(readFileSync(join(dir, 'pglite.lock'), 'utf8')) as Record<string, unknown>;
      expect(holder).toMatchObject({ pid: process.pid, host: expect.any(String), startedAt: expect.any(String) });
      if (existsSync('/proc/sys/kernel/random/boot_id')) expect(holder.bootId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await first.close();
    }
    // Released on close: the next opener gets it.
    const again = await openPglite(dir);
    await again.close();
  }, 120_000);

  it('is not blocked by a lock file naming a live, unrelated process', async () => {
    const dir = tempDir();
    // What the old lock left behind: a PID that is alive (this test runner's parent, PID 1) but holds nothing.
    for (const stale of [String(process.ppid), '1', JSON.stringify({ pid: 1, host: 'elsewhere', bootId: 'x', startedAt: '2020-01-01T00:00:00Z' })]) {
      writeFileSync(join(dir, 'pglite.lock'), stale);
      const db = await openPglite(dir);
      expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      await db.close();
    }
  }, 120_000);
});

const canUnshare = process.getuid?.() === 0 && (() => {
  try {
    execFileSync('unshare', ['--pid', '--fork', '--mount-proc', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** A process in a PID namespace of its own (PID 1 there, as in a container) that opens `dir` and reports. */
function inNamespace(dir: string): { child: ChildProcess; result: Promise<string> } {
  const database = join(ROOT, 'src/storage/database.ts');
  const script = `
    const { openPglite } = await import(${JSON.stringify(database)});
    try { await openPglite(process.argv[1]); console.log('opened as pid ' + process.pid); }
    catch (error) { console.log('refused as pid ' + process.pid + ': ' + error.message); process.exit(0); }
    setInterval(() => {}, 1000);`;
  const child = spawn('unshare', ['--pid', '--fork', '--kill-child', '--mount-proc', process.execPath, '--import', 'tsx', '--input-type=module', '-e', script, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
  const result = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: string) => {
      out += c;
      if (/^(opened|refused)/m.test(out)) resolve(out.trim());
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, result };
}

describe.skipIf(!canUnshare)(`two containers on one volume${canUnshare ? '' : ' (skipped: needs root and unshare)'}`, () => {
  it('lets only one of two processes that are each PID 1 of their own PID namespace open the directory; the lock dies with its holder', async () => {
    const dir = tempDir();
    const a = inNamespace(dir);
    try {
      expect(await a.result).toMatch(/^opened as pid 1$/m);
      const b = inNamespace(dir);
      expect(await b.result).toMatch(/^refused as pid 1: the storage directory is in use by process 1 on host/m);
      // kill -9 the holder (--kill-child: the namespace's PID 1 dies with unshare): the kernel releases the lock.
      a.child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 500));
      const c = inNamespace(dir);
      try {
        expect(await c.result).toMatch(/^opened as pid 1$/m);
      } finally {
        c.child.kill('SIGKILL');
      }
    } finally {
      a.child.kill('SIGKILL');
    }
  }, 180_000);
});

describe('durable commits (STORAGE_FSYNC)', () => {
  it('flushes the WAL to disk on every commit: ten saved quotes, at least ten fsync calls', async () => {
    const dir = tempDir();
    const db = await openPglite(dir);
    try {
      await migrate(db);
      const before = pgliteSyncCount();
      for (let i = 0; i < 10; i += 1) await saveQuote(db, quote());
      expect(pgliteSyncCount() - before).toBeGreaterThanOrEqual(10);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('with STORAGE_FSYNC=off, does not (faster commits a power loss can lose)', async () => {
    const dir = tempDir();
    const db = await openPglite(dir, { fsync: false });
    try {
      await migrate(db);
      const before = pgliteSyncCount();
      for (let i = 0; i < 10; i += 1) await saveQuote(db, quote());
      expect(pgliteSyncCount() - before).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);

  const hasStrace = (() => {
    try {
      execFileSync('strace', ['-V'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!hasStrace)('makes real fsync system calls on pg_wal (strace)', async () => {
    const dir = tempDir();
    await (await openPglite(dir)).close();
    const script = `
      const { openPglite } = await import(${JSON.stringify(join(ROOT, 'src/storage/database.ts'))});
      const { migrate } = await import(${JSON.stringify(join(ROOT, 'src/storage/migrate.ts'))});
      const db = await openPglite(process.argv[1]);
      await migrate(db);
      console.log('BEGIN-COMMITS');
      for (let i = 0; i < 10; i += 1) await db.query("INSERT INTO clinics (id, name) VALUES ('cl_' || $1, 'x')", [String(i).padStart(16, '0')]);
      console.log('END-COMMITS');
      await db.close();`;
    const trace = join(dir, 'trace');
    execFileSync('strace', ['-f', '-e', 'trace=fsync,fdatasync,write', '-o', trace, process.execPath, '--import', 'tsx', '--input-type=module', '-e', script, dir], { cwd: ROOT, stdio: 'ignore', timeout: 120_000 });
    const lines = readFileSync(trace, 'utf8').split('\n');
    const from = lines.findIndex((l) => l.includes('BEGIN-COMMITS'));
    const to = lines.findIndex((l) => l.includes('END-COMMITS'));
    const syncs = lines.slice(from, to).filter((l) => /\b(fsync|fdatasync)\(/.test(l) && !/= -1/.test(l));
    expect(syncs.length, lines.slice(from, to).join('\n').slice(0, 2000)).toBeGreaterThanOrEqual(10);
  }, 180_000);
});

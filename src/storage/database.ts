// The two databases the service can run on, behind one small interface: PGlite (PostgreSQL
// compiled to WebAssembly, in-process, in a data directory: the embedded default) and a
// PostgreSQL server through `pg` (DATABASE_URL). Both run the same SQL.
import { execFile } from 'node:child_process';
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Queryable {
  /** One statement with $1, $2… parameters; the rows it returns. */
  query<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements without parameters (a migration file). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Thrown when another process holds the PGlite directory (PGlite allows one process). */
export class DirectoryInUseError extends Error {
  override readonly name = 'DirectoryInUseError';
}

export interface PgliteOptions {
  /**
   * Flush every commit's WAL to disk before the commit is acknowledged (STORAGE_FSYNC, default
   * on). PGlite itself runs PostgreSQL with fsync off, and its file system ignores fdatasync; on,
   * PostgreSQL's fsync is turned back on, syncs the WAL with fsync(), and that call reaches the
   * disk (`scripts/fsync-cost.ts` measures what it costs).
   */
  readonly fsync?: boolean;
}

/**
 * Opens (creating if needed) a PGlite database in `<dir>/pglite`, or in memory when dir is
 * 'memory'. The process holds an OS lock on `<dir>/pglite.lock` (an open file description lock,
 * F_OFD_SETLK) for as long as the database is open: a second process, in another PID namespace
 * (another container) or on another host sharing the volume, cannot take it, and the kernel
 * drops it when the holder exits, however it exits, so a lock file left behind never blocks. The
 * file's content (pid, host, boot id, start time of the holder) is for diagnostics only.
 */
export async function openPglite(dir: string, options: PgliteOptions = {}): Promise<Database> {
  if (dir === 'memory') return wrapPglite(await PGlite.create(), () => undefined);
  mkdirSync(dir, { recursive: true });
  const release = takeLock(join(dir, 'pglite.lock'));
  try {
    const dataDir = join(dir, 'pglite');
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialisePglite(dataDir);
    const durable = options.fsync !== false;
    const db = await PGlite.create(dataDir, durable ? { startParams: DURABLE_START_PARAMS } : {});
    if (durable) syncForReal(db);
    return wrapPglite(db, release);
  } catch (error) {
    release();
    throw error;
  }
}

/** PGlite's start parameters without -F (fsync off), syncing the WAL with fsync (its fdatasync is a no-op). */
const DURABLE_START_PARAMS = [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];

let syncs = 0;
/** How many fsync calls the embedded database made (tests). */
export function pgliteSyncCount(): number {
  return syncs;
}

/** Makes PostgreSQL's fsync() reach the disk: Emscripten's Node file system has no fsync of its own. */
function syncForReal(db: PGlite): void {
  const nodefs = (db as unknown as { Module: { NODEFS: { stream_ops: Record<string, unknown> } } }).Module.NODEFS;
  nodefs.stream_ops.fsync = (stream: { nfd?: number }) => {
    if (typeof stream.nfd === 'number') {
      fsyncSync(stream.nfd);
      syncs += 1;
    }
    return 0;
  };
}

/**
 * Creates a PGlite data directory (initdb) in a child process. initdb grows PGlite's WebAssembly
 * memory to about 800 MiB, and WebAssembly memory never shrinks: done in this process, that would
 * stay for its whole life. Done in a child, it is returned when the child exits, and this process
 * opens the finished directory at about half of that (`npm run bench:storage` measures both).
 * It also keeps initdb's seconds of work off this process's event loop.
 */
async function initialisePglite(dataDir: string): Promise<void> {
  const module = pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href;
  const script = `const { PGlite } = await import(${JSON.stringify(module)}); const db = await PGlite.create(process.argv[1]); await db.close();`;
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, dataDir], { timeout: 120_000, env: { PATH: process.env.PATH ?? '' } });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`could not create the embedded database in ${dataDir}: ${stderr.split('\n').slice(-3).join(' ') || (error as Error).message}`);
  }
}

interface FileLocks {
  tryLock(fd: number): boolean;
  unlock(fd: number): void;
}
const locks = createRequire(import.meta.url)('fs-native-extensions') as FileLocks;

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** Takes the directory's OS lock, or throws DirectoryInUseError naming the holder; returns release(). */
function takeLock(lockPath: string): () => void {
  // a+: created if missing, never truncated before the lock is ours.
  const fd = openSync(lockPath, 'a+');
  let locked = false;
  try {
    locked = locks.tryLock(fd);
  } finally {
    if (!locked) closeSync(fd);
  }
  if (!locked) {
    throw new DirectoryInUseError(`the storage directory is in use by process ${describeHolder(lockPath)}; PGlite serves one process (use DATABASE_URL to share a PostgreSQL server)`);
  }
  const holder = { pid: process.pid, host: hostname(), bootId: bootId(), startedAt: new Date().toISOString() };
  ftruncateSync(fd, 0);
  writeSync(fd, `${JSON.stringify(holder)}\n`);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    // The file stays: removing it would let a process lock a new file while another holds the old.
    try {
      locks.unlock(fd);
    } finally {
      closeSync(fd);
    }
  };
}

/** "1234 on host web-1 (boot …), since …" from the lock file, for the error message. */
function describeHolder(lockPath: string): string {
  try {
    const text = readFileSync(lockPath, 'utf8').trim();
    const h = JSON.parse(text) as { pid?: number; host?: string; bootId?: string; startedAt?: string };
    const sameBoot = h.bootId !== undefined && h.bootId === bootId();
    return `${h.pid} on host ${h.host}${sameBoot ? '' : ` (boot ${h.bootId ?? 'unknown'})`}, since ${h.startedAt}`;
  } catch {
    return '(unknown: the lock file names none)';
  }
}

function wrapPglite(db: PGlite, release: () => void): Database {
  const on = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <R>(sql: string, params: readonly unknown[] = []) => (await q.query<R>(sql, params as unknown[])).rows,
    exec: async (sql) => {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...on(db),
    transaction: (fn) => db.transaction((tx) => fn(on(tx))),
    close: async () => {
      await db.close();
      release();
    },
  };
}

/** Thrown when no connection to the server could be made (refused, timed out, not allowed). */
export class DatabaseUnreachableError extends Error {
  override readonly name = 'DatabaseUnreachableError';
  constructor(override readonly cause: unknown) {
    super(`cannot connect to the database: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * A pool on a PostgreSQL server. Connecting is lazy: a down server fails the first query. Any
 * failure to get a connection is a DatabaseUnreachableError, whatever the server said (refused,
 * database not accepting connections, authentication), so that callers answer 503, not 500.
 */
export function openPostgres(url: string, options: { max?: number; connectTimeoutMs?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000 });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const connect = async (): Promise<pg.PoolClient> => {
    try {
      return await pool.connect();
    } catch (error) {
      throw new DatabaseUnreachableError(error);
    }
  };
  const on = (client: pg.PoolClient): Queryable => ({
    query: async <R>(sql: string, params: readonly unknown[] = []) => (await client.query(sql, params as unknown[])).rows as R[],
    exec: async (sql) => {
      await client.query(sql);
    },
  });
  const withClient = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await connect();
    try {
      const result = await fn(client);
      client.release();
      return result;
    } catch (error) {
      // A statement error leaves the connection usable; anything else (a dropped connection) does not.
      client.release(typeof (error as { code?: unknown }).code === 'string' && !/^(08|57P)/.test((error as { code: string }).code) ? undefined : (error as Error));
      throw error;
    }
  };
  return {
    kind: 'postgres',
    query: (sql, params) => withClient((client) => on(client).query(sql, params)),
    exec: (sql) => withClient((client) => on(client).exec(sql)),
    transaction: (fn) =>
      withClient(async (client) => {
        await client.query('BEGIN');
        try {
          const result = await fn(on(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    close: () => pool.end(),
  };
}

/** user@host:port/db of a connection URL, without the password, for logs. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

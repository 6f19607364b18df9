// The two databases the service can run on, behind one small interface: PGlite (PostgreSQL
// compiled to WebAssembly, in-process, in a data directory: the embedded default) and a
// PostgreSQL server through `pg` (DATABASE_URL). Both run the same SQL.
import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** Thrown when another live process holds the PGlite directory (PGlite allows one process). */
export class DirectoryInUseError extends Error {
  override readonly name = 'DirectoryInUseError';
}

/**
 * Opens (creating if needed) a PGlite database in `<dir>/pglite`, or in memory when dir is
 * 'memory'. A lock file with the owner's pid keeps a second process out of the same directory,
 * which PGlite would corrupt; a lock left by a process that has died is taken over.
 */
export async function openPglite(dir: string): Promise<Database> {
  if (dir === 'memory') return wrapPglite(await PGlite.create(), () => undefined);
  mkdirSync(dir, { recursive: true });
  const lockPath = join(dir, 'pglite.lock');
  takeLock(lockPath);
  try {
    const dataDir = join(dir, 'pglite');
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await initialisePglite(dataDir);
    return wrapPglite(await PGlite.create(dataDir), () => rmSync(lockPath, { force: true }));
  } catch (error) {
    rmSync(lockPath, { force: true });
    throw error;
  }
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

function takeLock(lockPath: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DirectoryInUseError(`the storage directory is in use by process ${owner}; PGlite serves one process (use DATABASE_URL to share a PostgreSQL server)`);
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DirectoryInUseError(`could not take the lock ${lockPath}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
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

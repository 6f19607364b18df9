// Versioned SQL migrations (migrations/NNN_name.sql), applied in order at start-up. Idempotent:
// applied versions are recorded with a checksum and skipped. Safe when several processes start at
// once: the whole run holds a transaction-scoped advisory lock, so one process migrates and the
// others then find nothing left to do. An applied file that has since changed stops start-up.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config.js';
import type { Database } from './database.js';

/** Arbitrary, fixed: the advisory lock every mesoquote process takes to migrate. */
const MIGRATION_LOCK = '7317266473';
const FILE_NAME = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

export function migrationsDir(): string {
  return join(packageRoot(), 'migrations');
}

/** The migration files of `dir`, in version order; a misnamed file or a gap in the numbers is an error. */
export function readMigrations(dir = migrationsDir()): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file, index) => {
    const match = FILE_NAME.exec(file);
    if (!match) throw new MigrationError(`migrations/${file}: name must be NNN_lowercase_words.sql`);
    const version = Number(match[1]);
    if (version !== index + 1) throw new MigrationError(`migrations/${file}: expected version ${index + 1}; versions start at 001 with no gaps`);
    const sql = readFileSync(join(dir, file), 'utf8');
    return { version, name: match[2]!, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/** Applies the migrations not yet applied; returns the versions it applied (none when up to date). */
export async function migrate(db: Database, migrations = readMigrations()): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const rows = await tx.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations ORDER BY version');
    const applied = new Map(rows.map((r) => [r.version, r.checksum]));
    const known = new Set(migrations.map((m) => m.version));
    for (const version of applied.keys()) {
      if (!known.has(version)) throw new MigrationError(`the database has migration ${version}, which this build does not know: it was migrated by a newer version`);
    }
    const done: number[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.version);
      if (checksum !== undefined) {
        if (checksum !== m.checksum) throw new MigrationError(`migrations/${String(m.version).padStart(3, '0')}_${m.name}.sql changed after it was applied; add a new migration instead`);
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      done.push(m.version);
    }
    return done;
  });
}

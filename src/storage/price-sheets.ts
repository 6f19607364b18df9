// Versioned price sheets: every PUT adds version n + 1 and keeps the old ones. The primary key
// (clinic_id, version) settles races: of two writers who both read version n, one inserts n + 1
// and the other gets a unique violation, which the route answers 412.
import type { Queryable } from './database.js';

export interface StoredSheet {
  readonly clinicId: string;
  readonly clinicName: string;
  readonly version: number;
  /** The sheet's JSON text, exactly as stored and served. */
  readonly sheet: string;
  readonly createdAt: string;
}

interface SheetRow {
  clinic_id: string;
  name: string;
  version: number;
  sheet: string;
  created_at: Date;
}

const toSheet = (r: SheetRow): StoredSheet => ({ clinicId: r.clinic_id, clinicName: r.name, version: r.version, sheet: r.sheet, createdAt: new Date(r.created_at).toISOString() });

/** The latest version, or the one asked for; undefined when there is none. */
export async function readSheet(db: Queryable, clinicId: string, version?: number): Promise<StoredSheet | undefined> {
  const rows = await db.query<SheetRow>(
    `SELECT s.clinic_id, c.name, s.version, s.sheet, s.created_at FROM price_sheets s JOIN clinics c ON c.id = s.clinic_id
     WHERE s.clinic_id = $1 ${version === undefined ? '' : 'AND s.version = $2'} ORDER BY s.version DESC LIMIT 1`,
    version === undefined ? [clinicId] : [clinicId, version],
  );
  return rows[0] && toSheet(rows[0]);
}

export type WriteResult = { readonly ok: true; readonly sheet: StoredSheet } | { readonly ok: false; readonly current: number };

/** Writes version `basedOn + 1`; fails with the current version when `basedOn` is not the latest. */
export async function writeSheet(db: Queryable, clinicId: string, basedOn: number, sheet: string): Promise<WriteResult> {
  try {
    const [row] = await db.query<SheetRow>(
      `WITH latest AS (SELECT COALESCE(MAX(version), 0) AS v FROM price_sheets WHERE clinic_id = $1)
       INSERT INTO price_sheets (clinic_id, version, sheet) SELECT $1, $2 + 1, $3 FROM latest WHERE latest.v = $2
       RETURNING clinic_id, (SELECT name FROM clinics WHERE id = $1) AS name, version, sheet, created_at`,
      [clinicId, basedOn, sheet],
    );
    if (row) return { ok: true, sheet: toSheet(row) };
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23505') throw error;
  }
  return { ok: false, current: (await readSheet(db, clinicId))?.version ?? 0 };
}

// The web origins a clinic registered for its embedded calculator (CORS for its pages).
import type { Queryable } from './database.js';

export interface ClinicOrigin {
  readonly origin: string;
  readonly createdAt: string;
}

interface Row {
  origin: string;
  created_at: Date | string;
}

const toOrigin = (row: Row): ClinicOrigin => ({ origin: row.origin, createdAt: new Date(row.created_at).toISOString() });

export async function listOrigins(db: Queryable, clinicId: string): Promise<ClinicOrigin[]> {
  const rows = await db.query<Row>('SELECT origin, created_at FROM clinic_origins WHERE clinic_id = $1 ORDER BY origin', [clinicId]);
  return rows.map(toOrigin);
}

/** Registers `origin` (idempotent); answers it with when it was first registered and whether it is new. */
export async function addOrigin(db: Queryable, clinicId: string, origin: string): Promise<{ origin: ClinicOrigin; created: boolean }> {
  const inserted = await db.query<Row>('INSERT INTO clinic_origins (clinic_id, origin) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING origin, created_at', [clinicId, origin]);
  if (inserted[0]) return { origin: toOrigin(inserted[0]), created: true };
  const [row] = await db.query<Row>('SELECT origin, created_at FROM clinic_origins WHERE clinic_id = $1 AND origin = $2', [clinicId, origin]);
  return { origin: toOrigin(row!), created: false };
}

/** Removes `origin`; false when it was not registered. */
export async function removeOrigin(db: Queryable, clinicId: string, origin: string): Promise<boolean> {
  const rows = await db.query<{ origin: string }>('DELETE FROM clinic_origins WHERE clinic_id = $1 AND origin = $2 RETURNING origin', [clinicId, origin]);
  return rows.length > 0;
}

/** Every registered origin with its clinic, for the CORS cache. */
export async function allOrigins(db: Queryable): Promise<Array<{ clinicId: string; origin: string }>> {
  const rows = await db.query<{ clinic_id: string; origin: string }>('SELECT clinic_id, origin FROM clinic_origins');
  return rows.map((r) => ({ clinicId: r.clinic_id, origin: r.origin }));
}

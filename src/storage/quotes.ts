// Saved quotes: the exact bytes of the answer when the quote was made, served back unchanged.
import { randomBytes } from 'node:crypto';
import type { Queryable } from './database.js';

export interface QuoteRecord {
  readonly id: string;
  readonly body: string;
  readonly dataVersion: string;
  readonly clinicId: string | null;
  readonly sheetVersion: number | null;
  readonly createdAt: Date;
  readonly validUntil: Date;
}

/** 128 random bits: a quote id cannot be guessed, so knowing it is what grants reading it. */
export function newQuoteId(): string {
  return `q_${randomBytes(16).toString('base64url')}`;
}

export const QUOTE_ID = /^q_[A-Za-z0-9_-]{22}$/;

export async function saveQuote(db: Queryable, q: QuoteRecord): Promise<void> {
  await db.query(
    'INSERT INTO quotes (id, body, data_version, clinic_id, sheet_version, created_at, valid_until) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [q.id, q.body, q.dataVersion, q.clinicId, q.sheetVersion, q.createdAt.toISOString(), q.validUntil.toISOString()],
  );
}

export async function readQuote(db: Queryable, id: string): Promise<{ body: string; validUntil: Date } | undefined> {
  const [row] = await db.query<{ body: string; valid_until: Date }>('SELECT body, valid_until FROM quotes WHERE id = $1', [id]);
  return row && { body: row.body, validUntil: new Date(row.valid_until) };
}

/**
 * Deletes quotes that expired before `before`, at most `batch` per statement until none is left;
 * answers how many went. Small batches keep each transaction (and its lock) short.
 */
export async function purgeExpired(db: Queryable, before: Date, batch = 1_000): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.query<{ id: string }>(
      'DELETE FROM quotes WHERE id IN (SELECT id FROM quotes WHERE valid_until < $1 ORDER BY valid_until LIMIT $2) RETURNING id',
      [before.toISOString(), batch],
    );
    total += rows.length;
    if (rows.length < batch) return total;
  }
}

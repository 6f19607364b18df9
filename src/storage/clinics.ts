// Clinics and their API keys. A key is "mq_<keyId>_<secret>": the key id finds the row and the
// secret's SHA-256 hash is compared in constant time. Secrets are 256 random bits, so a fast hash
// is enough (no password-style stretching); only the hash is stored, and a key is shown once.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from './database.js';

export interface Clinic {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface KeyInfo {
  readonly id: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** A key as issued: the only time its secret exists outside the client. */
export interface IssuedKey {
  readonly id: string;
  readonly key: string;
  readonly createdAt: string;
}

const KEY_FORMAT = /^mq_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

export function newClinicId(): string {
  return `cl_${randomBytes(8).toString('hex')}`;
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Constant-time equality of two secrets of any length (both hashed to 32 bytes first). */
export function secretsEqual(a: string, b: string): boolean {
  return timingSafeEqual(hashSecret(a), hashSecret(b));
}

export function parseKey(key: string): { keyId: string; secret: string } | undefined {
  const match = KEY_FORMAT.exec(key);
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

interface KeyRow {
  clinic_id: string;
  secret_hash: Uint8Array;
  revoked_at: Date | null;
}

// A fixed hash to compare against when the key id is unknown, so that both paths cost the same.
const DUMMY_HASH = hashSecret('no such key');

/** The clinic a key belongs to, or undefined for an unknown, wrong or revoked key. */
export async function authenticateKey(db: Queryable, key: string): Promise<string | undefined> {
  const parsed = parseKey(key);
  if (!parsed) return undefined;
  const [row] = await db.query<KeyRow>('SELECT clinic_id, secret_hash, revoked_at FROM api_keys WHERE id = $1', [parsed.keyId]);
  const stored = row ? Buffer.from(row.secret_hash) : DUMMY_HASH;
  const equal = timingSafeEqual(hashSecret(parsed.secret), stored.length === 32 ? stored : DUMMY_HASH);
  return row && equal && row.revoked_at === null ? row.clinic_id : undefined;
}

export async function issueKey(db: Queryable, clinicId: string): Promise<IssuedKey> {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const [row] = await db.query<{ created_at: Date }>('INSERT INTO api_keys (id, clinic_id, secret_hash) VALUES ($1, $2, $3) RETURNING created_at', [id, clinicId, hashSecret(secret)]);
  return { id, key: `mq_${id}_${secret}`, createdAt: iso(row!.created_at)! };
}

export async function createClinic(db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> }, name: string): Promise<{ clinic: Clinic; key: IssuedKey }> {
  return db.transaction(async (tx) => {
    const id = newClinicId();
    const [row] = await tx.query<{ created_at: Date }>('INSERT INTO clinics (id, name) VALUES ($1, $2) RETURNING created_at', [id, name]);
    const key = await issueKey(tx, id);
    return { clinic: { id, name, createdAt: iso(row!.created_at)! }, key };
  });
}

export async function getClinic(db: Queryable, id: string): Promise<(Clinic & { keys: KeyInfo[] }) | undefined> {
  const [row] = await db.query<{ id: string; name: string; created_at: Date }>('SELECT id, name, created_at FROM clinics WHERE id = $1', [id]);
  if (!row) return undefined;
  const keys = await db.query<{ id: string; created_at: Date; revoked_at: Date | null }>(
    'SELECT id, created_at, revoked_at FROM api_keys WHERE clinic_id = $1 ORDER BY created_at, id',
    [id],
  );
  return { id: row.id, name: row.name, createdAt: iso(row.created_at)!, keys: keys.map((k) => ({ id: k.id, createdAt: iso(k.created_at)!, revokedAt: iso(k.revoked_at) })) };
}

/**
 * Revokes a clinic's key; undefined when the clinic has no such key, 'last-key' when `keepOne` is
 * set and it is the clinic's only active key. Revoking twice keeps the first time. The clinic's
 * row is locked first, so two revocations of a clinic's last two keys cannot both pass the check.
 */
export async function revokeKey(
  db: { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
  clinicId: string,
  keyId: string,
  { keepOne = false }: { keepOne?: boolean } = {},
): Promise<KeyInfo | 'last-key' | undefined> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT id FROM clinics WHERE id = $1 FOR UPDATE', [clinicId]);
    if (keepOne) {
      const [row] = await tx.query<{ active: boolean; others: string | number }>(
        `SELECT bool_or(id = $2 AND revoked_at IS NULL) AS active, count(*) FILTER (WHERE id <> $2 AND revoked_at IS NULL) AS others
         FROM api_keys WHERE clinic_id = $1`,
        [clinicId, keyId],
      );
      if (row?.active === true && Number(row.others) === 0) return 'last-key';
    }
    const [row] = await tx.query<{ id: string; created_at: Date; revoked_at: Date }>(
      'UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE clinic_id = $1 AND id = $2 RETURNING id, created_at, revoked_at',
      [clinicId, keyId],
    );
    return row && { id: row.id, createdAt: iso(row.created_at)!, revokedAt: iso(row.revoked_at) };
  });
}

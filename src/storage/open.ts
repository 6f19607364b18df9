// The storage the configuration asks for: a PostgreSQL server when DATABASE_URL is set, else the
// embedded PGlite database in STORAGE_DIR. Opening happens in the background (see storage.ts).
import type { Config } from '../config.js';
import { describeUrl, openPglite, openPostgres } from './database.js';
import { createStorage, type Storage, type StorageOptions } from './storage.js';

export function storageFromConfig(config: Pick<Config, 'databaseUrl' | 'storageDir' | 'storageRetrySeconds'> & Partial<Pick<Config, 'storageFsync'>>, log?: StorageOptions['log']): { storage: Storage; where: string } {
  const retry = { retryMs: config.storageRetrySeconds * 1000, retryAfterSeconds: config.storageRetrySeconds, ...(log ? { log } : {}) };
  const url = config.databaseUrl;
  if (url) return { storage: createStorage({ kind: 'postgres', open: async () => openPostgres(url), ...retry }), where: describeUrl(url) };
  return { storage: createStorage({ kind: 'pglite', open: () => openPglite(config.storageDir, { fsync: config.storageFsync ?? true }), ...retry }), where: config.storageDir };
}

// Runs a storage operation for a route: an unavailable database becomes a 503 storage-unavailable
// problem with Retry-After, never a hung request or a 500.
import type { Database } from '../storage/database.js';
import { StorageUnavailableError, type Storage } from '../storage/storage.js';
import { HttpProblem } from './problem.js';

export async function withStorage<T>(storage: Storage, operation: string, fn: (db: Database) => Promise<T>): Promise<T> {
  try {
    return await storage.use(operation, fn);
  } catch (error) {
    if (!(error instanceof StorageUnavailableError)) throw error;
    throw new HttpProblem('storage-unavailable', `${error.message} Retry in ${error.retryAfterSeconds} s.`, undefined, { 'retry-after': String(error.retryAfterSeconds) });
  }
}

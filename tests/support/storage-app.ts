// The set-up most storage test files share: an in-memory database and the app on it, opened once
// before the file's tests and closed after them.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Config } from '../../src/config.js';
import type { AppDeps } from '../../src/http/app.js';
import type { Storage } from '../../src/storage/storage.js';
import { memoryStorage, storageApp } from './storage.js';

/** `ready` receives the app and its storage once they are open (assign them, add fixtures). */
export function useStorageApp(
  ready: (app: FastifyInstance, storage: Storage) => void | Promise<void>,
  overrides: Partial<Config> = {},
  deps: Partial<AppDeps> = {},
): void {
  let storage: Storage | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    storage = await memoryStorage();
    app = await storageApp(storage, overrides, deps);
    await ready(app, storage);
  });
  afterAll(async () => {
    await app?.close();
    await storage?.close();
  });
}

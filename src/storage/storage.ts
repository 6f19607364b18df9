// The storage lifecycle: opens the database and migrates it in the background (the service
// answers estimates meanwhile), retries while it cannot, and turns an unreachable database into
// StorageUnavailableError (a 503 with Retry-After) instead of a hung or failed request.
// Every failure is reported to onFault listeners, so that metrics can count them.
import type { Database } from './database.js';
import { DatabaseUnreachableError, DirectoryInUseError } from './database.js';
import { MigrationError, migrate } from './migrate.js';

export type StorageState = 'disabled' | 'opening' | 'ready' | 'unavailable';

/** A storage failure, for counting: where it happened and whether the database was unreachable. */
export interface StorageFault {
  readonly operation: string;
  /** unavailable: the database could not be reached or opened; error: a query failed otherwise. */
  readonly kind: 'unavailable' | 'error';
  readonly error: unknown;
}

export class StorageUnavailableError extends Error {
  override readonly name = 'StorageUnavailableError';
  constructor(
    readonly state: StorageState,
    readonly retryAfterSeconds: number,
  ) {
    super(
      state === 'disabled'
        ? 'Storage is not configured on this instance.'
        : state === 'opening'
          ? 'Storage is still opening; estimates are available meanwhile.'
          : 'Storage is unreachable; estimates are available meanwhile.',
    );
  }
}

export interface StorageStatus {
  readonly state: StorageState;
  readonly kind: 'pglite' | 'postgres' | 'none';
  /** Why storage is not ready (the last error's message), when it is not. */
  readonly reason?: string;
}

export interface Storage {
  readonly kind: StorageStatus['kind'];
  /** Runs `fn` on the open database; throws StorageUnavailableError when it cannot. */
  use<T>(operation: string, fn: (db: Database) => Promise<T>): Promise<T>;
  /** The current state; for a server, probes it (SELECT 1) when it was ready. */
  check(): Promise<StorageStatus>;
  /** Resolves once storage is ready (for tests and scripts); rejects after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  onFault(listener: (fault: StorageFault) => void): () => void;
  onStateChange(listener: (state: StorageState) => void): () => void;
  close(): Promise<void>;
}

export interface StorageOptions {
  readonly kind: 'pglite' | 'postgres';
  /** Opens the database; called again after a failure, every retryMs. */
  readonly open: () => Promise<Database>;
  readonly retryMs?: number;
  /** Seconds a 503 tells the client to wait. */
  readonly retryAfterSeconds?: number;
  readonly log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

// SQLSTATE classes and Node error codes that mean "the database is not there", not "bad query".
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/;
const UNAVAILABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);

export function isUnavailableError(error: unknown): boolean {
  if (error instanceof StorageUnavailableError || error instanceof DirectoryInUseError || error instanceof DatabaseUnreachableError) return true;
  const e = error as { code?: unknown; message?: unknown; errors?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (UNAVAILABLE_NODE.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))) return true;
  if (Array.isArray(e.errors)) return e.errors.some(isUnavailableError); // AggregateError of IPv4/IPv6 attempts
  return typeof e.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message);
}

/** A storage that never opens: storage routes answer 503 and estimates work as before. */
export function disabledStorage(retryAfterSeconds = 5): Storage {
  const status: StorageStatus = { state: 'disabled', kind: 'none', reason: 'no storage configured' };
  return {
    kind: 'none',
    use: async () => {
      throw new StorageUnavailableError('disabled', retryAfterSeconds);
    },
    check: async () => status,
    ready: async () => {
      throw new StorageUnavailableError('disabled', retryAfterSeconds);
    },
    onFault: () => () => undefined,
    onStateChange: () => () => undefined,
    close: async () => undefined,
  };
}

/** Starts opening at once, in the background. */
export function createStorage(options: StorageOptions): Storage {
  const retryMs = options.retryMs ?? 2_000;
  const retryAfterSeconds = options.retryAfterSeconds ?? Math.max(1, Math.ceil(retryMs / 1000));
  const faultListeners = new Set<(fault: StorageFault) => void>();
  const stateListeners = new Set<(state: StorageState) => void>();
  let state: StorageState = 'opening';
  let reason: string | undefined = 'opening';
  let db: Database | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let probing: Promise<void> | undefined;
  let opening: Promise<void> | undefined;

  const setState = (next: StorageState, why?: string): void => {
    reason = next === 'ready' ? undefined : why;
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(next);
  };
  const fault = (operation: string, kind: StorageFault['kind'], error: unknown): void => {
    for (const l of faultListeners) l({ operation, kind, error });
  };
  const schedule = (fn: () => void): void => {
    if (closed) return;
    timer = setTimeout(fn, retryMs);
    timer.unref();
  };

  const open = async (): Promise<void> => {
    let opened: Database | undefined;
    try {
      opened = await options.open();
      const applied = await migrate(opened);
      if (closed) return void (await opened.close());
      db = opened;
      options.log?.info({ storage: options.kind, migrationsApplied: applied }, 'storage ready');
      setState('ready');
    } catch (error) {
      await opened?.close().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      fault('open', 'unavailable', error);
      options.log?.warn({ storage: options.kind, err: { message, code: (error as { code?: unknown }).code } }, 'storage could not open; retrying');
      // A migration that does not fit this build will not fit on retry either; still retry (an
      // operator may fix the database), but say so.
      setState('unavailable', error instanceof MigrationError ? `migration: ${message}` : message);
      schedule(() => void (opening = open()));
    }
  };

  // After a connection error on a server: probe until it answers, then serve again.
  const probe = (): Promise<void> =>
    (probing ??= (async () => {
      try {
        await db?.query('SELECT 1');
        setState('ready');
      } catch (error) {
        setState('unavailable', error instanceof Error ? error.message : String(error));
        schedule(() => void probe());
      } finally {
        probing = undefined;
      }
    })());

  opening = open();

  return {
    kind: options.kind,
    async use(operation, fn) {
      if (state !== 'ready' || !db) throw new StorageUnavailableError(state, retryAfterSeconds);
      try {
        return await fn(db);
      } catch (error) {
        if (!isUnavailableError(error)) {
          fault(operation, 'error', error);
          throw error;
        }
        fault(operation, 'unavailable', error);
        setState('unavailable', error instanceof Error ? error.message : String(error));
        schedule(() => void probe());
        throw new StorageUnavailableError('unavailable', retryAfterSeconds);
      }
    },
    async check() {
      if (state === 'ready' && db && options.kind === 'postgres') {
        try {
          await db.query('SELECT 1');
        } catch (error) {
          fault('check', 'unavailable', error);
          setState('unavailable', error instanceof Error ? error.message : String(error));
          schedule(() => void probe());
        }
      }
      return { state, kind: options.kind, ...(reason ? { reason } : {}) };
    },
    ready(timeoutMs = 60_000) {
      if (state === 'ready') return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          off();
          reject(new StorageUnavailableError(state, retryAfterSeconds));
        }, timeoutMs);
        const off = this.onStateChange((s) => {
          if (s !== 'ready') return;
          clearTimeout(t);
          off();
          resolve();
        });
      });
    },
    onFault(listener) {
      faultListeners.add(listener);
      return () => faultListeners.delete(listener);
    },
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await opening;
      const current = db;
      db = undefined;
      setState('unavailable', 'closed');
      await current?.close();
    },
  };
}

// The storage lifecycle: opens the database and migrates it in the background (the service
// answers estimates meanwhile), retries while it cannot, and turns a database that cannot serve
// (unreachable, privileges revoked, schema missing) into StorageUnavailableError (a 503 with
// Retry-After) instead of a hung or failed request. Recovery probes the database, reruns the
// migrations (a database dropped and recreated empty gets its tables back) and checks the
// privileges before serving again. Every database failure is reported to onFault listeners, so
// that metrics can count them; errors a route throws on purpose inside a storage call (a 412, a
// 404) are not database failures and are not reported.
import type { Database } from './database.js';
import { DatabaseUnreachableError, DirectoryInUseError } from './database.js';
import { MigrationError, migrate } from './migrate.js';

export type StorageState = 'disabled' | 'opening' | 'ready' | 'unavailable';

/**
 * What kind of database failure an error is: connection (unreachable, dropped, shutting down),
 * permission (privileges revoked, authentication), missing-schema (a table, schema or database
 * that is not there: dropped, or recreated empty), query (any other error the database raised).
 */
export type FaultClass = 'connection' | 'permission' | 'missing-schema' | 'query';

/** A storage failure, for counting: where it happened and what kind. */
export interface StorageFault {
  readonly operation: string;
  /** unavailable: storage cannot serve until it recovers (503); error: one query failed (500). */
  readonly kind: 'unavailable' | 'error';
  readonly class: FaultClass;
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
  /** The class of the last fault that made it unavailable. */
  readonly fault?: FaultClass;
  /** When the database was last seen answering (a query or a probe), ISO 8601. */
  readonly checkedAt?: string;
}

export interface Storage {
  readonly kind: StorageStatus['kind'];
  /** Runs `fn` on the open database; throws StorageUnavailableError when it cannot. */
  use<T>(operation: string, fn: (db: Database) => Promise<T>): Promise<T>;
  /**
   * The current state, from memory: never waits for the database. For a server that was ready
   * and has not been heard from for a probe interval, starts one probe in the background (so a
   * flood of readiness checks costs at most one SELECT 1 per interval).
   */
  status(): StorageStatus;
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
  /** How old the last sign of life may be before status() probes a ready server again (ms). */
  readonly probeIntervalMs?: number;
  readonly log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

// SQLSTATE classes and Node error codes that mean "the database is not there", not "bad query".
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-3])/;
const UNAVAILABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
// insufficient_privilege; invalid authorization (28000, 28P01); read-only transaction (25006).
const PERMISSION_SQLSTATE = /^(42501|28|25006)/;
// undefined table, column, function; invalid schema name; invalid catalog (database) name.
const MISSING_SCHEMA_SQLSTATE = /^(42P01|42703|42883|3F000|3D000)$/;
const SQLSTATE = /^[0-9A-Z]{5}$/;

export function isUnavailableError(error: unknown): boolean {
  if (error instanceof StorageUnavailableError || error instanceof DirectoryInUseError || error instanceof DatabaseUnreachableError) return true;
  const e = error as { code?: unknown; message?: unknown; errors?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (typeof e.code === 'string' && (UNAVAILABLE_NODE.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))) return true;
  if (Array.isArray(e.errors)) return e.errors.some(isUnavailableError); // AggregateError of IPv4/IPv6 attempts
  return typeof e.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|PGlite is closed/i.test(e.message);
}

/**
 * The class of a database failure, or undefined for an error that did not come from the database
 * (a problem a route throws inside a transaction on purpose, a 412 or a 404): those are answers,
 * not faults, and are neither counted nor logged as storage errors.
 */
export function classifyStorageError(error: unknown): FaultClass | undefined {
  if (isUnavailableError(error)) return 'connection';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !SQLSTATE.test(code)) return undefined;
  if (PERMISSION_SQLSTATE.test(code)) return 'permission';
  if (MISSING_SCHEMA_SQLSTATE.test(code)) return 'missing-schema';
  return 'query';
}

/** The tables every storage route needs, with the privileges it uses on them. */
const TABLES = ['clinics', 'api_keys', 'price_sheets', 'quotes'];
const PRIVILEGE_CHECK = `SELECT t, has_table_privilege(t, 'SELECT,INSERT,UPDATE,DELETE') AS ok FROM unnest($1::text[]) AS t`;

/**
 * Fails (with a classifiable error) unless every table is there and usable: has_table_privilege
 * raises 42P01 for a missing table; a table without the privileges fails with 42501.
 */
export async function checkUsable(db: Database): Promise<void> {
  const rows = await db.query<{ t: string; ok: boolean }>(PRIVILEGE_CHECK, [TABLES]);
  const denied = rows.filter((r) => !r.ok).map((r) => r.t);
  if (denied.length > 0) throw Object.assign(new Error(`permission denied on ${denied.join(', ')} (needs SELECT, INSERT, UPDATE, DELETE)`), { code: '42501' });
}

/** A storage that never opens: storage routes answer 503 and estimates work as before. */
export function disabledStorage(retryAfterSeconds = 5): Storage {
  const status: StorageStatus = { state: 'disabled', kind: 'none', reason: 'no storage configured' };
  return {
    kind: 'none',
    use: async () => {
      throw new StorageUnavailableError('disabled', retryAfterSeconds);
    },
    status: () => status,
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
  const probeIntervalMs = options.probeIntervalMs ?? Math.min(retryMs, 5_000);
  const faultListeners = new Set<(fault: StorageFault) => void>();
  const stateListeners = new Set<(state: StorageState) => void>();
  let state: StorageState = 'opening';
  let reason: string | undefined = 'opening';
  let faultClass: FaultClass | undefined;
  let lastAlive = 0;
  let db: Database | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let recovering: Promise<void> | undefined;
  let probing: Promise<void> | undefined;
  let opening: Promise<void> | undefined;

  const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
  const setState = (next: StorageState, why?: string): void => {
    reason = next === 'ready' ? undefined : why;
    if (next === 'ready') faultClass = undefined;
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(next);
  };
  const fault = (operation: string, kind: StorageFault['kind'], cls: FaultClass, error: unknown): void => {
    for (const l of faultListeners) l({ operation, kind, class: cls, error });
  };
  const schedule = (fn: () => void): void => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(fn, retryMs);
    timer.unref();
  };

  const open = async (): Promise<void> => {
    let opened: Database | undefined;
    try {
      opened = await options.open();
      const applied = await migrate(opened);
      await checkUsable(opened);
      if (closed) return void (await opened.close());
      db = opened;
      lastAlive = Date.now();
      options.log?.info({ storage: options.kind, migrationsApplied: applied }, 'storage ready');
      setState('ready');
    } catch (error) {
      await opened?.close().catch(() => undefined);
      const cls = classifyStorageError(error) ?? 'connection';
      fault('open', 'unavailable', cls, error);
      options.log?.warn({ storage: options.kind, fault: cls, err: { message: message(error), code: (error as { code?: unknown }).code } }, 'storage could not open; retrying');
      // A migration that does not fit this build will not fit on retry either; still retry (an
      // operator may fix the database), but say so.
      faultClass = cls;
      setState('unavailable', error instanceof MigrationError ? `migration: ${message(error)}` : message(error));
      schedule(() => void (opening = open()));
    }
  };

  // After a fault: until the database answers, has its schema (migrations rerun: a database
  // recreated empty gets its tables back) and grants the privileges the routes need, retry every
  // retryMs; then serve again.
  const recover = (): Promise<void> =>
    (recovering ??= (async () => {
      try {
        if (!db) return;
        await db.query('SELECT 1');
        const applied = await migrate(db);
        await checkUsable(db);
        lastAlive = Date.now();
        options.log?.info({ storage: options.kind, migrationsApplied: applied }, 'storage recovered');
        setState('ready');
      } catch (error) {
        faultClass = classifyStorageError(error) ?? faultClass;
        setState('unavailable', message(error));
        schedule(() => void recover());
      } finally {
        recovering = undefined;
      }
    })());

  const unavailable = (operation: string, cls: FaultClass, error: unknown): StorageUnavailableError => {
    fault(operation, 'unavailable', cls, error);
    if (state === 'ready') options.log?.warn({ storage: options.kind, operation, fault: cls, err: { message: message(error) } }, 'storage unavailable; retrying');
    faultClass = cls;
    setState('unavailable', message(error));
    schedule(() => void recover());
    return new StorageUnavailableError('unavailable', retryAfterSeconds);
  };

  // The background liveness probe of status(): one SELECT 1 at a time, at most once an interval.
  const probe = (): void => {
    if (probing || !db) return;
    probing = db
      .query('SELECT 1')
      .then(
        () => {
          lastAlive = Date.now();
        },
        (error: unknown) => {
          if (state === 'ready') unavailable('probe', classifyStorageError(error) ?? 'connection', error);
        },
      )
      .finally(() => {
        probing = undefined;
      });
  };

  opening = open();

  return {
    kind: options.kind,
    async use(operation, fn) {
      if (state !== 'ready' || !db) throw new StorageUnavailableError(state, retryAfterSeconds);
      try {
        const result = await fn(db);
        lastAlive = Date.now();
        return result;
      } catch (error) {
        const cls = classifyStorageError(error);
        if (cls === undefined) throw error; // the route's own answer (a 404, a 412): not a fault
        if (cls === 'query') {
          fault(operation, 'error', cls, error);
          throw error;
        }
        throw unavailable(operation, cls, error);
      }
    },
    status() {
      if (state === 'ready' && options.kind === 'postgres' && Date.now() - lastAlive > probeIntervalMs) probe();
      return {
        state,
        kind: options.kind,
        ...(reason ? { reason } : {}),
        ...(faultClass && state !== 'ready' ? { fault: faultClass } : {}),
        ...(lastAlive ? { checkedAt: new Date(lastAlive).toISOString() } : {}),
      };
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
      await recovering;
      await probing;
      const current = db;
      db = undefined;
      setState('unavailable', 'closed');
      await current?.close();
    },
  };
}

// Fixed-window counters for rate limits and quotas, counted in this process and, with Redis,
// added up across every replica. A request never waits for Redis: hit() decides from what this
// process knows (its own hits, plus the shared total Redis last reported), and a timer adds this
// process's new hits to Redis every sync interval (INCRBY, which answers the new shared total).
// So a shared budget can be overshot by at most what the other replicas admit in one interval,
// and a stalled or lost Redis costs no latency: the sync fails after REDIS_TIMEOUT_MS, is logged
// and counted, and the counters go on limiting each process alone until Redis answers again.
//
// Windows are aligned on the epoch (window n covers [n * windowMs, (n + 1) * windowMs)), so every
// replica agrees on them without talking; Redis keys carry the window number and expire after it.

/** What a counter knows of one key (a client address, an API key id, a clinic id) this window. */
interface Entry {
  /** Hits seen by this process. */
  local: number;
  /** The shared total Redis last answered (every replica's hits sent so far, ours included). */
  shared: number;
  /** Hits of this process not yet added to Redis. */
  pending: number;
  /** Syncs left that read the shared total back though this process has nothing to add. */
  refresh: number;
}

/**
 * A key hit here is read back from Redis for this many syncs after its last hit (INCRBY 0), so a
 * process learns what the other replicas spent on a key it is still using, not only on the syncs
 * where it had something to add.
 */
const REFRESH_SYNCS = 10;

export interface Hit {
  /** Hits counted against the key in this window, this one included (best knowledge). */
  readonly count: number;
  readonly allowed: boolean;
  readonly remaining: number;
  /** Seconds until the window ends. */
  readonly resetSeconds: number;
}

export class WindowCounter {
  private window = -1;
  private windowEnd = 0;
  private entries = new Map<string, Entry>();

  constructor(
    /** Names the counter in Redis keys and metrics: requests, auth-failures, … */
    readonly name: string,
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Counts one hit against `key` and says whether it is within the limit. */
  hit(key: string, now = Date.now()): Hit {
    const entry = this.entry(key, now);
    entry.local += 1;
    entry.pending += 1;
    entry.refresh = REFRESH_SYNCS;
    return this.result(entry, now);
  }

  /** Whether `key` has already reached the limit, without counting a hit. */
  exceeded(key: string, now = Date.now()): Hit | undefined {
    if (now >= this.windowEnd) this.roll(now);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    const result = this.result(entry, now);
    return result.count >= this.max ? { ...result, allowed: false } : undefined;
  }

  private result(entry: Entry, now: number): Hit {
    // The shared total includes our hits already sent; the pending ones come on top. Alone (no
    // Redis, or Redis down), local is the whole story.
    const count = Math.max(entry.local, entry.shared + entry.pending);
    return { count, allowed: count <= this.max, remaining: Math.max(0, this.max - count), resetSeconds: Math.max(1, Math.ceil((this.windowEnd - now) / 1000)) };
  }

  private entry(key: string, now: number): Entry {
    if (now >= this.windowEnd) this.roll(now);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { local: 0, shared: 0, pending: 0, refresh: 0 };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** A new window: every count starts again (and the map of keys is dropped, so it stays bounded). */
  private roll(now: number): void {
    this.window = Math.floor(now / this.windowMs);
    this.windowEnd = (this.window + 1) * this.windowMs;
    this.entries = new Map();
  }

  /** The keys with hits not yet sent, or recently hit, for the sync (amount 0: only read the total back). */
  pendingBatch(): { window: number; ttlMs: number; items: { key: string; entry: Entry; amount: number }[] } {
    const items: { key: string; entry: Entry; amount: number }[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.pending > 0 || entry.refresh > 0) {
        items.push({ key, entry, amount: entry.pending });
        entry.pending = 0;
        entry.refresh -= 1;
      }
    }
    return { window: this.window, ttlMs: this.windowMs + 1000, items };
  }

  /** After a sync failed: the hits go back to pending, to be sent with the next one (same window only). */
  restore(window: number, items: readonly { entry: Entry; amount: number }[]): void {
    if (window !== this.window) return;
    for (const { entry, amount } of items) entry.pending += amount;
  }

  /** Keys counted this window (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }
}

/** The part of ioredis the sync uses (a pipeline of INCRBY and PEXPIRE). */
export interface RedisLike {
  pipeline(): {
    incrby(key: string, amount: number): unknown;
    pexpire(key: string, ms: number): unknown;
    exec(): Promise<[Error | null, unknown][] | null>;
  };
}

export interface SyncEvents {
  /** A sync failed (timeout, connection): the counters now count in this process alone. */
  onFallback(error: unknown): void;
  /** A sync succeeded after failures: counts are shared again. */
  onRecovered(): void;
}

/**
 * Adds every counter's pending hits to Redis every `intervalMs`, in one pipeline, and records the
 * shared totals Redis answers. One sync at a time; a sync still running (a stalled Redis, until
 * its command timeout) makes the next tick wait for it. Returns stop() and flush() (tests).
 */
export function syncCounters(redis: RedisLike, prefix: string, counters: readonly WindowCounter[], intervalMs: number, events: SyncEvents): { stop(): void; flush(): Promise<void> } {
  let running: Promise<void> | undefined;
  let failing = false;
  const flush = (): Promise<void> =>
    (running ??= (async () => {
      const batches = counters.map((counter) => ({ counter, ...counter.pendingBatch() }));
      if (batches.every((b) => b.items.length === 0)) return;
      const pipeline = redis.pipeline();
      for (const { counter, window, ttlMs, items } of batches) {
        for (const { key, amount } of items) {
          const redisKey = `${prefix}${counter.name}:${key}:${window}`;
          pipeline.incrby(redisKey, amount);
          pipeline.pexpire(redisKey, ttlMs);
        }
      }
      try {
        const replies = await pipeline.exec();
        let i = 0;
        for (const { items } of batches) {
          for (const { entry } of items) {
            const [error, value] = replies?.[i] ?? [new Error('no reply'), null];
            if (error) throw error;
            entry.shared = Number(value);
            i += 2;
          }
        }
        if (failing) {
          failing = false;
          events.onRecovered();
        }
      } catch (error) {
        for (const { counter, window, items } of batches) counter.restore(window, items);
        failing = true;
        events.onFallback(error);
      }
    })().finally(() => {
      running = undefined;
    }));
  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();
  // An explicit flush waits for one already running (it may have started before the latest hits).
  return { stop: () => clearInterval(timer), flush: async () => ((await running), flush()) };
}

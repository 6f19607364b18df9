// The clinics' registered web origins, for CORS: read from storage at most once per TTL (every
// instance sees a new origin within that time; the instance that registered it, at once) and
// never waited for on the request path when storage is down (no origins then, as before).
import { allOrigins } from '../storage/clinic-origins.js';
import type { Storage } from '../storage/storage.js';

export interface ClinicOriginCache {
  /** Whether `origin` may call the API for `clinicId`, or for any clinic when none is named. */
  allows(origin: string, clinicId: string | undefined): Promise<boolean>;
  /** Forget what was read (after a change on this instance). */
  invalidate(): void;
}

export const ORIGIN_CACHE_TTL_MS = 30_000;

export function createClinicOriginCache(storage: Storage, ttlMs = ORIGIN_CACHE_TTL_MS, now: () => number = Date.now): ClinicOriginCache {
  let byOrigin: Map<string, Set<string>> | undefined;
  let loadedAt = 0;
  let pending: Promise<Map<string, Set<string>>> | undefined;
  const load = (): Promise<Map<string, Set<string>>> => {
    pending ??= storage
      .use('read-clinic-origins', allOrigins)
      .then((rows) => {
        const map = new Map<string, Set<string>>();
        for (const { clinicId, origin } of rows) {
          let set = map.get(origin);
          if (!set) map.set(origin, (set = new Set()));
          set.add(clinicId);
        }
        byOrigin = map;
        loadedAt = now();
        return map;
      })
      .catch(() => byOrigin ?? new Map<string, Set<string>>())
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  return {
    async allows(origin, clinicId) {
      if (storage.status().state !== 'ready') return false;
      const map = byOrigin && now() - loadedAt < ttlMs ? byOrigin : await load();
      const clinics = map.get(origin);
      if (!clinics) return false;
      return clinicId === undefined || clinics.has(clinicId);
    },
    invalidate() {
      byOrigin = undefined;
    },
  };
}

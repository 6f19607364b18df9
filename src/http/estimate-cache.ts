// A bounded in-process cache of serialised estimates, keyed by data version and canonical request.
// Estimates are pure functions of (request, catalog), so a hit is always the exact answer.
import type { Catalog } from '../domain/catalog.js';
import { estimate, type EstimateRequest } from '../domain/estimate.js';

export interface EstimateJsonService {
  /** The estimate serialised as JSON; throws the engine's DomainError for unknown ids. */
  json(request: EstimateRequest): string;
  stats(): { entries: number; hits: number; misses: number };
}

/** Key: data version plus every input, areas sorted (their order never changes the answer). */
export function canonicalKey(request: EstimateRequest, version: string): string {
  return JSON.stringify([
    version,
    request.treatment,
    request.areas ? [...request.areas].sort() : null,
    request.country ?? null,
    request.cityTier ?? null,
    request.practitioner ?? null,
    request.sessions ?? null,
    request.currency ?? null,
  ]);
}

/** LRU over a Map (insertion order): a hit is moved to the end, the oldest entry is evicted. */
export function createEstimateJsonService(catalog: Catalog, maxEntries: number): EstimateJsonService {
  const cache = new Map<string, string>();
  let hits = 0;
  let misses = 0;
  return {
    json(request) {
      if (maxEntries === 0) return JSON.stringify(estimate(request, catalog));
      const key = canonicalKey(request, catalog.version);
      const cached = cache.get(key);
      if (cached !== undefined) {
        hits += 1;
        cache.delete(key);
        cache.set(key, cached);
        return cached;
      }
      misses += 1;
      const json = JSON.stringify(estimate(request, catalog));
      cache.set(key, json);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return json;
    },
    stats: () => ({ entries: cache.size, hits, misses }),
  };
}

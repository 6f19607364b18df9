// A bounded in-process cache of serialised estimates, keyed by data version and canonical request.
// Estimates are pure functions of (request, catalog) and the key holds the catalog's version, so a
// hit is always the exact answer, and never one computed from other data.
import { createHash } from 'node:crypto';
import type { Catalog } from '../domain/catalog.js';
import { estimate, type Estimate, type EstimateRequest, type PackageRequest } from '../domain/estimate.js';
import { sourceRef } from './schemas.js';

/** An estimate as sent: its JSON as UTF-8 bytes and its entity tag. */
export interface SerialisedEstimate {
  /** Held as bytes so that a hit is sent, or joined into a batch, without encoding it again. */
  readonly body: Buffer;
  /** Strong ETag: a hash of the data version and the request as priced (defaults filled in). */
  readonly etag: string;
}

export interface CacheStats {
  readonly entries: number;
  readonly bytes: number;
  readonly hits: number;
  readonly misses: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/** LRU over a Map (insertion order), bounded in entries and in bytes of JSON held. */
export interface EstimateCache {
  get(key: string): SerialisedEstimate | undefined;
  set(key: string, value: SerialisedEstimate): void;
  stats(): CacheStats;
}

export function createEstimateCache(maxEntries: number, maxBytes = 64 * 1024 * 1024): EstimateCache {
  const entries = new Map<string, SerialisedEstimate>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;
  // The body's bytes, plus the key and the ETag (JS strings are UTF-16: two bytes a character).
  const size = (key: string, value: SerialisedEstimate): number => value.body.length + 2 * (key.length + value.etag.length);
  return {
    get(key) {
      const value = entries.get(key);
      if (value === undefined) {
        misses += 1;
        return undefined;
      }
      hits += 1;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key, value) {
      if (maxEntries === 0 || size(key, value) > maxBytes) return;
      const old = entries.get(key);
      if (old) {
        bytes -= size(key, old);
        entries.delete(key);
      }
      entries.set(key, value);
      bytes += size(key, value);
      for (const [oldestKey, oldest] of entries) {
        if (entries.size <= maxEntries && bytes <= maxBytes) break;
        entries.delete(oldestKey);
        bytes -= size(oldestKey, oldest);
      }
    },
    stats: () => ({ entries: entries.size, bytes, hits, misses, maxEntries, maxBytes }),
  };
}

export interface EstimateJsonService {
  /** The estimate, serialised; throws the engine's DomainError for unknown ids. */
  get(request: EstimateRequest): SerialisedEstimate;
  /** The estimate's JSON alone, as a string (for tools and tests; routes send `get().body`). */
  json(request: EstimateRequest): string;
  stats(): CacheStats;
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
    packageKey(request.package),
  ]);
}

function packageKey(p: PackageRequest | undefined): unknown {
  if (!p) return null;
  switch (p.kind) {
    case 'none':
      return 'none';
    case 'prepaid-course':
    case 'new-patient':
      return [p.kind, p.discountPercent?.toString() ?? null];
    case 'buy-n-get-m':
      return [p.kind, p.buy ?? null, p.free ?? null];
  }
}

// The sources are catalog records, the same array for every estimate citing the same ids (see
// derived.ts): serialise each such array's references once.
const SOURCES_MARK = 'sources\u0000';
const sourcesJson = new WeakMap<object, string>();

/** The estimate as the API sends it: JSON.stringify(e) with its sources as references (SourceRef). */
export function serialise(e: Estimate): string {
  let sources = sourcesJson.get(e.sources);
  if (sources === undefined) {
    sources = JSON.stringify(e.sources.map(sourceRef));
    sourcesJson.set(e.sources, sources);
  }
  return JSON.stringify({ ...e, sources: SOURCES_MARK }).replace(JSON.stringify(SOURCES_MARK), () => sources);
}

/**
 * Serialised estimates for one catalog. `cache` is a cache to share (it may hold entries of other
 * catalogs: keys carry the data version) or the number of entries for a private one (0: none).
 */
export function createEstimateJsonService(catalog: Catalog, cache: EstimateCache | number): EstimateJsonService {
  const store = typeof cache === 'number' ? createEstimateCache(cache) : cache;
  const get = (request: EstimateRequest): SerialisedEstimate => {
    const key = canonicalKey(request, catalog.version);
    const cached = store.get(key);
    if (cached) return cached;
    const e = estimate(request, catalog);
    const etag = `"${createHash('sha256').update(catalog.version).update('\0').update(JSON.stringify(e.request)).digest('base64url').slice(0, 32)}"`;
    const value = { body: Buffer.from(serialise(e), 'utf8'), etag };
    store.set(key, value);
    return value;
  };
  return { get, json: (request) => get(request).body.toString('utf8'), stats: () => store.stats() };
}

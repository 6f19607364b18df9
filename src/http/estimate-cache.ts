// A bounded in-process cache of serialised estimates, keyed by data version and canonical request.
// Estimates are pure functions of (request, catalog) and the key holds the catalog's version, so a
// hit is always the exact answer, and never one computed from other data.
import { createHash } from 'node:crypto';
import type { Catalog } from '../domain/catalog.js';
import { clinicEstimate } from '../domain/clinic-estimate.js';
import type { Estimate, EstimateRequest, PackageRequest } from '../domain/estimate.js';
import { estimateWire, sourceRef, type EstimateView } from '../domain/estimate-json.js';
import type { ClinicSheet } from '../domain/price-sheet.js';

/** An estimate as sent: its JSON and its entity tag. */
export interface SerialisedEstimate {
  /**
   * Bytes when the cache keeps it, so that a hit is sent, or copied into a batch, without
   * encoding it again; the text when nothing keeps it, which the socket write encodes once (a
   * Buffer per answer costs its copy and, being memory outside the heap, full collections: on a
   * cache-off service that was most of the engine's mean time).
   */
  readonly body: Buffer | string;
  /** Strong ETag: a hash of the data version and the request as priced (defaults filled in). */
  readonly etag: string;
}

/** A strong ETag: 32 base64url characters of a SHA-256, in quotes. */
const ETAG_LENGTH = 34;

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
  // The body's bytes, plus the key and the ETag (JS strings are UTF-16: two bytes a character; an ETag is 34).
  const size = (key: string, value: SerialisedEstimate): number => value.body.length + 2 * (key.length + ETAG_LENGTH);
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
  /** The estimate, serialised in `view` (default full); throws the engine's DomainError for unknown ids. */
  get(request: EstimateRequest, view?: EstimateView): SerialisedEstimate;
  /** The estimate's JSON alone, as a string (for tools and tests; routes send `get().body`). */
  json(request: EstimateRequest, view?: EstimateView): string;
  /**
   * For a batch: the cached bytes on a hit; on a miss the JSON text, which is kept (as bytes) only
   * when the cache keeps anything. The batch writes the text straight into its answer's buffer.
   */
  part(request: EstimateRequest, view?: EstimateView): Buffer | string;
  /** The estimate at a clinic, from one version of its sheet (keyed by clinic and sheet version). */
  clinic(request: EstimateRequest, sheet: ClinicSheet, view?: EstimateView): SerialisedEstimate;
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

/** An estimate object as the API sends it: JSON.stringify(e) with its sources as references (SourceRef). */
export function serialise(e: Estimate): string {
  return JSON.stringify({ ...e, sources: e.sources.map(sourceRef) });
}

type SummaryFields = 'request' | 'currency' | 'perSession' | 'sessions' | 'total' | 'likely' | 'dataVersion';

/** The summary view of an estimate object, market or clinic (estimate-json.ts, SUMMARY_FIELDS). */
export function summarise<E extends Pick<Estimate, SummaryFields>>(e: E): Pick<E, SummaryFields> {
  return { request: e.request, currency: e.currency, perSession: e.perSession, sessions: e.sessions, total: e.total, likely: e.likely, dataVersion: e.dataVersion };
}

/**
 * The bytes, and the ETag computed on first use: only GET answers carry one, so a POST or a batch
 * item never pays for the hash.
 */
function serialised(body: Buffer | string, etag: () => string): SerialisedEstimate {
  let tag: string | undefined;
  return {
    body,
    get etag() {
      tag ??= etag();
      return tag;
    },
  };
}

/** ETags of different views of one estimate differ (a cache must not answer one with the other). */
function etagOf(catalog: Catalog, scope: string, requestJson: string, view: EstimateView): string {
  return `"${createHash('sha256').update(catalog.version).update('\0').update(scope).update('\0').update(requestJson).update(view === 'full' ? '' : `\0${view}`).digest('base64url').slice(0, 32)}"`;
}

/**
 * Serialised estimates for one catalog. `cache` is a cache to share (it may hold entries of other
 * catalogs: keys carry the data version) or the number of entries for a private one (0: none).
 */
export function createEstimateJsonService(catalog: Catalog, cache: EstimateCache | number): EstimateJsonService {
  const store = typeof cache === 'number' ? createEstimateCache(cache) : cache;
  const caching = store.stats().maxEntries > 0;
  const keyOf = (request: EstimateRequest, view: EstimateView): string => (view === 'full' ? canonicalKey(request, catalog.version) : `${view}${canonicalKey(request, catalog.version)}`);
  const keep = (key: string, wire: { body: string; request: string }, view: EstimateView): SerialisedEstimate => {
    const value = serialised(Buffer.from(wire.body, 'utf8'), () => etagOf(catalog, '', wire.request, view));
    store.set(key, value);
    return value;
  };
  const get = (request: EstimateRequest, view: EstimateView = 'full'): SerialisedEstimate => {
    if (!caching) {
      const wire = estimateWire(request, catalog, view);
      return serialised(wire.body, () => etagOf(catalog, '', wire.request, view));
    }
    const key = keyOf(request, view);
    return store.get(key) ?? keep(key, estimateWire(request, catalog, view), view);
  };
  const part = (request: EstimateRequest, view: EstimateView = 'full'): Buffer | string => {
    if (!caching) return estimateWire(request, catalog, view).body;
    const key = keyOf(request, view);
    const cached = store.get(key);
    if (cached) return cached.body;
    const wire = estimateWire(request, catalog, view);
    keep(key, wire, view);
    return wire.body;
  };
  // A sheet version never changes once stored, so (clinic, version) in the key means a hit is
  // always computed from the very sheet the caller read; a new version is a new key.
  const clinic = (request: EstimateRequest, sheet: ClinicSheet, view: EstimateView = 'full'): SerialisedEstimate => {
    const scope = JSON.stringify(['clinic', sheet.clinicId, sheet.version]);
    const key = `${view === 'full' ? '' : view}${scope}${canonicalKey(request, catalog.version)}`;
    const cached = store.get(key);
    if (cached) return cached;
    const e = clinicEstimate(request, sheet, catalog);
    const body = view === 'full' ? JSON.stringify({ ...e, sources: e.sources.map(sourceRef) }) : JSON.stringify(summarise(e));
    const value = { body: Buffer.from(body, 'utf8'), etag: etagOf(catalog, scope, JSON.stringify(e.request), view) };
    store.set(key, value);
    return value;
  };
  return { get, json: (request, view) => get(request, view).body.toString(), part, clinic, stats: () => store.stats() };
}

// Prometheus metrics (GET /metrics) with a registry per app, so many apps in one process (tests)
// never share or collide. Request durations are labelled by route pattern, never the raw URL,
// so the label set stays bounded whatever clients send.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { EstimateRequest } from '../domain/estimate.js';
import type { CacheStats, EstimateJsonService } from './estimate-cache.js';

/** Where an estimate was priced: a single call, an item of a batch, a cell of a compare, or a saved quote. */
export type EstimateEndpoint = 'single' | 'batch' | 'compare' | 'quote';

export interface AppMetrics {
  readonly registry: Registry;
  /** One estimate priced (successfully) for `treatment`. */
  estimate(treatment: string, endpoint: EstimateEndpoint): void;
  /** A storage operation failed; `operation` is a short fixed name (e.g. "save-quote"), never user input. */
  storageError(operation: string): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's metrics: storage code calls `app.metrics.storageError(operation)`. */
    metrics: AppMetrics;
  }
}

const DURATION_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Label value of requests that matched no route (404s, including probes for random paths). */
const UNMATCHED = '(unmatched)';

/**
 * Creates the app's registry and metrics, times every request in an onResponse hook, serves
 * GET /metrics, and decorates the app with `metrics`. Call before registering routes.
 */
export function installMetrics(app: FastifyInstance, cacheStats: () => CacheStats): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: 'mesoquote_http_request_duration_seconds',
    help: 'Time from request received to response sent, by route pattern, method and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const estimates = new Counter({
    name: 'mesoquote_estimates_total',
    help: 'Estimates priced, by treatment and endpoint (single, batch item, compare cell, saved quote)',
    labelNames: ['treatment', 'endpoint'] as const,
    registers: [registry],
  });
  const storageErrors = new Counter({
    name: 'mesoquote_storage_errors_total',
    help: 'Storage operations that failed, by operation',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  // The cache keeps its own counts; these read them when scraped.
  new Counter({
    name: 'mesoquote_estimate_cache_hits_total',
    help: 'Estimates answered from the in-process cache',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(cacheStats().hits);
    },
  });
  new Counter({
    name: 'mesoquote_estimate_cache_misses_total',
    help: 'Estimates the cache did not hold (priced by the engine)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(cacheStats().misses);
    },
  });
  new Gauge({
    name: 'mesoquote_estimate_cache_entries',
    help: 'Serialised estimates held in the cache',
    registers: [registry],
    collect() {
      this.set(cacheStats().entries);
    },
  });
  new Gauge({
    name: 'mesoquote_estimate_cache_bytes',
    help: 'Memory held by the cache, in bytes (estimated)',
    registers: [registry],
    collect() {
      this.set(cacheStats().bytes);
    },
  });

  // One labelled child per (method, route, status), looked up by a string key: cheaper per request
  // than prom-client hashing a label object each time.
  const children = new Map<string, { observe(value: number): void }>();
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? UNMATCHED;
    const status = reply.statusCode;
    const key = `${request.method} ${status} ${route}`;
    let child = children.get(key);
    if (child === undefined) {
      child = duration.labels(request.method, route, String(status));
      children.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  });

  const estimateChildren = new Map<string, { inc(): void }>();
  const metrics: AppMetrics = {
    registry,
    estimate: (treatment, endpoint) => {
      const key = `${endpoint} ${treatment}`;
      let child = estimateChildren.get(key);
      if (child === undefined) {
        child = estimates.labels(treatment, endpoint);
        estimateChildren.set(key, child);
      }
      child.inc();
    },
    storageError: (operation) => storageErrors.labels(operation).inc(),
  };
  app.decorate('metrics', metrics);

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    const text = await registry.metrics();
    return reply.type(registry.contentType).header('cache-control', 'no-store').send(text);
  });
  return metrics;
}

/** The estimate service, counting each estimate it prices by treatment for `endpoint`. */
export function countingEstimates(service: EstimateJsonService, metrics: AppMetrics, endpoint: EstimateEndpoint): EstimateJsonService {
  // Called only after the engine accepted the request, so `treatment` is a known id: the label
  // set is bounded by the catalog.
  const counted = <T>(request: EstimateRequest, result: T): T => {
    metrics.estimate(request.treatment, endpoint);
    return result;
  };
  return {
    get: (request, view) => counted(request, service.get(request, view)),
    json: (request, view) => counted(request, service.json(request, view)),
    part: (request, view) => counted(request, service.part(request, view)),
    clinic: (request, sheet, view) => counted(request, service.clinic(request, sheet, view)),
    stats: () => service.stats(),
  };
}

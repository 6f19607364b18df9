// buildApp(deps): the whole HTTP service, ready for app.inject or app.listen. Never listens itself.
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { LoadedData } from '../data/load.js';
import { disabledStorage, type Storage } from '../storage/storage.js';
import { registerCors } from './cors.js';
import { installCompression } from './compression.js';
import { createClinicOriginCache } from './clinic-origins.js';
import { fixHeadNotModified, trackRouteMethods } from './methods.js';
import { createEstimateCache, createEstimateJsonService, type EstimateCache } from './estimate-cache.js';
import { transformOpenApiObject, transformOpenApiRoute } from './openapi.js';
import { parseJsonBody } from './json-body.js';
import { countingEstimates, installMetrics } from './metrics.js';
import { clientErrorResponse, problem, sendProblem, toProblem } from './problem.js';
import { createClinicSheets } from './clinic-sheets.js';
import { closeConnectionsWhileDraining, createLifecycle, type Lifecycle } from './lifecycle.js';
import { registerProtection, type ProtectionConfig } from './protection.js';
import { installQuotePurge } from './quote-purge.js';
import { CompactRequestLog } from './request-log.js';
import { batchRoutes } from './routes/batch.js';
import { catalogRoutes } from './routes/catalog.js';
import { clinicRoutes } from './routes/clinics.js';
import { clinicOriginRoutes } from './routes/clinic-origins.js';
import { compareRoutes } from './routes/compare.js';
import { estimateRoutes } from './routes/estimates.js';
import { healthRoutes } from './routes/health.js';
import { priceSheetRoutes } from './routes/price-sheets.js';
import { problemRoutes } from './routes/problems.js';
import { catalogJson } from './catalog-json.js';
import { pageRoutes } from './routes/pages.js';
import { quoteRoutes } from './routes/quotes.js';
import { scenarioRoutes } from './routes/scenarios.js';
import { sourceRoutes } from './routes/sources.js';
import { widgetRoutes } from './routes/widget.js';
import { widgetBundlePath } from './widget-page.js';

export interface AppDeps {
  readonly config: Pick<
    Config,
    | 'bodyLimitBytes'
    | 'estimateCacheEntries'
    | 'estimateCacheMaxBytes'
    | 'cacheMaxAgeSeconds'
    | 'batchMaxItems'
    | 'batchBodyLimitBytes'
    | 'corsOrigins'
    | 'adminApiKey'
    | 'quoteValidDays'
    | 'storageRetrySeconds'
    | 'requestTimeoutMs'
    | 'connectionTimeoutMs'
    | 'trustProxy'
  > &
    Partial<Pick<Config, 'quotePurgeIntervalMs'>> &
    ProtectionConfig;
  /** Clinics, price sheets and quotes; default: none, and those routes answer 503. */
  readonly storage?: Storage;
  /** The clock quotes are dated by; default: the system clock. */
  readonly now?: () => Date;
  /** A cache to share with other apps (keys carry the data version); default: a private one. */
  readonly estimateCache?: EstimateCache;
  /** The built widget bundle served at /widget.js; default: dist/widget/widget.js of this package. */
  readonly widgetBundle?: string;
  readonly data: LoadedData;
  /** Draining after SIGTERM (server.ts): /readyz answers 503 and answers close their connection. */
  readonly lifecycle?: Lifecycle;
  /** A pino logger; tests pass none and get a silent one. */
  readonly logger?: FastifyBaseLogger;
  /**
   * full (default): Fastify's two lines per request, received and completed, for log pipelines;
   * compact: one line when the answer is sent ("GET /v1/catalog 200 1.2 ms"), for a terminal.
   */
  readonly requestLog?: 'full' | 'compact';
}

export const API_VERSION = '1.0.0';
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Fastify's trustProxy from the config; a hop count trusts that many proxies nearest to us. */
function trustProxyOption(value: Config['trustProxy']): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    ...(deps.requestLog === 'compact' ? { logController: new CompactRequestLog() } : {}),
    bodyLimit: deps.config.bodyLimitBytes,
    // Accept a caller's request id only if it is short and plain, so it cannot forge log lines.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    // While closing, requests already on open connections are answered (with Connection:
    // close), not refused: a graceful shutdown loses none of them.
    return503OnClosing: false,
    // A request whose headers and body have not arrived in time gets a 408 problem (see
    // clientErrorHandler); a socket idle for connectionTimeout is closed. Node checks the
    // request timeout every connectionsCheckingInterval, so keep that a fraction of it.
    requestTimeout: deps.config.requestTimeoutMs,
    connectionTimeout: deps.config.connectionTimeoutMs,
    http: { connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor((deps.config.requestTimeoutMs || 120_000) / 4))) },
    trustProxy: trustProxyOption(deps.config.trustProxy),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Errors Fastify raises before routing (a malformed path, an over-long parameter) are
    // problems too.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      return sendProblem(reply, toProblem(error, request).body);
    },
    // And so are the ones Node raises before a request exists (headers over the limit).
    clientErrorHandler: (error: NodeJS.ErrnoException, socket) => {
      if (error.code !== 'ECONNRESET' && !socket.destroyed && socket.writable) socket.write(clientErrorResponse(error.code));
      socket.destroy(error);
    },
  });

  // Node enforces requestTimeout on a slow body only when headersTimeout is not longer (Node 20).
  if (deps.config.requestTimeoutMs > 0) app.server.headersTimeout = Math.min(deps.config.requestTimeoutMs, 60_000);

  // Only JSON bodies: a text/plain body is a 415, not a string the schema then rejects. The JSON
  // parser is our own so that a forbidden key is reported as what it is.
  app.removeContentTypeParser(['text/plain', 'application/json']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  // A callback hook, not an async one: no promise per request on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  installCompression(app);
  const clinicOrigins = deps.storage ? createClinicOriginCache(deps.storage) : undefined;
  await registerCors(app, deps.config.corsOrigins, clinicOrigins);
  const lifecycle = deps.lifecycle ?? createLifecycle();
  closeConnectionsWhileDraining(app, lifecycle);

  const { config, data } = deps;
  const cache = deps.estimateCache ?? createEstimateCache(config.estimateCacheEntries, config.estimateCacheMaxBytes);
  const estimates = createEstimateJsonService(data.catalog, cache);
  // Metrics and protection (helmet, rate limits, load shedding) hook into every route registered
  // after this point, including those of later plugins.
  const metrics = installMetrics(app, () => estimates.stats());
  const storage = deps.storage ?? disabledStorage(config.storageRetrySeconds);
  storage.onFault((fault) => metrics.storageError(fault.operation));
  const limits = await registerProtection(app, config);
  installQuotePurge(app, storage, config.quotePurgeIntervalMs ?? 0, deps.now ?? (() => new Date()));

  // Remember which methods each path has, so a wrong method is a 405 with Allow, not a 404.
  const methodsOf = trackRouteMethods(app);
  fixHeadNotModified(app);

  app.setErrorHandler((error, request, reply) => {
    const { body, serverFault, headers } = toProblem(error, request);
    if (headers) reply.headers(headers);
    if (serverFault) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, status: body.status }, 'request rejected');
    return sendProblem(reply, body);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    const allowed = methodsOf(path);
    const extra = { instance: path, requestId: request.id };
    if (allowed && !allowed.includes(request.method)) {
      reply.header('allow', allowed.join(', '));
      return sendProblem(reply, problem('method-not-allowed', `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`, extra));
    }
    return sendProblem(reply, problem('not-found', `No resource at ${request.method} ${path}. The API is described at /openapi.json and /docs.`, extra));
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'mesoquote',
        version: API_VERSION,
        description:
          'Estimates what a course of mesotherapy costs: low, typical and high totals per session and per course, for a treatment, body areas, country, city tier and practitioner, with every figure traced to its source. Money is a decimal string in the currency\'s minor units. Errors are RFC 9457 problem+json.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: '/', description: 'The server this document is served from (GET /openapi.json)' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'A clinic API key ("mq_…", from POST /v1/clinics or POST /v1/clinics/{id}/keys) for that clinic, or the admin key (ADMIN_API_KEY) for any clinic and for creating clinics.',
          },
        },
      },
      tags: [
        { name: 'estimates', description: 'Price a course of treatment' },
        { name: 'scenarios', description: 'Compare packages, financing and maintenance over time' },
        { name: 'catalog', description: 'Treatments, areas, countries and factors, with their sources' },
        { name: 'clinics', description: "Clinics, their API keys and their own price sheets (Authorization: Bearer)" },
        { name: 'quotes', description: 'Estimates saved as quotes that never change' },
        { name: 'operations', description: 'Health, readiness and error documentation' },
      ],
    },
    // HEAD answers every GET route (Fastify adds them): document them too.
    exposeHeadRoutes: true,
    transform: transformOpenApiRoute,
    transformObject: transformOpenApiObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { url: '/openapi.json', validatorUrl: null } });

  // The zod compilers live in this encapsulated plugin, so the plain JSON-schema routes of the
  // docs plugins above keep Fastify's own.
  await app.register(async (api) => {
    api.setValidatorCompiler(validatorCompiler);
    api.setSerializerCompiler(serializerCompiler);
    const typed = api.withTypeProvider<ZodTypeProvider>();
    const sheets = createClinicSheets(storage);
    const auth = { storage, adminApiKey: config.adminApiKey, limits };
    await typed.register(estimateRoutes, { estimates: countingEstimates(estimates, metrics, 'single'), sheets, maxAgeSeconds: config.cacheMaxAgeSeconds });
    await typed.register(batchRoutes, { estimates: countingEstimates(estimates, metrics, 'batch'), maxItems: config.batchMaxItems, bodyLimit: config.batchBodyLimitBytes });
    await typed.register(compareRoutes, {
      catalog: data.catalog,
      maxCells: config.batchMaxItems,
      bodyLimit: config.batchBodyLimitBytes,
      countEstimate: (treatment) => metrics.estimate(treatment, 'compare'),
    });
    await typed.register(scenarioRoutes, { data });
    await typed.register(catalogRoutes, { data, maxAgeSeconds: config.cacheMaxAgeSeconds });
    await typed.register(clinicRoutes, auth);
    await typed.register(clinicOriginRoutes, { ...auth, cache: clinicOrigins });
    await typed.register(priceSheetRoutes, { ...auth, catalog: data.catalog });
    const now = deps.now ?? (() => new Date());
    await typed.register(quoteRoutes, { storage, limits, estimates: countingEstimates(estimates, metrics, 'quote'), sheets, dataVersion: data.catalog.version, validDays: config.quoteValidDays, now });
    await typed.register(healthRoutes, { data, cacheStats: () => estimates.stats(), storage, adminApiKey: config.adminApiKey, lifecycle });
    await typed.register(sourceRoutes, { catalog: data.catalog, maxAgeSeconds: config.cacheMaxAgeSeconds });
    await typed.register(problemRoutes);
    await typed.register(pageRoutes, { storage, catalogJson: catalogJson(data).catalog, now, maxAgeSeconds: config.cacheMaxAgeSeconds });
    await typed.register(widgetRoutes, { bundlePath: deps.widgetBundle ?? widgetBundlePath(), maxAgeSeconds: config.cacheMaxAgeSeconds });
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  return app;
}

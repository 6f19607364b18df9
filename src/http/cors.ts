// CORS: which other origins' web pages may call the API (the embedded widget, comparison sites).
// The allowlist comes from the configuration (CORS_ORIGINS); with none, the service sends no CORS
// headers at all and behaves exactly as a same-origin API. A clinic may also register its own web
// origins (POST /v1/clinics/{id}/origins): a request from one of them is allowed when it names that
// clinic (?clinic=, or /v1/clinics/{id}/…) or names none (the catalog, sources).
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ClinicOriginCache } from './clinic-origins.js';

/**
 * Response headers a cross-origin script may read, beyond the CORS-safelisted ones: caching
 * (ETag), where a created resource is (Location), when to retry (Retry-After, the RateLimit
 * fields), which key is wanted (WWW-Authenticate), a CSV's file name, the methods of a 405.
 */
const EXPOSED_HEADERS = [
  'etag',
  'location',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'www-authenticate',
  'content-disposition',
  'x-request-id',
  'allow',
];
/** Request headers a cross-origin script may send: API keys and conditional requests included. */
const ALLOWED_HEADERS = ['content-type', 'accept', 'authorization', 'if-match', 'if-none-match', 'x-request-id'];
/** Every method the API has (HEAD and OPTIONS are answered for every path as HTTP defines them). */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'];
/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/**
 * Registers @fastify/cors on `app` when `origins` is not empty. A request from an origin that is
 * not listed gets no CORS headers (the browser then withholds the answer from the page); a preflight
 * from such an origin, or an OPTIONS request that is not a preflight, falls through to the usual
 * 405 problem+json instead of the plugin's plain-text 400.
 */
export async function registerCors(app: FastifyInstance, origins: readonly string[], clinicOrigins?: ClinicOriginCache): Promise<void> {
  if (origins.length === 0 && !clinicOrigins) return;
  const anyOrigin = origins.includes('*');
  const allowed = new Set(origins);
  const options: FastifyCorsOptions = {
    methods: METHODS,
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
  };
  const off: FastifyCorsOptions = { origin: false };
  await app.register(cors, {
    hook: 'onRequest',
    delegator: (request: FastifyRequest, callback: (error: Error | null, options: FastifyCorsOptions) => void) => {
      const origin = request.headers.origin;
      if (origin === undefined) return callback(null, off);
      if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] === undefined) return callback(null, off);
      // '*' when any origin is allowed (no credentials are ever allowed); otherwise the origin itself.
      if (anyOrigin || allowed.has(origin)) return callback(null, { ...options, origin: anyOrigin ? '*' : origin });
      if (!clinicOrigins) return callback(null, off);
      clinicOrigins.allows(origin, clinicNamed(request)).then(
        (ok) => callback(null, ok ? { ...options, origin } : off),
        () => callback(null, off),
      );
    },
  });
}

const CLINIC_PATH = /^\/v1\/clinics\/([^/?]+)/;
const CLINIC_QUERY = /[?&]clinic=([^&]*)/;

/** The clinic a request is for: /v1/clinics/{id}/… or ?clinic=…; undefined when it names none. */
function clinicNamed(request: FastifyRequest): string | undefined {
  const url = request.url;
  const match = CLINIC_PATH.exec(url) ?? CLINIC_QUERY.exec(url);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1];
  }
}

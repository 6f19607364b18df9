// The service's pino logger. API keys must never reach a log: the Authorization header and every
// field that could hold a key are censored, whatever the level and format
// (tests/http/log-redaction.test.ts). JSON lines by default; on a terminal, pino-pretty's
// coloured lines for the person watching (LOG_FORMAT).
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'apiKey',
  'key',
  '*.authorization',
  '*.apiKey',
  '*.key',
  'res.headers["set-cookie"]',
];

/** Query parameters whose value is a credential (`?api_key=…`): censored in every logged URL. */
const SECRET_PARAMS = /([?&](?:api[_-]?key|apikey|key|token|access[_-]?token|auth|authorization|secret|password)=)[^&#]*/gi;

/**
 * A URL as it may be logged: the value of any credential-like query parameter replaced by
 * [redacted]. Keys are only accepted in the Authorization header, but a client may still put one
 * in the query string; the request log must not keep it (tests/http/log-redaction.test.ts).
 */
export function redactUrl(url: string): string {
  return url.includes('?') ? url.replace(SECRET_PARAMS, '$1[redacted]') : url;
}

/** Fastify's request serializer, with the URL censored (anything else logged as `req` passes through). */
function serializeRequest(req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }): object {
  if (req === null || typeof req !== 'object' || typeof req.url !== 'string') return req;
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

/** Whether LOG_FORMAT asks for pretty lines on this output (auto: when it is a terminal). */
export function wantsPretty(format: Config['logFormat'], isTerminal: boolean | undefined): boolean {
  return format === 'pretty' || (format === 'auto' && isTerminal === true);
}

/**
 * A logger writing JSON lines to `destination` (default: standard output), or, with `pretty`,
 * pino-pretty's human-readable lines (redaction happens before either sees a line).
 */
export function createLogger(level: string, destination?: DestinationStream, { pretty = false }: { pretty?: boolean } = {}): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: { req: serializeRequest } };
  if (pretty) return pino(options, prettyStream(destination));
  return destination ? pino(options, destination) : pino(options);
}

function prettyStream(destination: DestinationStream | undefined): DestinationStream {
  // Loaded only when asked for, so JSON logging (production) never pays for it.
  const pinoPretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  return pinoPretty({
    colorize: destination === undefined && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,reqId',
    singleLine: true,
    sync: true,
    ...(destination ? { destination } : {}),
  });
}

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

/** Whether LOG_FORMAT asks for pretty lines on this output (auto: when it is a terminal). */
export function wantsPretty(format: Config['logFormat'], isTerminal: boolean | undefined): boolean {
  return format === 'pretty' || (format === 'auto' && isTerminal === true);
}

/**
 * A logger writing JSON lines to `destination` (default: standard output), or, with `pretty`,
 * pino-pretty's human-readable lines (redaction happens before either sees a line).
 */
export function createLogger(level: string, destination?: DestinationStream, { pretty = false }: { pretty?: boolean } = {}): Logger {
  const options = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
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

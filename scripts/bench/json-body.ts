// What refusing numbers JSON cannot carry exactly (src/http/json-numbers.ts) costs the body
// parser, on a 1,000-item batch body: secure-json-parse alone, the parser as the routes use it
// (one regular-expression test clears such a body), and the token-by-token scan a body takes when
// that test cannot clear it (a 16-digit run somewhere, here inside a string).
import secureJson from 'secure-json-parse';
import { parseJsonBody } from '../../src/http/json-body.js';
import { inexactNumbers } from '../../src/http/json-numbers.js';
import type { Measurement } from './lib/harness.js';
import { mixedRequests } from './lib/requests.js';
import { median } from './lib/stats.js';

const ITEMS = 1000;

export interface JsonBodyResult {
  readonly items: number;
  readonly bytes: number;
  /** Median µs per parse over repeated runs. */
  readonly secureJsonParseMicros: number;
  readonly parseJsonBodyMicros: number;
  readonly fullScanMicros: number;
  /** (parseJsonBody − secure-json-parse) / secure-json-parse, in percent. */
  readonly overheadPercent: number;
}

function medianMicros(op: () => unknown, ms: number): number {
  const times: number[] = [];
  for (const warm = Date.now() + Math.min(200, ms); Date.now() < warm; ) op();
  for (const end = Date.now() + ms; Date.now() < end || times.length < 5; ) {
    const t0 = process.hrtime.bigint();
    op();
    times.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  return median(times);
}

export const jsonBody: Measurement<JsonBodyResult> = {
  id: 'json-body',
  title: 'parsing a 1,000-item batch body, with the check for numbers JSON cannot carry exactly',
  services: [],
  async run({ catalog, options, log }) {
    const items = mixedRequests(catalog, ITEMS, 20_240_602).map((r) => r.json);
    const body = `{"items":[${items.join(',')}]}`;
    // The same body with one string holding 16 digits: the quick test cannot clear it, so every token is scanned.
    const scanned = `{"items":[${[...items.slice(0, -1), '{"treatment":"skin-rejuvenation","currency":"1234567890123456"}'].join(',')}]}`;
    if (inexactNumbers(scanned).length !== 0) throw new Error('json-body: the scanned body should have no inexact number');
    const ms = options.engineS * 1000;
    const secure = medianMicros(() => secureJson.parse(body, undefined, { protoAction: 'error', constructorAction: 'error' }), ms);
    const parser = medianMicros(() => parseJsonBody(body), ms);
    const full = medianMicros(() => inexactNumbers(scanned), ms);
    const overheadPercent = ((parser - secure) / secure) * 100;
    log(`  ${Buffer.byteLength(body)} bytes: secure-json-parse ${secure.toFixed(0)} µs, parseJsonBody ${parser.toFixed(0)} µs (+${overheadPercent.toFixed(0)}%); the token scan alone, when the quick test cannot clear the body, ${full.toFixed(0)} µs`);
    return { items: ITEMS, bytes: Buffer.byteLength(body), secureJsonParseMicros: secure, parseJsonBodyMicros: parser, fullScanMicros: full, overheadPercent };
  },
  summary(r) {
    return [
      {
        target: `body parser with the exact-number check, ${r.items}-item batch body (${Math.round(r.bytes / 1024)} KiB)`,
        measured: `${r.parseJsonBodyMicros.toFixed(0)} µs against ${r.secureJsonParseMicros.toFixed(0)} µs without (${r.overheadPercent >= 0 ? '+' : ''}${r.overheadPercent.toFixed(0)}%); full token scan ${r.fullScanMicros.toFixed(0)} µs`,
        goal: '',
        result: 'INFO',
      },
    ];
  },
};

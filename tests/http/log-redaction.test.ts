// API keys never reach the logs: the service's own logger (src/logger.ts) at trace level, its
// output captured, while keys are created, used, rejected and revoked, holds neither the admin
// key nor any clinic key nor a secret; and the redaction paths censor Authorization wherever a
// log line carries headers.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { CompactRequestLog } from '../../src/http/request-log.js';
import { createLogger } from '../../src/logger.js';
import { parseKey } from '../../src/storage/clinics.js';
import { ADMIN_KEY, bearer, FRENCH_SHEET } from '../support/storage.js';
import { useStorageApp } from '../support/storage-app.js';

let app: FastifyInstance;
let captured = '';
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    captured += chunk.toString('utf8');
    done();
  },
});

useStorageApp(
  (a) => {
    app = a;
  },
  {},
  { logger: createLogger('trace', sink) },
);

describe('logs', () => {
  it('never contain the admin key, a clinic key or its secret, through a whole key lifecycle', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/clinics', headers: bearer(ADMIN_KEY), payload: { name: 'Logged clinic' } });
    const { clinic, apiKey } = created.json() as { clinic: { id: string }; apiKey: { id: string; key: string } };
    const rotated = (await app.inject({ method: 'POST', url: `/v1/clinics/${clinic.id}/keys`, headers: bearer(apiKey.key) })).json() as { key: string };
    await app.inject({ method: 'PUT', url: `/v1/clinics/${clinic.id}/price-sheet`, headers: bearer(apiKey.key), payload: FRENCH_SHEET });
    await app.inject({ method: 'PUT', url: `/v1/clinics/${clinic.id}/price-sheet`, headers: bearer(apiKey.key), payload: { bad: true } });
    await app.inject({ url: `/v1/clinics/cl_0000000000000000`, headers: bearer(apiKey.key) });
    await app.inject({ url: `/v1/clinics/${clinic.id}`, headers: bearer(`${apiKey.key}x`) });
    await app.inject({ url: `/v1/clinics/${clinic.id}`, headers: { authorization: `Basic ${apiKey.key}` } });
    await app.inject({ method: 'DELETE', url: `/v1/clinics/${clinic.id}/keys/${apiKey.id}`, headers: bearer(rotated.key) });
    await app.inject({ url: `/v1/clinics/${clinic.id}`, headers: bearer(apiKey.key) });

    expect(captured).toContain('incoming request'); // the capture works: requests were logged
    expect(captured).toContain('request rejected');
    for (const secret of [ADMIN_KEY, apiKey.key, rotated.key, parseKey(apiKey.key)!.secret, parseKey(rotated.key)!.secret]) {
      expect(captured).not.toContain(secret);
    }
  });

  it('never contain a key sent in the query string (?api_key=, ?key=, ?token=), in JSON or compact lines', async () => {
    const before = captured.length;
    const created = (await app.inject({ method: 'POST', url: '/v1/clinics', headers: bearer(ADMIN_KEY), payload: { name: 'Query clinic' } })).json() as { clinic: { id: string }; apiKey: { key: string } };
    const key = created.apiKey.key;
    await app.inject({ url: `/v1/clinics/${created.clinic.id}?api_key=${key}` });
    await app.inject({ url: `/v1/estimates?treatment=skin-rejuvenation&api_key=${key}&country=FR` });
    await app.inject({ url: `/v1/estimates?key=${encodeURIComponent(ADMIN_KEY)}&treatment=skin-rejuvenation` });
    await app.inject({ url: `/v1/nothing?token=${key}` });
    const lines = captured.slice(before);
    expect(lines).toContain('api_key=[redacted]');
    expect(lines).toContain('country=FR'); // other parameters stay readable
    for (const secret of [key, parseKey(key)!.secret, ADMIN_KEY, encodeURIComponent(ADMIN_KEY)]) expect(lines).not.toContain(secret);
    // The one-line log for a terminal prints the URL too.
    const line = new CompactRequestLog();
    let out = '';
    const logged = { info: (msg: string) => (out += msg), error: (_o: unknown, msg: string) => (out += msg) };
    line.requestCompleted(null, { method: 'GET', url: `/v1/estimates?api_key=${key}` } as never, { statusCode: 200, elapsedTime: 1, log: logged } as never);
    expect(out).toBe('GET /v1/estimates?api_key=[redacted] 200 1.0 ms');
  });

  it('censor Authorization and key fields wherever a line carries them', () => {
    let out = '';
    const logger = createLogger('info', new Writable({ write: (c: Buffer, _e, done) => ((out += c.toString()), done()) }));
    logger.info({ req: { headers: { authorization: 'Bearer mq_secret_one' } } }, 'a');
    logger.info({ headers: { authorization: 'Bearer mq_secret_two', cookie: 'session=mq_secret_three' } }, 'b');
    logger.info({ apiKey: { id: 'k', key: 'mq_secret_four' } }, 'c');
    logger.info({ authorization: 'Bearer mq_secret_five' }, 'd');
    expect(out).not.toMatch(/mq_secret/);
    expect(out.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(5);
  });
});

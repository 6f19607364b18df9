// gzip and brotli: JSON answers, /widget.js and the catalog are compressed when the client accepts
// it, decompress to exactly the bytes sent uncompressed, carry Vary: Accept-Encoding, and keep their
// ETag so that If-None-Match still answers 304. Small bodies go as they are.
import { readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_BYTES, negotiate } from '../../src/http/compression.js';
import { widgetBundlePath } from '../../src/http/widget-page.js';
import { testApp } from '../support/app.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => app.close());

const decode = { br: brotliDecompressSync, gzip: gunzipSync } as const;
const ESTIMATE = '/v1/estimates?treatment=fat-reduction&areas=abdomen&country=FR&cityTier=city&practitioner=physician';

describe('Accept-Encoding negotiation', () => {
  it('prefers br, then gzip, honours q=0 and *', () => {
    expect(negotiate('gzip, deflate, br')).toBe('br');
    expect(negotiate('gzip')).toBe('gzip');
    expect(negotiate('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiate('identity')).toBeUndefined();
    expect(negotiate('*')).toBe('br');
    expect(negotiate('*, br;q=0')).toBe('gzip');
    expect(negotiate(undefined)).toBeUndefined();
  });
});

describe.each(['/v1/catalog', '/widget.js', ESTIMATE])('%s', (url) => {
  for (const encoding of ['br', 'gzip'] as const) {
    it(`${encoding}: decompresses to the same bytes, with Vary and the same ETag, and 304 still works`, async () => {
      const plain = await app.inject({ method: 'GET', url });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(String(plain.headers.vary)).toMatch(/Accept-Encoding/);
      expect(plain.rawPayload.length).toBeGreaterThan(MIN_BYTES);
      if (url === '/widget.js') expect(plain.rawPayload.equals(readFileSync(widgetBundlePath()))).toBe(true);

      const packed = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': `${encoding}` } });
      expect(packed.statusCode).toBe(200);
      expect(packed.headers['content-encoding']).toBe(encoding);
      expect(String(packed.headers.vary)).toMatch(/Accept-Encoding/);
      expect(packed.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(Number(packed.headers['content-length'] ?? packed.rawPayload.length)).toBe(packed.rawPayload.length);
      expect(decode[encoding](packed.rawPayload).equals(plain.rawPayload)).toBe(true);
      expect(packed.headers.etag).toBe(plain.headers.etag);

      // Computed once: the same bytes again.
      const again = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
      expect(again.rawPayload.equals(packed.rawPayload)).toBe(true);

      const notModified = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding, 'if-none-match': String(packed.headers.etag) } });
      expect(notModified.statusCode).toBe(304);
      expect(notModified.rawPayload.length).toBe(0);
    });
  }
});

describe('small answers', () => {
  it('go uncompressed, still with Vary', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz', headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.rawPayload.length).toBeLessThan(MIN_BYTES);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(String(res.headers.vary)).toMatch(/Accept-Encoding/);
  });

  it('a problem+json above the threshold is compressed too, and an unknown encoding gets identity', async () => {
    const plain = await app.inject({ method: 'GET', url: '/v1/estimates?treatment=nope', headers: { 'accept-encoding': 'compress' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toMatch(/problem\+json/);
  });
});

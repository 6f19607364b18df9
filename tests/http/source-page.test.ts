// The readable source pages (GET /sources/{id}) as a patient reads them: no repository file names
// in any source in any language, the dataset's public page from data/sources.json (also in
// GET /v1/sources/{id}), and a Vary that follows where the language came from.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/messages.js';
import { datasetLine } from '../../src/http/pages/source-page.js';
import { sourceLink } from '../../src/widget/explain.js';
import { testApp } from '../support/app.js';

// Source pages read the catalog only: no storage needed.
let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app?.close();
});

/** The page's text without tags (and without its small-print machine id), as a person reads it. */
const visible = (html: string): string =>
  html
    .replace(/<p class="reference">[\s\S]*?<\/p>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const WORLD_BANK = { 'wdi-price-level': 'https://data.worldbank.org/indicator/PA.NUS.PPPC.RF', 'wdi-exchange-rate': 'https://data.worldbank.org/indicator/PA.NUS.FCRF', 'iso-3166': 'https://github.com/datasets/country-codes', 'iso-4217': 'https://github.com/datasets/currency-codes' };

describe('GET /sources/{id}', () => {
  it('shows no repository file, seed number or command in any source, in any language', async () => {
    const { sources } = (await app.inject({ url: '/v1/catalog' })).json() as { sources: Array<{ id: string }> };
    expect(sources.length).toBeGreaterThan(10);
    for (const { id } of sources) {
      for (const language of LANGUAGES) {
        const res = await app.inject({ url: `/sources/${id}?lang=${language}` });
        expect(res.statusCode, `${id} ${language}`).toBe(200);
        const text = visible(res.body);
        expect(text, `${id} ${language}`).not.toMatch(/\.(csv|json|md|txt)\b|data\/reference|vendored|\bseed \d{3}\b|npm run/i);
        expect(text, `${id} ${language}`).not.toMatch(/\{[a-z]+\}/i);
      }
    }
  });

  it("links each reference dataset to the public page data/sources.json gives, which GET /v1/sources/{id} exposes and the calculator's links agree with", async () => {
    for (const [id, url] of Object.entries(WORLD_BANK)) {
      expect((await app.inject({ url: `/v1/sources/${id}` })).json().url, id).toBe(url);
      expect((await app.inject({ url: `/sources/${id}?lang=de` })).body, id).toContain(`href="${url}"`);
      expect(sourceLink({ id } as Parameters<typeof sourceLink>[0], 'https://api.example/', 'de'), id).toBe(url);
    }
  });

  it('keeps a dataset line in words: the name, edition and licence without the files they are kept in', () => {
    expect(datasetLine({ dataset: 'observed-prices-calibration-2.csv', edition: 'as vendored in data/reference (2025-2026 where dated)', licence: 'facts collected from public pages' })).toBe('2025-2026 where dated · facts collected from public pages');
    expect(datasetLine({ dataset: 'reference/README.md, "City premium evidence"', edition: 'GPCI 2025', licence: 'public statistics' })).toBe('"City premium evidence" · GPCI 2025 · public statistics');
    expect(datasetLine({ dataset: 'x.csv', edition: 'as vendored in data/reference', licence: 'data/LICENCE.md' })).toBeUndefined();
  });

  it('varies on Accept-Language when the language came from it (no ?lang=, or one we do not speak), on a 304 too, and not otherwise', async () => {
    const bad = await app.inject({ url: '/sources/wdi-price-level?lang=xx', headers: { 'accept-language': 'pt-BR' } });
    expect(bad.body).toContain('<html lang="pt">');
    expect(bad.headers.vary).toMatch(/accept-language/i);
    const again = await app.inject({ url: '/sources/wdi-price-level', headers: { 'accept-language': 'pt-BR', 'if-none-match': bad.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.headers.vary).toMatch(/accept-language/i);
    const asked = await app.inject({ url: '/sources/wdi-price-level?lang=pt', headers: { 'accept-encoding': 'gzip' } });
    expect(String(asked.headers.vary ?? '')).not.toMatch(/accept-language/i);
    expect(asked.headers['content-security-policy']).toContain("default-src 'none'");
  });
});

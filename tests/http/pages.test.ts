// The pages for people: GET /quotes/{id} (a saved quote, printable, in the reader's language, the
// clinic's name in clinic mode, 404 and 410 as pages), GET /sources/{id} (a source in readable
// words and links), their stylesheet and print script, and GET /widget/i18n/{language}.json.
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/i18n/messages.js';
import { MESSAGES } from '../../src/i18n/all.js';
import { FRENCH_SHEET, newClinic, putSheet } from '../support/storage.js';
import { useStorageApp } from '../support/storage-app.js';

let app: FastifyInstance;
let clock = new Date('2026-11-22T10:00:00.000Z');

useStorageApp(
  (a) => {
    app = a;
  },
  { quoteValidDays: 30 },
  { now: () => clock },
);

async function saveQuote(payload: Record<string, unknown>): Promise<{ id: string; estimate: { total: { typical: string } } }> {
  const res = await app.inject({ method: 'POST', url: '/v1/quotes', payload });
  expect(res.statusCode).toBe(201);
  return res.json();
}

/** The page's text without tags, for reading what a person reads. */
const visible = (html: string): string => html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ').replace(/\s+/g, ' ');

describe('GET /quotes/{id}', () => {
  it('shows the saved quote as a page in the language asked for, with dates, figures and a print button', async () => {
    const quote = await saveQuote({ treatment: 'fat-reduction', areas: ['abdomen', 'flanks'], country: 'FR', package: { kind: 'prepaid-course' } });
    const res = await app.inject({ url: `/quotes/${quote.id}?lang=fr` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['cache-control']).toBe('private, max-age=86400');
    expect(res.headers.etag).toMatch(/^"[\w-]{32}"$/);
    expect(res.body).toContain('<html lang="fr">');
    const text = visible(res.body);
    expect(text).toContain('Enregistrée le 22 novembre 2026');
    expect(text).toContain('valables jusqu’au 22 décembre 2026');
    expect(text).toContain('Réduction des graisses');
    // The figure is the saved one, formatted for French.
    const euros = new Intl.NumberFormat('fr', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }).format(quote.estimate.total.typical as `${number}`);
    expect(text.replace(/[\u00a0\u202f]/g, ' ')).toContain(euros.replace(/[\u00a0\u202f]/g, ' '));
    expect(res.body).toContain('<script src="/pages/print.js" defer></script>');
    expect(res.body).toContain('data-print');
    expect(text).not.toMatch(/seed|\.txt|README/i);
    // Conditional GET and a validator per language.
    expect((await app.inject({ url: `/quotes/${quote.id}?lang=fr`, headers: { 'if-none-match': res.headers.etag as string } })).statusCode).toBe(304);
    expect((await app.inject({ url: `/quotes/${quote.id}?lang=de` })).headers.etag).not.toBe(res.headers.etag);
  });

  it('renders in every language with no message missing', async () => {
    const quote = await saveQuote({ treatment: 'hair-restoration', country: 'PL', sessions: 3, package: { kind: 'buy-n-get-m' } });
    for (const language of LANGUAGES) {
      const res = await app.inject({ url: `/quotes/${quote.id}?lang=${language}` });
      expect(res.statusCode, language).toBe(200);
      expect(res.body, language).toContain(`<html lang="${language}">`);
      expect(visible(res.body), language).not.toMatch(/\{[a-z]+\}/i);
      expect(visible(res.body), language).toContain(MESSAGES[language].disclaimer as string);
    }
  });

  it("follows Accept-Language without ?lang=, and says so in Vary", async () => {
    const quote = await saveQuote({ treatment: 'skin-rejuvenation', country: 'DE' });
    const res = await app.inject({ url: `/quotes/${quote.id}`, headers: { 'accept-language': 'ja;q=1, de-CH;q=0.8, en;q=0.5' } });
    expect(res.body).toContain('<html lang="de">');
    expect(res.headers.vary).toMatch(/accept-language/i);
    expect((await app.inject({ url: `/quotes/${quote.id}?lang=xx` })).body).toContain('<html lang="en">');
  });

  it("names the clinic in clinic mode, escaped", async () => {
    const clinic = await newClinic(app, '<script>alert(1)</script> & Co');
    expect((await putSheet(app, clinic, FRENCH_SHEET)).statusCode).toBe(201);
    const quote = await saveQuote({ treatment: 'skin-rejuvenation', clinic: clinic.id });
    const res = await app.inject({ url: `/quotes/${quote.id}?lang=en` });
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(visible(res.body)).toContain('Estimate from');
  });

  it('answers an unknown quote with a 404 page and an expired one with a 410 page saying until when it held', async () => {
    const missing = await app.inject({ url: '/quotes/q_AAAAAAAAAAAAAAAAAAAAAA?lang=es' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(visible(missing.body)).toContain('Estimación no encontrada');
    const quote = await saveQuote({ treatment: 'scar-reduction' });
    const saved = clock;
    clock = new Date(saved.getTime() + 31 * 86_400_000);
    try {
      const expired = await app.inject({ url: `/quotes/${quote.id}?lang=en` });
      expect(expired.statusCode).toBe(410);
      expect(visible(expired.body)).toContain('valid until December 22, 2026');
      expect(expired.headers['cache-control']).toBe('no-store');
    } finally {
      clock = saved;
    }
  });

  it('is compressed for a browser that asks', async () => {
    const quote = await saveQuote({ treatment: 'fat-reduction' });
    const res = await app.inject({ url: `/quotes/${quote.id}`, headers: { 'accept-encoding': 'br' } });
    expect(res.headers['content-encoding']).toBe('br');
  });
});

describe('GET /sources/{id}', () => {
  it('titles a seed passage for a patient: the article, the passage, no file name or seed number', async () => {
    const res = await app.inject({ url: '/sources/seed-000-insurance?lang=it' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="it">');
    const text = visible(res.body);
    expect(text).toContain(MESSAGES.it['sourceGroup.guide'] as string);
    expect(text).not.toMatch(/\.txt|Seed 000|seed 000/);
  });

  it("links a dataset to its publisher's page", async () => {
    const res = await app.inject({ url: '/sources/wdi-price-level?lang=en' });
    expect(res.body).toContain('href="https://data.worldbank.org/indicator/PA.NUS.PPPC.RF"');
  });

  it('turns the record\'s machine words into a reader\'s in an assumption\'s reason', async () => {
    const res = await app.inject({ url: '/sources/assumption-new-patient-discount?lang=en' });
    expect(visible(res.body)).not.toMatch(/Seed \d{3}|seed \d{3}|README/);
  });

  it('answers an unknown source with a 404 page', async () => {
    const res = await app.inject({ url: '/sources/nope?lang=pl' });
    expect(res.statusCode).toBe(404);
    expect(visible(res.body)).toContain(MESSAGES.pl.pageSourceNotFound as string);
  });

  it('serves its stylesheet (with print rules) and print script from the API itself', async () => {
    const css = await app.inject({ url: '/pages/page.css' });
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body).toContain('@media print');
    const js = await app.inject({ url: '/pages/print.js' });
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toContain('window.print()');
  });
});

describe('GET /widget/i18n/{language}.json', () => {
  it("serves every language's messages, cacheable and compressed", async () => {
    for (const language of LANGUAGES) {
      const res = await app.inject({ url: `/widget/i18n/${language}.json`, headers: { 'accept-encoding': 'gzip' } });
      expect(res.statusCode, language).toBe(200);
      expect(res.headers['content-encoding']).toBe('gzip');
      expect(res.headers.etag).toMatch(/^"[\w-]{32}"$/);
      expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    }
    const fr = await app.inject({ url: '/widget/i18n/fr.json' });
    expect(fr.json()).toEqual(MESSAGES.fr);
    expect((await app.inject({ url: '/widget/i18n/fr.json', headers: { 'if-none-match': fr.headers.etag as string } })).statusCode).toBe(304);
  });

  it('names the languages there are when asked for another', async () => {
    const res = await app.inject({ url: '/widget/i18n/ja.json' });
    expect(res.statusCode).toBe(404);
    expect(res.json().detail).toContain('fr.json');
  });
});


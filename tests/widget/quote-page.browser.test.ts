// The printable quote page and a source page as a patient opens them in Chromium, for a typical
// market quote (no clinic; lead.browser.test.ts covers a clinic's): no CSP violation, axe clean,
// the Print button opens the print dialog through the served script, print media hides it and
// prints black on white, and the PDF is one or two pages on A4 and on Letter.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium, launchChromium } from '../../scripts/lib/chromium.js';
import { startApi, type Api } from '../../scripts/lib/widget-harness.js';
import type { Storage } from '../../src/storage/storage.js';
import { ADMIN_KEY, memoryStorage } from '../support/storage.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let storage: Storage;
let api: Api;
let browser: Browser;
let quoteId: string;

beforeAll(async () => {
  await ensureChromium((line) => console.log(line));
  storage = await memoryStorage();
  api = await startApi([], { storage, adminApiKey: ADMIN_KEY });
  browser = await launchChromium();
  // A typical quote: two areas, a country, a prepaid course (the longest figures section).
  const res = await fetch(`${api.origin}/v1/quotes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ treatment: 'fat-reduction', areas: ['abdomen', 'flanks'], country: 'FR', package: { kind: 'prepaid-course' } }) });
  expect(res.status).toBe(201);
  quoteId = ((await res.json()) as { id: string }).id;
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await api?.app.close();
  await storage?.close();
});

/** Opens a page recording CSP violations and print() calls from the first byte. */
async function open(url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[]; printed: number };
    w.cspViolations = [];
    w.printed = 0;
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    window.print = () => {
      w.printed += 1;
    };
  });
  const res = await page.goto(url);
  expect(res?.status()).toBe(200);
  return page;
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string }> }> } }).axe.run;
    return (await run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations.map((v) => v.id);
  });
}

const pdfPages = (pdf: Buffer): number => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

describe('the printable quote page, in Chromium', () => {
  it.each(['fr', 'de', 'en'])('in %s: axe clean, no CSP violation, Print opens the dialog, print media black on white without the button, 1-2 pages on A4 and Letter', async (lang) => {
    const page = await open(`${api.origin}/quotes/${quoteId}?lang=${lang}`);
    try {
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('button[data-print]').click();
      expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('button[data-print]').isVisible()).toBe(false);
      const colours = await page.evaluate(() => ({ body: getComputedStyle(document.body).backgroundColor, text: getComputedStyle(document.body).color }));
      expect(colours).toEqual({ body: 'rgb(255, 255, 255)', text: 'rgb(0, 0, 0)' });
      for (const format of ['A4', 'Letter'] as const) {
        const pages = pdfPages(await page.pdf({ format }));
        expect(pages, format).toBeGreaterThanOrEqual(1);
        expect(pages, format).toBeLessThanOrEqual(2);
      }
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('a source page it links to is axe clean and within its CSP, with the publisher link', async () => {
    const page = await open(`${api.origin}/sources/wdi-price-level?lang=pl`);
    try {
      expect(await page.locator('a[href="https://data.worldbank.org/indicator/PA.NUS.PPPC.RF"]').count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

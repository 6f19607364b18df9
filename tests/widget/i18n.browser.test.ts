// The calculator in each of its seven languages, in Chromium: chosen by `locale`, else the page's
// `lang`, else English; no English word left anywhere a patient can see or hear in a non-English
// interface (collapsed sections, the chart's text alternative and the live region included), axe
// clean in each, a country found by its English name in another language's list, and a clinic's
// own labels.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium, launchChromium } from '../../scripts/lib/chromium.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { startApi, startHostPage, type Api, type HostPage } from '../../scripts/lib/widget-harness.js';
import { MESSAGES } from '../../src/i18n/all.js';
import { LANGUAGES } from '../../src/i18n/messages.js';
import type { Storage } from '../../src/storage/storage.js';
import { englishIn } from '../support/english-words.js';
import { memoryStorage } from '../support/storage.js';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let api: Api;
/** Saved quotes need storage: the save action is part of the interface. */
let storage: Storage;
let host: HostPage;
let browser: Browser;

beforeAll(async () => {
  await ensureChromium((line) => console.log(line));
  const hostPort = await freePort();
  storage = await memoryStorage();
  api = await startApi([`http://127.0.0.1:${hostPort}`], { storage });
  host = await startHostPage(api.origin, hostPort);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await api?.app.close();
  await storage?.close();
});

async function open(context: BrowserContext, query: Record<string, string>): Promise<Page> {
  const page = await context.newPage();
  await page.goto(host.url(query));
  await waitForState(page, 'ready');
  return page;
}

const waitForState = (page: Page, wanted: string) =>
  page.waitForFunction((s) => (document.querySelector('mesoquote-calculator') as unknown as { state?: string } | null)?.state === s, wanted, { timeout: 15_000 });

/** Everything the widget can show or say: its text (collapsed sections too), alternative texts and labels. */
function heardAndSeen(page: Page): Promise<string> {
  return page.evaluate(() => {
    const root = document.querySelector('mesoquote-calculator')?.shadowRoot;
    if (!root) return '';
    const attributes = [...root.querySelectorAll('[aria-label], [title], [placeholder]')].map((el) => ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? '').join(' '));
    return [root.querySelector('.mq')?.textContent ?? '', ...attributes].join(' ');
  });
}

async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string; nodes: number }>> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe.run;
    const r = await run({ include: [['mesoquote-calculator']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}

describe('<mesoquote-calculator> in seven languages, in Chromium', () => {
  for (const language of LANGUAGES) {
    it(`${language}: every word a patient sees or hears is ${language}, and axe finds nothing`, async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 1000 }, locale: 'en-US' });
      try {
        // A market estimate with a package, a course longer than usual and a converted currency:
        // the most notes and steps one answer has.
        const page = await open(context, { treatment: 'fat-reduction', areas: 'abdomen,flanks', country: 'PL', currency: 'EUR', sessions: '12', package: 'buy-n-get-m', locale: `${language}-${language === 'en' ? 'GB' : language.toUpperCase()}` });
        const w = page.locator('mesoquote-calculator');
        for (const summary of await w.locator('details summary').all()) await summary.click();
        await w.locator('button[part="save"]').click();
        await w.locator('.saved a').waitFor();
        // A country that does not exist, to show the combobox's hint too.
        await w.locator('#country').fill('zzz');
        const text = await heardAndSeen(page);
        expect(await page.evaluate(() => document.querySelector('mesoquote-calculator')?.shadowRoot?.querySelector('.mq')?.getAttribute('lang'))).toBe(language);
        expect(text).toContain(MESSAGES[language].title as string);
        expect(text, 'no machine words').not.toMatch(/seed|\.txt|README|npm run|\{[a-z]+\}/i);
        if (language !== 'en') expect(englishIn(text, language), `English words in the ${language} interface`).toEqual([]);
        expect(await axeViolations(page)).toEqual([]);
        await w.locator('#country').fill('');
        await w.screenshot({ path: join(ARTIFACTS, `widget-${language}.png`) });
      } finally {
        await context.close();
      }
    }, 60_000);
  }

  it("takes the page's lang when there is no locale attribute, and English for a language it does not speak, with one warning", async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await open(context, { _lang: 'it' });
      expect(await page.locator('mesoquote-calculator h2').textContent()).toBe(MESSAGES.it.title);
      const warnings: string[] = [];
      const japanese = await context.newPage();
      japanese.on('console', (m) => {
        if (m.type() === 'warning') warnings.push(m.text());
      });
      await japanese.goto(host.url({ locale: 'ja-JP' }));
      await waitForState(japanese, 'ready');
      expect(await japanese.locator('mesoquote-calculator h2').textContent()).toBe(MESSAGES.en.title);
      expect(warnings.filter((w) => w.includes('locale="ja-JP"'))).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('finds a country typed in English in the French list, and Tab picks it', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await open(context, { locale: 'fr-FR' });
      const country = page.locator('mesoquote-calculator #country');
      await country.fill('Germany');
      await page.keyboard.press('Tab');
      await expect.poll(() => country.inputValue()).toBe('Allemagne');
      await page.waitForFunction(() => (document.querySelector('mesoquote-calculator') as unknown as { value?: { request: { country: string } } }).value?.request.country === 'DE');
    } finally {
      await context.close();
    }
  });

  it("shows a clinic's own labels, and warns once about a key it does not know", async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      const warnings: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'warning') warnings.push(m.text());
      });
      await page.goto(host.url({ locale: 'de-DE', labels: JSON.stringify({ title: 'Was kostet Ihre Behandlung bei uns?', cta: 'Termin anfragen', nonsense: 'x' }), 'cta-href': 'https://clinic.example/termin' }));
      await waitForState(page, 'ready');
      const w = page.locator('mesoquote-calculator');
      expect(await w.locator('h2').textContent()).toBe('Was kostet Ihre Behandlung bei uns?');
      expect(await w.locator('a.cta').textContent()).toBe('Termin anfragen');
      expect(warnings.filter((m) => m.startsWith('<mesoquote-calculator>: labels="nonsense"'))).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});

// The lead, in Chromium: the call to action opens the clinic's booking page with the patient's
// request (and the saved quote), a page can take the booking over (mesoquote:cta, cancelable);
// "Save or share this estimate" saves a real quote whose printable page prints to one or two PDF
// pages, axe clean and within its CSP; failures reach the page as mesoquote:error.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium, launchChromium } from '../../scripts/lib/chromium.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { startApi, startHostPage, type Api, type HostPage } from '../../scripts/lib/widget-harness.js';
import type { Storage } from '../../src/storage/storage.js';
import { ADMIN_KEY, FRENCH_SHEET, memoryStorage } from '../support/storage.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BOOKING = 'https://booking.example/appointments?source=website';

let storage: Storage;
let api: Api;
let host: HostPage;
let browser: Browser;

beforeAll(async () => {
  await ensureChromium((line) => console.log(line));
  storage = await memoryStorage();
  const hostPort = await freePort();
  api = await startApi([`http://127.0.0.1:${hostPort}`], { storage, adminApiKey: ADMIN_KEY });
  host = await startHostPage(api.origin, hostPort);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await api?.app.close();
  await storage?.close();
});

const waitForState = (page: Page, wanted: string) =>
  page.waitForFunction((s) => (document.querySelector('mesoquote-calculator') as unknown as { state?: string } | null)?.state === s, wanted, { timeout: 15_000 });

/** A page that records the widget's events (their details) from the first byte. */
async function openWithEvents(context: BrowserContext, query: Record<string, string>): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript(() => {
    const seen: Array<{ type: string; detail: unknown }> = [];
    (window as unknown as { events: typeof seen }).events = seen;
    for (const type of ['mesoquote:cta', 'mesoquote:quote', 'mesoquote:error']) document.addEventListener(type, (e) => seen.push({ type, detail: (e as CustomEvent).detail }));
  });
  await page.goto(host.url(query));
  return page;
}

const events = (page: Page): Promise<Array<{ type: string; detail: Record<string, unknown> }>> => page.evaluate(() => (window as unknown as { events: Array<{ type: string; detail: Record<string, unknown> }> }).events);

describe('the lead: booking and a saved quote, in Chromium', () => {
  it("links to the clinic's booking page with the request, keeping the link's own parameters", async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await openWithEvents(context, { locale: 'en-US', treatment: 'fat-reduction', areas: 'abdomen,flanks', country: 'DE', package: 'prepaid-course', 'cta-href': BOOKING, 'cta-label': 'Book your consultation' });
      await waitForState(page, 'ready');
      const cta = page.locator('mesoquote-calculator a.cta');
      expect(await cta.textContent()).toBe('Book your consultation');
      const href = new URL((await cta.getAttribute('href')) as string);
      const estimate = await page.evaluate(() => (document.querySelector('mesoquote-calculator') as unknown as { value: { total: { typical: string } } }).value);
      expect(href.origin + href.pathname).toBe('https://booking.example/appointments');
      expect(Object.fromEntries(href.searchParams)).toEqual({
        source: 'website',
        treatment: 'fat-reduction',
        areas: 'abdomen,flanks',
        country: 'DE',
        cityTier: 'city',
        practitioner: 'physician',
        package: 'prepaid-course',
        currency: 'EUR',
        total: estimate.total.typical,
      });
    } finally {
      await context.close();
    }
  });

  it('lets the page take the booking over: mesoquote:cta is cancelable, and cancelled it does not navigate', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await openWithEvents(context, { locale: 'en-US', 'cta-href': BOOKING });
      await page.evaluate(() => document.addEventListener('mesoquote:cta', (e) => e.preventDefault()));
      await waitForState(page, 'ready');
      const before = page.url();
      await page.locator('mesoquote-calculator a.cta').click();
      await page.waitForTimeout(300);
      expect(page.url()).toBe(before);
      const cta = (await events(page)).filter((e) => e.type === 'mesoquote:cta');
      expect(cta).toHaveLength(1);
      expect(cta[0]?.detail).toMatchObject({ href: expect.stringContaining('https://booking.example/appointments?source=website&treatment=skin-rejuvenation'), currency: 'USD', quote: null });
    } finally {
      await context.close();
    }
  });

  it('ignores a booking link that is not http(s), with one warning', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      const warnings: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'warning') warnings.push(m.text());
      });
      await page.goto(host.url({ locale: 'en-US', 'cta-href': 'javascript:alert(1)' }));
      await waitForState(page, 'ready');
      expect(await page.locator('mesoquote-calculator a.cta').count()).toBe(0);
      await page.locator('mesoquote-calculator').getByRole('checkbox', { name: 'Neck' }).click();
      await waitForState(page, 'ready');
      expect(warnings.filter((w) => w.startsWith('<mesoquote-calculator>: cta-href='))).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  it('saves the estimate as a quote, links its printable page, adds it to the booking link and says so by event', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await openWithEvents(context, { locale: 'fr-FR', treatment: 'fat-reduction', areas: 'abdomen', country: 'FR', 'cta-href': BOOKING });
      await waitForState(page, 'ready');
      const w = page.locator('mesoquote-calculator');
      await w.locator('button[part="save"]').click();
      const link = w.locator('.saved a');
      await link.waitFor();
      const href = (await link.getAttribute('href')) as string;
      expect(href).toMatch(new RegExp(`^${api.origin}/quotes/q_[A-Za-z0-9_-]{22}\\?lang=fr$`));
      const id = new URL(href).pathname.split('/').pop() as string;
      // The quote is real: the API returns it, with the figures the page shows.
      const saved = (await (await fetch(`${api.origin}/v1/quotes/${id}`)).json()) as { estimate: { total: { typical: string } }; validUntil: string };
      const shown = await page.evaluate(() => (document.querySelector('mesoquote-calculator') as unknown as { value: { total: { typical: string } } }).value.total.typical);
      expect(saved.estimate.total.typical).toBe(shown);
      expect(new URL((await w.locator('a.cta').getAttribute('href')) as string).searchParams.get('quote')).toBe(id);
      const quoteEvents = (await events(page)).filter((e) => e.type === 'mesoquote:quote');
      expect(quoteEvents.map((e) => e.detail)).toEqual([{ id, url: href, validUntil: saved.validUntil }]);
      // A new choice is a new estimate: the saved link no longer describes it.
      await w.getByRole('checkbox', { name: 'Flancs' }).click();
      await page.waitForFunction(() => (document.querySelector('mesoquote-calculator') as unknown as { value?: { request: { areas: string[] } } }).value?.request.areas.length === 2);
      expect(await w.locator('.saved a').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("saves a clinic's quote with the clinic, and its printable page names the clinic, prints to one or two pages, axe clean", async () => {
    const created = (await (
      await fetch(`${api.origin}/v1/clinics`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Clinique du Parc' }) })
    ).json()) as { clinic: { id: string }; apiKey: { key: string } };
    const sheet = await fetch(`${api.origin}/v1/clinics/${created.clinic.id}/price-sheet`, { method: 'PUT', headers: { authorization: `Bearer ${created.apiKey.key}`, 'content-type': 'application/json' }, body: JSON.stringify(FRENCH_SHEET) });
    expect(sheet.status).toBe(201);
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await openWithEvents(context, { locale: 'en-GB', clinic: created.clinic.id, treatment: 'skin-rejuvenation', areas: 'face' });
      await waitForState(page, 'ready');
      await page.locator('mesoquote-calculator button[part="save"]').click();
      const link = page.locator('mesoquote-calculator .saved a');
      await link.waitFor();
      const id = new URL((await link.getAttribute('href')) as string).pathname.split('/').pop() as string;
      const saved = (await (await fetch(`${api.origin}/v1/quotes/${id}`)).json()) as { clinic: { id: string } | null };
      expect(saved.clinic?.id).toBe(created.clinic.id);

      // The printable page itself, as the patient opens it.
      const quotePage = await context.newPage();
      const violations: string[] = [];
      await quotePage.addInitScript(() => {
        const seen: string[] = [];
        (window as unknown as { cspViolations: string[] }).cspViolations = seen;
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      await quotePage.goto((await link.getAttribute('href')) as string);
      expect(await quotePage.locator('.brand').textContent()).toBe('Clinique du Parc');
      expect(await quotePage.locator('h1').textContent()).toBe('Estimate from Clinique du Parc');
      await quotePage.evaluate(AXE_SOURCE);
      const axe = await quotePage.evaluate(async () => {
        const run = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Array<{ id: string }> }> } }).axe.run;
        return (await run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations.map((v) => v.id);
      });
      expect(axe).toEqual([]);
      await quotePage.emulateMedia({ media: 'print' });
      expect(await quotePage.locator('button[data-print]').isVisible()).toBe(false);
      const pdf = await quotePage.pdf({ format: 'A4' });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(2);
      violations.push(...(await quotePage.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)));
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('tells the page about a failed save, and the patient in words', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await openWithEvents(context, { locale: 'en-US' });
      await waitForState(page, 'ready');
      await page.route(`${api.origin}/v1/quotes`, (route) =>
        route.fulfill({ status: 429, contentType: 'application/problem+json', headers: { 'access-control-allow-origin': host.origin, 'retry-after': '60' }, body: JSON.stringify({ type: '/problems/rate-limited', title: 'Too many requests', status: 429, detail: 'Quota of quotes reached for this address.' }) }),
      );
      await page.locator('mesoquote-calculator button[part="save"]').click();
      await expect.poll(() => page.locator('mesoquote-calculator .saved [role="alert"]').textContent()).toBe('Too many requests for now: please try again in a minute.');
      const errors = (await events(page)).filter((e) => e.type === 'mesoquote:error');
      expect(errors.map((e) => e.detail)).toEqual([{ kind: 'problem', status: 429, message: 'Quota of quotes reached for this address.' }]);
    } finally {
      await context.close();
    }
  });

  it('fires mesoquote:error when the estimate fails too', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        const seen: unknown[] = [];
        (window as unknown as { errors: unknown[] }).errors = seen;
        document.addEventListener('mesoquote:error', (e) => seen.push((e as CustomEvent).detail));
      });
      await page.route(`${api.origin}/v1/estimates?*`, (route) => route.fulfill({ status: 500, contentType: 'text/plain', headers: { 'access-control-allow-origin': host.origin }, body: 'boom' }));
      await page.goto(host.url({ locale: 'en-US' }));
      await waitForState(page, 'error');
      expect(await page.evaluate(() => (window as unknown as { errors: unknown[] }).errors)).toEqual([{ kind: 'problem', status: 500, message: 'The price service answered 500.' }]);
    } finally {
      await context.close();
    }
  });
});

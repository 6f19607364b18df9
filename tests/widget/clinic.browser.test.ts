// Clinic mode in a real browser: <mesoquote-calculator clinic="cl_…"> on the clinic's own page
// (its origin registered through the API with the clinic's key), priced from the clinic's stored
// price sheet; and the console error a page whose origin is not registered gets.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium, launchChromium } from '../../scripts/lib/chromium.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { startApi, startHostPage, type Api, type HostPage } from '../../scripts/lib/widget-harness.js';
import { MESSAGES } from '../../src/i18n/all.js';
import { LANGUAGES } from '../../src/i18n/messages.js';
import type { Storage } from '../../src/storage/storage.js';
import { englishIn } from '../support/english-words.js';
import { ADMIN_KEY, FRENCH_SHEET, memoryStorage } from '../support/storage.js';

let storage: Storage;
let api: Api;
let host: HostPage;
let stranger: HostPage;
let browser: Browser;
let clinic: { id: string; key: string };

async function call(method: string, path: string, key: string, body?: unknown): Promise<Response> {
  return fetch(`${api.origin}${path}`, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
}

beforeAll(async () => {
  await ensureChromium((line) => console.log(line));
  storage = await memoryStorage();
  const hostPort = await freePort();
  // No CORS_ORIGINS at all: the clinic's page is allowed only by the origin it registers.
  api = await startApi([], { storage, adminApiKey: ADMIN_KEY });
  host = await startHostPage(api.origin, hostPort);
  stranger = await startHostPage(api.origin);
  await storage.ready(30_000);
  const response = await call('POST', '/v1/clinics', ADMIN_KEY, { name: 'Clinique du Parc' });
  if (response.status !== 201) throw new Error(`clinic not created: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as { clinic: { id: string }; apiKey: { key: string } };
  clinic = { id: created.clinic.id, key: created.apiKey.key };
  expect((await call('PUT', `/v1/clinics/${clinic.id}/price-sheet`, clinic.key, FRENCH_SHEET)).status).toBe(201);
  expect((await call('POST', `/v1/clinics/${clinic.id}/origins`, clinic.key, { origin: host.origin })).status).toBe(201);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await stranger?.close();
  await api?.app.close();
  await storage?.close();
});

const waitForState = (page: Page, wanted: string) =>
  page.waitForFunction((s) => (document.querySelector('mesoquote-calculator') as unknown as { state?: string } | null)?.state === s, wanted, { timeout: 15_000 });

describe('clinic mode', () => {
  it("prices from the clinic's sheet, names the clinic and its currency, and hides the fields the sheet fixes", async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(host.url({ clinic: clinic.id, treatment: 'skin-rejuvenation', areas: 'face', locale: 'en-GB', country: 'US' }));
    await waitForState(page, 'ready');

    const expected = (await (await fetch(`${api.origin}/v1/estimates?treatment=skin-rejuvenation&areas=face&clinic=${clinic.id}&package=none`)).json()) as {
      total: { typical: string };
      currency: { code: string };
    };
    expect(expected.currency.code).toBe('EUR');
    const widget = page.locator('mesoquote-calculator');
    expect(await widget.locator('[data-testid="total-typical"]').getAttribute('data-value')).toBe(expected.total.typical);
    expect(await widget.locator('[data-testid="total-typical"]').textContent()).toContain('€');
    expect(await widget.locator('[data-testid="clinic-name"]').textContent()).toBe('Clinique du Parc');
    expect(await widget.locator('[data-testid="clinic"]').textContent()).toMatch(/: these are the clinic's own prices, in Euro \(EUR\)/);

    // Country, city tier and practitioner are the sheet's: not shown, never sent (a 422 otherwise).
    await expect.poll(() => widget.getByRole('combobox', { name: 'Country' }).isVisible()).toBe(false);
    expect(await widget.getByRole('radio', { name: /^Specialist/ }).count()).toBe(0);
    const estimates = requests.filter((u) => u.includes('/v1/estimates'));
    expect(estimates.length).toBeGreaterThan(0);
    for (const u of estimates) {
      const q = new URL(u).searchParams;
      expect(q.get('clinic')).toBe(clinic.id);
      for (const fixed of ['country', 'cityTier', 'practitioner', 'currency']) expect(q.has(fixed), `${fixed} in ${u}`).toBe(false);
    }
    await widget.screenshot({ path: 'test-artifacts/widget-clinic.png' }).catch(() => undefined);

    // The offers carry no catalog figures ("12 % off"): the clinic's sheet sets its own terms.
    expect(await widget.locator('#package option').allTextContents()).toEqual(['Pay per session', 'Prepaid course', 'Buy sessions, get some free', 'New-patient offer']);
    // The patient's own choices still price: the prepaid course on the clinic's terms (10 % off).
    await widget.getByRole('combobox', { name: 'Package or offer' }).selectOption('prepaid-course');
    await page.waitForFunction(() => {
      const el = document.querySelector('mesoquote-calculator') as unknown as { state: string; value?: { request: { package: { kind: string } } } };
      return el.state === 'ready' && el.value?.request.package.kind === 'prepaid-course';
    });
    expect(await widget.locator('[data-testid="clinic-name"]').textContent()).toBe('Clinique du Parc');
    expect(await page.evaluate(() => (document.querySelector('mesoquote-calculator') as unknown as { value: { request: { package: { discountPercent?: string } } } }).value.request.package.discountPercent)).toBe('10');
    await context.close();
  });

  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${language}: the clinic's own price, its market fallback and its price list are all in ${language}`, async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 1000 }, locale: 'en-US' });
      try {
        const page = await context.newPage();
        // Skin rejuvenation is on the sheet (the clinic's price, its sessions and its prepaid terms);
        // fat reduction is not (the market price near the clinic).
        for (const [treatment, areas] of [['skin-rejuvenation', 'face'], ['fat-reduction', 'abdomen']] as const) {
          await page.goto(host.url({ clinic: clinic.id, treatment, areas, package: 'prepaid-course', locale: language }));
          await waitForState(page, 'ready');
          const widget = page.locator('mesoquote-calculator');
          for (const summary of await widget.locator('details summary').all()) await summary.click();
          const text = await page.evaluate(() => document.querySelector('mesoquote-calculator')?.shadowRoot?.querySelector('.mq')?.textContent ?? '');
          expect(text).toContain(MESSAGES[language].title as string);
          expect(text, `${treatment}: no machine words`).not.toMatch(/seed|sheet|version \d|README|\{[a-z]+\}/i);
          expect(englishIn(text, language), `${treatment}: English words in the ${language} clinic interface`).toEqual([]);
          // The market model's notes describe the market, not a price the clinic set itself.
          const model = MESSAGES[language].noteMarketModel as string;
          const longestFixedPart = model.split(/\{\w+\}/).sort((a, b) => b.length - a.length)[0] as string;
          expect(text.includes(longestFixedPart)).toBe(treatment === 'fat-reduction');
          // The clinic's price list is named, without a link to a page the API does not serve.
          const sheet = widget.locator('ul.sources li', { hasText: 'Clinique du Parc' });
          expect(await sheet.count(), treatment).toBe(1);
          expect(await sheet.locator('a').count()).toBe(0);
        }
      } finally {
        await context.close();
      }
    }, 60_000);
  }

  it('on a page whose origin the clinic has not registered: a console error saying what to register, and no useless Try again', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(stranger.url({ clinic: clinic.id, treatment: 'skin-rejuvenation' }));
    await waitForState(page, 'error');
    const alert = page.locator('mesoquote-calculator [role="alert"]');
    expect(await alert.textContent()).toContain(`does not accept requests from this site (${stranger.origin})`);
    expect(await alert.getByRole('button').count()).toBe(0);
    // The catalog is the first call, and it names no clinic: the hint is the general one.
    await expect.poll(() => errors.find((e) => e.startsWith('<mesoquote-calculator>'))).toContain(stranger.origin);
    const hint = errors.find((e) => e.startsWith('<mesoquote-calculator>'))!;
    expect(hint).toContain(`${api.origin}/v1/clinics/`);

    // Registered, a reload works.
    expect((await call('POST', `/v1/clinics/${clinic.id}/origins`, clinic.key, { origin: stranger.origin })).status).toBe(201);
    await page.reload();
    await waitForState(page, 'ready');
    await context.close();
  });
});

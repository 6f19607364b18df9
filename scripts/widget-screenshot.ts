// The pictures of the calculator that the README and docs/calculator.md show, taken from the API's
// demo page in headless Chromium (the element alone, or the phone's whole screen):
//   docs/calculator-desktop.png  market prices, desktop width, in English
//   docs/calculator-phone.png    the same on a phone, after the patient changed a field near the top
//   docs/calculator-clinic.png   clinic mode: a clinic's own price sheet, its name and currency
//   docs/calculator-fr.png       the interface in French
//
//   npm run widget:screenshot
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openPglite } from '../src/storage/database.js';
import { createStorage } from '../src/storage/storage.js';
import { launchChromium } from './lib/chromium.js';
import { startApi } from './lib/widget-harness.js';

const DOCS = join(import.meta.dirname, '..', 'docs');
const ADMIN_KEY = `screenshot-admin-${'0'.repeat(32)}`;
/** The element's state is `ready`: a function, as the demo page's CSP refuses evaluating strings. */
const ready = (page: Page): Promise<unknown> =>
  page.waitForFunction(
    // Typed loosely: this file is type-checked without the DOM library.
    () => (globalThis as unknown as { document: { querySelector(s: string): { state?: string } | null } }).document.querySelector('mesoquote-calculator')?.state === 'ready',
    null,
    { timeout: 15_000 },
  );

/** A Paris clinic's sheet for the clinic-mode picture: its own prices for two treatments, in euros. */
const CLINIC_SHEET = {
  country: 'FR',
  cityTier: 'major-metro',
  practitioner: 'physician',
  currency: 'EUR',
  treatments: {
    'skin-rejuvenation': { perSession: '180.00', areas: { neck: '120.00' }, sessions: { min: 3, typical: 4, max: 6 } },
    'hair-restoration': { perSession: '220.00', sessions: { min: 4, typical: 6, max: 10 } },
  },
  packages: { 'prepaid-course': { discountPercent: '10' } },
};

execFileSync('npm', ['run', '--silent', 'build:widget'], { stdio: 'inherit' });
const storage = createStorage({ kind: 'pglite', open: () => openPglite('memory'), retryMs: 1_000 });
await storage.ready(60_000);
const api = await startApi([], { storage, adminApiKey: ADMIN_KEY });
let browser: Browser | undefined;
try {
  const clinicId = await createClinic(api.origin);
  browser = await launchChromium();
  const demo = (preset: Record<string, string>): string => `${api.origin}/widget?${new URLSearchParams(preset).toString()}`;

  const desktop = await open(browser, { width: 1100, height: 900 }, demo({ treatment: 'fat-reduction', areas: 'abdomen,flanks', country: 'US', 'city-tier': 'major-metro', package: 'prepaid-course', locale: 'en-US' }));
  await shoot(desktop, 'calculator-desktop.png');

  // The phone after the patient picked another country: the result must still be in sight.
  const phone = await open(browser, { width: 390, height: 844 }, demo({ treatment: 'skin-rejuvenation', country: 'GB', locale: 'en-GB' }), 2);
  await phone.locator('mesoquote-calculator').locator('#treatment').selectOption('hair-restoration');
  await ready(phone);
  // Half-way down the form, where the patient is: the summary bar keeps the result in sight.
  await phone.locator('mesoquote-calculator #country').scrollIntoViewIfNeeded();
  await phone.mouse.wheel(0, 300);
  await phone.screenshot({ path: join(DOCS, 'calculator-phone.png') });
  console.log('wrote docs/calculator-phone.png');

  const clinic = await open(browser, { width: 1100, height: 900 }, demo({ clinic: clinicId, treatment: 'skin-rejuvenation', areas: 'face,neck', package: 'prepaid-course', locale: 'en-GB' }));
  await shoot(clinic, 'calculator-clinic.png');

  const french = await open(browser, { width: 1100, height: 900 }, demo({ treatment: 'fat-reduction', areas: 'abdomen,flanks', country: 'FR', 'city-tier': 'major-metro', locale: 'fr-FR' }));
  await shoot(french, 'calculator-fr.png');
} finally {
  await browser?.close();
  await api.app.close();
  await storage.close();
}

async function createClinic(origin: string): Promise<string> {
  const call = async (method: string, path: string, key: string, body: unknown): Promise<Response> =>
    fetch(`${origin}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const created = await call('POST', '/v1/clinics', ADMIN_KEY, { name: 'Clinique du Parc' });
  if (created.status !== 201) throw new Error(`clinic not created: ${created.status} ${await created.text()}`);
  const { clinic, apiKey } = (await created.json()) as { clinic: { id: string }; apiKey: { key: string } };
  const sheet = await call('PUT', `/v1/clinics/${clinic.id}/price-sheet`, apiKey.key, CLINIC_SHEET);
  if (sheet.status !== 201) throw new Error(`price sheet refused: ${sheet.status} ${await sheet.text()}`);
  return clinic.id;
}

async function open(browser: Browser, viewport: { width: number; height: number }, url: string, deviceScaleFactor = 1): Promise<Page> {
  const context = await browser.newContext({ viewport, deviceScaleFactor });
  const page = await context.newPage();
  await page.goto(url);
  await ready(page);
  return page;
}

async function shoot(page: Page, file: string): Promise<void> {
  // The demo page's address cannot carry a URL: the booking link is set as a clinic's page would.
  await page.locator('mesoquote-calculator').evaluate((el) => el.setAttribute('cta-href', 'https://www.example-clinic.com/book'));
  await page.locator('mesoquote-calculator a.cta').waitFor();
  await page.locator('mesoquote-calculator').screenshot({ path: join(DOCS, file) });
  console.log(`wrote docs/${file}`);
}

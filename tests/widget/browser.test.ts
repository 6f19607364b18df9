// <mesoquote-calculator> in a real browser (Debian's Chromium through playwright-core), embedded in
// a clinic page on another origin than the API, under a strict Content-Security-Policy and a
// hostile stylesheet. Operated by mouse and by keyboard; every figure shown must equal the API's
// own answer for the same request. axe-core checks accessibility; screenshots go to test-artifacts/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium, launchChromium } from '../../scripts/lib/chromium.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { startApi, startHostPage, type Api, type HostPage } from '../../scripts/lib/widget-harness.js';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TEST_IDS = ['total-low', 'total-typical', 'total-high', 'per-session-typical', 'sessions-typical'] as const;
type Figures = Record<(typeof TEST_IDS)[number], string | null>;
type Query = Record<string, string>;

let api: Api;
let host: HostPage;
/** A page on an origin the API does not list. */
let stranger: HostPage;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  // Installing Chromium with apt-get takes about a minute on a fresh machine.
  await ensureChromium((line) => console.log(line));
  const hostPort = await freePort();
  api = await startApi([`http://127.0.0.1:${hostPort}`]);
  host = await startHostPage(api.origin, hostPort);
  stranger = await startHostPage(api.origin);
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await stranger?.close();
  await api?.app.close();
});

/** A fresh context and page, recording CSP violations and script errors from the first byte. */
async function open(url: string): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { scriptErrors: string[] }).scriptErrors = errors;
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(url);
  return page;
}

/** Opens the host page with the API refusing every estimate with its own problem (the widget itself never sends a bad request). */
async function openRefused(): Promise<{ page: Page; problem: { detail: string }; status: number; warnings: string[] }> {
  const refused = await fetch(`${api.origin}/v1/estimates?treatment=skin-rejuvenation&currency=XXX`);
  const problem = (await refused.json()) as { detail: string };
  const page = await open('about:blank');
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  await page.route(`${api.origin}/v1/estimates?*`, (route) =>
    route.fulfill({ status: refused.status, contentType: 'application/problem+json', headers: { 'access-control-allow-origin': host.origin }, body: JSON.stringify(problem) }),
  );
  await page.goto(host.url({ locale: 'en-US' }));
  return { page, problem, status: refused.status, warnings };
}

async function close(page: Page): Promise<void> {
  const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  expect(violations, 'Content-Security-Policy violations').toEqual([]);
  expect((page as Page & { scriptErrors: string[] }).scriptErrors, 'uncaught script errors').toEqual([]);
  await context.close();
}

const state = (page: Page): Promise<string> => page.evaluate(() => (document.querySelector('mesoquote-calculator') as unknown as { state: string }).state);

async function waitForState(page: Page, wanted: string): Promise<void> {
  await page.waitForFunction((s) => (document.querySelector('mesoquote-calculator') as unknown as { state?: string } | null)?.state === s, wanted, { timeout: 15_000 });
}

/** The data-value of each figure on show (null when absent). */
function shownFigures(page: Page): Promise<Figures> {
  return page.evaluate((ids) => {
    const root = document.querySelector('mesoquote-calculator')?.shadowRoot;
    return Object.fromEntries(ids.map((id) => [id, root?.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') ?? null])) as Figures;
  }, [...TEST_IDS]);
}

function shownText(page: Page, testId: string): Promise<string> {
  return page.evaluate((id) => document.querySelector('mesoquote-calculator')?.shadowRoot?.querySelector(`[data-testid="${id}"]`)?.textContent ?? '', testId);
}

interface ApiEstimate {
  request: Record<string, unknown>;
  total: { low: string; typical: string; high: string };
  perSession: { typical: string };
  sessions: { typical: number };
  currency: { code: string; minorUnits: number };
}

/** The API's answer to the same request, asked directly (not through the browser). */
async function apiEstimate(query: Query): Promise<ApiEstimate> {
  const response = await fetch(`${api.origin}/v1/estimates?${new URLSearchParams(query).toString()}`);
  expect(response.status).toBe(200);
  return (await response.json()) as ApiEstimate;
}

function figuresOf(e: ApiEstimate): Figures {
  return {
    'total-low': e.total.low,
    'total-typical': e.total.typical,
    'total-high': e.total.high,
    'per-session-typical': e.perSession.typical,
    'sessions-typical': String(e.sessions.typical),
  };
}

/** Waits until the widget shows exactly the API's figures for `query`, and priced that very request. */
async function expectApiFigures(page: Page, query: Query): Promise<ApiEstimate> {
  const expected = await apiEstimate(query);
  await expect.poll(() => shownFigures(page), { timeout: 15_000 }).toEqual(figuresOf(expected));
  expect(await state(page)).toBe('ready');
  const priced = await page.evaluate(() => (document.querySelector('mesoquote-calculator') as unknown as { value: { request: unknown } }).value.request);
  expect(priced).toEqual(expected.request);
  return expected;
}

const spaces = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, ' ');

/** What the focused element inside the widget is, and whether its focus ring shows. */
function focused(page: Page): Promise<{ id: string; tag: string; type: string; name: string; ring: boolean } | null> {
  return page.evaluate(() => {
    const el = document.querySelector('mesoquote-calculator')?.shadowRoot?.activeElement as HTMLInputElement | null | undefined;
    if (!el) return null;
    const style = getComputedStyle(el);
    const ring = el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    return { id: el.id, tag: el.tagName.toLowerCase(), type: el.type ?? '', name: el.name ?? '', ring };
  });
}

/** Presses Tab until `match` holds for the focused element, checking a visible focus ring at every stop. */
async function tabTo(page: Page, match: (f: NonNullable<Awaited<ReturnType<typeof focused>>>) => boolean): Promise<void> {
  for (let i = 0; i < 25; i += 1) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f) expect(f.ring, `focus ring on ${f.tag}#${f.id}${f.name ? `[name=${f.name}]` : ''}`).toBe(true);
    if (f && match(f)) return;
  }
  throw new Error('Tab never reached the wanted control');
}

async function axe(page: Page, name: string): Promise<Array<{ id: string; impact: string; help: string; nodes: number }>> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: unknown[] }>; passes: unknown[] }> } }).axe.run;
    const r = await run({ include: [['mesoquote-calculator']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return { passes: r.passes.map((p) => (p as { id: string }).id), violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length })) };
  });
  writeFileSync(join(ARTIFACTS, `axe-${name}.json`), JSON.stringify(result, null, 2));
  // Proof that axe looked inside the shadow root: these rules only pass on the widget's own content.
  expect(result.passes).toEqual(expect.arrayContaining(['color-contrast', 'label', 'aria-allowed-attr']));
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const BASE: Query = { cityTier: 'city', practitioner: 'physician', package: 'none' };

describe('<mesoquote-calculator> on a clinic page of another origin, in Chromium', () => {
  it('prices the preset attributes and shows the API\'s figures, formatted for the locale', async () => {
    const page = await open(host.url({ treatment: 'fat-reduction', areas: 'abdomen,thighs', country: 'FR', package: 'prepaid-course', locale: 'fr-FR' }));
    const expected = await expectApiFigures(page, { ...BASE, treatment: 'fat-reduction', areas: 'abdomen,thighs', country: 'FR', package: 'prepaid-course' });
    const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });
    expect(spaces(await shownText(page, 'total-typical'))).toBe(spaces(euros.format(expected.total.typical as `${number}`)));
    const root = page.locator('mesoquote-calculator');
    // fr-FR speaks French: the chart's text alternative, the steps and the disclaimer.
    await expect.poll(() => root.getByRole('img').getAttribute('aria-label')).toMatch(/^Coût total de la cure de .+, le plus probablement de .+ à .+, habituellement .+\.$/);
    expect((await root.locator('.adjustments li').allTextContents()).map(spaces)).toContain('France : niveau des prix environ 23 % plus bas qu’aux États-Unis.');
    expect(await root.getByText(/consultation avec un praticien qualifié/).count()).toBe(1);
    await root.screenshot({ path: join(ARTIFACTS, 'widget-preset-fr.png') });
    await close(page);
  });

  it('is operated by mouse: areas, tiers, a typed-ahead country, sessions and a package', async () => {
    const page = await open(host.url({ locale: 'de-DE' }));
    await expectApiFigures(page, { ...BASE, treatment: 'skin-rejuvenation', areas: 'face', country: 'US' });
    const w = page.locator('mesoquote-calculator');

    // de-DE speaks German: every label below is the German one.
    await w.locator('#treatment').selectOption('fat-reduction');
    await w.getByRole('checkbox', { name: 'Flanken' }).click();
    await w.getByRole('radio', { name: /^Großstadt/ }).click();
    await w.getByRole('radio', { name: /^Fachärztin oder Facharzt/ }).click();
    await expectApiFigures(page, { ...BASE, treatment: 'fat-reduction', areas: 'abdomen,flanks', country: 'US', cityTier: 'major-metro', practitioner: 'specialist' });

    // Country names are the locale's own: "Deutschland" in German.
    await w.getByRole('combobox', { name: 'Land' }).click();
    await w.getByRole('combobox', { name: 'Land' }).fill('deut');
    await w.getByRole('option', { name: 'Deutschland' }).click();
    await w.getByRole('textbox', { name: /Anzahl der Sitzungen/ }).fill('7');
    await w.locator('#package').selectOption('buy-n-get-m');
    const query = { treatment: 'fat-reduction', areas: 'abdomen,flanks', country: 'DE', cityTier: 'major-metro', practitioner: 'specialist', sessions: '7', package: 'buy-n-get-m' };
    const expected = await expectApiFigures(page, query);
    const euros = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });
    expect(spaces(await shownText(page, 'per-session-typical'))).toBe(spaces(euros.format(expected.perSession.typical as `${number}`)));

    await w.getByText(/^Quellen \(\d+\)$/).click();
    expect(await w.locator('details[data-section="sources"]').getAttribute('open')).toBe('');
    await w.screenshot({ path: join(ARTIFACTS, 'widget-mouse-de.png') });
    await close(page);
  });

  it('is operated by keyboard alone, with a visible focus ring on every stop', async () => {
    const page = await open(host.url({ locale: 'en-US' }));
    await expectApiFigures(page, { ...BASE, treatment: 'skin-rejuvenation', areas: 'face', country: 'US' });

    await tabTo(page, (f) => f.id === 'treatment');
    await page.keyboard.press('ArrowDown'); // skin rejuvenation -> fat reduction
    await expectApiFigures(page, { ...BASE, treatment: 'fat-reduction', areas: 'abdomen', country: 'US' });

    await tabTo(page, (f) => f.type === 'checkbox');
    await page.keyboard.press('Tab'); // abdomen -> flanks
    await page.keyboard.press('Space');
    await expectApiFigures(page, { ...BASE, treatment: 'fat-reduction', areas: 'abdomen,flanks', country: 'US' });

    await tabTo(page, (f) => f.id === 'country');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('jap');
    expect(await page.locator('mesoquote-calculator').getByRole('combobox', { name: 'Country' }).getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');

    await tabTo(page, (f) => f.name === 'city-tier');
    await page.keyboard.press('ArrowDown'); // national average -> small town
    await tabTo(page, (f) => f.name === 'practitioner');
    await page.keyboard.press('ArrowUp'); // physician -> non-physician
    await tabTo(page, (f) => f.id === 'sessions');
    await page.keyboard.type('6');
    await page.keyboard.press('Enter');
    await tabTo(page, (f) => f.id === 'package');
    await page.keyboard.press('ArrowDown'); // pay per session -> prepaid course
    const query = { treatment: 'fat-reduction', areas: 'abdomen,flanks', country: 'JP', cityTier: 'town', practitioner: 'non-physician', sessions: '6', package: 'prepaid-course' };
    const expected = await expectApiFigures(page, query);
    expect(expected.currency).toMatchObject({ code: 'JPY', minorUnits: 0 });
    const yen = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' });
    expect(await shownText(page, 'total-typical')).toBe(yen.format(expected.total.typical as `${number}`));

    // The results are reachable too: the explanation opens with Enter.
    await tabTo(page, (f) => f.tag === 'summary');
    await page.keyboard.press('Enter');
    expect(await page.locator('mesoquote-calculator details[data-section="explanation"]').getAttribute('open')).toBe('');

    // Escape on the combobox restores the country after a half-typed name.
    await page.locator('mesoquote-calculator').getByRole('combobox', { name: 'Country' }).focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('xyz');
    expect(await page.locator('mesoquote-calculator .hint[aria-live]').textContent()).toBe('No country matches “xyz”.');
    await page.keyboard.press('Escape');
    expect(await page.locator('mesoquote-calculator').getByRole('combobox', { name: 'Country' }).inputValue()).toBe('Japan');
    await page.locator('mesoquote-calculator').screenshot({ path: join(ARTIFACTS, 'widget-keyboard-en.png') });
    await close(page);
  });

  it('announces results in a polite live region and shows a loading state while the API answers', async () => {
    const page = await open(host.url({ locale: 'en-US' }));
    await waitForState(page, 'ready');
    const status = page.locator('mesoquote-calculator [role="status"]');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    expect(await status.textContent()).toBe('Typical course total $1,800.00: $360.00 a session × 5 sessions. Range $750.00 to $3,600.00.');

    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`${api.origin}/v1/estimates?*`, async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('mesoquote-calculator').getByRole('checkbox', { name: 'Neck' }).click();
    await waitForState(page, 'loading');
    expect(await status.textContent()).toBe('Updating the estimate…');
    expect(await page.locator('mesoquote-calculator section.results').getAttribute('aria-busy')).toBe('true');
    await page.locator('mesoquote-calculator').screenshot({ path: join(ARTIFACTS, 'widget-loading.png') });
    release();
    await expectApiFigures(page, { ...BASE, treatment: 'skin-rejuvenation', areas: 'face,neck', country: 'US' });
    expect(await page.locator('mesoquote-calculator section.results').getAttribute('aria-busy')).toBe('false');
    await close(page);
  });

  it('says when a field needs fixing instead of asking the API', async () => {
    const page = await open(host.url({ locale: 'en-US' }));
    await waitForState(page, 'ready');
    const w = page.locator('mesoquote-calculator');
    await w.getByRole('textbox', { name: /Number of sessions/ }).fill('31');
    await waitForState(page, 'invalid');
    expect(await w.locator('#sessions').getAttribute('aria-invalid')).toBe('true');
    expect(await w.locator('#sessions-error').textContent()).toBe('Enter a whole number from 1 to 30, or leave it empty.');
    expect((await shownFigures(page))['total-typical']).toBeNull();
    await w.getByRole('textbox', { name: /Number of sessions/ }).fill('');
    await w.getByRole('checkbox', { name: 'Face' }).click();
    await waitForState(page, 'invalid');
    expect(await w.locator('#areas-error').textContent()).toBe('Choose at least one area.');
    await close(page);
  });

  it('shows the API\'s problem when the API refuses the request', async () => {
    const { page, problem, status, warnings } = await openRefused();
    await waitForState(page, 'error');
    const alert = page.locator('mesoquote-calculator [role="alert"]');
    // The patient reads what happened in their words; the API's own detail goes to the developer.
    expect(await alert.textContent()).toBe(`The estimate could not be calculated. The price service could not answer this request (error ${status}).`);
    expect(warnings.some((w) => w.includes(problem.detail))).toBe(true);
    // Retrying a request the API refused would get the same answer: no retry button.
    expect(await alert.getByRole('button').count()).toBe(0);
    await page.locator('mesoquote-calculator').screenshot({ path: join(ARTIFACTS, 'widget-api-problem.png') });
    await close(page);
  });

  it('says so when the API cannot be reached, and offers to try again', async () => {
    const page = await open(host.url({ api: `http://127.0.0.1:${await freePort()}` }));
    await waitForState(page, 'error');
    const alert = page.locator('mesoquote-calculator [role="alert"]');
    expect(await alert.textContent()).toBe('The calculator could not load its treatments and countries. The price service could not be reached.Try again');
    await alert.getByRole('button', { name: 'Try again' }).click();
    await waitForState(page, 'error');
    await page.locator('mesoquote-calculator').screenshot({ path: join(ARTIFACTS, 'widget-unreachable.png') });
    // The clinic page's CSP lists only the real API in connect-src: the browser reports the calls
    // to the unlisted address, and nothing else.
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((v) => v.startsWith('connect-src http://127.0.0.1:'))).toBe(true);
    await context.close();
  });

  it('gives up on an API that does not answer after 10 seconds, and Try again then works', async () => {
    const page = await open(host.url({ locale: 'en-US' }));
    await waitForState(page, 'ready');
    await page.route(`${api.origin}/v1/estimates?*`, () => undefined); // never answered
    await page.locator('mesoquote-calculator').getByRole('checkbox', { name: 'Neck' }).click();
    await waitForState(page, 'loading');
    const started = Date.now();
    await page.waitForFunction(() => (document.querySelector('mesoquote-calculator') as unknown as { state: string }).state === 'error', undefined, { timeout: 20_000 });
    expect(Date.now() - started).toBeGreaterThan(8_000);
    const alert = page.locator('mesoquote-calculator [role="alert"]');
    expect(await alert.textContent()).toMatch(/did not answer within 10 seconds\.Try again$/);
    await page.unroute(`${api.origin}/v1/estimates?*`);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await waitForState(page, 'ready');
    await close(page);
  }, 40_000);

  it('ignores every bad attribute with one console warning naming it and what is allowed', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(host.url({ currency: 'EURO', sessions: '45', treatment: 'nope', locale: 'en-US' }));
    await waitForState(page, 'ready');
    await page.locator('mesoquote-calculator').getByRole('checkbox', { name: 'Neck' }).click();
    await waitForState(page, 'ready');
    const about = (name: string) => warnings.filter((w) => w.startsWith(`<mesoquote-calculator>: ${name}=`));
    expect(about('currency')).toHaveLength(1);
    expect(about('currency')[0]).toMatch(/currency="EURO" is not one of .*EUR.*; using the country's own currency/);
    expect(about('sessions')).toEqual(['<mesoquote-calculator>: sessions="45" is not a whole number from 1 to 30; leaving the field empty (the usual course)']);
    expect(about('treatment')).toHaveLength(1);
    const value = await page.evaluate(() => (document.querySelector('mesoquote-calculator') as unknown as { value: { currency: { code: string } } }).value.currency.code);
    expect(value).toBe('USD');
    await context.close();
  });

  it('keeps the patient\'s choices when an attribute changes', async () => {
    const page = await open(host.url({ locale: 'en-US' }));
    await waitForState(page, 'ready');
    const widget = page.locator('mesoquote-calculator');
    await widget.getByRole('checkbox', { name: 'Neck' }).click();
    await widget.getByRole('radio', { name: /^Specialist/ }).click();
    await page.waitForFunction(() => {
      const el = document.querySelector('mesoquote-calculator') as unknown as { state: string; value?: { request: { practitioner: string } } };
      return el.state === 'ready' && el.value?.request.practitioner === 'specialist';
    });
    await page.evaluate(() => document.querySelector('mesoquote-calculator')?.setAttribute('currency', 'EUR'));
    await page.waitForFunction(() => {
      const el = document.querySelector('mesoquote-calculator') as unknown as { state: string; value?: { currency: { code: string } } };
      return el.state === 'ready' && el.value?.currency.code === 'EUR';
    });
    expect(await widget.getByRole('checkbox', { name: 'Neck' }).isChecked()).toBe(true);
    expect(await widget.getByRole('radio', { name: /^Specialist/ }).isChecked()).toBe(true);
    // A change of language rebuilds the form and keeps them too.
    await page.evaluate(() => document.querySelector('mesoquote-calculator')?.setAttribute('locale', 'en-GB'));
    await waitForState(page, 'ready');
    expect(await widget.getByRole('checkbox', { name: 'Neck' }).isChecked()).toBe(true);
    expect(await widget.getByRole('radio', { name: /^Specialist/ }).isChecked()).toBe(true);
    await close(page);
  });

  it('cannot read the API from an origin that is not on the CORS allowlist, and says so', async () => {
    const page = await open(stranger.url());
    await waitForState(page, 'error');
    const alert = page.locator('mesoquote-calculator [role="alert"]');
    expect(await alert.textContent()).toContain(`does not accept requests from this site (${stranger.origin}) yet`);
    // A Try again that can never work is not offered.
    expect(await alert.getByRole('button').count()).toBe(0);
    await context.close();
  });

  it('goes offline and comes back on its own', async () => {
    const page = await open(host.url({ locale: 'en-US' }));
    await waitForState(page, 'ready');
    await context.setOffline(true);
    const alert = page.locator('mesoquote-calculator [role="alert"]');
    await expect.poll(() => alert.textContent()).toMatch(/^You are offline\. The figures shown are for your current choices/);
    await context.setOffline(false);
    await expect.poll(() => alert.textContent()).toBe('');
    await context.setOffline(true);
    await page.locator('mesoquote-calculator').getByRole('radio', { name: /^Specialist/ }).click();
    await waitForState(page, 'offline');
    expect(await alert.textContent()).toBe('You are offline. The estimate will update when the connection is back.');
    expect((await shownFigures(page))['total-typical']).toBeNull();
    await page.locator('mesoquote-calculator').screenshot({ path: join(ARTIFACTS, 'widget-offline.png') });
    await context.setOffline(false);
    await expectApiFigures(page, { ...BASE, treatment: 'skin-rejuvenation', areas: 'face', country: 'US', practitioner: 'specialist' });
    expect(await alert.textContent()).toBe('');
    await close(page);
  });

  it('keeps its styles in its shadow root: the page cannot restyle it, and it restyles nothing on the page', async () => {
    const page = await open(host.url({ locale: 'en-US' }));
    await waitForState(page, 'ready');
    const inside = await page.evaluate(() => {
      const root = document.querySelector('mesoquote-calculator')?.shadowRoot as ShadowRoot;
      const total = getComputedStyle(root.querySelector('[data-testid="total-typical"]')?.parentElement as Element);
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      return { fontSize: parseFloat(total.fontSize) / rem, color: total.color, transform: total.textTransform, select: getComputedStyle(root.querySelector('select') as Element).display };
    });
    // The host page's stylesheet asks for red uppercase serif text and hidden controls. Only the
    // root font size reaches inside, on purpose: sizes follow the reader's font (2.25rem here).
    expect(inside).toEqual({ fontSize: 2.25, color: 'rgb(27, 30, 35)', transform: 'none', select: 'block' });
    const outside = await page.evaluate(() => ({
      sheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
      styleElements: document.querySelectorAll('style, [style]').length,
      hostTotalWeight: getComputedStyle(document.querySelector('p.total') as Element).fontWeight,
    }));
    expect(outside).toEqual({ sheets: 1, adopted: 0, styleElements: 0, hostTotalWeight: '400' });
    await close(page);
  });

  it('has no serious or critical axe-core violations: with results, with the country list open, and with an error', async () => {
    const page = await open(host.url({ treatment: 'fat-reduction', areas: 'abdomen,thighs', package: 'prepaid-course', locale: 'en-US' }));
    await waitForState(page, 'ready');
    for (const summary of await page.locator('mesoquote-calculator details summary').all()) await summary.click();
    expect(await axe(page, 'results')).toEqual([]);
    await page.locator('mesoquote-calculator').getByRole('combobox', { name: 'Country' }).fill('united');
    expect(await axe(page, 'country-list')).toEqual([]);
    await page.locator('mesoquote-calculator').screenshot({ path: join(ARTIFACTS, 'widget-country-list.png') });

    // And it would notice: a control stripped of its label is a critical violation.
    await page.evaluate(() => document.querySelector('mesoquote-calculator')?.shadowRoot?.querySelector('label[for="package"]')?.remove());
    expect((await axe(page, 'control-check')).map((v) => v.id)).toContain('select-name');
    await close(page);

    const { page: failing } = await openRefused();
    await waitForState(failing, 'error');
    expect(await axe(failing, 'error')).toEqual([]);
    await close(failing);
  });

  it('runs on the API\'s own demo page under its strict Content-Security-Policy', async () => {
    const page = await open(`${api.origin}/widget?treatment=hair-restoration&country=DE&locale=de-DE`);
    await expectApiFigures(page, { ...BASE, treatment: 'hair-restoration', areas: 'scalp', country: 'DE' });
    await page.screenshot({ path: join(ARTIFACTS, 'widget-demo-page.png'), fullPage: true });
    await close(page);
  });
});

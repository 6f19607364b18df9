// The calculator in a clinic's own layouts, in Chromium: a block, a flex row and column, a grid;
// on a phone, where the result stays in sight while the patient edits the form; at the reader's
// larger font; styled through --mq-font and ::part; and with figures rounded for display only.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium, launchChromium } from '../../scripts/lib/chromium.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { startApi, startHostPage, type Api, type HostPage } from '../../scripts/lib/widget-harness.js';

let api: Api;
let host: HostPage;
let browser: Browser;

beforeAll(async () => {
  await ensureChromium((line) => console.log(line));
  const hostPort = await freePort();
  api = await startApi([`http://127.0.0.1:${hostPort}`]);
  host = await startHostPage(api.origin, hostPort);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await api?.app.close();
});

async function open(query: Record<string, string>, options: { viewport?: { width: number; height: number }; fontSize?: number } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1100, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(host.url({ locale: 'en-US', ...query }));
  await waitReady(page);
  return { page, context };
}

const waitReady = (page: Page) => page.waitForFunction(() => (document.querySelector('mesoquote-calculator') as unknown as { state?: string } | null)?.state === 'ready', undefined, { timeout: 15_000 });

function box(page: Page, selector: string): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate((s) => {
    const r = (document.querySelector(s) as Element).getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, selector);
}

describe('<mesoquote-calculator> in a clinic page layout, in Chromium', () => {
  for (const layout of ['block', 'flex-row', 'flex-column', 'grid'] as const) {
    it(`has a sensible size in a ${layout} container`, async () => {
      const { page, context } = await open(layout === 'block' ? { _style: 'plain' } : { _layout: layout });
      try {
        const element = await box(page, 'mesoquote-calculator');
        const viewport = 1100;
        // Never 0 px wide (inline-size containment without a width), never wider than the page.
        expect(element.width, `${layout} width`).toBeGreaterThan(500);
        expect(element.width).toBeLessThanOrEqual(viewport);
        // The two-column layout at this width: short enough to read without endless scrolling.
        expect(element.height, `${layout} height`).toBeLessThan(1600);
        expect(element.height).toBeGreaterThan(300);
        if (layout !== 'block') {
          const aside = await box(page, 'aside');
          expect(aside.width, 'the sidebar keeps its room').toBeGreaterThan(150);
        }
      } finally {
        await context.close();
      }
    });
  }

  it('on a phone, keeps the typical total and range in sight after a change at the top of the form', async () => {
    const { page, context } = await open({ _style: 'plain', treatment: 'skin-rejuvenation', country: 'GB' }, { viewport: { width: 390, height: 844 } });
    try {
      const w = page.locator('mesoquote-calculator');
      await w.locator('#treatment').scrollIntoViewIfNeeded();
      await w.locator('#treatment').selectOption('hair-restoration');
      await waitReady(page);
      const total = await page.evaluate(() => (document.querySelector('mesoquote-calculator') as unknown as { value: { total: { typical: string } } }).value.total.typical);
      const bar = w.locator('.summary-bar');
      expect(await bar.isVisible()).toBe(true);
      const rect = await bar.boundingBox();
      expect(rect, 'summary bar on screen').not.toBeNull();
      expect(rect!.y + rect!.height).toBeLessThanOrEqual(844 + 1);
      expect(rect!.y).toBeGreaterThanOrEqual(0);
      const shown = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2 }).format(total as `${number}`);
      expect(await bar.textContent()).toContain(shown);
      // A visual copy of the live region: hidden from screen readers so nothing is read twice.
      expect(await bar.getAttribute('aria-hidden')).toBe('true');
      await w.screenshot({ path: 'test-artifacts/widget-phone.png' });
    } finally {
      await context.close();
    }
  });

  it('shows no summary bar beside the figures on a wide screen', async () => {
    const { page, context } = await open({ _style: 'plain' });
    try {
      expect(await page.locator('mesoquote-calculator .summary-bar').isVisible()).toBe(false);
    } finally {
      await context.close();
    }
  });

  it("scales with the reader's font size", async () => {
    const size = async (rootPx: number): Promise<number> => {
      const { page, context } = await open({ _style: 'plain' });
      try {
        await page.evaluate((px) => (document.documentElement.style.fontSize = `${px}px`), rootPx);
        return await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('mesoquote-calculator')?.shadowRoot?.querySelector('label') as Element).fontSize));
      } finally {
        await context.close();
      }
    };
    const normal = await size(16);
    const large = await size(24);
    expect(large / normal).toBeCloseTo(1.5, 2);
  });

  it('keeps the explanation collapsed until the patient opens it, and open across a new estimate', async () => {
    const { page, context } = await open({ _style: 'plain' });
    try {
      const w = page.locator('mesoquote-calculator');
      for (const section of ['explanation', 'notes', 'sources']) expect(await w.locator(`details[data-section="${section}"]`).getAttribute('open'), section).toBeNull();
      expect(await w.locator('.adjustments').isVisible()).toBe(false);
      await w.locator('details[data-section="explanation"] summary').click();
      expect(await w.locator('.adjustments').isVisible()).toBe(true);
      await w.getByRole('checkbox', { name: 'Neck' }).click();
      await page.waitForFunction(() => (document.querySelector('mesoquote-calculator') as unknown as { state: string; value?: { request: { areas: string[] } } }).value?.request.areas.includes('neck') === true);
      expect(await w.locator('details[data-section="explanation"]').getAttribute('open')).toBe('');
      expect(await w.locator('details[data-section="sources"]').getAttribute('open')).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('takes the clinic\'s font through --mq-font and its styles through ::part', async () => {
    const { page, context } = await open({ _style: 'brand' });
    try {
      const styles = await page.evaluate(() => {
        const root = document.querySelector('mesoquote-calculator')?.shadowRoot as ShadowRoot;
        return { font: getComputedStyle(root.querySelector('.mq') as Element).fontFamily, total: getComputedStyle(root.querySelector('[part="total"]') as Element).color };
      });
      expect(styles.font).toContain('Georgia');
      expect(styles.total).toBe('rgb(150, 0, 80)');
    } finally {
      await context.close();
    }
  });

  it('rounds the figures it shows when asked (rounding="10"), keeping the exact values in data-value', async () => {
    const { page, context } = await open({ _style: 'plain', rounding: '10' });
    try {
      const w = page.locator('mesoquote-calculator');
      const exact = await page.evaluate(() => (document.querySelector('mesoquote-calculator') as unknown as { value: { total: { low: string; typical: string; high: string } } }).value.total);
      const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
      const low = Math.floor(Number(exact.low) / 10) * 10;
      const high = Math.ceil(Number(exact.high) / 10) * 10;
      expect(await w.locator('[data-testid="total-low"]').textContent()).toBe(dollars.format(low));
      expect(await w.locator('[data-testid="total-high"]').textContent()).toBe(dollars.format(high));
      expect(await w.locator('[data-testid="total-typical"]').getAttribute('data-value')).toBe(exact.typical);
      expect(await w.locator('.rounded').textContent()).toBe('Figures rounded to the nearest $10.');
    } finally {
      await context.close();
    }
  });
});

// The README's picture of the calculator: the API's demo page in headless Chromium, the widget
// element alone, written to docs/widget.png.
//
//   npm run widget:screenshot
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launchChromium } from './lib/chromium.js';
import { startApi } from './lib/widget-harness.js';

const OUT = join(import.meta.dirname, '..', 'docs', 'widget.png');
const PRESET = { treatment: 'fat-reduction', areas: 'abdomen,flanks', country: 'FR', 'city-tier': 'major-metro', package: 'prepaid-course', locale: 'en-GB' };

execFileSync('npm', ['run', '--silent', 'build:widget'], { stdio: 'inherit' });
const api = await startApi([]);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  await page.goto(`${api.origin}/widget?${new URLSearchParams(PRESET).toString()}`);
  // A string expression: this file is type-checked without the DOM library.
  await page.waitForFunction("document.querySelector('mesoquote-calculator')?.state === 'ready'", null, { timeout: 15_000 });
  await page.locator('mesoquote-calculator').screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await api.app.close();
}

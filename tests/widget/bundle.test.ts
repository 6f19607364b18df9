// The built bundle (dist/widget/widget.js, built by the test set-up from src/widget/): one file,
// within its 30 KB gzip budget, and nothing in it that a strict Content-Security-Policy blocks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { widgetBundlePath } from '../../src/http/widget-page.js';
import { languageSizes, WIDGET_BUDGET_GZIP_BYTES } from '../../scripts/widget-size.js';

const bundle = readFileSync(widgetBundlePath());
const text = bundle.toString('utf8');

describe('dist/widget/widget.js', () => {
  it(`is at most ${WIDGET_BUDGET_GZIP_BYTES / 1024} KB gzipped in any one language, its text fetched included`, () => {
    const gzip = gzipSync(bundle, { level: 9 }).length;
    for (const [language, text] of Object.entries(languageSizes())) expect(gzip + text, language).toBeLessThanOrEqual(WIDGET_BUDGET_GZIP_BYTES);
  });

  it('has the size docs/calculator.md quotes (npm run widget:size; update it when the widget changes)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'calculator.md'), 'utf8');
    const quoted = /`dist\/widget\/widget\.js` at ([\d,]+) bytes, \*\*([\d,]+) bytes\s+gzipped/.exec(readme);
    expect(quoted, 'docs/calculator.md states the bundle size').not.toBeNull();
    const bytes = (s: string | undefined): number => Number((s ?? '').replace(/,/g, ''));
    expect({ raw: bytes(quoted?.[1]), gzip: bytes(quoted?.[2]) }).toEqual({ raw: bundle.length, gzip: gzipSync(bundle, { level: 9 }).length });
  });

  it('is one self-contained classic script: no imports, no other files, no source map', () => {
    expect(text).not.toMatch(/\bimport\s*\(|^\s*import\s|\brequire\(|sourceMappingURL/m);
  });

  it('uses no eval, no Function constructor, no string timers and no HTML parsing sinks', () => {
    expect(text).not.toMatch(/\beval\(|new Function\(|\bFunction\(|setTimeout\(\s*["'`]|setInterval\(\s*["'`]/);
    expect(text).not.toMatch(/\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write/);
  });

  it('creates no <style> element and sets no style attribute: styles go through adoptedStyleSheets', () => {
    expect(text).toContain('adoptedStyleSheets');
    expect(text).not.toMatch(/createElement\(\s*["']style["']|setAttribute\(\s*["']style["']|\.style\.cssText/);
  });
});

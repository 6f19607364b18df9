// Builds the widget and reports what one page view downloads against the budget: raw and gzip -9
// bytes of dist/widget/widget.js (GET /widget.js, English built in), and of each other language's
// text (GET /widget/i18n/{language}.json) that a page in that language fetches besides.
//
//   npm run widget:size
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { widgetBundlePath } from '../src/http/widget-page.js';
import { MESSAGES } from '../src/i18n/all.js';
import { LANGUAGES, type Language } from '../src/i18n/messages.js';

/** The issue's budget: 30 KB gzipped for the bundle in one language. */
export const WIDGET_BUDGET_GZIP_BYTES = 30 * 1024;

export function widgetSize(): { raw: number; gzip: number } {
  const bundle = readFileSync(widgetBundlePath());
  return { raw: bundle.length, gzip: gzipSync(bundle, { level: 9 }).length };
}

/** Gzipped bytes of each language's text as the API serves it (English needs none: it is in the bundle). */
export function languageSizes(): Record<Language, number> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, l === 'en' ? 0 : gzipSync(JSON.stringify(MESSAGES[l]), { level: 9 }).length])) as Record<Language, number>;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  execFileSync('npm', ['run', '--silent', 'build:widget'], { stdio: 'inherit' });
  const { raw, gzip } = widgetSize();
  const kb = (n: number): string => (n / 1024).toFixed(1);
  console.log(`dist/widget/widget.js: ${raw} bytes (${kb(raw)} KB), ${gzip} bytes gzipped (${kb(gzip)} KB)`);
  let worst = 0;
  for (const [language, bytes] of Object.entries(languageSizes())) {
    worst = Math.max(worst, gzip + bytes);
    console.log(`  in ${language}: ${gzip + bytes} bytes gzipped (${kb(gzip + bytes)} KB) of a ${kb(WIDGET_BUDGET_GZIP_BYTES)} KB budget: ${((100 * (gzip + bytes)) / WIDGET_BUDGET_GZIP_BYTES).toFixed(0)}%${bytes ? ` (${bytes} bytes of /widget/i18n/${language}.json)` : ''}`);
  }
  process.exitCode = worst <= WIDGET_BUDGET_GZIP_BYTES ? 0 : 1;
}

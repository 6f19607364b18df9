// Builds the widget and reports its size against the budget: raw bytes and gzip -9 bytes of
// dist/widget/widget.js, the file GET /widget.js serves.
//
//   npm run widget:size
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { widgetBundlePath } from '../src/http/widget-page.js';

/** The budget: 30 KB gzipped. */
export const WIDGET_BUDGET_GZIP_BYTES = 30 * 1024;

export function widgetSize(): { raw: number; gzip: number } {
  const bundle = readFileSync(widgetBundlePath());
  return { raw: bundle.length, gzip: gzipSync(bundle, { level: 9 }).length };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  execFileSync('npm', ['run', '--silent', 'build:widget'], { stdio: 'inherit' });
  const { raw, gzip } = widgetSize();
  const kb = (n: number): string => (n / 1024).toFixed(1);
  console.log(`dist/widget/widget.js: ${raw} bytes (${kb(raw)} KB), ${gzip} bytes gzipped (${kb(gzip)} KB) of a ${kb(WIDGET_BUDGET_GZIP_BYTES)} KB budget: ${((100 * gzip) / WIDGET_BUDGET_GZIP_BYTES).toFixed(0)}%`);
  process.exitCode = gzip <= WIDGET_BUDGET_GZIP_BYTES ? 0 : 1;
}

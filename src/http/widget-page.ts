// What GET /widget.js and GET /widget serve: the built calculator bundle (esbuild writes it to
// dist/widget/widget.js from src/widget/), and a demo page that embeds it the way a clinic's site
// would. The page has no inline script, no inline style and no style attribute, so it runs under
// a Content-Security-Policy without 'unsafe-inline' or 'unsafe-eval'.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config.js';
import { ATTRIBUTES, type Attribute } from '../widget/attributes.js';

/** Where `npm run build:widget` writes the bundle. */
export function widgetBundlePath(): string {
  return join(packageRoot(), 'dist', 'widget', 'widget.js');
}

export interface WidgetBundle {
  readonly body: Buffer;
  /** A strong entity tag: a hash of the bytes. */
  readonly etag: string;
}

/** The bundle at `path`, or undefined when it has not been built. */
export function readWidgetBundle(path: string): WidgetBundle | undefined {
  let body: Buffer;
  try {
    body = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
}

/**
 * The demo page's own policy: scripts, styles and connections from this origin only, nothing
 * inline, no eval, and DOM sinks closed by Trusted Types. The widget runs under it unchanged.
 */
export const DEMO_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

/** The widget's attributes a demo page URL may preset, e.g. /widget?country=DE&locale=de-DE: all but the API's address. */
export type DemoAttribute = Exclude<Attribute, 'api'>;
export const DEMO_ATTRIBUTES = ATTRIBUTES.filter((name): name is DemoAttribute => name !== 'api');

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** The demo page; `origin` is where this service answers (for the snippet shown on the page). */
export function demoPage(origin: string, attributes: Partial<Record<DemoAttribute, string>>): string {
  const attrs = DEMO_ATTRIBUTES.filter((name) => attributes[name] !== undefined)
    .map((name) => ` ${name}="${escapeHtml(attributes[name] ?? '')}"`)
    .join('');
  const snippet = `<script src="${origin}/widget.js" defer></script>\n<mesoquote-calculator api="${origin}"${attrs}></mesoquote-calculator>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mesotherapy price calculator · mesoquote</title>
<link rel="stylesheet" href="/widget/demo.css">
<script src="/widget.js" defer></script>
</head>
<body>
<main>
<h1>Mesotherapy price calculator</h1>
<p>This page embeds the mesoquote calculator the way a clinic's website would: one script and one element. Preset any attribute in this page's address, for example <a href="/widget?treatment=hair-restoration&amp;country=DE&amp;locale=de-DE">/widget?treatment=hair-restoration&amp;country=DE&amp;locale=de-DE</a>.</p>
<mesoquote-calculator${attrs}></mesoquote-calculator>
<h2>Embed it on your site</h2>
<pre><code>${escapeHtml(snippet)}</code></pre>
<p>Your site's origin must be on the service's <code>CORS_ORIGINS</code> list. The calculator needs no inline script or style: a Content-Security-Policy with <code>script-src</code> and <code>connect-src</code> allowing <code>${escapeHtml(origin)}</code> is enough.</p>
</main>
</body>
</html>
`;
}

export const DEMO_CSS = `html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #f4f5f7; line-height: 1.5; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.75rem; margin: 0 0 0.5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
a { color: #0a4f96; }
pre { background: #fff; border: 1px solid #c9ced6; border-radius: 6px; padding: 0.75rem; overflow-x: auto; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.875rem; }
mesoquote-calculator { display: block; margin-top: 1rem; }
`;

// Serves the calculator the way a clinic would embed it, for the browser test and the README
// screenshot: the API on one origin (with the page's origin on its CORS allowlist) and a clinic
// page on another, sent with a strict Content-Security-Policy (no inline script or style, no eval,
// Trusted Types required) and a stylesheet that tries hard to restyle everything it can reach.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { loadData } from '../../src/data/load.js';
import { buildApp } from '../../src/http/app.js';
import type { Storage } from '../../src/storage/storage.js';
import { escapeHtml } from '../../src/http/widget-page.js';
import { freePort } from './free-port.js';

/** CSS of a careless host page: large red serif text everywhere, form controls hidden. */
export const HOSTILE_CSS = `html { font: 40px/3 Georgia, serif; color: #c00; letter-spacing: 2px; text-transform: uppercase; }
* { color: #c00 !important; font-size: 30px !important; }
button, select, input, svg { display: none !important; }
h2, h3, p, li { background: #ff0 !important; margin: 3em !important; }
mesoquote-calculator { font-family: serif; line-height: 3; word-spacing: 1em; }
`;

/** A clinic's own layouts around the element (page option `_layout`), each with a sidebar beside it. */
export const LAYOUT_CSS = `body { margin: 0; padding: 1rem; font-family: sans-serif; }
.flex-row { display: flex; gap: 1rem; align-items: flex-start; }
.flex-column { display: flex; flex-direction: column; gap: 1rem; }
.grid { display: grid; grid-template-columns: 1fr 16rem; gap: 1rem; }
aside { min-width: 12rem; }
`;

/** A clinic's brand (page option `_style=brand`): its font through --mq-font and ::part hooks. */
export const BRAND_CSS = `mesoquote-calculator { --mq-font: Georgia, serif; }
mesoquote-calculator::part(total) { color: rgb(150, 0, 80); }
mesoquote-calculator::part(frame) { border-width: 3px; }
`;

export interface HostPage {
  readonly origin: string;
  readonly url: (attributes?: Record<string, string>) => string;
  readonly close: () => Promise<void>;
}

/**
 * A clinic page on its own origin embedding the widget from `apiOrigin`. Its query string becomes
 * the element's attributes: /?country=FR -> <mesoquote-calculator country="FR">.
 */
export async function startHostPage(apiOrigin: string, port?: number): Promise<HostPage> {
  const csp = [
    "default-src 'none'",
    `script-src ${apiOrigin}`,
    `connect-src ${apiOrigin}`,
    "style-src 'self'",
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://host.invalid');
    const sheets: Record<string, string> = { '/host.css': HOSTILE_CSS, '/layout.css': LAYOUT_CSS, '/brand.css': BRAND_CSS };
    const sheet = sheets[url.pathname];
    if (sheet !== undefined) {
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(sheet);
      return;
    }
    if (url.pathname !== '/') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    // Names starting with "_" shape the page itself: _layout (flex-row, flex-column, grid), _style
    // (brand), _lang (the page's lang); the rest become the element's attributes.
    const option = (name: string): string | null => url.searchParams.get(`_${name}`);
    const attributes = [...url.searchParams]
      .filter(([name]) => !name.startsWith('_'))
      .map(([name, value]) => ` ${escapeHtml(name)}="${escapeHtml(value)}"`)
      .join('');
    const layout = option('layout');
    const element = `<mesoquote-calculator${attributes}></mesoquote-calculator>`;
    const html = `<!doctype html>
<html lang="${escapeHtml(option('lang') ?? 'en')}">
<head>
<meta charset="utf-8">
<title>Example Clinic: prices</title>
${layout || option('style') ? '<link rel="stylesheet" href="/layout.css">' : '<link rel="stylesheet" href="/host.css">'}
${option('style') === 'brand' ? '<link rel="stylesheet" href="/brand.css">' : ''}
<script src="${apiOrigin}/widget.js" defer></script>
</head>
<body>
<h1>Example Clinic</h1>
<p class="total">A paragraph of the clinic's own, with the class name the widget uses for its total.</p>
${layout ? `<div class="${escapeHtml(layout)}">${element}<aside>Opening hours and the clinic's address.</aside></div>` : element}
</body>
</html>
`;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }).end(html);
  });
  const listenPort = port ?? (await freePort());
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (attributes = {}) => `${origin}/?${new URLSearchParams(attributes).toString()}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Api {
  readonly app: FastifyInstance;
  readonly origin: string;
}

/** The real service on a free loopback port, allowing `corsOrigins`. */
export async function startApi(corsOrigins: readonly string[], extra: { storage?: Storage; adminApiKey?: string } = {}): Promise<Api> {
  const config = { ...loadConfig({}), corsOrigins, ...(extra.adminApiKey ? { adminApiKey: extra.adminApiKey } : {}) };
  const app = await buildApp({ config, data: loadData(config.dataDir), ...(extra.storage ? { storage: extra.storage } : {}) });
  await app.listen({ port: await freePort(), host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, origin: `http://127.0.0.1:${port}` };
}

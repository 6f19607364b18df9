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
    if (url.pathname === '/host.css') {
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(HOSTILE_CSS);
      return;
    }
    if (url.pathname !== '/') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const attributes = [...url.searchParams].map(([name, value]) => ` ${escapeHtml(name)}="${escapeHtml(value)}"`).join('');
    const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Example Clinic: prices</title>
<link rel="stylesheet" href="/host.css">
<script src="${apiOrigin}/widget.js" defer></script>
</head>
<body>
<h1>Example Clinic</h1>
<p class="total">A paragraph of the clinic's own, with the class name the widget uses for its total.</p>
<mesoquote-calculator${attributes}></mesoquote-calculator>
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

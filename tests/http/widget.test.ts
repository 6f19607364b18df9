// GET /widget.js, GET /widget and its stylesheet: the built bundle with caching headers that let
// other origins load it, and a demo page that a strict Content-Security-Policy allows as it is.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { DEMO_ATTRIBUTES, widgetBundlePath } from '../../src/http/widget-page.js';
import { realData, testApp, testConfig } from '../support/app.js';
import { expectProblem } from './http-helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => app.close());

describe('GET /widget.js', () => {
  it('serves the built bundle as JavaScript that other origins may load, with an ETag and Cache-Control', async () => {
    const res = await app.inject({ url: '/widget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.rawPayload.equals(readFileSync(widgetBundlePath()))).toBe(true);
    expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const first = await app.inject({ url: '/widget.js' });
    const again = await app.inject({ url: '/widget.js', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers a 503 problem, not a crash, when the bundle has not been built', async () => {
    const unbuilt = await buildApp({ config: testConfig(), data: realData(), widgetBundle: '/nonexistent/widget.js' });
    try {
      const res = await unbuilt.inject({ url: '/widget.js' });
      expect(expectProblem(res, 503, 'service-unavailable').detail).toMatch(/npm run build:widget/);
    } finally {
      await unbuilt.close();
    }
  });

  it('is not part of the API document', async () => {
    const doc = JSON.parse((await app.inject({ url: '/openapi.json' })).body) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/widget'))).toEqual([]);
  });
});

describe('GET /widget, the demo page', () => {
  it('embeds the widget by script src, with no inline script, style element or style attribute', async () => {
    const res = await app.inject({ url: '/widget' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).toContain('<script src="/widget.js" defer></script>');
    expect(html).toContain('<mesoquote-calculator></mesoquote-calculator>');
    expect(html).toContain('<link rel="stylesheet" href="/widget/demo.css">');
    // Every <script> has a src and no body; no <style>, no style= and no on*= handler anywhere.
    expect([...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].every((m) => /\bsrc=/.test(m[1] ?? '') && m[2] === '')).toBe(true);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|javascript:/i);
  });

  it('sends a strict Content-Security-Policy of its own: nothing inline, no eval, Trusted Types', async () => {
    const csp = String((await app.inject({ url: '/widget' })).headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes/);
  });

  it('shows the embed snippet with this server\'s own address', async () => {
    const res = await app.inject({ url: '/widget', headers: { host: 'quotes.example:8443' } });
    expect(res.body).toContain('&lt;script src=&quot;http://quotes.example:8443/widget.js&quot; defer&gt;&lt;/script&gt;');
  });

  it('presets the element\'s attributes from the query string', async () => {
    const res = await app.inject({ url: '/widget?treatment=hair-restoration&country=DE&locale=de-DE&accent-color=%23006644' });
    expect(res.body).toContain('<mesoquote-calculator treatment="hair-restoration" country="DE" locale="de-DE" accent-color="#006644"></mesoquote-calculator>');
  });

  it('refuses an unknown parameter or a value that could break out of the attribute, as a 400 problem', async () => {
    const unknown = expectProblem(await app.inject({ url: '/widget?colour=red' }), 400, 'validation-failed');
    expect(unknown.errors?.[0]?.allowed).toEqual([...DEMO_ATTRIBUTES]);
    const injected = expectProblem(await app.inject({ url: '/widget?country=%22%3E%3Cscript%3Ealert(1)%3C/script%3E' }), 400, 'validation-failed');
    expect(injected.errors?.[0]?.pointer).toBe('/country');
  });

  it('serves its stylesheet as CSS', async () => {
    const res = await app.inject({ url: '/widget/demo.css' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(res.body).toMatch(/mesoquote-calculator \{/);
  });
});

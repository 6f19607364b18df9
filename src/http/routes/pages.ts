// Pages for people, not part of the JSON API (hidden from OpenAPI, like /widget): the printable
// page of a saved quote (GET /quotes/{id}) and a readable page per source (GET /sources/{id}),
// each in the language of ?lang= or the reader's Accept-Language, with the stylesheet and the
// print script they load (GET /pages/page.css, /pages/print.js). The calculator links to them.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { components } from '../../client/index.js';
import { QUOTE_ID, readQuote } from '../../storage/quotes.js';
import type { Storage } from '../../storage/storage.js';
import { matches } from '../conditional.js';
import { missingQuotePage, quotePage } from '../pages/quote-page.js';
import { PAGE_CSP, PAGE_CSS, pageLanguage, PRINT_JS } from '../pages/shell.js';
import { missingSourcePage, sourcePage } from '../pages/source-page.js';
import { withStorage } from '../storage-call.js';
import { languageOf } from '../../i18n/messages.js';

type Catalog = components['schemas']['Catalog'];

export interface PageOptions {
  readonly storage: Storage;
  /** GET /v1/catalog's JSON: the names and sources the pages show. */
  readonly catalogJson: string;
  readonly now: () => Date;
  readonly maxAgeSeconds: number;
}

const HTML = 'text/html; charset=utf-8';
const PageQuery = z.strictObject({ lang: z.string().max(35).optional().describe('en, fr, de, es, it, pt or pl; default: the Accept-Language header, else en') });
/** A Vary value with one more header name, kept once. */
const varyWith = (current: unknown, name: string): string => {
  const names = String(current ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  return names.some((n) => n.toLowerCase() === name) ? names.join(', ') : [...names, name].join(', ');
};
const tag = (body: string): string => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

export const pageRoutes: FastifyPluginAsyncZod<PageOptions> = async (app, { storage, catalogJson, now, maxAgeSeconds }) => {
  const catalog = JSON.parse(catalogJson) as Catalog;
  const sources = new Map(catalog.sources.map((s) => [s.id, s]));
  const assets = { css: { body: PAGE_CSS, etag: tag(PAGE_CSS) }, js: { body: PRINT_JS, etag: tag(PRINT_JS) } };

  app.addHook('onSend', async (request, reply) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', PAGE_CSP).header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    }
    // The language follows Accept-Language when ?lang= is absent or not one of ours (?lang=xx):
    // caches must key on it, on a 304 too. Appended, so compression's Accept-Encoding stays.
    const page = request.routeOptions.url === '/quotes/:id' || request.routeOptions.url === '/sources/:id';
    if (page && !languageOf((request.query as { lang?: string } | undefined)?.lang)) reply.header('vary', varyWith(reply.getHeader('vary'), 'accept-language'));
  });

  app.get('/quotes/:id', { schema: { hide: true, params: z.object({ id: z.string().max(64) }), querystring: PageQuery } }, async (request, reply) => {
    const language = pageLanguage(request.query.lang, request.headers['accept-language']);
    const base = `${request.protocol}://${request.host}/`;
    // Only a well-formed id reaches storage (a NUL byte would be a database error, not a missing quote).
    const quote = QUOTE_ID.test(request.params.id) ? await withStorage(storage, 'read-quote', (db) => readQuote(db, request.params.id)) : undefined;
    if (!quote) return reply.code(404).type(HTML).header('cache-control', 'no-store').send(missingQuotePage(language));
    const remainingMs = quote.validUntil.getTime() - now().getTime();
    if (remainingMs <= 0) return reply.code(410).type(HTML).header('cache-control', 'no-store').send(missingQuotePage(language, quote.validUntil));
    const body = quotePage(JSON.parse(quote.body) as components['schemas']['Quote'], language, { catalog, base });
    const etag = tag(body);
    // As the JSON quote: private (whoever has the link may read it) and never cached past validUntil.
    reply.header('etag', etag).header('cache-control', `private, max-age=${Math.min(86_400, Math.floor(remainingMs / 1000))}`);
    if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type(HTML).send(body);
  });

  app.get('/sources/:id', { schema: { hide: true, params: z.object({ id: z.string().max(120) }), querystring: PageQuery } }, async (request, reply) => {
    const language = pageLanguage(request.query.lang, request.headers['accept-language']);
    const source = sources.get(request.params.id);
    if (!source) return reply.code(404).type(HTML).send(missingSourcePage(language));
    const body = sourcePage(source, language, catalog);
    const etag = tag(body);
    reply.header('etag', etag).header('cache-control', `public, max-age=${maxAgeSeconds}`);
    if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type(HTML).send(body);
  });

  app.get('/pages/page.css', { schema: { hide: true } }, async (request, reply) => {
    reply.header('etag', assets.css.etag).header('cache-control', `public, max-age=${maxAgeSeconds}`);
    if (matches(request.headers['if-none-match'], assets.css.etag)) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(assets.css.body);
  });

  app.get('/pages/print.js', { schema: { hide: true } }, async (request, reply) => {
    reply.header('etag', assets.js.etag).header('cache-control', `public, max-age=${maxAgeSeconds}`).header('x-content-type-options', 'nosniff');
    if (matches(request.headers['if-none-match'], assets.js.etag)) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(assets.js.body);
  });
};

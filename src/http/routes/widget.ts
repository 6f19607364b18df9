// GET /widget.js (the embeddable <mesoquote-calculator>), GET /widget (a demo page embedding it)
// and GET /widget/demo.css (the demo page's own style). Not part of the API: hidden from OpenAPI.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createHash } from 'node:crypto';
import { MESSAGES } from '../../i18n/all.js';
import { LANGUAGES, type Language } from '../../i18n/messages.js';
import { matches } from '../conditional.js';
import { HttpProblem } from '../problem.js';
import { DEMO_ATTRIBUTES, DEMO_CSP, DEMO_CSS, demoPage, readWidgetBundle, type DemoAttribute, type WidgetBundle } from '../widget-page.js';

const AttributeValueSchema = z
  .string()
  .max(64, 'must be at most 64 characters')
  .regex(/^[\w#(),.%+ -]*$/, 'may hold letters, digits, spaces and # ( ) , . % + - _ only');
const DemoQuerySchema = z.strictObject(
  Object.fromEntries(DEMO_ATTRIBUTES.map((name) => [name, AttributeValueSchema.optional()])) as Record<DemoAttribute, z.ZodOptional<typeof AttributeValueSchema>>,
);

export const widgetRoutes: FastifyPluginAsyncZod<{ bundlePath: string; maxAgeSeconds: number }> = async (app, { bundlePath, maxAgeSeconds }) => {
  // Read once; a bundle missing at start-up is looked for again on each request until it appears.
  let bundle: WidgetBundle | undefined = readWidgetBundle(bundlePath);

  app.get('/widget.js', { schema: { hide: true } }, async (request, reply) => {
    bundle ??= readWidgetBundle(bundlePath);
    if (!bundle) {
      throw new HttpProblem('service-unavailable', 'The widget bundle has not been built on this server: run `npm run build:widget` (part of `npm run build`).');
    }
    reply
      .header('etag', bundle.etag)
      .header('cache-control', `public, max-age=${maxAgeSeconds}`)
      // Clinic pages on other origins load this script: allow it explicitly, whatever a
      // security-headers plugin sets by default.
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff');
    if (matches(request.headers['if-none-match'], bundle.etag)) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(bundle.body);
  });

  // Each language's text as JSON: the bundle carries English and fetches the visitor's language
  // while the catalog loads. The same bytes for the life of the process, so a strong ETag.
  const texts = new Map(
    LANGUAGES.map((language) => {
      const body = JSON.stringify(MESSAGES[language]);
      return [language, { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` }] as const;
    }),
  );
  app.get('/widget/i18n/:file', { schema: { hide: true, params: z.strictObject({ file: z.string().max(16) }) } }, async (request, reply) => {
    const language = /^([a-z]{2})\.json$/.exec(request.params.file)?.[1];
    const text = language === undefined ? undefined : texts.get(language as Language);
    if (!text) throw new HttpProblem('not-found', `No text '${request.params.file}': the calculator speaks ${LANGUAGES.map((l) => `${l}.json`).join(', ')}.`);
    reply.header('etag', text.etag).header('cache-control', `public, max-age=${maxAgeSeconds}`).header('cross-origin-resource-policy', 'cross-origin').header('x-content-type-options', 'nosniff');
    if (matches(request.headers['if-none-match'], text.etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(text.body);
  });

  app.get('/widget', { schema: { hide: true, querystring: DemoQuerySchema } }, async (request, reply) => {
    const origin = `${request.protocol}://${request.host}`;
    return reply.type('text/html; charset=utf-8').header('content-security-policy', DEMO_CSP).send(demoPage(origin, request.query));
  });

  app.get('/widget/demo.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', `public, max-age=${maxAgeSeconds}`).send(DEMO_CSS),
  );
};

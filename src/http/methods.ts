// HTTP method handling the router does not do for us: which methods a path has (a wrong method
// is a 405 with Allow, also on parameterised paths such as /v1/quotes/{id}), and a HEAD answered
// 304 without the Content-Length: 0 Fastify's HEAD routes would give it.
import type { FastifyInstance } from 'fastify';

interface RoutePattern {
  readonly pattern: RegExp;
  readonly methods: Set<string>;
}

/** `/v1/quotes/:id` -> /^\/v1\/quotes\/[^/]+$/ (a `*` matches the rest of the path). */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/**
 * Records the methods of every route registered after it (Fastify adds HEAD for each GET), and
 * answers which methods a request path has; undefined when no route matches the path at all.
 */
export function trackRouteMethods(app: FastifyInstance): (path: string) => string[] | undefined {
  const routes = new Map<string, RoutePattern>();
  app.addHook('onRoute', (route) => {
    // The catch-all OPTIONS route of CORS preflights is not a resource.
    if (route.url === '*') return;
    const entry = routes.get(route.url) ?? { pattern: patternOf(route.url), methods: new Set<string>() };
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) entry.methods.add(method);
    routes.set(route.url, entry);
  });
  return (path) => {
    // The router ignores one trailing slash; so does this.
    const bare = path.length > 1 ? path.replace(/\/$/, '') : path;
    const methods = new Set<string>();
    for (const { pattern, methods: own } of routes.values()) if (pattern.test(bare)) for (const m of own) methods.add(m);
    return methods.size === 0 ? undefined : [...methods].sort();
  };
}

/**
 * A 304 to HEAD carries no Content-Length: Fastify's HEAD routes set it to the length of the
 * (empty) 304 payload, 0, which RFC 9110 (8.6) forbids unless the 200 would be empty too.
 * Only HEAD requests pay for this: their writeHead drops the header from a 304.
 */
export function fixHeadNotModified(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'HEAD') return done();
    const raw = reply.raw;
    const writeHead = raw.writeHead.bind(raw) as (status: number, ...rest: unknown[]) => typeof raw;
    raw.writeHead = ((status: number, ...rest: unknown[]) => {
      if (status === 304) {
        raw.removeHeader('content-length');
        const headers = rest.find((arg) => arg !== null && typeof arg === 'object' && !Array.isArray(arg)) as Record<string, unknown> | undefined;
        if (headers) for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-length') delete headers[name];
      }
      return writeHead(status, ...rest);
    }) as typeof raw.writeHead;
    done();
  });
}

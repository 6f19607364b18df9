// HTTP caching for GET answers: an ETag, Cache-Control, and 304 Not Modified on a match.
import type { FastifyReply, FastifyRequest } from 'fastify';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The entity tag of an answer that depends on the data alone (the catalog, a source record). */
export function dataEtag(version: string): string {
  return `"${version.replace(/^sha256:/, '').slice(0, 32)}"`;
}

/** True when If-None-Match lists `etag` (or is *), comparing weakly as RFC 9110 asks for GET. */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === bare;
  });
}

/** Sends `json` (text or UTF-8 bytes) with its ETag and Cache-Control, or an empty 304 when the client has it already. */
export function sendCacheable(request: FastifyRequest, reply: FastifyReply, json: string | Buffer, etag: string, maxAgeSeconds: number): FastifyReply {
  reply.header('etag', etag).header('cache-control', `public, max-age=${maxAgeSeconds}`);
  if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type(JSON_TYPE).send(json as never);
}

/**
 * Adds `field` to the Vary header without dropping what is there already (CORS adds Origin;
 * content negotiation adds Accept): a cache keyed on one must not lose the other.
 */
export function addVary(reply: FastifyReply, field: string): FastifyReply {
  const current = reply.getHeader('vary');
  const fields = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f.length > 0);
  if (fields.includes('*') || fields.some((f) => f.toLowerCase() === field.toLowerCase())) return reply;
  return reply.header('vary', [...fields, field].join(', '));
}

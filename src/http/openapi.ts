// The OpenAPI document as the running service serves it, and the one way we serialise it.
// Per route (transformOpenApiRoute): a stable operationId, `security: []` on public operations,
// and every status the service can send on that route whatever its handler does (rate limits,
// load shedding, body parsing, path parameters, internal errors), each with its problem schema.
// For the whole document (transformOpenApiObject): one component per schema, none unused.
import { STATUS_CODES } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { problemResponses } from './problem.js';
import { OPERATIONS_ROUTES } from './protection.js';

type OpenApiTransformObject = typeof jsonSchemaTransformObject;
type OpenApiTransform = typeof jsonSchemaTransform;

/**
 * The operationId of every documented operation, by method and route. Client generators name
 * their methods after these, so they are part of the contract: never rename one. A route may
 * also set `schema.operationId` itself. HEAD operations take their GET's id with `head` for its
 * verb (getCatalog: headCatalog).
 */
export const OPERATION_IDS: Readonly<Record<string, string>> = {
  'POST /v1/estimates': 'estimate',
  'GET /v1/estimates': 'getEstimate',
  'POST /v1/estimates/batch': 'estimateBatch',
  'POST /v1/estimates/compare': 'compareEstimates',
  'POST /v1/scenarios': 'compareScenarios',
  'GET /v1/catalog': 'getCatalog',
  'GET /v1/treatments': 'listTreatments',
  'GET /v1/countries': 'listCountries',
  'GET /v1/sources/:id': 'getSource',
  'POST /v1/clinics': 'createClinic',
  'GET /v1/clinics/:id': 'getClinic',
  'POST /v1/clinics/:id/keys': 'createClinicKey',
  'DELETE /v1/clinics/:id/keys/:keyId': 'revokeClinicKey',
  'PUT /v1/clinics/:id/price-sheet': 'putPriceSheet',
  'GET /v1/clinics/:id/price-sheet': 'getPriceSheet',
  'GET /v1/clinics/:id/origins': 'listClinicOrigins',
  'POST /v1/clinics/:id/origins': 'addClinicOrigin',
  'DELETE /v1/clinics/:id/origins': 'removeClinicOrigin',
  'POST /v1/quotes': 'createQuote',
  'GET /v1/quotes/:id': 'getQuote',
  'GET /healthz': 'getHealth',
  'GET /readyz': 'getReadiness',
  'GET /problems': 'listProblemTypes',
  'GET /problems/:code': 'getProblemType',
};

/** The operationId of `method url` (url as registered, `:param`), or undefined when it has none. */
export function operationIdFor(method: string, url: string, own?: unknown): string | undefined {
  if (typeof own === 'string') return method === 'HEAD' ? headId(own) : own;
  if (method === 'HEAD') {
    const get = OPERATION_IDS[`GET ${url}`];
    return get === undefined ? undefined : headId(get);
  }
  return OPERATION_IDS[`${method} ${url}`];
}

function headId(getId: string): string {
  const noun = getId.replace(/^(get|list)(?=[A-Z])/, '');
  return `head${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
}

/**
 * Bodies documented as a stricter schema than the one that validates them: a batch validates
 * each item on its own (one bad item must not fail the others), but clients must see what an
 * item is.
 */
const documentedBodies = new WeakMap<z.ZodType, z.ZodType>();
export function documentBodyAs<T extends z.ZodType>(validated: T, documented: z.ZodType): T {
  documentedBodies.set(validated, documented);
  return validated;
}

const RETRY_AFTER = { type: 'integer', minimum: 0, description: 'Seconds to wait before trying again' };
const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': { type: 'integer', description: 'Requests allowed in the window' },
  'RateLimit-Remaining': { type: 'integer', description: 'Requests left in the window' },
  'RateLimit-Reset': { type: 'integer', description: 'Seconds until the window resets' },
};

/** The statuses the service may send on any route of this kind, besides what its handler sends. */
function commonStatuses(method: string, url: string): number[] {
  const statuses = [500];
  // Rate limits and load shedding cover every route except the probes and /metrics.
  if (!OPERATIONS_ROUTES.has(url)) statuses.push(429, 503);
  // A path parameter can be malformed percent-encoding (400) or longer than the router allows (414).
  if (url.includes(':')) statuses.push(400, 414);
  // Fastify reads a body on every method but GET and HEAD: it can be malformed, too large or not JSON.
  if (method !== 'GET' && method !== 'HEAD') statuses.push(400, 413, 415);
  return statuses;
}

type RouteSchema = Record<string, unknown> & { response?: Record<string, unknown>; body?: z.ZodType; security?: unknown; operationId?: unknown };

/**
 * The per-route transform: the zod schemas become JSON schemas (fastify-type-provider-zod), and
 * the operation gets its id, its security (none unless the route names a scheme) and the
 * responses every route of its kind can send.
 */
export const transformOpenApiRoute: OpenApiTransform = (document) => {
  const { route, url } = document;
  const schema = document.schema as RouteSchema | undefined;
  if (!schema || schema.hide) return jsonSchemaTransform(document);
  const method = Array.isArray(route.method) ? String(route.method[0]) : String(route.method);
  const own = schema.response ?? {};
  const extra = problemResponses(...commonStatuses(method, route.url).filter((status) => !(String(status) in own)));
  const response = Object.fromEntries(Object.entries({ ...own, ...extra }).sort(([a], [b]) => a.localeCompare(b)));
  const operationId = operationIdFor(method, route.url, schema.operationId);
  const body = schema.body && documentedBodies.get(schema.body);
  const result = jsonSchemaTransform({
    ...document,
    schema: { ...schema, ...(body ? { body } : {}), ...(operationId ? { operationId } : {}), security: schema.security ?? [], response } as typeof document.schema,
  });
  const responses = (result.schema as { response?: Record<string, { headers?: Record<string, unknown> }> }).response ?? {};
  if (responses['429']) responses['429'].headers = { 'Retry-After': RETRY_AFTER, ...RATE_LIMIT_HEADERS };
  if (responses['503']) responses['503'].headers = { 'Retry-After': RETRY_AFTER };
  return { ...result, url };
};

const REF_PREFIX = '#/components/schemas/';

/**
 * fastify-type-provider-zod emits every registered schema twice, as `X` (output) and `XInput`
 * (input). Where the two are the same schema, client generators would get two identical types:
 * keep `X` only and point every `$ref` at it. Schemas that really differ keep both.
 */
export const transformOpenApiObject: OpenApiTransformObject = (document) => {
  const doc = jsonSchemaTransformObject(document) as { components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas ?? {};
  const merged = new Set<string>();
  const withMergedRefs = (value: unknown): string => {
    let text = JSON.stringify(value);
    for (const name of merged) text = text.replaceAll(`"${REF_PREFIX}${name}"`, `"${REF_PREFIX}${name.slice(0, -'Input'.length)}"`);
    return text;
  };
  // Repeat until nothing changes: an input schema can only match once the ones it refers to have merged.
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of Object.keys(schemas)) {
      const base = name.slice(0, -'Input'.length);
      if (!name.endsWith('Input') || merged.has(name) || !(base in schemas)) continue;
      if (withMergedRefs(schemas[name]) === withMergedRefs(schemas[base])) {
        merged.add(name);
        changed = true;
      }
    }
  }
  let result = JSON.parse(withMergedRefs(doc)) as typeof doc & { paths?: unknown };
  for (const name of merged) delete result.components?.schemas?.[name];
  // Where only the input side of a schema is used (a request whose field has a default), it
  // takes the plain name: clients see `CompareRequest`, not `CompareRequestInput`.
  const reachable = referencedSchemas(result.paths, result.components?.schemas ?? {});
  const renamed = Object.keys(result.components?.schemas ?? {}).filter((name) => {
    const base = name.slice(0, -'Input'.length);
    return name.endsWith('Input') && reachable.has(name) && !reachable.has(base);
  });
  if (renamed.length > 0) {
    let text = JSON.stringify(result);
    for (const name of renamed) text = text.replaceAll(`"${REF_PREFIX}${name}"`, `"${REF_PREFIX}${name.slice(0, -'Input'.length)}"`);
    result = JSON.parse(text) as typeof result;
    const schemas = result.components?.schemas ?? {};
    for (const name of renamed) {
      schemas[name.slice(0, -'Input'.length)] = schemas[name];
      delete schemas[name];
    }
  }
  // A component nothing refers to (the unused side of a schema) is noise for client generators.
  const kept = result.components?.schemas ?? {};
  const used = referencedSchemas(result.paths, kept);
  for (const name of Object.keys(kept)) if (!used.has(name)) delete kept[name];
  shareProblemResponses(result as { paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>; components?: Record<string, unknown> });
  closeEnumRecords(result);
  // Components in name order: the registry lists them in the order modules happened to load,
  // which differs between the service, the export script and a test process.
  if (result.components?.schemas) result.components.schemas = Object.fromEntries(Object.entries(kept).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return result as ReturnType<OpenApiTransformObject>;
};

/**
 * Every problem response of one status is the same object (problemResponses): each becomes one
 * named response component (`#/components/responses/TooManyRequests`), referred to by every
 * operation, instead of a copy per operation.
 */
function shareProblemResponses(doc: { paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>; components?: Record<string, unknown> }): void {
  const shared: Record<string, unknown> = {};
  const byText = new Map<string, string>();
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const content = (response as { content?: Record<string, unknown> }).content;
        if (Number(status) < 400 || content === undefined || Object.keys(content).join() !== 'application/problem+json') continue;
        const text = JSON.stringify(response);
        let name = byText.get(text);
        if (name === undefined) {
          name = responseName(Number(status));
          // Another response of this status that differs keeps its own copy.
          if (name in shared) continue;
          shared[name] = response;
          byText.set(text, name);
        }
        operation.responses![status] = { $ref: `#/components/responses/${name}` };
      }
    }
  }
  if (doc.components && Object.keys(shared).length > 0) {
    doc.components.responses = Object.fromEntries(Object.entries(shared).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

/**
 * A record keyed by an enum (z.record(z.enum([...]), X)) comes out as `propertyNames` + a
 * `required` list of names that `properties` does not define: valid JSON Schema, but generators
 * and linters want the names as properties. Rewritten in place as the object it is.
 */
function closeEnumRecords(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeEnumRecords);
  if (node === null || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  const names = (schema.propertyNames as { enum?: unknown } | undefined)?.enum;
  const value = schema.additionalProperties;
  if (schema.type === 'object' && schema.properties === undefined && Array.isArray(names) && value !== null && typeof value === 'object') {
    schema.properties = Object.fromEntries(names.map((name) => [String(name), value]));
    schema.additionalProperties = false;
    delete schema.propertyNames;
  }
  for (const child of Object.values(schema)) closeEnumRecords(child);
}

/** 429 -> "TooManyRequests": the status's reason phrase (RFC 9110) in PascalCase. */
function responseName(status: number): string {
  const phrase = STATUS_CODES[status] ?? `Status${status}`;
  return phrase.replace(/[^A-Za-z0-9 ]/g, '').replace(/(?:^| )(\w)/g, (_m, c: string) => c.toUpperCase());
}

/** Names of the component schemas reachable from `root` through `$ref`s. */
function referencedSchemas(root: unknown, schemas: Record<string, unknown>): Set<string> {
  const seen = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string' && value.startsWith(REF_PREFIX)) {
          const name = value.slice(REF_PREFIX.length);
          if (!seen.has(name)) {
            seen.add(name);
            visit(schemas[name]);
          }
        } else visit(value);
      }
    }
  };
  visit(root);
  return seen;
}

/** Stable text of the app's OpenAPI document: 2-space JSON with a trailing newline. */
export async function openApiText(app: FastifyInstance): Promise<string> {
  await app.ready();
  return `${JSON.stringify(app.swagger(), null, 2)}\n`;
}

// The OpenAPI document as the running service serves it, and the one way we serialise it.
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type OpenApiTransformObject = typeof jsonSchemaTransformObject;

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
  const result = JSON.parse(withMergedRefs(doc)) as typeof doc & { paths?: unknown };
  const kept = result.components?.schemas ?? {};
  for (const name of merged) delete kept[name];
  // An `XInput` twin nothing refers to (the input side of a response-only schema) is noise.
  const used = referencedSchemas(result.paths, kept);
  for (const name of Object.keys(kept)) if (name.endsWith('Input') && !used.has(name)) delete kept[name];
  // Components in name order: the registry lists them in the order modules happened to load,
  // which differs between the service, the export script and a test process.
  if (result.components?.schemas) result.components.schemas = Object.fromEntries(Object.entries(kept).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return result as ReturnType<OpenApiTransformObject>;
};

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

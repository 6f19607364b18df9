// Generators of hostile requests, derived from the served OpenAPI document so that every route,
// including routes added later, is covered without a list here. Not a test file.
//
// A JSON body is generated as a tree (Json below) and written as text by hand, so that it can hold
// what JSON.stringify cannot: duplicate keys, `__proto__` keys, NaN and Infinity tokens, numbers
// with exponents, and lone surrogates.
import fc from 'fast-check';

export type Json =
  | { readonly k: 'raw'; readonly text: string }
  | { readonly k: 'str'; readonly value: string }
  | { readonly k: 'arr'; readonly items: readonly Json[] }
  | { readonly k: 'obj'; readonly entries: ReadonlyArray<readonly [string, Json]> };

const raw = (text: string): Json => ({ k: 'raw', text });
const str = (value: string): Json => ({ k: 'str', value });

/** JSON text of a tree; strings keep lone surrogates as escapes, as a hostile client could send. */
export function jsonText(value: Json): string {
  switch (value.k) {
    case 'raw':
      return value.text;
    case 'str':
      return quote(value.value);
    case 'arr':
      return `[${value.items.map(jsonText).join(',')}]`;
    case 'obj':
      return `{${value.entries.map(([key, v]) => `${quote(key)}:${jsonText(v)}`).join(',')}}`;
  }
}

function quote(s: string): string {
  // JSON.stringify escapes lone surrogates as \udXXX (well-formed JSON.stringify, Node 12+).
  return JSON.stringify(s);
}

/** A JSON-schema node as @fastify/swagger emits it (the parts the generators read). */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly required?: readonly string[];
  readonly pattern?: string;
}

// ---------------------------------------------------------------------------------------------
// Hostile leaves

const NUMBER_TOKENS = [
  '0', '-0', '-1', '1', '0.5', '-0.0001', '1e3', '1E3', '1e-7', '1e+2', '2.5e1', '1e308', '1e309', '-1e309', '1e-400', '5e-324',
  '9007199254740993', '-9007199254740993', '123456789012345678901234567890', '0.1e1', '30', '31', '1000000', '-2147483649',
  'NaN', 'Infinity', '-Infinity', '01', '0x10', '1_000', '+1', '.5', '5.', '1e', '--1',
];

const ODD_STRINGS = [
  '', ' ', '\t', '\n', 'NaN', 'Infinity', '-Infinity', '1e3', '1e309', '-1', '0', '3.5', '0x1F', '١٢٣', 'null', 'true', 'undefined',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '\u202Eevil\u202C', '\u200B', '\u200D', '\uFEFF', '\uD800', '\uDFFF', 'a\uD800b', '\u0000', 'x\u0000y', '\u2028\u2029',
  '%00', '%2e%2e%2f', '../../etc/passwd', '<script>alert(1)</script>', "'; DROP TABLE quotes;--", '${7*7}', '{{7*7}}',
  'ZZ', 'zz', 'us', 'XXX', 'usd', 'A'.repeat(65), 'a-', '-a', 'a--b', 'Ω', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '👩‍⚕️', 'é', 'e\u0301',
];

/** Strings from any UTF-16 code units, lone surrogates included. */
const utf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((codes) => String.fromCharCode(...codes));

export function hostileString(dictionary: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ODD_STRINGS) },
    { weight: 3, arbitrary: fc.constantFrom(...dictionary) },
    { weight: 2, arbitrary: utf16 },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((n) => 'x'.repeat(n)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...dictionary), fc.constantFrom(...ODD_STRINGS)).map(([a, b]) => a + b) },
  );
}

function hostileLeaf(dictionary: readonly string[]): fc.Arbitrary<Json> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...NUMBER_TOKENS).map(raw) },
    { weight: 1, arbitrary: fc.double().map((d) => raw(Number.isFinite(d) ? String(d) : 'null')) },
    { weight: 1, arbitrary: fc.integer().map((n) => raw(String(n))) },
    { weight: 1, arbitrary: fc.constantFrom('null', 'true', 'false', '{}', '[]').map(raw) },
    { weight: 4, arbitrary: hostileString(dictionary).map(str) },
  );
}

/** Keys that attack the object model, plus the schema's own keys in odd cases. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString', '', ' ', '\u0000', '\uD800', 'a'.repeat(300)];

function pollution(): fc.Arbitrary<readonly [string, Json]> {
  const payload: Json = { k: 'obj', entries: [['polluted', str('yes')], ['isAdmin', raw('true')], ['toString', str('boom')]] };
  return fc.constantFrom<readonly [string, Json]>(
    ['__proto__', payload],
    ['constructor', { k: 'obj', entries: [['prototype', payload]] }],
    ['prototype', payload],
    ['__proto__', raw('null')],
    ['__proto__', { k: 'arr', items: [payload] }],
  );
}

/** Arbitrary JSON trees of hostile leaves, nested a few levels. */
export function hostileJson(dictionary: readonly string[], keys: readonly string[]): fc.Arbitrary<Json> {
  const allKeys = [...new Set([...keys, ...HOSTILE_KEYS])];
  const { tree } = fc.letrec<{ tree: Json }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      hostileLeaf(dictionary),
      fc.array(tie('tree'), { maxLength: 4 }).map((items): Json => ({ k: 'arr', items })),
      fc
        .array(fc.oneof(fc.tuple(fc.constantFrom(...allKeys), tie('tree')), pollution()), { maxLength: 5 })
        .map((entries): Json => ({ k: 'obj', entries })),
    ),
  }));
  return tree;
}

/** Nesting far deeper than any schema: arrays, objects, or a mix, up to `max` levels. */
export function deepNesting(max: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: 50, max }), fc.constantFrom('arr', 'obj', 'mix', 'unclosed')).map(([n, kind]) => {
    if (kind === 'arr') return '['.repeat(n) + ']'.repeat(n);
    if (kind === 'obj') return '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    if (kind === 'mix') return '{"items":'.repeat(n) + '[' + ']' + '}'.repeat(n);
    return '['.repeat(n);
  });
}

// ---------------------------------------------------------------------------------------------
// Schema-guided trees: mostly valid shapes with one or more fields made hostile, so that the
// requests get past the first validation error and reach the deeper paths.

export class SchemaGen {
  /**
   * @param byField real values seen under a field name in the API's own answers (see
   *   valuesByField): a property `treatment` draws from what `treatments` / `treatment` held.
   */
  constructor(
    private readonly components: Readonly<Record<string, SchemaNode>>,
    private readonly dictionary: readonly string[],
    private readonly byField: ReadonlyMap<string, readonly string[]> = new Map(),
  ) {}

  /**
   * Plausible strings for a schema: real values seen under the field's name (or anywhere) that
   * fit its enum, pattern and length, joined by commas where the pattern is a list; else strings
   * generated from the pattern itself.
   */
  goodString(schema: SchemaNode, name: string | undefined): fc.Arbitrary<string> {
    const n = this.resolve(schema);
    if (n.enum && n.enum.length > 0) return fc.constantFrom(...n.enum.map(String));
    const pattern = n.pattern ? new RegExp(n.pattern, 'u') : undefined;
    const fits = (v: string) => (!pattern || pattern.test(v)) && v.length >= (n.minLength ?? 0) && v.length <= (n.maxLength ?? Infinity);
    let candidates = this.valuesFor(name).filter(fits);
    if (candidates.length === 0) candidates = this.dictionary.filter(fits);
    if (candidates.length === 0) return pattern ? fc.stringMatching(pattern, { size: 'xsmall' }) : fc.constantFrom(...this.dictionary);
    const one = fc.constantFrom(...candidates);
    if (!n.pattern?.includes(',')) return one;
    return fc.oneof({ weight: 3, arbitrary: one }, { weight: 1, arbitrary: fc.uniqueArray(one, { minLength: 2, maxLength: 4 }).map((xs) => xs.join(',')) });
  }

  private valuesFor(name: string | undefined): readonly string[] {
    if (name === undefined) return this.dictionary;
    for (const key of [name, `${name}s`, `${name}es`, name.replace(/y$/, 'ies')]) {
      const values = this.byField.get(key);
      if (values && values.length > 0) return values;
    }
    return this.dictionary;
  }

  resolve(node: SchemaNode): SchemaNode {
    let current = node;
    for (let i = 0; i < 20 && current.$ref; i += 1) current = this.components[current.$ref.split('/').pop() ?? ''] ?? {};
    return current;
  }

  /** Property names appearing anywhere under `node` (for hostile objects that use real keys). */
  keysOf(node: SchemaNode, seen = new Set<SchemaNode>()): string[] {
    const n = this.resolve(node);
    if (seen.has(n)) return [];
    seen.add(n);
    const own = Object.keys(n.properties ?? {});
    const nested = [...Object.values(n.properties ?? {}), ...(n.items ? [n.items] : []), ...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])];
    return [...new Set([...own, ...nested.flatMap((c) => this.keysOf(c, seen))])];
  }

  /** A tree shaped by `node`, where each value is, now and then, replaced by a hostile one. */
  tree(node: SchemaNode, depth = 0, name?: string): fc.Arbitrary<Json> {
    const hostile = hostileJson(this.dictionary, this.keysOf(node));
    if (depth > 6) return hostile;
    return fc.oneof({ weight: 1, arbitrary: hostile }, { weight: 10, arbitrary: this.shaped(node, depth, name) });
  }

  private shaped(node: SchemaNode, depth: number, name: string | undefined): fc.Arbitrary<Json> {
    const n = this.resolve(node);
    const choices = n.anyOf ?? n.oneOf;
    if (choices && choices.length > 0) return fc.oneof(...choices.map((c) => this.tree(c, depth + 1, name)));
    if (n.allOf && n.allOf.length > 0) return this.tree(n.allOf[0] ?? {}, depth + 1, name);
    if (n.const !== undefined) return fc.constant(raw(JSON.stringify(n.const)));
    if (n.enum && n.enum.length > 0) return fc.constantFrom(...n.enum).map((v) => raw(JSON.stringify(v)));
    const type = Array.isArray(n.type) ? n.type[0] : n.type;
    switch (type) {
      case 'string':
        return fc.oneof({ weight: 6, arbitrary: this.goodString(n, name) }, { weight: 1, arbitrary: hostileString(this.dictionary) }).map(str);
      case 'integer':
      case 'number':
        return this.number(n);
      case 'boolean':
        return fc.constantFrom('true', 'false').map(raw);
      case 'array': {
        const items = n.items ?? {};
        const max = Math.min(n.maxItems ?? 5, 5);
        return fc.oneof(
          { weight: 8, arbitrary: fc.uniqueArray(this.tree(items, depth + 1, name), { minLength: Math.min(n.minItems ?? 0, max), maxLength: max, selector: jsonText }) },
          // Past the limit: one more than allowed.
          { weight: 1, arbitrary: fc.constant(Array.from({ length: (n.maxItems ?? 5) + 1 }, () => raw('1'))) },
        ).map((xs): Json => ({ k: 'arr', items: xs }));
      }
      case 'object':
      default: {
        const props = Object.entries(n.properties ?? {});
        if (props.length === 0) return hostileJson(this.dictionary, []);
        const required = new Set(n.required ?? []);
        const fields = props.map(([key, child]) =>
          fc.option(this.tree(child, depth + 1, key), { nil: undefined, freq: required.has(key) ? 20 : 2 }).map((v) => (v === undefined ? undefined : ([key, v] as const))),
        );
        return fc
          .tuple(
            fc.tuple(...fields),
            fc.option(fc.oneof(pollution(), fc.tuple(fc.constantFrom(...HOSTILE_KEYS, 'unknownField'), hostileLeaf(this.dictionary))), { freq: 6 }),
            // Duplicate keys now and then.
            fc.integer({ min: 0, max: 7 }).map((i) => i === 0),
          )
          .map(([entries, extra, duplicate]): Json => {
            const present = entries.filter((e): e is readonly [string, Json] => e !== undefined);
            const all: Array<readonly [string, Json]> = [...present, ...(extra ? [extra] : [])];
            // Duplicate keys: the same key again with another value (JSON.parse keeps the last).
            if (duplicate && present[0]) all.push([present[0][0], raw('"duplicate"')]);
            return { k: 'obj', entries: all };
          });
      }
    }
  }

  private number(n: SchemaNode): fc.Arbitrary<Json> {
    const bounds = [n.minimum, n.maximum].filter((b): b is number => typeof b === 'number');
    const edges = bounds.flatMap((b) => [b - 1, b, b + 1, b + 0.5]).map(String);
    return fc.oneof(
      fc.integer({ min: n.minimum ?? -10, max: n.maximum ?? 100 }).map((v) => raw(String(v))),
      fc.constantFrom(...NUMBER_TOKENS, ...edges).map(raw),
      fc.constantFrom(...NUMBER_TOKENS).map(str),
    );
  }
}

/** Percent-encodes any string, lone surrogates included (encodeURIComponent throws on them). */
export function encodeAny(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s].map((ch) => {
      try {
        return encodeURIComponent(ch);
      } catch {
        return '%ED%A0%80';
      }
    }).join('');
  }
}

/**
 * Real values by the field name they appeared under, from the API's own answers: strings under
 * a key, and the `id` / `code` of objects in a list or map under a key (so `treatments` holds
 * the treatment ids).
 */
export function valuesByField(value: unknown, into = new Map<string, Set<string>>(), key?: string, inList = false): Map<string, Set<string>> {
  const add = (k: string | undefined, v: unknown) => {
    if (k === undefined || typeof v !== 'string' || v.length > 40) return;
    let set = into.get(k);
    if (!set) into.set(k, (set = new Set()));
    set.add(v);
  };
  if (typeof value === 'string') add(key, value);
  else if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        add(key, (item as Record<string, unknown>).id);
        add(key, (item as Record<string, unknown>).code);
      }
      valuesByField(item, into, key, true);
    }
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    // A map keyed by id under `key` (e.g. "areas": {"face": {...}, "neck": {...}}): every value
    // an object with an id-like key. Not an element of a list: those are records, not maps.
    const isIdMap = key !== undefined && !inList && entries.length > 0 && entries.every(([k, v]) => v !== null && typeof v === 'object' && !Array.isArray(v) && /^[a-z][a-z-]*$|^[A-Z]{2,3}$/.test(k));
    for (const [k, v] of entries) {
      if (isIdMap) add(key, k);
      valuesByField(v, into, k);
    }
  }
  return into;
}

/** Every string of a JSON value (ids, codes, names) up to 40 characters: the dictionary of real tokens. */
export function stringsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    if (value.length <= 40) into.add(value);
  } else if (Array.isArray(value)) value.forEach((v) => stringsIn(v, into));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => stringsIn(v, into));
  return into;
}

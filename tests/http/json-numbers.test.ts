// src/http/json-numbers.ts: which number tokens JSON.parse would change, and where they are. The
// rule is checked against an independent reference (decimal.js compares the written decimal with
// the double's shortest form exactly), and pointers against documents generated with known paths.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonBody } from '../../src/http/json-body.js';
import { inexactNumbers, isExact } from '../../src/http/json-numbers.js';
import { HttpProblem } from '../../src/http/problem.js';

/** The reference: the value written equals the value of the double JSON.parse makes, printed back. */
const referenceExact = (token: string): boolean => new Decimal(token).eq(new Decimal(String(JSON.parse(token) as number)));

// Number tokens of every JSON shape: sign, leading digit, up to 30 digits, fraction, exponent.
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const tokenArb = fc
  .record({
    minus: fc.boolean(),
    whole: fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), digits(0, 25)).map(([a, b]) => a + b)),
    fraction: fc.option(digits(1, 30), { nil: undefined }),
    exponent: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 400 })), { nil: undefined }),
  })
  .map(({ minus, whole, fraction, exponent }) => `${minus ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}${exponent ? `${exponent[0]}${exponent[1]}${exponent[2]}` : ''}`);

describe('isExact: JSON.parse reads the number as the decimal written', () => {
  it.each([
    ['5', true],
    ['5.0', true],
    ['0.5e1', true],
    ['-0', true],
    ['0.1', true],
    ['1e-7', true],
    ['9007199254740992', true],
    ['0.30000000000000004', true],
    ['4.99999999999999999999', false],
    ['12.0000000000000000001', false],
    ['9007199254740993', false],
    ['123456789012345678', false],
    ['1e400', false],
    ['1e-400', false],
    ['0.3000000000000000444', false],
  ])('%s: %s', (token, exact) => {
    expect(isExact(token)).toBe(exact);
    expect(referenceExact(token)).toBe(exact);
  });

  it('agrees with the reference on generated tokens (fast-check)', () => {
    fc.assert(
      fc.property(tokenArb, (token) => {
        expect(isExact(token)).toBe(referenceExact(token));
      }),
      { numRuns: 20_000 },
    );
  });

  it('agrees with the reference on the decimal form of random doubles, and on those forms with one digit more or less', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 9 }), (x, digit) => {
        const text = String(x);
        expect(isExact(text)).toBe(true);
        const [mantissa, exponent] = text.split('e');
        const longer = `${mantissa}${mantissa!.includes('.') ? '' : '.'}000000000000000000${digit}${exponent === undefined ? '' : `e${exponent}`}`;
        expect(isExact(longer)).toBe(referenceExact(longer));
      }),
      { numRuns: 5_000 },
    );
  });
});

// Documents with known pointers: keys with the characters RFC 6901 escapes and JSON escapes,
// strings full of digits (never numbers), nested arrays and objects.
type Node = { kind: 'number'; token: string } | { kind: 'string'; text: string } | { kind: 'array'; items: Node[] } | { kind: 'object'; entries: Array<[string, Node]> };
const keyArb = fc.string({ unit: fc.constantFrom('a', 'b', '/', '~', '"', '\\', '1', 'e', ' ', 'é'), maxLength: 6 });
const leafArb: fc.Arbitrary<Node> = fc.oneof(
  tokenArb.map((token): Node => ({ kind: 'number', token })),
  fc.string({ unit: fc.constantFrom('1', '2', '.', 'e', '"', '\\', ' ', 'x'), maxLength: 40 }).map((text): Node => ({ kind: 'string', text })),
);
const { node: nodeArb } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.array(tie('node'), { maxLength: 4 }).map((items): Node => ({ kind: 'array', items })),
    fc.uniqueArray(fc.tuple(keyArb, tie('node')), { maxLength: 4, selector: ([k]) => k }).map((entries): Node => ({ kind: 'object', entries })),
  ),
}));

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
function render(node: Node, spaced: boolean): string {
  const gap = spaced ? ' \n\t' : '';
  switch (node.kind) {
    case 'number':
      return node.token;
    case 'string':
      return JSON.stringify(node.text);
    case 'array':
      return `[${gap}${node.items.map((n) => render(n, spaced)).join(`${gap},${gap}`)}${gap}]`;
    case 'object':
      return `{${gap}${node.entries.map(([k, n]) => `${JSON.stringify(k)}${gap}:${gap}${render(n, spaced)}`).join(`${gap},`)}${gap}}`;
  }
}
function expected(node: Node, pointer = ''): string[] {
  switch (node.kind) {
    case 'number':
      return referenceExact(node.token) ? [] : [pointer];
    case 'string':
      return [];
    case 'array':
      return node.items.flatMap((n, i) => expected(n, `${pointer}/${i}`));
    case 'object':
      return node.entries.flatMap(([k, n]) => expected(n, `${pointer}/${escape(k)}`));
  }
}

describe('inexactNumbers: every inexact number of a document, with its JSON pointer', () => {
  it('finds exactly the inexact numbers, in document order, whatever the keys, strings and white space (fast-check)', () => {
    fc.assert(
      fc.property(nodeArb, fc.boolean(), (node, spaced) => {
        const text = render(node, spaced);
        JSON.parse(text); // the generator writes valid JSON
        expect(inexactNumbers(text).map((n) => n.pointer)).toEqual(expected(node));
      }),
      { numRuns: 3_000 },
    );
  });

  it('says what was written and what JSON.parse reads, and stops at the limit', () => {
    const text = '{"items":[{"sessions":4.99999999999999999999},{"sessions":5},{"months":12.0000000000000000001}]}';
    expect(inexactNumbers(text)).toEqual([
      { pointer: '/items/0/sessions', written: '4.99999999999999999999', readAs: '5' },
      { pointer: '/items/2/months', written: '12.0000000000000000001', readAs: '12' },
    ]);
    expect(inexactNumbers(text, 1)).toHaveLength(1);
  });

  it('ignores digits inside strings, escaped quotes included', () => {
    expect(inexactNumbers('{"a":"4.99999999999999999999","b\\"":"\\"1e400\\\\","c":[1e2]}')).toEqual([]);
  });
});

describe('parseJsonBody refuses a body with an inexact number as a validation problem naming the field', () => {
  const problemOf = (text: string): HttpProblem => {
    try {
      parseJsonBody(text);
    } catch (error) {
      if (error instanceof HttpProblem) return error;
      throw error;
    }
    throw new Error(`accepted: ${text}`);
  };

  it('400 validation-failed with one error per number, each naming its pointer', () => {
    const p = problemOf('{"treatment":"fat-reduction","sessions":4.99999999999999999999}');
    expect(p.code).toBe('validation-failed');
    expect(p.errors).toEqual([{ pointer: '/sessions', in: 'body', message: expect.stringContaining('4.99999999999999999999 cannot be read exactly') }]);
    expect(p.errors![0]!.message).toContain('read as 5');
    expect(p.detail).toMatch(/^1 field of the body failed validation: \/sessions: /);
  });

  it('lists at most 20, and says there are more', () => {
    const p = problemOf(`[${Array.from({ length: 25 }, () => '1e400').join(',')}]`);
    expect(p.errors).toHaveLength(20);
    expect(p.detail).toMatch(/and more not listed/);
  });

  it('accepts exact numbers in any spelling: the parsed value is what was written', () => {
    expect(parseJsonBody('{"sessions":5.0,"a":5e0,"b":0.5e1,"c":0.1,"d":-0}')).toEqual({ sessions: 5, a: 5, b: 5, c: 0.1, d: -0 });
  });
});

// The batch answer's buffer: what it holds is the UTF-8 of everything written, in order, however
// small it started and whatever the text (non-ASCII included), texts and bytes mixed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/http/routes/batch.js';

describe('ByteWriter', () => {
  it('holds the UTF-8 of the parts in order, growing as needed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.string().map((s) => Buffer.from(`cached:${s}`))), { maxLength: 30 }), (capacity, parts) => {
        const out = new ByteWriter(capacity);
        for (const part of parts) out.write(part);
        expect(out.bytes().equals(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p))))).toBe(true);
      }),
    );
  });

  it('fills its first buffer exactly before it grows (a 3-byte character at the very end)', () => {
    const out = new ByteWriter(5);
    out.write('ab');
    out.write('€'); // 3 bytes: exactly the 5 reserved
    expect(out.bytes().toString('utf8')).toBe('ab€');
    out.write('é');
    expect(out.bytes().toString('utf8')).toBe('ab€é');
  });
});

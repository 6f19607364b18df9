// exact.ts: the BigInt decimals prices are multiplied in. Each operation against its definition,
// negative values and mixed scales included, and against decimal.js at high precision (fast-check).
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { compare, divideHalfUp, exact, formatExact, formatUnits, ONE, plus, pow10, roundHalfUp, times } from '../../src/domain/exact.js';

const Wide = Decimal.clone({ precision: 100 });
const text = (x: { units: bigint; scale: number }): string => new Wide(x.units.toString()).div(new Wide(10).pow(x.scale)).toFixed();

describe('exact(): a plain decimal, exactly', () => {
  it('parses strings, numbers and Decimals into units and scale', () => {
    expect(exact('1.25')).toEqual({ units: 125n, scale: 2 });
    expect(exact('-0.5')).toEqual({ units: -5n, scale: 1 });
    expect(exact('3')).toEqual({ units: 3n, scale: 0 });
    expect(exact('0.0100')).toEqual({ units: 100n, scale: 4 });
    expect(exact(7)).toEqual({ units: 7n, scale: 0 });
    expect(exact(new Decimal('1e-3'))).toEqual({ units: 1n, scale: 3 });
    expect(ONE).toEqual({ units: 1n, scale: 0 });
  });

  it('refuses anything that is not a plain decimal', () => {
    for (const bad of ['1e5', '', '.5', '1.', '+1', 'abc', '1.2.3', ' 1']) expect(() => exact(bad), bad).toThrow(`exact: '${bad}' is not a plain decimal`);
  });
});

describe('arithmetic', () => {
  it('pow10 is 10^n, for growing and repeated n', () => {
    expect(pow10(0)).toBe(1n);
    expect(pow10(3)).toBe(1000n);
    expect(pow10(12)).toBe(10n ** 12n);
    expect(pow10(2)).toBe(100n);
  });

  it('times, plus and compare at mixed scales and signs', () => {
    expect(times(exact('1.5'), exact('-0.25'))).toEqual({ units: -375n, scale: 3 });
    expect(plus(exact('1.5'), exact('0.25'))).toEqual({ units: 175n, scale: 2 });
    expect(plus(exact('0.25'), exact('1.5'))).toEqual({ units: 175n, scale: 2 });
    expect(plus(exact('0.25'), exact('0.5'))).toEqual({ units: 75n, scale: 2 });
    expect(plus(exact('2'), exact('-0.001'))).toEqual({ units: 1999n, scale: 3 });
    expect(compare(exact('1.50'), exact('1.5'))).toBe(0);
    expect(compare(exact('1.5'), exact('1.49'))).toBe(1);
    expect(compare(exact('1.49'), exact('1.5'))).toBe(-1);
    expect(compare(exact('-2'), exact('1.5'))).toBe(-1);
    expect(compare(exact('2'), exact('1.999'))).toBe(1);
  });

  it('divideHalfUp rounds halves away from zero', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(7n, 3n)).toBe(2n);
    expect(divideHalfUp(8n, 3n)).toBe(3n);
    expect(divideHalfUp(-7n, 3n)).toBe(-2n);
    expect(divideHalfUp(0n, 3n)).toBe(0n);
    expect(divideHalfUp(4n, 4n)).toBe(1n);
  });

  it('roundHalfUp to places, above and below the value\'s own scale', () => {
    expect(roundHalfUp(exact('984.375'), 2)).toBe(98438n);
    expect(roundHalfUp(exact('984.374999'), 2)).toBe(98437n);
    expect(roundHalfUp(exact('-0.005'), 2)).toBe(-1n);
    expect(roundHalfUp(exact('12.5'), 0)).toBe(13n);
    expect(roundHalfUp(exact('12.3'), 3)).toBe(12300n);
    expect(roundHalfUp(exact('12.34'), 2)).toBe(1234n);
  });

  it('agree with decimal.js at 100 digits (fast-check)', () => {
    const dec = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 8 })).map(([units, scale]) => ({ units, scale }));
    fc.assert(
      fc.property(dec, dec, fc.integer({ min: 0, max: 6 }), (a, b, places) => {
        const [x, y] = [new Wide(text(a)), new Wide(text(b))];
        expect(text(times(a, b))).toBe(x.times(y).toFixed());
        expect(text(plus(a, b))).toBe(x.plus(y).toFixed());
        expect(compare(a, b)).toBe(x.comparedTo(y));
        const r = roundHalfUp(a, places);
        expect(new Wide(r.toString()).div(new Wide(10).pow(places)).toFixed(places)).toBe(x.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places));
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatting', () => {
  it('formatUnits: exactly `places` decimals, leading zeros and signs kept', () => {
    expect(formatUnits(180000n, 2)).toBe('1800.00');
    expect(formatUnits(272459n, 0)).toBe('272459');
    expect(formatUnits(5n, 3)).toBe('0.005');
    expect(formatUnits(-5n, 2)).toBe('-0.05');
    expect(formatUnits(-12345n, 2)).toBe('-123.45');
    expect(formatUnits(0n, 2)).toBe('0.00');
  });

  it('formatExact: without trailing zeros, as factors are published', () => {
    expect(formatExact(exact('1.1000'))).toBe('1.1');
    expect(formatExact(exact('0.9012'))).toBe('0.9012');
    expect(formatExact(exact('2.000'))).toBe('2');
    expect(formatExact(exact('20'))).toBe('20');
    expect(formatExact(exact('100.0'))).toBe('100');
    expect(formatExact(exact('-1.50'))).toBe('-1.5');
  });
});

// src/domain/money.ts: the one rounding rule (half-up, once, to the currency's minor units) and
// the wire format of amounts.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { dec, formatAmount, formatFactor, ROUNDING_RULE, roundToMinorUnits } from '../../src/domain/money.js';

describe('roundToMinorUnits: half-up', () => {
  it.each([
    ['0.125', 2, '0.13'],
    ['0.135', 2, '0.14'],
    ['0.124', 2, '0.12'],
    ['0.1249999999', 2, '0.12'],
    ['2.5', 0, '3'],
    ['3.5', 0, '4'],
    ['2.4999', 0, '2'],
    ['0.5', 0, '1'],
    ['1.0005', 3, '1.001'],
    ['272458.5', 0, '272459'],
  ] as const)('%s rounded to %i decimals is %s (a tie goes up, never to even)', (amount, minorUnits, expected) => {
    expect(roundToMinorUnits(dec(amount), minorUnits).toFixed(minorUnits)).toBe(expected);
  });

  it('leaves an amount that already has at most minorUnits decimals unchanged', () => {
    expect(roundToMinorUnits(dec('1800'), 2).eq('1800')).toBe(true);
    expect(roundToMinorUnits(dec('630.1'), 2).eq('630.1')).toBe(true);
  });

  it('does not depend on the global Decimal rounding mode', () => {
    const saved = Decimal.rounding;
    try {
      Decimal.set({ rounding: Decimal.ROUND_HALF_EVEN });
      expect(roundToMinorUnits(new Decimal('0.125'), 2).toString()).toBe('0.13');
      expect(formatAmount(new Decimal('2.5'), 0)).toBe('3');
    } finally {
      Decimal.set({ rounding: saved });
    }
  });

  it('names its rule', () => {
    expect(ROUNDING_RULE).toBe('half-up');
  });
});

describe('formatAmount: wire strings with exactly the minor units', () => {
  it.each([
    ['1800', 2, '1800.00'],
    ['630.1', 2, '630.10'],
    ['272459', 0, '272459'],
    ['12.5', 3, '12.500'],
    ['0', 2, '0.00'],
    ['123456789012345678901234567890', 2, '123456789012345678901234567890.00'],
  ] as const)('%s with %i minor units is "%s"', (amount, minorUnits, expected) => {
    expect(formatAmount(dec(amount), minorUnits)).toBe(expected);
  });

  it('never uses exponent notation for small or large amounts', () => {
    expect(formatAmount(dec('0.0000001'), 2)).toBe('0.00');
    expect(formatAmount(dec('1e25'), 0)).toBe('10000000000000000000000000');
  });
});

describe('dec and formatFactor', () => {
  it('parses decimal strings exactly and multiplies 15-digit figures without loss (checked against Python decimal)', () => {
    expect(dec('0.1').plus(dec('0.2')).eq('0.3')).toBe(true);
    expect(dec('0.657913251334808').times('151.366291302752').toString()).toBe('99.585888853485238825243791616');
  });

  it('formats factors exactly, without trailing zeros', () => {
    expect(formatFactor(dec('1.10'))).toBe('1.1');
    expect(formatFactor(dec('1.4000'))).toBe('1.4');
    expect(formatFactor(dec('0.657913251334808'))).toBe('0.657913251334808');
  });
});

// The engine's own invariant errors, word for word (a RangeError from a division by zero deeper
// down would pass a test that only asks for a RangeError), and the edges of small helpers.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { exact } from '../../src/domain/exact.js';
import { financingPlan, monthlyRate } from '../../src/domain/financing.js';
import { dec } from '../../src/domain/money.js';
import { applyPackage } from '../../src/domain/packages.js';
import { compareScenarios, maintenanceSessionsInHorizon } from '../../src/domain/scenarios.js';

describe('invariant errors name themselves', () => {
  it('financingPlan: a whole number of months, at least 1', () => {
    const terms = (months: number) => ({ aprPercent: dec('5'), months, downPayment: dec('0') });
    expect(() => financingPlan(dec('100'), terms(0), 2)).toThrow(new RangeError('financingPlan: months must be a whole number of at least 1 (got 0)'));
    expect(() => financingPlan(dec('100'), terms(1.5), 2)).toThrow(new RangeError('financingPlan: months must be a whole number of at least 1 (got 1.5)'));
  });

  it('applyPackage: a whole number of sessions, at least 1', () => {
    expect(() => applyPackage(dec('100'), 0, { kind: 'none' }, 2)).toThrow(new RangeError('applyPackage: a course has a whole number of sessions, at least 1 (got 0)'));
  });
});

describe('small helpers at their edges', () => {
  it('monthlyRate is APR / 12 / 100', () => {
    expect(monthlyRate(dec('12')).toString()).toBe('0.01');
    expect(monthlyRate(dec('6')).toString()).toBe('0.005');
  });

  it('exact() reads a number as JavaScript writes it and a Decimal in plain notation', () => {
    expect(exact(2.5)).toEqual({ units: 25n, scale: 1 });
    expect(exact(new Decimal('1e-8'))).toEqual({ units: 1n, scale: 8 });
    expect(exact(new Decimal('1.5e3'))).toEqual({ units: 1500n, scale: 0 });
    expect(() => exact(1e-7)).toThrow("exact: '1e-7' is not a plain decimal");
  });

  it('maintenance in the horizon: none for a horizon or a frequency at or below zero', () => {
    expect(maintenanceSessionsInHorizon(-6, 2)).toBe(0);
    expect(maintenanceSessionsInHorizon(6, -2)).toBe(0);
    expect(maintenanceSessionsInHorizon(0, 2)).toBe(0);
    expect(maintenanceSessionsInHorizon(6, 2)).toBe(1);
  });

  it('a scenario option has break-even fields only where they apply', () => {
    const levels = <T>(v: T) => ({ low: v, typical: v, high: v });
    const [plain, prepaid, financed] = compareScenarios({
      perSession: levels(dec('100')),
      sessions: levels(5),
      minorUnits: 2,
      horizonMonths: 0,
      maintenanceSessionsPerYear: 0,
      options: [
        { name: 'plain' },
        { name: 'prepaid', package: { kind: 'prepaid-course', discountPercent: dec('10') } },
        { name: 'financed', financing: { aprPercent: dec('0'), months: 5, downPayment: dec('0') } },
      ],
    }).options;
    expect(Object.keys(plain!)).not.toContain('breakEvenSessions');
    expect(Object.keys(plain!)).not.toContain('breakEvenMonth');
    expect(prepaid!.breakEvenSessions).toBe(5);
    expect(Object.keys(prepaid!)).not.toContain('breakEvenMonth');
    // 0% APR: interest never exceeds the (zero) discount, so no break-even month either.
    expect(Object.keys(financed!)).not.toContain('breakEvenMonth');
    expect(Object.keys(financed!)).not.toContain('breakEvenSessions');
  });
});

// POST /v1/scenarios: one course under several options. Financing against an exact, independent
// integer computation and a published example; schedules that sum to the cent; package laws; the
// pay-per-session option equal to the plain estimate; coverage notes; CSV that parses back to the
// JSON figures with RFC 4180 quoting and formula guarding; bad inputs as 4xx problems with pointers.
import { Decimal } from 'decimal.js';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, parseCsvObjects } from '../../scripts/lib/csv.js';
import { ScenarioComparisonSchema, type ScenarioComparisonBody } from '../../src/http/scenario-schemas.js';
import { realData, testApp } from '../support/app.js';
import { expectFieldError, expectNoInternals, expectProblem, statusOf } from './http-helpers.js';

type Comparison = ScenarioComparisonBody;
type Option = Comparison['options'][number];
const LEVELS = ['low', 'typical', 'high'] as const;

let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp();
});

afterAll(async () => {
  await app?.close();
});

const scenarios = (payload: unknown, headers: Record<string, string> = {}, query = '') =>
  app.inject({ method: 'POST', url: `/v1/scenarios${query}`, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json', ...headers } });

/** POSTs a comparison that must succeed, and checks it against the response schema. */
async function compare(payload: unknown): Promise<Comparison> {
  const res = await scenarios(payload);
  expect(res.statusCode, res.body.slice(0, 600)).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return ScenarioComparisonSchema.parse(JSON.parse(res.body));
}

async function plainEstimate(payload: unknown): Promise<Record<string, any>> {
  const res = await app.inject({ method: 'POST', url: '/v1/estimates', payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
  expect(res.statusCode, res.body.slice(0, 600)).toBe(200);
  return JSON.parse(res.body) as Record<string, any>;
}

// Money as integers of minor units: no floating point anywhere in these checks.
/** "1800.00" -> 180000n (2 minor units); the string must have exactly `units` decimals. */
function minor(amount: string, units: number): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) throw new Error(`not an amount: ${amount}`);
  expect((match[3] ?? '').length, `${amount} has ${units} decimals`).toBe(units);
  const value = BigInt(`${match[2]}${match[3] ?? ''}`);
  return match[1] === '-' ? -value : value;
}

/** 180000n -> "1800.00". */
function fromMinor(value: bigint, units: number): string {
  const digits = (value < 0n ? -value : value).toString().padStart(units + 1, '0');
  const text = units === 0 ? digits : `${digits.slice(0, -units)}.${digits.slice(-units)}`;
  return value < 0n ? `-${text}` : text;
}

/** round(num / den) half-up, for num >= 0 and den > 0. */
const divHalfUp = (num: bigint, den: bigint): bigint => (2n * num + den) / (2n * den);
/** ceil(num / den), for num >= 0 and den > 0. */
const divUp = (num: bigint, den: bigint): bigint => (num + den - 1n) / den;

interface Row {
  month: number;
  payment: bigint;
  interest: bigint;
  principal: bigint;
  balance: bigint;
}

/**
 * The amortisation schedule, computed independently in exact integer arithmetic. With the APR
 * a/d percent, the monthly rate is r = a / (1200·d) = a/b, and the payment
 * P·r / (1 − (1 + r)^−n) = P·a·(b + a)^n / (b·((b + a)^n − b^n)) is a ratio of integers, rounded
 * once (half-up, or up); at r = 0 it is P / n. Each month: interest = round(balance·a / b); the
 * last month, or one whose payment would overpay, clears the balance. Rounded up, a payment whose
 * last month would pay more than it is one unit more.
 */
function independentSchedule(financed: bigint, apr: string, months: number, rounding: 'up' | 'half-up'): { payment: bigint; rows: Row[] } {
  const [whole, frac = ''] = apr.split('.');
  const a = BigInt(`${whole}${frac}`);
  const b = 1200n * 10n ** BigInt(frac.length);
  const divide = rounding === 'up' ? divUp : divHalfUp;
  let payment = a === 0n ? divide(financed, BigInt(months)) : divide(financed * a * (b + a) ** BigInt(months), b * ((b + a) ** BigInt(months) - b ** BigInt(months)));
  const amortise = (): Row[] => {
    const rows: Row[] = [];
    let balance = financed;
    for (let month = 1; month <= months && balance > 0n; month++) {
      const interest = divHalfUp(balance * a, b);
      const principal = month === months || payment - interest >= balance ? balance : payment - interest;
      balance -= principal;
      rows.push({ month, payment: principal + interest, interest, principal, balance });
    }
    return rows;
  };
  let rows = amortise();
  if (rounding === 'up' && rows.at(-1)!.payment > payment) {
    payment += 1n;
    rows = amortise();
    expect(rows.at(-1)!.payment <= payment, 'one unit more is always enough').toBe(true);
  }
  return { payment, rows };
}

/** Checks one option's financing at every level, and its typical schedule against the independent one. */
function expectFinancingExact(option: Option, units: number): void {
  const terms = option.financing!;
  const down = minor(terms.downPayment, units);
  for (const level of LEVELS) {
    const l = option.levels[level];
    const f = l.financing!;
    const course = minor(l.courseTotal, units);
    const interest = minor(f.totalInterest, units);
    expect(minor(l.totalCostOfOwnership, units), `${level}: TCO = course + maintenance + interest`).toBe(course + minor(l.maintenanceCost, units) + interest);
    if (down >= course) {
      expect([f.financed, f.monthlyPayment, f.totalInterest]).toEqual([fromMinor(0n, units), fromMinor(0n, units), fromMinor(0n, units)]);
      expect(f.totalPaid, `${level}: a down payment covering the course pays the course`).toBe(l.courseTotal);
      continue;
    }
    expect(minor(f.financed, units), `${level}: financed = course − down payment`).toBe(course - down);
    expect(minor(f.totalPaid, units), `${level}: total paid = course + interest`).toBe(course + interest);
    const independent = independentSchedule(course - down, terms.aprPercent, terms.months, terms.paymentRounding);
    expect(minor(f.monthlyPayment, units), `${level}: monthly payment`).toBe(independent.payment);
    expect(interest, `${level}: total interest`).toBe(independent.rows.reduce((s, r) => s + r.interest, 0n));
  }

  const typical = option.levels.typical;
  const schedule = option.schedule!;
  const course = minor(typical.courseTotal, units);
  if (down >= course) {
    expect(schedule).toEqual([]);
    return;
  }
  const rows = schedule.map((r) => ({ month: r.month, payment: minor(r.payment, units), interest: minor(r.interest, units), principal: minor(r.principal, units), balance: minor(r.balance, units) }));
  expect(rows, 'the schedule equals the independent exact computation').toEqual(independentSchedule(course - down, terms.aprPercent, terms.months, terms.paymentRounding).rows);
  const sum = (key: 'payment' | 'interest' | 'principal') => rows.reduce((s, r) => s + r[key], 0n);
  expect(sum('payment') + down, 'Σ payment + down payment = total paid').toBe(minor(typical.financing!.totalPaid, units));
  expect(sum('principal'), 'Σ principal = financed').toBe(minor(typical.financing!.financed, units));
  expect(sum('interest'), 'Σ interest = total interest').toBe(minor(typical.financing!.totalInterest, units));
  expect(schedule.at(-1)!.balance, 'the last balance is zero').toBe(fromMinor(0n, units));
  expect(rows.map((r) => r.month)).toEqual(rows.map((_, i) => i + 1));
  for (const r of rows.slice(0, -1)) expect(r.payment, 'every payment but the last is the monthly payment').toBe(minor(typical.financing!.monthlyPayment, units));
  if (terms.paymentRounding === 'up') expect(rows.at(-1)!.payment <= minor(typical.financing!.monthlyPayment, units), 'rounded up, the last payment is never the largest').toBe(true);
}

/**
 * The warnings the schedule's shape calls for at each level, from the independent computation: a
 * payment of 0, a payment that only covers the first month's interest, a last payment more than
 * 10% above the regular one. Each must be in the option's warnings, after exactly the levels it
 * concerns ("High level: …"; no prefix for all three), and no level without it may be named.
 */
function expectLevelWarnings(option: Option, units: number): void {
  const terms = option.financing!;
  const down = minor(terms.downPayment, units);
  const flags = { zero: [] as string[], interestOnly: [] as string[], balloon: [] as string[] };
  for (const level of LEVELS) {
    const course = minor(option.levels[level].courseTotal, units);
    if (down >= course) continue;
    const { payment, rows } = independentSchedule(course - down, terms.aprPercent, terms.months, terms.paymentRounding);
    if (rows.length < 2) continue;
    if (payment === 0n) flags.zero.push(level);
    else if (payment <= rows[0]!.interest) flags.interestOnly.push(level);
    if (payment > 0n && rows.at(-1)!.payment * 10n > payment * 11n) flags.balloon.push(level);
  }
  const patterns = { zero: /The monthly payment rounds to 0/, interestOnly: /only covers the first month's interest/, balloon: /The last payment, in month \d+, is / };
  for (const [kind, levels] of Object.entries(flags) as Array<[keyof typeof flags, string[]]>) {
    const found = option.warnings.filter((w) => patterns[kind].test(w));
    const named = found.flatMap((w) => (/^([A-Z][a-z]+(?:, [a-z]+)*(?: and [a-z]+)?) levels?: /.exec(w)?.[1]?.toLowerCase().split(/, | and /) ?? [...LEVELS]));
    expect(named.sort(), `${kind} warnings name exactly the levels concerned: ${JSON.stringify(option.warnings)}`).toEqual([...levels].sort());
  }
  if (terms.paymentRounding === 'up') expect([...flags.zero, ...flags.interestOnly, ...flags.balloon], 'never with payments rounded up').toEqual([]);
}

const TREATMENTS = [...realData().catalog.treatments.keys()];
const COUNTRIES = ['US', 'FR', 'JP', 'KW', 'BR', 'CL', 'GB', 'IN'];

const baseArb = fc.record(
  {
    treatment: fc.constantFrom(...TREATMENTS),
    country: fc.constantFrom(...COUNTRIES),
    cityTier: fc.constantFrom('major-metro', 'city', 'town'),
    practitioner: fc.constantFrom('non-physician', 'physician', 'specialist'),
    sessions: fc.integer({ min: 1, max: 30 }),
  },
  { requiredKeys: ['treatment', 'country'] },
);
const percentArb = fc.integer({ min: 0, max: 10_000 }).map((h) => (h % 100 === 0 ? String(h / 100) : `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`));
const packageArb = fc.oneof(
  fc.constant({ kind: 'none' }),
  fc.record({ kind: fc.constant('prepaid-course'), discountPercent: percentArb }, { requiredKeys: ['kind'] }),
  fc.integer({ min: 2, max: 12 }).chain((buy) => fc.record({ kind: fc.constant('buy-n-get-m'), buy: fc.constant(buy), free: fc.integer({ min: 1, max: buy - 1 }) })),
  fc.record({ kind: fc.constant('new-patient'), discountPercent: percentArb }, { requiredKeys: ['kind'] }),
);
const roundingArb = fc.constantFrom(undefined, 'up' as const, 'half-up' as const);
const aprArb = fc.oneof(fc.constant('0'), fc.integer({ min: 0, max: 9999 }).map((h) => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`), fc.integer({ min: 0, max: 99 }).map(String));

describe('POST /v1/scenarios: the comparison', () => {
  const BODY = {
    base: { treatment: 'skin-rejuvenation' },
    horizonMonths: 24,
    options: [
      { name: 'pay per session' },
      { name: 'prepaid', package: { kind: 'prepaid-course' } },
      { name: 'buy 4 get 1', package: { kind: 'buy-n-get-m' } },
      { name: 'new patient, financed', package: { kind: 'new-patient' }, financing: { aprPercent: '9.99', months: 24, downPayment: '200.00' } },
    ],
  };

  it('answers 200 JSON with the currency, the base as priced, every option at three levels, sources and the data version', async () => {
    const c = await compare(BODY);
    const catalog = await app.inject({ method: 'GET', url: '/v1/catalog' });
    expect(c.dataVersion).toBe(JSON.parse(catalog.body).dataVersion);
    expect(c.currency).toMatchObject({ code: 'USD', minorUnits: 2 });
    expect(c.base).toEqual({ treatment: 'skin-rejuvenation', areas: ['face'], country: 'US', cityTier: 'city', practitioner: 'physician', sessions: null, currency: 'USD' });
    expect(c.options.map((o) => o.name)).toEqual(BODY.options.map((o) => o.name));
    expect(c.options.map((o) => o.package)).toEqual([
      { kind: 'none' },
      { kind: 'prepaid-course', discountPercent: '12' },
      { kind: 'buy-n-get-m', buy: 4, free: 1 },
      { kind: 'new-patient', discountPercent: '20' },
    ]);
    const ids = c.sources.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['seed-000-package-deals', 'seed-000-special-offers', 'observed-prices', 'seed-000-financing', 'assumption-maintenance-frequency']));
    for (const note of c.notes) for (const id of note.sources) expect(ids, `note ${note.code} cites ${id}`).toContain(id);
    expect(c.options[3]!.schedule).toHaveLength(24);
    expect(c.options.slice(0, 3).map((o) => [o.financing, o.schedule])).toEqual([[null, null], [null, null], [null, null]]);
  });

  it('the pay-per-session option equals the plain estimate (POST /v1/estimates) for the same base, with or without kind "none"', async () => {
    const bases = [
      ...TREATMENTS.map((treatment) => ({ treatment })),
      { treatment: 'fat-reduction', areas: ['abdomen', 'thighs'], country: 'FR', cityTier: 'major-metro' },
      { treatment: 'hair-restoration', country: 'JP', practitioner: 'specialist', sessions: 12 },
      { treatment: 'pain-management', country: 'KW' },
      { treatment: 'skin-rejuvenation', country: 'DE', currency: 'usd', sessions: 1 },
    ];
    for (const base of bases) {
      const [c, e] = await Promise.all([compare({ base, horizonMonths: 12, options: [{ name: 'plain' }, { name: 'none', package: { kind: 'none' } }] }), plainEstimate(base)]);
      const units = e.currency.minorUnits as number;
      expect(c.base).toEqual({ ...e.request, package: undefined });
      expect(c.currency).toEqual(e.currency);
      for (const option of c.options) {
        for (const level of LEVELS) {
          const l = option.levels[level];
          expect([l.sessions, l.perSession, l.listTotal, l.courseTotal, l.effectivePerSession], `${base.treatment} ${level}`).toEqual([
            e.sessions[level],
            e.perSession[level],
            e.listTotal[level],
            e.total[level],
            e.effectivePerSession[level],
          ]);
          expect([l.discount, l.savings, l.freeSessions]).toEqual([fromMinor(0n, units), fromMinor(0n, units), 0]);
        }
      }
    }
  });

  it('each package option prices the course exactly as POST /v1/estimates does with that package', async () => {
    await fc.assert(
      fc.asyncProperty(baseArb, packageArb, async (base, pkg) => {
        const [c, e] = await Promise.all([compare({ base, horizonMonths: 0, options: [{ name: 'p', package: pkg }] }), plainEstimate({ ...base, package: pkg })]);
        const option = c.options[0]!;
        expect(option.package).toEqual(e.request.package);
        for (const level of LEVELS) {
          const l = option.levels[level];
          expect([l.listTotal, l.discount, l.courseTotal, l.effectivePerSession]).toEqual([e.listTotal[level], e.discount[level], e.total[level], e.effectivePerSession[level]]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a discount never raises a price: course ≤ list, savings = discount ≥ 0 without financing, TCO = course + maintenance', async () => {
    await fc.assert(
      fc.asyncProperty(baseArb, fc.array(packageArb, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 120 }), async (base, packages, horizonMonths) => {
        const c = await compare({ base, horizonMonths, options: packages.map((pkg, i) => ({ name: `option ${i}`, package: pkg })) });
        const units = c.currency.minorUnits;
        for (const option of c.options) {
          for (const level of LEVELS) {
            const l = option.levels[level];
            const [list, discount, course] = [minor(l.listTotal, units), minor(l.discount, units), minor(l.courseTotal, units)];
            expect(discount >= 0n && course <= list && course >= 0n).toBe(true);
            expect(list - discount).toBe(course);
            expect(list).toBe(minor(l.perSession, units) * BigInt(l.sessions));
            expect(minor(l.savings, units)).toBe(discount);
            expect(minor(l.maintenanceCost, units)).toBe(minor(l.perSession, units) * BigInt(c.maintenanceSessions));
            expect(minor(l.totalCostOfOwnership, units)).toBe(course + minor(l.maintenanceCost, units));
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('buy-n-get-m counts free sessions exactly: floor(n / (buy + free)) × free, each at the list price', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 2, max: 15 }), fc.nat(), async (sessions, buy, freeSeed) => {
        const free = 1 + (freeSeed % (buy - 1));
        const c = await compare({ base: { treatment: 'fat-reduction', sessions }, horizonMonths: 0, options: [{ name: 'deal', package: { kind: 'buy-n-get-m', buy, free } }] });
        const expectedFree = Math.floor(sessions / (buy + free)) * free;
        for (const level of LEVELS) {
          const l = c.options[0]!.levels[level];
          expect(l.freeSessions).toBe(expectedFree);
          expect(minor(l.discount, 2)).toBe(minor(l.perSession, 2) * BigInt(expectedFree));
          expect(minor(l.courseTotal, 2)).toBe(minor(l.perSession, 2) * BigInt(sessions - expectedFree));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('buy 6 get 2 on a 7-session course frees none and warns that 1 more session would free 2 (and cost less)', async () => {
    const c = await compare({ base: { treatment: 'fat-reduction', sessions: 7 }, horizonMonths: 0, options: [{ name: 'b6g2', package: { kind: 'buy-n-get-m', buy: 6, free: 2 } }] });
    const o = c.options[0]!;
    expect([o.levels.low.freeSessions, o.levels.typical.freeSessions, o.levels.high.freeSessions]).toEqual([0, 0, 0]);
    expect(o.warnings).toEqual([expect.stringMatching(/^With 7 sessions \(low, typical, high\), 1 more session would complete a group of 8 and cost less: 7 sessions pay for 7, 8 pay for 6\.$/)]);
  });

  it('prepaid break-even: the fewest sessions whose pay-per-session cost reaches the prepaid total; null for other kinds', async () => {
    const c = await compare({
      base: { treatment: 'skin-rejuvenation', sessions: 10 },
      horizonMonths: 0,
      options: [{ name: 'prepaid 12', package: { kind: 'prepaid-course', discountPercent: '12' } }, { name: 'prepaid 25.5', package: { kind: 'prepaid-course', discountPercent: '25.5' } }, { name: 'new', package: { kind: 'new-patient' } }],
    });
    // 10 × 360.00 = 3600.00; 12% off: 3168.00 = 8.8 sessions, so 9; 25.5% off: 2682.00 = 7.45 sessions, so 8.
    expect(c.options.map((o) => o.breakEvenSessions)).toEqual([9, 8, null]);
    for (const o of c.options.slice(0, 2)) {
      const t = o.levels.typical;
      const k = BigInt(o.breakEvenSessions!);
      expect(minor(t.perSession, 2) * k >= minor(t.courseTotal, 2)).toBe(true);
      expect(minor(t.perSession, 2) * (k - 1n) < minor(t.courseTotal, 2)).toBe(true);
    }
  });

  it('maintenance: floor(horizon × per year / 12) sessions at each level\'s list price; the default comes from data and is marked an assumption', async () => {
    const perYear = realData().catalog.treatments.get('hair-restoration')!.maintenance.sessionsPerYear;
    const byDefault = await compare({ base: { treatment: 'hair-restoration' }, horizonMonths: 18, options: [{ name: 'plain' }] });
    expect(byDefault.maintenanceSessionsPerYear).toBe(perYear);
    expect(byDefault.maintenanceSessions).toBe(Math.floor((18 * perYear) / 12));
    expect(byDefault.maintenanceSessionsPerYearSource).toEqual({ default: true, source: 'assumption-maintenance-frequency', assumption: true });
    expect(byDefault.sources.find((s) => s.id === 'assumption-maintenance-frequency')?.kind).toBe('assumption');

    const given = await compare({ base: { treatment: 'hair-restoration' }, horizonMonths: 18, maintenanceSessionsPerYear: 4, options: [{ name: 'plain' }] });
    expect([given.maintenanceSessionsPerYear, given.maintenanceSessions]).toEqual([4, 6]);
    expect(given.maintenanceSessionsPerYearSource).toEqual({ default: false, source: null, assumption: false });
    for (const level of LEVELS) {
      const l = given.options[0]!.levels[level];
      expect(l.maintenanceSessions).toBe(6);
      expect(minor(l.maintenanceCost, 2)).toBe(6n * minor(l.perSession, 2));
    }
    const none = await compare({ base: { treatment: 'hair-restoration' }, horizonMonths: 5, options: [{ name: 'plain' }] });
    expect(none.maintenanceSessions).toBe(0);
  });

  it('coverage notes (seed 000): cosmetic use not covered; pain management rarely and partly, with documentation; HSA/FSA possibly, with a medical necessity', async () => {
    for (const [id, treatment] of realData().catalog.treatments) {
      const c = await compare({ base: { treatment: id }, horizonMonths: 12, options: [{ name: 'plain' }] });
      const note = (code: string) => c.notes.find((n) => n.code === code);
      const insurance = note('insurance')!;
      expect(insurance.sources).toEqual(['seed-000-insurance']);
      if (treatment.category === 'therapeutic') {
        expect(insurance.text).toMatch(/medical purpose/i);
        expect(insurance.text).toMatch(/partly/);
        expect(insurance.text).toMatch(/rare/);
        expect(insurance.text).toMatch(/documentation/);
      } else {
        expect(insurance.text, `${id} (${treatment.category}) is cosmetic`).toMatch(/^Cosmetic .* not covered by health insurance/);
      }
      const hsa = note('hsa-fsa')!;
      expect(hsa.text).toMatch(/HSA or FSA/);
      expect(hsa.text).toMatch(/medical necessity/);
      expect(hsa.sources).toEqual(['seed-000-insurance']);
      // The estimate's note says maintenance is not in its total; in a scenario it is in the TCO.
      const maintenance = note('maintenance')!;
      expect(maintenance.text).not.toMatch(/not included/);
      expect(maintenance.text).toMatch(/included in totalCostOfOwnership/);
      expect(note('consultation')).toBeDefined();
    }
  });
});

describe('POST /v1/scenarios: financing', () => {
  it('$10,000 at 6% APR over 60 months is $193.33 a month (the published example)', async () => {
    // 30 skin-rejuvenation sessions at the typical $360.00 are $10,800.00; $800.00 down leaves $10,000.00.
    const c = await compare({ base: { treatment: 'skin-rejuvenation', sessions: 30 }, horizonMonths: 0, options: [{ name: 'loan', financing: { aprPercent: '6', months: 60, downPayment: '800.00' } }] });
    const o = c.options[0]!;
    expect(o.levels.typical.courseTotal).toBe('10800.00');
    expect(o.levels.typical.financing).toMatchObject({ financed: '10000.00', monthlyPayment: '193.33' });
    expect(o.schedule![0]).toEqual({ month: 1, payment: '193.33', interest: '50.00', principal: '143.33', balance: '9856.67' });
    expect(o.schedule).toHaveLength(60);
    expectFinancingExact(o, 2);
  });

  it('0% APR is exact division, rounded up by default: $1,800.00 over 7 months is 6 × $257.15 and a last payment of $257.10, no interest', async () => {
    const c = await compare({ base: { treatment: 'skin-rejuvenation' }, horizonMonths: 0, options: [{ name: 'free credit', financing: { aprPercent: '0', months: 7 } }] });
    const o = c.options[0]!;
    expect(o.financing!.paymentRounding).toBe('up');
    expect(o.schedule!.map((r) => r.payment)).toEqual([...Array(6).fill('257.15'), '257.10']);
    expect(o.levels.typical.financing).toEqual({ financed: '1800.00', monthlyPayment: '257.15', totalInterest: '0.00', totalPaid: '1800.00' });
    expectFinancingExact(o, 2);
  });

  it('paymentRounding "half-up" rounds to the nearest cent instead: 6 × $257.14 and a last payment of $257.16', async () => {
    const c = await compare({ base: { treatment: 'skin-rejuvenation' }, horizonMonths: 0, options: [{ name: 'free credit', financing: { aprPercent: '0', months: 7, paymentRounding: 'half-up' } }] });
    const o = c.options[0]!;
    expect(o.financing!.paymentRounding).toBe('half-up');
    expect(o.schedule!.map((r) => r.payment)).toEqual([...Array(6).fill('257.14'), '257.16']);
    expect(o.levels.typical.financing).toEqual({ financed: '1800.00', monthlyPayment: '257.14', totalInterest: '0.00', totalPaid: '1800.00' });
    expectFinancingExact(o, 2);
  });

  it('every schedule sums to the cent and equals an independent exact computation (generated courses, APRs, terms, down payments, currencies with 0, 2 and 3 decimals)', async () => {
    await fc.assert(
      fc.asyncProperty(baseArb, packageArb, aprArb, fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 1100 }), fc.boolean(), roundingArb, async (base, pkg, apr, months, downPerMille, deferred, rounding) => {
        const e = await plainEstimate({ ...base, package: pkg });
        const units = e.currency.minorUnits as number;
        const down = fromMinor((minor(e.total.typical, units) * BigInt(downPerMille)) / 1000n, units);
        const financing = { aprPercent: apr, months, downPayment: down, deferredInterest: deferred, ...(rounding ? { paymentRounding: rounding } : {}) };
        const c = await compare({ base, horizonMonths: 12, options: [{ name: 'financed', package: pkg, financing }, { name: 'plain', package: pkg }] });
        const [financed, plain] = c.options as [Option, Option];
        // The terms as priced: the APR as a normalised decimal ("9.90" -> "9.9"), the rounding filled in.
        expect(financed.financing).toEqual({ ...financing, aprPercent: new Decimal(apr).toString(), downPayment: down, paymentRounding: rounding ?? 'up' });
        expectFinancingExact(financed, units);
        for (const level of LEVELS) {
          // Financing changes what is paid, never the course itself; its interest is the only extra.
          const [f, p] = [financed.levels[level], plain.levels[level]];
          expect(f.courseTotal).toBe(p.courseTotal);
          expect(minor(p.savings, units) - minor(f.savings, units)).toBe(minor(f.financing!.totalInterest, units));
        }
        const financedLevels = LEVELS.filter((level) => minor(financed.levels[level].financing!.financed, units) > 0n);
        expect(financed.warnings.some((w) => /deferred-interest/i.test(w))).toBe(deferred && financedLevels.length > 0);
        expectLevelWarnings(financed, units);
      }),
      { numRuns: 60 },
    );
  });

  it('a month whose interest is exactly half a cent rounds up: 738.00 at 13% APR is 7.995, so 8.00', async () => {
    // 1800.00 − 1062.00 down = 738.00 financed; 738.00 × 13 / 1200 = 7.995 exactly.
    const c = await compare({ base: { treatment: 'skin-rejuvenation' }, horizonMonths: 0, options: [{ name: 'tie', financing: { aprPercent: '13', months: 12, downPayment: '1062.00' } }] });
    const o = c.options[0]!;
    expect(o.schedule![0]).toMatchObject({ month: 1, interest: '8.00' });
    expectFinancingExact(o, 2);
  });

  describe('a plan whose payment only covers the interest, or ends on a balloon, is flagged at every level it concerns', () => {
    // The review's case: JPY (no minor unit), 99.99% APR over 119 months, 38,583 yen financed:
    // the interest is 38,583 × 99.99 / 1200 = 3,214.93, so 3,215; the exact payment 3,215.17
    // rounds half-up to 3,215, which repays nothing for 118 months, then a last payment of about
    // 13 times the others. The down payment is derived from the estimate, so the case survives
    // changes of the market data.
    const FINANCED = 38_583n;
    const body = async (paymentRounding?: 'up' | 'half-up') => {
      const base = { treatment: 'skin-rejuvenation', country: 'JP' };
      const e = await plainEstimate({ ...base, package: { kind: 'buy-n-get-m' } });
      const down = String(minor(e.total.typical, 0) - FINANCED);
      return { base, horizonMonths: 0, options: [{ name: 'x', package: { kind: 'buy-n-get-m' }, financing: { aprPercent: '99.99', months: 119, downPayment: down, ...(paymentRounding ? { paymentRounding } : {}) } }] };
    };

    it('half-up: the payment equals the first month\'s interest, the balance stands still for 118 months, the last payment is 13 times the others; warned', async () => {
      const o = (await compare(await body('half-up'))).options[0]!;
      const schedule = o.schedule!;
      const [first, last] = [schedule[0]!, schedule.at(-1)!];
      expect(o.levels.typical.financing!.financed).toBe(String(FINANCED));
      expect(first).toEqual({ month: 1, payment: '3215', interest: '3215', principal: '0', balance: String(FINANCED) });
      expect(schedule.slice(0, 118).every((r) => r.principal === '0')).toBe(true);
      expect(last.month).toBe(119);
      expect(Number(last.payment) / 3215).toBeGreaterThan(12);
      expect(o.warnings).toContain(`Typical level: The monthly payment of 3215 only covers the first month's interest of 3215: the balance does not go down, and the last payment has to repay it.`);
      const ratio = new Decimal(last.payment).div(3215).toSignificantDigits(3).toString();
      expect(o.warnings).toContain(`Typical level: The last payment, in month 119, is ${last.payment}: ${ratio} times the regular payment of 3215.`);
      expectLevelWarnings(o, 0);
      expectFinancingExact(o, 0);
    });

    it('up (the default): the payment repays from the first month, the last payment is the smallest, nothing to flag', async () => {
      for (const rounding of [undefined, 'up' as const]) {
        const o = (await compare(await body(rounding))).options[0]!;
        const schedule = o.schedule!;
        expect(o.financing!.paymentRounding).toBe('up');
        expect(Number(schedule[0]!.principal)).toBeGreaterThan(0);
        for (const level of LEVELS) {
          const f = o.levels[level].financing!;
          if (f.financed !== '0') expect(o.warnings.join(' ')).not.toMatch(/only covers|times the regular payment|rounds to 0/);
        }
        expect(Number(schedule.at(-1)!.payment)).toBeLessThanOrEqual(Number(o.levels.typical.financing!.monthlyPayment));
        expectLevelWarnings(o, 0);
        expectFinancingExact(o, 0);
      }
    });

    it('every level is checked, not only the typical one: generated long, dear plans in every currency', async () => {
      await fc.assert(
        fc.asyncProperty(baseArb, fc.integer({ min: 5000, max: 9999 }).map((h) => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`), fc.integer({ min: 60, max: 120 }), fc.integer({ min: 0, max: 900 }), async (base, apr, months, downPerMille) => {
          const e = await plainEstimate(base);
          const units = e.currency.minorUnits as number;
          const down = fromMinor((minor(e.total.low, units) * BigInt(downPerMille)) / 1000n, units);
          const c = await compare({ base, horizonMonths: 0, options: [{ name: 'x', financing: { aprPercent: apr, months, downPayment: down, paymentRounding: 'half-up' } }] });
          expectLevelWarnings(c.options[0]!, units);
          expectFinancingExact(c.options[0]!, units);
        }),
        { numRuns: 60 },
      );
    });

    it('a payment that rounds to 0.00 is flagged (half-up), and never happens rounded up', async () => {
      // 0.40 financed over 120 months is 0.0033 a month: 0.00 half-up, 0.01 up.
      const e = await plainEstimate({ treatment: 'skin-rejuvenation' });
      const down = fromMinor(minor(e.total.typical, 2) - 40n, 2);
      const options = (['half-up', 'up'] as const).map((paymentRounding) => ({ name: paymentRounding, financing: { aprPercent: '0', months: 120, downPayment: down, paymentRounding } }));
      const [halfUp, up] = (await compare({ base: { treatment: 'skin-rejuvenation' }, horizonMonths: 0, options })).options as [Option, Option];
      expect(halfUp.levels.typical.financing).toMatchObject({ financed: '0.40', monthlyPayment: '0.00' });
      expect(halfUp.warnings).toContain('Typical level: The monthly payment rounds to 0.00: nothing is repaid until month 120, whose payment is the whole 0.40.');
      expect(up.levels.typical.financing).toMatchObject({ financed: '0.40', monthlyPayment: '0.01' });
      expect(up.schedule).toHaveLength(40);
      expect(up.warnings).toContain('Typical level: The monthly payment, rounded to the currency\'s smallest unit, pays the balance off in 40 months instead of 120.');
      expectLevelWarnings(halfUp, 2);
      expectLevelWarnings(up, 2);
    });
  });

  it('break-even in months: the first month whose interest so far exceeds the discount; a financed prepaid course\'s break-even in sessions counts its interest', async () => {
    const c = await compare({
      base: { treatment: 'fat-reduction' },
      horizonMonths: 0,
      options: [
        { name: 'prepaid, financed', package: { kind: 'prepaid-course' }, financing: { aprPercent: '9.99', months: 24, downPayment: '200.00' } },
        { name: 'prepaid, interest-free', package: { kind: 'prepaid-course' }, financing: { aprPercent: '0', months: 24 } },
        { name: 'financed alone', financing: { aprPercent: '9.99', months: 24 } },
        { name: 'prepaid', package: { kind: 'prepaid-course' } },
      ],
    });
    const [financed, free, alone, cash] = c.options as [Option, Option, Option, Option];
    // 8 × 400.00 = 3200.00, 12% off: 2816.00 (discount 384.00); 2616.00 financed at 9.99% over 24 months.
    const t = financed.levels.typical;
    expect([t.courseTotal, t.discount]).toEqual(['2816.00', '384.00']);
    let interest = 0n;
    const month = financed.schedule!.find((r) => (interest += minor(r.interest, 2)) > minor(t.discount, 2))?.month ?? null;
    expect(financed.breakEvenMonth).toBe(month);
    expect(interest).toBe(minor(t.financing!.totalInterest, 2));
    expect(month).toBe(null); // 280.88 of interest over the whole plan stays within the 384.00 discount
    // Its break-even in sessions: (2816.00 + interest) / 400.00, rounded up.
    expect(financed.breakEvenSessions).toBe(Number(divUp(minor(t.courseTotal, 2) + minor(t.financing!.totalInterest, 2), minor(t.perSession, 2))));
    expect([free.breakEvenMonth, free.breakEvenSessions]).toEqual([null, 8]);
    expect(alone.breakEvenMonth).toBe(1); // no discount: the first month's interest is already a cost
    expect(alone.breakEvenSessions).toBe(null);
    expect([cash.breakEvenMonth, cash.breakEvenSessions]).toEqual([null, 8]);
  });

  it('break-even in months comes before the end of the plan when the interest outgrows the discount', async () => {
    const c = await compare({ base: { treatment: 'fat-reduction' }, horizonMonths: 0, options: [{ name: 'x', package: { kind: 'prepaid-course', discountPercent: '5' }, financing: { aprPercent: '24', months: 36 } }] });
    const o = c.options[0]!;
    const discount = minor(o.levels.typical.discount, 2); // 5% of 3200.00 = 160.00
    expect(discount).toBe(16000n);
    let interest = 0n;
    const rows = o.schedule!.map((r) => ({ month: r.month, total: (interest += minor(r.interest, 2)) }));
    const expected = rows.find((r) => r.total > discount)!.month;
    expect(o.breakEvenMonth).toBe(expected);
    expect(rows[expected - 2]!.total <= discount).toBe(true);
    expect(expected).toBeGreaterThan(1);
    expect(expected).toBeLessThan(36);
  });

  it('a deferred-interest promotion carries a plain warning of what happens if it is not paid off in time', async () => {
    const c = await compare({ base: { treatment: 'fat-reduction' }, horizonMonths: 0, options: [{ name: 'promo', financing: { aprPercent: '26.99', months: 12, deferredInterest: true } }] });
    const warning = c.options[0]!.warnings.join(' ');
    expect(warning).toMatch(/charged back to the purchase date on the whole amount financed/);
    expect(warning).toMatch(/Pay the balance off in full before the promotion ends/);
  });

  it('a down payment of the whole course finances nothing, with a warning', async () => {
    const c = await compare({ base: { treatment: 'skin-rejuvenation' }, horizonMonths: 0, options: [{ name: 'cash', financing: { aprPercent: '10', months: 12, downPayment: '1800.00' } }] });
    const o = c.options[0]!;
    expect(o.schedule).toEqual([]);
    expect(o.levels.typical.financing).toEqual({ financed: '0.00', monthlyPayment: '0.00', totalInterest: '0.00', totalPaid: '1800.00' });
    expect(o.warnings.join(' ')).toMatch(/nothing is financed/);
    expectFinancingExact(o, 2);
  });
});

const OPTION_COLUMNS = [
  'option', 'level', 'currency', 'sessions', 'perSession', 'listTotal', 'discount', 'courseTotal', 'effectivePerSession', 'freeSessions',
  'maintenanceSessions', 'maintenanceCost', 'monthlyPayment', 'totalInterest', 'totalPaid', 'totalCostOfOwnership', 'savings', 'breakEvenSessions', 'breakEvenMonth', 'dataVersion',
];

/** What a CSV cell of an option name holds: the name, with an apostrophe before a formula character. */
const nameCell = (name: string): string => (/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);

/** The CSV records the JSON answer implies, column by column. */
function expectedOptionRows(c: Comparison): Array<Record<string, string>> {
  return c.options.flatMap((o) =>
    LEVELS.map((level) => {
      const l = o.levels[level];
      return {
        option: nameCell(o.name), level, currency: c.currency.code, sessions: String(l.sessions), perSession: l.perSession, listTotal: l.listTotal,
        discount: l.discount, courseTotal: l.courseTotal, effectivePerSession: l.effectivePerSession, freeSessions: String(l.freeSessions),
        maintenanceSessions: String(l.maintenanceSessions), maintenanceCost: l.maintenanceCost, monthlyPayment: l.financing?.monthlyPayment ?? '',
        totalInterest: l.financing?.totalInterest ?? '', totalPaid: l.financing?.totalPaid ?? '', totalCostOfOwnership: l.totalCostOfOwnership, savings: l.savings,
        breakEvenSessions: level === 'typical' && o.breakEvenSessions !== null ? String(o.breakEvenSessions) : '',
        breakEvenMonth: level === 'typical' && o.breakEvenMonth !== null ? String(o.breakEvenMonth) : '', dataVersion: c.dataVersion,
      };
    }),
  );
}

function expectedScheduleRows(c: Comparison): Array<Record<string, string>> {
  return c.options.flatMap((o) => (o.schedule ?? []).map((r) => ({ option: nameCell(o.name), month: String(r.month), payment: r.payment, interest: r.interest, principal: r.principal, balance: r.balance })));
}

describe('POST /v1/scenarios: CSV', () => {
  const BODY = {
    base: { treatment: 'fat-reduction', country: 'FR' },
    horizonMonths: 36,
    options: [
      { name: 'pay per session' },
      { name: 'prepaid', package: { kind: 'prepaid-course', discountPercent: '15' } },
      { name: 'buy 6, get 2', package: { kind: 'buy-n-get-m', buy: 6, free: 2 }, financing: { aprPercent: '0', months: 10 } },
      { name: 'financed', financing: { aprPercent: '12.5', months: 18, downPayment: '300.50' } },
    ],
  };

  it('Accept: text/csv answers one row per option and level, text/csv; charset=utf-8, as an attachment, CRLF line ends, Vary: Accept', async () => {
    const res = await scenarios(BODY, { accept: 'text/csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="mesoquote-scenarios.csv"');
    expect(res.headers.vary).toMatch(/accept/i);
    expect(res.body.endsWith('\r\n')).toBe(true);
    expect(res.body.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const records = parseCsv(res.body);
    expect(records[0]).toEqual(OPTION_COLUMNS);
    expect(records.slice(1)).toHaveLength(BODY.options.length * 3);
  });

  it('parses back to the JSON figures, cell for cell (options and ?part=schedule), in EUR, JPY and KWD', async () => {
    for (const base of [BODY.base, { treatment: 'hair-restoration', country: 'JP' }, { treatment: 'pain-management', country: 'KW', sessions: 7 }]) {
      const body = { ...BODY, base, options: BODY.options.map((o) => (o.financing ? { ...o, financing: { ...o.financing, downPayment: undefined } } : o)) };
      const json = await compare(body);
      const options = await scenarios(body, { accept: 'text/csv' });
      expect(parseCsvObjects(options.body)).toEqual(expectedOptionRows(json));
      const schedule = await scenarios(body, { accept: 'text/csv' }, '?part=schedule');
      expect(schedule.statusCode).toBe(200);
      expect(schedule.headers['content-disposition']).toBe('attachment; filename="mesoquote-scenarios-schedule.csv"');
      expect(parseCsv(schedule.body)[0]).toEqual(['option', 'month', 'payment', 'interest', 'principal', 'balance']);
      const rows = parseCsvObjects(schedule.body);
      expect(rows).toEqual(expectedScheduleRows(json));
      expect(rows.length).toBe(10 + 18);
    }
  });

  it('quotes fields with commas, quotes, CR and LF (quotes doubled), and such names round-trip', async () => {
    const names = ['a, b', 'say "twelve"', 'two\nlines', 'cr\r\nlf', 'plain', ' spaced ', 'é ✓ 💉', '"', ','];
    const body = { base: { treatment: 'skin-rejuvenation' }, horizonMonths: 0, options: names.map((name) => ({ name, financing: { aprPercent: '5', months: 2 } })) };
    const res = await scenarios(body, { accept: 'text/csv' });
    expect(res.body).toContain('\r\n"a, b",low,USD,');
    expect(res.body).toContain('\r\n"say ""twelve""",low,');
    expect(res.body).toContain('\r\n"two\nlines",low,');
    expect(res.body).toContain('\r\nplain,low,');
    expect(res.body).toContain('\r\n"""",low,');
    expect(parseCsvObjects(res.body).map((r) => r.option)).toEqual(names.flatMap((n) => [n, n, n]));
    const schedule = await scenarios(body, { accept: 'text/csv' }, '?part=schedule');
    expect(parseCsvObjects(schedule.body).map((r) => r.option)).toEqual(names.flatMap((n) => [n, n]));
  });

  it('round-trips any option name (generated from commas, quotes, CR, LF, tabs, formula characters and text)', async () => {
    const char = fc.constantFrom(',', '"', '\r', '\n', '\t', ' ', '=', '+', '-', '@', "'", 'a', 'Z', '7', 'é', '✓', ';');
    const names = fc.uniqueArray(fc.string({ unit: char, minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(names, async (list) => {
        const body = { base: { treatment: 'scar-reduction' }, horizonMonths: 6, options: list.map((name) => ({ name })) };
        const [json, csv] = await Promise.all([compare(body), scenarios(body, { accept: 'text/csv' })]);
        expect(json.options.map((o) => o.name)).toEqual(list);
        expect(parseCsvObjects(csv.body)).toEqual(expectedOptionRows(json));
      }),
      { numRuns: 60 },
    );
  });

  it('guards against formula injection: a name starting with = + - @ (or tab, CR) gets a leading apostrophe in CSV, never in JSON', async () => {
    const names = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tTAB', 'safe =1'];
    const body = { base: { treatment: 'skin-rejuvenation' }, horizonMonths: 0, options: names.map((name) => ({ name, financing: { aprPercent: '1', months: 1 } })) };
    const json = await compare(body);
    expect(json.options.map((o) => o.name)).toEqual(names);
    for (const part of ['', '?part=schedule']) {
      const cells = parseCsvObjects((await scenarios(body, { accept: 'text/csv' }, part)).body).map((r) => r.option!);
      for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect([...new Set(cells)]).toEqual(["'=HYPERLINK(\"http://evil.example\",\"click\")", "'+1+1", "'-2+3", "'@SUM(A1:A2)", "'\tTAB", 'safe =1']);
    }
  });

  it('negative savings stay plain numbers in CSV (the guard is for text only)', async () => {
    const body = { base: { treatment: 'skin-rejuvenation' }, horizonMonths: 0, options: [{ name: 'dear', financing: { aprPercent: '20', months: 24 } }] };
    const row = parseCsvObjects((await scenarios(body, { accept: 'text/csv' })).body).find((r) => r.level === 'typical')!;
    expect(row.savings).toMatch(/^-\d+\.\d{2}$/);
  });

  it.each([
    ['no Accept', undefined, 'json'],
    ['*/*', '*/*', 'json'],
    ['application/json', 'application/json', 'json'],
    ['application/*', 'application/*', 'json'],
    ['JSON and CSV at the same q (JSON is the default)', 'text/csv, application/json', 'json'],
    ['text/csv', 'text/csv', 'csv'],
    ['text/csv with parameters', 'text/csv; charset=utf-8; header=present', 'csv'],
    ['text/*', 'text/*', 'csv'],
    ['CSV preferred by q', 'application/json;q=0.5, text/csv;q=0.9', 'csv'],
    ['JSON refused, anything else welcome', 'application/json;q=0, */*', 'csv'],
    ['CSV refused', 'text/csv;q=0, */*;q=0.1', 'json'],
    ['upper case', 'TEXT/CSV', 'csv'],
  ])('content negotiation: %s answers %s', async (_label, accept, expected) => {
    const res = await scenarios({ base: { treatment: 'skin-rejuvenation' }, horizonMonths: 0, options: [{ name: 'x' }] }, accept === undefined ? {} : { accept });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(expected === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
    expect(res.headers.vary).toMatch(/accept/i);
  });

  it('answers 406 not-acceptable problem+json naming application/json and text/csv when Accept allows neither', async () => {
    const res = await scenarios({ base: { treatment: 'skin-rejuvenation' }, horizonMonths: 0, options: [{ name: 'x' }] }, { accept: 'application/xml' });
    const body = expectProblem(res, 406, 'not-acceptable');
    expect(body.detail).toContain('application/json');
    expect(body.detail).toContain('text/csv');
  });

  it('errors stay problem+json when CSV is asked for', async () => {
    const res = await scenarios({ base: { treatment: 'botox' }, horizonMonths: 0, options: [{ name: 'x' }] }, { accept: 'text/csv' });
    expectFieldError(expectProblem(res, 422, 'unknown-treatment'), '/base/treatment');
  });

  it('?part must be options or schedule', async () => {
    const res = await scenarios({ base: { treatment: 'skin-rejuvenation' }, horizonMonths: 0, options: [{ name: 'x' }] }, { accept: 'text/csv' }, '?part=summary');
    expectFieldError(expectProblem(res, 400, 'validation-failed'), '/part', 'query');
  });
});

describe('POST /v1/scenarios: bad inputs are 4xx problems naming the field', () => {
  const valid = { base: { treatment: 'skin-rejuvenation' }, horizonMonths: 12, options: [{ name: 'x' }] };
  const withOption = (option: Record<string, unknown>) => ({ ...valid, options: [{ name: 'x', ...option }] });
  const financing = (f: Record<string, unknown>) => withOption({ financing: { aprPercent: '9.99', months: 24, ...f } });
  const pkg = (p: Record<string, unknown>) => withOption({ package: p });

  it.each([
    ['APR 100', financing({ aprPercent: '100' }), '/options/0/financing/aprPercent'],
    ['APR 99.991', financing({ aprPercent: '99.991' }), '/options/0/financing/aprPercent'],
    ['APR "abc"', financing({ aprPercent: 'abc' }), '/options/0/financing/aprPercent'],
    ['APR "-1"', financing({ aprPercent: '-1' }), '/options/0/financing/aprPercent'],
    ['APR a number', financing({ aprPercent: 9.99 }), '/options/0/financing/aprPercent'],
    ['APR missing', withOption({ financing: { months: 12 } }), '/options/0/financing/aprPercent'],
    ['months 0', financing({ months: 0 }), '/options/0/financing/months'],
    ['months 121', financing({ months: 121 }), '/options/0/financing/months'],
    ['months 1.5', financing({ months: 1.5 }), '/options/0/financing/months'],
    ['downPayment "-1"', financing({ downPayment: '-1' }), '/options/0/financing/downPayment'],
    ['downPayment "abc"', financing({ downPayment: 'abc' }), '/options/0/financing/downPayment'],
    ['downPayment with 3 decimals in USD', financing({ downPayment: '200.001' }), '/options/0/financing/downPayment'],
    ['downPayment with decimals in JPY', { ...financing({ downPayment: '200.5' }), base: { treatment: 'skin-rejuvenation', country: 'JP' } }, '/options/0/financing/downPayment'],
    ['downPayment a number', financing({ downPayment: 200 }), '/options/0/financing/downPayment'],
    ['deferredInterest a string', financing({ deferredInterest: 'yes' }), '/options/0/financing/deferredInterest'],
    ['paymentRounding "down"', financing({ paymentRounding: 'down' }), '/options/0/financing/paymentRounding'],
    ['paymentRounding a number', financing({ paymentRounding: 1 }), '/options/0/financing/paymentRounding'],
    ['an unknown financing field', financing({ rate: '5' }), '/options/0/financing/rate'],
    ['percent 101', pkg({ kind: 'prepaid-course', discountPercent: '101' }), '/options/0/package/discountPercent'],
    ['percent "-5"', pkg({ kind: 'new-patient', discountPercent: '-5' }), '/options/0/package/discountPercent'],
    ['percent "abc"', pkg({ kind: 'prepaid-course', discountPercent: 'abc' }), '/options/0/package/discountPercent'],
    ['percent a number', pkg({ kind: 'prepaid-course', discountPercent: 12 }), '/options/0/package/discountPercent'],
    ['buy 0', pkg({ kind: 'buy-n-get-m', buy: 0, free: 1 }), '/options/0/package/buy'],
    ['buy 2.5', pkg({ kind: 'buy-n-get-m', buy: 2.5, free: 1 }), '/options/0/package/buy'],
    ['free 0', pkg({ kind: 'buy-n-get-m', buy: 4, free: 0 }), '/options/0/package/free'],
    ['free -1', pkg({ kind: 'buy-n-get-m', buy: 4, free: -1 }), '/options/0/package/free'],
    ['free = buy', pkg({ kind: 'buy-n-get-m', buy: 3, free: 3 }), '/options/0/package/free'],
    ['free > buy', pkg({ kind: 'buy-n-get-m', buy: 3, free: 5 }), '/options/0/package/free'],
    ['an unknown package kind', pkg({ kind: 'bogus' }), '/options/0/package/kind'],
    ['duplicate option names', { ...valid, options: [{ name: 'a' }, { name: 'b' }, { name: 'a' }] }, '/options/2/name'],
    ['no options', { ...valid, options: [] }, '/options'],
    ['21 options', { ...valid, options: Array.from({ length: 21 }, (_, i) => ({ name: `o${i}` })) }, '/options'],
    ['an empty name', withOption({ name: '' }), '/options/0/name'],
    ['a name of 101 characters', withOption({ name: 'n'.repeat(101) }), '/options/0/name'],
    ['a name that is a number', withOption({ name: 7 }), '/options/0/name'],
    ['an unknown option field', withOption({ colour: 'red' }), '/options/0/colour'],
    ['horizonMonths missing', { base: valid.base, options: valid.options }, '/horizonMonths'],
    ['horizonMonths -1', { ...valid, horizonMonths: -1 }, '/horizonMonths'],
    ['horizonMonths 601', { ...valid, horizonMonths: 601 }, '/horizonMonths'],
    ['horizonMonths 1.5', { ...valid, horizonMonths: 1.5 }, '/horizonMonths'],
    ['maintenanceSessionsPerYear 53', { ...valid, maintenanceSessionsPerYear: 53 }, '/maintenanceSessionsPerYear'],
    ['maintenanceSessionsPerYear 1.5', { ...valid, maintenanceSessionsPerYear: 1.5 }, '/maintenanceSessionsPerYear'],
    ['base missing', { horizonMonths: 0, options: valid.options }, '/base'],
    ['a package on the base', { ...valid, base: { treatment: 'skin-rejuvenation', package: { kind: 'none' } } }, '/base/package'],
    ['base sessions 0', { ...valid, base: { treatment: 'skin-rejuvenation', sessions: 0 } }, '/base/sessions'],
    ['an unknown top-level field', { ...valid, extra: 1 }, '/extra'],
  ])('400 validation-failed when %s', async (_label, payload, pointer) => {
    const res = await scenarios(payload);
    expectNoInternals(res.body);
    const problem = expectProblem(res, 400, 'validation-failed');
    const item = expectFieldError(problem, pointer);
    expect(problem.detail).toContain(pointer);
    expect(item.message.length).toBeGreaterThan(3);
  });

  it.each([
    ['an unknown treatment', { ...valid, base: { treatment: 'botox' } }, 'unknown-treatment', '/base/treatment'],
    ['an area the treatment does not allow', { ...valid, base: { treatment: 'skin-rejuvenation', areas: ['face', 'thighs'] } }, 'area-not-allowed', '/base/areas/1'],
    ['an unknown country', { ...valid, base: { treatment: 'skin-rejuvenation', country: 'XX' } }, 'unknown-country', '/base/country'],
    ['an unknown currency', { ...valid, base: { treatment: 'skin-rejuvenation', currency: 'XYZ' } }, 'unknown-currency', '/base/currency'],
    ['free ≥ the default buy (4)', { ...valid, options: [{ name: 'ok' }, { name: 'x', package: { kind: 'buy-n-get-m', free: 4 } }] }, 'invalid-package', '/options/1/package/free'],
  ])('422 when %s, pointing into the body', async (_label, payload, code, pointer) => {
    const res = await scenarios(payload);
    expectFieldError(expectProblem(res, 422, code as 'unknown-treatment'), pointer);
  });

  it('415 for a non-JSON body, 413 for a body over the limit, 405 for GET', async () => {
    expectProblem(await app.inject({ method: 'POST', url: '/v1/scenarios', payload: 'x', headers: { 'content-type': 'text/plain' } }), 415, 'unsupported-media-type');
    const huge = { ...valid, options: [{ name: 'x'.repeat(100) }], padding: 'y'.repeat(200_000) };
    expectProblem(await scenarios(huge), 413, 'payload-too-large');
    const get = await app.inject({ method: 'GET', url: '/v1/scenarios' });
    expectProblem(get, 405, 'method-not-allowed');
    expect(get.headers.allow).toBe('POST');
  });

  it('no generated body gets a 5xx: every answer is 200 or a 4xx problem', async () => {
    const junk = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.nat(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.nat(), { maxKeys: 2 }));
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, junk);
    const option = fc.record(
      {
        name: maybe(fc.string({ minLength: 1, maxLength: 10 })),
        package: maybe(fc.oneof(packageArb, fc.record({ kind: fc.constantFrom('prepaid-course', 'new-patient', 'buy-n-get-m'), discountPercent: junk, buy: junk, free: junk }, { requiredKeys: ['kind'] }))),
        financing: maybe(fc.record({ aprPercent: maybe(aprArb), months: maybe(fc.integer({ min: -5, max: 130 })), downPayment: maybe(fc.constantFrom('0', '10.00', '1.001', '99999999')), deferredInterest: maybe(fc.boolean()) }, { requiredKeys: [] })),
      },
      { requiredKeys: [] },
    );
    const body = fc.record(
      { base: maybe(baseArb), options: maybe(fc.array(option, { maxLength: 4 })), horizonMonths: maybe(fc.integer({ min: -10, max: 700 })), maintenanceSessionsPerYear: maybe(fc.integer({ min: -1, max: 60 })) },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom(undefined, 'text/csv'), async (payload, accept) => {
        const res = await scenarios(payload, accept ? { accept } : {});
        expect(statusOf(res), `${JSON.stringify(payload)} -> ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }),
      { numRuns: 300 },
    );
  });
});

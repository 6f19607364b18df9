// Packages on POST and GET /v1/estimates: every kind prices listTotal − discount = total at every
// level, never above the list price, shows in `adjustments`, takes its defaults from the catalog
// (data/packages.json), and bad package values are 4xx problems naming the field. The likely
// range stays inside the absolute one for generated requests with packages.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realData, testApp } from '../support/app.js';
import { expectFieldError, expectNoInternals, expectProblem } from './http-helpers.js';

const LEVELS = ['low', 'typical', 'high'] as const;
const PACKAGES_FILE = JSON.parse(readFileSync(new URL('../../data/packages.json', import.meta.url), 'utf8')) as {
  kinds: Array<{ id: string; sources: string[]; defaults?: Record<string, { value: string | number; source: string }> }>;
};

let app: FastifyInstance;

beforeAll(async () => {
  app = await testApp();
});

afterAll(async () => {
  await app?.close();
});

type Estimate = Record<string, any>;

const post = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/v1/estimates', payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });

async function estimate(payload: unknown): Promise<Estimate> {
  const res = await post(payload);
  expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
  return JSON.parse(res.body) as Estimate;
}

/** "1800.00" -> 180000n with `units` decimals: money compared as integers, never floats. */
function minor(amount: string, units: number): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) throw new Error(`not an amount: ${amount}`);
  expect((match[2] ?? '').length, `${amount} has ${units} decimals`).toBe(units);
  return BigInt(`${match[1]}${match[2] ?? ''}`);
}

/** The package laws every answer obeys, at every level. */
function expectPackageLaws(e: Estimate): void {
  const units = e.currency.minorUnits as number;
  for (const level of LEVELS) {
    const [list, discount, total] = [minor(e.listTotal[level], units), minor(e.discount[level], units), minor(e.total[level], units)];
    const perSession = minor(e.perSession[level], units);
    const sessions = BigInt(e.sessions[level]);
    expect(list, `${level}: listTotal = perSession × sessions`).toBe(perSession * sessions);
    expect(list - discount, `${level}: listTotal − discount = total`).toBe(total);
    expect(discount >= 0n && total <= list && total >= 0n, `${level}: 0 ≤ total ≤ listTotal`).toBe(true);
    // effectivePerSession = round(total / sessions), half-up.
    expect(minor(e.effectivePerSession[level], units), `${level}: effectivePerSession`).toBe((2n * total + sessions) / (2n * sessions));
  }
  const adjustment = (e.adjustments as Array<Record<string, any>>).filter((a) => a.kind === 'package');
  if (e.request.package.kind === 'none') {
    expect(adjustment).toEqual([]);
    for (const level of LEVELS) expect(minor(e.discount[level], units), `${level}: no discount without a package`).toBe(0n);
  } else {
    expect(adjustment).toHaveLength(1);
    expect(adjustment[0]).toMatchObject({ id: e.request.package.kind, amounts: e.discount });
    expect(adjustment[0]!.sources.length).toBeGreaterThan(0);
    const ids = (e.sources as Array<{ id: string }>).map((s) => s.id);
    for (const id of adjustment[0]!.sources as string[]) expect(ids).toContain(id);
  }
}

describe('POST /v1/estimates with each package kind', () => {
  it.each([
    ['none', { kind: 'none' }, ['0.00', '0.00', '0.00'], ['750.00', '1800.00', '3600.00']],
    // 12% of 750.00 / 1800.00 / 3600.00.
    ['prepaid-course (default 12%)', { kind: 'prepaid-course' }, ['90.00', '216.00', '432.00'], ['660.00', '1584.00', '3168.00']],
    // 3, 5 and 6 sessions: no complete group of 5 at 3; one free session at 5 and at 6.
    ['buy-n-get-m (default buy 4 get 1)', { kind: 'buy-n-get-m' }, ['0.00', '360.00', '600.00'], ['750.00', '1440.00', '3000.00']],
    // 20% of one session: 250.00, 360.00, 600.00.
    ['new-patient (default 20%)', { kind: 'new-patient' }, ['50.00', '72.00', '120.00'], ['700.00', '1728.00', '3480.00']],
    ['prepaid-course 12.5%', { kind: 'prepaid-course', discountPercent: '12.5' }, ['93.75', '225.00', '450.00'], ['656.25', '1575.00', '3150.00']],
    ['buy 2 get 1', { kind: 'buy-n-get-m', buy: 2, free: 1 }, ['250.00', '360.00', '1200.00'], ['500.00', '1440.00', '2400.00']],
    ['new-patient 100%', { kind: 'new-patient', discountPercent: '100' }, ['250.00', '360.00', '600.00'], ['500.00', '1440.00', '3000.00']],
    ['prepaid-course 100%', { kind: 'prepaid-course', discountPercent: '100' }, ['750.00', '1800.00', '3600.00'], ['0.00', '0.00', '0.00']],
  ])('%s: skin rejuvenation at the baseline, exact discounts and totals', async (_label, pkg, discounts, totals) => {
    const e = await estimate({ treatment: 'skin-rejuvenation', package: pkg });
    expect(LEVELS.map((l) => e.listTotal[l])).toEqual(['750.00', '1800.00', '3600.00']);
    expect(LEVELS.map((l) => e.discount[l])).toEqual(discounts);
    expect(LEVELS.map((l) => e.total[l])).toEqual(totals);
    expectPackageLaws(e);
  });

  it('obeys the package laws for every treatment, kind and currency (0, 2 and 3 decimals)', async () => {
    for (const treatment of realData().catalog.treatments.keys()) {
      for (const country of ['US', 'JP', 'KW', 'FR']) {
        for (const pkg of [{ kind: 'none' }, { kind: 'prepaid-course' }, { kind: 'buy-n-get-m' }, { kind: 'new-patient' }, { kind: 'prepaid-course', discountPercent: '33.3333' }]) {
          expectPackageLaws(await estimate({ treatment, country, package: pkg }));
        }
      }
    }
  });

  it('a bigger discount never raises a price: total is non-increasing in discountPercent and in free sessions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...realData().catalog.treatments.keys()),
        fc.integer({ min: 1, max: 30 }),
        fc.constantFrom('prepaid-course', 'new-patient'),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        async (treatment, sessions, kind, a, b) => {
          const pct = (h: number) => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const [small, big] = await Promise.all([
            estimate({ treatment, sessions, package: { kind, discountPercent: pct(lo) } }),
            estimate({ treatment, sessions, package: { kind, discountPercent: pct(hi) } }),
          ]);
          for (const level of LEVELS) expect(minor(big.total[level], 2) <= minor(small.total[level], 2)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the package is part of the answer even when the same request without one was answered first', async () => {
    const plain = await estimate({ treatment: 'fat-reduction', country: 'BR' });
    const prepaid = await estimate({ treatment: 'fat-reduction', country: 'BR', package: { kind: 'prepaid-course' } });
    const again = await estimate({ treatment: 'fat-reduction', country: 'BR', package: { kind: 'prepaid-course', discountPercent: '30' } });
    expect(prepaid.request.package).toEqual({ kind: 'prepaid-course', discountPercent: '12' });
    expect(again.request.package).toEqual({ kind: 'prepaid-course', discountPercent: '30' });
    expect(prepaid.total.typical).not.toBe(plain.total.typical);
    expect(again.total.typical).not.toBe(prepaid.total.typical);
  });
});

describe('package defaults come from the catalog (data/packages.json)', () => {
  it('GET /v1/catalog lists every kind with the defaults and sources of data/packages.json', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/catalog' });
    const kinds = JSON.parse(res.body).packageKinds as typeof PACKAGES_FILE.kinds;
    expect(kinds.map((k) => k.id)).toEqual(['none', 'prepaid-course', 'buy-n-get-m', 'new-patient']);
    expect(kinds).toEqual(PACKAGES_FILE.kinds);
  });

  it('a kind without its figures is priced with those defaults, cited in sources', async () => {
    const defaults = Object.fromEntries(PACKAGES_FILE.kinds.map((k) => [k.id, k.defaults ?? {}]));
    const prepaid = await estimate({ treatment: 'hair-restoration', package: { kind: 'prepaid-course' } });
    expect(prepaid.request.package).toEqual({ kind: 'prepaid-course', discountPercent: defaults['prepaid-course']!.discountPercent!.value });
    const bngm = await estimate({ treatment: 'hair-restoration', package: { kind: 'buy-n-get-m' } });
    expect(bngm.request.package).toEqual({ kind: 'buy-n-get-m', buy: defaults['buy-n-get-m']!.buy!.value, free: defaults['buy-n-get-m']!.free!.value });
    const half = await estimate({ treatment: 'hair-restoration', package: { kind: 'buy-n-get-m', buy: 7 } });
    expect(half.request.package).toEqual({ kind: 'buy-n-get-m', buy: 7, free: defaults['buy-n-get-m']!.free!.value });
    const np = await estimate({ treatment: 'hair-restoration', package: { kind: 'new-patient' } });
    expect(np.request.package).toEqual({ kind: 'new-patient', discountPercent: defaults['new-patient']!.discountPercent!.value });
    for (const [e, kind] of [[prepaid, 'prepaid-course'], [bngm, 'buy-n-get-m'], [np, 'new-patient']] as const) {
      const ids = (e.sources as Array<{ id: string }>).map((s) => s.id);
      for (const figure of Object.values(defaults[kind]!)) expect(ids, `${kind} cites ${figure.source}`).toContain(figure.source);
    }
  });

  it.each(['none', 'prepaid-course', 'buy-n-get-m', 'new-patient'])('GET ?package=%s equals POST with {kind} alone', async (kind) => {
    const get = await app.inject({ method: 'GET', url: `/v1/estimates?treatment=pain-management&country=de&package=${kind}` });
    expect(get.statusCode).toBe(200);
    expect(JSON.parse(get.body)).toEqual(await estimate({ treatment: 'pain-management', country: 'DE', package: { kind } }));
  });
});

describe('bad package values are 4xx problems naming the field', () => {
  const withPackage = (pkg: unknown) => ({ treatment: 'skin-rejuvenation', package: pkg });

  it.each([
    ['discountPercent 101', { kind: 'prepaid-course', discountPercent: '101' }, '/package/discountPercent'],
    ['discountPercent 100.01', { kind: 'new-patient', discountPercent: '100.01' }, '/package/discountPercent'],
    ['discountPercent "-1"', { kind: 'prepaid-course', discountPercent: '-1' }, '/package/discountPercent'],
    ['discountPercent "abc"', { kind: 'prepaid-course', discountPercent: 'abc' }, '/package/discountPercent'],
    ['discountPercent ""', { kind: 'new-patient', discountPercent: '' }, '/package/discountPercent'],
    ['discountPercent a number', { kind: 'prepaid-course', discountPercent: 12 }, '/package/discountPercent'],
    ['discountPercent with 5 decimals', { kind: 'prepaid-course', discountPercent: '12.12345' }, '/package/discountPercent'],
    ['buy 0', { kind: 'buy-n-get-m', buy: 0, free: 1 }, '/package/buy'],
    ['buy 1', { kind: 'buy-n-get-m', buy: 1 }, '/package/buy'],
    ['buy 4.5', { kind: 'buy-n-get-m', buy: 4.5, free: 1 }, '/package/buy'],
    ['buy "4"', { kind: 'buy-n-get-m', buy: '4', free: 1 }, '/package/buy'],
    ['buy 101', { kind: 'buy-n-get-m', buy: 101, free: 1 }, '/package/buy'],
    ['free 0', { kind: 'buy-n-get-m', buy: 4, free: 0 }, '/package/free'],
    ['free -1', { kind: 'buy-n-get-m', free: -1 }, '/package/free'],
    ['free 1.5', { kind: 'buy-n-get-m', buy: 4, free: 1.5 }, '/package/free'],
    ['free = buy', { kind: 'buy-n-get-m', buy: 3, free: 3 }, '/package/free'],
    ['free > buy', { kind: 'buy-n-get-m', buy: 3, free: 4 }, '/package/free'],
    ['a figure another kind has', { kind: 'none', discountPercent: '5' }, '/package/discountPercent'],
    ['buy on a prepaid course', { kind: 'prepaid-course', buy: 5 }, '/package/buy'],
    ['an unknown kind', { kind: 'bogus' }, '/package/kind'],
    ['no kind', { discountPercent: '5' }, '/package/kind'],
    ['a string', 'prepaid-course', '/package'],
  ])('400 validation-failed when %s', async (_label, pkg, pointer) => {
    const res = await post(withPackage(pkg));
    expectNoInternals(res.body);
    expectFieldError(expectProblem(res, 400, 'validation-failed'), pointer);
  });

  it.each([
    ['free 4 against the default buy 4', { kind: 'buy-n-get-m', free: 4 }, '/package/free'],
    ['free 50 against the default buy 4', { kind: 'buy-n-get-m', free: 50 }, '/package/free'],
  ])('422 invalid-package when %s (one figure defaulted)', async (_label, pkg, pointer) => {
    const problem = expectProblem(await post(withPackage(pkg)), 422, 'invalid-package');
    const item = expectFieldError(problem, pointer);
    expect(item.message).toMatch(/the default/);
  });

  it('GET ?package= accepts only the kinds', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/estimates?treatment=skin-rejuvenation&package=half-price' });
    expectFieldError(expectProblem(res, 400, 'validation-failed'), '/package', 'query');
  });
});

describe('the likely range over HTTP', () => {
  const percent = fc.integer({ min: 0, max: 10_000 }).map((h) => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`);
  const pkg = fc.oneof(
    fc.constant(undefined),
    fc.constant({ kind: 'none' }),
    fc.record({ kind: fc.constant('prepaid-course'), discountPercent: percent }, { requiredKeys: ['kind'] }),
    fc.integer({ min: 2, max: 12 }).chain((buy) => fc.record({ kind: fc.constant('buy-n-get-m'), buy: fc.constant(buy), free: fc.integer({ min: 1, max: buy - 1 }) })),
    fc.record({ kind: fc.constant('new-patient'), discountPercent: percent }, { requiredKeys: ['kind'] }),
  );
  const request = fc.record(
    {
      treatment: fc.constantFrom(...realData().catalog.treatments.keys()),
      country: fc.constantFrom('US', 'FR', 'JP', 'KW', 'IN', 'CH', 'NG'),
      cityTier: fc.constantFrom('major-metro', 'city', 'town'),
      practitioner: fc.constantFrom('non-physician', 'physician', 'specialist'),
      sessions: fc.integer({ min: 1, max: 30 }),
      currency: fc.constantFrom('USD', 'EUR', 'JPY', 'BHD'),
      package: pkg,
    },
    { requiredKeys: ['treatment'] },
  );

  it('likely is ordered, p10 ≤ p50 ≤ p90, and within [total.low, total.high] (generated requests, packages included)', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (body) => {
        const e = await estimate(body);
        const units = e.currency.minorUnits as number;
        const [p10, p50, p90] = [minor(e.likely.p10, units), minor(e.likely.p50, units), minor(e.likely.p90, units)];
        const [low, high] = [minor(e.total.low, units), minor(e.total.high, units)];
        expect(low <= p10 && p10 <= p50 && p50 <= p90 && p90 <= high, JSON.stringify({ likely: e.likely, total: e.total })).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a buy-n-get-m deal that makes a longer course cheaper is noted on the estimate, as scenarios warn of it', () => {
  it('buy 6 get 2 on a 7-session course: a longer-course-cheaper note with what 7 and 8 sessions cost; the scenario warns of the same counts', async () => {
    const deal = { kind: 'buy-n-get-m', buy: 6, free: 2 };
    const [seven, eight] = await Promise.all([estimate({ treatment: 'fat-reduction', sessions: 7, package: deal }), estimate({ treatment: 'fat-reduction', sessions: 8, package: deal })]);
    const note = seven.notes.find((n: { code: string }) => n.code === 'longer-course-cheaper');
    expect(note, JSON.stringify(seven.notes)).toBeDefined();
    const costs = (e: Estimate) => LEVELS.map((l) => e.total[l]).join(' / ');
    expect(note.text).toContain(`7 sessions (low, typical, high) cost ${costs(seven)} USD, paying for 7; 8 sessions would cost ${costs(eight)} USD, paying for 6`);
    for (const id of note.sources) expect(seven.sources.map((s: { id: string }) => s.id)).toContain(id);
    expect(eight.notes.map((n: { code: string }) => n.code)).not.toContain('longer-course-cheaper');
    const scenario = await app.inject({ method: 'POST', url: '/v1/scenarios', payload: { base: { treatment: 'fat-reduction', sessions: 7 }, horizonMonths: 0, options: [{ name: 'deal', package: deal }] } });
    expect(scenario.json().options[0].warnings).toEqual(['With 7 sessions (low, typical, high), 1 more session would complete a group of 8 and cost less: 7 sessions pay for 7, 8 pay for 6.']);
  });

  it('not with the default deal, in the query form too', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/estimates?treatment=fat-reduction&sessions=7&package=buy-n-get-m' });
    expect(res.statusCode).toBe(200);
    expect(res.json().notes.map((n: { code: string }) => n.code)).not.toContain('longer-course-cheaper');
  });
});

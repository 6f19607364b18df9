// A buy-n-get-m package can make a longer course cheaper than a shorter one (buy 6 get 2: 7
// sessions pay for 7, 8 pay for 6). One rule decides it (longerCourseCheaper, packages.ts);
// scenarios warn by it and every estimate, market or clinic, carries a note stating the figures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../src/domain/catalog.js';
import { clinicEstimate } from '../../src/domain/clinic-estimate.js';
import { estimate, type Estimate, type EstimateRequest } from '../../src/domain/estimate.js';
import { dec } from '../../src/domain/money.js';
import { LONGER_COURSE_NOTE } from '../../src/domain/notes.js';
import { freeSessions, longerCourseCheaper, MAX_BUY, MIN_BUY, MIN_FREE } from '../../src/domain/packages.js';
import type { ClinicSheet } from '../../src/domain/price-sheet.js';
import { committedCatalog } from '../fixtures/committed-data.js';

const paid = (n: number, buy: number, free: number): number => n - freeSessions(n, buy, free);
const buyFreeArb = fc.integer({ min: MIN_BUY, max: 12 }).chain((buy) => fc.integer({ min: MIN_FREE, max: buy - 1 }).map((free) => ({ buy, free })));

describe('longerCourseCheaper: the one rule', () => {
  it('is defined exactly when some longer course pays for fewer sessions, and names the cheapest nearest one (brute force, fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), buyFreeArb, (n, { buy, free }) => {
        const longer = Array.from({ length: 3 * (buy + free) }, (_, i) => n + 1 + i);
        const cheaper = longer.filter((m) => paid(m, buy, free) < paid(n, buy, free));
        const rule = longerCourseCheaper(n, buy, free);
        if (cheaper.length === 0) {
          expect(rule).toBeUndefined();
          return;
        }
        expect(rule).toEqual({ sessions: n, paid: paid(n, buy, free), longer: cheaper[0], longerPaid: paid(cheaper[0]!, buy, free) });
        // The first cheaper course completes the group and is the cheapest of the longer ones up to the next group.
        expect(cheaper[0]! % (buy + free)).toBe(0);
        expect(Math.min(...longer.filter((m) => m <= cheaper[0]! + buy).map((m) => paid(m, buy, free)))).toBe(rule!.longerPaid);
      }),
      { numRuns: 3000 },
    );
  });

  it('never applies with one session free per group, nor to a course ending on a paid session up to `buy`', () => {
    for (let buy = MIN_BUY; buy <= MAX_BUY; buy += 1) for (let n = 1; n <= 3 * (buy + 1); n += 1) expect(longerCourseCheaper(n, buy, 1)).toBeUndefined();
    expect(longerCourseCheaper(6, 6, 2)).toBeUndefined(); // 6 pay for 6, 8 pay for 6: the same, not less
    expect(longerCourseCheaper(7, 6, 2)).toEqual({ sessions: 7, paid: 7, longer: 8, longerPaid: 6 });
    expect(longerCourseCheaper(6, 5, 3)).toEqual({ sessions: 6, paid: 6, longer: 8, longerPaid: 5 });
  });
});

describe('the estimate\'s note that a longer course would cost less', () => {
  const catalog = committedCatalog();
  const note = (e: Estimate) => e.notes.find((n) => n.code === LONGER_COURSE_NOTE);
  const sourcesOfKind = catalog.packages.kinds.get('buy-n-get-m')!.sources;

  it('buy 6 get 2 with 7 sessions: the note states what 7 and 8 sessions cost at each level, equal to the estimates for 7 and 8', () => {
    const request = (sessions: number): EstimateRequest => ({ treatment: 'fat-reduction', sessions, package: { kind: 'buy-n-get-m', buy: 6, free: 2 } });
    const [seven, eight] = [estimate(request(7), catalog), estimate(request(8), catalog)];
    const costs = (e: Estimate) => LEVELS.map((l) => e.total[l]).join(' / ');
    expect(note(seven)).toEqual({
      code: LONGER_COURSE_NOTE,
      text:
        'With buy 6, get 2 free, a longer course can cost less, because only a complete group of 8 sessions has sessions free: ' +
        `7 sessions (low, typical, high) cost ${costs(seven)} USD, paying for 7; 8 sessions would cost ${costs(eight)} USD, paying for 6.`,
      sources: sourcesOfKind,
    });
    for (const level of LEVELS) expect(dec(eight.total[level]).lt(dec(seven.total[level]))).toBe(true);
    for (const id of sourcesOfKind) expect(seven.sources.map((s) => s.id)).toContain(id);
    expect(note(eight)).toBeUndefined();
  });

  it('names each session count of the course range on its own, in the answer\'s currency', () => {
    // Skin rejuvenation: 3 / 5 / 6 sessions. Buy 4 get 3 (group 7): 3 pays for 3 (no longer course
    // pays less); 5 pays for 5 and 6 for 6, while 7 would pay for 4.
    const e = estimate({ treatment: 'skin-rejuvenation', country: 'JP', package: { kind: 'buy-n-get-m', buy: 4, free: 3 } }, catalog);
    expect(e.sessions).toEqual({ low: 3, typical: 5, high: 6 });
    const cost = (level: 'typical' | 'high', sessions: number) => dec(e.perSession[level]).times(sessions).toFixed(0);
    expect(note(e)?.text).toBe(
      'With buy 4, get 3 free, a longer course can cost less, because only a complete group of 7 sessions has sessions free: ' +
        `5 sessions (typical) cost ${cost('typical', 5)} JPY, paying for 5; 7 sessions would cost ${cost('typical', 4)} JPY, paying for 4; ` +
        `6 sessions (high) cost ${cost('high', 6)} JPY, paying for 6; 7 sessions would cost ${cost('high', 4)} JPY, paying for 4.`,
    );
    expect(cost('typical', 5)).toBe(e.total.typical);
    expect(cost('high', 6)).toBe(e.total.high);
  });

  it('appears exactly when a longer course would cost less at some level, for every treatment, course and buy-n-get-m deal (fast-check)', () => {
    const treatments = [...catalog.treatments.keys()];
    fc.assert(
      fc.property(fc.constantFrom(...treatments), fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), buyFreeArb, fc.constantFrom('US', 'FR', 'JP', 'KW'), (treatment, sessions, deal, country) => {
        const e = estimate({ treatment, country, sessions, package: { kind: 'buy-n-get-m', ...deal } }, catalog);
        const concerned = LEVELS.filter((l) => paid(e.sessions[l] + deal.buy + deal.free - (e.sessions[l] % (deal.buy + deal.free)), deal.buy, deal.free) < paid(e.sessions[l], deal.buy, deal.free));
        expect(note(e) !== undefined).toBe(concerned.length > 0);
        const text = note(e)?.text ?? '';
        for (const level of concerned) expect(text).toContain(e.total[level]);
      }),
      { numRuns: 400 },
    );
  });

  it('never appears with the default deal (buy 4 get 1) or another package kind', () => {
    for (const treatment of catalog.treatments.keys()) {
      for (let sessions = 1; sessions <= 30; sessions += 1) {
        for (const pkg of [{ kind: 'buy-n-get-m' as const }, { kind: 'prepaid-course' as const }, { kind: 'none' as const }]) {
          expect(note(estimate({ treatment, sessions, package: pkg }, catalog))).toBeUndefined();
        }
      }
    }
  });

  it('a clinic estimate states the clinic\'s own prices and course, not the market\'s', () => {
    const sheet: ClinicSheet = {
      clinicId: 'cl_test',
      clinicName: 'Test clinic',
      version: 1,
      createdAt: '2026-12-01T00:00:00.000Z',
      sheet: {
        country: 'FR',
        cityTier: 'city',
        practitioner: 'physician',
        currency: 'EUR',
        treatments: { 'skin-rejuvenation': { perSession: '150.00', sessions: { min: 3, typical: 7, max: 8 } } },
        packages: { 'buy-n-get-m': { buy: 6, free: 2 } },
      },
    };
    const e = clinicEstimate({ treatment: 'skin-rejuvenation', package: { kind: 'buy-n-get-m' } }, sheet, catalog);
    expect(e.sessions).toEqual({ low: 3, typical: 7, high: 8 });
    expect(e.total.typical).toBe('1050.00');
    const notes = e.notes.filter((n) => n.code === LONGER_COURSE_NOTE);
    expect(notes.map((n) => n.text)).toEqual([
      'With buy 6, get 2 free, a longer course can cost less, because only a complete group of 8 sessions has sessions free: 7 sessions (typical) cost 1050.00 EUR, paying for 7; 8 sessions would cost 900.00 EUR, paying for 6.',
    ]);
    // (The market's course, 3 / 5 / 6 sessions, has no such note: it is the clinic's course that does.)
    const short = clinicEstimate({ treatment: 'skin-rejuvenation', sessions: 3, package: { kind: 'buy-n-get-m' } }, sheet, catalog);
    expect(short.notes.some((n) => n.code === LONGER_COURSE_NOTE)).toBe(false);
    // A fixed course of 7 at the market's levels would be noted once, at the clinic's price, never twice.
    const fixed = clinicEstimate({ treatment: 'skin-rejuvenation', sessions: 7, package: { kind: 'buy-n-get-m' } }, sheet, catalog);
    expect(fixed.notes.filter((n) => n.code === LONGER_COURSE_NOTE)).toHaveLength(1);
    expect(fixed.notes.find((n) => n.code === LONGER_COURSE_NOTE)!.text).toContain('7 sessions (low, typical, high) cost 1050.00 / 1050.00 / 1050.00 EUR');
  });
});

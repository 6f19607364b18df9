// The notes of an estimate, word for word, built here from the catalog: which notes, in which
// order, and every figure they quote (course range, maintenance, evidence, market model).
import { beforeEach, describe, expect, it } from 'vitest';
import { estimate, type Estimate } from '../../src/domain/estimate.js';
import { longerCourseNotes, maintenanceNote } from '../../src/domain/notes.js';
import { committedCatalog } from '../fixtures/committed-data.js';
import { freshCatalog } from './reference.js';

const committed = committedCatalog();
/** A fresh catalog per test (reference.ts, freshCatalog): nothing derived is shared between tests. */
let catalog = freshCatalog(committed);
beforeEach(() => {
  catalog = freshCatalog(committed);
});
const note = (e: Estimate, code: string) => e.notes.find((n) => n.code === code);
const { fittedOn } = catalog.market;

describe('estimate notes', () => {
  it('the baseline: consultation, insurance, HSA/FSA, maintenance, no published prices', () => {
    const t = catalog.treatments.get('skin-rejuvenation')!;
    const e = estimate({ treatment: 'skin-rejuvenation' }, catalog);
    const m = t.maintenance;
    expect(e.notes).toEqual([
      {
        code: 'consultation',
        text: 'This is an estimate. A consultation with a qualified practitioner decides the real plan, the number of sessions and the price.',
        sources: ['seed-000-good-candidate'],
      },
      { code: 'insurance', text: 'Cosmetic mesotherapy is not covered by health insurance: expect to pay out of pocket.', sources: ['seed-000-insurance'] },
      {
        code: 'hsa-fsa',
        text: 'HSA or FSA funds may be usable, particularly where there is a medical necessity; check eligibility and documentation with the account provider.',
        sources: ['seed-000-insurance'],
      },
      {
        code: 'maintenance',
        text: `Results last about ${m.resultsLastMonths.min}-${m.resultsLastMonths.max} months after the last session; maintenance sessions (about ${m.sessionsPerYear} a year) are common and are not included in this total.`,
        sources: m.sources,
      },
      {
        code: 'no-published-prices',
        text: "No published prices for skin rejuvenation in United States are on file: the figures are the seed articles' own.".replace('United States', catalog.countries.get('US')!.name),
        sources: ['seed-000-type-of-mesotherapy'],
      },
    ]);
  });

  it('therapeutic treatments: insurance may occasionally cover part', () => {
    expect(note(estimate({ treatment: 'pain-management' }, catalog), 'insurance')!.text).toBe(
      'Used for a medical purpose such as pain management, mesotherapy may occasionally be partly covered by health insurance, but this is rare and needs strong justification and documentation from the healthcare provider. Expect to pay out of pocket.',
    );
  });

  it('outside the baseline: the market model, modelled prices, and a converted currency', () => {
    const country = catalog.countries.get('IS')!;
    const e = estimate({ treatment: 'pain-management', country: 'IS', currency: 'USD' }, catalog);
    expect(e.notes.map((n) => n.code)).toEqual(['consultation', 'insurance', 'maintenance', 'market-model', 'no-published-prices', 'currency-converted']);
    expect(note(e, 'market-model')).toEqual({
      code: 'market-model',
      text: `Prices for ${country.name} are the seed articles' US prices moved by a market model fitted to ${fittedOn.observations} published clinic and salon prices in ${fittedOn.countries} countries (price level, practitioner, city and area). Low to high holds about 9 in 10 published prices; the likely range about 8 in 10.`,
      sources: [fittedOn.source],
    });
    expect(note(e, 'no-published-prices')).toEqual({
      code: 'no-published-prices',
      text: `No published prices for pain management in ${country.name} are on file: the figures are modelled from ${country.name}'s price level.`,
      sources: [fittedOn.source],
    });
    expect(note(e, 'currency-converted')).toEqual({
      code: 'currency-converted',
      text: `Amounts are shown in USD; clinics in ${country.name} charge in ${country.currency}, so the amount you pay moves with the exchange rate.`,
      sources: ['wdi-exchange-rate'],
    });
  });

  it('published prices: several with their range and median, or one', () => {
    const gb = estimate({ treatment: 'skin-rejuvenation', country: 'GB' }, catalog);
    const ev = gb.evidence!;
    expect(note(gb, 'published-prices')).toEqual({
      code: 'published-prices',
      text: `${ev.count} published prices for skin rejuvenation in ${catalog.countries.get('GB')!.name} are on file: ${ev.perSession.min} to ${ev.perSession.max} GBP (median ${ev.perSession.median}) a session; see evidence.`,
      sources: [fittedOn.source],
    });
    const single = [...catalog.evidence].find(([, list]) => list.length === 1);
    expect(single).toBeDefined();
    const [country, treatment] = single![0].split('|') as [string, string];
    const e = estimate({ treatment, country }, catalog);
    expect(note(e, 'published-prices')!.text).toBe(
      `One published price for ${catalog.treatments.get(treatment)!.name.toLowerCase()} in ${catalog.countries.get(country)!.name} is on file: ${e.evidence!.perSession.min} ${e.currency.code} a session; see evidence.`,
    );
  });

  it('a fixed course outside the usual range says so; at either end of the range it does not', () => {
    const t = catalog.treatments.get('fat-reduction')!;
    for (const sessions of [t.sessions.min - 1, t.sessions.max + 1]) {
      expect(note(estimate({ treatment: 'fat-reduction', sessions }, catalog), 'sessions-outside-range')).toEqual({
        code: 'sessions-outside-range',
        text: `${sessions} sessions is outside the usual course of ${t.sessions.min}-${t.sessions.max} sessions for fat reduction.`,
        sources: t.sessions.sources,
      });
    }
    for (const sessions of [t.sessions.min, t.sessions.max]) expect(note(estimate({ treatment: 'fat-reduction', sessions }, catalog), 'sessions-outside-range')).toBeUndefined();
  });
});

describe('maintenanceNote with maintenance counted (scenarios)', () => {
  const t = catalog.treatments.get('skin-rejuvenation')!;
  const m = t.maintenance;
  const lasts = `Results last about ${m.resultsLastMonths.min}-${m.resultsLastMonths.max} months after the last session; maintenance sessions (about ${m.sessionsPerYear} a year) are common`;

  it('none in the horizon', () => {
    expect(maintenanceNote(t, { sessions: 0, horizonMonths: 5, perYear: 2 }).text).toBe(`${lasts}. No maintenance session falls within the 5-month horizon at 2 a year, so none is counted here.`);
  });

  it('one, and several', () => {
    expect(maintenanceNote(t, { sessions: 1, horizonMonths: 6, perYear: 2 }).text).toBe(
      `${lasts}. Here 1 maintenance session (2 a year over the 6-month horizon after the course), at each level's list price, are included in totalCostOfOwnership; packages and financing cover the course only.`,
    );
    expect(maintenanceNote(t, { sessions: 4, horizonMonths: 24, perYear: 2 }).text).toBe(
      `${lasts}. Here 4 maintenance sessions (2 a year over the 24-month horizon after the course), at each level's list price, are included in totalCostOfOwnership; packages and financing cover the course only.`,
    );
    expect(maintenanceNote(t, { sessions: 4, horizonMonths: 24, perYear: 2 }).sources).toEqual(m.sources);
    expect(maintenanceNote(t, { sessions: 4, horizonMonths: 24, perYear: 2 }).code).toBe('maintenance');
    expect(maintenanceNote(t, { sessions: 0, horizonMonths: 5, perYear: 2 }).code).toBe('maintenance');
  });
});

describe('longerCourseNotes', () => {
  const usd = { code: 'USD', minorUnits: 2 };
  const per = { low: '100.00', typical: '110.00', high: '120.00' };

  it('one part per session count concerned, the levels sharing a count named together', () => {
    const notes = longerCourseNotes({ kind: 'buy-n-get-m', buy: 6, free: 2 }, { low: 7, typical: 7, high: 15 }, per, usd, catalog.packages);
    expect(notes).toEqual([
      {
        code: 'longer-course-cheaper',
        text:
          'With buy 6, get 2 free, a longer course can cost less, because only a complete group of 8 sessions has sessions free: ' +
          '7 sessions (low, typical) cost 700.00 / 770.00 USD, paying for 7; 8 sessions would cost 600.00 / 660.00 USD, paying for 6; ' +
          '15 sessions (high) cost 1560.00 USD, paying for 13; 16 sessions would cost 1440.00 USD, paying for 12.',
        sources: catalog.packages.kinds.get('buy-n-get-m')!.sources,
      },
    ]);
  });

  it('none for other packages or a course no longer one beats', () => {
    expect(longerCourseNotes({ kind: 'none' }, { low: 7, typical: 7, high: 7 }, per, usd, catalog.packages)).toEqual([]);
    expect(longerCourseNotes({ kind: 'buy-n-get-m', buy: 6, free: 2 }, { low: 6, typical: 8, high: 14 }, per, usd, catalog.packages)).toEqual([]);
  });
});

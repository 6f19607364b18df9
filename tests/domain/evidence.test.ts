// Evidence in every estimate: the published prices on file for its country and treatment, per
// session in the answer's currency, recomputed here from data/observations.json; a note in words;
// null and a "modelled" note where there are none. And the per-session likely range.
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { ObservationRecord } from '../../src/data/schema.js';
import { estimate } from '../../src/domain/estimate.js';
import { committedCatalog, committedData } from '../fixtures/committed-data.js';

const catalog = committedCatalog();
const observations = committedData().files['observations.json'].observations;

/** The published prices of a country and treatment, per session in `currency`, from the raw file. */
function expected(country: string, treatment: string, currency: string): { count: number; min: string; median: string; max: string; sources: string[] } {
  const rate = (code: string): Decimal => new Decimal(catalog.currencies.get(code)!.usdRate.value.toString());
  const minor = catalog.currencies.get(currency)!.minorUnits;
  const priced = observations
    .filter((o: ObservationRecord) => o.country === country && o.treatment === treatment)
    .map((o) => ({ id: o.id, value: new Decimal(o.perSession).div(rate(o.currency)).times(rate(currency)) }))
    .sort((a, b) => a.value.comparedTo(b.value) || a.id.localeCompare(b.id));
  const n = priced.length;
  const median = n % 2 === 1 ? priced[(n - 1) / 2]!.value : priced[n / 2 - 1]!.value.plus(priced[n / 2]!.value).div(2);
  const money = (v: Decimal): string => v.toFixed(minor, Decimal.ROUND_HALF_UP);
  return { count: n, min: money(priced[0]!.value), median: money(median), max: money(priced[n - 1]!.value), sources: priced.map((p) => p.id) };
}

describe('evidence: published prices for the estimate\'s country and treatment', () => {
  const pairs = [...new Set(observations.map((o) => `${o.country}|${o.treatment}`))].map((k) => k.split('|') as [string, string]);

  it('every country and treatment with published prices carries them, in its own currency', () => {
    expect(pairs.length).toBeGreaterThan(20);
    for (const [country, treatment] of pairs) {
      const e = estimate({ treatment, country }, catalog);
      const x = expected(country, treatment, e.currency.code);
      expect(e.evidence, `${country} ${treatment}`).toEqual({ count: x.count, perSession: { min: x.min, median: x.median, max: x.max }, sources: x.sources });
    }
  });

  it('converts the published prices into another answer currency at the engine\'s rates', () => {
    for (const currency of ['USD', 'JPY', 'KWD']) {
      const e = estimate({ treatment: 'skin-rejuvenation', country: 'GB', currency }, catalog);
      const x = expected('GB', 'skin-rejuvenation', currency);
      expect(e.evidence?.perSession, currency).toEqual({ min: x.min, median: x.median, max: x.max });
    }
  });

  it('the UK face prices on file: nine, from a £100 salon session to a £400 London neck and décolletage', () => {
    const e = estimate({ treatment: 'skin-rejuvenation', country: 'GB' }, catalog);
    expect(e.evidence).toMatchObject({ count: 9, perSession: { min: '100.00', median: '200.00', max: '400.00' } });
    const note = e.notes.find((n) => n.code === 'published-prices');
    expect(note?.text).toBe('9 published prices for skin rejuvenation in UK are on file: 100.00 to 400.00 GBP (median 200.00) a session; see evidence.');
  });

  it('every evidence source is a published-price record served as a source', () => {
    const e = estimate({ treatment: 'hair-restoration', country: 'CA' }, catalog);
    for (const id of e.evidence!.sources) {
      const source = catalog.sources.get(id);
      expect(source?.kind, id).toBe('observation');
      expect(source).toMatchObject({ country: 'CA', treatment: 'hair-restoration' });
    }
  });

  it('with no published prices, evidence is null and a note says the figures are modelled from the price level', () => {
    const e = estimate({ treatment: 'fat-reduction', country: 'FR' }, catalog);
    expect(e.evidence).toBeNull();
    const note = e.notes.find((n) => n.code === 'no-published-prices');
    expect(note?.text).toBe("No published prices for fat reduction in France are on file: the figures are modelled from France's price level.");
    expect(e.notes.map((n) => n.code)).not.toContain('published-prices');
  });

  it('in the US, where the seeds price, the note says the figures are the articles\' own', () => {
    const e = estimate({ treatment: 'skin-rejuvenation' }, catalog);
    expect(e.evidence).toBeNull();
    expect(e.notes.find((n) => n.code === 'no-published-prices')?.text).toContain("the seed articles' own");
  });
});

describe('likelyPerSession: p10 = low + 0.2 (typical − low), p50 = typical, p90 = typical + 0.8 (high − typical)', () => {
  it('for the seeds\' band in the US and the market band elsewhere, rounded once like a price', () => {
    for (const request of [{ treatment: 'skin-rejuvenation' }, { treatment: 'hair-restoration', country: 'DE', cityTier: 'major-metro' as const }, { treatment: 'fat-reduction', country: 'JP', areas: ['chin'] }]) {
      const e = estimate(request, catalog);
      const minor = e.currency.minorUnits;
      // From the unrounded band: the band in USD times the multiplier (the adjustments' factors).
      const factors = e.adjustments.filter((a) => a.factor !== undefined).map((a) => new Decimal(a.factor!));
      const multiplier = factors.reduce((m, f) => m.times(f), new Decimal(1));
      const base = e.adjustments[0]!.amounts!;
      const [low, typical, high] = [base.low, base.typical, base.high].map((v) => new Decimal(v).times(multiplier));
      const money = (v: Decimal): string => v!.toFixed(minor, Decimal.ROUND_HALF_UP);
      expect(e.likelyPerSession, JSON.stringify(request)).toEqual({
        p10: money(low!.plus(typical!.minus(low!).times('0.2'))),
        p50: money(typical!),
        p90: money(typical!.plus(high!.minus(typical!).times('0.8'))),
      });
      expect(e.likelyPerSession.p50).toBe(e.perSession.typical);
    }
  });
});

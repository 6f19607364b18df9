// The widget's pure parts, without a browser: the request it sends, the words it shows for each
// step of an estimate, where the range bar puts things, country type-ahead and colour contrast.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateUrl, normaliseBase } from '../../src/widget/api.js';
import { BAR, barGeometry } from '../../src/widget/bar-geometry.js';
import { contrast, parseRgb, textOn } from '../../src/widget/contrast.js';
import { factorChange, moneyFormat } from '../../src/widget/format.js';
import { matchOptions } from '../../src/widget/match.js';
import { adjustmentInWords, packageLabel, type WordsContext } from '../../src/widget/plain-words.js';
import type { Adjustment, Catalog, Choice, Estimate } from '../../src/widget/types.js';
import { testApp } from '../support/app.js';

let app: FastifyInstance;
let catalog: Catalog;
beforeAll(async () => {
  app = await testApp();
  catalog = JSON.parse((await app.inject({ url: '/v1/catalog' })).body) as Catalog;
});
afterAll(async () => app.close());

const choice: Choice = { treatment: 'fat-reduction', areas: ['abdomen', 'thighs'], country: 'FR', cityTier: 'major-metro', practitioner: 'specialist', sessions: null, package: 'prepaid-course', currency: null };

describe('the request', () => {
  it('resolves the API base against the page and keeps a path prefix', () => {
    expect(normaliseBase('https://api.example', 'https://clinic.example/prices')).toBe('https://api.example/');
    expect(normaliseBase('https://example.org/mesoquote?x=1#y', 'https://clinic.example/')).toBe('https://example.org/mesoquote/');
    expect(normaliseBase('/quotes', 'https://clinic.example/prices/')).toBe('https://clinic.example/quotes/');
  });

  it('is a GET the API accepts, every field explicit, and the API prices exactly that', async () => {
    const url = estimateUrl('https://api.example/mesoquote/', { ...choice, sessions: 6, currency: 'USD' });
    expect(url).toBe('https://api.example/mesoquote/v1/estimates?treatment=fat-reduction&areas=abdomen%2Cthighs&country=FR&cityTier=major-metro&practitioner=specialist&sessions=6&package=prepaid-course&currency=USD');
    const res = await app.inject({ url: url.replace('https://api.example/mesoquote', '') });
    expect(res.statusCode).toBe(200);
    expect((JSON.parse(res.body) as Estimate).request).toMatchObject({ areas: ['abdomen', 'thighs'], sessions: 6, currency: 'USD', package: { kind: 'prepaid-course' } });
  });
});

describe('adjustments in plain words', () => {
  async function words(c: Choice, locale = 'en-US'): Promise<string[]> {
    const estimate = JSON.parse((await app.inject({ url: estimateUrl('http://x/', c).slice('http://x'.length) })).body) as Estimate;
    const ctx: WordsContext = { locale, catalog, estimate, countryName: (code) => (code === 'FR' ? 'France' : code === 'US' ? 'the United States' : code), currencyName: () => 'euros' };
    return estimate.adjustments.map((a) => adjustmentInWords(a, ctx));
  }

  it('says what each step did, in the order the API applied them', async () => {
    expect(await words(choice)).toEqual([
      'Starting point: outside the United States, a session of fat reduction at a doctor-led clinic in an average city costs $107.20 to $557.44, typically $268.00, at US price levels (fitted to published clinic prices).',
      'Abdomen + Thighs in one session: 54% more than the abdomen. The largest area is priced in full, each further area at half its price.',
      'Specialist: 25% more than a physician.',
      'Major metropolitan: 14% more than the national average.',
      'France: price level about 23% lower than in the United States.',
      'Converted from US dollars to euros (EUR) at 0.92389 per dollar, the 2024 average.',
      'A course usually takes 4 to 10 sessions; typically 8.',
      expect.stringMatching(/^Prepaid course: €[\d,.]+ off the typical course \(€[\d,.]+ to €[\d,.]+ across the range\)\.$/),
    ]);
  });

  it('calls the baseline a baseline and a chosen course a choice', async () => {
    const lines = await words({ ...choice, areas: ['abdomen'], country: 'US', cityTier: 'city', practitioner: 'physician', sessions: 3, package: 'none' });
    expect(lines.slice(1)).toEqual([
      'Abdomen: the usual area for this treatment, no change.',
      'Physician: no change.',
      'National average: no change.',
      'the United States: prices at the US level the articles describe, no change.',
      'Shown in US dollars.',
      'A course of 3 sessions, as chosen.',
    ]);
  });

  it('falls back to the API\'s own description for a step it does not know', () => {
    const estimate = { treatment: 'x', adjustments: [] } as unknown as Estimate;
    const ctx = { locale: 'en', catalog, estimate, countryName: String, currencyName: String } as WordsContext;
    // A kind a newer API might add: not in this build's types, so cast as an older widget would see it.
    const unknown = { kind: 'loyalty', description: 'Loyalty card: 5% off', sources: [] } as unknown as Adjustment;
    expect(adjustmentInWords(unknown, ctx)).toBe('Loyalty card: 5% off');
  });

  it('labels package kinds with their default figures', () => {
    expect(catalog.packageKinds.map((k) => packageLabel(k, 'en-US'))).toEqual([
      'Pay per session',
      'Prepaid course: 12% off the course',
      'Buy 4 sessions, get 1 free',
      'New-patient offer: 20% off the first session',
    ]);
  });
});

describe('numbers', () => {
  it('formats decimal strings exactly, in the currency\'s minor units', () => {
    expect(moneyFormat('en-US', 'USD', 2)('1800.00')).toBe('$1,800.00');
    expect(moneyFormat('en-US', 'JPY', 0)('272459')).toBe('¥272,459');
    expect(moneyFormat('en-US', 'KWD', 3)('12.345')).toBe('KWD\u00a012.345');
    // More digits than a double holds, still exact.
    expect(moneyFormat('en-US', 'USD', 2)('90071992547409.93')).toBe('$90,071,992,547,409.93');
  });

  it('turns a factor into a change in words', () => {
    expect(factorChange('en-US', '1.1')).toEqual({ direction: 'more', percent: '10%' });
    expect(factorChange('en-US', '0.5')).toEqual({ direction: 'less', percent: '50%' });
    expect(factorChange('en-US', '1')).toEqual({ direction: 'same', percent: '0%' });
    expect(factorChange('en-US', '1.004')).toEqual({ direction: 'more', percent: '0.4%' });
  });
});

describe('the range bar', () => {
  it('places low and high at the ends, typical and the likely band in proportion', () => {
    const g = barGeometry({ low: '100.00', typical: '400.00', high: '1100.00' }, { p10: '200.00', p50: '350.00', p90: '600.00' });
    const span = BAR.width - 2 * BAR.inset;
    expect(g.low).toBe(BAR.inset);
    expect(g.high).toBe(BAR.inset + span);
    expect(g.typical).toBeCloseTo(BAR.inset + 0.3 * span, 1);
    expect(g.likely?.from).toBeCloseTo(BAR.inset + 0.1 * span, 1);
    expect(g.likely?.to).toBeCloseTo(BAR.inset + 0.5 * span, 1);
  });

  it('draws a range of zero width in the middle, and no likely band when the API gives none', () => {
    const g = barGeometry({ low: '500', typical: '500', high: '500' });
    expect(g).toEqual({ low: BAR.width / 2, typical: BAR.width / 2, high: BAR.width / 2 });
  });
});

describe('country type-ahead', () => {
  const options = [
    { value: 'CI', label: "Côte d'Ivoire" },
    { value: 'US', label: 'United States' },
    { value: 'AE', label: 'United Arab Emirates' },
    { value: 'TZ', label: 'Tanzania' },
  ];
  it('finds a code first, then names that start with the text, then names that contain it, ignoring accents', () => {
    expect(matchOptions(options, 'us').map((o) => o.value)).toEqual(['US']);
    expect(matchOptions(options, 'uni').map((o) => o.value)).toEqual(['US', 'AE']);
    expect(matchOptions(options, 'ivoire').map((o) => o.value)).toEqual(['CI']);
    expect(matchOptions(options, 'cote').map((o) => o.value)).toEqual(['CI']);
    expect(matchOptions(options, 'tan').map((o) => o.value)).toEqual(['TZ']);
    expect(matchOptions(options, '')).toHaveLength(4);
    expect(matchOptions(options, 'zzz')).toEqual([]);
  });
});

describe('colour contrast', () => {
  it('computes WCAG ratios and picks readable text for an accent', () => {
    expect(contrast([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrast([10, 79, 150], [255, 255, 255])).toBeGreaterThan(7);
    expect(contrast([27, 30, 35], [255, 255, 255])).toBeGreaterThan(15);
    expect(textOn([10, 79, 150])).toBe('#ffffff');
    expect(textOn([255, 221, 0])).toBe('#111111');
    expect(parseRgb('rgb(10, 79, 150)')).toEqual([10, 79, 150]);
    expect(parseRgb('rgba(10 79 150 / 0.5)')).toEqual([10, 79, 150]);
    expect(parseRgb('oklch(0.5 0.1 200)')).toBeUndefined();
  });
});

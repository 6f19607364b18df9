// The widget's pure parts, without a browser: the request it sends, the words it shows for each
// step of an estimate, where the range bar puts things, country type-ahead and colour contrast.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateUrl, normaliseBase } from '../../src/widget/api.js';
import { BAR, barGeometry } from '../../src/widget/bar-geometry.js';
import { contrast, parseRgb, textOn } from '../../src/widget/contrast.js';
import { EN } from '../../src/i18n/en.js';
import { FR } from '../../src/i18n/fr.js';
import { MESSAGES } from '../../src/i18n/all.js';
import type { Language, Messages } from '../../src/i18n/messages.js';
import { noteInWords, sourceLink, sourceTitle } from '../../src/widget/explain.js';
import { factorChange, moneyFormat, roundAmount, shownMoney } from '../../src/widget/format.js';
import { matchOptions } from '../../src/widget/match.js';
import { adjustmentInWords, packageLabel, type WordsContext } from '../../src/widget/plain-words.js';
import { makeText, parseLabels } from '../../src/widget/text.js';
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
  async function words(c: Choice, locale = 'en-US', language: Language = 'en', messages: Messages = EN): Promise<string[]> {
    const estimate = JSON.parse((await app.inject({ url: estimateUrl('http://x/', c).slice('http://x'.length) })).body) as Estimate;
    return estimate.adjustments.map((a) => adjustmentInWords(a, context(estimate, locale, language, messages)));
  }

  it('says what each step did, in the order the API applied them', async () => {
    expect(await words(choice)).toEqual([
      // Outside the US in euros: no dollar figures for the patient to convert in their head.
      'Starting point: what a session of fat reduction costs at a doctor-led clinic in an average city, from published articles and clinic prices.',
      'Abdomen + Thighs in one session: 54% more than the abdomen. The largest area is priced in full, each further area at half its price.',
      'Specialist: 25% more than a physician.',
      'Major city: 14% more than the national average.',
      'France: price level about 23% lower than in the United States.',
      'Converted from US dollars to euros (EUR) at 0.92389 per dollar, the 2024 average.',
      'A course usually takes 4 to 10 sessions; typically 8.',
      expect.stringMatching(/^Prepaid course: €[\d,.]+ off the typical course \(€[\d,.]+ to €[\d,.]+ across the range\)\.$/),
    ]);
  });

  it('calls the baseline a baseline and a chosen course a choice', async () => {
    const lines = await words({ ...choice, areas: ['abdomen'], country: 'US', cityTier: 'city', practitioner: 'physician', sessions: 3, package: 'none' });
    expect(lines[0]).toMatch(/^Starting point: a session of fat reduction at a doctor-led clinic in an average US city costs \$[\d,.]+ to \$[\d,.]+, typically \$[\d,.]+\.$/);
    expect(lines.slice(1)).toEqual([
      'Abdomen: the usual area for this treatment, no change.',
      'Physician: no change.',
      'Average city: no change.',
      'the United States: prices at the US level, no change.',
      'Shown in US dollars.',
      'A course of 3 sessions, as chosen.',
    ]);
  });

  it('falls back to the API\'s own description for a step it does not know', () => {
    const estimate = { treatment: 'x', adjustments: [] } as unknown as Estimate;
    const ctx = { locale: 'en', text: makeText('en', EN, {}), catalog, estimate, money: String, countryName: String, currencyName: String } as WordsContext;
    // A kind a newer API might add: not in this build's types, so cast as an older widget would see it.
    const unknown = { kind: 'loyalty', description: 'Loyalty card: 5% off', sources: [] } as unknown as Adjustment;
    expect(adjustmentInWords(unknown, ctx)).toBe('Loyalty card: 5% off');
  });

  it('labels package kinds with their default figures', () => {
    expect(catalog.packageKinds.map((k) => packageLabel(k, 'en-US', makeText('en', EN, {})))).toEqual([
      'Pay per session',
      'Prepaid course: 12% off the course',
      'Buy 4 sessions, get 1 free',
      'New-patient offer: 20% off the first session',
    ]);
  });

  it('speaks French under fr-FR, numbers and all', async () => {
    const lines = (await words(choice, 'fr-FR', 'fr', FR)).map((l) => l.replace(/[\u00a0\u202f]/g, ' '));
    expect(lines.slice(1, 7)).toEqual([
      'Ventre + Cuisses en une séance : 54 % de plus que la zone « ventre ». La plus grande zone est facturée entièrement, chaque zone supplémentaire à la moitié de son prix.',
      'Spécialiste : 25 % de plus qu’un médecin.',
      'Grande métropole : 14 % de plus que la moyenne nationale.',
      'France : niveau des prix environ 23 % plus bas qu’aux États-Unis.',
      'Converti des dollars américains en euro (EUR) au taux de 0,92389 pour un dollar, moyenne de 2024.',
      'Une cure compte habituellement de 4 à 10 séances, le plus souvent 8.',
    ]);
  });
});

describe('notes and sources a patient reads', () => {
  async function estimateFor(c: Choice): Promise<Estimate> {
    return JSON.parse((await app.inject({ url: estimateUrl('http://x/', c).slice('http://x'.length) })).body) as Estimate;
  }
  const SEED_WORDS = /seed|\.txt|README|npm run|\d{3}_[0-9a-f]{16}/i;

  it('rebuilds every note from its code, with no seed numbers or file names, and HSA/FSA only in the US', async () => {
    for (const c of [choice, { ...choice, country: 'US', currency: null }, { ...choice, country: 'GB', sessions: 20, package: 'buy-n-get-m' }, { ...choice, treatment: 'pain-management', areas: ['joint'], country: 'DE', currency: 'USD' }]) {
      const estimate = await estimateFor(c);
      const ctx = context(estimate, 'en-US', 'en', EN);
      const notes = estimate.notes.map((n) => ({ code: n.code, text: noteInWords(n, ctx) }));
      for (const n of notes) if (n.text !== null) expect(n.text, n.code).not.toMatch(SEED_WORDS);
      expect(notes.some((n) => n.text?.includes('HSA'))).toBe(c.country === 'US');
    }
  });

  it('names the country where no preposition has to agree with it (au Royaume-Uni, im Vereinigten Königreich, nel Regno Unito, no Reino Unido)', async () => {
    const bare: Partial<Record<Language, string>> = { fr: 'en', de: 'in', it: 'in', pt: 'em', en: 'in' };
    const estimate = await estimateFor({ ...choice, country: 'GB', currency: 'EUR', sessions: 12, package: 'buy-n-get-m' });
    for (const [language, preposition] of Object.entries(bare) as Array<[Language, string]>) {
      const ctx = context(estimate, language, language, MESSAGES[language]);
      const name = ctx.countryName('GB');
      const notes = estimate.notes.map((n) => noteInWords(n, ctx)).filter((n): n is string => n !== null);
      expect(notes.filter((n) => n.includes(name)).length, language).toBeGreaterThan(1);
      for (const n of notes) expect(n, language).not.toContain(`${preposition} ${name}`);
    }
  });

  it('titles every source of the catalog readably, and links it to its dataset or to the API\'s page for it', () => {
    const estimate = { treatment: 'x', request: { country: 'US' } } as unknown as Estimate;
    for (const language of ['en', 'fr'] as const) {
      const ctx = context(estimate, language, language, language === 'en' ? EN : FR);
      for (const source of catalog.sources) {
        const title = sourceTitle(source as Estimate['sources'][number], ctx);
        expect(title, source.id).not.toMatch(SEED_WORDS);
        expect(title, source.id).not.toBe(ctx.text.t('sourceOther'));
      }
    }
    expect(sourceLink({ id: 'wdi-price-level' } as Estimate['sources'][number], 'https://api.example/', 'fr')).toBe('https://data.worldbank.org/indicator/PA.NUS.PPPC.RF');
    expect(sourceLink({ id: 'seed-000-insurance' } as Estimate['sources'][number], 'https://api.example/m/', 'fr')).toBe('https://api.example/m/sources/seed-000-insurance?lang=fr');
  });

  it('shows the API\'s own text for a note or a step it does not know, but never one naming a seed article or a file', () => {
    const estimate = { treatment: 'fat-reduction', request: { country: 'FR' } } as unknown as Estimate;
    const ctx = context(estimate, 'fr-FR', 'fr', FR);
    const note = (text: string) => noteInWords({ code: 'newer-note', text, sources: [] } as unknown as Estimate['notes'][number], ctx);
    expect(note('Prices rose in 2025.')).toBe('Prices rose in 2025.');
    expect(note("Prices for France are the seed articles' US prices")).toBeNull();
    expect(note('See the reference README.')).toBeNull();
    const step = (description: string) => adjustmentInWords({ kind: 'loyalty', description, sources: [] } as unknown as Adjustment, ctx);
    expect(step('Loyalty card: 5% off')).toBe('Loyalty card: 5% off');
    expect(step('(seed 000 Purpose: abdomen) 5% off')).toBe(FR.stepOther);
  });

  it('says a clinic\'s own price, its conversion and its price list in the patient\'s language, with no link to a page the API does not serve', () => {
    const clinic = { id: 'cl_0123456789abcdef', name: 'Clinique du Parc', sheetVersion: 3, priceSource: 'clinic' };
    const estimate = { treatment: 'skin-rejuvenation', request: { country: 'FR', sessions: null }, currency: { code: 'GBP', minorUnits: 2, usdRate: '0.78', rateYear: 2024 }, clinic } as unknown as Estimate;
    const own = { kind: 'clinic-price', id: 'face', description: "Clinique du Parc's own price per session (sheet version 3): face, 150.00 EUR", amounts: { low: '128.10', typical: '128.10', high: '128.10' }, sources: [] } as unknown as Adjustment;
    const converted = { kind: 'currency', id: 'GBP', factor: '0.854', description: 'EUR to GBP at 0.854', sources: [] } as unknown as Adjustment;
    const none = { kind: 'clinic-price', description: "Clinique du Parc's sheet (version 3) has no price for skin rejuvenation", sources: [] } as unknown as Adjustment;
    const sheet = { id: `clinic-${clinic.id}-v3`, kind: 'clinic', title: 'Price sheet of Clinique du Parc, version 3 (2026-12-01)' } as unknown as Estimate['sources'][number];
    const fr = context(estimate, 'fr-FR', 'fr', FR);
    const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
    expect(nb(adjustmentInWords(own, fr))).toBe('Tarif de Clinique du Parc pour une séance : 128,10 £GB.');
    expect(adjustmentInWords(converted, fr)).toBe('Converti de la devise de la grille tarifaire du cabinet en livre sterling (GBP) aux taux de change publiés.');
    expect(nb(adjustmentInWords(none, fr))).toBe('La grille tarifaire de Clinique du Parc n’a pas de prix pour rajeunissement de la peau ; les étapes suivantes donnent donc le prix habituel du marché près du cabinet.');
    expect(nb(sourceTitle(sheet, fr))).toBe('Clinique du Parc : grille tarifaire');
    expect(sourceLink(sheet, 'https://api.example/', 'fr')).toBeNull();
    const en = context(estimate, 'en-GB', 'en', EN);
    expect(adjustmentInWords(own, en)).toBe('Clinique du Parc’s own price for a session: £128.10.');
  });

  it('takes a clinic\'s own labels for the keys it knows, and names the ones it does not', () => {
    expect(parseLabels('{"title":"Votre devis","nope":"x","perSession":"y"}')).toEqual({ labels: { title: 'Votre devis' }, rejected: ['nope', 'perSession'] });
    expect(parseLabels('not json').rejected).toEqual(['(not JSON)']);
    expect(makeText('fr', FR, { title: 'Votre devis' }).t('title')).toBe('Votre devis');
  });
});

describe('rounding shown figures', () => {
  it('rounds decimal strings exactly: low down, high up, the rest half up', () => {
    expect(roundAmount('1234.56', 10, 'down')).toBe('1230');
    expect(roundAmount('1234.56', 10, 'up')).toBe('1240');
    expect(roundAmount('1235.00', 10, 'nearest')).toBe('1240');
    expect(roundAmount('1234.99', 10, 'nearest')).toBe('1230');
    expect(roundAmount('1240.00', 10, 'up')).toBe('1240');
    expect(roundAmount('1240.00', 10, 'down')).toBe('1240');
    expect(roundAmount('272459', 100, 'nearest')).toBe('272500');
    expect(roundAmount('12.345', 5, 'up')).toBe('15');
    expect(roundAmount('0.00', 50, 'up')).toBe('0');
    expect(roundAmount('90071992547409.93', 1, 'up')).toBe('90071992547410');
  });

  it('shows whole units when rounding, and the exact minor units otherwise', () => {
    const rounded = shownMoney('en-US', 'USD', 2, 10);
    expect([rounded.down('1234.56'), rounded.nearest('1234.56'), rounded.up('1234.56')]).toEqual(['$1,230', '$1,230', '$1,240']);
    expect(shownMoney('en-US', 'USD', 2, null).down('1234.56')).toBe('$1,234.56');
  });
});

function context(estimate: Estimate, locale: string, language: Language, messages: Messages): WordsContext {
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  const currencies = new Intl.DisplayNames([locale], { type: 'currency' });
  return {
    locale,
    text: makeText(language, messages, {}),
    catalog,
    estimate,
    money: estimate.currency ? moneyFormat(locale, estimate.currency.code, estimate.currency.minorUnits) : String,
    countryName: (code) => (code === 'US' && language === 'en' ? 'the United States' : (names.of(code) ?? code)),
    currencyName: (code) => (language === 'en' && code === 'EUR' ? 'euros' : (currencies.of(code) ?? code).toLowerCase()),
  };
}

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

  it('finds a country by its English name in another language\'s list', () => {
    const french = [{ value: 'DE', label: 'Allemagne', aliases: ['Germany'] }, { value: 'FR', label: 'France' }];
    expect(matchOptions(french, 'germ').map((o) => o.value)).toEqual(['DE']);
    expect(matchOptions(french, 'allem').map((o) => o.value)).toEqual(['DE']);
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

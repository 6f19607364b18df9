// The market model (scripts/fit-model.ts, scripts/model/*): the committed data files are exactly
// what the fit writes, the observation rules do what docs/accuracy.md says, the engine prices
// every published price as the fit does, and the documentation quotes today's validation.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { engineBands } from '../../scripts/calibration-coverage.js';
import { evidenceChartSvg } from '../../scripts/evidence-chart.js';
import { buildModel, fileText } from '../../scripts/fit-model.js';
import { countryFactor, likelyPractitioner, MIN_SOURCES, predictBand } from '../../scripts/model/fit.js';
import { median, ols, quantile } from '../../scripts/model/ols.js';
import { buildObservations, perSessionPrice, urlOf } from '../../scripts/model/observations.js';
import { loadData } from '../../src/data/load.js';
import { MarketModelFileSchema } from '../../src/data/schema.js';
import { DATA_DIR, ROOT } from '../fixtures/committed-data.js';

const build = buildModel(DATA_DIR);
const committed = (file: string): string => readFileSync(join(DATA_DIR, file), 'utf8');
const model = MarketModelFileSchema.parse(JSON.parse(committed('market-model.json')));
const { catalog } = loadData(DATA_DIR);

describe('npm run data:model', () => {
  for (const file of ['observations.json', 'market-model.json', 'tiers.json', 'areas.json'] as const) {
    it(`data/${file} is exactly what the fit writes`, () => {
      expect(committed(file), `data/${file} differs from its generator: run npm run data:model and commit the result`).toBe(fileText(build.files[file]));
    });
  }

  it('records the hash of every input it read, so a changed input shows', () => {
    for (const input of model.inputs) {
      const text = readFileSync(join(ROOT, input.file), 'utf8');
      expect(createHash('sha256').update(text).digest('hex'), input.file).toBe(input.sha256);
    }
  });

  it('fits only factors that at least MIN_SOURCES distinct sources carry, and cites the fit for them', () => {
    for (const c of build.coefficients.filter((x) => /^(practitioner|city-tier|area):/.test(x.name))) expect(c.sources, c.name).toBeGreaterThanOrEqual(MIN_SOURCES);
    const tiers = JSON.parse(committed('tiers.json')) as { practitioners: Array<{ id: string; factor: { source: string } }>; cityTiers: Array<{ id: string; factor: { source: string } }> };
    expect(tiers.practitioners.find((t) => t.id === 'non-physician')?.factor.source).toBe('market-model-fit');
    expect(tiers.cityTiers.find((t) => t.id === 'major-metro')?.factor.source).toBe('market-model-fit');
    // Too few sources: these keep their documented figures.
    expect(tiers.practitioners.find((t) => t.id === 'specialist')?.factor.source).toBe('assumption-specialist-premium');
    expect(tiers.cityTiers.find((t) => t.id === 'town')?.factor.source).toBe('city-premium-evidence');
  });

  it("publishes every country's factor as its price level ^ β to 4 decimals, 1 in the baseline", () => {
    const beta = new Decimal(model.priceLevelExponent.value);
    for (const c of catalog.countries.values()) {
      const expected = c.code === model.baselineCountry ? '1' : countryFactor(c.priceLevel.value, beta).toString();
      expect(model.countryFactors.values[c.code], c.code).toBe(expected);
      expect(new Decimal(expected).decimalPlaces()).toBeLessThanOrEqual(4);
    }
  });

  it('fits nothing on the baseline country: its prices are the seeds\'', () => {
    expect(build.observations.some((o) => o.country === model.baselineCountry)).toBe(false);
  });

  it('the validation is honest: cross-validated coverage is computed and at most the in-sample coverage', () => {
    const { inSample, crossValidated } = model.validation;
    expect(crossValidated.observations).toBe(build.observations.length);
    expect(crossValidated.inside).toBeLessThanOrEqual(inSample.inside);
    expect(crossValidated.curve.map((c) => c.width)).toEqual([3, 4, 5, 6]);
    // Wider bands never cover fewer prices.
    const shares = crossValidated.curve.map((c) => Number(c.coverage));
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
  });
});

describe('the engine prices each published price as the fit does', () => {
  const checks = engineBands(catalog, build.observations);
  const fitted = { factors: build.factors, inputs: build.inputs };

  it('estimate() gives every observation the fit\'s band, rounded to its currency', () => {
    for (const c of checks) {
      const o = c.observation;
      const band = predictBand(o, likelyPractitioner(o), fitted);
      const minor = catalog.currencies.get(o.currency)!.minorUnits;
      const round = (v: Decimal): string => v.toDecimalPlaces(minor, Decimal.ROUND_HALF_UP).toFixed(minor);
      expect([c.low, c.typical, c.high].map((v) => v.toFixed(minor)), o.id).toEqual([band.low, band.typical, band.high].map(round));
    }
  });

  it('the in-sample coverage the file reports is the engine\'s own', () => {
    expect(checks.filter((c) => c.position === 'inside').length).toBe(model.validation.inSample.inside);
  });
});

describe('the observation rules (docs/accuracy.md, "The data")', () => {
  const header1 = 'country,city,treatment,area,price_low,price_high,currency,unit,sessions_in_package,practitioner,year,source';
  const row1 = (o: Record<string, string>): Record<string, string> => Object.fromEntries(header1.split(',').map((k) => [k, o[k] ?? '']));
  const row2 = (o: Record<string, string>): Record<string, string> => ({
    country: 'PL', city: '', treatment: 'x', category: 'skin-rejuvenation', area: 'face', price_low: '100', price_high: '100', currency: 'PLN', unit: 'per_session',
    sessions_in_package: '', practitioner: '', venue: 'clinic', year: '', source: 'somewhere', ambiguous: '', ...o,
  });
  const reasons = (set: ReturnType<typeof buildObservations>): string[] => set.excluded.map((e) => e.reason);

  it('leaves out file 1 rows tagged [AMBIGUOUS], unclear units, unknown currencies and unclear treatments, each with its reason', () => {
    const set = buildObservations(
      [row1({ country: 'UK', treatment: 'face mesotherapy', area: 'face', price_low: '100', currency: 'GBP', unit: 'per_session', source: 'x [AMBIGUOUS: country]' })],
      [row2({ unit: 'unclear' }), row2({ currency: 'USD? ($)' }), row2({ category: 'unclear' })],
    );
    expect(set.observations).toEqual([]);
    expect(reasons(set)).toEqual([
      'tagged [AMBIGUOUS: country] in file 1: unclear unit, currency or country',
      "unit 'unclear': not clearly a session, package or course price",
      "currency 'USD? ($)' is not an ISO 4217 code",
      'the treatment is not stated clearly (category unclear)',
    ]);
  });

  it('leaves out demo data, needle-free mesotherapy and bundles with other treatments', () => {
    const set = buildObservations([], [
      row2({ ambiguous: 'demo seed in a chatbot app; developer-entered prices, not confirmed as clinic-published' }),
      row2({ treatment: 'Tű nélküli Mezoterápia – Elektroporáció' }),
      row2({ treatment: 'Ultrasound + Mesotherapy Combined' }),
      row2({ treatment: 'Mezoterapia igłowa' }),
    ]);
    expect(set.observations).toHaveLength(1);
    expect(reasons(set)).toEqual([
      'demo or seed data in a clinic app, not a price the clinic is shown to publish',
      'needle-free (device) mesotherapy: no injection, another service at another price',
      'the price bundles mesotherapy with another treatment',
    ]);
  });

  it("prices a package per session, a range at its midpoint, and marks 'from' and sale prices", () => {
    expect(perSessionPrice('499', '499', 3)).toBe('166.33');
    expect(perSessionPrice('150', '300', null)).toBe('225');
    const set = buildObservations([], [
      row2({ unit: 'package', sessions_in_package: '3', price_low: '499', price_high: '499' }),
      row2({ treatment: 'Mezoterapia igłowa (cena od)', ambiguous: '"od" (from) price', price_low: '300', price_high: '300' }),
      row2({ price_low: '420', price_high: '600', ambiguous: '420 discounted vs 600 regular price' }),
      row2({ unit: 'package' }),
    ]);
    expect(set.observations.map((o) => [o.perSession, o.kinds])).toEqual([
      ['166.33', ['package']],
      ['300', ['from']],
      ['510', ['sale']],
    ]);
    expect(reasons(set)).toEqual(['a package price without its number of sessions']);
  });

  it('merges a list and a sale price of one service into one observation, and drops file 1 rows file 2 repeats', () => {
    const list = row2({ country: 'CA', currency: 'CAD', city: 'Toronto', treatment: 'Vitamins (scalp)', category: 'hair-restoration', area: 'scalp', price_low: '399', price_high: '399', ambiguous: 'regular price' });
    const sale = { ...list, price_low: '199', price_high: '199', ambiguous: 'promotional sale price' };
    const repeated = row1({ country: 'Poland', treatment: 'mezoterapia igłowa (needle)', area: 'face', price_low: '150', price_high: '300', currency: 'PLN', unit: 'per_session', practitioner: 'beauty salon' });
    const set = buildObservations([repeated], [list, sale, row2({ price_low: '150', price_high: '300', venue: 'salon' })]);
    expect(set.observations.map((o) => [o.id, o.lines, o.priceLow, o.priceHigh, o.perSession, o.kinds, o.cityTier])).toEqual([
      ['observed-2-002', [2, 3], '199', '399', '299', ['sale'], 'major-metro'],
      ['observed-2-004', [4], '150', '300', '225', [], 'city'],
    ]);
    expect(set.excluded).toEqual([{ file: 1, line: 2, country: 'PL', label: 'mezoterapia igłowa (needle)', reason: 'repeated in file 2, which is kept' }]);
  });

  it('reads combined areas from the caveat, and fat reduction on the face as the chin', () => {
    const set = buildObservations([], [
      row2({ area: 'neck', treatment: 'Mezoterapia igłowa – twarz + szyja', ambiguous: 'face + neck combined' }),
      row2({ area: 'decolletage', ambiguous: 'face + neck + décolletage combined' }),
      row2({ area: 'face', category: 'fat-reduction', treatment: 'Light Fit (липолитик для лица)' }),
      row2({ area: '' }),
    ]);
    expect(set.observations.map((o) => o.areas)).toEqual([['face', 'neck'], ['face', 'neck', 'decolletage'], ['chin'], []]);
  });

  it('links an address when it is one', () => {
    expect(urlOf('github:dhrvsood/CadmenClinic src/doc/services/mesotherapy.js (general pricing)')).toBe('https://github.com/dhrvsood/CadmenClinic');
    expect(urlOf('www.hautpraxis-nuernberg.de (Alle Kosten transparent list)')).toBe('https://www.hautpraxis-nuernberg.de');
    expect(urlOf('github.com/dev-halas/m-esthetics pages/price-list.php@d04e76e')).toBe('https://github.com/dev-halas/m-esthetics');
    expect(urlOf('public clinic website source code on GitHub')).toBeNull();
    expect(urlOf('lifestyle.sapo.pt/.../as-microinjecoes')).toBeNull();
  });
});

describe('least squares and quantiles (scripts/model/ols.ts)', () => {
  it('recovers exact coefficients from data on a plane, with zero residuals', () => {
    const x = [[1, 0], [1, 1], [1, 2], [1, 3]];
    const fit = ols(x, [1, 3, 5, 7]);
    expect(fit.coefficients[0]).toBeCloseTo(1, 12);
    expect(fit.coefficients[1]).toBeCloseTo(2, 12);
    for (const r of fit.residuals) expect(Math.abs(r)).toBeLessThan(1e-12);
  });

  it('gives the textbook standard errors', () => {
    // y = a + b x on x = 1..5, y = 2, 4, 5, 4, 5: b = 0.6, a = 2.2, s² = 0.8 / 3, se(b) = sqrt(s² / 10).
    const fit = ols([1, 2, 3, 4, 5].map((v) => [1, v]), [2, 4, 5, 4, 5]);
    expect(fit.coefficients[1]).toBeCloseTo(0.6, 12);
    expect(fit.coefficients[0]).toBeCloseTo(2.2, 12);
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(2.4 / 3 / 10), 12);
  });

  it('refuses collinear columns and too few observations', () => {
    expect(() => ols([[1, 2], [2, 4], [3, 6]], [1, 2, 3])).toThrow(/combination/);
    expect(() => ols([[1, 2]], [1])).toThrow(/cannot fit/);
  });

  it('interpolates quantiles between order statistics (type 7)', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.05)).toBeCloseTo(1.2, 12);
    expect(quantile([5, 1, 4, 2, 3], 0.95)).toBeCloseTo(4.8, 12);
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});

describe('the documentation quotes the fit as it is', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'accuracy.md'), 'utf8');
  const pct = (n: number, of: number): string => `${n}/${of} = ${((100 * n) / of).toFixed(1)}%`;

  it('docs/accuracy.md states the current in-sample and cross-validated coverage, likely coverage and width', () => {
    const { inSample: s, crossValidated: cv } = model.validation;
    for (const quoted of [pct(s.inside, s.observations), pct(cv.inside, cv.observations), pct(cv.insideAnyTier, cv.observations), pct(cv.insideLikely, cv.observations), pct(s.insideLikely, s.observations)]) {
      expect(doc, `docs/accuracy.md does not quote ${quoted}: update it from npm run calibration`).toContain(quoted);
    }
    expect(doc).toContain(`| **${cv.medianWidth}** |`);
    expect(doc).toContain(`**${model.priceLevelExponent.value}**`);
    expect(doc).toContain(`**${model.band.low.value}, ${model.band.high.value}**`);
  });

  it('the README quotes the cross-validated coverage and likely coverage, with the command', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const cv = model.validation.crossValidated;
    expect(readme).toContain('npm run calibration');
    expect(readme, 'README.md does not quote the cross-validated coverage: update it from npm run calibration').toContain(`**${pct(cv.inside, cv.observations)}**`);
    expect(readme).toContain(`**${pct(cv.insideLikely, cv.observations)}**`);
  });

  it('the committed chart docs/published-prices-vs-band.svg is what npm run docs:evidence draws', async () => {
    expect(readFileSync(join(ROOT, 'docs', 'published-prices-vs-band.svg'), 'utf8'), 'run npm run docs:evidence and commit the chart').toBe(await evidenceChartSvg(DATA_DIR));
  });
});

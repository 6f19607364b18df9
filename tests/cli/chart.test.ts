// The committed chart in docs/ is what `mesoquote chart` draws from the committed data today, and
// drawing it twice gives the same bytes. Regenerate with `npm run docs:chart`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartRows, chartSpec, renderSvg } from '../../src/cli/chart.js';
import { localPricer } from '../../src/cli/pricer.js';
import { loadConfig } from '../../src/config.js';
import { ROOT, runCli } from '../support/cli.js';

const COMMITTED = join(ROOT, 'docs', 'skin-rejuvenation-by-country.svg');
// The countries seed 000 names ("Regional Popularity").
const SEED_COUNTRIES = ['AE', 'AU', 'BR', 'CA', 'CN', 'DE', 'ES', 'FR', 'GB', 'IT', 'JP', 'KR', 'MX', 'SA', 'US', 'ZA'];

describe('mesoquote chart', () => {
  it('draws the committed docs/ chart from the committed data, byte for byte', async () => {
    const cli = await runCli(['chart', '--treatment', 'skin-rejuvenation']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout, 'docs/skin-rejuvenation-by-country.svg is out of date: run `npm run docs:chart` and commit it').toBe(readFileSync(COMMITTED, 'utf8'));
  });

  it('gives the same SVG twice, one bar per seed country in one currency, dearest first', async () => {
    const pricer = localPricer(loadConfig({}).dataDir);
    const { rows, treatmentName, dataVersion } = await chartRows(pricer, 'hair-restoration', 'EUR');
    expect(rows.map((r) => r.code).sort()).toEqual(SEED_COUNTRIES);
    const typical = rows.map((r) => Number(r.typical));
    expect(typical).toEqual([...typical].sort((a, b) => b - a));
    const spec = chartSpec(rows, { treatmentName, currency: 'EUR', dataVersion });
    const first = await renderSvg(spec);
    expect(await renderSvg(spec)).toBe(first);
    expect(first).toMatch(/^<svg /);
    expect(first).toContain('Hair restoration: course total by country, EUR');
    // Every bar is labelled with its exact typical total and range.
    for (const r of rows) expect(first).toContain(`${r.typical}  (${r.low} to ${r.high})`);
  });

  it('exits 1 with the API problem for an unknown treatment or currency', async () => {
    const cli = await runCli(['chart', '--treatment', 'skin-rejuvenation', '--currency', 'XXX']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/^mesoquote: unknown-currency: /);
  });
});

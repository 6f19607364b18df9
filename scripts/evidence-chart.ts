// npm run docs:evidence: docs/published-prices-vs-band.svg, every published price the market model
// is fitted on, by country, against the band the engine gives for it. Each point is a price divided
// by the engine's typical price for its own treatment, areas, city tier and practitioner, so one
// scale serves every treatment and currency; the band and the likely range are the same multiples
// of the typical price everywhere outside the US. A test requires the committed file to equal this.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg } from '../src/cli/chart.js';
import { loadConfig } from '../src/config.js';
import { loadData } from '../src/data/load.js';
import { engineBands } from './calibration-coverage.js';
import { buildModel } from './fit-model.js';

export const EVIDENCE_CHART = join(fileURLToPath(new URL('..', import.meta.url)), 'docs', 'published-prices-vs-band.svg');

export async function evidenceChartSvg(dataDir: string): Promise<string> {
  const { catalog } = loadData(dataDir);
  const build = buildModel(dataDir);
  const checks = engineBands(catalog, build.observations);
  const names = new Map([...catalog.countries.values()].map((c) => [c.code, c.name]));
  const counts = new Map<string, number>();
  for (const c of checks) counts.set(c.observation.country, (counts.get(c.observation.country) ?? 0) + 1);
  // Plotting needs numbers: Number() only places the marks.
  const points = checks.map((c) => ({
    country: `${names.get(c.observation.country) ?? c.observation.country} (${counts.get(c.observation.country)})`,
    ratio: Number(c.observation.perSession) / Number(c.typical),
    position: c.position === 'inside' ? 'inside the band' : `${c.position} the band`,
    id: c.observation.id,
    price: `${c.observation.perSession} ${c.observation.currency}`,
  }));
  const band = catalog.market.band;
  const likely = { p10: 1 - 0.8 * (1 - band.low.value.toNumber()), p90: 1 + 0.8 * (band.high.value.toNumber() - 1) };
  const order = [...counts.keys()].sort((a, b) => (counts.get(b)! - counts.get(a)!) || a.localeCompare(b)).map((code) => `${names.get(code) ?? code} (${counts.get(code)})`);
  const cv = build.files['market-model.json'].validation.crossValidated;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Published per-session prices against the estimated band, by country',
      subtitle: [
        `Each point: a published price ÷ the engine's typical price for its treatment, areas, city tier and practitioner (log scale). Light: the band, × ${band.low.value.toString()} to × ${band.high.value.toString()};`,
        `dark: the likely range (p10-p90). ${build.observations.length} prices in ${counts.size} countries, against the committed model; left out country by country, ${cv.inside} of ${cv.observations} fall inside.`,
        `Data ${catalog.version.slice(0, 19)}; npm run calibration lists every point.`,
      ],
      anchor: 'start',
    },
    width: 560,
    height: { step: 18 },
    background: 'white',
    config: { font: 'sans-serif', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 }, legend: { orient: 'bottom' } },
    layer: [
      {
        data: { values: [{ low: band.low.value.toNumber(), high: band.high.value.toNumber(), p10: likely.p10, p90: likely.p90 }] },
        layer: [
          { mark: { type: 'rect', color: '#dbe6f1' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
          { mark: { type: 'rect', color: '#a9c4de' }, encoding: { x: { field: 'p10', type: 'quantitative' }, x2: { field: 'p90' } } },
          { mark: { type: 'rule', color: '#1f4e79', strokeWidth: 1.5 }, encoding: { x: { datum: 1, type: 'quantitative' } } },
        ],
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 42, opacity: 0.85 },
        encoding: {
          y: { field: 'country', type: 'nominal', sort: order, title: null, axis: { labelLimit: 220 } },
          x: {
            field: 'ratio',
            type: 'quantitative',
            scale: { type: 'log', domain: [0.1, 10] },
            title: 'published price ÷ estimated typical price',
            axis: { values: [0.1, 0.2, 0.5, 1, 2, 5, 10], format: '~g', grid: true },
          },
          color: { field: 'position', type: 'nominal', title: null, scale: { domain: ['inside the band', 'below the band', 'above the band'], range: ['#2e7d32', '#c62828', '#ef6c00'] } },
          tooltip: [{ field: 'id' }, { field: 'price' }, { field: 'ratio', format: '.2f' }],
        },
      },
    ],
  };
  return renderSvg(spec);
}

async function main(): Promise<void> {
  writeFileSync(EVIDENCE_CHART, await evidenceChartSvg(loadConfig({}).dataDir));
  console.log(`wrote ${EVIDENCE_CHART}`);
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) await main();

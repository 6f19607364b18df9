// `mesoquote chart`: the typical course total of one treatment with its low-high range across the
// countries the seed articles name, in one currency, as an SVG bar chart drawn by Vega-Lite in
// Node (no browser, no canvas: text is measured by Vega's built-in estimate, so the output is the
// same on every machine).
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { failure } from './exit-codes.js';
import type { Pricer } from './pricer.js';

export interface ChartRow {
  readonly country: string;
  readonly code: string;
  readonly low: string;
  readonly typical: string;
  readonly high: string;
}

interface CatalogForChart {
  dataVersion: string;
  treatments: Array<{ id: string; name: string }>;
  countries: Array<{ code: string; name: string; namedInSeeds: boolean }>;
}

/** The seed articles' countries priced for one treatment in one currency, dearest first. */
export async function chartRows(pricer: Pricer, treatment: string, currency: string): Promise<{ rows: ChartRow[]; treatmentName: string; dataVersion: string }> {
  const catalog = JSON.parse(await pricer.catalog()) as CatalogForChart;
  const t = catalog.treatments.find((x) => x.id === treatment);
  const countries = catalog.countries.filter((c) => c.namedInSeeds);
  const results = await pricer.estimateMany(countries.map((c) => ({ treatment, country: c.code, currency })));
  const rows: ChartRow[] = [];
  results.forEach((r, i) => {
    const c = countries[i];
    if (!c) return;
    if (!r.ok) throw failure(`cannot price ${treatment} in ${c.code}: ${r.problem.code}: ${r.problem.detail}`);
    rows.push({ country: c.name, code: c.code, low: r.estimate.total.low, typical: r.estimate.total.typical, high: r.estimate.total.high });
  });
  // Plotting needs numbers: Number() here only places marks; the labels print the exact strings.
  rows.sort((a, b) => Number(b.typical) - Number(a.typical) || a.code.localeCompare(b.code));
  return { rows, treatmentName: t?.name ?? treatment, dataVersion: catalog.dataVersion };
}

export function chartSpec(rows: readonly ChartRow[], title: { treatmentName: string; currency: string; dataVersion: string }): TopLevelSpec {
  const values = rows.map((r) => ({ ...r, label: `${r.country} (${r.code})`, range: `${r.typical}  (${r.low} to ${r.high})`, lowN: Number(r.low), typicalN: Number(r.typical), highN: Number(r.high) }));
  const y = { field: 'label', type: 'nominal' as const, sort: null, title: null, axis: { labelLimit: 240 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${title.treatmentName}: course total by country, ${title.currency}`,
      subtitle: `Bar and label: typical total; line and brackets: low to high. Countries named in the seed articles; data ${title.dataVersion.slice(0, 19)}`,
      anchor: 'start',
    },
    width: 560,
    height: { step: 22 },
    background: 'white',
    config: { font: 'sans-serif', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 } },
    data: { values },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8', height: { band: 0.6 } },
        encoding: {
          x: { field: 'typicalN', type: 'quantitative', title: `course total (${title.currency})`, axis: { format: ',.0f', grid: true } },
          tooltip: [{ field: 'typical' }, { field: 'low' }, { field: 'high' }],
        },
      },
      { mark: { type: 'rule', color: '#333', strokeWidth: 1.5 }, encoding: { x: { field: 'lowN', type: 'quantitative' }, x2: { field: 'highN' } } },
      { mark: { type: 'tick', color: '#333', thickness: 1.5, size: 10 }, encoding: { x: { field: 'lowN', type: 'quantitative' } } },
      { mark: { type: 'tick', color: '#333', thickness: 1.5, size: 10 }, encoding: { x: { field: 'highN', type: 'quantitative' } } },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#555' },
        encoding: { x: { field: 'highN', type: 'quantitative' }, text: { field: 'range' } },
      },
    ],
  };
}

/** The chart as SVG text; the same rows always give the same bytes. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}

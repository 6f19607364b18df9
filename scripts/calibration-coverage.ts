// How well does the regional model reproduce real clinic prices? For every row of
// data/reference/observed-prices-calibration.csv that is a per-session price in a known country,
// estimate the per-session low-high band for its country, city, treatment, area and practitioner
// (in the row's own currency) and count the rows whose price falls inside (npm run calibration).
// `--sweep` also reports coverage for other pass-through shares and non-physician factors.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Decimal } from 'decimal.js';
import { loadConfig, packageRoot } from '../src/config.js';
import { loadData } from '../src/data/load.js';
import type { CityTierId, PractitionerId } from '../src/data/schema.js';
import type { Catalog } from '../src/domain/catalog.js';
import { estimate } from '../src/domain/estimate.js';
import { dec } from '../src/domain/money.js';
import { parseCsvObjects } from './lib/csv.js';

export interface ObservedRow {
  readonly line: number;
  readonly country: string;
  readonly city: string;
  readonly treatmentText: string;
  readonly areaText: string;
  readonly priceLow: string;
  readonly priceHigh: string;
  readonly currency: string;
  readonly unit: string;
  readonly practitionerText: string;
  readonly ambiguous: boolean;
}

/** A row mapped onto the estimator's inputs, or the reason it cannot be compared. */
export type Mapped =
  | {
      readonly row: ObservedRow;
      readonly request: { treatment: string; areas: string[]; country: string; cityTier: CityTierId; practitioner: PractitionerId; currency: string };
      readonly practitionerStated: boolean;
    }
  | { readonly row: ObservedRow; readonly excluded: string };

const COUNTRY_CODES: Record<string, string> = {
  UK: 'GB', US: 'US', Thailand: 'TH', 'Saudi Arabia': 'SA', Mexico: 'MX', Portugal: 'PT', Canada: 'CA', Japan: 'JP',
  Kenya: 'KE', Malaysia: 'MY', 'South Korea': 'KR', Poland: 'PL', Italy: 'IT', Tunisia: 'TN', Spain: 'ES', India: 'IN',
  Malta: 'MT', Nigeria: 'NG', 'South Africa': 'ZA',
};
const MAJOR_METROS = new Set(['London', 'Bangkok']);

export function readObserved(path: string): ObservedRow[] {
  return parseCsvObjects(readFileSync(path, 'utf8')).map((r, i) => ({
    line: i + 2,
    country: r.country ?? '',
    city: r.city ?? '',
    treatmentText: r.treatment ?? '',
    areaText: r.area ?? '',
    priceLow: r.price_low ?? '',
    priceHigh: r.price_high ?? '',
    currency: r.currency ?? '',
    unit: r.unit ?? '',
    practitionerText: r.practitioner ?? '',
    ambiguous: (r.source ?? '').includes('[AMBIGUOUS'),
  }));
}

/**
 * The mapping rules, in order: hair or scalp -> hair-restoration on the scalp; cellulite ->
 * cellulite-reduction on the thighs; fat, lipo-, slimming, body or enzymes -> fat-reduction on the
 * abdomen; anything else is a face treatment (skin-rejuvenation, on the under-eye when it says so).
 * Practitioner: doctor, dermatologist, physician or medical -> physician; salon, beauty,
 * esthetician -> non-physician; otherwise (a bare "clinic") physician, the default, marked unstated.
 */
export function mapRow(row: ObservedRow): Mapped {
  if (row.unit !== 'per_session') return { row, excluded: `unit is '${row.unit}', not a per-session price` };
  const country = COUNTRY_CODES[row.country];
  if (!country) return { row, excluded: `country '${row.country}' is not known` };
  if (!/^[A-Z]{3}$/.test(row.currency)) return { row, excluded: `currency '${row.currency}' is not stated clearly` };
  const t = `${row.treatmentText} ${row.areaText}`.toLowerCase();
  let treatment: string;
  let area: string;
  if (/hair|scalp/.test(t)) [treatment, area] = ['hair-restoration', 'scalp'];
  else if (/cellulite/.test(t)) [treatment, area] = ['cellulite-reduction', 'thighs'];
  else if (/fat|lipo|slimming|corporal|enzim|\bbody\b/.test(t) && !/face/.test(row.areaText)) [treatment, area] = ['fat-reduction', 'abdomen'];
  else [treatment, area] = ['skin-rejuvenation', /under-eye/.test(t) ? 'under-eye' : 'face'];
  const p = row.practitionerText.toLowerCase();
  const salon = /salon|beauty|esthetician/.test(p);
  const physician = /doctor|dermatolog|physician|medical|mesosurgeon/.test(p);
  const practitioner: PractitionerId = salon && !physician ? 'non-physician' : 'physician';
  return {
    row,
    request: { treatment, areas: [area], country, cityTier: MAJOR_METROS.has(row.city) ? 'major-metro' : 'city', practitioner, currency: row.currency },
    practitionerStated: salon || physician,
  };
}

export interface RowResult {
  readonly mapped: Extract<Mapped, { request: unknown }>;
  readonly observedMid: Decimal;
  readonly low: Decimal;
  readonly high: Decimal;
  /** 'inside', or which side of the band the observed price is on. */
  readonly position: 'below' | 'inside' | 'above';
}

export interface Coverage {
  readonly compared: number;
  readonly inside: number;
  readonly below: number;
  readonly above: number;
  readonly share: string;
  readonly rows: readonly RowResult[];
  readonly excluded: ReadonlyArray<Extract<Mapped, { excluded: string }>>;
}

/** Coverage of the observed per-session prices by the catalog's per-session low-high bands. */
export function coverage(catalog: Catalog, rows: readonly ObservedRow[]): Coverage {
  const mapped = rows.map(mapRow);
  const results: RowResult[] = [];
  const excluded: Array<Extract<Mapped, { excluded: string }>> = [];
  for (const m of mapped) {
    if ('excluded' in m) {
      excluded.push(m);
      continue;
    }
    const e = estimate(m.request, catalog);
    const low = dec(e.perSession.low);
    const high = dec(e.perSession.high);
    // A row's price is the midpoint of its range ("from X" rows have only a low).
    const observedMid = m.row.priceHigh ? dec(m.row.priceLow).plus(m.row.priceHigh).div(2) : dec(m.row.priceLow);
    const position = observedMid.lt(low) ? 'below' : observedMid.gt(high) ? 'above' : 'inside';
    results.push({ mapped: m, observedMid, low, high, position });
  }
  const count = (p: RowResult['position']): number => results.filter((r) => r.position === p).length;
  const inside = count('inside');
  return {
    compared: results.length,
    inside,
    below: count('below'),
    above: count('above'),
    share: results.length === 0 ? '0' : new Decimal(inside).div(results.length).times(100).toFixed(0),
    rows: results,
    excluded,
  };
}

/** The same catalog with another pass-through share and non-physician factor, for the sweep. */
export function withModel(catalog: Catalog, passThrough: string, nonPhysician: string): Catalog {
  const practitioners = new Map(catalog.practitioners);
  const np = practitioners.get('non-physician');
  if (np) practitioners.set('non-physician', { ...np, factor: { ...np.factor, value: dec(nonPhysician) } });
  return { ...catalog, practitioners, priceLevelPassThrough: { ...catalog.priceLevelPassThrough, value: dec(passThrough) } };
}

function main(): void {
  const catalog = loadData(loadConfig({}).dataDir).catalog;
  const rows = readObserved(join(packageRoot(), 'data', 'reference', 'observed-prices-calibration.csv'));
  const c = coverage(catalog, rows);
  const out: string[] = [];
  out.push(`Calibration coverage (observed per-session price, midpoint of its range, inside the estimated per-session low-high band)`);
  out.push(`pass-through ${catalog.priceLevelPassThrough.value.toString()}, non-physician factor ${catalog.practitioners.get('non-physician')?.factor.value.toString()}`);
  out.push('');
  out.push('line  country treatment           area       practitioner   city         observed   band low - high        position');
  for (const r of c.rows) {
    const q = r.mapped.request;
    out.push(
      `${String(r.mapped.row.line).padEnd(5)} ${q.country.padEnd(7)} ${q.treatment.padEnd(19)} ${q.areas[0]!.padEnd(10)} ${(q.practitioner + (r.mapped.practitionerStated ? '' : '?')).padEnd(14)} ${q.cityTier.padEnd(12)} ${r.observedMid.toFixed(0).padStart(8)} ${q.currency} ${r.low.toFixed(0).padStart(8)} - ${r.high.toFixed(0).padEnd(8)} ${r.position}${r.mapped.row.ambiguous ? ' (ambiguous row)' : ''}`,
    );
  }
  out.push('');
  for (const x of c.excluded) out.push(`excluded line ${x.row.line} (${x.row.country}, ${x.row.treatmentText}): ${x.excluded}`);
  out.push('');
  out.push(`covered: ${c.inside} of ${c.compared} rows (${c.share}%); below the band: ${c.below}; above: ${c.above}; excluded: ${c.excluded.length}`);
  const clear = coverage(catalog, rows.filter((r) => !r.ambiguous));
  out.push(`without rows tagged [AMBIGUOUS]: ${clear.inside} of ${clear.compared} (${clear.share}%)`);

  if (process.argv.includes('--sweep')) {
    out.push('');
    out.push('sweep: coverage % by pass-through share (rows) and non-physician factor (columns)');
    const factors = ['0.4', '0.5', '0.6', '0.7', '0.8', '1'];
    out.push(`pass-through  ${factors.map((f) => f.padStart(6)).join('')}`);
    for (const a of ['0', '0.25', '0.5', '0.6', '0.7', '0.75', '0.8', '0.9', '1']) {
      const cells = factors.map((f) => {
        const s = coverage(withModel(catalog, a, f), rows);
        return `${s.inside}/${s.compared}`.padStart(6);
      });
      out.push(`${a.padEnd(13)} ${cells.join('')}`);
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();

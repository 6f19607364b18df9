// npm run calibration: how well the market model reproduces real published prices. Refits the
// model from data/reference/ (scripts/fit-model.ts, writing nothing), then prints
//   - every published price: the band the engine itself gives for its country, treatment, areas,
//     city tier and practitioner, and where the price falls (in-sample);
//   - coverage of the band and of the likely range, in-sample and left out country by country
//     (nested: a left-out country's prices set nothing, not even the band's width);
//   - the coverage a band of width 3, 4, 5 and 6 would have, so the trade-off is visible;
//   - the coefficients with their standard errors, and every excluded row with its reason.
// `--json` prints the validation as data/market-model.json holds it.
import { pathToFileURL } from 'node:url';
import { Decimal } from 'decimal.js';
import { loadConfig } from '../src/config.js';
import { loadData } from '../src/data/load.js';
import type { Catalog } from '../src/domain/catalog.js';
import { estimate } from '../src/domain/estimate.js';
import { buildModel, type ModelBuild } from './fit-model.js';
import { likelyPractitioner, type Validation } from './model/fit.js';
import type { Observation } from './model/observations.js';

export interface EngineCheck {
  readonly observation: Observation;
  readonly low: Decimal;
  readonly typical: Decimal;
  readonly high: Decimal;
  readonly p10: Decimal;
  readonly p90: Decimal;
  readonly position: 'below' | 'inside' | 'above';
}

/** Each observation against the band the engine (estimate()) gives for it, in its own currency. */
export function engineBands(catalog: Catalog, observations: readonly Observation[]): EngineCheck[] {
  return observations.map((o) => {
    const e = estimate(
      {
        treatment: o.treatment,
        ...(o.areas.length > 0 ? { areas: o.areas } : {}),
        country: o.country,
        cityTier: o.cityTier,
        practitioner: likelyPractitioner(o),
        currency: o.currency,
      },
      catalog,
    );
    const price = new Decimal(o.perSession);
    const [low, typical, high] = [e.perSession.low, e.perSession.typical, e.perSession.high].map((v) => new Decimal(v)) as [Decimal, Decimal, Decimal];
    return {
      observation: o,
      low,
      typical,
      high,
      p10: new Decimal(e.likelyPerSession.p10),
      p90: new Decimal(e.likelyPerSession.p90),
      position: price.lt(low) ? 'below' : price.gt(high) ? 'above' : 'inside',
    };
  });
}

const pct = (n: number, of: number): string => `${((100 * n) / of).toFixed(1)}%`;

function validationLines(title: string, v: Validation): string[] {
  return [
    title,
    `  inside the band (most likely tier):  ${v.inside}/${v.observations} = ${pct(v.inside, v.observations)}   (below ${v.below}, above ${v.above})`,
    `  inside the band (any tier, for rows that state none): ${v.insideAnyTier}/${v.observations} = ${pct(v.insideAnyTier, v.observations)}`,
    `  inside the likely range (p10-p90):   ${v.insideLikely}/${v.observations} = ${pct(v.insideLikely, v.observations)}`,
    `  median band width (high / low):      ${v.medianWidth.toString()}`,
    `  coverage at width:  ${v.curve.map((c) => `${c.width}: ${pct(c.inside, v.observations)} (any tier ${pct(c.insideAnyTier, v.observations)})`).join('   ')}`,
  ];
}

export function report(build: ModelBuild, catalog: Catalog): string {
  const m = build.files['market-model.json'];
  const out: string[] = [];
  out.push(`Market model: ${m.data.observations} published per-session prices in ${m.data.countries} countries (${m.data.firstYear}-${m.data.lastYear} where dated), ${m.data.excluded} rows excluded`);
  out.push(`  price-level exponent ${m.priceLevelExponent.value}; levels ${Object.entries(m.treatmentLevels).map(([g, l]) => `${g} ${l.value}`).join(', ')}; band × ${m.band.low.value} to × ${m.band.high.value}`);
  out.push('');
  out.push('coefficient                         estimate   std.err  observations  sources');
  for (const c of build.coefficients) {
    out.push(`  ${c.name.padEnd(33)} ${c.estimate.toFixed(3).padStart(8)} ${c.standardError.toFixed(3).padStart(9)} ${String(c.observations).padStart(13)} ${String(c.sources).padStart(8)}`);
  }
  out.push(`  residual standard error ${m.residualStandardError}`);
  out.push('');
  out.push('Each published price against the band the engine gives for it (in-sample; its own currency; ? = tier not stated):');
  out.push('id              country tier  treatment           areas               practitioner    kinds         price      low - typical - high         p10 - p90            position');
  for (const r of engineBands(catalog, build.observations)) {
    const o = r.observation;
    const tier = `${likelyPractitioner(o)}${o.practitioner === null ? '?' : ''}`;
    out.push(
      `${o.id.padEnd(15)} ${o.country.padEnd(7)} ${o.cityTier.slice(0, 5).padEnd(5)} ${o.treatment.padEnd(19)} ${(o.areas.join('+') || '-').padEnd(19)} ${tier.padEnd(15)} ${(o.kinds.join(',') || '-').padEnd(13)} ${new Decimal(o.perSession).toFixed(0).padStart(7)} ${o.currency}  ${r.low.toFixed(0)} - ${r.typical.toFixed(0)} - ${r.high.toFixed(0)}`.padEnd(170) +
        ` ${r.p10.toFixed(0)} - ${r.p90.toFixed(0)}`.padEnd(22) +
        ` ${r.position}`,
    );
  }
  out.push('');
  out.push(...validationLines('In-sample (the committed model, every price it was fitted on):', build.inSample));
  out.push('');
  out.push(...validationLines('Cross-validated, leave one country out (nested: the left-out country sets neither the fit nor the band):', build.crossValidated));
  out.push('');
  out.push(`Excluded rows (${build.files['observations.json'].excluded.length}):`);
  for (const x of build.files['observations.json'].excluded) out.push(`  file ${x.file} line ${String(x.line).padStart(3)} ${x.country.padEnd(20)} ${x.label.slice(0, 50).padEnd(50)} ${x.reason}`);
  return out.join('\n');
}

function main(): void {
  const dataDir = loadConfig({}).dataDir;
  const build = buildModel(dataDir);
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(build.files['market-model.json'].validation, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${report(build, loadData(dataDir).catalog)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();

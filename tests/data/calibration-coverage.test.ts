// The calibration coverage docs/model.md reports is what scripts/calibration-coverage.ts measures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { coverage, readObserved, withModel } from '../../scripts/calibration-coverage.js';
import { realData } from '../support/app.js';

const rows = readObserved(join(packageRoot(), 'data', 'reference', 'observed-prices-calibration.csv'));
const readme = readFileSync(join(packageRoot(), 'docs', 'model.md'), 'utf8');

describe('calibration against observed clinic prices', () => {
  it('reports in docs/model.md the coverage the script measures', () => {
    const all = coverage(realData().catalog, rows);
    const clear = coverage(realData().catalog, rows.filter((r) => !r.ambiguous));
    expect(readme).toContain(`**Coverage: ${all.inside} of ${all.compared} (${all.share}%)**`);
    expect(readme).toContain(`\`[AMBIGUOUS]\`, ${clear.inside} of ${clear.compared} (${clear.share}%)`);
    expect(readme).toContain(`${all.below} of the ${all.compared - all.inside} misses are *below* the band, ${all.above} above`);
  });

  it('compares every per-session row with a known country and currency, and says why the others are left out', () => {
    const c = coverage(realData().catalog, rows);
    expect(c.compared + c.excluded.length).toBe(rows.length);
    for (const x of c.excluded) expect(x.excluded).toMatch(/unit is|country|currency/);
  });

  it('never covers fewer prices with the chosen full pass-through than with a smaller share', () => {
    const catalog = realData().catalog;
    const nonPhysician = catalog.practitioners.get('non-physician')!.factor.value.toString();
    const chosen = coverage(catalog, rows).inside;
    for (const share of ['0', '0.25', '0.5', '0.75', '0.9']) {
      expect(coverage(withModel(catalog, share, nonPhysician), rows).inside).toBeLessThanOrEqual(chosen);
    }
  });
});

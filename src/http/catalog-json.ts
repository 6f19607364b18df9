// The catalog answers as JSON text, built once from the loaded data. The catalog routes send them;
// the command line's `catalog --json` prints the same text, so both always agree.
import type { LoadedData } from '../data/load.js';

export interface CatalogJson {
  /** GET /v1/catalog */
  readonly catalog: string;
  /** GET /v1/treatments */
  readonly treatments: string;
  /** GET /v1/countries */
  readonly countries: string;
}

export function catalogJson({ files, catalog }: LoadedData): CatalogJson {
  return {
    treatments: JSON.stringify({ dataVersion: catalog.version, treatments: files['treatments.json'].treatments }),
    countries: JSON.stringify({
      dataVersion: catalog.version,
      countries: files['countries.json'].countries,
      currencies: files['currencies.json'].currencies,
    }),
    catalog: JSON.stringify({
      dataVersion: catalog.version,
      treatments: files['treatments.json'].treatments,
      areas: files['areas.json'],
      cityTiers: files['tiers.json'].cityTiers,
      practitioners: files['tiers.json'].practitioners,
      marketModel: files['market-model.json'],
      packageKinds: files['packages.json'].kinds,
      financing: files['packages.json'].financing,
      countries: files['countries.json'].countries,
      currencies: files['currencies.json'].currencies,
      sources: files['sources.json'].sources,
    }),
  };
}

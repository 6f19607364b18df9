// Regenerates data/countries.json and data/currencies.json from the vendored public reference
// files in data/reference/ (see data/reference/README.md). Run: npm run data:countries
//
// Inputs:
//   wdi-price-level-ratio-PA.NUS.PPPC.RF.csv  World Bank price level (US = 1)     -> source wdi-price-level
//   wdi-exchange-rate-PA.NUS.FCRF.csv         World Bank LCU per USD, period avg  -> source wdi-exchange-rate
//   country-codes.csv                         ISO 3166-1 codes, names, currencies -> source iso-3166
//   iso4217-currency-codes.csv                ISO 4217 names and minor units      -> source iso-4217
//
// Every figure is copied as written in the CSV (a decimal string), never through a JS number.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Decimal } from 'decimal.js';
import type { z } from 'zod';
import { CountriesFileSchema, CurrenciesFileSchema, DecimalStringSchema } from '../src/data/schema.js';
import { parseCsv, parseCsvObjects } from './lib/csv.js';

export type CountriesFile = z.infer<typeof CountriesFileSchema>;
export type CurrenciesFile = z.infer<typeof CurrenciesFileSchema>;
type Country = CountriesFile['countries'][number];
type Currency = CurrenciesFile['currencies'][number];

export interface ExcludedCountry {
  code: string;
  name: string;
  reason: string;
}

export interface CountryDataBuild {
  countries: CountriesFile;
  currencies: CurrenciesFile;
  excluded: ExcludedCountry[];
  /** Rate disagreements and other things a human should look at; the build still succeeds. */
  warnings: string[];
  /** WDI aggregate rows (regions, income groups) that were skipped silently. */
  skippedAggregates: string[];
}

export const GENERATED_BY = 'scripts/build-countries.ts (npm run data:countries)';

export const FILES = {
  priceLevel: 'wdi-price-level-ratio-PA.NUS.PPPC.RF.csv',
  exchangeRate: 'wdi-exchange-rate-PA.NUS.FCRF.csv',
  countryCodes: 'country-codes.csv',
  currencyCodes: 'iso4217-currency-codes.csv',
} as const;

/** The price-level base year: the latest year of the price-level series. */
export const BASE_YEAR = 2024;

/** The 16 countries seed 000 names under "Popularity". */
export const SEED_COUNTRIES: readonly string[] = [
  'FR', 'ES', 'IT', 'GB', 'DE', 'US', 'CA', 'KR', 'JP', 'CN', 'BR', 'MX', 'AE', 'SA', 'AU', 'ZA',
];

/**
 * World Bank aggregate codes (regions, income and lending groups, demographic groups). They are
 * not countries; rows with these codes are skipped without a report line. Any other WDI code not
 * found in country-codes.csv (Kosovo, XKX) is reported as excluded.
 */
const WDI_AGGREGATES = new Set([
  'AFE', 'AFW', 'ARB', 'CEB', 'CSS', 'EAP', 'EAR', 'EAS', 'ECA', 'ECS', 'EMU', 'EUU', 'FCS', 'HIC',
  'HPC', 'IBD', 'IBT', 'IDA', 'IDB', 'IDX', 'INX', 'LAC', 'LCN', 'LDC', 'LIC', 'LMC', 'LMY', 'LTE',
  'MEA', 'MIC', 'MNA', 'NAC', 'OED', 'OSS', 'PRE', 'PSS', 'PST', 'SAS', 'SSA', 'SSF', 'SST', 'TEA',
  'TEC', 'TLA', 'TMN', 'TSA', 'TSS', 'UMC', 'WLD',
]);

/** The WDI row that carries the euro rate. */
const EURO_AREA_ROW = 'EMU';

// ---------------------------------------------------------------------------------------------
// Reading the inputs

interface WdiRow {
  code: string;
  name: string;
  /** year -> value exactly as written; empty cells are left out. */
  values: Map<number, string>;
}

interface YearValue {
  year: number;
  /** The value as written in the CSV. */
  raw: string;
  /** The same value as a plain decimal string (see normaliseDecimal). */
  value: string;
}

/** Reads a WDI bulk-download CSV: preamble lines, then a header "Country Name","Country Code",... */
export function readWdi(path: string): Map<string, WdiRow> {
  const records = parseCsv(readFileSync(path, 'utf8'));
  const headerAt = records.findIndex((r) => r[0] === 'Country Name' && r[1] === 'Country Code');
  if (headerAt < 0) throw new Error(`${path}: no "Country Name","Country Code" header`);
  const header = records[headerAt] ?? [];
  const yearColumns: Array<[number, number]> = [];
  header.forEach((h, i) => {
    if (/^\d{4}$/.test(h)) yearColumns.push([i, Number(h)]);
  });
  const rows = new Map<string, WdiRow>();
  for (const record of records.slice(headerAt + 1)) {
    const [name, code] = record;
    if (!name || !code) continue; // blank line
    const values = new Map<number, string>();
    for (const [i, year] of yearColumns) {
      const cell = (record[i] ?? '').trim();
      if (cell !== '') values.set(year, cell);
    }
    rows.set(code, { code, name, values });
  }
  return rows;
}

/**
 * A WDI value as a schema decimal string: kept exactly as written, except that a value in
 * exponent notation ("2.873486E-08") is written out in full and a leading "." gets a "0".
 */
export function normaliseDecimal(raw: string): string {
  let value = raw;
  if (/[eE]/.test(value)) value = new Decimal(value).toFixed();
  else if (value.startsWith('.')) value = `0${value}`;
  if (!DecimalStringSchema.safeParse(value).success) {
    throw new Error(`not a non-negative decimal: ${JSON.stringify(raw)}`);
  }
  return value;
}

/** The value for `BASE_YEAR` when there is one, otherwise the latest earlier year with a value. */
function latestUpTo(row: WdiRow | undefined, maxYear: number): YearValue | undefined {
  if (!row) return undefined;
  let best: number | undefined;
  for (const year of row.values.keys()) {
    if (year <= maxYear && (best === undefined || year > best)) best = year;
  }
  if (best === undefined) return undefined;
  const raw = row.values.get(best) ?? '';
  return { year: best, raw, value: normaliseDecimal(raw) };
}

function valueInYear(row: WdiRow | undefined, year: number): YearValue | undefined {
  const raw = row?.values.get(year);
  return raw === undefined ? undefined : { year, raw, value: normaliseDecimal(raw) };
}

/** The first value after `year` (the file may run past BASE_YEAR). */
function nextValue(row: WdiRow | undefined, year: number): YearValue | undefined {
  if (!row) return undefined;
  let best: number | undefined;
  for (const y of row.values.keys()) {
    if (y > year && (best === undefined || y < best)) best = y;
  }
  return best === undefined ? undefined : valueInYear(row, best);
}

/** Equal when rounded to 4 significant digits. */
function agree4(a: string, b: string): boolean {
  return new Decimal(a).toSignificantDigits(4).equals(new Decimal(b).toSignificantDigits(4));
}

/** An entity or country name reduced for matching: no accents, no "(the)", upper case. */
function entityKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/^THE\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface IsoCurrency {
  code: string;
  name: string;
  numeric: string;
  minorUnits: number;
}

interface WithdrawnCurrency {
  code: string;
  name: string;
  numeric: string;
  /** As written, e.g. "2009-01". */
  withdrawal: string;
  withdrawalYear: number;
}

interface Iso4217 {
  /** Currencies in use (no withdrawal date), by alphabetic code. */
  active: Map<string, IsoCurrency>;
  /** entity key -> codes of currencies in use there. */
  activeByEntity: Map<string, string[]>;
  /** entity key -> withdrawn currencies of that entity. */
  withdrawnByEntity: Map<string, WithdrawnCurrency[]>;
}

function readIso4217(path: string): Iso4217 {
  const active = new Map<string, IsoCurrency>();
  const activeByEntity = new Map<string, string[]>();
  const withdrawnByEntity = new Map<string, WithdrawnCurrency[]>();
  for (const row of parseCsvObjects(readFileSync(path, 'utf8'))) {
    const code = row.AlphabeticCode ?? '';
    const entity = entityKey(row.Entity ?? '');
    if (code === '') continue; // e.g. "PALESTINE, STATE OF: No universal currency"
    const withdrawal = row.WithdrawalDate ?? '';
    if (withdrawal === '') {
      const minorUnits = Number.parseInt(row.MinorUnit ?? '', 10);
      if (!active.has(code) && Number.isInteger(minorUnits)) {
        active.set(code, { code, name: row.Currency ?? code, numeric: row.NumericCode ?? '', minorUnits });
      }
      const list = activeByEntity.get(entity) ?? [];
      if (!list.includes(code)) list.push(code);
      activeByEntity.set(entity, list);
    } else {
      const years = withdrawal.match(/\d{4}/g) ?? [];
      const lastYear = years.length > 0 ? Number(years[years.length - 1]) : NaN;
      if (!Number.isInteger(lastYear)) continue;
      const list = withdrawnByEntity.get(entity) ?? [];
      list.push({ code, name: row.Currency ?? code, numeric: row.NumericCode ?? '', withdrawal, withdrawalYear: lastYear });
      withdrawnByEntity.set(entity, list);
    }
  }
  return { active, activeByEntity, withdrawnByEntity };
}

interface IsoCountry {
  alpha2: string;
  alpha3: string;
  name: string;
  /** ISO4217-currency_alphabetic_code, split on commas, in the order listed. */
  listedCurrencies: string[];
  /** Keys of every name this country goes by, to match ISO 4217 entities. */
  entityKeys: Set<string>;
}

function readCountryCodes(path: string): Map<string, IsoCountry> {
  const byAlpha3 = new Map<string, IsoCountry>();
  for (const row of parseCsvObjects(readFileSync(path, 'utf8'))) {
    const alpha3 = row['ISO3166-1-Alpha-3'] ?? '';
    const alpha2 = row['ISO3166-1-Alpha-2'] ?? '';
    if (!/^[A-Z]{3}$/.test(alpha3) || !/^[A-Z]{2}$/.test(alpha2)) continue;
    const cldr = (row['CLDR display name'] ?? '').trim();
    const official = (row.official_name_en ?? '').trim();
    const names = [row['ISO4217-currency_country_name'], official, cldr, row['UNTERM English Short']];
    byAlpha3.set(alpha3, {
      alpha2,
      alpha3,
      name: cldr !== '' ? cldr : official,
      listedCurrencies: (row['ISO4217-currency_alphabetic_code'] ?? '')
        .split(',')
        .map((c) => c.trim())
        .filter((c) => /^[A-Z]{3}$/.test(c)),
      entityKeys: new Set(names.filter((n): n is string => !!n && n.trim() !== '').map(entityKey)),
    });
  }
  return byAlpha3;
}

// ---------------------------------------------------------------------------------------------
// The build

/**
 * Builds the two data files from the reference CSVs in `referenceDir`. Pure apart from reading
 * those files: it prints nothing and writes nothing.
 */
export function buildCountryData(referenceDir: string): CountryDataBuild {
  const priceLevels = readWdi(join(referenceDir, FILES.priceLevel));
  const rates = readWdi(join(referenceDir, FILES.exchangeRate));
  const isoCountries = readCountryCodes(join(referenceDir, FILES.countryCodes));
  const iso4217 = readIso4217(join(referenceDir, FILES.currencyCodes));
  const alpha3ByAlpha2 = new Map([...isoCountries.values()].map((c) => [c.alpha2, c.alpha3]));

  const excluded: ExcludedCountry[] = [];
  const warnings: string[] = [];
  const skippedAggregates: string[] = [];

  /** The latest withdrawn currency of the country whose WDI row this is, if that row predates it. */
  function predecessorOf(alpha3: string, currency: string, year: number): WithdrawnCurrency | undefined {
    const country = isoCountries.get(alpha3);
    const current = iso4217.active.get(currency);
    if (!country || !current) return undefined;
    const found: WithdrawnCurrency[] = [];
    for (const key of country.entityKeys) {
      for (const w of iso4217.withdrawnByEntity.get(key) ?? []) {
        // A different currency (a new numeric code: a redenomination or a changeover, not a
        // rename at par such as ANG -> XCG) still in use after the rate's year.
        if (w.numeric !== current.numeric && w.code !== currency && w.withdrawalYear > year) found.push(w);
      }
    }
    found.sort((a, b) => b.withdrawalYear - a.withdrawalYear);
    return found[0];
  }

  /**
   * The rate a currency is anchored to, read from the row of the country that issues it: USD is 1
   * by definition, the euro is the Euro area row, otherwise the issuer is the country whose ISO
   * 3166 alpha-2 code is the first two letters of the ISO 4217 code (the standard's own rule:
   * AUD -> AU, ZAR -> ZA, INR -> IN). X-codes (XOF, XAF, XCD, ...) have no issuing country.
   */
  function issuerRow(currency: string): string | undefined {
    if (currency === 'EUR') return EURO_AREA_ROW;
    return alpha3ByAlpha2.get(currency.slice(0, 2));
  }
  function anchorRate(currency: string, year: number): string | undefined {
    if (currency === 'USD') return '1';
    const row = issuerRow(currency);
    return row === undefined ? undefined : valueInYear(rates.get(row), year)?.value;
  }

  // 1. The countries: every ISO country with a price level, with its currency.
  interface Candidate {
    iso: IsoCountry;
    priceLevel: YearValue;
    currency: string;
  }
  const candidates: Candidate[] = [];
  for (const row of priceLevels.values()) {
    if (WDI_AGGREGATES.has(row.code)) {
      skippedAggregates.push(row.code);
      continue;
    }
    const priceLevel = latestUpTo(row, BASE_YEAR);
    if (!priceLevel) continue;
    const iso = isoCountries.get(row.code);
    if (!iso) {
      excluded.push({ code: row.code, name: row.name, reason: `not an ISO 3166-1 country (WDI code ${row.code} is not in ${FILES.countryCodes})` });
      continue;
    }

    // The currencies ISO lists for the country; when country-codes.csv gives none (Türkiye),
    // the ISO 4217 currencies of the entity with the country's name.
    let listed = iso.listedCurrencies;
    if (listed.length === 0) {
      listed = [...new Set([...iso.entityKeys].flatMap((k) => iso4217.activeByEntity.get(k) ?? []))];
    }
    const inUse = listed.filter((c) => iso4217.active.has(c));
    if (inUse.length === 0) {
      excluded.push({ code: iso.alpha2, name: iso.name, reason: 'no currency (ISO 4217 lists no currency in use for it)' });
      continue;
    }

    // Choosing among several listed currencies (BT: INR,BTN; HT: HTG,USD; LS: LSL,ZAR;
    // NA: NAD,ZAR; PA: PAB,USD; SV: SVC,USD; UY: UYU,UYW; VE: VES,VED). The WDI rate is quoted
    // in the country's legal tender, so the chosen code must be one whose rate equals the
    // country's own WDI row:
    //  1. a currency issued elsewhere (USD, ZAR, INR) whose issuer's rate agrees with the
    //     country's row (4 significant digits, same year) is the currency the row is quoted in,
    //     and the match is verified by the data: SV -> USD (row = 1, whereas the colón was
    //     8.75), PA -> USD (the balboa is at par and circulates only as coins), BT -> INR,
    //     LS and NA -> ZAR (the ngultrum, loti and Namibia dollar are at par with the anchor,
    //     which is legal tender there);
    //  2. otherwise the row is in the domestic currency: the first listed code whose first two
    //     letters are the country's alpha-2 code (HT -> HTG: 131.8 per USD is not the dollar;
    //     UY -> UYU, not the UYW unit of account), else the first listed code.
    let currency: string | undefined;
    if (inUse.length === 1) {
      currency = inUse[0];
    } else {
      const own = latestUpTo(rates.get(iso.alpha3), BASE_YEAR);
      if (own) {
        currency = inUse.find((c) => {
          if (issuerRow(c) === iso.alpha3 || c.slice(0, 2) === iso.alpha2) return false;
          const anchor = anchorRate(c, own.year);
          return anchor !== undefined && agree4(anchor, own.value);
        });
      }
      currency ??= inUse.find((c) => c.slice(0, 2) === iso.alpha2) ?? inUse[0];
    }
    if (currency === undefined) throw new Error('unreachable: no currency chosen');
    candidates.push({ iso, priceLevel, currency });
  }

  // 2. One USD rate per currency used by those countries.
  const usersByCurrency = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const users = usersByCurrency.get(c.currency) ?? [];
    users.push(c);
    usersByCurrency.set(c.currency, users);
  }

  const currencies: Currency[] = [];
  const noRate = new Map<string, string>(); // currency -> why it has no rate
  for (const [code, unsortedUsers] of usersByCurrency) {
    const users = [...unsortedUsers].sort((a, b) => a.iso.alpha2.localeCompare(b.iso.alpha2));
    const iso = iso4217.active.get(code);
    if (!iso) throw new Error(`unreachable: ${code} is not an ISO 4217 currency in use`);

    // Which WDI row gives the rate, in order of preference: USD is 1 by definition; the euro
    // from the Euro area row; otherwise the issuing country's row (see issuerRow) when that
    // country is among the users, then every user's row in alpha-2 order (for XOF, XAF, XCD,
    // XCG: the first in code order). A row is skipped when its latest value is in an old unit:
    //  - it predates a change of the country's currency (a withdrawn ISO 4217 currency, with a
    //    different numeric code, still in use after the rate's year): TKM 2001 is in TMM,
    //    VEN 2017 in VEF;
    //  - or the row's next value (any later year in the file) is more than 10 times smaller, a
    //    redenomination that WDI did not carry back: ZWE 2024 = 3266 (ZWL), 2025 = 26.6 (ZWG).
    //    A currency never appreciates tenfold in a year; the euro changeovers (SVN 2007, HRV
    //    2023) show the same jump, so it is a unit change.
    let rate: { value: string; year: number; row: string; note: string } | undefined;
    const stale: string[] = [];
    if (code === 'USD') {
      rate = { value: '1', year: BASE_YEAR, row: 'USA', note: 'by definition' };
    } else {
      const issuer = issuerRow(code);
      const order = [
        ...(issuer !== undefined && (code === 'EUR' || users.some((u) => u.iso.alpha3 === issuer)) ? [issuer] : []),
        ...users.map((u) => u.iso.alpha3).filter((a) => a !== issuer),
      ];
      for (const rowCode of order) {
        const found = latestUpTo(rates.get(rowCode), BASE_YEAR);
        if (!found) continue;
        const old = predecessorOf(rowCode, code, found.year);
        if (old) {
          stale.push(`WDI row ${rowCode}'s latest rate (${found.year}) is in ${old.code}, replaced by ${code} (${old.code} withdrawn ${old.withdrawal})`);
          continue;
        }
        const next = nextValue(rates.get(rowCode), found.year);
        if (next && new Decimal(next.value).times(10).lessThan(found.value)) {
          stale.push(`WDI row ${rowCode}'s latest rate up to ${BASE_YEAR} (${found.year}: ${found.raw}) is in an old unit: the next value (${next.year}: ${next.raw}) is more than 10 times smaller`);
          continue;
        }
        rate = { value: found.value, year: found.year, row: rowCode, note: `WDI row ${rowCode}` };
        break;
      }
    }

    if (!rate) {
      noRate.set(code, stale.length > 0 ? stale.join('; ') : `no WDI exchange rate up to ${BASE_YEAR} for ${users.map((u) => u.iso.alpha3).join(', ')}`);
      continue;
    }

    // Every user's own row should give the same rate in that year.
    for (const u of users) {
      if (u.iso.alpha3 === rate.row) continue;
      const own = valueInYear(rates.get(u.iso.alpha3), rate.year);
      if (!own) continue;
      if (!agree4(own.value, rate.value)) {
        const old = predecessorOf(u.iso.alpha3, code, rate.year);
        const why = old ? ` (that row is in ${old.code}, withdrawn ${old.withdrawal})` : '';
        warnings.push(`${code}: WDI row ${u.iso.alpha3} ${rate.year} = ${own.raw} disagrees with ${rate.row} = ${rate.value} at 4 significant digits${why}; using ${rate.row}`);
      }
    }

    currencies.push({
      code,
      name: iso.name,
      minorUnits: { value: iso.minorUnits, source: 'iso-4217' },
      usdRate: { value: rate.value, year: rate.year, source: 'wdi-exchange-rate', note: rate.note },
    });
  }

  // 3. The country records, without the countries whose currency has no rate.
  const countries: Country[] = [];
  for (const c of candidates) {
    const why = noRate.get(c.currency);
    if (why !== undefined) {
      excluded.push({ code: c.iso.alpha2, name: c.iso.name, reason: `no exchange rate for ${c.currency}: ${why}` });
      continue;
    }
    countries.push({
      code: c.iso.alpha2,
      alpha3: c.iso.alpha3,
      name: c.iso.name,
      currency: c.currency,
      namedInSeeds: SEED_COUNTRIES.includes(c.iso.alpha2),
      priceLevel: { value: c.priceLevel.value, year: c.priceLevel.year, source: 'wdi-price-level' },
    });
  }

  const byCode = (a: { code: string }, b: { code: string }): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  countries.sort(byCode);
  currencies.sort(byCode);
  excluded.sort(byCode);

  // Invariants the rest of the project relies on.
  const missingSeeds = SEED_COUNTRIES.filter((s) => !countries.some((c) => c.code === s));
  if (missingSeeds.length > 0) throw new Error(`seed countries missing: ${missingSeeds.join(', ')}`);
  const us = countries.find((c) => c.code === 'US');
  if (us?.priceLevel.value !== '1' || us.priceLevel.year !== BASE_YEAR) {
    throw new Error(`the US price level must be "1" in ${BASE_YEAR}, got ${JSON.stringify(us?.priceLevel)}`);
  }

  return {
    countries: CountriesFileSchema.parse({ generatedBy: GENERATED_BY, countries }),
    currencies: CurrenciesFileSchema.parse({ generatedBy: GENERATED_BY, currencies }),
    excluded,
    warnings,
    skippedAggregates,
  };
}

// ---------------------------------------------------------------------------------------------
// Command line

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_REFERENCE_DIR = join(REPO_ROOT, 'data', 'reference');

function main(): void {
  const build = buildCountryData(DEFAULT_REFERENCE_DIR);
  const write = (file: string, data: unknown): void => {
    writeFileSync(join(REPO_ROOT, file), `${JSON.stringify(data, null, 2)}\n`);
  };
  write('data/countries.json', build.countries);
  write('data/currencies.json', build.currencies);

  const out: string[] = [
    `data/countries.json: ${build.countries.countries.length} countries (${build.countries.countries.filter((c) => c.namedInSeeds).length} named in the seeds)`,
    `data/currencies.json: ${build.currencies.currencies.length} currencies`,
    `skipped ${build.skippedAggregates.length} WDI aggregate rows (regions, income groups)`,
    `excluded ${build.excluded.length}:`,
    ...build.excluded.map((e) => `  ${e.code} ${e.name}: ${e.reason}`),
    `warnings ${build.warnings.length}:`,
    ...build.warnings.map((w) => `  ${w}`),
  ];
  console.log(out.join('\n'));
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  main();
}

// Reads data/*.json, validates every file with its zod schema and the cross-file rules, and
// returns a frozen Catalog. Any fault is a DataError naming the file, the record and the field.
import { createHash } from 'node:crypto';
import type { Decimal } from 'decimal.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Catalog, Figure, Levels, TreatmentModel } from '../domain/catalog.js';
import { dec, roundToMinorUnits as roundToPlaces } from '../domain/money.js';
import { MAX_BUY, MAX_PERCENT, MIN_BUY, MIN_FREE, PACKAGE_KINDS, type PackageKindModel, type PackagesModel } from '../domain/packages.js';
import {
  AreasFileSchema,
  CountriesFileSchema,
  CurrenciesFileSchema,
  MarketModelFileSchema,
  ObservationsFileSchema,
  PackagesFileSchema,
  SourcesFileSchema,
  TiersFileSchema,
  TreatmentsFileSchema,
  type ObservationRecord,
  type PackageKindId,
  type Source,
  type TreatmentGroupId,
  type PackageKindRecord,
  type SourcedDecimal,
} from './schema.js';

/** The data files, by name, with the schema each must satisfy. */
export const DATA_FILES = {
  'sources.json': SourcesFileSchema,
  'treatments.json': TreatmentsFileSchema,
  'areas.json': AreasFileSchema,
  'tiers.json': TiersFileSchema,
  'market-model.json': MarketModelFileSchema,
  'observations.json': ObservationsFileSchema,
  'countries.json': CountriesFileSchema,
  'currencies.json': CurrenciesFileSchema,
  'packages.json': PackagesFileSchema,
} as const;
export type DataFileName = keyof typeof DATA_FILES;
export type DataFiles = { [K in DataFileName]: z.infer<(typeof DATA_FILES)[K]> };

export class DataError extends Error {
  readonly file: string;
  readonly record: string;
  readonly field: string;

  constructor(file: string, record: string, field: string, problem: string) {
    super(`data/${file}: ${record}: field '${field}': ${problem}`);
    this.name = 'DataError';
    this.file = file;
    this.record = record;
    this.field = field;
  }
}

/** The validated files and the catalog built from them. */
export interface LoadedData {
  readonly files: DataFiles;
  readonly catalog: Catalog;
}

/** Loads and validates the data directory. Throws DataError on the first fault. */
export function loadData(dataDir: string): LoadedData {
  const texts = {} as Record<DataFileName, string>;
  for (const name of Object.keys(DATA_FILES) as DataFileName[]) {
    try {
      texts[name] = readFileSync(join(dataDir, name), 'utf8');
    } catch (error) {
      throw new DataError(name, 'file', '(file)', `cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return loadDataFromTexts(texts);
}

/** Validates file contents given as text (the data directory's files, or test fixtures). */
export function loadDataFromTexts(texts: Readonly<Record<DataFileName, string>>): LoadedData {
  const files = {} as Record<DataFileName, unknown>;
  for (const name of Object.keys(DATA_FILES) as DataFileName[]) {
    files[name] = parseFile(name, texts[name]);
  }
  const typed = files as DataFiles;
  checkCrossReferences(typed);
  return { files: deepFreeze(typed), catalog: buildCatalog(typed, dataVersion(texts)) };
}

/** "sha256:<hex>" over every file's name and bytes, in a fixed order. */
export function dataVersion(texts: Readonly<Record<DataFileName, string>>): string {
  const hash = createHash('sha256');
  for (const name of (Object.keys(DATA_FILES) as DataFileName[]).sort()) {
    hash.update(name).update('\0').update(texts[name]).update('\0');
  }
  return `sha256:${hash.digest('hex')}`;
}

function parseFile(name: DataFileName, text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataError(name, 'file', '(file)', `is not valid JSON: ${(error as Error).message}`);
  }
  const result = DATA_FILES[name].safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new DataError(name, 'file', '(file)', 'failed validation');
  const { record, field } = locate(json, issue.path);
  throw new DataError(name, record, field, issue.message);
}

/** Splits a zod issue path into the record it is in (by id or code when it has one) and the field. */
function locate(json: unknown, path: readonly PropertyKey[]): { record: string; field: string } {
  const indexAt = path.findIndex((key) => typeof key === 'number');
  if (indexAt < 0) return { record: 'top level', field: path.map(String).join('.') || '(root)' };
  let node: unknown = json;
  for (const key of path.slice(0, indexAt + 1)) node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
  const named = node as { id?: unknown; code?: unknown } | undefined;
  const label = typeof named?.id === 'string' ? named.id : typeof named?.code === 'string' ? named.code : undefined;
  const list = String(path[indexAt - 1] ?? 'records');
  const record = label ? `${list}[${String(path[indexAt])}] '${label}'` : `${list}[${String(path[indexAt])}]`;
  const field = path.slice(indexAt + 1).map(String).join('.') || '(record)';
  return { record, field };
}

/** Rules no single-file schema can express: ids that must exist, ranges that must be ordered. */
function checkCrossReferences(files: DataFiles): void {
  const sourceIds = new Set(files['sources.json'].sources.map((s) => s.id));
  const duplicates = (ids: string[], file: DataFileName, list: string): void => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) throw new DataError(file, `${list}[${i}] '${id}'`, 'id', 'is a duplicate id');
      seen.add(id);
    });
  };
  duplicates(files['sources.json'].sources.map((s) => s.id), 'sources.json', 'sources');
  duplicates(files['observations.json'].observations.map((o) => o.id), 'observations.json', 'observations');

  // Every { value, source } anywhere must cite a source that exists.
  for (const name of Object.keys(DATA_FILES) as DataFileName[]) {
    if (name === 'sources.json') continue;
    walkSources(files[name], [], (source, path) => {
      if (!sourceIds.has(source)) {
        const { record, field } = locate(files[name], path);
        throw new DataError(name, record, field, `cites source '${source}', which data/sources.json does not define`);
      }
    });
  }

  const areaIds = new Set(files['areas.json'].areas.map((a) => a.id));
  duplicates(files['areas.json'].areas.map((a) => a.id), 'areas.json', 'areas');
  duplicates(files['treatments.json'].treatments.map((t) => t.id), 'treatments.json', 'treatments');
  files['treatments.json'].treatments.forEach((t, i) => {
    const record = `treatments[${i}] '${t.id}'`;
    const fail = (field: string, problem: string): never => {
      throw new DataError('treatments.json', record, field, problem);
    };
    if (!areaIds.has(t.referenceArea)) fail('referenceArea', `'${t.referenceArea}' is not an area in data/areas.json`);
    t.allowedAreas.forEach((a, j) => {
      if (!areaIds.has(a)) fail(`allowedAreas.${j}`, `'${a}' is not an area in data/areas.json`);
    });
    if (!t.allowedAreas.includes(t.referenceArea)) fail('referenceArea', `'${t.referenceArea}' is not among allowedAreas`);
    const band = t.pricePerSessionUsd;
    if (dec(band.low.value).gt(band.typical.value)) fail('pricePerSessionUsd.low.value', `low ${band.low.value} is above typical ${band.typical.value}`);
    if (dec(band.typical.value).gt(band.high.value)) fail('pricePerSessionUsd.typical.value', `typical ${band.typical.value} is above high ${band.high.value}`);
    if (dec(band.low.value).isZero()) fail('pricePerSessionUsd.low.value', 'a price must be above zero');
    const s = t.sessions;
    if (s.min.value < 1) fail('sessions.min.value', 'a course has at least one session');
    if (s.min.value > s.typical.value) fail('sessions.min.value', `min ${s.min.value} is above typical ${s.typical.value}`);
    if (s.typical.value > s.max.value) fail('sessions.typical.value', `typical ${s.typical.value} is above max ${s.max.value}`);
    if (t.spacingWeeks.min.value > t.spacingWeeks.max.value) fail('spacingWeeks.min.value', 'min is above max');
    const months = t.maintenance.resultsLastMonths;
    if (months.min.value > months.max.value) fail('maintenance.resultsLastMonths.min.value', 'min is above max');
  });

  const factors: Array<[DataFileName, string, SourcedDecimal]> = [
    ...files['areas.json'].areas.map((a, i): [DataFileName, string, SourcedDecimal] => ['areas.json', `areas[${i}] '${a.id}'`, a.factor]),
    ...files['tiers.json'].cityTiers.map((t, i): [DataFileName, string, SourcedDecimal] => ['tiers.json', `cityTiers[${i}] '${t.id}'`, t.factor]),
    ...files['tiers.json'].practitioners.map((t, i): [DataFileName, string, SourcedDecimal] => ['tiers.json', `practitioners[${i}] '${t.id}'`, t.factor]),
    ...files['countries.json'].countries.map((c, i): [DataFileName, string, SourcedDecimal] => ['countries.json', `countries[${i}] '${c.code}'`, c.priceLevel]),
    ...files['currencies.json'].currencies.map((c, i): [DataFileName, string, SourcedDecimal] => ['currencies.json', `currencies[${i}] '${c.code}'`, c.usdRate]),
  ];
  for (const [file, record, figure] of factors) {
    if (dec(figure.value).isZero()) throw new DataError(file, record, 'value', 'a factor or rate must be above zero');
  }
  const share = dec(files['areas.json'].additionalAreaShare.value);
  if (share.gt(1)) throw new DataError('areas.json', 'top level', 'additionalAreaShare.value', 'must be between 0 and 1');

  checkOrderedTiers(files);

  duplicates(files['countries.json'].countries.map((c) => c.code), 'countries.json', 'countries');
  duplicates(files['currencies.json'].currencies.map((c) => c.code), 'currencies.json', 'currencies');
  const currencyCodes = new Set(files['currencies.json'].currencies.map((c) => c.code));
  files['countries.json'].countries.forEach((c, i) => {
    if (!currencyCodes.has(c.currency)) {
      throw new DataError('countries.json', `countries[${i}] '${c.code}'`, 'currency', `'${c.currency}' has no record in data/currencies.json`);
    }
  });
  const baseline = files['market-model.json'].baselineCountry;
  const baselineIndex = files['countries.json'].countries.findIndex((c) => c.code === baseline);
  const baselineCountry = files['countries.json'].countries[baselineIndex];
  if (!baselineCountry) throw new DataError('market-model.json', 'top level', 'baselineCountry', `'${baseline}' is not in data/countries.json`);
  if (!dec(baselineCountry.priceLevel.value).eq(1)) {
    throw new DataError('countries.json', `countries[${baselineIndex}] '${baseline}'`, 'priceLevel.value', 'the baseline country must have price level 1');
  }

  checkMarketModel(files, sourceIds);
  checkPackages(files, sourceIds);
}

/**
 * The market model covers every treatment and country with a factor above zero, its band holds
 * the typical price, and every observation names a country, currency, treatment and areas that
 * exist, with a source id no other source uses.
 */
function checkMarketModel(files: DataFiles, sourceIds: ReadonlySet<string>): void {
  const file = 'market-model.json';
  const m = files[file];
  const fail = (field: string, problem: string): never => {
    throw new DataError(file, 'top level', field, problem);
  };
  if (!sourceIds.has(m.countryFactors.source)) fail('countryFactors.source', `cites source '${m.countryFactors.source}', which data/sources.json does not define`);
  for (const [group, level] of Object.entries(m.treatmentLevels)) if (dec(level.value).isZero()) fail(`treatmentLevels.${group}.value`, 'a factor must be above zero');
  if (dec(m.priceLevelExponent.value).isZero()) fail('priceLevelExponent.value', 'must be above zero: prices rise with the price level');
  if (dec(m.band.low.value).isZero() || dec(m.band.low.value).gt(1)) fail('band.low.value', 'must be above 0 and at most 1');
  if (dec(m.band.high.value).lt(1)) fail('band.high.value', 'must be at least 1');
  const areaFactors = new Map(files['areas.json'].areas.map((a) => [a.id, dec(a.factor.value)]));
  files['treatments.json'].treatments.forEach((t) => {
    if (!m.treatmentGroups[t.id]) fail(`treatmentGroups.${t.id}`, `treatment '${t.id}' has no group in the market model`);
    const ratios = m.areaRatios.values[t.id];
    if (!ratios) return fail(`areaRatios.values.${t.id}`, `treatment '${t.id}' has no area ratios in the market model`);
    for (const area of t.allowedAreas) {
      const published = ratios[area];
      const quotient = roundToPlaces(areaFactors.get(area)!.div(areaFactors.get(t.referenceArea)!), m.areaRatios.digits);
      if (published === undefined) fail(`areaRatios.values.${t.id}.${area}`, `area '${area}' of '${t.id}' has no ratio to its reference area '${t.referenceArea}'`);
      else if (!dec(published).eq(quotient)) fail(`areaRatios.values.${t.id}.${area}`, `${published} is not ${area}'s factor over ${t.referenceArea}'s rounded to ${m.areaRatios.digits} decimals (${quotient.toString()}); run npm run data:model`);
    }
  });
  if (!sourceIds.has(m.areaRatios.source)) fail('areaRatios.source', `cites source '${m.areaRatios.source}', which data/sources.json does not define`);
  files['countries.json'].countries.forEach((c) => {
    const value = m.countryFactors.values[c.code];
    if (value === undefined) fail(`countryFactors.values.${c.code}`, `country '${c.code}' has no factor in the market model`);
    else if (dec(value).isZero()) fail(`countryFactors.values.${c.code}`, 'a factor must be above zero');
  });
  if (m.countryFactors.values[m.baselineCountry] !== '1') fail(`countryFactors.values.${m.baselineCountry}`, 'the baseline country must have factor 1');

  const obsFile = 'observations.json';
  const countries = new Set(files['countries.json'].countries.map((c) => c.code));
  const currencies = new Set(files['currencies.json'].currencies.map((c) => c.code));
  const treatments = new Map(files['treatments.json'].treatments.map((t) => [t.id, t]));
  files[obsFile].observations.forEach((o, i) => {
    const record = `observations[${i}] '${o.id}'`;
    const bad = (field: string, problem: string): never => {
      throw new DataError(obsFile, record, field, problem);
    };
    if (sourceIds.has(o.id)) bad('id', 'is also the id of a source in data/sources.json');
    if (!countries.has(o.country)) bad('country', `'${o.country}' is not in data/countries.json`);
    if (!currencies.has(o.currency)) bad('currency', `'${o.currency}' is not in data/currencies.json`);
    const t = treatments.get(o.treatment);
    if (!t) bad('treatment', `'${o.treatment}' is not in data/treatments.json`);
    o.areas.forEach((a, j) => {
      if (!t?.allowedAreas.includes(a)) bad(`areas.${j}`, `'${a}' is not an area of ${o.treatment}`);
    });
    if (dec(o.perSession).isZero()) bad('perSession', 'a price must be above zero');
  });
}

/** Every package kind exactly once, sources that exist, defaults inside the limits the engine assumes. */
function checkPackages(files: DataFiles, sourceIds: ReadonlySet<string>): void {
  const file = 'packages.json';
  const { kinds, financing } = files[file];
  const seen = new Set<string>();
  kinds.forEach((kind, i) => {
    const record = `kinds[${i}] '${kind.id}'`;
    const fail = (field: string, problem: string): never => {
      throw new DataError(file, record, field, problem);
    };
    if (seen.has(kind.id)) fail('id', 'is a duplicate id');
    seen.add(kind.id);
    kind.sources.forEach((id, j) => {
      if (!sourceIds.has(id)) fail(`sources.${j}`, `cites source '${id}', which data/sources.json does not define`);
    });
    if (kind.id === 'prepaid-course' || kind.id === 'new-patient') {
      if (dec(kind.defaults.discountPercent.value).gt(MAX_PERCENT)) fail('defaults.discountPercent.value', `a percent must be between 0 and ${MAX_PERCENT}`);
    }
    if (kind.id === 'buy-n-get-m') {
      const { buy, free } = kind.defaults;
      if (free.value < MIN_FREE) fail('defaults.free.value', `must be at least ${MIN_FREE}`);
      if (buy.value < MIN_BUY || buy.value > MAX_BUY) fail('defaults.buy.value', `must be between ${MIN_BUY} and ${MAX_BUY}`);
      if (free.value >= buy.value) fail('defaults.free.value', `free ${free.value} must be below buy ${buy.value}`);
    }
  });
  for (const id of PACKAGE_KINDS) {
    if (!seen.has(id)) throw new DataError(file, 'kinds', 'id', `the package kind '${id}' is missing`);
  }
  financing.sources.forEach((id, j) => {
    if (!sourceIds.has(id)) throw new DataError(file, 'top level', `financing.sources.${j}`, `cites source '${id}', which data/sources.json does not define`);
  });
}

/** Tiers are listed cheapest first: major-metro >= city >= town, specialist >= physician >= non-physician. */
function checkOrderedTiers(files: DataFiles): void {
  const ordered = (list: ReadonlyArray<{ id: string; factor: SourcedDecimal }>, order: readonly string[], name: string): void => {
    const byId = new Map(list.map((t) => [t.id, dec(t.factor.value)]));
    order.forEach((id, i) => {
      if (!byId.has(id)) throw new DataError('tiers.json', `${name} '${id}'`, 'id', 'is missing');
      const next = order[i + 1];
      if (next && byId.get(id)!.gt(byId.get(next)!)) {
        throw new DataError('tiers.json', `${name} '${id}'`, 'factor.value', `must not be above '${next}'`);
      }
    });
  };
  ordered(files['tiers.json'].cityTiers, ['town', 'city', 'major-metro'], 'cityTiers');
  ordered(files['tiers.json'].practitioners, ['non-physician', 'physician', 'specialist'], 'practitioners');
}

function walkSources(node: unknown, path: PropertyKey[], visit: (source: string, path: PropertyKey[]) => void): void {
  if (Array.isArray(node)) {
    node.forEach((child, i) => walkSources(child, [...path, i], visit));
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.source === 'string') visit(record.source, [...path, 'source']);
    for (const [key, child] of Object.entries(record)) walkSources(child, [...path, key], visit);
  }
}

function figure(f: SourcedDecimal): Figure {
  return f.year === undefined ? { value: dec(f.value), source: f.source } : { value: dec(f.value), source: f.source, year: f.year };
}

/** typical × level × (band low, 1, band high): the per-session band outside the baseline country, before its factor. */
function marketBand(typical: Decimal, level: SourcedDecimal, market: DataFiles['market-model.json']): Levels<Decimal> {
  const base = typical.times(level.value);
  return { low: base.times(market.band.low.value), typical: base, high: base.times(market.band.high.value) };
}

/** Published prices by `${country}|${treatment}`, cheapest per session first. */
function evidenceIndex(observations: readonly ObservationRecord[], rates: ReadonlyMap<string, Decimal>): Map<string, ObservationRecord[]> {
  const index = new Map<string, ObservationRecord[]>();
  for (const o of observations) {
    const key = `${o.country}|${o.treatment}`;
    index.set(key, [...(index.get(key) ?? []), o]);
  }
  const usd = (o: ObservationRecord): Decimal => dec(o.perSession).div(rates.get(o.currency)!);
  for (const list of index.values()) list.sort((a, b) => usd(a).comparedTo(usd(b)) || a.id.localeCompare(b.id));
  return index;
}

function buildCatalog(files: DataFiles, version: string): Catalog {
  const market = files['market-model.json'];
  const treatments = new Map<string, TreatmentModel>(
    files['treatments.json'].treatments.map((t) => [
      t.id,
      {
        id: t.id,
        name: t.name,
        category: t.category,
        pricePerSessionUsd: {
          low: figure(t.pricePerSessionUsd.low),
          typical: figure(t.pricePerSessionUsd.typical),
          high: figure(t.pricePerSessionUsd.high),
        },
        marketGroup: market.treatmentGroups[t.id]!,
        marketPerSessionUsd: marketBand(dec(t.pricePerSessionUsd.typical.value), market.treatmentLevels[market.treatmentGroups[t.id]!]!, market),
        sessions: {
          min: t.sessions.min.value,
          typical: t.sessions.typical.value,
          max: t.sessions.max.value,
          sources: [...new Set([t.sessions.min.source, t.sessions.typical.source, t.sessions.max.source])],
        },
        referenceArea: t.referenceArea,
        allowedAreas: t.allowedAreas,
        areaRatios: new Map(Object.entries(market.areaRatios.values[t.id]!).map(([area, value]) => [area, { value: dec(value), source: market.areaRatios.source }])),
        maintenance: {
          resultsLastMonths: { min: t.maintenance.resultsLastMonths.min.value, max: t.maintenance.resultsLastMonths.max.value },
          sessionsPerYear: t.maintenance.sessionsPerYear.value,
          sources: [
            ...new Set([t.maintenance.resultsLastMonths.min.source, t.maintenance.resultsLastMonths.max.source, t.maintenance.sessionsPerYear.source]),
          ],
        },
      },
    ]),
  );
  const tiers = files['tiers.json'];
  return deepFreeze({
    version,
    sources: new Map<string, Source>([...files['sources.json'].sources, ...files['observations.json'].observations].map((s) => [s.id, s])),
    treatments,
    areas: new Map(files['areas.json'].areas.map((a) => [a.id, { id: a.id, name: a.name, factor: figure(a.factor) }])),
    additionalAreaShare: figure(files['areas.json'].additionalAreaShare),
    cityTiers: new Map(tiers.cityTiers.map((t) => [t.id, { id: t.id, name: t.name, factor: figure(t.factor) }])),
    practitioners: new Map(tiers.practitioners.map((t) => [t.id, { id: t.id, name: t.name, factor: figure(t.factor) }])),
    countries: new Map(
      files['countries.json'].countries.map((c) => [
        c.code,
        {
          code: c.code,
          name: c.name,
          currency: c.currency,
          namedInSeeds: c.namedInSeeds,
          priceLevel: { value: dec(c.priceLevel.value), source: c.priceLevel.source, year: c.priceLevel.year },
          priceFactor: { value: dec(market.countryFactors.values[c.code]!), source: market.countryFactors.source },
        },
      ]),
    ),
    currencies: new Map(
      files['currencies.json'].currencies.map((c) => [
        c.code,
        {
          code: c.code,
          name: c.name,
          minorUnits: c.minorUnits.value,
          minorUnitsSource: c.minorUnits.source,
          usdRate: { value: dec(c.usdRate.value), source: c.usdRate.source, year: c.usdRate.year },
        },
      ]),
    ),
    market: {
      exponent: figure(market.priceLevelExponent),
      levels: new Map(Object.entries(market.treatmentLevels).map(([group, level]) => [group as TreatmentGroupId, figure(level)])),
      band: { low: figure(market.band.low), high: figure(market.band.high) },
      fittedOn: { observations: market.data.observations, countries: market.data.countries, source: market.countryFactors.source },
      areaRatiosSource: market.areaRatios.source,
    },
    baselineCountry: market.baselineCountry,
    evidence: evidenceIndex(files['observations.json'].observations, new Map(files['currencies.json'].currencies.map((c) => [c.code, dec(c.usdRate.value)]))),
    packages: buildPackages(files['packages.json']),
  });
}

/** The package kinds in PACKAGE_KINDS order, and their defaults. checkPackages has made sure each kind is there once. */
function buildPackages(file: DataFiles['packages.json']): PackagesModel {
  const kind = <K extends PackageKindId>(id: K): Extract<PackageKindRecord, { id: K }> => {
    const found = file.kinds.find((k): k is Extract<PackageKindRecord, { id: K }> => k.id === id);
    if (!found) throw new Error(`catalog invariant: package kind '${id}' missing`);
    return found;
  };
  const prepaid = kind('prepaid-course').defaults;
  const { buy, free } = kind('buy-n-get-m').defaults;
  const newPatient = kind('new-patient').defaults;
  const defaultSources: Record<PackageKindId, string[]> = {
    none: [],
    'prepaid-course': [prepaid.discountPercent.source],
    'buy-n-get-m': [...new Set([buy.source, free.source])],
    'new-patient': [newPatient.discountPercent.source],
  };
  const kinds = new Map<PackageKindId, PackageKindModel>(
    PACKAGE_KINDS.map((id) => {
      const k = kind(id);
      return [id, { id, name: k.name, description: k.description, sources: k.sources, defaultSources: defaultSources[id] }];
    }),
  );
  return {
    kinds,
    defaults: {
      prepaidCourse: { discountPercent: figure(prepaid.discountPercent) },
      buyNGetM: { buy: { value: buy.value, source: buy.source }, free: { value: free.value, source: free.source } },
      newPatient: { discountPercent: figure(newPatient.discountPercent) },
    },
    financing: { description: file.financing.description, sources: file.financing.sources },
  };
}

/** Freezes plain objects and arrays recursively; Maps are exposed read-only by type, Decimals are immutable. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    if (value instanceof Map) {
      for (const v of value.values()) deepFreeze(v);
    } else if (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype) {
      Object.freeze(value);
      for (const v of Object.values(value)) deepFreeze(v);
    }
  }
  return value;
}

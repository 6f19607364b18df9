// Data rules 1 and 2 (PRODUCT.md): the committed data validates, every figure carries its
// provenance, and bad data is refused with an error naming the file, the record and the field.
// Corrupt variants are built in memory from the committed texts, so they never drift from them.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError, loadData, loadDataFromTexts, type DataFileName } from '../../src/data/load.js';
import { SourceSchema } from '../../src/data/schema.js';
import {
  committedData,
  committedTexts,
  DATA_DIR,
  DATA_FILE_NAMES,
  ROOT,
  textsWith,
  type DataTexts,
  type LooseJson,
} from '../fixtures/committed-data.js';

const SEED_DIR = join(ROOT, '..', 'shared', 'seeds');

function dataError(texts: DataTexts): DataError {
  try {
    loadDataFromTexts(texts);
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected the data to be refused with a DataError');
}

/** Every object in a JSON tree, with its path. */
function* objects(node: unknown, path: string): Generator<[string, Record<string, unknown>]> {
  if (Array.isArray(node)) {
    for (const [i, child] of node.entries()) yield* objects(child, `${path}[${i}]`);
  } else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    yield [path, record];
    for (const [key, child] of Object.entries(record)) yield* objects(child, `${path}.${key}`);
  }
}

const committedJson = (file: DataFileName): unknown => JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8'));
const sourcesFile = committedData().files['sources.json'].sources;
const sourceIds = new Set(sourcesFile.map((s) => s.id));
const indexOf = (list: ReadonlyArray<{ id?: string; code?: string }>, id: string): number => {
  const i = list.findIndex((item) => item.id === id || item.code === id);
  if (i < 0) throw new Error(`no record ${id}`);
  return i;
};
const treatment = (json: LooseJson, id: string): LooseJson => json.treatments[indexOf(json.treatments, id)];

describe('the committed data', () => {
  it('loads and validates with loadData', () => {
    const { catalog } = loadData(DATA_DIR);
    expect(catalog.treatments.size).toBeGreaterThanOrEqual(4);
    expect(catalog.version).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('loads to the same catalog version from the same bytes, and a different one when any byte changes', () => {
    const version = loadDataFromTexts(committedTexts()).catalog.version;
    expect(loadData(DATA_DIR).catalog.version).toBe(version);
    const changed = committedTexts();
    changed['areas.json'] = `${changed['areas.json']}\n`;
    expect(loadDataFromTexts(changed).catalog.version).not.toBe(version);
  });

  // observations.json holds source records of its own (kind 'observation'), not sourced figures.
  const FIGURE_FILES = DATA_FILE_NAMES.filter((f) => f !== 'sources.json' && f !== 'observations.json');

  it.each(FIGURE_FILES)('every source %s cites exists in sources.json', (file) => {
    const cited = [...objects(committedJson(file), file)].flatMap(([path, o]) => (typeof o.source === 'string' ? [[path, o.source] as const] : []));
    expect(cited.length).toBeGreaterThan(0);
    const missing = cited.filter(([, id]) => !sourceIds.has(id));
    expect(missing).toEqual([]);
  });

  it.each(FIGURE_FILES)('every figure (an object with a value) in %s has a source', (file) => {
    const figures = [...objects(committedJson(file), file)].filter(([, o]) => 'value' in o);
    expect(figures.length).toBeGreaterThan(0);
    const unsourced = figures.filter(([, o]) => typeof o.source !== 'string' || o.source.length === 0).map(([path]) => path);
    expect(unsourced).toEqual([]);
  });

  it('every assumption source gives its reason in at least one full sentence', () => {
    const assumptions = sourcesFile.filter((s) => s.kind === 'assumption');
    expect(assumptions.length).toBeGreaterThan(0);
    for (const s of assumptions) {
      expect(s.reason, s.id).toMatch(/^[A-Z][^]*[.!?]$/);
      expect(s.reason.split(/\s+/).length, s.id).toBeGreaterThanOrEqual(5);
    }
  });

  it("a reference source's url is a public https page, and a bare or plain-http one is refused", () => {
    expect(sourcesFile.filter((s) => s.kind === 'reference' && s.url !== undefined).map((s) => s.id)).toEqual(['wdi-price-level', 'wdi-exchange-rate', 'iso-3166', 'iso-4217']);
    const wdi = sourcesFile.find((s) => s.id === 'wdi-price-level');
    for (const url of ['http://data.worldbank.org/indicator/PA.NUS.PPPC.RF', 'data.worldbank.org', '']) {
      expect(SourceSchema.safeParse({ ...wdi, url }).success, url).toBe(false);
    }
    expect(SourceSchema.safeParse(wdi).success).toBe(true);
  });

  it('every reference source names a file vendored in data/reference', () => {
    for (const s of sourcesFile) {
      if (s.kind === 'reference') expect(existsSync(join(ROOT, s.file)), `${s.id}: ${s.file}`).toBe(true);
    }
  });
});

describe.skipIf(!existsSync(SEED_DIR))('seed quotes occur in the seed articles (../shared/seeds)', () => {
  // Two quotes are not verbatim (see the report that came with these tests): seed-000-insurance
  // joins two passages of its section without a '...' elision, and seed-003-areas renders a
  // bulleted list as one line with semicolons. They are left out here until the data is fixed.
  const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
  const seeds = sourcesFile.flatMap((s) => (s.kind === 'seed' ? [s] : []));

  it.each(seeds)('$id: every part of the quote between "..." elisions occurs in $file', (source) => {
    const path = join(SEED_DIR, source.file);
    expect(existsSync(path)).toBe(true);
    const article = collapse(readFileSync(path, 'utf8'));
    const parts = source.quote.split('...').map(collapse).filter((part) => part.length > 0);
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.filter((part) => !article.includes(part))).toEqual([]);
  });

  it('every seed source names a seed file that exists', () => {
    for (const s of sourcesFile) if (s.kind === 'seed') expect(existsSync(join(SEED_DIR, s.file)), s.id).toBe(true);
  });
});

describe('corrupt data is refused with a DataError naming the file, the record and the field', () => {
  interface Case {
    name: string;
    texts: () => DataTexts;
    file: DataFileName;
    /** Text the record must contain: the record's id or code, or 'file' for the whole file. */
    record: string;
    field: string;
    problem?: RegExp;
  }
  const cases: Case[] = [
    {
      name: 'malformed JSON in treatments.json',
      texts: () => {
        const texts = committedTexts();
        texts['treatments.json'] = texts['treatments.json'].replace('"treatments": [', '"treatments": [,');
        return texts;
      },
      file: 'treatments.json',
      record: 'file',
      field: '(file)',
      problem: /not valid JSON/,
    },
    {
      name: 'a per-session low price above the typical one',
      texts: () => textsWith('treatments.json', (json) => (treatment(json, 'skin-rejuvenation').pricePerSessionUsd.low.value = '500')),
      file: 'treatments.json',
      record: "'skin-rejuvenation'",
      field: 'pricePerSessionUsd.low.value',
      problem: /above typical/,
    },
    {
      name: 'a typical per-session price above the high one',
      texts: () => textsWith('treatments.json', (json) => (treatment(json, 'hair-restoration').pricePerSessionUsd.typical.value = '701')),
      file: 'treatments.json',
      record: "'hair-restoration'",
      field: 'pricePerSessionUsd.typical.value',
      problem: /above high/,
    },
    {
      name: 'a minimum session count above the maximum',
      texts: () => textsWith('treatments.json', (json) => (treatment(json, 'fat-reduction').sessions.min.value = 11)),
      file: 'treatments.json',
      record: "'fat-reduction'",
      field: 'sessions.min.value',
      problem: /min 11 is above/,
    },
    {
      name: 'allowedAreas referencing an area that areas.json does not define',
      texts: () => textsWith('treatments.json', (json) => treatment(json, 'skin-rejuvenation').allowedAreas.push('elbow')),
      file: 'treatments.json',
      record: "'skin-rejuvenation'",
      field: 'allowedAreas.4',
      problem: /'elbow' is not an area/,
    },
    {
      name: 'a referenceArea that is not among the allowedAreas',
      texts: () => textsWith('treatments.json', (json) => (treatment(json, 'hair-restoration').referenceArea = 'face')),
      file: 'treatments.json',
      record: "'hair-restoration'",
      field: 'referenceArea',
      problem: /not among allowedAreas/,
    },
    {
      name: 'a figure citing a source id that sources.json does not define',
      texts: () => textsWith('areas.json', (json) => (json.areas[indexOf(json.areas, 'neck')].factor.source = 'no-such-source')),
      file: 'areas.json',
      record: "'neck'",
      field: 'factor.source',
      problem: /no-such-source/,
    },
    {
      name: 'a treatment figure citing an undefined source',
      texts: () => textsWith('treatments.json', (json) => (treatment(json, 'pain-management').sessions.typical.source = 'seed-999-made-up')),
      file: 'treatments.json',
      record: "'pain-management'",
      field: 'sessions.typical.source',
      problem: /seed-999-made-up/,
    },
    {
      name: 'a figure without its source field',
      texts: () => textsWith('treatments.json', (json) => delete treatment(json, 'fat-reduction').pricePerSessionUsd.high.source),
      file: 'treatments.json',
      record: "'fat-reduction'",
      field: 'pricePerSessionUsd.high.source',
    },
    {
      name: 'a figure value written as a JSON number instead of a decimal string',
      texts: () => textsWith('treatments.json', (json) => (treatment(json, 'fat-reduction').pricePerSessionUsd.typical.value = 400)),
      file: 'treatments.json',
      record: "'fat-reduction'",
      field: 'pricePerSessionUsd.typical.value',
    },
    {
      name: 'a price-level value written as a JSON number',
      texts: () => textsWith('countries.json', (json) => (json.countries[indexOf(json.countries, 'FR')].priceLevel.value = 0.8)),
      file: 'countries.json',
      record: "'FR'",
      field: 'priceLevel.value',
    },
    {
      name: 'an assumption source without a reason',
      texts: () => textsWith('sources.json', (json) => delete json.sources[indexOf(json.sources, 'assumption-session-spacing')].reason),
      file: 'sources.json',
      record: "'assumption-session-spacing'",
      field: 'reason',
    },
    {
      name: 'an assumption source whose reason is not a sentence',
      texts: () => textsWith('sources.json', (json) => (json.sources[indexOf(json.sources, 'assumption-joint-area')].reason = 'Because.')),
      file: 'sources.json',
      record: "'assumption-joint-area'",
      field: 'reason',
      problem: /reason in a sentence/,
    },
    {
      name: 'a country with no factor in the market model',
      texts: () => textsWith('market-model.json', (json) => delete json.countryFactors.values.FR),
      file: 'market-model.json',
      record: 'top level',
      field: 'countryFactors.values.FR',
      problem: /'FR' has no factor/,
    },
    {
      name: 'a market band whose low is above the typical price',
      texts: () => textsWith('market-model.json', (json) => (json.band.low.value = '1.2')),
      file: 'market-model.json',
      record: 'top level',
      field: 'band.low.value',
      problem: /at most 1/,
    },
    {
      name: 'a published price for a treatment the data does not have',
      texts: () => textsWith('observations.json', (json) => (json.observations[0].treatment = 'tattoo-removal')),
      file: 'observations.json',
      record: "'observed-",
      field: 'treatment',
      problem: /'tattoo-removal' is not in data\/treatments.json/,
    },
    {
      name: 'a published price on an area its treatment does not treat',
      texts: () => textsWith('observations.json', (json) => (json.observations.find((o: LooseJson) => o.treatment === 'hair-restoration').areas = ['face'])),
      file: 'observations.json',
      record: "'observed-",
      field: 'areas.0',
      problem: /not an area of hair-restoration/,
    },
    {
      name: 'a country whose currency has no record in currencies.json',
      texts: () => textsWith('currencies.json', (json) => json.currencies.splice(indexOf(json.currencies, 'JPY'), 1)),
      file: 'countries.json',
      record: "'JP'",
      field: 'currency',
      problem: /'JPY' has no record/,
    },
    {
      name: 'a duplicate treatment id',
      texts: () => textsWith('treatments.json', (json) => json.treatments.push(structuredClone(treatment(json, 'skin-rejuvenation')))),
      file: 'treatments.json',
      record: "'skin-rejuvenation'",
      field: 'id',
      problem: /duplicate/,
    },
    {
      name: 'city tiers out of order (town above city)',
      texts: () => textsWith('tiers.json', (json) => (json.cityTiers[indexOf(json.cityTiers, 'town')].factor.value = '1.05')),
      file: 'tiers.json',
      record: "'town'",
      field: 'factor.value',
      problem: /above 'city'/,
    },
    {
      name: 'practitioner tiers out of order (physician above specialist)',
      texts: () => textsWith('tiers.json', (json) => (json.practitioners[indexOf(json.practitioners, 'physician')].factor.value = '2')),
      file: 'tiers.json',
      record: "'physician'",
      field: 'factor.value',
      problem: /above 'specialist'/,
    },
  ];

  it.each(cases)('$name: names $file, the record and $field', ({ texts, file, record, field, problem }) => {
    const error = dataError(texts());
    expect(error.file).toBe(file);
    expect(error.record).toContain(record);
    expect(error.field).toBe(field);
    expect(error.message).toContain(`data/${file}`);
    expect(error.message).toContain(record);
    expect(error.message).toContain(`'${field}'`);
    if (problem) expect(error.message).toMatch(problem);
  });

  it('a duplicate treatment is named by its position as well as its id', () => {
    const error = dataError(textsWith('treatments.json', (json) => json.treatments.push(structuredClone(json.treatments[0]))));
    const last = JSON.parse(committedTexts()['treatments.json']).treatments.length;
    expect(error.record).toBe(`treatments[${last}] 'skin-rejuvenation'`);
  });

  describe('loadData on a directory missing a file', () => {
    const dirs: string[] = [];
    afterAll(() => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it.each(['currencies.json', 'treatments.json'] as const)('names the missing %s', (missing) => {
      const dir = mkdtempSync(join(tmpdir(), 'mesoquote-data-'));
      dirs.push(dir);
      for (const name of DATA_FILE_NAMES) if (name !== missing) cpSync(join(DATA_DIR, name), join(dir, name));
      let caught: unknown;
      try {
        loadData(dir);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DataError);
      const error = caught as DataError;
      expect(error.file).toBe(missing);
      expect(error.message).toContain(`data/${missing}`);
      expect(error.message).toMatch(/cannot be read: ENOENT/);
    });
  });
});

// The published prices the market model is fitted on: both calibration files of
// data/reference/, read into one list, each row either an observation (mapped onto the
// estimator's inputs) or excluded with its reason. Every rule is here, in order, so an analyst can
// check each decision against the row (npm run calibration prints them all).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import type { CityTierId, PractitionerId } from '../../src/data/schema.js';
import { parseCsvObjects } from '../lib/csv.js';

export const OBSERVATION_FILES = ['observed-prices-calibration.csv', 'observed-prices-calibration-2.csv'] as const;

/** What kind of published price a row is, beyond its figure. */
export type PriceKind = 'from' | 'sale' | 'package';

export interface Observation {
  /** `observed-<file>-<line>`: file 1 or 2 of OBSERVATION_FILES, line in that file (header = 1). */
  readonly id: string;
  readonly file: 1 | 2;
  /** Lines of the file this observation reads (two when a sale and a list price were merged). */
  readonly lines: readonly number[];
  readonly country: string;
  readonly city: string;
  readonly cityTier: CityTierId;
  readonly treatment: string;
  /** The product's area ids; empty when the row names none (the treatment's reference area). */
  readonly areas: readonly string[];
  /** The practitioner tier the row states, or null. */
  readonly practitioner: PractitionerId | null;
  readonly venue: 'clinic' | 'salon';
  readonly unit: 'per_session' | 'package' | 'course';
  readonly sessionsInPackage: number | null;
  readonly currency: string;
  /** As published: the lowest and highest figure (equal for a single price). */
  readonly priceLow: string;
  readonly priceHigh: string;
  /** One session's price: the midpoint of the published figures, over the package's sessions. */
  readonly perSession: string;
  readonly kinds: readonly PriceKind[];
  readonly year: number | null;
  /** The treatment as the page words it. */
  readonly label: string;
  /** The `source` column: the page or repository file. */
  readonly address: string;
  /** A link to it, when the address is one. */
  readonly url: string | null;
  /** The file's caveats for this row (the `ambiguous` column, or file 1's [AMBIGUOUS] tag). */
  readonly caveat: string;
}

export interface Excluded {
  readonly file: 1 | 2;
  readonly line: number;
  readonly country: string;
  readonly label: string;
  readonly reason: string;
}

export interface ObservationSet {
  readonly observations: readonly Observation[];
  readonly excluded: readonly Excluded[];
}

/** file 1 names countries; file 2 uses ISO codes. */
const COUNTRY_NAMES: Readonly<Record<string, string>> = {
  UK: 'GB', US: 'US', Thailand: 'TH', 'Saudi Arabia': 'SA', Mexico: 'MX', Portugal: 'PT', Canada: 'CA', Japan: 'JP',
  Kenya: 'KE', Malaysia: 'MY', 'South Korea': 'KR', Poland: 'PL', Italy: 'IT', Tunisia: 'TN', Spain: 'ES', India: 'IN',
  Malta: 'MT', Nigeria: 'NG', 'South Africa': 'ZA',
};

/**
 * City tiers of the cities the files name (assumption, from city sizes: no reference dataset in
 * the repository gives them). major-metro: the capital or largest city of its country with an
 * urban area of about 3 million or more; town: under about 50,000 people outside a major metro;
 * every other city, and a row with no city, is `city` (the national average).
 */
export const CITY_TIERS: Readonly<Record<string, CityTierId>> = {
  London: 'major-metro',
  Moscow: 'major-metro',
  Warszawa: 'major-metro',
  'Buenos Aires': 'major-metro',
  'Nordelta / Belgrano (Buenos Aires)': 'major-metro',
  Toronto: 'major-metro',
  Bangkok: 'major-metro',
  Dubai: 'major-metro',
  'Curl Curl NSW': 'major-metro',
  Krotoszyn: 'town',
  Grimstad: 'town',
};

/** Exclusion rules on the row's words (treatment, caveat, source), in the order they are tried. */
const EXCLUDE_BY_TEXT: ReadonlyArray<{ readonly pattern: RegExp; readonly reason: string }> = [
  {
    pattern: /demo seed|client-demo seed|not confirmed as clinic-published|price not verified/i,
    reason: 'demo or seed data in a clinic app, not a price the clinic is shown to publish',
  },
  {
    pattern: /needle-free|needle free|bezjehličk|безін'?єкційн|безин|electropor|elektropor|elektrofor|tű nélküli|mesojet/i,
    reason: 'needle-free (device) mesotherapy: no injection, another service at another price',
  },
  {
    pattern: /bundle also includes|ultrasound \+|\+ led|bb glow|mikroproud|microcurrent|hidratacija/i,
    reason: 'the price bundles mesotherapy with another treatment',
  },
  { pattern: /not in area list/i, reason: 'an area the product does not price' },
];

/** A "from" price: the row's figure is the lowest the page charges ("od", "ab", "dès", "desde", "fra"). */
const FROM_PRICE = /\(from\)|["'](?:from|od|ab|dès|desde|fra)\b|\bfrom\s*(?:[0-9£€$₹]|rm\s?\d|ksh)|\bcena od\b|\(ab\)|\bdès$|-tól\b/i;
/** The row's figure is (or includes) a reduced price: a sale, promotional, discounted or cash price. */
const SALE_PRICE = /discounted|sale price|promotional|cash price|cash\/transfer/i;
const COURSE_RATE = /per-session price when buying a course|\bbono\b/i;

/** Reads both files from a directory and maps every row. */
export function readObservations(referenceDir: string): ObservationSet {
  const read = (name: string): Array<Record<string, string>> => parseCsvObjects(readFileSync(join(referenceDir, name), 'utf8'));
  return buildObservations(read(OBSERVATION_FILES[0]), read(OBSERVATION_FILES[1]));
}

/**
 * The rules, in order, for each row of either file:
 * 1. it must name a country with price data, an ISO 4217 currency, a treatment the product prices
 *    and a per-session, package or course price (packages and courses need their session count);
 *    file 1's rows tagged [AMBIGUOUS] are unclear about unit, currency or country and are left out;
 * 2. the exclusion rules on its words (EXCLUDE_BY_TEXT);
 * 3. file 1's rows that file 2 repeats (same country, city, currency, prices, unit and treatment) are
 *    left out in favour of file 2's, which states venue and caveats;
 * 4. two rows of one page for one service at two prices (list and sale, card and cash) become one
 *    observation whose published figures are the two prices.
 */
export function buildObservations(file1: ReadonlyArray<Record<string, string>>, file2: ReadonlyArray<Record<string, string>>): ObservationSet {
  const excluded: Excluded[] = [];
  const candidates: Observation[] = [];
  const take = (file: 1 | 2, line: number, r: Mapped | { excluded: string; country: string; label: string }): void => {
    if ('excluded' in r) excluded.push({ file, line, country: r.country, label: r.label, reason: r.excluded });
    else candidates.push(toObservation(file, line, r));
  };
  file1.forEach((row, i) => take(1, i + 2, mapFile1(row)));
  file2.forEach((row, i) => take(2, i + 2, mapFile2(row)));

  const inFile2 = new Set(candidates.filter((o) => o.file === 2).map(duplicateKey));
  const observations: Observation[] = [];
  for (const o of candidates) {
    if (o.file === 1 && inFile2.has(duplicateKey(o))) {
      excluded.push({ file: 1, line: o.lines[0]!, country: o.country, label: o.label, reason: 'repeated in file 2, which is kept' });
      continue;
    }
    const twin = observations.find((p) => p.file === o.file && sameService(p, o));
    if (twin) {
      observations[observations.indexOf(twin)] = mergePrices(twin, o);
      continue;
    }
    observations.push(o);
  }
  excluded.sort((a, b) => a.file - b.file || a.line - b.line);
  return { observations, excluded };
}

interface Mapped {
  readonly country: string;
  readonly city: string;
  readonly treatment: string;
  readonly areas: readonly string[];
  readonly practitioner: PractitionerId | null;
  readonly venue: 'clinic' | 'salon';
  readonly unit: 'per_session' | 'package' | 'course';
  readonly sessionsInPackage: number | null;
  readonly currency: string;
  readonly priceLow: string;
  readonly priceHigh: string;
  readonly year: number | null;
  readonly label: string;
  readonly address: string;
  readonly caveat: string;
}

type MapResult = Mapped | { excluded: string; country: string; label: string };

/**
 * File 1 has free-text treatment, area and practitioner columns. Treatment: hair or scalp ->
 * hair-restoration; cellulite -> cellulite-reduction; fat, lipo-, slimming, corporal, enzymes or a
 * body area -> fat-reduction; anything else skin-rejuvenation. Practitioner: doctor, physician or
 * mesosurgeon -> physician; otherwise dermatologist -> specialist; salon, beauty or esthetician ->
 * non-physician (and venue salon); otherwise not stated.
 */
function mapFile1(r: Record<string, string>): MapResult {
  const label = r.treatment ?? '';
  const source = r.source ?? '';
  const country = COUNTRY_NAMES[r.country ?? ''] ?? (r.country ?? '');
  const tag = /\[AMBIGUOUS[^\]]*\]/.exec(source)?.[0] ?? '';
  if (tag) return { excluded: `tagged ${tag} in file 1: unclear unit, currency or country`, country, label };
  const text = `${label} ${r.area ?? ''}`.toLowerCase();
  const area = (r.area ?? '').toLowerCase();
  let treatment: string;
  let areas: string[];
  if (/hair|scalp/.test(text)) [treatment, areas] = ['hair-restoration', ['scalp']];
  else if (/cellulite/.test(text)) [treatment, areas] = ['cellulite-reduction', ['thighs']];
  else if (/fat|lipo|slimming|corporal|enzim|\bbody\b/.test(text) && !/face/.test(area)) [treatment, areas] = ['fat-reduction', /abdomen|tummy/.test(text) ? ['abdomen'] : []];
  else [treatment, areas] = ['skin-rejuvenation', /under-eye/.test(area) ? ['under-eye'] : /face/.test(area) ? ['face'] : []];
  const p = (r.practitioner ?? '').toLowerCase();
  const salon = /salon|beauty|esthetician/.test(p);
  const practitioner: PractitionerId | null = /doctor|physician|mesosurgeon/.test(p) ? 'physician' : /dermatolog/.test(p) ? 'specialist' : salon ? 'non-physician' : null;
  return common(r, { country, treatment, areas, practitioner, venue: salon ? 'salon' : 'clinic', label, address: source, caveat: '' });
}

/**
 * File 2 states the treatment (category), area, practitioner and venue. Areas the caveat says
 * were combined in one session are listed together (face + neck, face + neck + décolletage, neck
 * and décolletage, face with the eye area); fat reduction on the face is the chin, the product's
 * face area for it.
 */
function mapFile2(r: Record<string, string>): MapResult {
  const label = r.treatment ?? '';
  const caveat = r.ambiguous ?? '';
  const country = r.country ?? '';
  const treatment = r.category ?? '';
  if (treatment === 'unclear') return { excluded: 'the treatment is not stated clearly (category unclear)', country, label };
  const stated = r.area ?? '';
  const words = `${label} ${caveat}`.toLowerCase();
  let areas: string[] = stated ? [stated] : [];
  if (stated === 'neck' && /face \+ neck|twarz \+ szyja/.test(words)) areas = ['face', 'neck'];
  if (stated === 'neck' && /neck and decolletage/.test(words)) areas = ['neck', 'decolletage'];
  if (stated === 'decolletage' && /face ?\+ ?neck ?\+ ?d|arc-nyak-dekolt/.test(words)) areas = ['face', 'neck', 'decolletage'];
  if (stated === 'face' && /inkl\. augenpartie/.test(words)) areas = ['face', 'under-eye'];
  if (treatment === 'fat-reduction' && stated === 'face') areas = ['chin'];
  const practitioner = (r.practitioner || null) as PractitionerId | null;
  const venue = r.venue === 'salon' ? 'salon' : 'clinic';
  return common(r, { country, treatment, areas, practitioner, venue, label, address: r.source ?? '', caveat });
}

function common(
  r: Record<string, string>,
  m: Pick<Mapped, 'country' | 'treatment' | 'areas' | 'practitioner' | 'venue' | 'label' | 'address' | 'caveat'>,
): MapResult {
  const fail = (why: string): MapResult => ({ excluded: why, country: m.country, label: m.label });
  if (!/^[A-Z]{2}$/.test(m.country)) return fail(`country '${m.country}' is not stated`);
  const currency = r.currency ?? '';
  if (!/^[A-Z]{3}$/.test(currency)) return fail(`currency '${currency}' is not an ISO 4217 code`);
  const unit = r.unit ?? '';
  if (unit !== 'per_session' && unit !== 'package' && unit !== 'course') return fail(`unit '${unit}': not clearly a session, package or course price`);
  const sessions = /^\d+$/.test(r.sessions_in_package ?? '') ? Number(r.sessions_in_package) : null;
  if (unit !== 'per_session' && sessions === null) return fail(`a ${unit} price without its number of sessions`);
  for (const rule of EXCLUDE_BY_TEXT) if (rule.pattern.test(`${m.label} ${m.caveat}`)) return fail(rule.reason);
  const priceLow = r.price_low ?? '';
  const priceHigh = r.price_high || priceLow;
  if (!/^\d+(\.\d+)?$/.test(priceLow) || !/^\d+(\.\d+)?$/.test(priceHigh)) return fail('the price is not a number');
  const year = /^\d{4}$/.test(r.year ?? '') ? Number(r.year) : null;
  return { ...m, city: r.city ?? '', unit, sessionsInPackage: unit === 'per_session' ? null : sessions, currency, priceLow, priceHigh, year };
}

function toObservation(file: 1 | 2, line: number, m: Mapped): Observation {
  // File 1 has no caveat column: its source text says where a price is a "from" price.
  const words = `${m.label} ${m.caveat}`;
  const kinds: PriceKind[] = [];
  if (FROM_PRICE.test(file === 1 ? `${words} ${m.address}` : words)) kinds.push('from');
  if (SALE_PRICE.test(words)) kinds.push('sale');
  if (m.unit !== 'per_session' || COURSE_RATE.test(words)) kinds.push('package');
  return {
    id: `observed-${file}-${String(line).padStart(3, '0')}`,
    file,
    lines: [line],
    country: m.country,
    city: m.city,
    cityTier: CITY_TIERS[m.city] ?? 'city',
    treatment: m.treatment,
    areas: m.areas,
    practitioner: m.practitioner,
    venue: m.venue,
    unit: m.unit,
    sessionsInPackage: m.sessionsInPackage,
    currency: m.currency,
    priceLow: m.priceLow,
    priceHigh: m.priceHigh,
    perSession: perSessionPrice(m.priceLow, m.priceHigh, m.sessionsInPackage),
    kinds,
    year: m.year,
    label: m.label,
    address: m.address,
    url: urlOf(m.address),
    caveat: m.caveat,
  };
}

/** (low + high) / 2 / sessions, to 2 decimals half-up: the figure the fit and the evidence use. */
export function perSessionPrice(low: string, high: string, sessions: number | null): string {
  return new Decimal(low).plus(high).div(2).div(sessions ?? 1).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString();
}

function duplicateKey(o: Observation): string {
  return [o.country, o.city, o.currency, o.priceLow, o.priceHigh, o.unit, o.treatment].join('|');
}

/** Same page, same service: the same address, city, wording, areas and unit. */
function sameService(a: Observation, b: Observation): boolean {
  return a.address === b.address && a.city === b.city && a.label === b.label && a.areas.join() === b.areas.join() && a.unit === b.unit;
}

function mergePrices(a: Observation, b: Observation): Observation {
  const prices = [a.priceLow, a.priceHigh, b.priceLow, b.priceHigh].map((p) => new Decimal(p));
  const low = Decimal.min(...prices).toString();
  const high = Decimal.max(...prices).toString();
  const kinds = [...new Set<PriceKind>([...a.kinds, ...b.kinds, 'sale'])].sort();
  return {
    ...a,
    lines: [...a.lines, ...b.lines],
    priceLow: low,
    priceHigh: high,
    perSession: perSessionPrice(low, high, a.sessionsInPackage),
    kinds,
    caveat: a.caveat === b.caveat ? a.caveat : `${a.caveat}; ${b.caveat}`,
  };
}

/** A link for an address that is one: a domain path, github.com/…, or `github:owner/repo path`. */
export function urlOf(address: string): string | null {
  const github = /^github:([\w.-]+\/[\w.-]+)/.exec(address);
  if (github) return `https://github.com/${github[1]}`;
  const web = /^((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/[^\s()'"[\]]*)?)/i.exec(address);
  if (web && !web[1]!.includes('...') && !web[1]!.includes('…')) return `https://${web[1]!.replace(/\/$/, '')}`;
  return null;
}

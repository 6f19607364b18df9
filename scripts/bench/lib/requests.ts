// The requests the benchmarks send: distinct, valid and deterministic for a seed.
import type { CityTierId, PractitionerId } from '../../../src/data/schema.js';
import type { Catalog } from '../../../src/domain/catalog.js';
import { estimate, type EstimateRequest } from '../../../src/domain/estimate.js';
import { canonicalKey } from '../../../src/http/estimate-cache.js';
import { EstimateQuerySchema, EstimateRequestSchema, requestFromBody, requestFromQuery } from '../../../src/contract/estimate-request.js';

const CITY_TIERS: readonly CityTierId[] = ['major-metro', 'city', 'town'];
const PRACTITIONERS: readonly PractitionerId[] = ['non-physician', 'physician', 'specialist'];

/** mulberry32: a small seeded PRNG, so every run benchmarks the same requests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A treatment and one to three of its areas, in random order. */
function treatmentAndAreas<T extends { readonly allowedAreas: readonly string[] }>(treatments: readonly T[], random: () => number): { treatment: T; areas: string[] } {
  const treatment = pick(treatments, random);
  const count = Math.min(treatment.allowedAreas.length, 1 + Math.floor(random() * 3));
  return { treatment, areas: [...treatment.allowedAreas].sort(() => random() - 0.5).slice(0, count) };
}

const OUTPUT_CURRENCIES: readonly (string | undefined)[] = [undefined, undefined, undefined, 'USD', 'EUR'];

/**
 * `count` distinct, valid requests (no package) spread over every treatment, allowed-area subsets,
 * countries, city tiers, practitioners, fixed session counts and output currencies. Each is one
 * the HTTP body schema also accepts. Deterministic.
 */
export function variedRequests(catalog: Catalog, count: number, seed = 20_240_601): EstimateRequest[] {
  const random = prng(seed);
  const treatments = [...catalog.treatments.values()];
  const countries = [...catalog.countries.keys()];
  const seen = new Set<string>();
  const out: EstimateRequest[] = [];
  for (let attempt = 0; out.length < count && attempt < count * 20; attempt += 1) {
    const { treatment, areas } = treatmentAndAreas(treatments, random);
    const fixed = random() < 0.3 ? 1 + Math.floor(random() * 10) : undefined;
    const request: EstimateRequest = {
      treatment: treatment.id,
      ...(random() < 0.2 ? {} : { areas }),
      country: pick(countries, random),
      cityTier: pick(CITY_TIERS, random),
      practitioner: pick(PRACTITIONERS, random),
      ...(fixed === undefined ? {} : { sessions: fixed }),
      ...(() => {
        const currency = pick(OUTPUT_CURRENCIES, random);
        return currency === undefined ? {} : { currency };
      })(),
    };
    const key = canonicalKey(request, catalog.version);
    if (seen.has(key)) continue;
    try {
      estimate(request, catalog);
    } catch {
      continue; // e.g. a currency without a rate: the benchmark only wants answers
    }
    seen.add(key);
    out.push(request);
  }
  if (out.length < count) throw new Error(`could only build ${out.length} distinct requests of ${count}`);
  return out;
}

const MIXED_CURRENCIES: readonly (string | undefined)[] = [undefined, undefined, undefined, undefined, 'USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'INR'];
const PERCENTS = ['5', '8', '10', '12.5', '15', '20', '25'];

/** An estimate request as a client sends it: the POST body's JSON and the same request as a GET query. */
export interface MixedRequest {
  /** JSON of the POST /v1/estimates body (and of the batch item). */
  readonly json: string;
  /** Query string of the GET /v1/estimates equivalent (package figures dropped: GET takes the kind alone). */
  readonly query: string;
}

function packageBody(random: () => number): Record<string, unknown> | undefined {
  const r = random();
  if (r < 0.35) return undefined;
  if (r < 0.45) return { kind: 'none' };
  if (r < 0.55) return { kind: 'prepaid-course' };
  if (r < 0.65) return { kind: 'prepaid-course', discountPercent: pick(PERCENTS, random) };
  if (r < 0.75) return { kind: 'buy-n-get-m' };
  if (r < 0.85) {
    const buy = 2 + Math.floor(random() * 7);
    return { kind: 'buy-n-get-m', buy, free: 1 + Math.floor(random() * (buy - 1)) };
  }
  return random() < 0.5 ? { kind: 'new-patient' } : { kind: 'new-patient', discountPercent: pick(PERCENTS, random) };
}

function queryOfBody(body: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    if (key === 'areas') params.set(key, (value as string[]).join(','));
    else if (key === 'package') params.set(key, (value as { kind: string }).kind);
    else params.set(key, String(value));
  }
  return params.toString().replaceAll('%2C', ',');
}

/** The GET /v1/estimates query of an engine request (its package left out). */
export function queryOf(request: EstimateRequest): string {
  const params = new URLSearchParams();
  params.set('treatment', request.treatment);
  if (request.areas) params.set('areas', request.areas.join(','));
  if (request.country) params.set('country', request.country);
  if (request.cityTier) params.set('cityTier', request.cityTier);
  if (request.practitioner) params.set('practitioner', request.practitioner);
  if (request.sessions !== undefined) params.set('sessions', String(request.sessions));
  if (request.currency) params.set('currency', request.currency);
  return params.toString().replaceAll('%2C', ',');
}

/**
 * `count` distinct requests (distinct as the service keys its cache: canonical request and data
 * version) over every treatment, area subsets, countries, city tiers, practitioners, fixed session
 * counts, output currencies and package deals. Each POST body passes the HTTP schema and the
 * engine, and so does its GET form. Deterministic for a seed.
 */
export function mixedRequests(catalog: Catalog, count: number, seed: number): MixedRequest[] {
  const random = prng(seed);
  const treatments = [...catalog.treatments.values()];
  const countries = [...catalog.countries.keys()];
  const seen = new Set<string>();
  const out: MixedRequest[] = [];
  for (let attempt = 0; out.length < count && attempt < count * 20; attempt += 1) {
    const { treatment, areas } = treatmentAndAreas(treatments, random);
    const sessions = random() < 0.35 ? 1 + Math.floor(random() * 12) : undefined;
    const currency = pick(MIXED_CURRENCIES, random);
    const pkg = packageBody(random);
    const body: Record<string, unknown> = {
      treatment: treatment.id,
      ...(random() < 0.2 ? {} : { areas }),
      country: pick(countries, random),
      cityTier: pick(CITY_TIERS, random),
      practitioner: pick(PRACTITIONERS, random),
      ...(sessions === undefined ? {} : { sessions }),
      ...(currency === undefined ? {} : { currency }),
      ...(pkg === undefined ? {} : { package: pkg }),
    };
    const parsed = EstimateRequestSchema.safeParse(body);
    if (!parsed.success) continue;
    const request = requestFromBody(parsed.data);
    const key = canonicalKey(request, catalog.version);
    if (seen.has(key)) continue;
    const query = queryOfBody(body);
    const parsedQuery = EstimateQuerySchema.safeParse(Object.fromEntries(new URLSearchParams(query)));
    if (!parsedQuery.success) continue;
    try {
      estimate(request, catalog);
      estimate(requestFromQuery(parsedQuery.data), catalog);
    } catch {
      continue; // e.g. a currency without a rate: only answerable requests here
    }
    seen.add(key);
    out.push({ json: JSON.stringify(body), query });
  }
  if (out.length < count) throw new Error(`could only build ${out.length} distinct requests of ${count}`);
  return out;
}

/** The one request the cache-hit measurements repeat. */
export const FIXED_REQUEST: EstimateRequest = { treatment: 'fat-reduction', areas: ['abdomen', 'flanks'], country: 'FR', cityTier: 'major-metro', practitioner: 'specialist' };

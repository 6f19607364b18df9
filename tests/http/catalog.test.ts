// GET /v1/catalog, /v1/treatments, /v1/countries, the health checks and the docs: the catalog is
// complete, every source it cites exists, its parts agree with the whole and with the estimates.
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realData, testApp } from '../support/app.js';

const ADMIN = 'readiness-details-admin-key-0123456789abcdef';

// The 16 countries seed 000 names under "Popularity".
const SEED_COUNTRIES = ['FR', 'ES', 'IT', 'GB', 'DE', 'US', 'CA', 'KR', 'JP', 'CN', 'BR', 'MX', 'AE', 'SA', 'AU', 'ZA'];

interface Catalog {
  dataVersion: string;
  treatments: { id: string; allowedAreas: string[]; referenceArea: string }[];
  areas: { additionalAreaShare: unknown; areas: { id: string }[] };
  cityTiers: { id: string }[];
  practitioners: { id: string }[];
  packageKinds: { id: string; description: string; defaults?: Record<string, { value: unknown; source: string }> }[];
  countries: { code: string; currency: string; namedInSeeds: boolean }[];
  currencies: { code: string }[];
  sources: { id: string; kind: string }[];
  marketModel: { countryFactors: { values: Record<string, string> }; data: { observations: number }; validation: { crossValidated: { observations: number } }; priceLevelExponent: { source: string } };
  [key: string]: unknown;
}

let app: FastifyInstance;
let catalog: Catalog;

beforeAll(async () => {
  app = await testApp({ adminApiKey: ADMIN });
  const res = await app.inject({ method: 'GET', url: '/v1/catalog' });
  expect(res.statusCode).toBe(200);
  catalog = res.json() as Catalog;
});

afterAll(async () => {
  await app?.close();
});

/** Every source id cited anywhere below `value`: `source` strings and `sources` string arrays. */
function citedSources(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) citedSources(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'source' && typeof child === 'string') found.push(child);
      else if (key === 'sources' && Array.isArray(child) && child.every((c) => typeof c === 'string')) found.push(...(child as string[]));
      else citedSources(child, found);
    }
  }
  return found;
}

describe('GET /v1/catalog', () => {
  it('answers 200 application/json', async () => {
    const res = await supertest(app.server).get('/v1/catalog');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json\b/);
  });

  it("reports the same dataVersion as an estimate and as the loaded data", async () => {
    const est = await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'skin-rejuvenation' } });
    expect(catalog.dataVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(est.json().dataVersion).toBe(catalog.dataVersion);
    expect(catalog.dataVersion).toBe(realData().catalog.version);
  });

  it('lists the treatments of the seeds', () => {
    const ids = catalog.treatments.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['skin-rejuvenation', 'fat-reduction', 'cellulite-reduction', 'hair-restoration', 'pain-management']));
  });

  it('lists areas, and every area a treatment allows or refers to is among them', () => {
    const areaIds = new Set(catalog.areas.areas.map((a) => a.id));
    expect(areaIds.size).toBeGreaterThan(0);
    for (const id of ['face', 'neck', 'scalp', 'abdomen', 'thighs']) expect(areaIds.has(id), id).toBe(true);
    for (const t of catalog.treatments) {
      expect(areaIds.has(t.referenceArea), `${t.id} reference area`).toBe(true);
      for (const a of t.allowedAreas) expect(areaIds.has(a), `${t.id} area ${a}`).toBe(true);
    }
  });

  it('lists the city tiers, practitioner tiers and package kinds', () => {
    expect(catalog.cityTiers.map((t) => t.id).sort()).toEqual(['city', 'major-metro', 'town']);
    expect(catalog.practitioners.map((t) => t.id).sort()).toEqual(['non-physician', 'physician', 'specialist']);
    expect(catalog.packageKinds.map((p) => p.id)).toEqual(['none', 'prepaid-course', 'buy-n-get-m', 'new-patient']);
    for (const p of catalog.packageKinds) {
      expect(p.description.length).toBeGreaterThan(0);
      // Every default figure a request can fall back on carries its source.
      for (const figure of Object.values(p.defaults ?? {})) expect(figure.source).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it('lists more than 150 countries, each once, with a currency the catalog prices', () => {
    expect(catalog.countries.length).toBeGreaterThan(150);
    const codes = catalog.countries.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const currencies = new Set(catalog.currencies.map((c) => c.code));
    expect(currencies.size).toBe(catalog.currencies.length);
    for (const c of catalog.countries) expect(currencies.has(c.currency), `${c.code} currency ${c.currency}`).toBe(true);
  });

  it('flags exactly the 16 countries seed 000 names as namedInSeeds', () => {
    const flagged = catalog.countries.filter((c) => c.namedInSeeds).map((c) => c.code);
    expect(flagged.sort()).toEqual([...SEED_COUNTRIES].sort());
  });

  it('lists sources with unique ids', () => {
    const ids = catalog.sources.map((s) => s.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of catalog.sources) expect(['seed', 'reference', 'assumption', 'fit']).toContain(s.kind);
  });

  it('cites only sources that exist in `sources`, wherever in the catalog they are cited', () => {
    const known = new Set(catalog.sources.map((s) => s.id));
    const { sources: _own, ...rest } = catalog;
    const cited = citedSources(rest);
    // Every treatment, area, tier, country and currency carries at least one citation.
    expect(cited.length).toBeGreaterThan(catalog.countries.length + catalog.currencies.length);
    const missing = [...new Set(cited.filter((id) => !known.has(id)))];
    expect(missing, `cited but not in sources: ${missing.join(', ')}`).toEqual([]);
  });

  it('cites only catalog sources in an estimate', async () => {
    const known = new Set(catalog.sources.map((s) => s.id));
    const res = await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'fat-reduction', country: 'FR', areas: ['abdomen', 'flanks'] } });
    const body = res.json() as { sources: { id: string }[]; adjustments: unknown; notes: unknown };
    for (const id of [...citedSources(body.adjustments), ...citedSources(body.notes), ...body.sources.map((s) => s.id)]) {
      expect(known.has(id), id).toBe(true);
    }
  });
});

describe('GET /v1/sources/{id}', () => {
  it('answers the full record of every source in the catalog, with the catalog\'s ETag', async () => {
    const catalogRes = await app.inject({ method: 'GET', url: '/v1/catalog' });
    for (const source of catalog.sources) {
      const res = await app.inject({ method: 'GET', url: `/v1/sources/${source.id}` });
      expect(res.statusCode, source.id).toBe(200);
      expect(res.json()).toEqual(source);
      expect(res.headers.etag).toBe(catalogRes.headers.etag);
    }
  });

  it('resolves each reference an estimate lists to a record of the same kind and title', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'hair-restoration', country: 'DE', package: { kind: 'prepaid-course' } } });
    const refs = (res.json() as { sources: { id: string; kind: string; title: string }[] }).sources;
    expect(refs.length).toBeGreaterThan(3);
    for (const ref of refs) {
      expect(Object.keys(ref)).toEqual(['id', 'kind', 'title']);
      const record = (await app.inject({ method: 'GET', url: `/v1/sources/${ref.id}` })).json() as { kind: string; title: string };
      expect(record).toMatchObject({ kind: ref.kind, title: ref.title });
    }
  });

  it("serves every published price an estimate's evidence cites: address, link, date, venue, tier and caveat", async () => {
    const e = (await app.inject({ method: 'GET', url: '/v1/estimates?treatment=hair-restoration&country=CA' })).json() as { evidence: { count: number; sources: string[] } };
    expect(e.evidence.count).toBe(e.evidence.sources.length);
    const records = await Promise.all(e.evidence.sources.map(async (id) => (await app.inject({ method: 'GET', url: `/v1/sources/${id}` })).json()));
    expect(records[0]).toMatchObject({
      id: 'observed-2-078',
      kind: 'observation',
      country: 'CA',
      city: 'Toronto',
      treatment: 'hair-restoration',
      currency: 'CAD',
      priceLow: '199',
      priceHigh: '399',
      perSession: '299',
      kinds: ['sale'],
      year: 2025,
      venue: 'clinic',
      url: 'https://github.com/dhrvsood/CadmenClinic',
    });
    expect(records[0].address).toContain('CadmenClinic');
  });

  it('publishes the market model with its fitted figures, every country factor and the validation', () => {
    const m = catalog.marketModel;
    expect(Object.keys(m.countryFactors.values)).toHaveLength(catalog.countries.length);
    expect(m.validation.crossValidated.observations).toBe(m.data.observations);
    expect(m.priceLevelExponent.source).toBe('market-model-fit');
  });

  it('answers 304 to a current If-None-Match', async () => {
    const first = await app.inject({ method: 'GET', url: '/v1/sources/seed-000-type-of-mesotherapy' });
    const again = await app.inject({ method: 'GET', url: '/v1/sources/seed-000-type-of-mesotherapy', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers 404 problem+json naming the sources that exist for an unknown id', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/sources/no-such-source' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json() as { detail: string };
    expect(body.detail).toContain("No source 'no-such-source'");
    expect(body.detail).toContain('seed-000-type-of-mesotherapy');
  });
});

describe('parts of the catalog', () => {
  it('GET /v1/treatments equals the treatments of the catalog', async () => {
    const res = await supertest(app.server).get('/v1/treatments');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json\b/);
    expect(res.body).toEqual({ dataVersion: catalog.dataVersion, treatments: catalog.treatments });
  });

  it('GET /v1/countries equals the countries and currencies of the catalog', async () => {
    const res = await supertest(app.server).get('/v1/countries');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json\b/);
    expect(res.body).toEqual({ dataVersion: catalog.dataVersion, countries: catalog.countries, currencies: catalog.currencies });
  });
});

describe('operations', () => {
  it('GET /healthz answers 200 {status: ok}', async () => {
    const res = await supertest(app.server).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json\b/);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 ready and nothing more; the data version to the admin key', async () => {
    const res = await supertest(app.server).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready' });
    expect(res.headers['cache-control']).toBe('no-store');
    const details = await supertest(app.server).get('/readyz').set('authorization', `Bearer ${ADMIN}`);
    expect(details.body).toMatchObject({ status: 'ready', dataVersion: catalog.dataVersion });
  });

  it('GET /docs serves the interactive docs as HTML', async () => {
    const res = await supertest(app.server).get('/docs').redirects(3);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html\b/);
    expect(res.text).toMatch(/<html/i);
    expect(res.text).toContain('swagger-ui');
  });

  it('GET /openapi.json serves the OpenAPI document as JSON', async () => {
    const res = await supertest(app.server).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json\b/);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths).toHaveProperty(['/v1/catalog']);
  });
});

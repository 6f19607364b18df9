// GET /v1/catalog, /v1/treatments, /v1/countries: the data behind every estimate, with sources.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LoadedData } from '../../data/load.js';
import { AreasFileSchema, CountrySchema, CurrencySchema, MarketModelFileSchema, PackagesFileSchema, TierSchema, TreatmentSchema } from '../../data/schema.js';
import { catalogJson as catalogJsonOf } from '../catalog-json.js';
import { dataEtag, sendCacheable } from '../conditional.js';
import { SourceSchema } from '../schemas.js';

const JSON_TYPE = 'application/json; charset=utf-8';

const TreatmentComponent = TreatmentSchema.meta({ id: 'Treatment' });
const CountryComponent = CountrySchema.meta({ id: 'Country' });
const CurrencyComponent = CurrencySchema.meta({ id: 'Currency' });
const TierComponent = TierSchema.meta({ id: 'Tier' });
const version = z.string().describe('Content hash of the data files');

const TreatmentsSchema = z.object({ dataVersion: version, treatments: z.array(TreatmentComponent) }).meta({ id: 'Treatments' });
const CountriesSchema = z
  .object({ dataVersion: version, countries: z.array(CountryComponent), currencies: z.array(CurrencyComponent) })
  .meta({ id: 'Countries' });
const CatalogSchema = z
  .object({
    dataVersion: version,
    treatments: z.array(TreatmentComponent),
    areas: AreasFileSchema,
    cityTiers: z.array(TierComponent),
    practitioners: z.array(TierComponent),
    marketModel: MarketModelFileSchema.meta({ id: 'MarketModel' }).describe('How prices move away from the seed articles\' US prices: the figures fitted to published prices, every country\'s factor, and the fit\'s validation (npm run calibration)'),
    packageKinds: PackagesFileSchema.shape.kinds.describe('Package kinds an estimate can apply, with their default figures and sources'),
    financing: PackagesFileSchema.shape.financing,
    countries: z.array(CountryComponent),
    currencies: z.array(CurrencyComponent),
    sources: z.array(SourceSchema),
  })
  .meta({ id: 'Catalog' });

export const catalogRoutes: FastifyPluginAsyncZod<{ data: LoadedData; maxAgeSeconds: number }> = async (app, { data, maxAgeSeconds }) => {
  const { catalog } = data;
  // The catalog never changes while the process runs: serialise each answer once.
  const { treatments: treatmentsJson, countries: countriesJson, catalog: catalogJson } = catalogJsonOf(data);

  // The catalog is the data: its version is its entity tag.
  const catalogEtag = dataEtag(catalog.version);
  app.get('/v1/catalog', {
    schema: {
      tags: ['catalog'],
      summary: 'Everything an estimate is computed from, with sources and the data version',
      description: 'Carries an ETag (the data version) and Cache-Control; If-None-Match with the current ETag answers 304.',
      response: { 200: CatalogSchema, 304: z.undefined().describe('Not modified: the data has not changed') },
    },
    handler: async (request, reply) => sendCacheable(request, reply, catalogJson, catalogEtag, maxAgeSeconds),
  });
  app.get('/v1/treatments', {
    schema: {
      tags: ['catalog'],
      summary: 'Treatments with their price bands, session ranges and areas',
      description: 'The `treatments` and `areas` of GET /v1/catalog alone: the ids an estimate request may name, with their figures and sources.',
      response: { 200: TreatmentsSchema },
    },
    handler: async (_request, reply) => reply.type(JSON_TYPE).send(treatmentsJson as never),
  });
  app.get('/v1/countries', {
    schema: {
      tags: ['catalog'],
      summary: 'Countries with their price levels, and currencies with their exchange rates',
      description: 'The `countries` and `currencies` of GET /v1/catalog alone: every country with price data (ISO 3166-1 alpha-2), its price level and currency, and every currency with its minor units and US dollar rate.',
      response: { 200: CountriesSchema },
    },
    handler: async (_request, reply) => reply.type(JSON_TYPE).send(countriesJson as never),
  });
};

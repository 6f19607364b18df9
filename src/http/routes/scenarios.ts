// POST /v1/scenarios: one course under several options (packages, financing), with maintenance
// over a horizon, as JSON or, with Accept: text/csv, as CSV.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LoadedData } from '../../data/load.js';
import { addVary } from '../conditional.js';
import { CSV_TYPE, preferredMediaType, scenarioOptionsCsv, scenarioScheduleCsv } from '../csv.js';
import { HttpProblem, problemResponses } from '../problem.js';
import { priceScenarios, ScenarioComparisonSchema, ScenarioQuerySchema, ScenarioRequestSchema } from '../scenario-schemas.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const OFFERED = ['application/json', 'text/csv'] as const;
const CSV_FILES = { options: 'mesoquote-scenarios.csv', schedule: 'mesoquote-scenarios-schedule.csv' } as const;

export const scenarioRoutes: FastifyPluginAsyncZod<{ data: LoadedData }> = async (app, { data }) => {
  app.post('/v1/scenarios', {
    schema: {
      tags: ['scenarios'],
      summary: 'Compare ways of paying for a course: packages, financing and maintenance over time',
      description:
        'Prices the base course once, then each option at low, typical and high: the course with its package, maintenance sessions over the horizon ' +
        '(paid per session), financing, total cost of ownership and the savings against paying per session. JSON by default; with Accept: text/csv, ' +
        'one CSV row per option and level, or with ?part=schedule the typical level\'s payment schedule of each financed option (RFC 4180, CRLF; option ' +
        'names starting with = + - @ get a leading apostrophe so spreadsheets show them as text).',
      querystring: ScenarioQuerySchema,
      body: ScenarioRequestSchema,
      response: {
        200: {
          description: 'The comparison (application/json), or one of its tables (text/csv)',
          content: {
            'application/json': { schema: ScenarioComparisonSchema },
            'text/csv': { schema: z.string().describe('RFC 4180 CSV with a header row: the options table, or the schedule with ?part=schedule') },
          },
        },
        ...problemResponses(400, 406, 413, 415, 422),
      },
    },
    handler: async (request, reply) => {
      const comparison = priceScenarios(request.body, data);
      addVary(reply, 'Accept');
      const type = preferredMediaType(request.headers.accept, OFFERED);
      if (type === undefined) {
        throw new HttpProblem('not-acceptable', `This resource is available as ${OFFERED.join(' or ')}; the Accept header allows neither.`);
      }
      if (type === 'text/csv') {
        const part = request.query.part ?? 'options';
        const csv = part === 'schedule' ? scenarioScheduleCsv(comparison) : scenarioOptionsCsv(comparison);
        return reply.type(CSV_TYPE).header('content-disposition', `attachment; filename="${CSV_FILES[part]}"`).send(csv);
      }
      return reply.type(JSON_TYPE).send(comparison);
    },
  });
};

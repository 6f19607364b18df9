// GET /problems/{code}: what each problem `type` URI means, so the URIs in errors resolve.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpProblem, PROBLEM_CODES, PROBLEMS, problemResponses, type ProblemCode } from '../problem.js';

const ProblemTypeSchema = z
  .object({ code: z.string(), title: z.string(), status: z.number().int() })
  .meta({ id: 'ProblemType' });

export const problemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/problems', {
    schema: { tags: ['operations'], summary: 'Every problem type the API can answer', response: { 200: z.object({ problems: z.array(ProblemTypeSchema) }) } },
    handler: async () => ({ problems: PROBLEM_CODES.map((code) => ({ code, ...PROBLEMS[code] })) }),
  });
  app.get('/problems/:code', {
    schema: {
      tags: ['operations'],
      summary: 'One problem type',
      params: z.object({ code: z.string().max(64) }),
      response: { 200: ProblemTypeSchema, ...problemResponses(404) },
    },
    handler: async (request) => {
      const code = request.params.code as ProblemCode;
      if (!Object.hasOwn(PROBLEMS, code)) {
        throw new HttpProblem('not-found', `No problem type '${request.params.code}'; GET /problems lists them all.`);
      }
      return { code, ...PROBLEMS[code] };
    },
  });
};

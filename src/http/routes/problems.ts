// GET /problems and GET /problems/{code}: what each problem `type` URI means, an example and how
// to fix it, so the URIs in errors resolve to something useful. JSON for programs; HTML for a
// browser that follows the link (no script, no style: it renders under the service's CSP).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addVary } from '../conditional.js';
import { preferredMediaType } from '../csv.js';
import { PROBLEM_DOCS, type ProblemExample } from '../problem-docs.js';
import { HttpProblem, PROBLEM_CODES, PROBLEMS, problemResponses, problemType, type ProblemCode } from '../problem.js';
import { problemListHtml, problemPageHtml } from '../problem-page.js';

const OFFERED = ['application/json', 'text/html'] as const;
const HTML_TYPE = 'text/html; charset=utf-8';

const ProblemTypeSchema = z
  .object({
    code: z.string(),
    type: z.string().describe('The `type` URI of problems with this code'),
    title: z.string(),
    status: z.number().int(),
    meaning: z.string().describe('What happened'),
    fix: z.string().describe('What the client should do about it'),
    example: z
      .object({
        method: z.string(),
        path: z.string(),
        headers: z.record(z.string(), z.string()).optional(),
        body: z.string().optional().describe('The body as sent'),
        detail: z.string().describe('The `detail` of the answer'),
      })
      .optional()
      .describe('A request that gets this problem, and what the answer says'),
  })
  .meta({ id: 'ProblemType' });
type ProblemType = z.infer<typeof ProblemTypeSchema>;

function problemTypeOf(code: ProblemCode): ProblemType {
  const { meaning, fix, example } = PROBLEM_DOCS[code];
  return { code, type: problemType(code), ...PROBLEMS[code], meaning, fix, ...(example ? { example: publicExample(example) } : {}) };
}

function publicExample({ checked: _checked, ...example }: ProblemExample): NonNullable<ProblemType['example']> {
  return example;
}

const htmlOrJson = {
  description: 'JSON by default; an HTML page when the Accept header prefers text/html (a browser following a `type` link)',
};

export const problemRoutes: FastifyPluginAsyncZod = async (app) => {
  const all = PROBLEM_CODES.map(problemTypeOf);
  app.get('/problems', {
    schema: {
      tags: ['operations'],
      summary: 'Every problem type the API can answer',
      description: `Each problem code with its status, title, meaning, an example and how to fix it. ${htmlOrJson.description}.`,
      response: {
        200: {
          ...htmlOrJson,
          content: {
            'application/json': { schema: z.object({ problems: z.array(ProblemTypeSchema) }) },
            'text/html': { schema: z.string() },
          },
        },
        ...problemResponses(406),
      },
    },
    handler: async (request, reply) => {
      addVary(reply, 'Accept');
      const type = negotiate(request.headers.accept);
      if (type === 'text/html') return reply.type(HTML_TYPE).send(problemListHtml(all));
      return { problems: all };
    },
  });
  app.get('/problems/:code', {
    schema: {
      tags: ['operations'],
      summary: 'One problem type: what it means, an example and how to fix it',
      description: `The page a problem's \`type\` URI (/problems/{code}) resolves to. ${htmlOrJson.description}.`,
      params: z.object({ code: z.string().max(64) }),
      response: {
        200: { ...htmlOrJson, content: { 'application/json': { schema: ProblemTypeSchema }, 'text/html': { schema: z.string() } } },
        ...problemResponses(404, 406),
      },
    },
    handler: async (request, reply) => {
      addVary(reply, 'Accept');
      const type = negotiate(request.headers.accept);
      const code = request.params.code as ProblemCode;
      if (!Object.hasOwn(PROBLEMS, code)) {
        throw new HttpProblem('not-found', `No problem type '${request.params.code}'; GET /problems lists them all.`);
      }
      const doc = all.find((p) => p.code === code) ?? problemTypeOf(code);
      if (type === 'text/html') return reply.type(HTML_TYPE).send(problemPageHtml(doc));
      return doc;
    },
  });
};

function negotiate(accept: string | undefined): (typeof OFFERED)[number] {
  const type = preferredMediaType(accept, OFFERED);
  if (type === undefined) throw new HttpProblem('not-acceptable', `This resource is available as ${OFFERED.join(' or ')}; the Accept header allows neither.`);
  return type;
}

// The error catalog and the RFC 9457 handler: every error the API can answer, its stable code,
// title and status from one table, and the handler that turns any thrown error (ours, the
// engine's or Fastify's) into application/problem+json. Details of 5xx are logged, never sent.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, type DomainErrorCode } from '../domain/errors.js';

export const PROBLEMS = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  'invalid-json': { status: 400, title: 'The request body is not valid JSON' },
  'bad-request': { status: 400, title: 'Bad request' },
  unauthorized: { status: 401, title: 'A valid API key is required' },
  forbidden: { status: 403, title: 'This key may not do that' },
  'clinic-creation-disabled': { status: 403, title: 'Clinic creation is disabled on this server' },
  'not-found': { status: 404, title: 'No such resource' },
  'not-acceptable': { status: 406, title: 'None of the accepted media types can be produced' },
  'method-not-allowed': { status: 405, title: 'Method not allowed on this resource' },
  'request-timeout': { status: 408, title: 'The request took too long to arrive' },
  'last-key': { status: 409, title: "A clinic's last active key cannot be revoked with itself" },
  'quote-expired': { status: 410, title: 'The quote has expired' },
  'precondition-failed': { status: 412, title: 'The resource has changed since the version named in If-Match' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'uri-too-long': { status: 414, title: 'A path segment is too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'unknown-treatment': { status: 422, title: 'Unknown treatment' },
  'unknown-area': { status: 422, title: 'Unknown area' },
  'area-not-allowed': { status: 422, title: 'Area not treated for this treatment' },
  'duplicate-area': { status: 422, title: 'Area listed twice' },
  'unknown-country': { status: 422, title: 'Unknown country' },
  'unknown-currency': { status: 422, title: 'Unknown currency' },
  'invalid-package': { status: 422, title: 'The package does not fit its defaults' },
  'invalid-price-sheet': { status: 422, title: 'The price sheet does not fit the catalog' },
  'unknown-clinic': { status: 422, title: 'Unknown clinic' },
  'clinic-has-no-price-sheet': { status: 422, title: 'The clinic has no price sheet yet' },
  'clinic-mismatch': { status: 422, title: "The request contradicts the clinic's price sheet" },
  'precondition-required': { status: 428, title: 'If-Match is required to change an existing price sheet' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'request-header-too-large': { status: 431, title: 'The request line or headers are too large' },
  'internal-error': { status: 500, title: 'Internal server error' },
  'service-unavailable': { status: 503, title: 'Service unavailable' },
  'storage-unavailable': { status: 503, title: 'Storage is unavailable; estimates still work' },
} as const satisfies Record<string, { status: number; title: string }> & Record<DomainErrorCode, { status: number; title: string }>;
export type ProblemCode = keyof typeof PROBLEMS;
export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

/** The `type` URI of a problem: a relative reference the API itself serves (GET /problems/{code}). */
export function problemType(code: ProblemCode): string {
  return `/problems/${code}`;
}

export const ProblemErrorItemSchema = z
  .object({
    pointer: z.string().describe('JSON pointer to the offending field, e.g. "/areas/1"'),
    in: z.enum(['body', 'query', 'params', 'headers']).optional().describe('Which part of the request the pointer is in'),
    message: z.string(),
    allowed: z.array(z.string()).optional().describe('The values that would be accepted here'),
  })
  .meta({ id: 'ProblemErrorItem' });
export type ProblemErrorItem = z.infer<typeof ProblemErrorItemSchema>;

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI reference identifying the problem type: /problems/{code}'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(PROBLEM_CODES as [ProblemCode, ...ProblemCode[]]).describe('Stable machine-readable code'),
    instance: z.string().optional().describe('The request path'),
    requestId: z.string().optional(),
    errors: z.array(ProblemErrorItemSchema).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });
export type Problem = z.infer<typeof ProblemSchema>;

/** Response schemas for a route's error statuses, documented with the problem+json media type. */
export function problemResponses<S extends number>(...statuses: S[]): Record<S, { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }> {
  const byStatus = {} as Record<S, { description: string; content: { 'application/problem+json': { schema: typeof ProblemSchema } } }>;
  for (const status of statuses) {
    const codes = PROBLEM_CODES.filter((code) => PROBLEMS[code].status === status);
    byStatus[status] = {
      description: `Problem: ${codes.map((code) => `${code} (${PROBLEMS[code].title})`).join('; ')}`,
      content: { 'application/problem+json': { schema: ProblemSchema } },
    };
  }
  return byStatus;
}

/** An error a route throws on purpose, carrying its problem code (and headers: Retry-After, WWW-Authenticate). */
export class HttpProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    readonly detail: string,
    readonly errors?: ProblemErrorItem[],
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export function problem(code: ProblemCode, detail: string, extra: { instance?: string; requestId?: string; errors?: ProblemErrorItem[] } = {}): Problem {
  const { status, title } = PROBLEMS[code];
  return { type: problemType(code), title, status, detail, code, ...extra };
}

/** Turns a domain error into the problem an HTTP client or a batch item sees. */
export function problemFromDomainError(error: DomainError, where: 'body' | 'query' = 'body'): Problem {
  return problem(error.code, error.message, {
    errors: error.details.map((d) => ({ pointer: d.pointer, in: where, message: d.message, ...(d.allowed ? { allowed: [...d.allowed] } : {}) })),
  });
}

const FASTIFY_CODES: Partial<Record<string, ProblemCode>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid-json',
  FST_ERR_CTP_EMPTY_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported-media-type',
  FST_ERR_BAD_URL: 'bad-request',
  FST_ERR_MAX_PARAM_LENGTH: 'uri-too-long',
  FST_ERR_ASYNC_CONSTRAINT: 'bad-request',
};

const MAX_ERRORS_SHOWN = 20;

interface ValidationIssue {
  readonly code: string;
  /** JSON pointer to the value at fault ("" for the whole document). */
  readonly pointer: string;
  readonly message: string;
  /** For unrecognized_keys: the unknown keys. */
  readonly keys?: unknown;
}

/**
 * A validation-failed problem listing each bad field by JSON pointer. An unknown key is one item
 * per key; at the top level it also says which fields are allowed. At most MAX_ERRORS_SHOWN
 * items, so a request with thousands of bad fields cannot get an answer thousands of times larger.
 */
function validationProblem(issues: readonly ValidationIssue[], where: ProblemErrorItem['in'] & string, allowedFields: string[] | undefined, topLevel = ''): Problem {
  const errors = issues.flatMap((issue): ProblemErrorItem[] => {
    if (issue.code === 'unrecognized_keys' && Array.isArray(issue.keys)) {
      const atTop = issue.pointer === topLevel && allowedFields !== undefined;
      return issue.keys.map((key) => ({
        pointer: `${issue.pointer}/${escapePointer(String(key))}`,
        in: where,
        message: `'${String(key)}' is not a field here${atTop ? `; allowed fields: ${allowedFields.join(', ')}` : ''}`,
        ...(atTop ? { allowed: allowedFields } : {}),
      }));
    }
    return [{ pointer: issue.pointer, in: where, message: issue.message }];
  });
  const shown = errors.slice(0, MAX_ERRORS_SHOWN);
  const more = errors.length > shown.length ? ` (and ${errors.length - shown.length} more not listed)` : '';
  const part = where === 'query' ? 'query string' : where;
  const detail = `${errors.length} field${errors.length === 1 ? '' : 's'} of the ${part} failed validation: ${shown.map((e) => `${e.pointer || '(root)'}: ${e.message}`).join('; ')}${more}`;
  return problem('validation-failed', detail, { errors: shown });
}

/**
 * The problem for one element of a body that failed its own schema (a batch item): pointers are
 * absolute in the body, under `prefix` (e.g. "/items/3").
 */
export function problemFromZodError(error: z.ZodError, prefix: string, schema?: z.ZodType): Problem {
  const issues = error.issues.map((issue) => ({
    code: issue.code,
    pointer: `${prefix}${issue.path.map((p) => `/${escapePointer(String(p))}`).join('')}`,
    message: issue.message,
    keys: (issue as { keys?: unknown }).keys,
  }));
  const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
  return validationProblem(issues, 'body', allowed, prefix);
}

/** Maps any error to a problem; the second value says whether it is a server fault to log. */
export function toProblem(error: unknown, request: FastifyRequest): { body: Problem; serverFault: boolean; headers?: Readonly<Record<string, string>> } {
  const extra = { instance: request.url.split('?')[0] ?? request.url, requestId: request.id };
  if (error instanceof HttpProblem) {
    const body = problem(error.code, error.detail, { ...extra, ...(error.errors ? { errors: error.errors } : {}) });
    return { body, serverFault: false, ...(error.headers ? { headers: error.headers } : {}) };
  }
  if (error instanceof DomainError) {
    const where = request.method === 'GET' ? 'query' : 'body';
    return { body: { ...problemFromDomainError(error, where), ...extra }, serverFault: false };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = validationPart((error as { validationContext?: string }).validationContext);
    const fields = fieldsOf(request, where);
    if (where === 'body' && (request.body === null || request.body === undefined)) {
      return { body: { ...notAnObjectProblem(request, fields), ...extra }, serverFault: false };
    }
    const issues = error.validation.map((issue) => {
      const pointer = issue.instancePath === '/' || issue.instancePath === undefined ? '' : issue.instancePath;
      // zod's "Invalid input: expected object, received array" about the whole body, in plain words.
      const wholeBody = pointer === '' && issue.keyword === 'invalid_type' && (issue.params as { expected?: unknown }).expected === 'object';
      return {
        code: issue.keyword,
        pointer,
        message: wholeBody ? `must be a JSON object${fields ? ` with the fields ${fields.join(', ')}` : ''}, not ${kindOf(request.body)}` : (issue.message ?? 'is not valid'),
        keys: (issue.params as { keys?: unknown }).keys,
      };
    });
    return { body: { ...validationProblem(issues, where, fields), ...extra }, serverFault: false };
  }
  const fastifyError = error as Partial<FastifyError> & { status?: number };
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped === 'unsupported-media-type') {
    return { body: problem(mapped, unsupportedMediaTypeDetail(request.headers['content-type']), extra), serverFault: false };
  }
  if (mapped) {
    return { body: problem(mapped, publicMessage(fastifyError.message), extra), serverFault: false };
  }
  if (error instanceof SyntaxError || fastifyError.statusCode === 400) {
    return { body: problem('bad-request', publicMessage(fastifyError.message), extra), serverFault: false };
  }
  const status = fastifyError.statusCode ?? fastifyError.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = (Object.keys(PROBLEMS) as ProblemCode[]).find((c) => PROBLEMS[c].status === status) ?? 'bad-request';
    return { body: problem(code, publicMessage(fastifyError.message), extra), serverFault: false };
  }
  return {
    body: problem('internal-error', 'The server failed to answer this request. It has been logged; quote the request id when reporting it.', extra),
    serverFault: true,
  };
}

/** Sends a problem with the problem+json media type. */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

/**
 * The raw answer to an HTTP parse error Node reports before any request exists (a request line
 * or headers over the limit, a malformed request, a timeout): problem+json written on the socket.
 */
export function clientErrorResponse(errorCode: string | undefined): string {
  const code: ProblemCode =
    errorCode === 'HPE_HEADER_OVERFLOW' ? 'request-header-too-large' : errorCode === 'ERR_HTTP_REQUEST_TIMEOUT' ? 'request-timeout' : 'bad-request';
  const detail =
    code === 'request-header-too-large'
      ? 'The request line and headers exceed the server limit; send long inputs in a POST body.'
      : code === 'request-timeout'
        ? 'The request did not arrive in time.'
        : 'The request is not valid HTTP.';
  const body = JSON.stringify(problem(code, detail));
  const { status, title } = PROBLEMS[code];
  return `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}

/** Every body this API takes is JSON: say so, and what was sent instead. */
function unsupportedMediaTypeDetail(contentType: string | undefined): string {
  const sent = contentType === undefined || contentType.trim() === '' ? 'this request has none' : `this request's Content-Type is '${contentType.slice(0, 100)}'`;
  return `The body must be JSON, sent with Content-Type: application/json; ${sent}.`;
}

/** A route that needs a JSON object got no body at all, or the JSON literal null. */
function notAnObjectProblem(request: FastifyRequest, fields: string[] | undefined): Problem {
  const length = request.headers['content-length'];
  const sent = (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
  const what = sent ? 'The body is JSON null' : 'The request has no body';
  const message = `a JSON object is required${fields ? ` (fields: ${fields.join(', ')})` : ''}`;
  return problem('validation-failed', `${what}; send a JSON object with Content-Type: application/json${fields ? ` (fields: ${fields.join(', ')})` : ''}.`, {
    errors: [{ pointer: '', in: 'body', message }],
  });
}

/** "an array", "a string", ... for a message about the wrong kind of JSON value. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function validationPart(context: string | undefined): 'body' | 'query' | 'params' | 'headers' {
  if (context === 'querystring') return 'query';
  if (context === 'params' || context === 'headers') return context;
  return 'body';
}

function fieldsOf(request: FastifyRequest, where: string): string[] | undefined {
  const schemas = request.routeOptions.schema as Record<string, unknown> | undefined;
  const schema = schemas?.[where === 'query' ? 'querystring' : where];
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  return undefined;
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Framework messages are safe to show (no stack, no internals); cap their length anyway. */
function publicMessage(message: string | undefined): string {
  return (message ?? 'Bad request').slice(0, 300);
}

// Shared assertions for the HTTP tests: what every problem+json answer must look like, and what no
// answer may ever contain. Not a test file (vitest only collects *.test.ts).
import { connect, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { ProblemSchema, type Problem } from '../../src/http/problem.js';

/** The parts of an answer the assertions need; both app.inject and supertest responses fit. */
export interface HttpAnswer {
  readonly statusCode?: number;
  readonly status?: number;
  readonly headers: Record<string, unknown>;
  readonly body?: unknown;
  readonly text?: string;
}

export function statusOf(res: HttpAnswer): number {
  const status = res.statusCode ?? res.status;
  if (typeof status !== 'number') throw new Error('answer has no status');
  return status;
}

/** The raw body text of an inject (body is a string) or supertest (text) answer. */
export function textOf(res: HttpAnswer): string {
  if (typeof res.text === 'string') return res.text;
  if (typeof res.body === 'string') return res.body;
  throw new Error('answer has no text body');
}

export function contentTypeOf(res: HttpAnswer): string {
  const value = res.headers['content-type'];
  return typeof value === 'string' ? value : '';
}

/**
 * Asserts an RFC 9457 answer: the problem+json media type, the five members, `type` pointing at
 * /problems/{code}, `status` equal to the HTTP status, and the shape of ProblemSchema.
 */
export function expectProblem(res: HttpAnswer, status: number, code: Problem['code']): Problem {
  const text = textOf(res);
  expect(statusOf(res), `expected ${status} ${code}, got ${statusOf(res)}: ${text.slice(0, 400)}`).toBe(status);
  expect(contentTypeOf(res)).toMatch(/^application\/problem\+json\b/);
  const body = JSON.parse(text) as Record<string, unknown>;
  for (const member of ['type', 'title', 'status', 'detail', 'code']) expect(body, `member '${member}'`).toHaveProperty(member);
  expect(body.code).toBe(code);
  expect(body.status).toBe(status);
  expect(body.type).toBe(`/problems/${code}`);
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect((body.detail as string).length).toBeGreaterThan(0);
  return ProblemSchema.parse(body);
}

/** Asserts a validation problem whose `errors` name `pointer` (in `where`), and returns that item. */
export function expectFieldError(problem: Problem, pointer: string, where: 'body' | 'query' | 'params' = 'body') {
  expect(Array.isArray(problem.errors), 'a validation problem has an errors array').toBe(true);
  const errors = problem.errors ?? [];
  for (const item of errors) {
    expect(item.pointer === '' || item.pointer.startsWith('/'), `'${item.pointer}' is a JSON pointer`).toBe(true);
    expect(item.message.length).toBeGreaterThan(0);
  }
  const item = errors.find((e) => e.pointer === pointer);
  expect(item, `an error at ${pointer}; got ${JSON.stringify(errors)}`).toBeDefined();
  expect(item?.in).toBe(where);
  return item!;
}

// A V8 stack frame: "at fn (/path/file.js:1:2)", "at file:///path/file.js:1:2", "at fn (node:internal/x:1:2)".
const STACK_FRAME = /\bat (?:[\w.<>$[\] ]+ \()?(?:[a-z]+:(?:\/\/)?)?\/?[\w.-]*\/[^\s)]*:\d+:\d+/;

/** Asserts that an answer leaks no stack trace, no installed package path and no local path. */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(STACK_FRAME);
  expect(text).not.toContain('node_modules');
  expect(text).not.toContain('/work/');
  expect(text).not.toMatch(/\.ts:\d+/);
  expect(text).not.toMatch(/\bat (Object|Module|process|async)\b/);
}

/**
 * Sends raw bytes over TCP and returns the raw answer, for requests no HTTP client will send
 * (no content-type, over-long header lines). Starts the app on a free local port if needed.
 */
export async function rawRequest(app: FastifyInstance, text: string): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(text));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer within 5 s; got so far: ${answer.slice(0, 200)}`)));
  });
}

/** Splits a raw HTTP/1.1 answer into its status, lower-cased headers and body. */
export function parseRawAnswer(raw: string): { status: number; headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: end === -1 ? '' : raw.slice(end + 4) };
}

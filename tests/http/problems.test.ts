// GET /problems/{code}: every problem type explained, with an example that really gets that
// problem (sent here, so the page cannot drift from the service) and how to fix it; JSON for
// programs, HTML for a browser, the HTML safe under the service's CSP.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_DOCS } from '../../src/http/problem-docs.js';
import { PROBLEM_CODES, PROBLEMS, type ProblemCode } from '../../src/http/problem.js';
import type { Storage } from '../../src/storage/storage.js';
import { testApp } from '../support/app.js';
import { memoryStorage, storageApp } from '../support/storage.js';
import { expectProblem } from './http-helpers.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let storage: Storage;
/** The service as deployed: storage and an admin key. */
let service: FastifyInstance;
let noAdminKey: FastifyInstance;
let noStorage: FastifyInstance;

beforeAll(async () => {
  storage = await memoryStorage();
  service = await storageApp(storage);
  noAdminKey = await storageApp(storage, { adminApiKey: undefined });
  noStorage = await testApp();
});
afterAll(async () => {
  await Promise.all([service?.close(), noAdminKey?.close(), noStorage?.close()]);
  await storage?.close();
});

describe('GET /problems/{code} as JSON', () => {
  it.each(PROBLEM_CODES)('explains %s: its status and title, what it means and how to fix it', async (code) => {
    const res = await service.inject({ url: `/problems/${code}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(String(res.headers.vary)).toMatch(/Accept/);
    const body = res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ code, type: `/problems/${code}`, status: PROBLEMS[code].status, title: PROBLEMS[code].title });
    expect(String(body.meaning).length).toBeGreaterThan(40);
    expect(String(body.fix).length).toBeGreaterThan(20);
  });

  it('lists every problem type on GET /problems', async () => {
    const body = (await service.inject({ url: '/problems' })).json<{ problems: Array<{ code: string; fix: string }> }>();
    expect(body.problems.map((p) => p.code)).toEqual(PROBLEM_CODES);
  });

  it('answers an unknown code with a 404 problem', async () => {
    expectProblem(await service.inject({ url: '/problems/no-such-code' }), 404, 'not-found');
  });
});

describe('the examples', () => {
  const apps = (): Record<string, FastifyInstance> => ({ service, 'no-admin-key': noAdminKey, 'no-storage': noStorage });
  const checked = PROBLEM_CODES.filter((code) => PROBLEM_DOCS[code].example?.checked);

  it('cover most problem types with a request that is sent here', () => {
    expect(checked.length).toBeGreaterThanOrEqual(18);
  });

  it.each(checked)('%s: the example request gets that problem, with the detail the page quotes', async (code: ProblemCode) => {
    const example = PROBLEM_DOCS[code].example!;
    const app = apps()[example.checked as string]!;
    const res = await app.inject({ method: example.method, url: example.path, headers: { ...example.headers }, ...(example.body !== undefined ? { payload: example.body } : {}) });
    const problem = expectProblem(res, PROBLEMS[code].status, code);
    expect(problem.detail).toBe(example.detail);
  });
});

describe('GET /problems/{code} in a browser', () => {
  it('is an HTML page with the meaning, the example and the fix, escaped', async () => {
    const res = await service.inject({ url: '/problems/area-not-allowed', headers: { accept: BROWSER_ACCEPT } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h1>Area not treated for this treatment</h1>');
    expect(html).toContain('What it means');
    expect(html).toContain('How to fix it');
    // The example request, escaped: its JSON quotes become entities.
    expect(html).toContain('POST /v1/estimates HTTP/1.1');
    expect(html).toContain('{&quot;treatment&quot;:&quot;hair-restoration&quot;,&quot;areas&quot;:[&quot;face&quot;]}');
    expect(html).toContain('Area &#39;face&#39; is not treated for hair-restoration.');
  });

  it('has nothing the Content-Security-Policy would block: no script, no style, no inline handler', async () => {
    for (const url of ['/problems', ...PROBLEM_CODES.map((c) => `/problems/${c}`)]) {
      const res = await service.inject({ url, headers: { accept: BROWSER_ACCEPT } });
      expect(res.headers['content-security-policy'], url).toMatch(/script-src 'self'/);
      expect(res.body, url).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=|javascript:/i);
      // Every link stays on this service.
      for (const [, href] of res.body.matchAll(/href="([^"]*)"/g)) expect(href, url).toMatch(/^\/[a-z]/);
    }
  });

  it('lists every problem type with a link to its page', async () => {
    const res = await service.inject({ url: '/problems', headers: { accept: BROWSER_ACCEPT } });
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    for (const code of PROBLEM_CODES) expect(res.body).toContain(`<a href="/problems/${code}"><code>${code}</code></a>`);
  });

  it('answers 406 when the Accept header allows neither JSON nor HTML', async () => {
    expectProblem(await service.inject({ url: '/problems/not-found', headers: { accept: 'image/png' } }), 406, 'not-acceptable');
  });
});

// The OpenAPI document as client generators meet it: Redocly CLI (`recommended`, redocly.yaml and
// its ignore file) and Spectral (`spectral:oas`, .spectral.yaml) find nothing in it. Both run from
// node_modules, offline. openapi.test.ts checks that the committed document is the generated one.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_IDS } from '../../src/http/openapi.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DOCUMENT = 'openapi/openapi.json';
// No telemetry and no update check: the suite runs without a network.
const ENV = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };

interface Finding {
  readonly rule: string;
  readonly where: string;
  readonly message: string;
}

/** Redocly's findings (errors and warnings, not the ones its ignore file accepts). */
async function redocly(document: string): Promise<Finding[]> {
  const { stdout } = await run(join(ROOT, 'node_modules/.bin/redocly'), ['lint', document, '--format', 'json', '--config', join(ROOT, 'redocly.yaml')], {
    cwd: ROOT,
    env: ENV,
    maxBuffer: 16 << 20,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const report = JSON.parse(stdout) as { problems: Array<{ ruleId: string; message: string; severity: string; location: Array<{ pointer: string }> }> };
  return report.problems.map((p) => ({ rule: p.ruleId, where: p.location[0]?.pointer ?? '', message: `${p.severity}: ${p.message}` }));
}

/** Spectral's findings at every severity, hints included. */
async function spectral(document: string): Promise<Finding[]> {
  const { stdout } = await run(join(ROOT, 'node_modules/.bin/spectral'), ['lint', document, '--format', 'json', '--fail-severity', 'hint', '--quiet', '--ruleset', join(ROOT, '.spectral.yaml')], {
    cwd: ROOT,
    env: ENV,
    maxBuffer: 16 << 20,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  const results = JSON.parse(stdout.trim() === '' ? '[]' : stdout) as Array<{ code: string; message: string; path: string[] }>;
  return results.map((r) => ({ rule: r.code, where: r.path.join('.'), message: r.message }));
}

describe('the OpenAPI document passes both linters', () => {
  it('Redocly (recommended): no error and no warning', async () => {
    expect(await redocly(DOCUMENT)).toEqual([]);
  }, 60_000);

  it('Spectral (spectral:oas): no finding at any severity', async () => {
    expect(await spectral(DOCUMENT)).toEqual([]);
  }, 60_000);
});

describe('the linters see what client generators would trip on', () => {
  let dir: string;
  let broken: string;
  beforeAll(() => {
    // The real document with an operation's id and security taken away and an unused component.
    const doc = JSON.parse(readFileSync(join(ROOT, DOCUMENT), 'utf8')) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
      components: { schemas: Record<string, unknown> };
    };
    const catalog = doc.paths['/v1/catalog']?.get ?? {};
    delete catalog.operationId;
    delete catalog.security;
    doc.components.schemas.Unused = { type: 'string' };
    dir = mkdtempSync(join(tmpdir(), 'mesoquote-lint-'));
    broken = join(dir, 'openapi.json');
    writeFileSync(broken, JSON.stringify(doc));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('Redocly reports a missing operationId, missing security and an unused component', async () => {
    const rules = (await redocly(broken)).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['operation-operationId', 'security-defined', 'no-unused-components']));
  }, 60_000);

  it('Spectral reports a missing operationId and an unused component', async () => {
    const rules = (await spectral(broken)).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['operation-operationId', 'oas3-unused-component']));
  }, 60_000);
});

describe('operationIds', () => {
  const doc = JSON.parse(readFileSync(join(ROOT, DOCUMENT), 'utf8')) as { paths: Record<string, Record<string, { operationId?: string; security?: unknown[] }>> };
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, ...op })));

  it('are the readable names of the table, camelCase, one per operation', () => {
    const ids = operations.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const o of operations) expect(o.operationId, `${o.method} ${o.path}`).toMatch(/^[a-z]+[A-Za-z]*$/);
    expect(operations.find((o) => o.method === 'post' && o.path === '/v1/estimates/batch')?.operationId).toBe('estimateBatch');
    expect(operations.find((o) => o.method === 'head' && o.path === '/v1/catalog')?.operationId).toBe('headCatalog');
    // Every entry of the table names an operation that exists (a renamed route cannot leave one behind).
    const documented = new Set(operations.map((o) => o.operationId));
    for (const id of Object.values(OPERATION_IDS)) expect(documented.has(id), id).toBe(true);
  });

  it('public operations say so with security: [], clinic operations name the bearer scheme', () => {
    for (const o of operations) {
      const clinic = o.path.startsWith('/v1/clinics');
      expect(o.security, `${o.method} ${o.path}`).toEqual(clinic ? [{ bearer: [] }] : []);
    }
  });
});

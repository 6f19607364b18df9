// The Docker image, checked without a Docker engine: the Dockerfile's shape, then its stages
// replayed by scripts/prod-smoke.ts in temporary folders (npm ci, build, npm ci --omit=dev) and
// its CMD run with production dependencies alone.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerignore, execForm, parseDockerfile, parseHealthcheck, runProdSmoke, smokeFailures, type ProdSmokeResult } from '../../scripts/prod-smoke.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(dockerfile);
const runtime = stages.at(-1);
const last = (keyword: string): string | undefined => runtime?.instructions.filter((i) => i.keyword === keyword).at(-1)?.args;

describe('Dockerfile', () => {
  it('has a build stage and a runtime stage, both on node:22-bookworm-slim (the LTS: Node 20 is past its end of life)', () => {
    expect(stages.map((s) => s.image)).toEqual(['node:22-bookworm-slim', 'node:22-bookworm-slim']);
    expect(stages[0]?.name).toBe('build');
  });

  it('runs the service as a non-root user', () => {
    const user = last('USER');
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it('installs production dependencies only in the runtime stage, with npm ci', () => {
    const runs = runtime?.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args) ?? [];
    expect(runs.some((r) => /\bnpm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(runtime?.instructions.some((i) => i.keyword === 'ENV' && /NODE_ENV=production/.test(i.args))).toBe(true);
  });

  it('checks health on /readyz (status ready: storage usable) with node (the slim image has no curl) and starts the compiled server', () => {
    const healthcheck = parseHealthcheck(last('HEALTHCHECK') ?? '');
    expect(healthcheck?.command[0]).toBe('node');
    expect(healthcheck?.command.join(' ')).toContain('/readyz');
    expect(healthcheck?.command.join(' ')).toContain("status === 'ready'");
    expect(execForm(last('CMD') ?? '')).toEqual(['node', 'dist/src/server.js']);
    expect(runtime?.instructions.some((i) => i.keyword === 'EXPOSE' && i.args === '3000')).toBe(true);
  });

  it('keeps the reference data, tests and local folders out of the build context', () => {
    const ignored = dockerignore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
    for (const path of ['node_modules/fastify/package.json', 'dist/src/server.js', '.git/HEAD', 'bench-results/bench.json', 'data/reference/README.md', 'tests/e2e/production.test.ts', '.tmp/x']) {
      expect(ignored(path), path).toBe(true);
    }
    for (const path of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'src/server.ts', 'data/treatments.json']) {
      expect(ignored(path), path).toBe(false);
    }
  });
});

describe('the image replayed without Docker: its CMD with production dependencies alone', () => {
  let result: ProdSmokeResult;

  // Two npm ci runs (from the npm cache when warm) and a tsc build: about a minute on two cores.
  beforeAll(async () => {
    result = await runProdSmoke();
  }, 240_000);

  it('meets every check of scripts/prod-smoke.ts', () => {
    expect(smokeFailures(result)).toEqual([]);
  });

  it('ran exactly the Dockerfile CMD, in the runtime WORKDIR, and answered /healthz and the HEALTHCHECK', () => {
    expect(result.command).toEqual(['node', 'dist/src/server.js']);
    expect(result.command).toEqual(result.dockerfile.cmd);
    expect(result.workdir).toBe('/app');
    expect(result.http.healthz).toBe(200);
    expect(result.healthcheckExit).toBe(0);
  });

  it('holds only package files, the bin launcher, dist, data, migrations and production node_modules', () => {
    expect(result.runtimeEntries).toEqual(['bin', 'data', 'dist', 'migrations', 'node_modules', 'package-lock.json', 'package.json']);
    for (const tool of ['vitest', 'typescript', 'tsx', 'autocannon', 'fast-check', 'supertest']) {
      expect(result.devDependenciesPresent).not.toContain(tool);
    }
    expect(result.devOnlyPresent).toEqual([]);
    expect(result.dependenciesMissing).toEqual([]);
  });

  it('stores clinics and quotes on the declared volume /data, owned by the node user, and is healthy only when storage works (issue 16, item 4)', () => {
    expect(result.dockerfile.env.STORAGE_DIR).toBe('/data');
    expect(result.dockerfile.volumes).toEqual(['/data']);
    expect(result.dockerfile.owned['/data']).toBe('node:node');
    expect(result.dockerfile.user).toBe('node');
    expect(result.http.quote).toBe(201);
    expect(result.dockerfile.healthcheck?.command.join(' ')).toContain('/readyz');
    expect(result.healthcheckExit).toBe(0);
    expect(result.dockerfile.stages.map((s) => s.image)).toEqual(['node:22-bookworm-slim', 'node:22-bookworm-slim']);
  });

  it('prices skin rejuvenation at the article figure and is ready', () => {
    expect(result.http.estimate).toMatchObject({ status: 200, typical: '1800.00', currency: 'USD' });
    expect(result.http.estimate.contentType).toMatch(/^application\/json/);
    expect(result.http.readyz).toBe(200);
    expect(result.http.openapi).toBe(200);
    expect(result.http.docsAsset).toBe(200);
    expect(result.http.widget).toBe(200);
  });

  it('runs the command line as npx mesoquote and exports the typed client, on production dependencies alone', () => {
    expect(result.cli.help).toBe(0);
    expect(result.cli.estimate).toEqual({ code: 0, typical: '1800.00' });
    expect(result.cli.price.code).toBe(1);
    expect(result.cli.price.lines[1]).toMatch(/^skin-rejuvenation,US,USD,750\.00,1800\.00,3600\.00,/);
    expect(result.cli.price.lines[2]).toMatch(/^hair-restoration,ZZ,{9}"unknown-country: /);
    expect(result.cli.chart).toEqual({ code: 0, svg: true });
    expect(result.cli.clientExport).toEqual({ code: 0, output: 'function' });
  });

  it('exits 0 on SIGTERM, within the grace period', () => {
    expect(result.shutdown).toMatchObject({ code: 0, signal: null });
    expect(result.shutdown.ms).toBeLessThan(10_000);
  });

  it('removes its temporary folders', () => {
    expect(result.tempDir.startsWith(tmpdir())).toBe(true);
    expect(existsSync(result.tempDir)).toBe(false);
  });
});

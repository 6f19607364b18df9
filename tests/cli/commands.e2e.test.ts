// `mesoquote estimate`, `catalog` and the help and usage paths: the JSON is the API's own, byte
// for byte, in process and with --api; every command has --help; exit codes are as documented.
import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { runCli, spawnCli, startedServer } from '../support/cli.js';

let server: { app: FastifyInstance; url: string };

beforeAll(async () => {
  server = await startedServer();
});
afterAll(async () => {
  await server?.app.close();
});

const REQUESTS: Array<{ flags: string[]; body: Record<string, unknown> }> = [
  { flags: ['--treatment', 'skin-rejuvenation'], body: { treatment: 'skin-rejuvenation' } },
  {
    flags: ['--treatment', 'hair-restoration', '--country', 'DE', '--city-tier', 'major-metro'],
    body: { treatment: 'hair-restoration', country: 'DE', cityTier: 'major-metro' },
  },
  {
    flags: ['--treatment', 'skin-rejuvenation', '--areas', 'face,neck', '--country', 'jp', '--practitioner', 'specialist', '--currency', 'eur', '--sessions', '4'],
    body: { treatment: 'skin-rejuvenation', areas: ['face', 'neck'], country: 'jp', practitioner: 'specialist', currency: 'eur', sessions: 4 },
  },
  {
    flags: ['--treatment', 'fat-reduction', '--package', 'buy-n-get-m', '--buy', '5', '--free', '1'],
    body: { treatment: 'fat-reduction', package: { kind: 'buy-n-get-m', buy: 5, free: 1 } },
  },
  {
    flags: ['--treatment', 'fat-reduction', '--package', 'prepaid-course', '--discount-percent', '12.5'],
    body: { treatment: 'fat-reduction', package: { kind: 'prepaid-course', discountPercent: '12.5' } },
  },
];

describe('mesoquote estimate', () => {
  it.each(REQUESTS)('prints exactly the API answer with --json: $flags', async ({ flags, body }) => {
    const api = await server.app.inject({ method: 'POST', url: '/v1/estimates', payload: body });
    expect(api.statusCode).toBe(200);
    const cli = await runCli(['estimate', ...flags, '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toBe(`${api.body}\n`);
  });

  it('prints the same bytes in its own process, and with --api from a running server', async () => {
    const { flags, body } = REQUESTS[2]!;
    const api = await server.app.inject({ method: 'POST', url: '/v1/estimates', payload: body });
    const spawned = await spawnCli(['estimate', ...flags, '--json']);
    expect(spawned.code, spawned.stderr).toBe(0);
    expect(spawned.stdout).toBe(`${api.body}\n`);
    const remote = await spawnCli(['estimate', ...flags, '--json', '--api', server.url]);
    expect(remote.code, remote.stderr).toBe(0);
    expect(remote.stdout).toBe(`${api.body}\n`);
  });

  it('prints a readable table by default', async () => {
    const cli = await runCli(['estimate', '--treatment', 'skin-rejuvenation']);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^skin-rejuvenation: face, US, city, physician; in USD \(US Dollar\)/);
    expect(cli.stdout).toMatch(/per session\s+250\.00\s+360\.00\s+600\.00/);
    expect(cli.stdout).toMatch(/sessions\s+3\s+5\s+6/);
    expect(cli.stdout).toMatch(/course total\s+750\.00\s+1800\.00\s+3600\.00/);
    expect(cli.stdout).toContain('data version: sha256:');
  });

  it.each([
    [['--treatment', 'botox'], 'unknown-treatment', '--treatment'],
    [['--treatment', 'skin-rejuvenation', '--sessions', 'many'], 'validation-failed', '--sessions'],
    [['--treatment', 'hair-restoration', '--areas', 'face'], 'area-not-allowed', '--areas'],
    [['--treatment', 'fat-reduction', '--package', 'prepaid-course', '--discount-percent', '120'], 'validation-failed', '--discount-percent'],
  ])('exits 1 with the API problem for an invalid request: %j', async (flags, code, flag) => {
    const cli = await runCli(['estimate', ...flags, '--json']);
    expect(cli.code).toBe(1);
    const problem = JSON.parse(cli.stdout) as { code: string; status: number; errors: unknown[] };
    expect(problem.code).toBe(code);
    expect(cli.stderr).toMatch(new RegExp(`^mesoquote: ${code}: .*\\[${flag}\\]$`, 'm'));
    // The same request to the API: the same code, status and error items.
    const body = JSON.parse((await runCli(['estimate', ...flags, '--json', '--api', server.url])).stdout) as typeof problem;
    expect({ code: body.code, status: body.status, errors: body.errors }).toEqual({ code: problem.code, status: problem.status, errors: problem.errors });
  });

  it('exits 3 when --api points at something that is not the API', async () => {
    const cli = await runCli(['estimate', '--treatment', 'skin-rejuvenation', '--api', `${server.url}/not-here`]);
    expect(cli.code).toBe(3);
    expect(cli.stderr).toMatch(/^mesoquote: the API answered 404 to POST \/v1\/estimates: No resource at POST \/not-here\/v1\/estimates/);
  });

  it('exits 3 when the API cannot be reached, and 3 when the data does not validate', async () => {
    const port = await freePort();
    const unreachable = await runCli(['estimate', '--treatment', 'skin-rejuvenation', '--api', `http://127.0.0.1:${port}`]);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(/^mesoquote: cannot reach the API at /);

    const dir = mkdtempSync(join(tmpdir(), 'mesoquote-cli-data-'));
    try {
      cpSync(loadConfig({}).dataDir, dir, { recursive: true, filter: (p) => !p.includes('reference') });
      writeFileSync(join(dir, 'areas.json'), '{"areas": 3}');
      const bad = await runCli(['estimate', '--treatment', 'skin-rejuvenation', '--data-dir', dir]);
      expect(bad.code).toBe(3);
      expect(bad.stderr).toMatch(/^mesoquote: the data does not validate: data\/areas\.json: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('mesoquote catalog', () => {
  it('prints exactly GET /v1/catalog with --json, in process and with --api', async () => {
    const api = await server.app.inject({ method: 'GET', url: '/v1/catalog' });
    const local = await runCli(['catalog', '--json']);
    expect(local.stdout).toBe(`${api.body}\n`);
    const remote = await runCli(['catalog', '--json', '--api', server.url]);
    expect(remote.stdout).toBe(`${api.body}\n`);
  });

  it('lists treatments, areas and countries as text', async () => {
    const cli = await runCli(['catalog']);
    expect(cli.code).toBe(0);
    const catalog = JSON.parse((await server.app.inject({ method: 'GET', url: '/v1/catalog' })).body) as {
      treatments: Array<{ id: string }>;
      areas: { areas: Array<{ id: string }> };
      countries: Array<{ code: string }>;
    };
    for (const t of catalog.treatments) expect(cli.stdout).toMatch(new RegExp(`^${t.id} `, 'm'));
    for (const a of catalog.areas.areas) expect(cli.stdout).toMatch(new RegExp(`^${a.id} `, 'm'));
    for (const c of catalog.countries) expect(cli.stdout).toMatch(new RegExp(`^${c.code} `, 'm'));
    const onlyTiers = await runCli(['catalog', 'tiers']);
    expect(onlyTiers.stdout).toContain('major-metro');
    expect(onlyTiers.stdout).not.toContain('skin-rejuvenation');
  });

  it('exits 2 for an unknown section', async () => {
    const cli = await runCli(['catalog', 'prices']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe("mesoquote: catalog: unknown section 'prices'; sections: treatments, areas, tiers, packages, countries\n");
  });
});

describe('help and usage', () => {
  it.each(['estimate', 'price', 'catalog', 'chart'])('%s --help prints its usage and the exit codes, exit 0', async (command) => {
    const cli = await runCli([command, '--help']);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(new RegExp(`^Usage: mesoquote ${command}`));
    expect(cli.stdout).toContain('Exit codes:');
  });

  it('mesoquote --help lists every command (0); no arguments prints it too (2)', async () => {
    const help = await spawnCli(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['estimate', 'price', 'catalog', 'chart']) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe(help.stdout);
  });

  it.each([
    [['quote'], "mesoquote: unknown command 'quote'; commands: estimate, price, catalog, chart (mesoquote --help)\n"],
    [['estimate', '--treatment', 'x', '--colour', 'red'], "mesoquote: estimate: Unknown option '--colour' (mesoquote estimate --help)\n"],
    [['estimate'], 'mesoquote: estimate: --treatment is required, e.g. --treatment skin-rejuvenation (mesoquote catalog lists them)\n'],
    [['price', 'a.csv', 'b.csv'], 'mesoquote: price: give one input file (or - for standard input), not 2 (mesoquote price --help)\n'],
    [['price', 'a.csv', '--batch-size', '0'], "mesoquote: --batch-size must be a whole number from 1 to 100000, not '0'\n"],
    [['estimate', '--treatment', 'x', '--api', 'ftp://host'], "mesoquote: --api must be an http or https URL, not 'ftp://host'\n"],
    [['chart'], 'mesoquote: chart: --treatment is required, e.g. --treatment skin-rejuvenation\n'],
  ])('exits 2 with one message line for %j', async (args, message) => {
    const cli = await runCli(args);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toBe(message);
    expect(cli.stdout).toBe('');
  });

  it('prints the version', async () => {
    const cli = await runCli(['--version']);
    expect(cli.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

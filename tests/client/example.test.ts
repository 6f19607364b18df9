// examples/comparison-grid.ts: type-checked with the rest (tsconfig includes examples/), run here
// as a reader would run it, against a started server, and its grid checked against the API.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES, PRACTITIONERS, priceGrid } from '../../examples/comparison-grid.js';
import { createMesoquoteClient } from '../../src/client/index.js';
import { ROOT, startedServer } from '../support/cli.js';

let server: { app: FastifyInstance; url: string };

beforeAll(async () => {
  server = await startedServer();
});
afterAll(async () => {
  await server?.app.close();
});

describe('the comparison-site example', () => {
  it('prices every country x practitioner cell in one batch, cheapest first, as the API does', async () => {
    const { cells, refused } = await priceGrid(createMesoquoteClient({ baseUrl: server.url }), 'hair-restoration', 'EUR');
    expect(refused).toEqual([]);
    expect(cells).toHaveLength(COUNTRIES.length * PRACTITIONERS.length);
    const typical = cells.map((c) => Number(c.typical));
    expect(typical).toEqual([...typical].sort((a, b) => a - b));
    const de = cells.find((c) => c.country === 'DE' && c.practitioner === 'specialist');
    const api = (await server.app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'hair-restoration', country: 'DE', practitioner: 'specialist', currency: 'EUR' } })).json() as { total: object };
    expect(de).toMatchObject(api.total);
  });

  it('reports a cell the API refuses instead of dropping it', async () => {
    const { cells, refused } = await priceGrid(createMesoquoteClient({ baseUrl: server.url }), 'hair-restoration', 'EUR', ['FR', 'ZZ']);
    expect(cells).toHaveLength(3);
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatch(/^ZZ\/non-physician: unknown-country: /);
  });

  it('runs from the command line, importing "mesoquote/client" as a user would', async () => {
    const run = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      // The package's own "mesoquote-source" export condition maps mesoquote/client to src/ (no build needed).
      const child = spawn(process.execPath, ['--conditions=mesoquote-source', '--import', 'tsx', join('examples', 'comparison-grid.ts'), server.url, 'skin-rejuvenation', 'USD'], { cwd: ROOT });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(run.code, run.out).toBe(0);
    const lines = run.out.trim().split('\n');
    expect(lines[0]).toBe('skin-rejuvenation, typical course total in USD, cheapest first');
    expect(lines).toHaveLength(1 + COUNTRIES.length * PRACTITIONERS.length);
    expect(run.out).toMatch(/^US {2}physician {6}\s+1800\.00 {2}\(750\.00 to 3600\.00\)$/m);
  });
});

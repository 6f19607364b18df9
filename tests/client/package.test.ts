// The typed client from another project: `npm pack` makes a tarball whose "mesoquote/client"
// another TypeScript project imports, type-checks against and calls. The tarball is unpacked where
// npm would put it (node_modules/mesoquote) and the client's one runtime dependency, openapi-fetch,
// is linked beside it, so the test needs no registry.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../fixtures/committed-data.js';
import { testApp } from '../support/app.js';
import { copyCheckout, type CheckoutCopy } from '../support/checkout-copy.js';

const run = promisify(execFile);

const CONSUMER = `import { createMesoquoteClient, isProblem, MesoquoteProblem, type Estimate, type EstimateRequest } from 'mesoquote/client';

const api = createMesoquoteClient({ baseUrl: process.argv[2] ?? '' });
const request: EstimateRequest = { treatment: 'hair-restoration', country: 'FR' };
const estimate: Estimate = await api.estimate(request);
const batch = await api.estimateBatch([{ treatment: 'skin-rejuvenation' }, { treatment: 'botox' }]);
let problem = '';
try {
  await api.estimate({ treatment: 'botox' });
} catch (error) {
  if (error instanceof MesoquoteProblem) problem = \`\${error.status} \${error.problem.code}\`;
}
console.log(JSON.stringify({ total: estimate.total.typical, currency: estimate.currency.code, batch: batch.map((r) => (isProblem(r) ? r.code : r.total.typical)), problem }));
`;

let copy: CheckoutCopy;
let consumer: string;
let files: string[];
let app: FastifyInstance;

beforeAll(async () => {
  copy = copyCheckout('mesoquote-pack-');
  // prepack builds dist/ in the copy; --json lists what went into the tarball.
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', copy.dir], { cwd: copy.dir, maxBuffer: 16 << 20 });
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed!.files.map((f) => f.path);
  consumer = join(copy.dir, 'consumer');
  mkdirSync(join(consumer, 'node_modules'), { recursive: true });
  await run('tar', ['xzf', join(copy.dir, packed!.filename), '-C', join(consumer, 'node_modules')]);
  renameSync(join(consumer, 'node_modules', 'package'), join(consumer, 'node_modules', 'mesoquote'));
  for (const dependency of ['openapi-fetch', 'openapi-typescript-helpers']) symlinkSync(join(ROOT, 'node_modules', dependency), join(consumer, 'node_modules', dependency));
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { mesoquote: '*' } }));
  writeFileSync(
    join(consumer, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, outDir: 'out', types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')], skipLibCheck: true },
      include: ['index.ts'],
    }),
  );
  writeFileSync(join(consumer, 'index.ts'), CONSUMER);
  app = await testApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
}, 300_000);

afterAll(async () => {
  await app?.close();
  copy?.remove();
});

describe('npm pack', () => {
  it('holds the compiled client with its types, the licence, the document and the data, and no tests or sources', () => {
    for (const file of ['package.json', 'LICENSE', 'README.md', 'dist/src/client/index.js', 'dist/src/client/index.d.ts', 'dist/src/client/openapi-types.d.ts', 'openapi/openapi.json', 'data/treatments.json', 'bin/mesoquote.js']) {
      expect(files, file).toContain(file);
    }
    expect(files.filter((f) => f.startsWith('tests/') || f.startsWith('src/') || f.startsWith('node_modules/'))).toEqual([]);
  });

  it('says what licence the client is under', () => {
    const pkg = JSON.parse(readFileSync(join(consumer, 'node_modules', 'mesoquote', 'package.json'), 'utf8')) as { license: string; dependencies: Record<string, string> };
    expect(pkg.license).toBe('SEE LICENSE IN LICENSE');
    expect(readFileSync(join(consumer, 'node_modules', 'mesoquote', 'LICENSE'), 'utf8')).toMatch(/"mesoquote\/client"[\s\S]*MIT License/);
    expect(Object.keys(pkg.dependencies)).toContain('openapi-fetch');
  });
});

describe('another project', () => {
  it("type-checks and compiles against 'mesoquote/client' from the tarball", async () => {
    await run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: consumer }).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`tsc failed in the consumer project:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    });
    expect(readdirSync(join(consumer, 'out'))).toContain('index.js');
  }, 120_000);

  it('calls a running service through it: an estimate, a batch, a problem', async () => {
    const { port } = app.server.address() as AddressInfo;
    const { stdout } = await run(process.execPath, [join(consumer, 'out', 'index.js'), `http://127.0.0.1:${port}`], { cwd: consumer });
    const direct = (await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'hair-restoration', country: 'FR' } })).json<{ total: { typical: string } }>();
    const skin = (await app.inject({ method: 'POST', url: '/v1/estimates', payload: { treatment: 'skin-rejuvenation' } })).json<{ total: { typical: string } }>();
    expect(JSON.parse(stdout)).toEqual({ total: direct.total.typical, currency: 'EUR', batch: [skin.total.typical, 'unknown-treatment'], problem: '422 unknown-treatment' });
  }, 60_000);
});

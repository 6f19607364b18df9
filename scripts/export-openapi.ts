// Writes openapi/openapi.json from the routes' schemas (npm run openapi). The drift test in
// tests/http/openapi.test.ts fails when the committed file and this output differ.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, packageRoot } from '../src/config.js';
import { loadData } from '../src/data/load.js';
import { buildApp } from '../src/http/app.js';
import { openApiText } from '../src/http/openapi.js';

const config = loadConfig({});
const app = await buildApp({ config, data: loadData(config.dataDir) });
const target = join(packageRoot(), 'openapi', 'openapi.json');
mkdirSync(join(packageRoot(), 'openapi'), { recursive: true });
writeFileSync(target, await openApiText(app));
await app.close();
process.stdout.write(`wrote ${target}\n`);

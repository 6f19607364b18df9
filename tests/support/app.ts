// Builds the real app on the committed data, for HTTP tests. No network: use app.inject or
// supertest(app.server) after ready().
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { loadData, type LoadedData } from '../../src/data/load.js';
import { buildApp } from '../../src/http/app.js';

let cached: LoadedData | undefined;

/** The committed data, loaded once per test file. */
export function realData(): LoadedData {
  cached ??= loadData(loadConfig({}).dataDir);
  return cached;
}

export async function testApp(overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const config = { ...loadConfig({}), ...overrides };
  const app = await buildApp({ config, data: realData() });
  await app.ready();
  return app;
}

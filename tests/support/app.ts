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

/**
 * The default configuration, without load shedding on event-loop delay unless a test asks for it:
 * on a busy machine (two cores shared by parallel test files, PGlite compiling WebAssembly on the
 * same thread) the loop can stall past the 1 s default, and the app would then answer a test's
 * request with a 503 the test did not cause. Shedding has its own tests (protection.test.ts).
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), pressureMaxEventLoopDelayMs: 0, ...overrides };
}

export async function testApp(overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const config = testConfig(overrides);
  const app = await buildApp({ config, data: realData() });
  await app.ready();
  return app;
}

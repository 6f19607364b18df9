// The domain tests alone, for mutation testing (stryker.config.mjs): a mutant in src/domain must
// be killed by a test of the domain, not only by an HTTP test that happens to reach it. No widget
// build (globalSetup) and no HTTP, data-fit or CLI tests.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/domain/**/*.test.ts'],
    setupFiles: ['./tests/support/fast-check.ts'],
    retry: 0,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

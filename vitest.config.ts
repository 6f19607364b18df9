import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The package's own "mesoquote/client" export, as examples/ import it, from source (the
  // "mesoquote-source" condition that tsconfig uses), so tests need no build.
  resolve: { alias: [{ find: /^mesoquote\/client$/, replacement: fileURLToPath(new URL('./src/client/index.ts', import.meta.url)) }] },
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds dist/widget/widget.js, which GET /widget.js serves and the browser test loads.
    globalSetup: ['./tests/support/build-widget.ts'],
    // fast-check: FC_SEED / FC_PATH replay a failed property (its message names both).
    setupFiles: ['./tests/support/fast-check.ts'],
    // A test that fails fails the run: nothing is retried, so nothing flaky hides behind a rerun.
    retry: 0,
    reporters: ['default', './tests/support/count-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI machines: keep the pool small so subprocess tests are not starved.
    maxWorkers: 2,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds dist/widget/widget.js, which GET /widget.js serves and the browser test loads.
    globalSetup: ['./tests/support/build-widget.ts'],
    reporters: ['default', './tests/support/count-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores on CI machines: keep the pool small so subprocess tests are not starved.
    maxWorkers: 2,
  },
});

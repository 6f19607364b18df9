// Mutation testing of the pricing engine with the domain tests alone: `npm run mutation`.
// Reports go to reports/mutation/ (HTML and JSON); both it and .stryker-tmp/ are gitignored.
// One file at a time while iterating: npx stryker run --mutate src/domain/likely.ts
// StrykerJS 10 needs Node 22; 9.6 with its vitest runner works with vitest 4 on Node 20.
// Equivalent mutants are named where they are, with `// Stryker disable next-line <mutator>: why`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  mutate: ['src/domain/**/*.ts'],
  coverageAnalysis: 'perTest',
  // Two cores shared with other work: one or two test processes, never more.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  timeoutMS: 60_000,
  thresholds: { high: 90, low: 80, break: null },
  ignoreStatic: false,
};

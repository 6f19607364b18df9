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
  // Code the domain tests also run while files load (tables built at collection time) is
  // "hybrid": with this on, such a mutant runs against the tests that cover it, as any other,
  // instead of the whole suite with a module reload (hours on two cores). Mutants run only while
  // a file loads (module-level constants) are ignored: the vitest runner reports one that throws
  // at load as surviving, since a file that fails to load has no failing test. Check those by hand.
  ignoreStatic: true,
};

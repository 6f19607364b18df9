// vitest setupFiles: fast-check's global settings for every test file. A failing property's
// message names its seed ("{ seed: 1234, path: "5:0" }"); the same seed runs the same cases, so
// the same counterexample is found (and shrunk) again:
//   FC_SEED=1234 npx vitest run tests/domain/laws.test.ts -t 'the test name'
// FC_NUM_RUNS runs every property more (or fewer) times. Properties that pass their own seed
// (the fuzz suite, FUZZ_SEED) keep it.
import fc from 'fast-check';

const seed = process.env.FC_SEED;
const numRuns = process.env.FC_NUM_RUNS;
if (seed !== undefined && !/^-?\d+$/.test(seed)) throw new Error(`FC_SEED must be an integer, got '${seed}'`);
if (numRuns !== undefined && !/^\d+$/.test(numRuns)) throw new Error(`FC_NUM_RUNS must be a whole number, got '${numRuns}'`);

fc.configureGlobal({
  ...fc.readConfigureGlobal(),
  ...(seed !== undefined ? { seed: Number(seed) } : {}),
  ...(numRuns !== undefined ? { numRuns: Number(numRuns) } : {}),
});

// The property tests can be replayed: a failure names its seed, and FC_SEED
// (tests/support/fast-check.ts) runs the same cases again for every property of the run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** A property that fails for some integers only: which one fails first depends on the seed. */
const property = () => fc.property(fc.integer(), (n) => n % 7 !== 3);

function failure(parameters: fc.Parameters<[number]>): { message: string; seed: number; path: string; counterexample: number } {
  const details = fc.check(property(), parameters);
  if (!details.failed || details.counterexample === null || details.counterexamplePath === null) throw new Error('the property did not fail');
  try {
    fc.assert(property(), parameters);
  } catch (error) {
    return { message: (error as Error).message, seed: details.seed, path: details.counterexamplePath, counterexample: details.counterexample[0] };
  }
  throw new Error('fc.assert did not throw');
}

describe('fast-check failures', () => {
  it('print the seed and the path of the counterexample', () => {
    const f = failure({ seed: 42 });
    expect(f.message).toContain(`seed: ${f.seed}`);
    expect(f.message).toContain(`path: "${f.path}"`);
  });

  it('replay to the same counterexample from the seed alone', () => {
    const first = failure({ seed: 20261204 });
    const replayed = fc.check(property(), { seed: first.seed });
    expect(replayed.failed).toBe(true);
    expect(replayed.counterexample?.[0]).toBe(first.counterexample);
  });

  it('take FC_SEED from the environment for every property of the run', () => {
    const global = fc.readConfigureGlobal();
    if (process.env.FC_SEED === undefined) expect(global.seed).toBeUndefined();
    else expect(global.seed).toBe(Number(process.env.FC_SEED));
  });
});

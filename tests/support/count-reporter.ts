// Ends every test run with one plain line, "N passed, N failed" (", N skipped" when any were),
// so CI and people can count results without parsing vitest's own summary. A test that passed
// only on a retry (vitest --retry) is named above it: a rerun never hides a flaky test.
import type { Reporter, TestModule } from 'vitest/node';

export default class CountReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const retried: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        const retries = test.diagnostic()?.retryCount ?? 0;
        if (retries > 0) retried.push(`${module.moduleId.replace(/^.*\/tests\//, 'tests/')} > ${test.fullName} (${state} after ${retries} ${retries === 1 ? 'retry' : 'retries'})`);
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else skipped += 1;
      }
      // A file that fails to load has no tests to count; count it as a failure.
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed += 1;
    }
    failed += unhandledErrors.length;
    for (const line of retried) process.stdout.write(`\nretried: ${line}`);
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  }
}

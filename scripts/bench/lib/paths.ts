// Where the benchmarks read and write.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Results, and by default the compiled service and the bare servers (git-ignored). */
export const RESULTS_DIR = join(ROOT, 'bench-results');

// npm run bench: every benchmark side by side in one run, one small script per measurement in
// scripts/bench/ over the shared harness in scripts/bench/lib/. The in-process ones first, before
// any server competes for the CPU; then each route against a bare Fastify route sending the same
// answer, batch against singles, and memory under sustained load. Prints every target with its
// ratio and writes bench-results/bench.json (bench-quick.json with --quick). docs/performance.md
// says what each measures and how.
//
//   npm run bench                          all of it, about 7 minutes
//   npm run bench -- --quick               a smoke run (short runs, 1 round; figures not meaningful)
//   npm run bench -- --only engine,cached  some of it; --help for every option
import { batchTenInFlight } from './bench/batch-ten-in-flight.js';
import { batchVsSinglesMeasurement } from './bench/batch-vs-singles.js';
import { cacheOff } from './bench/cache-off.js';
import { cached } from './bench/cached.js';
import { engine } from './bench/engine.js';
import { getHit } from './bench/get-hit.js';
import { jsonBody } from './bench/json-body.js';
import { main } from './bench/lib/harness.js';
import { postHit } from './bench/post-hit.js';
import { soakMeasurement } from './bench/soak.js';

main([engine, jsonBody, postHit, getHit, cached, cacheOff, batchVsSinglesMeasurement, batchTenInFlight, soakMeasurement]);

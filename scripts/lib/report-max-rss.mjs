// Preloaded into a benchmarked process (node --import): on exit, writes the process's peak
// resident memory (getrusage ru_maxrss, KiB on Linux) and its CPU time (user + system, µs) to the
// file named by MESOQUOTE_MAX_RSS_FILE.
// When Node runs with --expose-gc, it also collects garbage every 500 ms and records the largest
// heap still in use afterwards: the memory the process really holds, without the garbage a lazy
// collector lets pile up.
import { writeFileSync } from 'node:fs';

const target = process.env.MESOQUOTE_MAX_RSS_FILE;
if (target) {
  let liveHeapBytes = 0;
  if (typeof globalThis.gc === 'function') {
    const sample = () => {
      globalThis.gc();
      liveHeapBytes = Math.max(liveHeapBytes, process.memoryUsage().heapUsed);
    };
    setInterval(sample, 500).unref();
    process.on('exit', sample);
  }
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMicros: usage.userCPUTime + usage.systemCPUTime, liveHeapBytes }));
  });
}

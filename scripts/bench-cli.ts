// npm run bench:cli: `mesoquote price` on generated CSV files of 10,000 and 100,000 rows (and any
// other sizes asked for): rows per second, and the peak resident memory of the CLI process at
// each size. Streaming means the peak must not grow with the file: the 100k / 10k ratio of peak
// memory is printed next to the 10x ratio of rows.
//
//   npm run bench:cli                         10k, 100k and 1M rows (about 3 minutes)
//   npm run bench:cli -- --sizes 10000,100000 --runs 1 --out FILE
//
// How it measures: compiles with `npm run build` (bin/mesoquote.js then runs dist/, as an
// installed package does), writes each file once from a fixed seed (every treatment with its
// allowed areas, every country, tier, practitioner and package kind; 2% of rows name a country
// that does not exist, so the error path is exercised), then runs
//   node --import scripts/lib/report-max-rss.mjs bin/mesoquote.js price in.csv -o out.csv
// in its own process. Rows per second = rows / the CLI's own elapsed time (its summary line:
// reading, pricing and writing, not Node's start-up); the wall time of the whole process is
// recorded too, and rows per CPU second of the process (user + system time, start-up included),
// which holds steady when other work shares the cores. Peak memory is the process's ru_maxrss at
// exit. Figures are medians over runs (3 runs; 1 above 100k rows), peak memory the largest. The output is checked to have one row
// per input row. A further run per size with --expose-gc collects garbage every 500 ms and
// records the largest live heap: what the process holds, apart from garbage not yet collected.
import { prng } from './bench/lib/requests.js';
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.js';
import { loadData } from '../src/data/load.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'mesoquote.js');
const PRELOAD = join(ROOT, 'scripts', 'lib', 'report-max-rss.mjs');

export interface CliBenchRun {
  readonly rows: number;
  readonly fileBytes: number;
  readonly cliSeconds: number;
  readonly wallSeconds: number;
  readonly rowsPerSecond: number;
  /** Rows over the process's CPU time (start-up included): steady when other work shares the cores. */
  readonly rowsPerCpuSecond: number;
  readonly peakRssMiB: number;
  readonly failedRows: number;
}

export interface CliBenchResult {
  readonly sizes: ReadonlyArray<{ rows: number; runs: CliBenchRun[]; medianRowsPerSecond: number; medianRowsPerCpuSecond: number; peakRssMiB: number; liveHeapMiB: number }>;
  /** Each larger size against the smallest: rows, peak RSS and live heap ratios (about 1 when memory is flat). */
  readonly ratios: ReadonlyArray<{ rows: number; over: number; rowRatio: number; peakRssRatio: number; liveHeapRatio: number }>;
}


/** Writes `rows` request rows to `path`, streamed (the file can be larger than memory). */
export async function writeRequestsCsv(path: string, rows: number, seed = 42): Promise<void> {
  const { files } = loadData(loadConfig({}).dataDir);
  const treatments = files['treatments.json'].treatments;
  const countries = files['countries.json'].countries.map((c) => c.code);
  const tiers = ['major-metro', 'city', 'town'];
  const practitioners = ['non-physician', 'physician', 'specialist'];
  const packages = ['', '', 'none', 'prepaid-course', 'buy-n-get-m', 'new-patient'];
  const next = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const out = createWriteStream(path);
  const write = (line: string): Promise<void> | undefined => (out.write(line) ? undefined : new Promise((r) => out.once('drain', () => r())));
  await write('id,treatment,areas,country,cityTier,practitioner,package.kind,client\r\n');
  for (let i = 1; i <= rows; i += 1) {
    const t = pick(treatments);
    const areas = next() < 0.3 ? `"${[...new Set([pick(t.allowedAreas), pick(t.allowedAreas)])].join(',')}"` : '';
    const country = next() < 0.02 ? 'ZZ' : pick(countries);
    const wait = write(`${i},${t.id},${areas},${country},${pick(tiers)},${pick(practitioners)},${pick(packages)},client ${i % 997}\r\n`);
    if (wait) await wait;
  }
  await new Promise<void>((r, reject) => out.end((error?: Error | null) => (error ? reject(error) : r())));
}

function runPrice(input: string, output: string, rssFile: string, exposeGc = false): Promise<{ code: number | null; stderr: string; wallSeconds: number }> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(exposeGc ? ['--expose-gc'] : []), '--import', pathToFileURL(PRELOAD).href, BIN, 'price', input, '-o', output, '--no-progress'], {
      cwd: ROOT,
      env: { ...process.env, MESOQUOTE_MAX_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stderr, wallSeconds: (performance.now() - t0) / 1000 }));
  });
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

export async function runCliBench(options: { sizes?: readonly number[]; runs?: number; build?: boolean; log?: (line: string) => void } = {}): Promise<CliBenchResult> {
  const sizes = options.sizes ?? [10_000, 100_000, 1_000_000];
  const runs = options.runs ?? 3;
  const log = options.log ?? (() => undefined);
  if (options.build !== false) {
    log('building dist/ (npm run build)');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  }
  const dir = mkdtempSync(join(tmpdir(), 'mesoquote-bench-cli-'));
  try {
    const results: CliBenchResult['sizes'][number][] = [];
    for (const rows of sizes) {
      const input = join(dir, `requests-${rows}.csv`);
      await writeRequestsCsv(input, rows);
      const fileBytes = statSync(input).size;
      const done: CliBenchRun[] = [];
      // A million rows takes minutes a run: once is enough there.
      for (let r = 0; r < (rows > 100_000 ? 1 : runs); r += 1) {
        const output = join(dir, `priced-${rows}.csv`);
        const rssFile = join(dir, 'rss.json');
        rmSync(output, { force: true });
        const run = await runPrice(input, output, rssFile);
        const summary = /rows=(\d+) priced=(\d+) failed=(\d+) seconds=([\d.]+)/.exec(run.stderr);
        if (!summary || (run.code !== 0 && run.code !== 1)) throw new Error(`price exited ${run.code}: ${run.stderr.slice(-2000)}`);
        if (Number(summary[1]) !== rows) throw new Error(`price read ${summary[1]} rows of ${rows}`);
        const outputLines = readFileSync(output, 'utf8').split('\r\n').length - 2; // header and the final empty split
        if (outputLines !== rows) throw new Error(`price wrote ${outputLines} rows for ${rows}`);
        const { maxRssKiB, cpuMicros } = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKiB: number; cpuMicros: number };
        const cliSeconds = Number(summary[4]);
        const result: CliBenchRun = {
          rows,
          fileBytes,
          cliSeconds,
          wallSeconds: Number(run.wallSeconds.toFixed(3)),
          rowsPerSecond: Math.round(rows / cliSeconds),
          rowsPerCpuSecond: Math.round(rows / (cpuMicros / 1e6)),
          peakRssMiB: Number((maxRssKiB / 1024).toFixed(1)),
          failedRows: Number(summary[3]),
        };
        done.push(result);
        log(`${rows} rows (${(fileBytes / 1e6).toFixed(1)} MB): ${result.rowsPerSecond} rows/s, ${result.rowsPerCpuSecond} rows per CPU-s, ${result.cliSeconds} s (process ${result.wallSeconds} s), peak RSS ${result.peakRssMiB} MiB, ${result.failedRows} failed rows`);
      }
      // One more run, not timed: garbage collected every 500 ms, the largest live heap recorded.
      const rssFile = join(dir, 'rss.json');
      const gcRun = await runPrice(input, join(dir, 'gc.csv'), rssFile, true);
      if (gcRun.code !== 0 && gcRun.code !== 1) throw new Error(`price --expose-gc exited ${gcRun.code}: ${gcRun.stderr.slice(-2000)}`);
      const liveHeapMiB = Number(((JSON.parse(readFileSync(rssFile, 'utf8')) as { liveHeapBytes: number }).liveHeapBytes / 1048576).toFixed(1));
      log(`${rows} rows: live heap after garbage collection at most ${liveHeapMiB} MiB`);
      results.push({
        rows,
        runs: done,
        medianRowsPerSecond: Math.round(median(done.map((d) => d.rowsPerSecond))),
        medianRowsPerCpuSecond: Math.round(median(done.map((d) => d.rowsPerCpuSecond))),
        peakRssMiB: Math.max(...done.map((d) => d.peakRssMiB)),
        liveHeapMiB,
      });
    }
    const first = results[0];
    const ratios = first
      ? results.slice(1).map((s) => ({
          rows: s.rows,
          over: first.rows,
          rowRatio: s.rows / first.rows,
          peakRssRatio: Number((s.peakRssMiB / first.peakRssMiB).toFixed(2)),
          liveHeapRatio: Number((s.liveHeapMiB / first.liveHeapMiB).toFixed(2)),
        }))
      : [];
    return { sizes: results, ratios };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatCliBench(r: CliBenchResult): string {
  const lines = r.sizes.map(
    (s) => `  ${String(s.rows).padStart(9)} rows: ${String(s.medianRowsPerSecond).padStart(7)} rows/s, ${s.medianRowsPerCpuSecond} rows per CPU-s (medians of ${s.runs.length}), peak RSS ${s.peakRssMiB} MiB, live heap after GC at most ${s.liveHeapMiB} MiB`,
  );
  return [
    'mesoquote price (in-process engine, compiled):',
    ...lines,
    ...r.ratios.map((x) => `  ${x.rows} / ${x.over} rows (${x.rowRatio}x the rows): peak RSS ${x.peakRssRatio}x, live heap ${x.liveHeapRatio}x`),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string): string | undefined => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const sizes = arg('sizes')?.split(',').map(Number);
  const runs = arg('runs') === undefined ? undefined : Number(arg('runs'));
  const out = arg('out') ?? join(ROOT, 'bench-results', 'bench-cli.json');
  console.log(`mesoquote bench:cli: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const result = await runCliBench({ sizes, runs, log: (line) => console.log(line) });
  console.log(`\n${formatCliBench(result)}`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadAverage: loadavg(), ...result }, null, 2)}\n`);
  console.log(`wrote ${out}`);
}

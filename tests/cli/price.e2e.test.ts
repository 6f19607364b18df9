// `mesoquote price` end to end, in its own process: a sample file with good and bad rows, the
// figures against the API's own answers (app.inject), --api mode against a started server, and
// the exit codes and messages scripts rely on.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestBody, REQUEST_FIELDS } from '../../src/cli/request-flags.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { BIN, ROOT, spawnCli, startedServer, type CliRun } from '../support/cli.js';

const SAMPLE = [
  'id,treatment,areas,country,cityTier,practitioner,sessions,currency,package.kind,package.discountPercent,package.buy,package.free,note',
  '1,skin-rejuvenation,,,,,,,,,,,baseline',
  '2,hair-restoration,,DE,major-metro,,,,,,,,"quoted, with a comma"',
  '3,botox,,,,,,,,,,,unknown treatment',
  '4,fat-reduction,"abdomen,flanks",FR,,specialist,,EUR,prepaid-course,15,,,"two',
  'lines"',
  '5,skin-rejuvenation,face;neck,JP,,,0,,,,,,sessions out of range',
  '6,pain-management,,ZZ,,,,,,,,,"=HYPERLINK(""x"")"',
  '7,skin-rejuvenation',
  '8,fat-reduction,thighs,US,town,non-physician,6,,buy-n-get-m,,4,1,"he said ""cheap"""',
  '9,hair-restoration,face,,,,,,,,,,area not offered',
  '10,skin-rejuvenation,,BR,,,,USD,new-patient,,,,',
].join('\r\n');
const GOOD = ['1', '2', '4', '8', '10'];
const BAD: Record<string, string> = { '3': 'unknown-treatment', '5': 'validation-failed', '6': 'unknown-country', '7': 'invalid-row', '9': 'area-not-allowed' };
const SUMMARY = /^mesoquote: price: rows=(\d+) priced=(\d+) failed=(\d+) seconds=\d+\.\d\d rows_per_second=\d+ output=(.+)$/m;

let dir: string;
let server: { app: FastifyInstance; url: string };
let local: CliRun;
let output: Array<Record<string, string>>;
let outputText: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mesoquote-cli-price-'));
  writeFileSync(join(dir, 'in.csv'), SAMPLE);
  server = await startedServer();
  local = await spawnCli(['price', join(dir, 'in.csv'), '-o', join(dir, 'out.csv')]);
  if (!existsSync(join(dir, 'out.csv'))) throw new Error(`price wrote no file: ${JSON.stringify(local)}`);
  outputText = readFileSync(join(dir, 'out.csv'), 'utf8');
  output = parse(outputText, { columns: true }) as Array<Record<string, string>>;
});

afterAll(async () => {
  await server?.app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('mesoquote price on a file with good and bad rows', () => {
  it('exits 1 because some rows failed, and says so in the summary line', () => {
    expect(local.code, local.stderr).toBe(1);
    const m = SUMMARY.exec(local.stderr);
    expect(m, local.stderr).not.toBeNull();
    expect(m?.slice(1, 5)).toEqual(['10', '5', '5', join(dir, 'out.csv')]);
    expect(local.stdout).toBe('');
    // Not a terminal: no progress bar.
    expect(local.stderr).not.toContain('\r');
  });

  it('writes one output row per input row, in order, the input cells unchanged', () => {
    expect(output.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const input = parse(SAMPLE, { columns: true, relax_column_count: true }) as Array<Record<string, string>>;
    for (const [i, row] of input.entries()) {
      for (const [column, value] of Object.entries(row)) expect(output[i]?.[column], `row ${row.id} ${column}`).toBe(value);
    }
    expect(output[3]?.note).toBe('two\r\nlines');
    expect(output[7]?.note).toBe('he said "cheap"');
  });

  it('names the output columns after the API fields, after the input columns', () => {
    const header = outputText.split('\r\n')[0]?.split(',');
    expect(header).toEqual([
      ...SAMPLE.split('\r\n')[0]!.split(','),
      'currency.code', 'total.low', 'total.typical', 'total.high', 'likely.p10', 'likely.p50', 'likely.p90', 'dataVersion', 'error',
    ]);
  });

  it('prices the good rows and puts the problem code and message in the error column of the bad ones', () => {
    for (const row of output) {
      if (GOOD.includes(row.id ?? '')) {
        expect(row.error, `row ${row.id}`).toBe('');
        expect(row['total.typical'], `row ${row.id}`).toMatch(/^\d+\.\d\d$/);
      } else {
        expect(row.error?.split(':')[0], `row ${row.id}`).toBe(BAD[row.id ?? '']);
        expect(row['total.typical']).toBe('');
        expect(row['currency.code']).toBe('');
      }
    }
    expect(output[0]).toMatchObject({ 'currency.code': 'USD', 'total.low': '750.00', 'total.typical': '1800.00', 'total.high': '3600.00' });
    expect(output[2]?.error).toContain('use one of: skin-rejuvenation');
    expect(output[6]?.error).toBe('invalid-row: the row has 2 fields, the header has 13');
  });

  it('gives every row the figures and the problem the API gives the same request', async () => {
    const records = parse(SAMPLE, { columns: true, relax_column_count: true }) as Array<Record<string, string>>;
    for (const [i, record] of records.entries()) {
      if (record.id === '7') continue; // a ragged row never reaches the API
      const body = requestBody((field) => record[field]);
      const res = await server.app.inject({ method: 'POST', url: '/v1/estimates', payload: body });
      const row = output[i] as Record<string, string>;
      const api = res.json() as {
        currency: { code: string };
        total: Record<string, string>;
        likely: Record<string, string>;
        dataVersion: string;
        code: string;
      };
      if (res.statusCode === 200) {
        expect(row, `row ${record.id}`).toMatchObject({
          'currency.code': api.currency.code,
          'total.low': api.total.low,
          'total.typical': api.total.typical,
          'total.high': api.total.high,
          'likely.p10': api.likely.p10,
          'likely.p50': api.likely.p50,
          'likely.p90': api.likely.p90,
          dataVersion: api.dataVersion,
          error: '',
        });
      } else {
        expect(row.error?.split(':')[0], `row ${record.id}`).toBe(api.code);
      }
    }
  });

  it('keeps a formula-like input cell as written, and never starts an error cell with a formula character', () => {
    expect(output[5]?.note).toBe('=HYPERLINK("x")');
    for (const row of output) expect(row.error ?? '').not.toMatch(/^[=+\-@\t\r]/);
  });

  it('prints the same file from a running server with --api (batches of 3)', async () => {
    const viaApi = await spawnCli(['price', join(dir, 'in.csv'), '-o', join(dir, 'api.csv'), '--api', server.url, '--batch-size', '3']);
    expect(viaApi.code, viaApi.stderr).toBe(1);
    expect(readFileSync(join(dir, 'api.csv'), 'utf8')).toBe(outputText);
  });

  // util-linux `script` gives the CLI a pseudo-terminal, as a person's shell would.
  it.skipIf(!existsSync('/usr/bin/script'))('shows a progress bar (percent, rows, rate, time left) on a terminal', async () => {
    writeFileSync(join(dir, 'tty.csv'), `treatment,country\n${'hair-restoration,FR\n'.repeat(2000)}`);
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} price ${JSON.stringify(join(dir, 'tty.csv'))} -o ${JSON.stringify(join(dir, 'tty-out.csv'))} --batch-size 100`;
    const run = await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
    expect(run).toMatch(/\r\[[#.]+\] +\d+% {2}\d+ rows {2}\d+ rows\/s {2}ETA \d+:\d\d/);
    expect(run).toMatch(/mesoquote: price: rows=2000 priced=2000 failed=0 /);
  });

  it('reads standard input and writes standard output with -', async () => {
    const piped = await spawnCli(['price', '-', '-q'], { input: SAMPLE });
    expect(piped.code).toBe(1);
    expect(piped.stdout).toBe(outputText);
    expect(piped.stderr).toBe('');
  });

  it('exits 0 when every row is priced', async () => {
    writeFileSync(join(dir, 'good.csv'), 'treatment,country,package.kind\nskin-rejuvenation,FR,prepaid-course\nhair-restoration,,\n');
    const run = await spawnCli(['price', join(dir, 'good.csv'), '-o', join(dir, 'good-out.csv')]);
    expect(run.code, run.stderr).toBe(0);
    expect(SUMMARY.exec(run.stderr)?.slice(1, 4)).toEqual(['2', '2', '0']);
  });
});

describe('mesoquote price: usage and failures', () => {
  it('exits 2 on a file that is not valid CSV, and leaves no output file', async () => {
    writeFileSync(join(dir, 'broken.csv'), 'treatment,note\nskin-rejuvenation,"never closed\n');
    const run = await spawnCli(['price', join(dir, 'broken.csv'), '-o', join(dir, 'broken-out.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mesoquote: .*broken\.csv is not valid CSV/m);
    expect(existsSync(join(dir, 'broken-out.csv'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('exits 2 when there is no treatment column, listing the request columns', async () => {
    writeFileSync(join(dir, 'no-treatment.csv'), 'country\nFR\n');
    const run = await spawnCli(['price', join(dir, 'no-treatment.csv')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`request columns are: ${REQUEST_FIELDS.join(', ')}`);
  });

  it('exits 2 for a missing input file and 3 for an output folder that does not exist', async () => {
    const missing = await spawnCli(['price', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^mesoquote: cannot read .*nope\.csv: ENOENT$/m);
    const unwritable = await spawnCli(['price', join(dir, 'in.csv'), '-o', join(dir, 'no-such-dir', 'out.csv')]);
    expect(unwritable.code).toBe(3);
    expect(unwritable.stderr).toMatch(/^mesoquote: cannot write .*out\.csv: ENOENT$/m);
  });

  it('exits 2 when the server refuses a batch as large as --batch-size', async () => {
    writeFileSync(join(dir, 'many.csv'), `treatment\n${'skin-rejuvenation\n'.repeat(1001)}`);
    const run = await spawnCli(['price', join(dir, 'many.csv'), '--api', server.url, '--batch-size', '1001', '-q']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^mesoquote: the API refused a batch of 1001 \(400\): .*; try a smaller --batch-size$/m);
  });

  it('exits 3 when the API cannot be reached', async () => {
    const port = await freePort();
    const run = await spawnCli(['price', join(dir, 'in.csv'), '--api', `http://127.0.0.1:${port}`, '-q']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^mesoquote: cannot reach the API at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/m);
  });
});

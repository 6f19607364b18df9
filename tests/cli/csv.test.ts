// CSV in and out of `price`: RFC 4180 quoting round-trips for any text (generated), a streamed
// file keeps every pass-through cell exactly, error cells never start a formula, and the request
// columns map to the API's fields.
import { PassThrough, Readable, Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/http/csv.js';
import { errorText, headerLine, layoutOf, outputLine, OUTPUT_COLUMNS } from '../../src/cli/price-columns.js';
import { priceCsv } from '../../src/cli/price.js';
import { localPricer } from '../../src/cli/pricer.js';
import { clock, progressBar, progressLine } from '../../src/cli/progress.js';
import { flagName, requestBody } from '../../src/cli/request-flags.js';
import { loadConfig } from '../../src/config.js';

// Any text a cell can hold, with CSV's special characters made likely.
const cellText = fc.string({ unit: fc.oneof(fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', '=', "'"), fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' })), maxLength: 12 });

describe('RFC 4180 quoting', () => {
  it('round-trips any record through csvField and csv-parse', () => {
    fc.assert(
      fc.property(fc.array(cellText, { minLength: 1, maxLength: 6 }), (record) => {
        const line = `${record.map(csvField).join(',')}\r\n`;
        const parsed = parse(line, { relax_column_count: true }) as string[][];
        // A record of one empty field is a blank line, which the parser skips.
        if (record.length === 1 && record[0] === '') return;
        expect(parsed).toEqual([record]);
      }),
      { numRuns: 500 },
    );
  });

  it('quotes exactly the fields holding a comma, a quote, CR or LF', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', ''].map(csvField)).toEqual(['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\r"', '']);
  });

  it('keeps every pass-through cell of a streamed file exactly, whatever it holds', async () => {
    const pricer = localPricer(loadConfig({}).dataDir);
    await fc.assert(
      fc.asyncProperty(fc.array(cellText.filter((s) => s !== ''), { minLength: 1, maxLength: 20 }), async (notes) => {
        const input = `note,treatment\r\n${notes.map((n) => `${csvField(n)},skin-rejuvenation`).join('\r\n')}\r\n`;
        let out = '';
        const stdout = new Writable({ write: (chunk, _e, cb) => ((out += String(chunk)), cb()) });
        const stderr = Object.assign(new PassThrough(), { isTTY: false });
        const summary = await priceCsv(pricer, { input: '-', output: undefined, chunkSize: 7, progress: false, quiet: true }, { stdin: Readable.from([input]), stdout, stderr });
        expect(summary).toMatchObject({ rows: notes.length, failed: 0 });
        const rows = parse(out, { columns: true }) as Array<Record<string, string>>;
        expect(rows.map((r) => r.note)).toEqual(notes);
        expect(new Set(rows.map((r) => r['total.typical']))).toEqual(new Set(['1800.00']));
      }),
      { numRuns: 50 },
    );
  });
});

describe('output rows', () => {
  const layout = layoutOf(['id', 'treatment', 'error', 'total.typical']);

  it('recomputes output columns found in the input instead of repeating them', () => {
    expect(layout.outputHeader).toEqual(['id', 'treatment', ...OUTPUT_COLUMNS]);
    expect(layout.replaced).toEqual(['error', 'total.typical']);
    expect(headerLine(layout)).toBe(`id,treatment,${OUTPUT_COLUMNS.join(',')}\r\n`);
  });

  it('turns a formula-like error into text for spreadsheets', () => {
    const line = outputLine(layout, ['1', 'x', 'old', 'old'], { ok: false, error: '=HYPERLINK("http://evil")' });
    expect(parse(line)).toEqual([['1', 'x', '', '', '', '', '', '', '', '', `'=HYPERLINK("http://evil")`]]);
  });

  it('writes a problem as its code, its detail, then the error items the detail does not quote', () => {
    expect(
      errorText({
        code: 'unknown-treatment',
        detail: "Unknown treatment 'botox'.",
        errors: [{ pointer: '/treatment', message: "'botox' is not a treatment; use one of: a, b" }],
      }),
    ).toBe("unknown-treatment: Unknown treatment 'botox'. /treatment: 'botox' is not a treatment; use one of: a, b");
    expect(errorText({ code: 'validation-failed', detail: '1 field failed: /sessions: must be a whole number', errors: [{ pointer: '/sessions', message: 'must be a whole number' }] })).toBe(
      'validation-failed: 1 field failed: /sessions: must be a whole number',
    );
  });

  it('refuses a header without a treatment column or with a name twice', () => {
    expect(() => layoutOf(['country'])).toThrow(/no 'treatment' column/);
    expect(() => layoutOf(['treatment', 'country', 'country'])).toThrow("the header names the column 'country' twice");
  });
});

describe('request fields', () => {
  it('maps cells to the API body: empty cells left out, areas split, whole numbers as numbers, the rest as written', () => {
    const cells: Record<string, string> = {
      treatment: 'fat-reduction',
      areas: 'abdomen; flanks,thighs',
      country: '',
      sessions: '6',
      'package.kind': 'buy-n-get-m',
      'package.buy': '4',
      'package.free': 'one',
    };
    expect(requestBody((f) => cells[f])).toEqual({ treatment: 'fat-reduction', areas: ['abdomen', 'flanks', 'thighs'], sessions: 6, package: { kind: 'buy-n-get-m', buy: 4, free: 'one' } });
  });

  it('names a flag for every field', () => {
    expect(['cityTier', 'package.kind', 'package.discountPercent', 'package.buy'].map((f) => flagName(f as never))).toEqual(['city-tier', 'package', 'discount-percent', 'buy']);
  });
});

describe('progress line', () => {
  it('shows percent, rows, rate and the time left when the size is known', () => {
    expect(progressLine(25_000, 250, 1000, 5, 80)).toBe(`[${'#'.repeat(8)}${'.'.repeat(22)}]  25%  25000 rows  5000 rows/s  ETA 0:15`);
    expect(progressLine(1000, 10, undefined, 2, 80)).toBe('1000 rows  500 rows/s  0:02 elapsed');
    expect(clock(3725)).toBe('1:02:05');
  });

  it('draws on a terminal at most ten times a second and clears its line at the end; nothing elsewhere', () => {
    let t = 0;
    const written: string[] = [];
    const bar = progressBar({ isTTY: true, columns: 100, write: (x: string) => written.push(x) }, 1000, true, () => t);
    for (t = 0; t <= 1000; t += 20) bar.update(t * 10, t);
    bar.done();
    expect(written.length).toBe(11);
    expect(written[9]).toMatch(/^\r\[#+\] 100%  10000 rows  10000 rows\/s  ETA 0:00\x1b\[K$/);
    expect(written.at(-1)).toBe('\r\x1b[K');
    const quiet: string[] = [];
    const none = progressBar({ isTTY: false, write: (x: string) => quiet.push(x) }, 1000, true, () => t);
    none.update(5, 5);
    none.done();
    expect(quiet).toEqual([]);
  });
});

describe('backpressure', () => {
  it('stops reading while the output is not draining, and finishes when it drains', async () => {
    const pricer = localPricer(loadConfig({}).dataDir);
    // Enough rows that reading everything up front would show (20,000 is the bound below), few
    // enough that pricing them all after the release fits a loaded machine's time.
    const total = 60_000;
    let generated = 0;
    // Rows made on demand: how many were pulled shows how far reading ran ahead of writing.
    const input = Readable.from(
      (function* rows() {
        yield 'treatment,country\n';
        while (generated < total) {
          generated += 1;
          yield 'skin-rejuvenation,FR\n';
        }
      })(),
    );
    let stalled: (() => void) | undefined;
    let released = false;
    let written = 0;
    const stdout = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        // The first 64 KB pass; then the writer stalls until released.
        if (written < 64 * 1024 || released) callback();
        else stalled = callback;
      },
    });
    const stderr = Object.assign(new PassThrough(), { isTTY: false });
    const done = priceCsv(pricer, { input: '-', output: undefined, chunkSize: 500, progress: false, quiet: true }, { stdin: input, stdout, stderr });
    await new Promise((r) => setTimeout(r, 500));
    const pulledWhileStalled = generated;
    expect(stalled).toBeTypeOf('function');
    // A few chunks of buffered rows at most, nowhere near the whole input.
    expect(pulledWhileStalled).toBeLessThan(20_000);
    released = true;
    stalled?.();
    const summary = await done;
    expect(summary).toMatchObject({ rows: total, failed: 0 });
  }, 120_000);
});

// `mesoquote price in.csv -o out.csv`: each input row is an estimate request, each output row the
// input plus the priced figures or the error. Streamed end to end (read, parse, price in chunks,
// write) with Node's pipeline, so backpressure from the output holds back the reading and memory
// stays flat whatever the file's size. Written to a temporary file renamed at the end, so out.csv
// exists only when complete.
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, CsvError } from 'csv-parse';
import { CliError, EXIT, failure, usageError } from './exit-codes.js';
import { bodyOfRecord, headerLine, layoutOf, outputLine, raggedRecordError, type Layout } from './price-columns.js';
import type { Pricer } from './pricer.js';
import { progressBar, type ProgressSink } from './progress.js';

export interface PriceOptions {
  /** A path, or '-' for standard input. */
  readonly input: string;
  /** A path, or '-' / undefined for standard output. */
  readonly output: string | undefined;
  /** Rows priced together (one batch call in --api mode). */
  readonly chunkSize: number;
  readonly progress: boolean;
  readonly quiet: boolean;
}

export interface PriceStreams {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: ProgressSink;
}

export interface PriceSummary {
  readonly rows: number;
  readonly priced: number;
  readonly failed: number;
  readonly seconds: number;
  readonly output: string;
}

/** Prices a CSV stream into a CSV stream. Throws CliError for usage and I/O faults. */
export async function priceCsv(pricer: Pricer, options: PriceOptions, io: PriceStreams): Promise<PriceSummary> {
  const started = performance.now();
  let totalBytes: number | undefined;
  let input: Readable;
  if (options.input === '-') {
    input = io.stdin;
  } else {
    try {
      const stat = statSync(options.input);
      if (!stat.isFile()) throw usageError(`${options.input} is not a file`);
      totalBytes = stat.size;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw usageError(`cannot read ${options.input}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    input = createReadStream(options.input);
  }
  let bytesRead = 0;
  input.on('data', (chunk: Buffer | string) => (bytesRead += chunk.length));

  const toFile = options.output !== undefined && options.output !== '-';
  const target = toFile ? (options.output as string) : '(standard output)';
  const temp = toFile ? join(dirname(target), `.${basename(target)}.${process.pid}.partial`) : undefined;
  let output: Writable;
  if (temp) {
    output = createWriteStream(temp, { flags: 'wx' });
  } else {
    output = io.stdout;
  }

  const progress = progressBar(io.stderr, totalBytes, options.progress && !options.quiet);
  let rows = 0;
  let failed = 0;
  let layout: Layout | undefined;
  let pending: string[][] = [];

  const priceChunk = async (records: string[][]): Promise<string> => {
    const l = layout as Layout;
    const bodies = records.map((r) => bodyOfRecord(l, r));
    const valid = bodies.filter((b): b is Record<string, unknown> => b !== undefined);
    const results = valid.length > 0 ? await pricer.estimateMany(valid) : [];
    let next = 0;
    let text = '';
    records.forEach((record, i) => {
      if (bodies[i] === undefined) {
        failed += 1;
        text += outputLine(l, record, { ok: false, error: raggedRecordError(l, record) });
        return;
      }
      const result = results[next++];
      if (!result) throw failure('the pricer answered fewer results than rows');
      if (!result.ok) failed += 1;
      text += outputLine(l, record, result);
    });
    rows += records.length;
    progress.update(rows, bytesRead);
    return text;
  };

  const pricing = new Transform({
    writableObjectMode: true,
    // Hold at most a few chunks of parsed records before the output drains.
    writableHighWaterMark: options.chunkSize,
    transform(record: string[], _encoding, callback) {
      if (layout === undefined) {
        try {
          layout = layoutOf(record);
        } catch (error) {
          callback(usageError(`${options.input === '-' ? 'standard input' : options.input}: ${(error as Error).message}`));
          return;
        }
        if (!options.quiet && layout.passThrough.length > 0) {
          io.stderr.write(`mesoquote: note: columns copied through and not priced: ${layout.passThrough.join(', ')}\n`);
        }
        if (!options.quiet && layout.replaced.length > 0) {
          io.stderr.write(`mesoquote: note: output columns in the input are recomputed: ${layout.replaced.join(', ')}\n`);
        }
        callback(null, headerLine(layout));
        return;
      }
      pending.push(record);
      if (pending.length < options.chunkSize) {
        callback();
        return;
      }
      const chunk = pending;
      pending = [];
      priceChunk(chunk).then((text) => callback(null, text), callback);
    },
    flush(callback) {
      if (layout === undefined) {
        callback(usageError(`${options.input === '-' ? 'standard input' : options.input} is empty: a CSV file needs a header row naming its columns`));
        return;
      }
      const chunk = pending;
      pending = [];
      priceChunk(chunk).then((text) => callback(null, text), callback);
    },
  });

  // RFC 4180: quoted fields with commas, doubled quotes and line breaks; a UTF-8 BOM is dropped;
  // rows of another length than the header are kept and reported in their own row.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });

  try {
    // Standard output is not ended by the pipeline: other output may follow.
    await pipeline(input, parser, pricing, output, { end: toFile });
  } catch (error) {
    progress.done();
    if (temp) rmSync(temp, { force: true });
    if (error instanceof CliError) throw error;
    if (error instanceof CsvError) throw usageError(`${options.input === '-' ? 'standard input' : options.input} is not valid CSV: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      throw failure(`cannot write ${target}: ${code}`);
    }
    if (code === 'EPIPE') throw new CliError(EXIT.failure, 'the output was closed before every row was written');
    throw error;
  }
  progress.done();
  if (temp) {
    try {
      renameSync(temp, target);
    } catch (error) {
      rmSync(temp, { force: true });
      throw failure(`cannot write ${target}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  return { rows, priced: rows - failed, failed, seconds: (performance.now() - started) / 1000, output: target };
}

/** The summary line on stderr: key=value pairs a script can read. */
export function summaryLine(s: PriceSummary): string {
  const rate = s.seconds > 0 ? Math.round(s.rows / s.seconds) : 0;
  return `mesoquote: price: rows=${s.rows} priced=${s.priced} failed=${s.failed} seconds=${s.seconds.toFixed(2)} rows_per_second=${rate} output=${s.output}\n`;
}

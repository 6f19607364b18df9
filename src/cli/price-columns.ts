// The columns of `mesoquote price`: which input columns make the request, and what each output
// row adds. Flat names are the API's JSON paths ("package.kind", "total.typical"), so a column
// means what the field of the same name means in the API.
import type { Problem } from '../http/problem.js';
import { csvField, textCell } from '../http/csv.js';
import type { ItemResult } from './pricer.js';
import { REQUEST_FIELDS, requestBody, type RequestField } from './request-flags.js';

export const OUTPUT_COLUMNS = [
  'currency.code',
  'total.low',
  'total.typical',
  'total.high',
  'likely.p10',
  'likely.p50',
  'likely.p90',
  'dataVersion',
  'error',
] as const;

/** How an input header is read: where each request field is, and what the output header is. */
export interface Layout {
  readonly inputHeader: readonly string[];
  /** Input columns kept in the output, by index (a column named like an output column is replaced). */
  readonly kept: readonly number[];
  readonly outputHeader: readonly string[];
  readonly fieldIndex: ReadonlyMap<RequestField, number>;
  /** Columns that are neither request fields nor output columns: copied through, not priced. */
  readonly passThrough: readonly string[];
  /** Output columns the input already had: recomputed. */
  readonly replaced: readonly string[];
}

/** Reads a header; throws a message for a header that cannot be priced (no treatment column, a name twice). */
export function layoutOf(header: readonly string[]): Layout {
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new Error(`the header names the column '${name}' twice`);
    seen.add(name);
  }
  if (!seen.has('treatment')) {
    throw new Error(`the header has no 'treatment' column; request columns are: ${REQUEST_FIELDS.join(', ')} (found: ${header.join(', ') || 'nothing'})`);
  }
  const outputs = new Set<string>(OUTPUT_COLUMNS);
  const kept = header.map((_, i) => i).filter((i) => !outputs.has(header[i] ?? ''));
  const fieldIndex = new Map<RequestField, number>();
  for (const field of REQUEST_FIELDS) {
    const at = header.indexOf(field);
    if (at >= 0) fieldIndex.set(field, at);
  }
  const requestNames = new Set<string>(REQUEST_FIELDS);
  return {
    inputHeader: header,
    kept,
    outputHeader: [...kept.map((i) => header[i] ?? ''), ...OUTPUT_COLUMNS],
    fieldIndex,
    passThrough: header.filter((name) => !requestNames.has(name) && !outputs.has(name)),
    replaced: header.filter((name) => outputs.has(name)),
  };
}

/** The request body of one record; undefined when its field count differs from the header's. */
export function bodyOfRecord(layout: Layout, record: readonly string[]): Record<string, unknown> | undefined {
  if (record.length !== layout.inputHeader.length) return undefined;
  return requestBody((field) => {
    const at = layout.fieldIndex.get(field);
    return at === undefined ? undefined : record[at];
  });
}

/**
 * "code: detail", the code first so a script can split on the first colon, then each error item
 * the detail does not already quote ("/treatment: 'botox' is not a treatment; use one of: ...").
 */
export function errorText(problem: Pick<Problem, 'code' | 'detail' | 'errors'>): string {
  const items = (problem.errors ?? []).filter((e) => !problem.detail.includes(e.message)).map((e) => `${e.pointer || '(request)'}: ${e.message}`);
  return [`${problem.code}: ${problem.detail}`, ...items].join(' ');
}

/** One output line: the kept input cells as written, then the results (or the error). */
export function outputLine(layout: Layout, record: readonly string[], result: ItemResult | { ok: false; error: string }): string {
  const cells = layout.kept.map((i) => record[i] ?? '');
  if (result.ok) {
    const e = result.estimate;
    cells.push(e.currency.code, e.total.low, e.total.typical, e.total.high, e.likely.p10, e.likely.p50, e.likely.p90, e.dataVersion, '');
  } else {
    const message = 'problem' in result ? errorText(result.problem) : result.error;
    // The error can quote the input back: never let a spreadsheet run it as a formula.
    cells.push('', '', '', '', '', '', '', '', textCell(message));
  }
  return `${cells.map(csvField).join(',')}\r\n`;
}

export function headerLine(layout: Layout): string {
  return `${layout.outputHeader.map(csvField).join(',')}\r\n`;
}

/** The message for a record whose field count is not the header's. */
export function raggedRecordError(layout: Layout, record: readonly string[]): string {
  return `invalid-row: the row has ${record.length} field${record.length === 1 ? '' : 's'}, the header has ${layout.inputHeader.length}`;
}

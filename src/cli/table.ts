// Plain-text tables for a terminal: an estimate, and the catalog's lists.
import type { PricedEstimate } from './pricer.js';

/** Columns padded to their widest cell; numbers (anything starting with a digit) right-aligned. */
export function table(rows: ReadonlyArray<readonly string[]>, gap = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i > 0 && /^\d/.test(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
        .join(gap)
        .trimEnd(),
    )
    .join('\n');
}

/** An estimate as a person reads it: what was priced, the three levels, the likely range, notes. */
export function estimateTable(e: PricedEstimate): string {
  const r = e.request;
  const pkg = r.package.kind === 'none' ? '' : `, package ${r.package.kind}`;
  const lines = [
    `${e.treatment}: ${r.areas.join(' + ')}, ${r.country}, ${r.cityTier}, ${r.practitioner}${pkg}; in ${e.currency.code} (${e.currency.name})`,
    '',
    table([
      ['', 'low', 'typical', 'high'],
      ['per session', e.perSession.low, e.perSession.typical, e.perSession.high],
      ['sessions', String(e.sessions.low), String(e.sessions.typical), String(e.sessions.high)],
      ...(r.package.kind === 'none'
        ? []
        : [
            ['list total', e.listTotal.low, e.listTotal.typical, e.listTotal.high],
            ['discount', e.discount.low, e.discount.typical, e.discount.high],
          ]),
      ['course total', e.total.low, e.total.typical, e.total.high],
    ]),
    '',
    `likely course total: ${e.likely.p50} (10% chance below ${e.likely.p10}, 10% above ${e.likely.p90})`,
    `data version: ${e.dataVersion}`,
    '',
    ...e.notes.map((n) => `- ${n.text}`),
  ];
  return `${lines.join('\n')}\n`;
}

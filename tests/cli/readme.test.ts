// The command-line guide (docs/cli-and-client.md) shows what the command line prints: its
// estimate figures and its CSV lines come from running the commands here.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config.js';
import { HELP } from '../../src/cli/help.js';
import { runCli } from '../support/cli.js';

const guide = readFileSync(`${packageRoot()}/docs/cli-and-client.md`, 'utf8');
const section = guide.slice(guide.indexOf('## Command line: `mesoquote`'), guide.indexOf('## Typed client'));

describe('README: command line', () => {
  it('quotes the figures estimate prints', async () => {
    expect(section).toContain('npx mesoquote estimate --treatment hair-restoration --country DE --city-tier major-metro');
    const cli = await runCli(['estimate', '--treatment', 'hair-restoration', '--country', 'DE', '--city-tier', 'major-metro']);
    expect(cli.stdout).toMatch(/^course total\s+217\.96\s+1089\.84\s+2833\.60$/m);
    expect(cli.stdout).toContain('in EUR');
    expect(section).toContain('# course total  217.96  1089.84  2833.60   (EUR, low / typical / high)');
  });

  it('shows CSV lines that price prints (… stands for the rest of a cell)', async () => {
    const block = /```csv\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const [header, ...rows] = parse(block, { relax_column_count: true }) as string[][];
    const input = parse(block, { columns: true }) as Array<Record<string, string>>;
    const inputColumns = (header ?? []).slice(0, (header ?? []).indexOf('currency.code'));
    const csv = [inputColumns.join(','), ...input.map((r) => inputColumns.map((c) => r[c]).join(','))].join('\n');
    const cli = await runCli(['price', '-', '-q'], csv);
    const [outHeader, ...outRows] = parse(cli.stdout) as string[][];
    expect(outHeader).toEqual(header);
    rows.forEach((row, i) =>
      row.forEach((cell, j) => {
        const actual = outRows[i]?.[j] ?? '';
        if (cell.endsWith('…')) expect(actual.startsWith(cell.slice(0, -1)), `${cell} / ${actual}`).toBe(true);
        else expect(actual).toBe(cell);
      }),
    );
  });

  it('lists the exit codes the help lists', () => {
    for (const code of ['0', '1', '2', '3']) expect(section).toMatch(new RegExp(`^\\| ${code} \\| `, 'm'));
    expect(HELP.main).toContain('0  done');
    expect(section).toMatch(/^mesoquote: price: rows=\d+ priced=\d+ failed=\d+ seconds=[\d.]+ rows_per_second=\d+ output=\S+$/m);
  });
});

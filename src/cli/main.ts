// The `mesoquote` command line: parses the arguments, runs one command, and answers its exit code
// (exit-codes.ts). bin/mesoquote.js calls main(); tests call it too, with their own streams.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { packageRoot } from '../config.js';
import { CATALOG_SECTIONS, catalogText, type CatalogSection } from './catalog-text.js';
import { CliError, EXIT, failure, usageError, type ExitCode } from './exit-codes.js';
import { HELP } from './help.js';
import { errorText } from './price-columns.js';
import { priceCsv, summaryLine } from './price.js';
import { apiPricer, localPricer, type PricedEstimate, type Pricer } from './pricer.js';
import type { ProgressSink } from './progress.js';
import { flagName, REQUEST_FIELDS, requestBody } from './request-flags.js';
import { estimateTable } from './table.js';

export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable & ProgressSink;
}

const COMMANDS = ['estimate', 'price', 'catalog', 'chart'] as const;
type Command = (typeof COMMANDS)[number];

const SOURCE_OPTIONS = {
  api: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const REQUEST_OPTIONS = Object.fromEntries(REQUEST_FIELDS.map((f) => [flagName(f), { type: 'string' as const }]));

/** Runs the command line; never throws, answers the exit code. */
export async function main(argv: readonly string[], io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<ExitCode> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr.write(`mesoquote: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`mesoquote: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failure;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? rest[0] : undefined;
    io.stdout.write(topic && isCommand(topic) ? HELP[topic] : HELP.main);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '--version' || first === '-v') {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    io.stdout.write(`${pkg.version}\n`);
    return EXIT.ok;
  }
  if (!isCommand(first)) {
    throw usageError(`unknown command '${first}'; commands: ${COMMANDS.join(', ')} (mesoquote --help)`);
  }
  switch (first) {
    case 'estimate':
      return estimateCommand(rest, io);
    case 'price':
      return priceCommand(rest, io);
    case 'catalog':
      return catalogCommand(rest, io);
    case 'chart':
      return chartCommand(rest, io);
  }
}

function isCommand(name: string): name is Command {
  return (COMMANDS as readonly string[]).includes(name);
}

/** node:util parseArgs, with its errors as usage errors that point at the command's help. */
function parse<O extends NonNullable<ParseArgsConfig['options']>>(command: Command, args: readonly string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    throw usageError(`${command}: ${(error as Error).message.replace(/\. To specify a positional.*$/s, '')} (mesoquote ${command} --help)`);
  }
}

function pricerFrom(values: { api?: string | undefined; 'data-dir'?: string | undefined }, batchSize = 500): Pricer {
  if (values.api !== undefined && values['data-dir'] !== undefined) throw usageError('--api and --data-dir cannot be used together: the server has its own data');
  if (values.api !== undefined) return apiPricer(values.api, { batchSize });
  return localPricer(values['data-dir'] ?? join(packageRoot(), 'data'));
}

function positiveInt(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw usageError(`${name} must be a whole number from 1 to ${max}, not '${value}'`);
  return Number(value);
}

async function estimateCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values } = parse('estimate', args, { ...SOURCE_OPTIONS, ...REQUEST_OPTIONS, json: { type: 'boolean' } });
  if (values.help) {
    io.stdout.write(HELP.estimate);
    return EXIT.ok;
  }
  const flags = values as Record<string, string | boolean | undefined>;
  if (flags.treatment === undefined) throw usageError('estimate: --treatment is required, e.g. --treatment skin-rejuvenation (mesoquote catalog lists them)');
  const body = requestBody((field) => flags[flagName(field)] as string | undefined);
  const answer = await pricerFrom(values).estimate(body);
  if (answer.ok) {
    io.stdout.write(values.json ? `${answer.json}\n` : estimateTable(JSON.parse(answer.json) as PricedEstimate));
    return EXIT.ok;
  }
  if (values.json) io.stdout.write(`${JSON.stringify(answer.problem)}\n`);
  // Pointers name the request's fields; say which flag that is.
  const flagsAtFault = (answer.problem.errors ?? []).map((e) => pointerFlag(e.pointer)).filter((f) => f !== undefined);
  const where = flagsAtFault.length > 0 ? ` [${[...new Set(flagsAtFault)].join(', ')}]` : '';
  io.stderr.write(`mesoquote: ${errorText(answer.problem)}${where}\n`);
  return EXIT.rejected;
}

/** "/package/discountPercent" -> "--discount-percent"; "/areas/1" -> "--areas". */
function pointerFlag(pointer: string): string | undefined {
  const [head, next] = pointer.split('/').slice(1);
  const field = REQUEST_FIELDS.find((f) => f === head || f === `${head}.${next}`);
  return field && `--${flagName(field)}`;
}

async function priceCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse(
    'price',
    args,
    {
      ...SOURCE_OPTIONS,
      output: { type: 'string', short: 'o' },
      'batch-size': { type: 'string' },
      'no-progress': { type: 'boolean' },
      quiet: { type: 'boolean', short: 'q' },
    },
    true,
  );
  if (values.help) {
    io.stdout.write(HELP.price);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw usageError(`price: give one input file (or - for standard input), not ${positionals.length} (mesoquote price --help)`);
  const batchSize = positiveInt('--batch-size', values['batch-size'], 500, 100_000);
  const summary = await priceCsv(
    pricerFrom(values, batchSize),
    { input: positionals[0] as string, output: values.output, chunkSize: batchSize, progress: !values['no-progress'], quiet: values.quiet === true },
    io,
  );
  if (!values.quiet) io.stderr.write(summaryLine(summary));
  return summary.failed > 0 ? EXIT.rejected : EXIT.ok;
}

async function catalogCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parse('catalog', args, { ...SOURCE_OPTIONS, json: { type: 'boolean' } }, true);
  if (values.help) {
    io.stdout.write(HELP.catalog);
    return EXIT.ok;
  }
  const unknown = positionals.filter((p) => !(CATALOG_SECTIONS as readonly string[]).includes(p));
  if (unknown.length > 0) throw usageError(`catalog: unknown section '${unknown.join("', '")}'; sections: ${CATALOG_SECTIONS.join(', ')}`);
  if (values.json && positionals.length > 0) throw usageError('catalog: --json prints the whole catalog; leave out the sections');
  const json = await pricerFrom(values).catalog();
  io.stdout.write(values.json ? `${json}\n` : catalogText(json, positionals.length > 0 ? (positionals as CatalogSection[]) : CATALOG_SECTIONS));
  return EXIT.ok;
}

async function chartCommand(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { values } = parse('chart', args, { ...SOURCE_OPTIONS, treatment: { type: 'string' }, currency: { type: 'string' }, output: { type: 'string', short: 'o' } });
  if (values.help) {
    io.stdout.write(HELP.chart);
    return EXIT.ok;
  }
  if (values.treatment === undefined) throw usageError('chart: --treatment is required, e.g. --treatment skin-rejuvenation');
  const currency = (values.currency ?? 'USD').toUpperCase();
  const pricer = pricerFrom(values);
  // Validate the request once, as the API would, so a bad treatment or currency is a rejected
  // request (exit 1) with the API's message rather than a failed chart.
  const probe = await pricer.estimate({ treatment: values.treatment, currency });
  if (!probe.ok) {
    io.stderr.write(`mesoquote: ${errorText(probe.problem)}\n`);
    return EXIT.rejected;
  }
  // Vega is loaded only for charts: the other commands start faster and smaller without it.
  const { chartRows, chartSpec, renderSvg } = await import('./chart.js');
  const { rows, treatmentName, dataVersion } = await chartRows(pricer, values.treatment, currency);
  const svg = await renderSvg(chartSpec(rows, { treatmentName, currency, dataVersion }));
  if (values.output !== undefined && values.output !== '-') {
    try {
      writeFileSync(values.output, svg);
    } catch (error) {
      throw failure(`cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    io.stderr.write(`mesoquote: chart: ${rows.length} countries, ${currency}, wrote ${values.output}\n`);
  } else {
    io.stdout.write(svg);
  }
  return EXIT.ok;
}

// The --help text of every command. Each lists its options and the exit codes.

const EXIT_CODES = `Exit codes:
  0  done
  1  rejected input: the estimate request is invalid, or some rows of \`price\` failed
     (their error is in the row's \`error\` column; every other row is priced)
  2  usage: unknown command or option, bad argument, unreadable or malformed input file
  3  data or server: the data files do not validate, the API is unreachable or failed,
     the output cannot be written
Errors are one line on stderr starting with "mesoquote: ".`;

const SOURCE = `Where estimates come from:
  (default)          the engine in this process, on the package's data/
  --api URL          a running mesoquote server, e.g. --api http://127.0.0.1:3000
  --data-dir DIR     in-process, on the data files in DIR`;

export const HELP = {
  main: `mesoquote: what a course of mesotherapy costs, from the command line

Usage: mesoquote <command> [options]

Commands:
  estimate   price one course and print it as a table, or the API's JSON with --json
  price      price every row of a CSV file (streamed; any size)
  catalog    list treatments, areas, tiers, package kinds and countries
  chart      draw one treatment's course total across the seed articles' countries as SVG

Run \`mesoquote <command> --help\` for a command's options.

${SOURCE}

${EXIT_CODES}
`,
  estimate: `Usage: mesoquote estimate --treatment ID [options]

Prices one course at low, typical and high levels. The options are the fields of
POST /v1/estimates and are validated exactly as the API validates them.

Request:
  --treatment ID          e.g. skin-rejuvenation, hair-restoration (see \`mesoquote catalog\`)
  --areas A,B             body areas, e.g. face,neck (default: the treatment's reference area)
  --country CC            ISO 3166-1 alpha-2 country of the clinic (default: US)
  --city-tier T           major-metro, city (default) or town
  --practitioner P        non-physician, physician (default) or specialist
  --sessions N            a fixed number of sessions (1-30)
  --currency CUR          ISO 4217 output currency (default: the country's own)
  --package KIND          none, prepaid-course, buy-n-get-m or new-patient
  --discount-percent P    the package's percentage (prepaid-course, new-patient)
  --buy N --free M        the buy-n-get-m groups

Output:
  --json                  print exactly the API's JSON (the estimate, or the problem)
  (default)               a readable table

${SOURCE}

Example:
  mesoquote estimate --treatment hair-restoration --country DE --city-tier major-metro

${EXIT_CODES}
`,
  price: `Usage: mesoquote price INPUT.csv [-o OUTPUT.csv] [options]

Prices every row of a CSV file. The first row names the columns; each further row is one
estimate request. Request columns are the API's field names:
  treatment, areas, country, cityTier, practitioner, sessions, currency,
  package.kind, package.discountPercent, package.buy, package.free
An empty cell takes the API's default; areas are separated by commas or semicolons.
Other columns (an id, a note) are copied through unchanged.

Each output row is the input row followed by:
  currency.code, total.low, total.typical, total.high, likely.p10, likely.p50, likely.p90,
  dataVersion, error
A row that cannot be priced keeps its place, with empty figures and "code: detail" in
\`error\` (the API's problem code and message, e.g. "unknown-country: ...").

The file is streamed: memory stays flat whatever its size. On a terminal, a progress bar on
stderr shows rows, rate and time left. At the end one summary line goes to stderr:
  mesoquote: price: rows=N priced=N failed=N seconds=S rows_per_second=R output=PATH

Options:
  INPUT                   a CSV file (RFC 4180, UTF-8), or - for standard input
  -o, --output PATH       write here (default: standard output). The file appears only when
                          complete; it is written under a temporary name until then
  --batch-size N          rows priced together; with --api, items per POST /v1/estimates/batch
                          (default 500, at most the server's BATCH_MAX_ITEMS)
  --no-progress           no progress bar
  -q, --quiet             no progress bar, notes or summary

${SOURCE}

${EXIT_CODES}
`,
  catalog: `Usage: mesoquote catalog [SECTION...] [--json]

Lists what an estimate can be asked for. SECTION is any of:
  treatments, areas, tiers, packages, countries        (default: all)

Options:
  --json                  print exactly GET /v1/catalog's JSON

${SOURCE}

${EXIT_CODES}
`,
  chart: `Usage: mesoquote chart --treatment ID [-o FILE.svg] [--currency CUR]

Draws an SVG bar chart of the treatment's typical course total, with the low-high range, in
every country the seed articles name, converted to one currency (default USD), dearest first.
The same data always gives the same SVG bytes.

Options:
  --treatment ID          e.g. skin-rejuvenation
  --currency CUR          ISO 4217 currency of every bar (default: USD)
  -o, --output PATH       write the SVG here (default: standard output)

${SOURCE}

Example:
  mesoquote chart --treatment skin-rejuvenation -o docs/skin-rejuvenation-by-country.svg

${EXIT_CODES}
`,
} as const;

// CSV out: the Accept negotiation that chooses it, an RFC 4180 writer, and the two scenario
// tables. The tables are built from the JSON answer's own strings, so CSV and JSON always agree.
import { LEVELS } from '../domain/catalog.js';
import type { ScenarioComparisonBody } from './scenario-schemas.js';

export const CSV_TYPE = 'text/csv; charset=utf-8';

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

/** The ranges of an Accept header; a range with a malformed q counts as not acceptable (q = 0). */
function mediaRanges(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [range = '', ...params] = part.split(';').map((p) => p.trim());
      const [type = '', subtype = ''] = range.toLowerCase().split('/');
      const qParam = params.find((p) => /^q\s*=/i.test(p));
      const qText = qParam?.split('=')[1]?.trim() ?? '1';
      const q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(qText) ? Number(qText) : 0;
      return { type, subtype, q };
    });
}

/**
 * The offered media type an Accept header prefers (RFC 9110 §12.5.1): each offer takes the q of
 * its most specific matching range (type/subtype, then type/*, then the match-all range); the
 * highest q above 0 wins, ties going to the earlier offer. No header (or an empty one): the first
 * offer. Undefined when no offer is acceptable.
 */
export function preferredMediaType<T extends string>(accept: string | undefined, offered: readonly T[]): T | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const ranges = mediaRanges(accept);
  let best: { offer: T; q: number } | undefined;
  for (const offer of offered) {
    const [type, subtype] = offer.split('/');
    const match =
      ranges.find((r) => r.type === type && r.subtype === subtype) ??
      ranges.find((r) => r.type === type && r.subtype === '*') ??
      ranges.find((r) => r.type === '*' && r.subtype === '*');
    if (match && match.q > 0 && (best === undefined || match.q > best.q)) best = { offer, q: match.q };
  }
  return best?.offer;
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, RFC 4180: quoted when it holds a comma, a quote, CR or LF, with quotes doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A header and its records, fields quoted as needed, every line ended by CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/**
 * A free-text cell made safe for spreadsheets (OWASP "CSV injection"): text starting with = + - @,
 * a tab or a CR would be run as a formula, so it gets a leading apostrophe and is shown as text.
 * Only for text the caller wrote (option names); our own amounts are plain numbers and stay as
 * they are (a negative saving is "-12.00", not a formula).
 */
export function textCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const OPTION_COLUMNS = [
  'option', 'level', 'currency', 'sessions', 'perSession', 'listTotal', 'discount', 'courseTotal', 'effectivePerSession', 'freeSessions',
  'maintenanceSessions', 'maintenanceCost', 'monthlyPayment', 'totalInterest', 'totalPaid', 'totalCostOfOwnership', 'savings', 'breakEvenSessions', 'breakEvenMonth', 'dataVersion',
] as const;

export const SCHEDULE_COLUMNS = ['option', 'month', 'payment', 'interest', 'principal', 'balance'] as const;

/**
 * One row per option and level. Financing columns are empty for an option without financing;
 * breakEvenSessions and breakEvenMonth (typical-level figures) are on the typical row of a prepaid,
 * respectively financed, option only.
 */
export function scenarioOptionsCsv(c: ScenarioComparisonBody): string {
  const rows = c.options.flatMap((o) =>
    LEVELS.map((level) => {
      const l = o.levels[level];
      const typical = (value: number | null): string => (level === 'typical' && value !== null ? String(value) : '');
      return [
        textCell(o.name), level, c.currency.code, String(l.sessions), l.perSession, l.listTotal, l.discount, l.courseTotal, l.effectivePerSession, String(l.freeSessions),
        String(l.maintenanceSessions), l.maintenanceCost, l.financing?.monthlyPayment ?? '', l.financing?.totalInterest ?? '', l.financing?.totalPaid ?? '',
        l.totalCostOfOwnership, l.savings, typical(o.breakEvenSessions), typical(o.breakEvenMonth), c.dataVersion,
      ];
    }),
  );
  return toCsv(OPTION_COLUMNS, rows);
}

/** The typical level's schedule of every financed option, in option order. */
export function scenarioScheduleCsv(c: ScenarioComparisonBody): string {
  const rows = c.options.flatMap((o) => (o.schedule ?? []).map((r) => [textCell(o.name), String(r.month), r.payment, r.interest, r.principal, r.balance]));
  return toCsv(SCHEDULE_COLUMNS, rows);
}

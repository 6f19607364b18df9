// POST /v1/scenarios: the request and response schemas, and the mapping around the domain call
// (validated body -> base estimate -> compareScenarios -> decimal strings on the wire).
import type { Decimal } from 'decimal.js';
import { z } from 'zod';
import type { LoadedData } from '../data/load.js';
import type { Catalog, Level, Levels } from '../domain/catalog.js';
import { DomainError } from '../domain/errors.js';
import { estimate, packageSpec, type Estimate } from '../domain/estimate.js';
import { maintenanceNote, type MaintenanceCounted } from '../domain/notes.js';
import { DEFAULT_PAYMENT_ROUNDING, MAX_APR_PERCENT, MAX_MONTHS, MIN_MONTHS, PAYMENT_ROUNDINGS, type FinancingTerms, type ScheduleRow } from '../domain/financing.js';
import { dec, formatAmount } from '../domain/money.js';
import type { PackageSpec } from '../domain/packages.js';
import { compareScenarios, type FinancingSummary, type ScenarioLevel, type ScenarioResult } from '../domain/scenarios.js';
import { HttpProblem } from './problem.js';
import { EstimateRequestSchema, EstimateSchema, NoteSchema, PackageSchema, SourceRefSchema, sourceRef, type SourceRef, packageFromBody, requestFromBody } from './schemas.js';

export const MAX_OPTIONS = 20;
export const MAX_OPTION_NAME = 100;
export const MAX_HORIZON_MONTHS = 600;
export const MAX_MAINTENANCE_PER_YEAR = 52;

const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
};

const APR_MESSAGE = `must be an APR from 0 to ${MAX_APR_PERCENT} written as a string, e.g. "9.99"`;
// abort: a value that is not a decimal never reaches the refinement, whose dec() would throw.
const AprSchema = z
  .string({ error: APR_MESSAGE })
  .regex(/^\d{1,2}(\.\d{1,4})?$/, { message: APR_MESSAGE, abort: true })
  .refine((v) => dec(v).lte(MAX_APR_PERCENT), `must be an APR from 0 to ${MAX_APR_PERCENT}`);
// The currency (and so the decimals allowed) is known only once the base is priced: the handler
// checks the decimals against it (downPaymentOf).
const DownPaymentSchema = z
  .string({ error: 'must be an amount written as a string, e.g. "200.00"' })
  .regex(/^\d{1,12}(\.\d{1,4})?$/, 'must be a non-negative amount written as a string, e.g. "200.00", with at most the currency\'s decimals');

export const FinancingSchema = z
  .object({
    aprPercent: AprSchema.describe(`Annual percentage rate, 0 to ${MAX_APR_PERCENT}, as a decimal string; "0" is interest-free`),
    months: wholeNumber(MIN_MONTHS, MAX_MONTHS).describe(`Number of monthly payments, ${MIN_MONTHS} to ${MAX_MONTHS}`),
    downPayment: DownPaymentSchema.optional().describe('Paid up front, in the output currency, with at most its minor units. Default "0"'),
    deferredInterest: z.boolean({ error: 'must be true or false' }).optional().describe('A deferred-interest promotion: adds a warning of what happens if it is not paid off in time'),
    paymentRounding: z
      .enum(PAYMENT_ROUNDINGS, { error: `must be one of: ${PAYMENT_ROUNDINGS.join(', ')}` })
      .optional()
      .describe(
        `How the monthly payment is rounded to the currency's minor units. "up" (default, the lenders' convention): rounded up, so the last payment is never larger than the others. ` +
          '"half-up": to the nearest unit; a payment rounded down leaves a shortfall that the last payment makes up, with interest',
      ),
  })
  .strict()
  .meta({ id: 'Financing', description: 'A payment plan for the course: fixed-payment amortisation at the APR' });

const ScenarioOptionSchema = z
  .object({
    name: z
      .string({ error: 'must be a string' })
      .min(1, 'must not be empty')
      .max(MAX_OPTION_NAME, `must be at most ${MAX_OPTION_NAME} characters`)
      .describe('A label for the option, unique in the request'),
    package: PackageSchema.optional(),
    financing: FinancingSchema.optional(),
  })
  .strict()
  .meta({ id: 'ScenarioOption', description: 'One way of paying for the course: a package, financing, both or neither (pay per session)' });

export const ScenarioRequestSchema = z
  .object({
    base: EstimateRequestSchema.omit({ package: true }).meta({ id: 'ScenarioBase', description: 'The course to price: an estimate request without a package (each option brings its own)' }),
    options: z
      .array(ScenarioOptionSchema, { error: 'must be an array of options, e.g. [{"name": "pay per session"}]' })
      .min(1, 'must list at least one option')
      .max(MAX_OPTIONS, `must list at most ${MAX_OPTIONS} options`)
      .superRefine((options, ctx) => {
        const seen = new Set<string>();
        options.forEach((option, index) => {
          if (seen.has(option.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `'${option.name}' is already the name of an earlier option; names must be unique` });
          seen.add(option.name);
        });
      }),
    horizonMonths: wholeNumber(0, MAX_HORIZON_MONTHS).describe('Months after the course during which maintenance sessions are counted (0: none)'),
    maintenanceSessionsPerYear: wholeNumber(0, MAX_MAINTENANCE_PER_YEAR)
      .optional()
      .describe("Maintenance sessions a year after the course. Default: the treatment's figure in data (GET /v1/treatments, maintenance.sessionsPerYear)"),
  })
  .strict()
  .meta({ id: 'ScenarioRequest' });
export type ScenarioRequestBody = z.infer<typeof ScenarioRequestSchema>;

export const ScenarioQuerySchema = z
  .object({
    part: z
      .enum(['options', 'schedule'])
      .optional()
      .describe('With Accept: text/csv, which table: options (default; one row per option and level) or schedule (the typical level\'s payment schedule of every financed option). JSON always has both.'),
  })
  .strict();

const AmountSchema = z.string().regex(/^\d+(\.\d+)?$/).describe('Decimal string in the currency\'s minor units');
const SignedAmountSchema = z.string().regex(/^-?\d+(\.\d+)?$/).describe('Decimal string in the currency\'s minor units; negative when the option costs more than paying per session');
const count = z.number().int();

const FinancingSummarySchema = z
  .object({
    financed: AmountSchema.describe('courseTotal − down payment (0 when the down payment covers it)'),
    monthlyPayment: AmountSchema.describe('The regular payment; the last one absorbs the rounding (never larger with paymentRounding "up")'),
    totalInterest: AmountSchema,
    totalPaid: AmountSchema.describe('Down payment + every monthly payment'),
  })
  .meta({ id: 'FinancingSummary' });

const ScenarioLevelSchema = z
  .object({
    sessions: count,
    perSession: AmountSchema.describe('List price of one session, as in the estimate'),
    listTotal: AmountSchema.describe('perSession × sessions'),
    discount: AmountSchema,
    courseTotal: AmountSchema.describe('listTotal − discount'),
    effectivePerSession: AmountSchema.describe('courseTotal / sessions'),
    freeSessions: count,
    maintenanceSessions: count,
    maintenanceCost: AmountSchema.describe('maintenanceSessions × perSession: packages and financing cover the course only'),
    financing: FinancingSummarySchema.nullable().describe('The plan for this level\'s course total; null when the option is not financed'),
    totalCostOfOwnership: AmountSchema.describe('courseTotal + maintenanceCost + total interest'),
    savings: SignedAmountSchema.describe('Pay-per-session total cost of ownership − this one'),
  })
  .meta({ id: 'ScenarioLevel' });

const ScheduleRowSchema = z
  .object({ month: count, payment: AmountSchema, interest: AmountSchema, principal: AmountSchema, balance: AmountSchema.describe('Owed after this payment') })
  .meta({ id: 'ScheduleRow' });

const ScenarioResultSchema = z
  .object({
    name: z.string(),
    package: EstimateSchema.shape.request.shape.package.describe('The package as priced, every default filled in'),
    financing: z
      .object({ aprPercent: z.string(), months: count, downPayment: AmountSchema, deferredInterest: z.boolean(), paymentRounding: z.enum(PAYMENT_ROUNDINGS) })
      .nullable()
      .describe('The financing terms as priced; null when the option is not financed'),
    description: z.string(),
    levels: z.object({ low: ScenarioLevelSchema, typical: ScenarioLevelSchema, high: ScenarioLevelSchema }),
    breakEvenSessions: count
      .nullable()
      .describe('Prepaid courses, typical level: the fewest sessions whose pay-per-session cost reaches the course total (plus its interest when financed); with fewer used, paying per session would have been cheaper. Null for other kinds'),
    breakEvenMonth: count
      .nullable()
      .describe(
        "Financed options, typical level: the first month of the schedule at whose end the interest paid so far exceeds the package's discount (0 without a package). Paying the balance off before that month's payment keeps the option no dearer than paying per session. Null when the whole plan's interest stays within the discount, or the option is not financed",
      ),
    schedule: z.array(ScheduleRowSchema).nullable().describe('The typical level\'s payment schedule; null when the option is not financed'),
    warnings: z
      .array(z.string())
      .describe('Plain-language warnings: financing (a payment that rounds to nothing or only pays interest, a last payment far above the others, an early end, deferred interest) for every level it concerns, prefixed with those levels unless it concerns all three; courses a longer one would beat on price'),
  })
  .meta({ id: 'ScenarioResult' });

export const ScenarioComparisonSchema = z
  .object({
    treatment: z.string(),
    base: EstimateSchema.shape.request.omit({ package: true }).describe('The base request as priced, with every default filled in'),
    currency: EstimateSchema.shape.currency,
    horizonMonths: count,
    maintenanceSessionsPerYear: count,
    maintenanceSessionsPerYearSource: z
      .object({
        default: z.boolean().describe('true when the request left it out and the treatment\'s figure was used'),
        source: z.string().nullable().describe('Source id of the default (see `sources`); null when the request set it'),
        assumption: z.boolean().describe('true when the figure is an assumption rather than a seed or reference figure'),
      })
      .describe('Where maintenanceSessionsPerYear comes from'),
    maintenanceSessions: count.describe('floor(horizonMonths × maintenanceSessionsPerYear / 12), the same at every level'),
    options: z.array(ScenarioResultSchema),
    sources: z.array(SourceRefSchema).describe('Every source the answer cites'),
    dataVersion: z.string(),
    notes: z.array(NoteSchema),
  })
  .meta({ id: 'ScenarioComparison' });
export type ScenarioComparisonBody = z.infer<typeof ScenarioComparisonSchema>;

/** Prices the base, then every option; throws DomainError (pointing into the body) or HttpProblem. */
export function priceScenarios(body: ScenarioRequestBody, data: LoadedData): ScenarioComparisonBody {
  const { catalog } = data;
  const base = repoint('/base', () => estimate(requestFromBody(body.base), catalog));
  const minor = base.currency.minorUnits;
  const options = body.options.map((option, i) => ({
    name: option.name,
    package: repoint(`/options/${i}`, () => packageSpec(option.package && packageFromBody(option.package), catalog)),
    ...(option.financing ? { financing: financingTerms(option.financing, base, `/options/${i}/financing/downPayment`) } : {}),
  }));
  const treatmentFile = data.files['treatments.json'].treatments.find((t) => t.id === base.treatment);
  const perYearDefault = treatmentFile?.maintenance.sessionsPerYear;
  const perYear = body.maintenanceSessionsPerYear ?? perYearDefault?.value ?? 0;
  const result = compareScenarios({
    perSession: mapLevels((l) => dec(base.perSession[l])),
    sessions: base.sessions,
    minorUnits: minor,
    horizonMonths: body.horizonMonths,
    maintenanceSessionsPerYear: perYear,
    options,
  });
  const defaultSource = body.maintenanceSessionsPerYear === undefined ? (perYearDefault?.source ?? null) : null;
  const { package: _package, ...baseRequest } = base.request;
  return {
    treatment: base.treatment,
    base: { ...baseRequest, areas: [...baseRequest.areas] },
    currency: base.currency,
    horizonMonths: result.horizonMonths,
    maintenanceSessionsPerYear: result.maintenanceSessionsPerYear,
    maintenanceSessionsPerYearSource: {
      default: body.maintenanceSessionsPerYear === undefined,
      source: defaultSource,
      assumption: defaultSource !== null && catalog.sources.get(defaultSource)?.kind === 'assumption',
    },
    maintenanceSessions: result.maintenanceSessions,
    options: result.options.map((o) => optionBody(o, minor)),
    sources: scenarioSources(base, options, catalog),
    dataVersion: base.dataVersion,
    notes: scenarioNotes(base, catalog, { sessions: result.maintenanceSessions, horizonMonths: result.horizonMonths, perYear }),
  };
}

/** The base estimate's notes, with the maintenance note saying what the scenario counts. */
function scenarioNotes(base: Estimate, catalog: Catalog, counted: MaintenanceCounted): ScenarioComparisonBody['notes'] {
  const treatment = catalog.treatments.get(base.treatment);
  return base.notes.map((note) => {
    const n = note.code === 'maintenance' && treatment ? maintenanceNote(treatment, counted) : note;
    return { code: n.code, text: n.text, sources: [...n.sources] };
  });
}

/** Runs `f`; a DomainError it throws has `prefix` put before its pointers (the base sits at /base). */
function repoint<T>(prefix: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(error.code, error.message, error.details.map((d) => ({ ...d, pointer: `${prefix}${d.pointer}` })));
  }
}

/** The option's terms as Decimals; the down payment may have at most the currency's decimals. */
function financingTerms(body: NonNullable<ScenarioRequestBody['options'][number]['financing']>, base: Estimate, pointer: string): FinancingTerms {
  const { code, minorUnits } = base.currency;
  const down = dec(body.downPayment ?? '0');
  if (down.decimalPlaces() > minorUnits) {
    throw new HttpProblem('validation-failed', `${pointer}: ${code} amounts have at most ${minorUnits} decimal${minorUnits === 1 ? '' : 's'}.`, [
      { pointer, in: 'body', message: `must have at most ${minorUnits} decimal${minorUnits === 1 ? '' : 's'}, as ${code} has; got "${body.downPayment}"` },
    ]);
  }
  return {
    aprPercent: dec(body.aprPercent),
    months: body.months,
    downPayment: down,
    paymentRounding: body.paymentRounding ?? DEFAULT_PAYMENT_ROUNDING,
    ...(body.deferredInterest !== undefined ? { deferredInterest: body.deferredInterest } : {}),
  };
}

/** The base estimate's sources, then those of each package kind and of financing used, once each. */
function scenarioSources(base: Estimate, options: ReadonlyArray<{ package: PackageSpec; financing?: FinancingTerms }>, catalog: Catalog): SourceRef[] {
  const ids = base.sources.map((s) => s.id);
  const add = (id: string): void => void (ids.includes(id) ? undefined : ids.push(id));
  for (const option of options) {
    const kind = catalog.packages.kinds.get(option.package.kind);
    [...(kind?.sources ?? []), ...(kind?.defaultSources ?? [])].forEach(add);
    if (option.financing) catalog.packages.financing.sources.forEach(add);
  }
  return ids.map((id) => {
    const source = catalog.sources.get(id);
    if (!source) throw new Error(`catalog invariant: source '${id}' missing`);
    return sourceRef(source);
  });
}

function optionBody(o: ScenarioResult, minor: number): ScenarioComparisonBody['options'][number] {
  const money = (v: Decimal): string => formatAmount(v, minor);
  const pkg = o.package;
  return {
    name: o.name,
    package:
      pkg.kind === 'buy-n-get-m'
        ? { kind: pkg.kind, buy: pkg.buy, free: pkg.free }
        : pkg.kind === 'none'
          ? { kind: pkg.kind }
          : { kind: pkg.kind, discountPercent: pkg.discountPercent.toString() },
    financing: o.financing
      ? {
          aprPercent: o.financing.aprPercent.toString(),
          months: o.financing.months,
          downPayment: money(o.financing.downPayment),
          deferredInterest: o.financing.deferredInterest === true,
          paymentRounding: o.financing.paymentRounding ?? DEFAULT_PAYMENT_ROUNDING,
        }
      : null,
    description: o.description,
    levels: mapLevels((l) => levelBody(o.levels[l], money)),
    breakEvenSessions: o.breakEvenSessions ?? null,
    breakEvenMonth: o.breakEvenMonth ?? null,
    schedule: o.financingPlan ? o.financingPlan.schedule.map((row) => scheduleRowBody(row, money)) : null,
    warnings: o.warnings,
  };
}

function levelBody(l: ScenarioLevel, money: (v: Decimal) => string): ScenarioComparisonBody['options'][number]['levels']['low'] {
  const f: FinancingSummary | undefined = l.financing;
  return {
    sessions: l.sessions,
    perSession: money(l.perSession),
    listTotal: money(l.listTotal),
    discount: money(l.discount),
    courseTotal: money(l.courseTotal),
    effectivePerSession: money(l.effectivePerSession),
    freeSessions: l.freeSessions,
    maintenanceSessions: l.maintenanceSessions,
    maintenanceCost: money(l.maintenanceCost),
    financing: f ? { financed: money(f.financed), monthlyPayment: money(f.monthlyPayment), totalInterest: money(f.totalInterest), totalPaid: money(f.totalPaid) } : null,
    totalCostOfOwnership: money(l.totalCostOfOwnership),
    savings: money(l.savings),
  };
}

function scheduleRowBody(row: ScheduleRow, money: (v: Decimal) => string) {
  return { month: row.month, payment: money(row.payment), interest: money(row.interest), principal: money(row.principal), balance: money(row.balance) };
}

function mapLevels<T>(f: (level: Level) => T): Levels<T> {
  return { low: f('low'), typical: f('typical'), high: f('high') };
}


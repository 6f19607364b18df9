// Scenarios: one course priced under several options (a package, financing, both or neither),
// with maintenance over a horizon, so finance teams can compare total cost of ownership.
// Pure: takes an estimate's already-rounded per-session prices and session counts, returns new
// values. No amount here is rounded again except inside applyPackage and financingPlan.
//
// Maintenance rule. The horizon is the time after the course ends during which the result is
// kept up. Maintenance sessions in it = floor(horizonMonths × sessionsPerYear / 12): a session
// counts once a whole maintenance interval (12 / sessionsPerYear months) has passed, so 2 a year
// over 6 months is 1 session, over 5 months 0. Because the horizon starts after the course, the
// course's own duration is never subtracted and no spacing data is needed. Maintenance sessions
// are paid per session at the level's list price: packages and financing cover the course only.
//
// Break-even. A prepaid course pays off once enough sessions are used: breakEvenSessions is the
// fewest sessions whose pay-per-session cost reaches what the option's course costs (its total,
// plus the interest when it is financed). A financed option has a schedule, and its interest
// grows month by month against the package's discount: breakEvenMonth is the first month at whose
// end the interest paid so far exceeds the discount. Paying the balance off before that month's
// payment keeps the option no dearer than paying per session; from it on, it costs more.
import type { Decimal } from 'decimal.js';
import { LEVELS, type Level, type Levels } from './catalog.js';
import { financingPlan, type FinancingPlan, type FinancingTerms } from './financing.js';
import { Dec } from './money.js';
import { applyPackage, describePackage, longerCourseCheaper, type PackageSpec } from './packages.js';

export interface ScenarioOptionInput {
  name: string;
  package?: PackageSpec;
  financing?: FinancingTerms;
}

export interface ScenarioInput {
  /** Per-session list price at each level, already rounded to minor units (from the estimate). */
  perSession: Levels<Decimal>;
  sessions: Levels<number>;
  minorUnits: number;
  /** Months after the course during which maintenance sessions are counted (0: none). */
  horizonMonths: number;
  /** Default: the treatment's maintenance.sessionsPerYear in data/treatments.json. */
  maintenanceSessionsPerYear: number;
  options: ScenarioOptionInput[];
}

/** A financing plan without its schedule. */
export interface FinancingSummary {
  financed: Decimal;
  monthlyPayment: Decimal;
  totalInterest: Decimal;
  totalPaid: Decimal;
}

export interface ScenarioLevel {
  sessions: number;
  /** List price per session (as in the estimate). */
  perSession: Decimal;
  listTotal: Decimal;
  discount: Decimal;
  /** The course with the option's package: listTotal − discount. */
  courseTotal: Decimal;
  effectivePerSession: Decimal;
  freeSessions: number;
  maintenanceSessions: number;
  /** maintenanceSessions × perSession. */
  maintenanceCost: Decimal;
  /** Present when the option is financed: the plan for this level's course total. */
  financing?: FinancingSummary;
  /** courseTotal + maintenanceCost + financing interest. */
  totalCostOfOwnership: Decimal;
  /** Pay-per-session TCO − this TCO; negative when the option costs more (e.g. interest). */
  savings: Decimal;
}

export interface ScenarioResult {
  name: string;
  package: PackageSpec;
  financing?: FinancingTerms;
  /** Plain words for the package (describePackage). */
  description: string;
  levels: Levels<ScenarioLevel>;
  /**
   * Prepaid courses only, typical level: the smallest k with k × perSession ≥ the prepaid total
   * (plus its interest when financed). Using fewer than k sessions, paying per session would have
   * been cheaper.
   */
  breakEvenSessions?: number;
  /**
   * Financed options only, typical level: the first month of the schedule at whose end the
   * interest paid so far exceeds the package's discount; absent when it never does.
   */
  breakEvenMonth?: number;
  /** The typical level's financing plan, with the full schedule. */
  financingPlan?: FinancingPlan;
  warnings: string[];
}

export interface ScenarioComparison {
  horizonMonths: number;
  maintenanceSessionsPerYear: number;
  /** Maintenance sessions in the horizon (the same at every level). */
  maintenanceSessions: number;
  options: ScenarioResult[];
}

/** floor(horizonMonths × sessionsPerYear / 12): whole maintenance intervals in the horizon. */
export function maintenanceSessionsInHorizon(horizonMonths: number, sessionsPerYear: number): number {
  if (horizonMonths <= 0 || sessionsPerYear <= 0) return 0;
  return new Dec(horizonMonths).times(sessionsPerYear).div(12).floor().toNumber();
}

/** ceil(total / perSession): the fewest sessions whose pay-per-session cost reaches `total`. */
export function breakEvenSessions(total: Decimal, perSession: Decimal): number | undefined {
  if (perSession.isZero()) return undefined;
  return new Dec(total).div(perSession).ceil().toNumber();
}

/**
 * For each option and level: course = applyPackage(perSession, sessions, package);
 * maintenance = floor(horizon × perYear / 12) × perSession; TCO = course total + maintenance
 * (+ total interest when financed); savings = pay-per-session TCO − TCO.
 */
export function compareScenarios(input: ScenarioInput): ScenarioComparison {
  const maintenanceSessions = maintenanceSessionsInHorizon(input.horizonMonths, input.maintenanceSessionsPerYear);
  const plainTco = mapLevels((level) => input.perSession[level].times(input.sessions[level] + maintenanceSessions));
  return {
    horizonMonths: input.horizonMonths,
    maintenanceSessionsPerYear: input.maintenanceSessionsPerYear,
    maintenanceSessions,
    options: input.options.map((option) => scenario(option, input, maintenanceSessions, plainTco)),
  };
}

function scenario(option: ScenarioOptionInput, input: ScenarioInput, maintenanceSessions: number, plainTco: Levels<Decimal>): ScenarioResult {
  const spec: PackageSpec = option.package ?? { kind: 'none' };
  const { financing } = option;
  const courses = mapLevels((level) => applyPackage(input.perSession[level], input.sessions[level], spec, input.minorUnits));
  const plans = financing ? mapLevels((level) => financingPlan(courses[level].total, financing, input.minorUnits)) : undefined;

  const levels = mapLevels((level): ScenarioLevel => {
    const perSession = input.perSession[level];
    const course = courses[level];
    const plan = plans?.[level];
    const maintenanceCost = perSession.times(maintenanceSessions);
    const tco = course.total.plus(maintenanceCost).plus(plan ? plan.totalInterest : 0);
    return {
      sessions: input.sessions[level],
      perSession,
      listTotal: course.listTotal,
      discount: course.discount,
      courseTotal: course.total,
      effectivePerSession: course.effectivePerSession,
      freeSessions: course.freeSessions,
      maintenanceSessions,
      maintenanceCost,
      ...(plan
        ? { financing: { financed: plan.financed, monthlyPayment: plan.monthlyPayment, totalInterest: plan.totalInterest, totalPaid: plan.totalPaid } }
        : {}),
      totalCostOfOwnership: tco,
      savings: plainTco[level].minus(tco),
    };
  });

  const typical = levels.typical;
  const breakEven = spec.kind === 'prepaid-course' ? breakEvenSessions(typical.courseTotal.plus(typical.financing?.totalInterest ?? 0), typical.perSession) : undefined;
  const breakEvenInMonths = plans ? breakEvenMonth(plans.typical, typical.discount) : undefined;
  const warnings = [...(plans ? levelWarnings(plans) : []), ...(spec.kind === 'buy-n-get-m' ? freeSessionWarnings(spec, input.sessions) : [])];
  return {
    name: option.name,
    package: spec,
    ...(financing ? { financing } : {}),
    description: describePackage(spec),
    levels,
    ...(breakEven !== undefined ? { breakEvenSessions: breakEven } : {}),
    ...(breakEvenInMonths !== undefined ? { breakEvenMonth: breakEvenInMonths } : {}),
    ...(plans ? { financingPlan: plans.typical } : {}),
    warnings,
  };
}

/** The first month at whose end the schedule's interest so far exceeds `discount`; undefined when none does. */
export function breakEvenMonth(plan: FinancingPlan, discount: Decimal): number | undefined {
  let interest: Decimal = new Dec(0);
  for (const row of plan.schedule) {
    interest = interest.plus(row.interest);
    if (interest.gt(discount)) return row.month;
  }
  return undefined;
}

/**
 * Every level's financing warnings, each once: a warning every level has as it is; one that only
 * some levels have (its figures are theirs) after the levels it is about, e.g. "High level: …".
 */
function levelWarnings(plans: Levels<FinancingPlan>): string[] {
  const levelsOf = new Map<string, Level[]>();
  for (const level of LEVELS) {
    for (const warning of plans[level].warnings) levelsOf.set(warning, [...(levelsOf.get(warning) ?? []), level]);
  }
  return [...levelsOf].map(([warning, levels]) => (levels.length === LEVELS.length ? warning : `${levelsLabel(levels)}: ${warning}`));
}

/** "Low level", "Typical and high levels". */
function levelsLabel(levels: readonly Level[]): string {
  const names = levels.length === 1 ? levels[0]! : `${levels.slice(0, -1).join(', ')} and ${levels.at(-1)!}`;
  return `${names.charAt(0).toUpperCase()}${names.slice(1)} level${levels.length === 1 ? '' : 's'}`;
}

/**
 * A course that ends part-way into a group, past the group's paid sessions, pays for more
 * sessions than the complete group would (longerCourseCheaper): say so once per session count
 * (e.g. buy 6 get 2 with 7 sessions pays for 7; with 8 it pays for 6).
 */
function freeSessionWarnings(spec: { buy: number; free: number }, sessions: Levels<number>): string[] {
  const warnings: string[] = [];
  for (const n of new Set(LEVELS.map((level) => sessions[level]))) {
    const cheaper = longerCourseCheaper(n, spec.buy, spec.free);
    if (!cheaper) continue;
    const levels = LEVELS.filter((level) => sessions[level] === n).join(', ');
    const extra = cheaper.longer - n;
    warnings.push(
      `With ${n} sessions (${levels}), ${extra} more session${extra === 1 ? '' : 's'} would complete a group of ${spec.buy + spec.free} and cost less: ` +
        `${n} sessions pay for ${cheaper.paid}, ${cheaper.longer} pay for ${cheaper.longerPaid}.`,
    );
  }
  return warnings;
}

function mapLevels<T>(f: (level: Level) => T): Levels<T> {
  return { low: f('low'), typical: f('typical'), high: f('high') };
}

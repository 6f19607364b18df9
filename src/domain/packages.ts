// Package deals and offers on a course: what the course costs before and after the deal.
// Pure: Decimal amounts in, new Decimal amounts out.
//
// Rounding. The per-session price arrives already rounded to the currency's minor units (the
// estimate's one rounding of a price). A package adds at most one more rounding: a percent
// discount is rounded half-up to minor units (ROUNDING_RULE in money.ts), because a percentage
// of an amount can fall between minor units. Everything else is exact: list total, free-session
// discount, course total. The effective price per session is a derived, display-only figure
// (total / sessions, rounded the same way); no other amount is built from it.
import type { Decimal } from 'decimal.js';
import type { Figure } from './figure.js';
import { dec, Dec, roundToMinorUnits } from './money.js';

export type PackageSpec =
  | { kind: 'none' }
  | { kind: 'prepaid-course'; discountPercent: Decimal }
  | { kind: 'buy-n-get-m'; buy: number; free: number }
  | { kind: 'new-patient'; discountPercent: Decimal };

export type PackageKind = PackageSpec['kind'];

/** Every kind, in the order the catalog lists them. */
export const PACKAGE_KINDS = ['none', 'prepaid-course', 'buy-n-get-m', 'new-patient'] as const satisfies readonly PackageKind[];

export interface PackageAmounts {
  /** perSession × sessions: the course at the list price. */
  listTotal: Decimal;
  /** What the deal takes off the list total (never negative). */
  discount: Decimal;
  /** listTotal − discount: what the course costs with the deal. */
  total: Decimal;
  /** total / sessions, rounded half-up to minor units (display only). */
  effectivePerSession: Decimal;
  /** Sessions at no charge (buy-n-get-m only; 0 for the other kinds). */
  freeSessions: number;
}

// Limits of a valid PackageSpec. The HTTP edge validates requests against them (zod); the data
// loader checks the defaults in data/packages.json against them; the functions below assume them.
/** A percent discount is 0 to 100 inclusive (100: the course, or the first session, is free). */
export const MIN_PERCENT = 0;
export const MAX_PERCENT = 100;
/** buy-n-get-m: `free` is a positive integer, `buy` an integer above it (free < buy), so at most half a group is free. */
export const MIN_FREE = 1;
export const MIN_BUY = 2;
/** Upper bound on `buy` (and so on `free`): far above any real offer, it keeps inputs sane. */
export const MAX_BUY = 100;
/** A course has at least this many sessions for any package (effectivePerSession divides by it). */
export const MIN_SESSIONS = 1;

/** A whole-number figure (a session count) and its source. */
export interface CountFigure {
  readonly value: number;
  readonly source: string;
}

/** A package kind as the catalog lists it. */
export interface PackageKindModel {
  readonly id: PackageKind;
  readonly name: string;
  readonly description: string;
  /** Where the kind itself comes from (the seed's advice, the calibration prices). */
  readonly sources: readonly string[];
  /** Sources of this kind's default figures: cite them too when a default is used. */
  readonly defaultSources: readonly string[];
}

/** The defaults a request gets when it names a kind without its figures. */
export interface PackageDefaults {
  readonly prepaidCourse: { readonly discountPercent: Figure };
  readonly buyNGetM: { readonly buy: CountFigure; readonly free: CountFigure };
  readonly newPatient: { readonly discountPercent: Figure };
}

export interface PackagesModel {
  /** Every kind, in PACKAGE_KINDS order. */
  readonly kinds: ReadonlyMap<PackageKind, PackageKindModel>;
  readonly defaults: PackageDefaults;
  /** Financing is not a package, but is offered alongside: its description and sources. */
  readonly financing: { readonly description: string; readonly sources: readonly string[] };
}

/** The spec of `kind` with every figure taken from the defaults. */
export function defaultPackageSpec(kind: PackageKind, defaults: PackageDefaults): PackageSpec {
  switch (kind) {
    case 'none':
      return { kind };
    case 'prepaid-course':
      return { kind, discountPercent: defaults.prepaidCourse.discountPercent.value };
    case 'buy-n-get-m':
      return { kind, buy: defaults.buyNGetM.buy.value, free: defaults.buyNGetM.free.value };
    case 'new-patient':
      return { kind, discountPercent: defaults.newPatient.discountPercent.value };
  }
}

/** floor(n / (buy + free)) × free: every complete group of buy + free sessions has `free` at no charge. */
export function freeSessions(sessions: number, buy: number, free: number): number {
  return Math.floor(sessions / (buy + free)) * free;
}

/** A course that a longer one beats on price: its sessions and those paid, and the longer course's. */
export interface LongerCourseCheaper {
  readonly sessions: number;
  readonly paid: number;
  /** The course that completes the group: the shortest longer course that costs less. */
  readonly longer: number;
  readonly longerPaid: number;
}

/**
 * The one rule for when buy-n-get-m makes a longer course cheaper than a shorter one. A course of
 * n = q·(buy + free) + r sessions pays for q·buy + r; completing the group pays for (q + 1)·buy,
 * which is less exactly when r > buy (only possible with free ≥ 2). Undefined otherwise: then no
 * longer course costs less.
 */
export function longerCourseCheaper(sessions: number, buy: number, free: number): LongerCourseCheaper | undefined {
  const group = buy + free;
  const remainder = sessions % group;
  if (remainder <= buy) return undefined;
  const longer = sessions + group - remainder;
  return { sessions, paid: sessions - freeSessions(sessions, buy, free), longer, longerPaid: longer - freeSessions(longer, buy, free) };
}

/**
 * payableUnits(n) such that course total = perSession × payableUnits, exactly, before any
 * rounding: n (none); n(1 − p) (prepaid); n − freeSessions(n) (buy-n-get-m); n − p (new-patient);
 * p = discountPercent / 100. Used to build price distributions.
 */
export function payableUnits(sessions: number, spec: PackageSpec): Decimal {
  const n = dec(sessions);
  switch (spec.kind) {
    case 'none':
      return n;
    case 'prepaid-course':
      return n.times(new Dec(1).minus(fraction(spec.discountPercent)));
    case 'buy-n-get-m':
      return n.minus(freeSessions(sessions, spec.buy, spec.free));
    case 'new-patient':
      return n.minus(fraction(spec.discountPercent));
  }
}

/**
 * listTotal = perSession × sessions; discount by kind:
 *   none:          0
 *   prepaid-course round(listTotal × p)
 *   buy-n-get-m    perSession × freeSessions(sessions)            (exact)
 *   new-patient    round(perSession × p)                          (off the first session)
 * total = listTotal − discount; effectivePerSession = round(total / sessions);
 * p = discountPercent / 100; round = half-up to minorUnits. Needs sessions ≥ 1.
 */
export function applyPackage(perSession: Decimal, sessions: number, spec: PackageSpec, minorUnits: number): PackageAmounts {
  if (!Number.isInteger(sessions) || sessions < MIN_SESSIONS) {
    throw new RangeError(`applyPackage: a course has a whole number of sessions, at least ${MIN_SESSIONS} (got ${sessions})`);
  }
  const listTotal = perSession.times(sessions);
  let discount: Decimal = new Dec(0);
  let free = 0;
  switch (spec.kind) {
    case 'none':
      break;
    case 'prepaid-course':
      discount = roundToMinorUnits(listTotal.times(fraction(spec.discountPercent)), minorUnits);
      break;
    case 'buy-n-get-m':
      free = freeSessions(sessions, spec.buy, spec.free);
      discount = perSession.times(free);
      break;
    case 'new-patient':
      discount = roundToMinorUnits(perSession.times(fraction(spec.discountPercent)), minorUnits);
      break;
  }
  const total = listTotal.minus(discount);
  return { listTotal, discount, total, effectivePerSession: roundToMinorUnits(total.div(sessions), minorUnits), freeSessions: free };
}

/** Plain words for the adjustments list, e.g. "Prepaid course: 12% off the whole course". */
export function describePackage(spec: PackageSpec): string {
  switch (spec.kind) {
    case 'none':
      return 'No package: every session paid at the list price';
    case 'prepaid-course':
      return `Prepaid course: ${spec.discountPercent.toString()}% off the whole course`;
    case 'buy-n-get-m': {
      const group = spec.buy + spec.free;
      const plural = spec.free === 1 ? 'session' : 'sessions';
      return `Buy ${spec.buy}, get ${spec.free} free: in every complete group of ${group} sessions, ${spec.free} ${plural} at no charge`;
    }
    case 'new-patient':
      return `New-patient offer: ${spec.discountPercent.toString()}% off the first session`;
  }
}

/** percent / 100. */
function fraction(percent: Decimal): Decimal {
  return percent.div(100);
}

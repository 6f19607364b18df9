// Notes that matter to a patient, attached to every estimate.
import { LEVELS, type CountryModel, type Levels, type MarketModel, type TreatmentModel } from './catalog.js';
import type { Evidence, Note } from './estimate-types.js';
import { dec, formatAmount } from './money.js';
import { longerCourseCheaper, type PackageSpec, type PackagesModel } from './packages.js';

export type { Note } from './estimate-types.js';

interface NoteContext {
  readonly treatment: TreatmentModel;
  readonly country: CountryModel;
  readonly baselineCountry: string;
  readonly currency: string;
  readonly fixedSessions: number | undefined;
  readonly evidence: Evidence | null;
  readonly market: MarketModel;
}

/** Maintenance counted in a scenario's total cost of ownership. */
export interface MaintenanceCounted {
  readonly sessions: number;
  readonly horizonMonths: number;
  readonly perYear: number;
}

/**
 * How long results last and that maintenance follows. An estimate leaves maintenance out of its
 * total; a scenario counts it (`counted`), and the note says which.
 */
export function maintenanceNote(treatment: TreatmentModel, counted?: MaintenanceCounted): Note {
  const { resultsLastMonths, sessionsPerYear, sources } = treatment.maintenance;
  const lasts = `Results last about ${resultsLastMonths.min}-${resultsLastMonths.max} months after the last session; maintenance sessions (about ${sessionsPerYear} a year) are common`;
  if (!counted) return { code: 'maintenance', text: `${lasts} and are not included in this total.`, sources };
  const here =
    counted.sessions === 0
      ? `No maintenance session falls within the ${counted.horizonMonths}-month horizon at ${counted.perYear} a year, so none is counted here.`
      : `Here ${counted.sessions} maintenance session${counted.sessions === 1 ? '' : 's'} (${counted.perYear} a year over the ${counted.horizonMonths}-month horizon after the course), at each level's list price, are included in totalCostOfOwnership; packages and financing cover the course only.`;
  return { code: 'maintenance', text: `${lasts}. ${here}`, sources };
}

/** The notes for one estimate, in a fixed order: plan, insurance, HSA/FSA, maintenance, then context. */
export function estimateNotes(ctx: NoteContext): Note[] {
  const { treatment, country } = ctx;
  const notes: Note[] = [
    {
      code: 'consultation',
      text: 'This is an estimate. A consultation with a qualified practitioner decides the real plan, the number of sessions and the price.',
      sources: ['seed-000-good-candidate'],
    },
    treatment.category === 'therapeutic'
      ? {
          code: 'insurance',
          text: 'Used for a medical purpose such as pain management, mesotherapy may occasionally be partly covered by health insurance, but this is rare and needs strong justification and documentation from the healthcare provider. Expect to pay out of pocket.',
          sources: ['seed-000-insurance'],
        }
      : {
          code: 'insurance',
          text: 'Cosmetic mesotherapy is not covered by health insurance: expect to pay out of pocket.',
          sources: ['seed-000-insurance'],
        },
    maintenanceNote(treatment),
  ];
  // Health savings and flexible spending accounts are a US scheme.
  if (country.code === 'US') {
    notes.splice(2, 0, {
      code: 'hsa-fsa',
      text: 'HSA or FSA funds may be usable, particularly where there is a medical necessity; check eligibility and documentation with the account provider.',
      sources: ['seed-000-insurance'],
    });
  }
  if (ctx.fixedSessions !== undefined && (ctx.fixedSessions < treatment.sessions.min || ctx.fixedSessions > treatment.sessions.max)) {
    notes.push({
      code: 'sessions-outside-range',
      text: `${ctx.fixedSessions} sessions is outside the usual course of ${treatment.sessions.min}-${treatment.sessions.max} sessions for ${treatment.name.toLowerCase()}.`,
      sources: treatment.sessions.sources,
    });
  }
  const { market } = ctx;
  if (country.code !== ctx.baselineCountry) {
    notes.push({
      code: 'market-model',
      text: `Prices for ${country.name} are the seed articles' US prices moved by a market model fitted to ${market.fittedOn.observations} published clinic and salon prices in ${market.fittedOn.countries} countries (price level, practitioner, city and area). Low to high holds about 9 in 10 published prices; the likely range about 8 in 10.`,
      sources: [market.fittedOn.source],
    });
  }
  const name = treatment.name.toLowerCase();
  const e = ctx.evidence;
  notes.push(
    e
      ? {
          code: 'published-prices',
          text: `${e.count === 1 ? 'One published price' : `${e.count} published prices`} for ${name} in ${country.name} ${e.count === 1 ? 'is' : 'are'} on file: ${e.count === 1 ? `${e.perSession.min} ${ctx.currency}` : `${e.perSession.min} to ${e.perSession.max} ${ctx.currency} (median ${e.perSession.median})`} a session; see evidence.`,
          sources: [market.fittedOn.source],
        }
      : {
          code: 'no-published-prices',
          text:
            country.code === ctx.baselineCountry
              ? `No published prices for ${name} in ${country.name} are on file: the figures are the seed articles' own.`
              : `No published prices for ${name} in ${country.name} are on file: the figures are modelled from ${country.name}'s price level.`,
          sources: [country.code === ctx.baselineCountry ? 'seed-000-type-of-mesotherapy' : market.fittedOn.source],
        },
  );
  if (ctx.currency !== country.currency) {
    notes.push({
      code: 'currency-converted',
      text: `Amounts are shown in ${ctx.currency}; clinics in ${country.name} charge in ${country.currency}, so the amount you pay moves with the exchange rate.`,
      sources: ['wdi-exchange-rate'],
    });
  }
  return notes;
}

/** The code of the note that a longer course would cost less (longerCourseNotes). */
export const LONGER_COURSE_NOTE = 'longer-course-cheaper';

/**
 * When a buy-n-get-m package makes a longer course cheaper than the estimate's
 * (longerCourseCheaper in packages.ts, the rule scenarios warn by too), one note stating, for each
 * session count concerned, what it costs and what the course completing the group would cost.
 * Empty for every other package and course.
 */
export function longerCourseNotes(
  spec: PackageSpec,
  sessions: Levels<number>,
  perSession: Levels<string>,
  currency: { readonly code: string; readonly minorUnits: number },
  packages: PackagesModel,
): Note[] {
  if (spec.kind !== 'buy-n-get-m') return [];
  const parts: string[] = [];
  for (const n of new Set(LEVELS.map((level) => sessions[level]))) {
    const cheaper = longerCourseCheaper(n, spec.buy, spec.free);
    if (!cheaper) continue;
    const levels = LEVELS.filter((level) => sessions[level] === n);
    const cost = (paid: number): string => `${levels.map((level) => formatAmount(dec(perSession[level]).times(paid), currency.minorUnits)).join(' / ')} ${currency.code}`;
    parts.push(
      `${n} sessions (${levels.join(', ')}) cost ${cost(cheaper.paid)}, paying for ${cheaper.paid}; ` +
        `${cheaper.longer} sessions would cost ${cost(cheaper.longerPaid)}, paying for ${cheaper.longerPaid}`,
    );
  }
  if (parts.length === 0) return [];
  const group = spec.buy + spec.free;
  return [
    {
      code: LONGER_COURSE_NOTE,
      text: `With buy ${spec.buy}, get ${spec.free} free, a longer course can cost less, because only a complete group of ${group} sessions has sessions free: ${parts.join('; ')}.`,
      sources: packages.kinds.get('buy-n-get-m')?.sources ?? [],
    },
  ];
}

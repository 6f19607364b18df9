// Notes that matter to a patient, attached to every estimate.
import type { CountryModel, TreatmentModel } from './catalog.js';

export interface Note {
  /** Stable code a client can key on. */
  readonly code: string;
  readonly text: string;
  readonly sources: readonly string[];
}

interface NoteContext {
  readonly treatment: TreatmentModel;
  readonly country: CountryModel;
  readonly baselineCountry: string;
  readonly currency: string;
  readonly fixedSessions: number | undefined;
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
    {
      code: 'hsa-fsa',
      text: 'HSA or FSA funds may be usable, particularly where there is a medical necessity; check eligibility and documentation with the account provider.',
      sources: ['seed-000-insurance'],
    },
    maintenanceNote(treatment),
  ];
  if (ctx.fixedSessions !== undefined && (ctx.fixedSessions < treatment.sessions.min || ctx.fixedSessions > treatment.sessions.max)) {
    notes.push({
      code: 'sessions-outside-range',
      text: `${ctx.fixedSessions} sessions is outside the usual course of ${treatment.sessions.min}-${treatment.sessions.max} sessions for ${treatment.name.toLowerCase()}.`,
      sources: treatment.sessions.sources,
    });
  }
  if (country.code !== ctx.baselineCountry) {
    notes.push({
      code: 'regional-extrapolation',
      text: country.namedInSeeds
        ? `Prices for ${country.name} are the articles' US prices moved by ${country.name}'s price level; the articles name ${country.name} as a mesotherapy market but give no local prices.`
        : `Prices for ${country.name} are the articles' US prices moved by ${country.name}'s price level; the articles do not discuss ${country.name}, so treat them as a rough guide.`,
      sources: ['wdi-price-level', 'seed-000-geographic-location'],
    });
  }
  if (ctx.currency !== country.currency) {
    notes.push({
      code: 'currency-converted',
      text: `Amounts are shown in ${ctx.currency}; clinics in ${country.name} charge in ${country.currency}, so the amount you pay moves with the exchange rate.`,
      sources: ['wdi-exchange-rate'],
    });
  }
  return notes;
}

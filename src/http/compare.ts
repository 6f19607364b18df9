// A comparison: one base request varied along one or more dimensions, every cell in one
// currency, ranked by typical course total, with the cheapest and dearest marked.
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { CityTierIdSchema, PractitionerIdSchema } from '../data/schema.js';
import type { Catalog } from '../domain/catalog.js';
import { DomainError } from '../domain/errors.js';
import { estimate, type Estimate, type EstimateRequest } from '../domain/estimate.js';
import { HttpProblem, problemFromDomainError, ProblemSchema, type Problem } from './problem.js';
import { sourceRef } from '../domain/estimate-json.js';
import { summarise } from './estimate-cache.js';
import { CountryCodeSchema, CurrencyCodeSchema, EstimateRequestSchema, EstimateSchema, EstimateSummarySchema, IdSchema, MAX_AREAS, requestFromBody, ViewSchema } from './schemas.js';

/** The dimensions a comparison can vary, in the order cells are enumerated (last varies fastest). */
const DIMENSIONS = ['treatment', 'areas', 'country', 'cityTier', 'practitioner'] as const;
type Dimension = (typeof DIMENSIONS)[number];

const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).min(1, 'must list at least one value').max(max, `must list at most ${max} values`);

const VarySchema = z
  .object({
    treatment: list(IdSchema, 50).optional(),
    areas: list(z.array(IdSchema).min(1).max(MAX_AREAS), 50).optional().describe('Each value is a list of areas, e.g. [["face"], ["face", "neck"]]'),
    country: list(CountryCodeSchema, 300).optional(),
    cityTier: list(CityTierIdSchema, 3).optional(),
    practitioner: list(PractitionerIdSchema, 3).optional(),
  })
  .strict()
  .refine((v) => DIMENSIONS.some((d) => v[d] !== undefined), 'must vary at least one of: treatment, areas, country, cityTier, practitioner');

export const CompareRequestSchema = z
  .object({
    base: EstimateRequestSchema.describe('The request every cell starts from'),
    vary: VarySchema,
    currency: CurrencyCodeSchema.optional().describe("Currency of every cell, so they can be ranked. Default: the base request's currency, else USD"),
    view: ViewSchema.optional().describe("summary (default here): each cell's EstimateSummary; full: each cell's whole Estimate"),
    detail: z.enum(['summary', 'full']).optional().describe('The former name of `view`, still accepted'),
  })
  .strict()
  .refine((b) => b.view === undefined || b.detail === undefined || b.view === b.detail, { message: 'view and detail (its former name) disagree; send view only', path: ['detail'] })
  .meta({ id: 'CompareRequest' });
type CompareRequest = z.infer<typeof CompareRequestSchema>;

const CellSchema = z
  .object({
    index: z.number().int(),
    vary: z.record(z.string(), z.unknown()).describe('The values of the varied dimensions for this cell'),
    rank: z.number().int().optional().describe('1 = cheapest typical course total among the cells that priced'),
    cheapest: z.boolean().optional(),
    dearest: z.boolean().optional(),
    estimate: z.union([EstimateSchema, EstimateSummarySchema]).optional(),
    problem: ProblemSchema.optional(),
  })
  .meta({ id: 'CompareCell' });
export const CompareResponseSchema = z
  .object({
    currency: z.string(),
    cells: z.array(CellSchema),
    cheapest: z.number().int().nullable().describe('Index of the cell with the lowest typical total'),
    dearest: z.number().int().nullable().describe('Index of the cell with the highest typical total'),
    dataVersion: z.string(),
  })
  .meta({ id: 'CompareResponse' });

interface Cell {
  index: number;
  vary: Partial<Record<Dimension, unknown>>;
  rank?: number;
  cheapest?: boolean;
  dearest?: boolean;
  estimate?: unknown;
  problem?: Problem;
}

/** Every combination of the varied values, in DIMENSIONS order. */
function combinations(vary: CompareRequest['vary']): Array<Partial<Record<Dimension, unknown>>> {
  let combos: Array<Partial<Record<Dimension, unknown>>> = [{}];
  for (const d of DIMENSIONS) {
    const values: readonly unknown[] | undefined = vary[d];
    if (values) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [d]: v })));
  }
  return combos;
}

/** Prices every cell, then ranks the priced ones by typical total (ties keep the earlier cell first). */
export function compare(body: CompareRequest, catalog: Catalog, maxCells: number): z.infer<typeof CompareResponseSchema> {
  const count = DIMENSIONS.reduce((n, d) => n * (body.vary[d]?.length ?? 1), 1);
  if (count > maxCells) {
    throw new HttpProblem('validation-failed', `The comparison has ${count} cells; at most ${maxCells} are allowed. Vary fewer values.`, [
      { pointer: '/vary', in: 'body', message: `the product of the varied lists is ${count}; it must be at most ${maxCells}` },
    ]);
  }
  const base = requestFromBody(body.base);
  const currency = body.currency?.toUpperCase() ?? base.currency ?? 'USD';
  const priced: Array<{ cell: Cell; total: Decimal }> = [];
  const cells: Cell[] = combinations(body.vary).map((values, index) => {
    const request: EstimateRequest = {
      ...base,
      ...(values as Partial<EstimateRequest>),
      country: typeof values.country === 'string' ? values.country.toUpperCase() : base.country,
      currency,
    };
    try {
      const e: Estimate = estimate(request, catalog);
      // Full: the estimate as POST /v1/estimates sends it (sources as references).
      const cell: Cell = { index, vary: values, estimate: (body.view ?? body.detail ?? 'summary') === 'full' ? { ...e, sources: e.sources.map(sourceRef) } : summarise(e) };
      priced.push({ cell, total: new Decimal(e.total.typical) });
      return cell;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const p = problemFromDomainError(error);
      // The pointers of a cell's problem name the varied value, or the base field it came from.
      const errors = p.errors?.map((e) => {
        const field = e.pointer.split('/')[1] as Dimension;
        return { ...e, pointer: values[field] !== undefined ? `/vary/${field}` : `/base${e.pointer}` };
      });
      return { index, vary: values, problem: { ...p, ...(errors ? { errors } : {}) } };
    }
  });
  // The same problem in every cell does not depend on the varied values: the base request itself
  // is wrong (an unknown treatment, country or currency). That is the request's own 422.
  const first = cells[0]?.problem;
  if (first && priced.length === 0 && cells.every((c) => JSON.stringify(c.problem) === JSON.stringify(first))) {
    throw new HttpProblem(first.code, first.detail, first.errors);
  }
  const ranked = [...priced].sort((a, b) => a.total.comparedTo(b.total) || a.cell.index - b.cell.index);
  ranked.forEach((p, i) => {
    p.cell.rank = i + 1;
    p.cell.cheapest = i === 0;
    p.cell.dearest = i === ranked.length - 1;
  });
  return {
    currency,
    cells: cells as z.infer<typeof CompareResponseSchema>['cells'],
    cheapest: ranked[0]?.cell.index ?? null,
    dearest: ranked.at(-1)?.cell.index ?? null,
    dataVersion: catalog.version,
  };
}


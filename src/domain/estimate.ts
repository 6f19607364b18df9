// estimate(request, catalog) -> Estimate: one course priced, as an object. Pure: no I/O, no HTTP,
// no clock. The arithmetic is in pricing.ts; estimate-json.ts sends the same answer as JSON text.
import type { Catalog } from './catalog.js';
import type { Estimate, EstimateRequest } from './estimate-types.js';
import { price } from './pricing.js';

export type * from './estimate-types.js';
export { DEFAULT_CITY_TIER, DEFAULT_PRACTITIONER, packageSpec } from './pricing.js';

/** The estimate of one course (pricing.ts, price(), says how each figure is made). */
export function estimate(request: EstimateRequest, catalog: Catalog): Estimate {
  const p = price(request, catalog);
  return {
    treatment: p.request.treatment,
    request: p.request,
    currency: p.currency,
    perSession: p.perSession,
    sessions: p.sessions,
    listTotal: p.listTotal,
    discount: p.discount,
    total: p.total,
    effectivePerSession: p.effectivePerSession,
    likely: p.likely,
    likelyPerSession: p.likelyPerSession,
    evidence: p.evidence,
    adjustments: p.adjustments,
    sources: p.sources,
    dataVersion: catalog.version,
    notes: p.notes,
  };
}

// The estimate as the API sends it, as JSON text, built straight from the priced parts: the parts
// that depend only on the catalog (adjustments, notes, sources, the currency, published prices)
// are serialised once each (derived.ts) and joined with the figures of this request. The bytes
// equal JSON.stringify of estimate()'s object with its sources as references (tests check it on
// random requests), so the object and the wire can never disagree.
import type { Source } from '../data/schema.js';
import type { Catalog, Levels } from './catalog.js';
import { derived, type Derived } from './derived.js';
import type { EstimateRequest, ResolvedRequest } from './estimate-types.js';
import { price, type Priced } from './pricing.js';

/** How much of the estimate an answer carries. */
export const ESTIMATE_VIEWS = ['full', 'summary'] as const;
export type EstimateView = (typeof ESTIMATE_VIEWS)[number];

/** The fields of the summary view, in wire order: what a comparison site needs to rank quotes. */
export const SUMMARY_FIELDS = ['request', 'currency', 'perSession', 'sessions', 'total', 'likely', 'dataVersion'] as const;

/** A source as an estimate cites it: id, kind and title (GET /v1/sources/{id} has the rest). */
export interface SourceRef<K extends string = Source['kind']> {
  readonly id: string;
  readonly kind: K;
  readonly title: string;
}

export function sourceRef<K extends string>(source: { readonly id: string; readonly kind: K; readonly title: string }): SourceRef<K> {
  return { id: source.id, kind: source.kind, title: source.title };
}

/** The estimate of `request` as JSON text, in the given view (default: full). */
export function estimateJson(request: EstimateRequest, catalog: Catalog, view: EstimateView = 'full'): string {
  return estimateWire(request, catalog, view).body;
}

/** The answer's JSON text, and the JSON of the request as priced (what identifies the answer: its ETag's input). */
export function estimateWire(request: EstimateRequest, catalog: Catalog, view: EstimateView = 'full'): { readonly body: string; readonly request: string } {
  const p = price(request, catalog);
  const d = derived(catalog);
  const resolved = requestJson(p.request, d);
  return { body: view === 'full' ? fullJson(p, resolved, catalog) : summaryJson(p, resolved, catalog), request: resolved };
}

const refsJson = new WeakMap<readonly Source[], string>();

function fullJson(p: Priced, request: string, catalog: Catalog): string {
  const d = derived(catalog);
  let adjustments = '';
  for (const a of p.adjustments) adjustments += (adjustments === '' ? '' : ',') + (a === p.packageAdjustment ? JSON.stringify(a) : d.json(a));
  let sources = refsJson.get(p.sources);
  if (sources === undefined) {
    sources = JSON.stringify(p.sources.map(sourceRef));
    refsJson.set(p.sources, sources);
  }
  return (
    `{"treatment":${JSON.stringify(p.request.treatment)},"request":${request},"currency":${d.json(p.currency)}` +
    `,"perSession":${levels(p.perSession)},"sessions":${counts(p.sessions)},"listTotal":${levels(p.listTotal)},"discount":${levels(p.discount)}` +
    `,"total":${levels(p.total)},"effectivePerSession":${levels(p.effectivePerSession)},"likely":${percentiles(p.likely)},"likelyPerSession":${percentiles(p.likelyPerSession)}` +
    `,"evidence":${p.evidence === null ? 'null' : d.json(p.evidence)},"adjustments":[${adjustments}],"sources":${sources}` +
    `,"dataVersion":${JSON.stringify(catalog.version)},"notes":${p.ownNotes ? JSON.stringify(p.notes) : d.json(p.notes)}}`
  );
}

function summaryJson(p: Priced, request: string, catalog: Catalog): string {
  const d = derived(catalog);
  return (
    `{"request":${request},"currency":${d.json(p.currency)},"perSession":${levels(p.perSession)},"sessions":${counts(p.sessions)}` +
    `,"total":${levels(p.total)},"likely":${percentiles(p.likely)},"dataVersion":${JSON.stringify(catalog.version)}}`
  );
}

function requestJson(r: ResolvedRequest, d: Derived): string {
  return (
    `{"treatment":${JSON.stringify(r.treatment)},"areas":${d.json(r.areas)},"country":${JSON.stringify(r.country)},"cityTier":${JSON.stringify(r.cityTier)}` +
    `,"practitioner":${JSON.stringify(r.practitioner)},"sessions":${r.sessions === null ? 'null' : r.sessions},"currency":${JSON.stringify(r.currency)},"package":${d.json(r.package)}}`
  );
}

// Amounts are decimal strings the engine formats (digits, a point, a sign): nothing to escape.
function levels(l: Levels<string>): string {
  return `{"low":"${l.low}","typical":"${l.typical}","high":"${l.high}"}`;
}

function counts(l: Levels<number>): string {
  return `{"low":${l.low},"typical":${l.typical},"high":${l.high}}`;
}

function percentiles(p: { readonly p10: string; readonly p50: string; readonly p90: string }): string {
  return `{"p10":"${p.p10}","p50":"${p.p50}","p90":"${p.p90}"}`;
}

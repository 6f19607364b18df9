// A typed client for the mesoquote API: openapi-fetch over the types generated from
// openapi/openapi.json (openapi-types.ts), plus a few calls comparison sites make most, which
// answer the body or throw a MesoquoteProblem. Exported as "mesoquote/client".
//
//   import { createMesoquoteClient } from 'mesoquote/client';
//   const api = createMesoquoteClient({ baseUrl: 'http://127.0.0.1:3000' });
//   const e = await api.estimate({ treatment: 'hair-restoration', country: 'FR' });
import createFetchClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './openapi-types.js';

export type { components, paths } from './openapi-types.js';
type Schemas = components['schemas'];
export type Estimate = Schemas['Estimate'];
/** view=summary: the figures a comparison needs. */
export type EstimateSummary = Schemas['EstimateSummary'];
export type EstimateRequest = Schemas['EstimateRequest'];
export type Problem = Schemas['Problem'];
export type Catalog = Schemas['Catalog'];
export type CompareRequest = Schemas['CompareRequest'];
export type CompareResponse = Schemas['CompareResponse'];
/** One item of a batch answer: the estimate, or that item's problem. */
export type BatchResult = Schemas['BatchResponse']['results'][number];

/** An answer of the API that is a problem (RFC 9457): its status, code and detail. */
export class MesoquoteProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${problem.code}: ${problem.detail}`);
    this.name = 'MesoquoteProblem';
  }
}

/** A batch result that is a problem rather than an estimate. */
export function isProblem(result: BatchResult): result is Problem {
  return 'type' in result && 'status' in result;
}

export interface MesoquoteClientOptions {
  /** e.g. "http://127.0.0.1:3000" */
  readonly baseUrl: string;
  /** A fetch to use instead of the global one (tests, proxies, retries). */
  readonly fetch?: typeof fetch;
  readonly headers?: Record<string, string>;
}

export interface MesoquoteClient {
  /** POST /v1/estimates */
  estimate(request: EstimateRequest): Promise<Estimate>;
  /** POST /v1/estimates with view "summary": request, currency, perSession, sessions, total, likely and dataVersion. */
  estimateSummary(request: EstimateRequest): Promise<EstimateSummary>;
  /** POST /v1/estimates/batch: one result per request, in order (at most the server's BATCH_MAX_ITEMS); summaries with view "summary". */
  estimateBatch(requests: readonly EstimateRequest[], options?: { readonly view?: 'full' | 'summary' }): Promise<BatchResult[]>;
  /** POST /v1/estimates/compare */
  compare(request: CompareRequest): Promise<CompareResponse>;
  /** GET /v1/catalog */
  catalog(): Promise<Catalog>;
  /** The openapi-fetch client, typed with every path of the API, for the calls above and the rest. */
  readonly raw: Client<paths>;
}

/** The body of a 2xx answer, or a MesoquoteProblem for an error answer. */
function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined) return result.data;
  const error = result.error as Partial<Problem> | undefined;
  const problem: Problem =
    error && typeof error.code === 'string' && typeof error.detail === 'string'
      ? (error as Problem)
      : { type: '/problems/internal-error', title: 'Unexpected answer', status: result.response.status, detail: `HTTP ${result.response.status} without a problem body`, code: 'internal-error' };
  throw new MesoquoteProblem(result.response.status, problem);
}

export function createMesoquoteClient(options: MesoquoteClientOptions): MesoquoteClient {
  const raw = createFetchClient<paths>({ baseUrl: options.baseUrl.replace(/\/$/, ''), fetch: options.fetch, headers: options.headers });
  return {
    raw,
    // The answer's type is either view; the request says which.
    estimate: async (request) => unwrap(await raw.POST('/v1/estimates', { body: request })) as Estimate,
    estimateSummary: async (request) => unwrap(await raw.POST('/v1/estimates', { body: { ...request, view: 'summary' } })) as EstimateSummary,
    estimateBatch: async (requests, options) => unwrap(await raw.POST('/v1/estimates/batch', { body: { items: [...requests], ...(options?.view ? { view: options.view } : {}) } })).results,
    compare: async (request) => unwrap(await raw.POST('/v1/estimates/compare', { body: request })),
    catalog: async () => unwrap(await raw.GET('/v1/catalog')),
  };
}

// Where estimates come from: the engine in this process (the default), or a running server
// (--api URL). Both take the API's JSON request bodies and answer what the API would: the
// estimate, or the problem, validated by the same schema (src/contract/estimate-request.ts) and priced by the
// same engine, so the command line's figures are the API's.
import { DataError, loadData, type LoadedData } from '../data/load.js';
import { DomainError } from '../domain/errors.js';
import { estimate } from '../domain/estimate.js';
import { catalogJson } from '../http/catalog-json.js';
import { serialise } from '../http/estimate-cache.js';
import { problemFromDomainError, problemFromZodError, type Problem } from '../http/problem.js';
import { EstimateRequestSchema, requestFromBody } from '../contract/estimate-request.js';
import { failure, usageError } from './exit-codes.js';

type Levels = { readonly low: string; readonly typical: string; readonly high: string };

/** The parts of an estimate the command line reads; both the engine's Estimate and the API's JSON have them. */
export interface PricedEstimate {
  readonly treatment: string;
  readonly request: { readonly areas: readonly string[]; readonly country: string; readonly cityTier: string; readonly practitioner: string; readonly package: { readonly kind: string } };
  readonly currency: { readonly code: string; readonly name: string };
  readonly perSession: Levels;
  readonly sessions: { readonly low: number; readonly typical: number; readonly high: number };
  readonly listTotal: Levels;
  readonly discount: Levels;
  readonly total: Levels;
  readonly likely: { readonly p10: string; readonly p50: string; readonly p90: string };
  readonly dataVersion: string;
  readonly notes: ReadonlyArray<{ readonly code: string; readonly text: string }>;
}

export type ItemResult = { readonly ok: true; readonly estimate: PricedEstimate } | { readonly ok: false; readonly problem: Problem };
/** One estimate as the API sends it: the JSON text of the estimate, or the problem. */
export type EstimateAnswer = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly problem: Problem };

export interface Pricer {
  /** "in-process (data sha256:…)" or the API's URL, for messages. */
  readonly describe: string;
  estimate(body: unknown): Promise<EstimateAnswer>;
  /** One result per body, in order; a bad body fails only itself. */
  estimateMany(bodies: readonly unknown[]): Promise<ItemResult[]>;
  /** GET /v1/catalog's JSON text. */
  catalog(): Promise<string>;
}

// ---------------------------------------------------------------------------------------------
// In process

/** The engine on the data in `dataDir`; a DataError (bad data files) is exit code 3. */
export function localPricer(dataDir: string): Pricer {
  let data: LoadedData;
  try {
    data = loadData(dataDir);
  } catch (error) {
    if (error instanceof DataError) throw failure(`the data does not validate: ${error.message}`);
    throw error;
  }
  const { catalog } = data;
  // As POST /v1/estimates/batch prices an item (routes/batch.ts), with pointers relative to the request.
  const priceOne = (body: unknown): { ok: true; estimate: ReturnType<typeof estimate> } | { ok: false; problem: Problem } => {
    const parsed = EstimateRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, problem: problemFromZodError(parsed.error, '', EstimateRequestSchema) };
    try {
      return { ok: true, estimate: estimate(requestFromBody(parsed.data), catalog) };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, problem: problemFromDomainError(error) };
      throw error;
    }
  };
  let catalogText: string | undefined;
  return {
    describe: `in-process engine, data ${catalog.version.slice(0, 19)}`,
    estimate: async (body) => {
      const r = priceOne(body);
      return r.ok ? { ok: true, json: serialise(r.estimate) } : r;
    },
    estimateMany: async (bodies) => bodies.map(priceOne),
    catalog: async () => (catalogText ??= catalogJson(data).catalog),
  };
}

// ---------------------------------------------------------------------------------------------
// A running server

const isProblem = (v: unknown): v is Problem => typeof v === 'object' && v !== null && 'type' in v && 'status' in v && 'code' in v;

/** A server at `baseUrl`; `batchSize` items go in each POST /v1/estimates/batch. */
export function apiPricer(baseUrl: string, options: { batchSize: number; fetch?: typeof fetch } = { batchSize: 500 }): Pricer {
  let base: URL;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw usageError(`--api must be a URL such as http://127.0.0.1:3000, not '${baseUrl}'`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw usageError(`--api must be an http or https URL, not '${baseUrl}'`);
  const doFetch = options.fetch ?? fetch;

  const call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; text: string; type: string }> => {
    const url = new URL(path, base);
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw failure(`cannot reach the API at ${url.origin}: ${cause?.code ?? cause?.message ?? String(error)}`);
    }
    const text = await response.text();
    if (response.status >= 500) throw failure(`the API answered ${response.status} to ${method} ${url.pathname}: ${problemDetail(text)}`);
    return { status: response.status, text, type: response.headers.get('content-type') ?? '' };
  };

  const parse = (text: string, what: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw failure(`the API's answer to ${what} is not JSON: ${text.slice(0, 200)}`);
    }
  };

  return {
    describe: `API at ${base.origin}${base.pathname.replace(/\/$/, '')}`,
    estimate: async (body) => {
      const r = await call('POST', 'v1/estimates', body);
      if (r.status === 200) return { ok: true, json: r.text };
      // 400 and 422 judge the request; anything else (404 from a wrong --api path, 415) is the setup's fault.
      if (r.status !== 400 && r.status !== 422) throw failure(`the API answered ${r.status} to POST /v1/estimates: ${problemDetail(r.text)}`);
      const answer = parse(r.text, 'POST /v1/estimates');
      if (!isProblem(answer)) throw failure(`the API answered ${r.status} to POST /v1/estimates without a problem: ${r.text.slice(0, 200)}`);
      return { ok: false, problem: answer };
    },
    estimateMany: async (bodies) => {
      const results: ItemResult[] = [];
      for (let start = 0; start < bodies.length; start += options.batchSize) {
        const items = bodies.slice(start, start + options.batchSize);
        const r = await call('POST', 'v1/estimates/batch', { items });
        if (r.status === 400 || r.status === 413) {
          // The envelope was refused (too many items, too large): a setting to change, not a row's fault.
          throw usageError(`the API refused a batch of ${items.length} (${r.status}): ${problemDetail(r.text)}; try a smaller --batch-size`);
        }
        if (r.status !== 200) throw failure(`the API answered ${r.status} to POST /v1/estimates/batch: ${problemDetail(r.text)}`);
        const answer = parse(r.text, 'POST /v1/estimates/batch') as { results?: unknown[] };
        if (!Array.isArray(answer.results) || answer.results.length !== items.length) {
          throw failure(`the API answered a batch of ${items.length} with ${answer.results?.length ?? 'no'} results`);
        }
        for (const result of answer.results) {
          results.push(isProblem(result) ? { ok: false, problem: withoutItemPrefix(result) } : { ok: true, estimate: result as PricedEstimate });
        }
      }
      return results;
    },
    catalog: async () => {
      const r = await call('GET', 'v1/catalog');
      if (r.status !== 200) throw failure(`the API answered ${r.status} to GET /v1/catalog: ${problemDetail(r.text)}`);
      return r.text;
    },
  };
}

/** A batch item's problem names fields under /items/N; a row's error names them in the request. */
function withoutItemPrefix(p: Problem): Problem {
  const strip = (s: string): string => s.replace(/\/items\/\d+/g, '');
  return { ...p, detail: strip(p.detail), ...(p.errors ? { errors: p.errors.map((e) => ({ ...e, pointer: strip(e.pointer) })) } : {}) };
}

function problemDetail(text: string): string {
  try {
    const p = JSON.parse(text) as { detail?: unknown; title?: unknown };
    if (typeof p.detail === 'string') return p.detail;
    if (typeof p.title === 'string') return p.title;
  } catch {
    // not JSON: show the start of the text
  }
  return text.slice(0, 200) || '(empty answer)';
}

// Talking to the mesoquote API: the catalog (loaded once per API base and shared by every
// calculator on the page) and one estimate per choice, as a cacheable GET. A GET with only an
// Accept header is a "simple" cross-origin request: no preflight round trip.
import type { Catalog, Choice, Estimate, Problem } from './types.js';

export type ApiErrorKind = 'problem' | 'network' | 'offline' | 'answer';

/** Why a call failed, in words a visitor can read. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The API base as an absolute URL ending in "/", so that "v1/..." resolves under it. */
export function normaliseBase(base: string, relativeTo: string): string {
  const url = new URL(base, relativeTo);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** GET /v1/estimates for a choice: every field explicit, so the URL says exactly what was priced. */
export function estimateUrl(base: string, choice: Choice): string {
  const url = new URL('v1/estimates', base);
  const q = url.searchParams;
  q.set('treatment', choice.treatment);
  q.set('areas', choice.areas.join(','));
  q.set('country', choice.country);
  q.set('cityTier', choice.cityTier);
  q.set('practitioner', choice.practitioner);
  if (choice.sessions !== null) q.set('sessions', String(choice.sessions));
  q.set('package', choice.package);
  if (choice.currency !== null) q.set('currency', choice.currency);
  return url.href;
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    throw new ApiError('offline', 'You are offline. The estimate will update when the connection is back.');
  }
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: signal ?? null });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      throw new ApiError('offline', 'You are offline. The estimate will update when the connection is back.');
    }
    throw new ApiError('network', `The price service at ${new URL(url).origin} could not be reached.`);
  }
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok) {
    if (type.includes('json')) {
      const problem = (await response.json().catch(() => ({}))) as Problem;
      throw new ApiError('problem', problem.detail ?? problem.title ?? `The price service answered ${response.status}.`, response.status);
    }
    throw new ApiError('problem', `The price service answered ${response.status}.`, response.status);
  }
  if (!type.includes('json')) throw new ApiError('answer', 'The price service sent an answer the calculator cannot read.');
  return (await response.json()) as T;
}

const catalogs = new Map<string, Promise<Catalog>>();

/** The catalog of `base`, fetched once per page; a failed fetch is forgotten so a retry refetches. */
export function loadCatalog(base: string): Promise<Catalog> {
  let pending = catalogs.get(base);
  if (!pending) {
    pending = getJson<Catalog>(new URL('v1/catalog', base).href);
    catalogs.set(base, pending);
    pending.catch(() => catalogs.delete(base));
  }
  return pending;
}

/** The estimate at `url` (from estimateUrl). */
export function fetchEstimate(url: string, signal: AbortSignal): Promise<Estimate> {
  return getJson<Estimate>(url, signal);
}

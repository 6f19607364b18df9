// Talking to the mesoquote API: the catalog (loaded once per API base and shared by every
// calculator on the page) and one estimate per choice, as a cacheable GET. A GET with only an
// Accept header is a "simple" cross-origin request: no preflight round trip.
import type { Catalog, Choice, Estimate, Problem } from './types.js';

export type ApiErrorKind = 'problem' | 'network' | 'offline' | 'answer' | 'cors' | 'timeout';

/** How long a call may take, answer read included, before it fails with Try again. */
export const REQUEST_TIMEOUT_MS = 10_000;

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
  // A clinic's sheet fixes the country, city tier, practitioner and currency: naming them is a 422.
  if (choice.clinic) q.set('clinic', choice.clinic);
  else {
    q.set('country', choice.country);
    q.set('cityTier', choice.cityTier);
    q.set('practitioner', choice.practitioner);
  }
  if (choice.sessions !== null) q.set('sessions', String(choice.sessions));
  q.set('package', choice.package);
  if (choice.currency !== null && !choice.clinic) q.set('currency', choice.currency);
  return url.href;
}

/** GET `url` as JSON, within REQUEST_TIMEOUT_MS; failures are ApiErrors. */
export function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return callJson<T>(url, { headers: { accept: 'application/json' } }, signal);
}

/** POST `body` as JSON to `url`, within REQUEST_TIMEOUT_MS; failures are ApiErrors. */
export function postJson<T>(url: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return callJson<T>(url, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(body) }, signal);
}

async function callJson<T>(url: string, init: RequestInit, signal?: AbortSignal): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.onLine === false) {
    throw new ApiError('offline', 'You are offline. The estimate will update when the connection is back.');
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, REQUEST_TIMEOUT_MS);
  const forward = (): void => controller.abort();
  signal?.addEventListener('abort', forward, { once: true });
  const timeout = (): ApiError => new ApiError('timeout', `The price service at ${new URL(url).origin} did not answer within ${REQUEST_TIMEOUT_MS / 1000} seconds.`);
  try {
    return await callJsonOnce<T>(url, init, controller.signal);
  } catch (error) {
    if (timedOut) throw timeout();
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forward);
  }
}

async function callJsonOnce<T>(url: string, init: RequestInit, signal: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      throw new ApiError('offline', 'You are offline. The estimate will update when the connection is back.');
    }
    const api = new URL(url);
    if (await reachable(api)) throw corsError(api);
    throw new ApiError('network', `The price service at ${api.origin} could not be reached.`);
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

/**
 * Whether the API's origin answers at all: a no-cors request resolves (with an opaque answer)
 * whenever the server answers, whatever its CORS headers. A fetch that failed although the server
 * answers was refused by CORS: this page's origin is not allowed.
 */
async function reachable(api: URL): Promise<boolean> {
  if (typeof location === 'undefined' || api.origin === location.origin) return false;
  try {
    await fetch(new URL('../healthz', api).href, { mode: 'no-cors', cache: 'no-store' });
    return true;
  } catch {
    return false;
  }
}

/** The page's origin is not allowed to call the API: say what to register, in the console for the developer. */
function corsError(api: URL): ApiError {
  const page = location.origin;
  const clinic = api.searchParams.get('clinic');
  const fix = clinic
    ? `register it with the clinic's API key: POST ${new URL(`../v1/clinics/${clinic}/origins`, api).href} with the body {"origin":"${page}"}`
    : `add it to the server's CORS_ORIGINS, or register it for a clinic with POST ${new URL('../v1/clinics/{id}/origins', api).href.replace('%7Bid%7D', '{id}')}`;
  console.error(`<mesoquote-calculator>: the price service at ${api.origin} does not allow pages of ${page} (CORS); ${fix}.`);
  return new ApiError('cors', `The price service at ${api.origin} does not accept requests from this site (${page}) yet. The site's owner needs to register it.`);
}

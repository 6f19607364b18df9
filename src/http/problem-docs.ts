// What each problem type means, a request that causes it, and how to fix it: the content of
// GET /problems/{code}, the page a problem's `type` URI resolves to. Every example marked
// `checked` is sent by tests/http/problems.test.ts, which fails when the answer's code or detail
// drifts from what is written here.
import type { ProblemCode } from './problem.js';

export interface ProblemExample {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path and query, as sent. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The body, as sent (JSON text, usually). */
  readonly body?: string;
  /** The `detail` of the answer. */
  readonly detail: string;
  /**
   * How the test sends it: on a service with working storage and an admin key ('service'), one
   * without an admin key ('no-admin-key'), one whose storage is down ('no-storage'); false where
   * it needs state a single request cannot make (an expired quote, a rate limit).
   */
  readonly checked: 'service' | 'no-admin-key' | 'no-storage' | false;
}

export interface ProblemDoc {
  /** What happened, in a sentence or two. */
  readonly meaning: string;
  /** What the client should do about it. */
  readonly fix: string;
  readonly example?: ProblemExample;
}

const JSON_BODY = { 'content-type': 'application/json' };
const CLINIC = 'cl_0123456789abcdef';

export const PROBLEM_DOCS: Readonly<Record<ProblemCode, ProblemDoc>> = {
  'validation-failed': {
    meaning: 'A field of the body, the query string or the path has the wrong type, is missing, out of range, or is not a field at all. `errors` lists each one with its JSON pointer, where it is (`in`), what is wrong and, where it helps, the values `allowed`.',
    fix: 'Correct each field named in `errors`. Field names and ranges are in the OpenAPI document (GET /openapi.json, or /docs).',
    example: {
      method: 'POST',
      path: '/v1/estimates',
      headers: JSON_BODY,
      body: '{"treatment":"fat-reduction","sessions":0,"colour":"red"}',
      detail:
        "2 fields of the body failed validation: /sessions: must be a whole number from 1 to 30; /colour: 'colour' is not a field here; allowed fields: treatment, areas, country, cityTier, practitioner, sessions, currency, package, clinic, view",
      checked: 'service',
    },
  },
  'invalid-json': {
    meaning: 'The body was sent as application/json but is not JSON: empty, truncated, with a trailing comma, single quotes, NaN, or a forbidden key such as __proto__.',
    fix: 'Send one JSON object, serialised by a JSON library rather than by hand.',
    // Not a trailing comma: the parser's own words for that differ between Node versions.
    example: { method: 'POST', path: '/v1/estimates', headers: JSON_BODY, body: '', detail: 'The body is empty; send a JSON object, or no content-type header and no body.', checked: 'service' },
  },
  'bad-request': {
    meaning: 'The request is not valid HTTP for this service: a path with broken percent-encoding, a malformed Content-Length, or a request line the server cannot parse.',
    fix: 'Percent-encode path segments and query values (encodeURIComponent), and let an HTTP library build the request.',
    example: { method: 'GET', path: '/v1/sources/%E0%A4%A', detail: "'/v1/sources/%E0%A4%A' is not a valid url component", checked: 'service' },
  },
  unauthorized: {
    meaning: 'The operation needs an API key, and the request has none, or one that is wrong or revoked. The answer carries `WWW-Authenticate: Bearer`.',
    fix: 'Send `Authorization: Bearer <key>` with the clinic key issued by POST /v1/clinics or POST /v1/clinics/{id}/keys, or the admin key. A revoked key stays revoked: use a current one.',
    example: { method: 'GET', path: `/v1/clinics/${CLINIC}`, detail: 'Send an API key as "Authorization: Bearer <key>".', checked: 'service' },
  },
  forbidden: {
    meaning: "The key is valid but may not do this: a clinic key used on another clinic, or a clinic key where the admin key is needed (creating clinics).",
    fix: "Use the key of the clinic named in the path, or the admin key. A clinic key only ever reaches its own clinic.",
    example: {
      method: 'POST',
      path: '/v1/clinics',
      headers: { ...JSON_BODY, authorization: 'Bearer mq_<a clinic key>' },
      body: '{"name":"Another clinic"}',
      detail: 'Only the admin key may create clinics.',
      checked: false,
    },
  },
  'clinic-creation-disabled': {
    meaning: 'The server was started without an admin key (ADMIN_API_KEY), so nobody can create clinics on it.',
    fix: 'The operator sets ADMIN_API_KEY (32 characters or more) and restarts the service; then POST /v1/clinics with that key.',
    example: {
      method: 'POST',
      path: '/v1/clinics',
      headers: { ...JSON_BODY, authorization: 'Bearer some-key' },
      body: '{"name":"Clinique Lumière"}',
      detail: 'Clinic creation is disabled: this server has no ADMIN_API_KEY configured. Set ADMIN_API_KEY (32 characters or more) and restart.',
      checked: 'no-admin-key',
    },
  },
  'not-found': {
    meaning: 'Nothing exists at this path: a mistyped path, or an id (a source, a quote, a clinic, a problem type) that does not exist.',
    fix: 'Check the path against the OpenAPI document (GET /openapi.json) and the id against the list it came from.',
    example: { method: 'GET', path: '/problems/no-such-code', detail: "No problem type 'no-such-code'; GET /problems lists them all.", checked: 'service' },
  },
  'not-acceptable': {
    meaning: 'The Accept header allows none of the media types this resource has (scenarios: application/json and text/csv).',
    fix: 'Leave Accept out, or ask for application/json (or text/csv where offered).',
    example: {
      method: 'POST',
      path: '/v1/scenarios',
      headers: { ...JSON_BODY, accept: 'application/xml' },
      body: '{"base":{"treatment":"fat-reduction"},"horizonMonths":12,"options":[{"name":"pay as you go"}]}',
      detail: 'This resource is available as application/json or text/csv; the Accept header allows neither.',
      checked: 'service',
    },
  },
  'method-not-allowed': {
    meaning: 'The path exists but not with this method. The `Allow` header lists the methods it has.',
    fix: 'Use one of the methods in `Allow`.',
    example: { method: 'DELETE', path: '/v1/catalog', detail: 'DELETE is not allowed on /v1/catalog; allowed: GET, HEAD', checked: 'service' },
  },
  'request-timeout': {
    meaning: "The request's headers and body did not arrive within the server's time limit (REQUEST_TIMEOUT_MS, 30 s by default): a stalled upload or a connection left half-sent.",
    fix: 'Send the whole request at once and retry on a fresh connection.',
  },
  'quote-expired': {
    meaning: 'The saved quote exists but its `validUntil` has passed, so its prices are no longer offered.',
    fix: 'Ask for a new estimate (POST /v1/estimates) and save a new quote (POST /v1/quotes).',
    example: { method: 'GET', path: '/v1/quotes/q_<an expired quote>', detail: 'Quote q_… expired at 2026-12-01T10:00:00.000Z; ask for a new estimate.', checked: false },
  },
  'precondition-failed': {
    meaning: 'If-Match names a version of the price sheet that is no longer the latest: someone changed it since you read it.',
    fix: 'GET the price sheet again, apply your change to the latest version, and PUT it with that version in If-Match.',
    example: {
      method: 'PUT',
      path: `/v1/clinics/${CLINIC}/price-sheet`,
      headers: { ...JSON_BODY, authorization: 'Bearer mq_<its key>', 'if-match': '"v1"' },
      body: '{"country":"FR","cityTier":"city","practitioner":"physician","currency":"EUR","treatments":{}}',
      detail: 'If-Match names version 1; the latest is version 2. GET the sheet again and apply your change to it.',
      checked: false,
    },
  },
  'payload-too-large': {
    meaning: 'The body is larger than the server accepts: BODY_LIMIT_BYTES (64 KiB by default), or BATCH_BODY_LIMIT_BYTES (1 MiB) for batch and compare.',
    fix: 'Send fewer items per call (a batch takes up to 1,000), or ask the operator to raise the limit.',
  },
  'uri-too-long': {
    meaning: 'A path segment (an id) is longer than any id the service issues (200 characters).',
    fix: 'Send the id as the API returned it; long inputs belong in a POST body.',
  },
  'unsupported-media-type': {
    meaning: 'The body is not sent as application/json. Every body this API takes is JSON.',
    fix: 'Send the body as JSON with `Content-Type: application/json`.',
    example: {
      method: 'POST',
      path: '/v1/estimates',
      headers: { 'content-type': 'text/plain' },
      body: 'treatment=fat-reduction',
      detail: "The body must be JSON, sent with Content-Type: application/json; this request's Content-Type is 'text/plain'.",
      checked: 'service',
    },
  },
  'unknown-treatment': {
    meaning: 'The treatment id is not in the catalog. `errors[].allowed` lists the ids that are.',
    fix: 'Use one of the ids in `allowed`, or GET /v1/treatments.',
    example: { method: 'POST', path: '/v1/estimates', headers: JSON_BODY, body: '{"treatment":"botox"}', detail: "Unknown treatment 'botox'.", checked: 'service' },
  },
  'unknown-area': {
    meaning: 'An area id is not in the catalog: a typing mistake, or a body part the data has no prices for.',
    fix: "Use the treatment's areas as GET /v1/treatments lists them (`errors[].allowed` has them).",
    example: { method: 'POST', path: '/v1/estimates', headers: JSON_BODY, body: '{"treatment":"skin-rejuvenation","areas":["elbow"]}', detail: "Unknown area 'elbow'.", checked: 'service' },
  },
  'area-not-allowed': {
    meaning: 'The area exists but this treatment is not offered on it (hair restoration is on the scalp only).',
    fix: "Pick among the treatment's own areas, listed in `errors[].allowed`.",
    example: {
      method: 'POST',
      path: '/v1/estimates',
      headers: JSON_BODY,
      body: '{"treatment":"hair-restoration","areas":["face"]}',
      detail: "Area 'face' is not treated for hair-restoration.",
      checked: 'service',
    },
  },
  'duplicate-area': {
    meaning: 'The same area is listed twice in `areas`; each area is priced once per session, so a second mention means nothing.',
    fix: 'List each area once; order does not matter.',
    example: { method: 'POST', path: '/v1/estimates', headers: JSON_BODY, body: '{"treatment":"skin-rejuvenation","areas":["face","face"]}', detail: "Area 'face' is listed twice.", checked: 'service' },
  },
  'unknown-country': {
    meaning: 'The country code is well formed but has no price data (or is not a country).',
    fix: 'Use an ISO 3166-1 alpha-2 code listed by GET /v1/countries.',
    example: { method: 'GET', path: '/v1/estimates?treatment=fat-reduction&country=ZZ', detail: "Unknown country 'ZZ'.", checked: 'service' },
  },
  'unknown-currency': {
    meaning: 'The currency code is well formed but has no exchange rate in the data.',
    fix: 'Use an ISO 4217 code listed under `currencies` in GET /v1/countries, or leave `currency` out for the country\'s own.',
    example: { method: 'GET', path: '/v1/estimates?treatment=fat-reduction&currency=XXX', detail: "No exchange rate for currency 'XXX'.", checked: 'service' },
  },
  'invalid-package': {
    meaning: "The package's figures do not fit together once the defaults are filled in, such as a buy-n-get-m offer that gives away as many sessions as it sells.",
    fix: 'Give both `buy` and `free`, with `free` below `buy`; the defaults are in GET /v1/catalog (packageKinds).',
    example: {
      method: 'POST',
      path: '/v1/estimates',
      headers: JSON_BODY,
      body: '{"treatment":"fat-reduction","package":{"kind":"buy-n-get-m","free":4}}',
      detail: 'A buy-4-get-4 package gives away as many sessions as it sells.',
      checked: 'service',
    },
  },
  'invalid-price-sheet': {
    meaning: "The price sheet does not fit the catalog: a treatment or area that does not exist, a price with more decimals than the currency has, or a session range out of order. `errors` lists every fault.",
    fix: 'Correct each entry named in `errors`; ids and currencies are in GET /v1/catalog.',
    example: {
      method: 'PUT',
      path: `/v1/clinics/${CLINIC}/price-sheet`,
      headers: { ...JSON_BODY, authorization: 'Bearer mq_<its key>' },
      body: '{"country":"FR","cityTier":"city","practitioner":"physician","currency":"EUR","treatments":{"botox":{"perSession":"180.00"}}}',
      detail: '1 fault in the price sheet: /treatments/botox: not a treatment',
      checked: false,
    },
  },
  'unknown-clinic': {
    meaning: 'The `clinic` named in an estimate or quote request does not exist.',
    fix: 'Use the clinic id returned by POST /v1/clinics, or leave `clinic` out for a market estimate.',
    example: { method: 'GET', path: `/v1/estimates?treatment=skin-rejuvenation&clinic=${CLINIC}`, detail: `No clinic '${CLINIC}'.`, checked: 'service' },
  },
  'clinic-has-no-price-sheet': {
    meaning: 'The clinic exists but has not published a price sheet, so there is nothing of its own to price with.',
    fix: 'The clinic publishes its sheet (PUT /v1/clinics/{id}/price-sheet); until then, leave `clinic` out for a market estimate.',
  },
  'clinic-mismatch': {
    meaning: "The request names a country, city tier or practitioner other than the clinic's own: a clinic estimate is always for the clinic's place and practitioner.",
    fix: 'Leave those fields out (the sheet supplies them), or leave `clinic` out for a market estimate elsewhere.',
  },
  'precondition-required': {
    meaning: 'Changing an existing price sheet needs If-Match, so that two people editing it cannot overwrite each other unknowingly.',
    fix: 'GET the price sheet, then PUT with its ETag in If-Match.',
  },
  'last-key': {
    meaning: "A clinic key tried to revoke the clinic's only active key. That would lock the clinic out of its own account until an administrator issued a new key, so it is refused; nothing changed.",
    fix: 'Issue another key first (POST /v1/clinics/{id}/keys), deploy it, then revoke the old one with the new key. The admin key may revoke any key (a lost or leaked key) and issue a new one.',
  },
  'rate-limited': {
    meaning:
      'A limit was reached in the current window: requests from this client address, or on the clinic routes from this API key (RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS); failed authentications from this address (AUTH_FAILURE_MAX); or quotes saved from this address or naming this clinic (QUOTE_MAX_PER_ADDRESS, QUOTE_MAX_PER_CLINIC per QUOTE_QUOTA_WINDOW_MS). The detail says which. `Retry-After` says when the window resets.',
    fix: 'Wait for `Retry-After` seconds; spread requests out, or send many estimates in one batch (POST /v1/estimates/batch). After failed authentications, check the key before retrying.',
  },
  'request-header-too-large': {
    meaning: "The request line or headers are larger than the server accepts (Node's 16 KiB): usually a very long query string.",
    fix: 'Send long inputs in a POST body (POST /v1/estimates takes the same fields as the query).',
  },
  'internal-error': {
    meaning: 'The service failed to answer. Nothing is wrong with the request; the details are in the server log under the request id.',
    fix: 'Retry later; when reporting it, quote `requestId` (also in the `x-request-id` header).',
  },
  'service-unavailable': {
    meaning: 'The service is shedding load (event-loop delay or memory above its limits) to keep answering the requests it has.',
    fix: 'Retry after the `Retry-After` seconds.',
  },
  'storage-unavailable': {
    meaning: 'Clinics, price sheets and quotes live in a database that is opening or unreachable. Market estimates never need it and keep working.',
    fix: 'Retry after `Retry-After` seconds; leave `clinic` out for a market estimate meanwhile.',
    example: {
      method: 'GET',
      path: '/v1/quotes/q_0123456789abcdefghijkl',
      detail: 'Storage is not configured on this instance. Retry in 5 s.',
      checked: 'no-storage',
    },
  },
};

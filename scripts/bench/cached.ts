// Cached estimates as a deployment serves them: rate limiting active (an empty allow list, so
// loopback is counted too, and a limit no run reaches), against a bare route sending the same
// body and the same response headers (security headers, ETag, Cache-Control, RateLimit-*,
// x-request-id…), POST and GET, the same request every time.
import { JSON_HEADERS } from './lib/drive.js';
import { FIXED_REQUEST, queryOf } from './lib/requests.js';
import { routeVersusBare } from './lib/versus.js';

const post = { method: 'POST' as const, path: '/v1/estimates', headers: JSON_HEADERS, body: JSON.stringify(FIXED_REQUEST) };
const get = { method: 'GET' as const, path: `/v1/estimates?${queryOf(FIXED_REQUEST)}` };
const NOTE = 'rate limits on (RATE_LIMIT_ALLOWLIST empty, RATE_LIMIT_MAX 10,000,000 a minute); the answer comes from the estimate cache';

export const cached = routeVersusBare({
  id: 'cached',
  title: 'cached estimates with rate limiting active, vs a bare route sending the same body and headers',
  service: 'rate-limited',
  headers: 'all',
  goal: 0.8,
  comparisons: () => [
    { id: 'cached-post', title: 'POST /v1/estimates, cached, rate-limited, same body and headers', note: NOTE, requests: [post], reference: post },
    { id: 'cached-get', title: 'GET /v1/estimates?..., cached, rate-limited, same body and headers', note: NOTE, requests: [get], reference: get },
  ],
});

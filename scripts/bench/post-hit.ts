// (a) POST /v1/estimates answered from the estimate cache, against a bare route sending the same
// bytes with the same content-type. The same body every time.
import { JSON_HEADERS } from './lib/drive.js';
import { routeVersusBare } from './lib/versus.js';
import { FIXED_REQUEST } from './lib/requests.js';

const post = { method: 'POST' as const, path: '/v1/estimates', headers: JSON_HEADERS, body: JSON.stringify(FIXED_REQUEST) };

export const postHit = routeVersusBare({
  id: 'post-hit',
  title: 'POST /v1/estimates, cache hit, vs a bare route sending the same bytes',
  service: 'default',
  headers: 'content-type',
  goal: 0.8,
  comparisons: () => [{ id: 'post-hit', title: '(a) POST /v1/estimates, cache hit', note: 'the same body every time; the service answers from its estimate cache after the first request', requests: [post], reference: post }],
});

// (b) GET /v1/estimates?… answered from the estimate cache, against a bare route sending the same
// bytes with the same content-type. The same query every time.
import { routeVersusBare } from './lib/versus.js';
import { FIXED_REQUEST, queryOf } from './lib/requests.js';

const get = { method: 'GET' as const, path: `/v1/estimates?${queryOf(FIXED_REQUEST)}` };

export const getHit = routeVersusBare({
  id: 'get-hit',
  title: 'GET /v1/estimates?…, cache hit, vs a bare route sending the same bytes',
  service: 'default',
  headers: 'content-type',
  goal: 0.8,
  comparisons: () => [{ id: 'get-hit', title: '(b) GET /v1/estimates?..., cache hit', note: `the same query every time: ${get.path}`, requests: [get], reference: get }],
});

// (c) POST /v1/estimates with the estimate cache off, so every request runs the engine: distinct
// bodies cycled, against a bare route that gets the same bodies but, unable to answer each one,
// sends one estimate of median size among them.
import { estimate } from '../../src/domain/estimate.js';
import { JSON_HEADERS, type LoadRequest } from './lib/drive.js';
import { variedRequests } from './lib/requests.js';
import { routeVersusBare } from './lib/versus.js';

export const cacheOff = routeVersusBare({
  id: 'cache-off',
  title: 'POST /v1/estimates, cache off (every request priced), vs a bare route sending the same bytes',
  service: 'cache-off',
  headers: 'content-type',
  goal: 0.5,
  comparisons: ({ catalog, options }) => {
    const varied = variedRequests(catalog, options.quick ? 500 : 2000);
    const post = (body: unknown): LoadRequest => ({ method: 'POST', path: '/v1/estimates', headers: JSON_HEADERS, body: JSON.stringify(body) });
    const bySize = varied.map((r) => ({ r, bytes: Buffer.byteLength(JSON.stringify(estimate(r, catalog))) })).sort((a, b) => a.bytes - b.bytes);
    const representative = bySize[bySize.length >> 1]!;
    return [
      {
        id: 'post-miss',
        title: '(c) POST /v1/estimates, cache off',
        note: `${varied.length} distinct bodies cycled on a service with ESTIMATE_CACHE_ENTRIES=0; the bare route sends one estimate of median size for all`,
        requests: varied.map(post),
        reference: post(representative.r),
      },
    ];
  },
});

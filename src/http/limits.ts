// The abuse limits, and what they are keyed by. A Bearer token is never a key before it is
// verified (an invented token would get a fresh budget: issue 16, item 1):
//   requests        RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS: by client address on every route but
//                   the clinic routes; on those, by the verified API key (its id), after
//                   authentication
//   auth-failures   AUTH_FAILURE_MAX 401s per RATE_LIMIT_WINDOW_MS by client address; past it,
//                   every authenticated request from that address is 429 before its key is looked at
//   quotes-per-address, quotes-per-clinic
//                   QUOTE_MAX_PER_ADDRESS and QUOTE_MAX_PER_CLINIC saved quotes per
//                   QUOTE_QUOTA_WINDOW_MS: the one unauthenticated write cannot fill the disk
// Addresses on RATE_LIMIT_ALLOWLIST are exempt from all of them. Counting is in counters.ts
// (per process, shared through Redis when configured). Every refusal is counted in
// mesoquote_rate_limited_total{limit}.
import type { FastifyReply } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import type { Config } from '../config.js';
import { WindowCounter, type Hit } from './counters.js';
import { HttpProblem } from './problem.js';

export type LimitsConfig = Pick<Config, 'rateLimitMax' | 'rateLimitWindowMs' | 'rateLimitAllowList' | 'authFailureMax' | 'quoteMaxPerAddress' | 'quoteMaxPerClinic' | 'quoteQuotaWindowMs'>;

type LimitName = 'requests' | 'auth-failures' | 'quotes-per-address' | 'quotes-per-clinic';

export interface Limits {
  /** Counters that exist (a limit of 0 has none), for the Redis sync. */
  readonly counters: readonly WindowCounter[];
  /** Whether the address is on the allow list (no limit applies). */
  exempt(address: string): boolean;
  /** Counts a request against `key` (an address, or "key:<id>"); sets RateLimit headers; 429 past the limit. */
  request(key: string, reply: FastifyReply | undefined): HttpProblem | undefined;
  /** 429 when the address has failed authentication too often this window. */
  beforeAuthentication(address: string): void;
  /** Counts a failed authentication (a 401) against the address. */
  authenticationFailed(address: string): void;
  /** Counts a quote about to be saved; 429 past either quota. */
  quote(address: string, clinicId: string | undefined): void;
}

export function createLimits(config: LimitsConfig, registry?: Registry): Limits {
  const counter = (name: LimitName, max: number, windowMs: number) => (max > 0 ? new WindowCounter(name, max, windowMs) : undefined);
  const requests = counter('requests', config.rateLimitMax, config.rateLimitWindowMs);
  const authFailures = counter('auth-failures', config.authFailureMax, config.rateLimitWindowMs);
  const quotesByAddress = counter('quotes-per-address', config.quoteMaxPerAddress, config.quoteQuotaWindowMs);
  const quotesByClinic = counter('quotes-per-clinic', config.quoteMaxPerClinic, config.quoteQuotaWindowMs);
  const allowed = new Set(config.rateLimitAllowList);

  const refused = registry
    ? new Counter({ name: 'mesoquote_rate_limited_total', help: 'Requests refused with 429, by the limit they hit', labelNames: ['limit'] as const, registers: [registry] })
    : undefined;
  const children = new Map<LimitName, { inc(): void }>();
  for (const name of ['requests', 'auth-failures', 'quotes-per-address', 'quotes-per-clinic'] as const) children.set(name, refused ? refused.labels(name) : { inc: () => undefined });
  const windowText = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${Math.round(ms / 1000)} s`);

  const tooMany = (name: LimitName, hit: Hit, detail: string): HttpProblem => {
    children.get(name)!.inc();
    return new HttpProblem('rate-limited', `${detail}; retry in ${hit.resetSeconds} s.`, undefined, { 'retry-after': String(hit.resetSeconds) });
  };

  return {
    counters: [requests, authFailures, quotesByAddress, quotesByClinic].filter((c): c is WindowCounter => c !== undefined),
    exempt: (address) => allowed.has(address),
    request(key, reply) {
      if (requests === undefined) return undefined;
      const hit = requests.hit(key);
      // RateLimit-Limit / -Remaining / -Reset (IETF draft), as @fastify/rate-limit sent them.
      reply?.header('ratelimit-limit', requests.max).header('ratelimit-remaining', hit.remaining).header('ratelimit-reset', hit.resetSeconds);
      if (hit.allowed) return undefined;
      const who = key.startsWith('key:') ? 'one API key' : 'one client address';
      return tooMany('requests', hit, `At most ${requests.max} requests per ${windowText(requests.windowMs)} for ${who}`);
    },
    beforeAuthentication(address) {
      const hit = authFailures?.exceeded(address);
      if (hit) throw tooMany('auth-failures', hit, `Too many failed authentications from this address (at most ${authFailures!.max} per ${windowText(authFailures!.windowMs)})`);
    },
    authenticationFailed(address) {
      authFailures?.hit(address);
    },
    quote(address, clinicId) {
      if (quotesByAddress) {
        const hit = quotesByAddress.hit(address);
        if (!hit.allowed) throw tooMany('quotes-per-address', hit, `At most ${quotesByAddress.max} quotes per ${windowText(quotesByAddress.windowMs)} from one client address`);
      }
      if (quotesByClinic && clinicId !== undefined) {
        const hit = quotesByClinic.hit(clinicId);
        if (!hit.allowed) throw tooMany('quotes-per-clinic', hit, `At most ${quotesByClinic.max} quotes per ${windowText(quotesByClinic.windowMs)} for one clinic`);
      }
    },
  };
}

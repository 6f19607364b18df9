// Bearer authentication for the clinic routes. The admin key (ADMIN_API_KEY) may create clinics
// and manage any clinic; a clinic key may manage its own clinic only. Keys are compared in
// constant time (clinic keys through their stored hash, see src/storage/clinics.ts). A missing or
// bad key is a 401, a good key on another clinic a 403; both carry WWW-Authenticate (RFC 6750).
// Abuse limits (limits.ts): an address that failed authentication AUTH_FAILURE_MAX times this
// window is refused (429) before its key is looked at; a failure counts against the address; a
// verified key counts its request against the key's own budget.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateKey, parseKey, secretsEqual } from '../storage/clinics.js';
import type { Storage } from '../storage/storage.js';
import type { Limits } from './limits.js';
import { HttpProblem } from './problem.js';
import { withStorage } from './storage-call.js';

export type Principal = { readonly kind: 'admin' } | { readonly kind: 'clinic'; readonly clinicId: string };

const REALM = 'Bearer realm="mesoquote"';

function unauthorized(detail: string, error?: 'invalid_request' | 'invalid_token'): HttpProblem {
  return new HttpProblem('unauthorized', detail, undefined, { 'www-authenticate': error ? `${REALM}, error="${error}"` : REALM });
}

/** The token of `Authorization: Bearer <token>`; 401 when missing or malformed. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (!header) throw unauthorized('Send an API key as "Authorization: Bearer <key>".');
  const match = /^Bearer +([\x21-\x7e]+)\s*$/i.exec(header);
  if (!match) throw unauthorized('The Authorization header must be "Bearer <key>".', 'invalid_request');
  return match[1]!;
}

export interface AuthContext {
  readonly storage: Storage;
  readonly adminApiKey: string | undefined;
  /** Abuse limits; none in tests that build routes alone. */
  readonly limits?: Limits;
}

/** Who the key belongs to, and the id its requests are counted under; 401 for an unknown, wrong or revoked key. */
async function verify(request: FastifyRequest, ctx: AuthContext): Promise<{ principal: Principal; keyId: string }> {
  const token = bearerToken(request);
  if (ctx.adminApiKey !== undefined && secretsEqual(token, ctx.adminApiKey)) return { principal: { kind: 'admin' }, keyId: 'admin' };
  const clinicId = token.startsWith('mq_') ? await withStorage(ctx.storage, 'authenticate', (db) => authenticateKey(db, token)) : undefined;
  if (!clinicId) throw unauthorized('The API key is not valid: unknown, mistyped or revoked.', 'invalid_token');
  return { principal: { kind: 'clinic', clinicId }, keyId: parseKey(token)!.keyId };
}

/** Who the request's key belongs to; 401 for an unknown, wrong or revoked key; 429 past a limit. */
export async function authenticate(request: FastifyRequest, ctx: AuthContext, reply?: FastifyReply): Promise<Principal> {
  const limits = ctx.limits !== undefined && !ctx.limits.exempt(request.ip) ? ctx.limits : undefined;
  limits?.beforeAuthentication(request.ip);
  let verified;
  try {
    verified = await verify(request, ctx);
  } catch (error) {
    if (error instanceof HttpProblem && error.code === 'unauthorized') limits?.authenticationFailed(request.ip);
    throw error;
  }
  const refused = limits?.request(`key:${verified.keyId}`, reply);
  if (refused) throw refused;
  return verified.principal;
}

/** 403 unless the principal is the admin or the clinic itself. */
export function requireClinic(principal: Principal, clinicId: string): void {
  if (principal.kind === 'admin' || principal.clinicId === clinicId) return;
  throw new HttpProblem('forbidden', `This key belongs to another clinic; it may only read and change clinic ${principal.clinicId}.`, undefined, {
    'www-authenticate': `${REALM}, error="insufficient_scope"`,
  });
}

const principals = new WeakMap<FastifyRequest, Principal>();

/** The principal clinicAccess authenticated for this request (handlers run after it). */
export function principalOf(request: FastifyRequest): Principal | undefined {
  return principals.get(request);
}

/** Authenticates and checks access to `clinicId` in one step. */
export async function authorizeClinic(request: FastifyRequest, ctx: AuthContext, clinicId: string, reply?: FastifyReply): Promise<Principal> {
  const principal = await authenticate(request, ctx, reply);
  requireClinic(principal, clinicId);
  principals.set(request, principal);
  return principal;
}

/**
 * A preValidation hook for /v1/clinics/{id}/…: authenticates and checks access before the body and
 * parameters are validated, so that a request without a valid key learns nothing from a 400.
 */
export const clinicAccess =
  (ctx: AuthContext) =>
  async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await authorizeClinic(request, ctx, (request.params as { id: string }).id, reply);
  };

// Typed errors the engine throws when a request names something the catalog does not have.
// Each carries a stable code from DOMAIN_ERROR_CODES; src/http/problem.ts maps every code to an
// HTTP status, so the engine never knows about HTTP.

export const DOMAIN_ERROR_CODES = [
  'unknown-treatment',
  'unknown-area',
  'area-not-allowed',
  'duplicate-area',
  'unknown-country',
  'unknown-currency',
  'invalid-package',
  'invalid-price-sheet',
  'clinic-mismatch',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainErrorDetail {
  /** JSON pointer to the request field at fault, e.g. "/areas/1". */
  pointer: string;
  message: string;
  /** The ids that would have been accepted here. */
  allowed?: readonly string[];
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly details: readonly DomainErrorDetail[];

  constructor(code: DomainErrorCode, message: string, details: readonly DomainErrorDetail[]) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

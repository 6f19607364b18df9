// An estimate request built from command-line flags or CSV cells, as the API's JSON body. Values
// are passed on as written (numbers only when they are whole numbers), so the API's own schema
// (src/contract/estimate-request.ts) validates them and reports errors exactly as the API does.

/** The request fields as flat names: a CSV column each, and (kebab-cased) a flag each. */
export const REQUEST_FIELDS = [
  'treatment',
  'areas',
  'country',
  'cityTier',
  'practitioner',
  'sessions',
  'currency',
  'package.kind',
  'package.discountPercent',
  'package.buy',
  'package.free',
] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];

const WHOLE_NUMBER_FIELDS = new Set<RequestField>(['sessions', 'package.buy', 'package.free']);

/** "cityTier" -> "city-tier", "package.discountPercent" -> "discount-percent". */
export function flagName(field: RequestField): string {
  return field.replace(/^package\.(?!kind)/, '').replace(/^package\.kind$/, 'package').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * The JSON body for one request. `value(field)` gives the raw text of a field, or undefined or ''
 * when it is not given (the API's default applies). Areas are separated by commas or semicolons.
 * A whole-number field written as digits becomes a number; anything else stays a string, which
 * the API's schema then rejects with its own message.
 */
export function requestBody(value: (field: RequestField) => string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const pkg: Record<string, unknown> = {};
  for (const field of REQUEST_FIELDS) {
    const raw = value(field)?.trim();
    if (raw === undefined || raw === '') continue;
    let parsed: unknown = raw;
    if (field === 'areas') parsed = raw.split(/[,;]/).map((a) => a.trim());
    else if (WHOLE_NUMBER_FIELDS.has(field) && /^\d{1,9}$/.test(raw)) parsed = Number(raw);
    if (field.startsWith('package.')) pkg[field.slice('package.'.length)] = parsed;
    else body[field] = parsed;
  }
  if (Object.keys(pkg).length > 0) body.package = pkg;
  return body;
}

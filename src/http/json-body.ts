// Parses a JSON request body: invalid JSON and prototype-poisoning keys become problems that say
// what was wrong, instead of a generic parse failure; a number JSON.parse would round is refused
// (json-numbers.ts) rather than silently priced as another number.
import secureJson from 'secure-json-parse';
import { inexactNumbers } from './json-numbers.js';
import { HttpProblem } from './problem.js';

/** At most this many inexact numbers are listed in one problem, like other validation errors. */
const MAX_LISTED = 20;

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new HttpProblem('invalid-json', 'The body is empty; send a JSON object, or no content-type header and no body.');
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/prototype/i.test(message)) {
      throw new HttpProblem('validation-failed', 'The body contains a "__proto__" or "constructor.prototype" key, which is never accepted.', [
        { pointer: '', in: 'body', message: 'keys named "__proto__", or "prototype" inside "constructor", are not allowed anywhere in the body' },
      ]);
    }
    throw new HttpProblem('invalid-json', `The body is not valid JSON: ${message.slice(0, 200)}`);
  }
  const inexact = inexactNumbers(text, MAX_LISTED + 1);
  if (inexact.length > 0) {
    const errors = inexact.slice(0, MAX_LISTED).map((n) => ({
      pointer: n.pointer,
      in: 'body' as const,
      message: `${n.written} cannot be read exactly (JSON numbers are binary doubles: it would be read as ${n.readAs}); write it with at most 15 significant digits and a magnitude from 1e-300 to 1e300`,
    }));
    const more = inexact.length > MAX_LISTED ? ' (and more not listed)' : '';
    const detail = `${errors.length} field${errors.length === 1 ? '' : 's'} of the body failed validation: ${errors.map((e) => `${e.pointer || '(root)'}: ${e.message}`).join('; ')}${more}`;
    throw new HttpProblem('validation-failed', detail, errors);
  }
  return value;
}

// Parses a JSON request body: invalid JSON and prototype-poisoning keys become problems that say
// what was wrong, instead of a generic parse failure.
import secureJson from 'secure-json-parse';
import { HttpProblem } from './problem.js';

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new HttpProblem('invalid-json', 'The body is empty; send a JSON object, or no content-type header and no body.');
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/prototype/i.test(message)) {
      throw new HttpProblem('validation-failed', 'The body contains a "__proto__" or "constructor.prototype" key, which is never accepted.', [
        { pointer: '', in: 'body', message: 'keys named "__proto__", or "prototype" inside "constructor", are not allowed anywhere in the body' },
      ]);
    }
    throw new HttpProblem('invalid-json', `The body is not valid JSON: ${message.slice(0, 200)}`);
  }
}

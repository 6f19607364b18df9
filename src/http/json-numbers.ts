// Numbers a JSON text holds that JSON.parse cannot carry exactly. JSON.parse reads every number
// into a binary double, so "sessions": 4.99999999999999999999 arrives as 5 and
// "months": 12.0000000000000000001 as 12: the server would act on a value the client never sent.
//
// The rule: a number token is exact when the double it parses to prints back (JavaScript's
// shortest round-trip form, String(x)) as the same decimal value. So 5, 5.0, 5e0, 0.1 and 1e-7
// are exact (0.1 is the double nearest 0.1 and reads back as 0.1), while
// 4.99999999999999999999, 9007199254740993, 1e400 (Infinity) and 1e-400 (0) are not.
//
// Cost. A decimal of at most 15 significant digits always round-trips (doubles carry 15.95), so
// only tokens of 16 or more digits, or with an exponent, need the comparison. Bodies without
// such a run of characters anywhere are cleared by one regular-expression test; only the others
// are scanned token by token, tracking the JSON pointer of each value.

/** A number in the body that JSON.parse would change, and where it is. */
export interface InexactNumber {
  /** JSON pointer (RFC 6901) to the number. */
  readonly pointer: string;
  /** The number as the body wrote it (cut to 40 characters). */
  readonly written: string;
  /** What JSON.parse reads it as. */
  readonly readAs: string;
}

// A digit followed by 15 digits or dots (a number of 16+ significant digits has such a run), or
// by an exponent mark. Matches inside strings too: those bodies take the full scan. (Written with
// the common leading digit, it tests a 1,000-item batch body in about a fifth of JSON.parse's time.)
const MAY_BE_INEXACT = /\d(?:[\d.]{15}|[eE])/;

/** Significant digits that every decimal of this many digits or fewer round-trips through a double. */
const ALWAYS_EXACT_DIGITS = 15;
/** Decimal exponents well inside the normal range of doubles (1e-308 to 1.8e308). */
const SAFE_EXPONENT = 300;

/**
 * Every number in `text`, a valid JSON document, that JSON.parse would not read as the same
 * decimal value, in document order; at most `limit` of them. Empty for almost every body.
 */
export function inexactNumbers(text: string, limit = Infinity): InexactNumber[] {
  if (!MAY_BE_INEXACT.test(text)) return [];
  const found: InexactNumber[] = [];
  // One frame per open container: an array's next index, or an object's current key (raw JSON
  // string literal, decoded only if a pointer is needed).
  const frames: Array<{ array: true; index: number } | { array: false; key: string; expectKey: boolean }> = [];
  const length = text.length;
  let i = 0;
  while (i < length && found.length < limit) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const frame = frames.at(-1);
      if (frame && !frame.array && frame.expectKey) {
        frame.key = text.slice(i, end);
        frame.expectKey = false;
      }
      i = end;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < length && isNumberChar(text.charCodeAt(end))) end += 1;
      const token = text.slice(i, end);
      if (!isExact(token)) found.push({ pointer: pointerOf(frames), written: token.length > 40 ? `${token.slice(0, 37)}...` : token, readAs: String(Number(token)) });
      i = end;
    } else {
      if (c === 0x7b /* { */) frames.push({ array: false, key: '', expectKey: true });
      else if (c === 0x5b /* [ */) frames.push({ array: true, index: 0 });
      else if (c === 0x7d /* } */ || c === 0x5d /* ] */) frames.pop();
      else if (c === 0x2c /* , */) {
        const frame = frames.at(-1);
        if (frame?.array) frame.index += 1;
        else if (frame) frame.expectKey = true;
      }
      i += 1;
    }
  }
  return found;
}

/** Whether the double `token` parses to prints back as the same decimal value. */
export function isExact(token: string): boolean {
  const written = decimalOf(token);
  if (written.digits.length <= ALWAYS_EXACT_DIGITS && Math.abs(written.exponent) < SAFE_EXPONENT) return true;
  const value = Number(token);
  if (!Number.isFinite(value)) return false;
  const read = decimalOf(String(value));
  return read.digits === written.digits && read.exponent === written.exponent;
}

/**
 * A decimal number as its significant digits without leading or trailing zeros and the exponent
 * of its first digit (value = 0.digits × 10^exponent, sign ignored): "012.50" and "1.25e1" are
 * both { digits: "125", exponent: 2 }; zero is { digits: "", exponent: 0 }.
 */
function decimalOf(token: string): { digits: string; exponent: number } {
  const match = /^-?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(token);
  if (!match) return { digits: 'NaN', exponent: 0 };
  const whole = match[1] ?? '';
  const all = whole + (match[2] ?? '');
  let start = 0;
  while (start < all.length && all.charCodeAt(start) === 0x30) start += 1;
  let end = all.length;
  while (end > start && all.charCodeAt(end - 1) === 0x30) end -= 1;
  if (start === end) return { digits: '', exponent: 0 };
  // An exponent too long for a number is as good as infinite; the comparison then fails anyway.
  const exponent = match[3] === undefined ? 0 : Math.max(-1e9, Math.min(1e9, Number(match[3])));
  return { digits: all.slice(start, end), exponent: whole.length - start + exponent };
}

/** The index just past the string literal that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** Digits, '.', 'e', 'E', '+', '-': the characters a JSON number token continues with. */
function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

function pointerOf(frames: ReadonlyArray<{ array: true; index: number } | { array: false; key: string }>): string {
  return frames.map((f) => `/${f.array ? f.index : escapePointer(JSON.parse(f.key) as string)}`).join('');
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

// Fills a message's {placeholders}: as text (t), or as a list of strings and nodes (parts), so a
// figure can stay an element of its own inside a translated sentence. A message with plural forms
// takes the form Intl.PluralRules gives for the `count` param in the message's language.
import type { Language, Message, MessageKey, Messages } from './messages.js';

export type Params = Readonly<Record<string, string | number>>;

export interface Translator<Part = never> {
  readonly language: Language;
  /** The message as text. */
  t(key: MessageKey, params?: Params): string;
  /**
   * The message as pieces: text between the placeholders, and each param as given (a node stays a
   * node). `count` chooses the plural form when the `count` param is not itself a number.
   */
  parts(key: MessageKey, params: Readonly<Record<string, string | number | Part>>, count?: number): Array<string | Part>;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A translator for `language` over `messages` (complete: English fills any gap before this), with
 * `overrides` for single keys (a clinic's labels). A placeholder with no param is left as written,
 * which a test catches rather than a patient.
 */
export function translator<Part = never>(language: Language, messages: Messages, overrides: Partial<Record<MessageKey, string>> = {}): Translator<Part> {
  const plural = new Intl.PluralRules(language);
  const template = (key: MessageKey, count: unknown): string => {
    const own = overrides[key];
    if (own !== undefined) return own;
    return pick(messages[key], plural, count);
  };
  return {
    language,
    t(key, params = {}) {
      return template(key, params.count).replace(PLACEHOLDER, (whole, name: string) => (name in params ? String(params[name]) : whole));
    },
    parts(key, params, count) {
      const text = template(key, count ?? (typeof params.count === 'number' ? params.count : undefined));
      const out: Array<string | Part> = [];
      let last = 0;
      for (const match of text.matchAll(PLACEHOLDER)) {
        const name = match[1] as string;
        if (!(name in params)) continue;
        if (match.index > last) out.push(text.slice(last, match.index));
        const value = params[name] as string | number | Part;
        out.push(typeof value === 'number' ? String(value) : value);
        last = match.index + match[0].length;
      }
      if (last < text.length) out.push(text.slice(last));
      return out;
    },
  };
}

function pick(message: Message, plural: Intl.PluralRules, count: unknown): string {
  if (typeof message === 'string') return message;
  const form = typeof count === 'number' ? plural.select(count) : 'other';
  return message[form] ?? message.other;
}

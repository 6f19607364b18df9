// What a language must provide: every key of the English text, each a template or a set of plural
// forms. DOM-free and Node-free: the widget bundle and the server both use it.
import { EN } from './en.js';

/** Plural forms, chosen by Intl.PluralRules for the `count` param; `other` is always there. */
export interface PluralForms {
  readonly zero?: string;
  readonly one?: string;
  readonly two?: string;
  readonly few?: string;
  readonly many?: string;
  readonly other: string;
}

export type MessageKey = keyof typeof EN;
export type Message = string | PluralForms;
export type Messages = { readonly [K in MessageKey]: Message };

/** The languages the calculator speaks, English first (the fallback). */
export const LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'pl'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** The language of a BCP 47 tag ("fr-CA" → "fr"), or undefined when the calculator does not speak it. */
export function languageOf(tag: string | null | undefined): Language | undefined {
  const primary = tag?.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return isLanguage(primary) ? primary : undefined;
}

/** A message for a key: `overrides` (a clinic's own labels) win, then the language, then English. */
export type Lookup = (key: MessageKey) => Message;

export { EN };

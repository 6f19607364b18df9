// A translator that also names the catalog's things (treatments, areas, tiers, package kinds) in
// its language: by id from the messages, else the API's own English name for an id this version
// does not know. DOM-free: the widget and the server's printable pages both use it.
import { EN } from './en.js';
import type { Language, MessageKey, Messages } from './messages.js';
import { translator, type Translator } from './translate.js';

export type CatalogKind = 'treatment' | 'about' | 'area' | 'cityTier' | 'cityTierAbout' | 'practitioner' | 'practitionerAbout' | 'packageKind';

export type Words<Part = never> = Translator<Part> & {
  /** A catalog name by id, or `fallback` (the API's own) for an id the messages do not know. */
  readonly named: (kind: CatalogKind, id: string, fallback: string) => string;
};

/** The part of Words that plain text needs: what the server's pages and the widget share. */
export type PlainWords = Pick<Words, 'language' | 't' | 'named'>;

export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(EN, key);

export function makeWords<Part = never>(language: Language, messages: Messages, labels: Partial<Record<MessageKey, string>> = {}): Words<Part> {
  const base = translator<Part>(language, messages, labels);
  return {
    ...base,
    named(kind, id, fallback) {
      const key = `${kind}.${id}`;
      return isMessageKey(key) ? base.t(key) : fallback;
    },
  };
}

/** Words a patient must never read: seed articles, file names, internal tools. */
const MACHINE_WORDS = /\bseed\b|seed-\d|README|\.(?:txt|md|json|csv|ts)\b|npm run|\bsheet version\b/i;

/**
 * The API's own English text, for a note or a step this version does not know, when a patient may
 * read it; null when it names a seed article, a file or a tool (the patient then reads nothing
 * rather than a machine's words).
 */
export function forPatient(apiText: string): string | null {
  return MACHINE_WORDS.test(apiText) ? null : apiText;
}

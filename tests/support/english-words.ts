// How the tests tell English left in another language: the English text's words of four letters or
// more, less the words each language legitimately shares with English (reviewed by hand below:
// cognates and names), are markers; a marker in a French message or on a French screen is English.
import { EN } from '../../src/i18n/en.js';
import type { Language, Messages } from '../../src/i18n/messages.js';

const COGNATES: Readonly<Record<Exclude<Language, 'en'>, readonly string[]>> = {
  fr: ['article', 'articles', 'cellulite', 'change', 'charge', 'codes', 'consultation', 'dollar', 'dollars', 'double', 'face', 'guide', 'hyperpigmentation', 'message', 'minute', 'patient', 'point', 'rare', 'service', 'site', 'source', 'sources', 'tendon', 'total'],
  de: ['band', 'cellulite', 'dollar', 'link', 'median', 'minute', 'offline', 'optional'],
  es: ['abdomen', 'error', 'plan', 'real', 'rural', 'tendinitis', 'total'],
  it: ['acne', 'cellulite', 'come', 'link'],
  pt: ['acne', 'face', 'real', 'rural', 'site', 'total'],
  pl: ['bank', 'link', 'model', 'offline', 'salon'],
};

/** Names every language writes as English does (places, standards, schemes, currency codes). */
const NAMES = ['manhattan', 'francisco', 'london', 'paris', 'hsa', 'fsa', 'iso', 'pdf'];

export const wordsOf = (text: string): string[] => text.replace(/\{\w+\}/g, ' ').toLowerCase().match(/\p{L}+/gu) ?? [];

export const textOf = (m: Messages): string => Object.values(m).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v))).join(' ');

/** English words that must not appear in `language`'s interface. */
export function englishMarkers(language: Exclude<Language, 'en'>): Set<string> {
  const allowed = new Set([...COGNATES[language], ...NAMES]);
  return new Set(wordsOf(textOf(EN)).filter((w) => w.length >= 4 && !allowed.has(w)));
}

/** The markers found in `text`, once each. */
export function englishIn(text: string, language: Exclude<Language, 'en'>): string[] {
  const markers = englishMarkers(language);
  return [...new Set(wordsOf(text).filter((w) => markers.has(w)))];
}

// The calculator's words in the visitor's language. English is built in; another language's
// messages come from the API (GET /widget/i18n/{language}.json) while the catalog loads. The
// language is the `locale` attribute's, else the page's `lang`, else English; a clinic's `labels`
// replace single messages. Catalog names translate the API's English names by id.
import { EN } from '../i18n/en.js';
import { LANGUAGES, languageOf, type Language, type MessageKey, type Messages } from '../i18n/messages.js';
import { makeWords, type Words } from '../i18n/words.js';
import { getJson } from './api.js';

/** The widget's words: a figure can be a node inside a sentence. */
export type Text = Words<Node>;

/** The language to speak, and the `locale` value that asked for one the calculator does not speak. */
export function chooseLanguage(locale: string | null, pageLang: string | null | undefined): { language: Language; unsupported?: string } {
  const asked = languageOf(locale);
  if (asked) return { language: asked };
  return { language: languageOf(pageLang) ?? 'en', ...(locale?.trim() ? { unsupported: locale.trim() } : {}) };
}

export const SUPPORTED = LANGUAGES.join(', ');

const loaded = new Map<string, Promise<Messages>>();

/** A language's messages from the API at `base`, fetched once per page; English needs no fetch. */
export function loadMessages(base: string, language: Language): Promise<Messages> {
  if (language === 'en') return Promise.resolve(EN);
  const url = new URL(`widget/i18n/${language}.json`, base).href;
  let pending = loaded.get(url);
  if (!pending) {
    pending = getJson<Messages>(url).then((messages) => ({ ...EN, ...messages }));
    loaded.set(url, pending);
    pending.catch(() => loaded.delete(url));
  }
  return pending;
}

/**
 * The `labels` attribute: a JSON object of message keys and the clinic's own text. Returns the
 * labels it can use and the keys (or the reason) it cannot.
 */
export function parseLabels(value: string | null): { labels: Partial<Record<MessageKey, string>>; rejected: string[] } {
  if (value === null || value.trim() === '') return { labels: {}, rejected: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { labels: {}, rejected: ['(not JSON)'] };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { labels: {}, rejected: ['(not a JSON object)'] };
  const labels: Partial<Record<MessageKey, string>> = {};
  const rejected: string[] = [];
  for (const [key, text] of Object.entries(parsed)) {
    if (Object.hasOwn(EN, key) && typeof EN[key as MessageKey] === 'string' && typeof text === 'string') labels[key as MessageKey] = text;
    else rejected.push(key);
  }
  return { labels, rejected };
}

export function makeText(language: Language, messages: Messages, labels: Partial<Record<MessageKey, string>>): Text {
  return makeWords<Node>(language, messages, labels);
}

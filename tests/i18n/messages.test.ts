// Every language says everything English says: the same keys, the same placeholders in each
// message, the plural forms its language needs, nothing empty. And the translator fills them.
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/i18n/all.js';
import { EN } from '../../src/i18n/en.js';
import { LANGUAGES, languageOf, type Message, type MessageKey } from '../../src/i18n/messages.js';
import { translator } from '../../src/i18n/translate.js';
import { makeWords } from '../../src/i18n/words.js';
import { pageLanguage } from '../../src/http/pages/shell.js';
import { englishIn } from '../support/english-words.js';

const forms = (m: Message): string[] => (typeof m === 'string' ? [m] : Object.values(m));
const placeholders = (m: Message): string[] => [...new Set(forms(m).flatMap((f) => [...f.matchAll(/\{(\w+)\}/g)].map((x) => x[1] as string)))].sort();

describe('the messages of every language', () => {
  const keys = Object.keys(EN).sort();

  it.each(LANGUAGES)('%s has exactly the English keys', (language) => {
    expect(Object.keys(MESSAGES[language]).sort()).toEqual(keys);
  });

  it.each(LANGUAGES)('%s uses the same placeholders as English in every message, and leaves none empty', (language) => {
    for (const key of keys as MessageKey[]) {
      const message = MESSAGES[language][key];
      // A plural message may leave {count} out of a form ("One price…"), but never add one.
      const own = placeholders(message);
      const english = placeholders(EN[key]);
      for (const name of own) expect(english, `${language} ${key} {${name}}`).toContain(name);
      if (typeof message === 'string') expect(own, `${language} ${key}`).toEqual(english);
      for (const form of forms(message)) expect(form.trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it.each(LANGUAGES)('%s has every plural form its language uses, wherever English has plurals', (language) => {
    // Polish counts have four forms; the others need "one" and "other" (French "many" is for millions).
    const needed = language === 'pl' ? ['one', 'few', 'many', 'other'] : ['one', 'other'];
    expect(new Intl.PluralRules(language).resolvedOptions().pluralCategories).toEqual(expect.arrayContaining(needed));
    for (const key of keys as MessageKey[]) {
      const message = MESSAGES[language][key];
      if (typeof EN[key] === 'string') continue;
      expect(typeof message, `${language} ${key}`).toBe('object');
      for (const category of needed) {
        expect((message as unknown as Record<string, string>)[category], `${language} ${key} ${category}`).toBeTypeOf('string');
      }
    }
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has no English word left in any message', (language) => {
    for (const [key, message] of Object.entries(MESSAGES[language as Exclude<typeof language, 'en'>])) {
      expect(englishIn(forms(message).join(' '), language as Exclude<typeof language, 'en'>), `${language} ${key}`).toEqual([]);
    }
  });

  it('differs from English in every language for the sentences a patient reads', () => {
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      for (const key of ['title', 'disclaimer', 'explanation', 'noteMaintenance', 'cta', 'save'] as const) {
        expect(MESSAGES[language][key], `${language} ${key}`).not.toEqual(EN[key]);
      }
    }
  });
});

describe('the translator', () => {
  it('fills placeholders and picks plural forms by the language\'s rules', () => {
    const pl = translator('pl', MESSAGES.pl);
    expect(pl.t('perSession', { price: '100 zł', count: 1 })).toBe('100 zł za sesję × 1 sesja');
    expect(pl.t('perSession', { price: '100 zł', count: 3 })).toBe('100 zł za sesję × 3 sesje');
    expect(pl.t('perSession', { price: '100 zł', count: 5 })).toBe('100 zł za sesję × 5 sesji');
    expect(pl.t('perSession', { price: '100 zł', count: 22 })).toBe('100 zł za sesję × 22 sesje');
    const en = translator('en', EN, { title: 'Your price' });
    expect(en.t('title')).toBe('Your price');
    expect(en.t('sessionsHint', { min: 4, max: 10, limit: 30 })).toBe('Leave empty for the usual course of 4 to 10 sessions; or enter 1 to 30.');
  });

  it('keeps a node a node inside a sentence', () => {
    const node = { figure: true };
    expect(translator<typeof node>('en', EN).parts('perSession', { price: node, count: 8 })).toEqual([node, ' a session × ', '8', ' sessions']);
  });

  it('names the catalog by id, and falls back to the API\'s own name for an id it does not know', () => {
    const de = makeWords('de', MESSAGES.de);
    expect(de.named('treatment', 'fat-reduction', 'Fat reduction')).toBe('Fettreduktion');
    expect(de.named('treatment', 'botox', 'Botox')).toBe('Botox');
  });
});

describe('choosing a language', () => {
  it('reads a BCP 47 tag\'s language, or none the calculator speaks', () => {
    expect(languageOf('fr-CA')).toBe('fr');
    expect(languageOf('pt_BR')).toBe('pt');
    expect(languageOf('ja-JP')).toBeUndefined();
    expect(languageOf(null)).toBeUndefined();
  });

  it('takes ?lang= first, then the best Accept-Language, then English (pages)', () => {
    expect(pageLanguage('it', 'de')).toBe('it');
    expect(pageLanguage(undefined, 'ja, es-MX;q=0.9, de;q=0.95')).toBe('de');
    expect(pageLanguage('xx', 'ja')).toBe('en');
    expect(pageLanguage(undefined, 'fr;q=0, pl;q=0.1')).toBe('pl');
  });
});

// A source as a patient reads it (GET /sources/{id}?lang=): its readable title, what kind of
// source it is, the passage it rests on or the reason for an assumption, and where to read it.
// The machine's id stays in small print for whoever reports a problem; file names do not appear.
import type { components } from '../../client/index.js';
import { MESSAGES } from '../../i18n/all.js';
import type { Language } from '../../i18n/messages.js';
import { makeWords } from '../../i18n/words.js';
import { ARTICLES, sourceTitle } from '../../widget/explain.js';
import type { WordsContext } from '../../widget/plain-words.js';
import { escapeHtml as e, shell } from './shell.js';

type Catalog = components['schemas']['Catalog'];
type Source = components['schemas']['Source'];

export function sourcePage(source: Source, language: Language, catalog: Catalog): string {
  const text = makeWords(language, MESSAGES[language]);
  const { t } = text;
  // Titles need only the words: no estimate is involved.
  const ctx = { locale: language, text, catalog } as unknown as WordsContext;
  const title = sourceTitle(source as never, ctx);
  const kinds: Record<string, string> = { seed: t('kindSeed'), reference: t('kindReference'), assumption: t('kindAssumption'), fit: t('kindFit') };
  // The dataset's own page, or (for a published price) the page it was read from: data/sources.json.
  const external = source.url;
  const passage = plain(source.quote ?? source.caveat);
  const parts = [
    `<p class="brand">${e(t('pageSourceTitle'))}</p>`,
    `<h1>${e(title)}</h1>`,
    `<p class="meta">${e(kinds[source.kind] ?? t('kindObservation'))}</p>`,
    passage ? `<h2>${e(t('pageSourceQuote'))}</h2>\n<blockquote lang="en">${e(passage)}</blockquote>` : '',
    source.reason ? `<h2>${e(t('pageSourceReason'))}</h2>\n<p lang="en">${e(plain(source.reason) ?? '')}</p>` : '',
    datasetLine(source) ? `<h2>${e(t('pageSourceDataset'))}</h2>\n<p lang="en">${e(datasetLine(source) ?? '')}</p>` : '',
    external && /^https?:\/\//.test(external) ? `<p><a href="${e(external)}">${e(t('pageSourceRead'))}</a></p>` : '',
    `<p class="reference">${e(t('pageReference', { id: source.id }))}</p>`,
  ];
  return shell(language, title, parts.filter(Boolean).join('\n'));
}

/**
 * The record's English with the machine's names for things replaced by a reader's: "Seed 000" is
 * the article's title, "the seeds" the published articles, "the reference README" the reference data.
 */
export function plain(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text
    .replace(/\b[Ss]eed (\d{3})\b/g, (_, n: string) => {
      const group = ARTICLES[n];
      return group ? `“${MESSAGES.en[`sourceGroup.${group}`] as string}”` : 'a published article';
    })
    .replace(/\b(?:the )?seed articles'?/gi, 'the published articles')
    .replace(/\bthe seeds'?/gi, 'the published articles')
    .replace(/\b(?:the )?reference README\b/g, 'the reference data')
    .replace(/\b\d{3}_[0-9a-f]{16}\.txt\b/g, 'the article')
    // Any other file of the repository (data/market-model.json (areaRatios)) is "our data".
    .replace(new RegExp(`${FILE.source}(?: \\([A-Za-z]+\\))?`, 'g'), 'our data');
}

/** A repository path or file name (data/reference/x.csv, reference/README.md, market-model.json). */
const FILE = /(?:\b[\w-]+\/)*\b[\w.-]+\.(?:json|csv|md|txt|ts)\b/;

/**
 * A dataset's name, edition and licence as a patient reads them: without the files the repository
 * keeps them in ("observed-prices-calibration.csv", "as vendored in data/reference"), which the
 * title already names in words; undefined when nothing is left.
 */
export function datasetLine(source: Pick<Source, 'dataset' | 'edition' | 'licence'>): string | undefined {
  if (!source.dataset) return undefined;
  const clean = (text: string | undefined): string =>
    (text ?? '')
      .replace(/\bas vendored in data\/reference\b/g, '')
      .replace(new RegExp(`${FILE.source},?`, 'g'), '')
      .replace(/^\s*\((.*)\)\s*$/, '$1')
      .trim();
  const parts = [source.dataset, source.edition, source.licence].map(clean).filter((part) => part !== '');
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

export function missingSourcePage(language: Language): string {
  const { t } = makeWords(language, MESSAGES[language]);
  return shell(language, t('pageSourceTitle'), `<h1>${e(t('pageSourceTitle'))}</h1>\n<p>${e(t('pageSourceNotFound'))}</p>`);
}

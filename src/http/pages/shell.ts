// The frame of the API's pages for people (a saved quote, a source): semantic HTML in the reader's
// language, one stylesheet and one tiny script served from the API itself, so a strict
// Content-Security-Policy holds (nothing inline, nothing from elsewhere). Every value is escaped.
import { LANGUAGES, languageOf, type Language } from '../../i18n/messages.js';
import { escapeHtml } from '../problem-page.js';

export { escapeHtml };

export const PAGE_CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The language of a page: ?lang= when the calculator speaks it, else the reader's Accept-Language, else English. */
export function pageLanguage(lang: string | undefined, acceptLanguage: string | undefined): Language {
  const asked = languageOf(lang);
  if (asked) return asked;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q) };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const language = languageOf(tag);
    if (language) return language;
  }
  return 'en';
}

export const SUPPORTED_LANGUAGES = LANGUAGES;

export function shell(language: Language, title: string, main: string, options: { print?: string } = {}): string {
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/pages/page.css">
${options.print ? '<script src="/pages/print.js" defer></script>\n' : ''}</head>
<body>
<main>
${main}
</main>
${options.print ? `<p class="no-print"><button type="button" data-print>${escapeHtml(options.print)}</button></p>\n` : ''}</body>
</html>
`;
}

/** The print button's only behaviour: open the browser's print dialog (save as PDF is one choice there). */
export const PRINT_JS = `document.querySelector('[data-print]')?.addEventListener('click', () => window.print());\n`;

export const PAGE_CSS = `:root { color-scheme: light; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1e23; background: #f4f5f7; }
main { max-width: 46rem; margin: 1.5rem auto; padding: 1.5rem 1.75rem; background: #fff; border: 1px solid #d5d8de; border-radius: 0.75rem; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 0.25rem; }
h2 { font-size: 1.125rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #d5d8de; padding-bottom: 0.25rem; }
.brand { font-weight: 700; color: #0a4f96; margin: 0 0 0.25rem; }
.meta { color: #4a505a; margin: 0 0 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
.total { font-size: 2rem; font-weight: 700; margin: 0; font-variant-numeric: tabular-nums; }
.caption { color: #4a505a; margin: 0; }
ol, ul { padding-left: 1.25rem; }
li { margin-bottom: 0.25rem; }
.disclaimer { margin-top: 1.5rem; padding: 0.75rem; border-left: 4px solid #0a4f96; background: #eef3f9; }
.reference { color: #4a505a; font-size: 0.875rem; }
blockquote { margin: 0.5rem 0; padding: 0.5rem 1rem; border-left: 4px solid #d5d8de; background: #f7f8fa; }
a { color: #0a4f96; }
button { font: inherit; font-weight: 600; color: #fff; background: #0a4f96; border: 0; border-radius: 0.375rem; padding: 0.5rem 1rem; min-height: 2.75rem; cursor: pointer; }
.no-print { max-width: 46rem; margin: 0 auto 2rem; padding: 0 1.75rem; }
:focus-visible { outline: 3px solid #0a4f96; outline-offset: 2px; }
@page { margin: 15mm; }
@media print {
  body { background: #fff; color: #000; font-size: 11pt; }
  main { max-width: none; margin: 0; padding: 0; border: 0; }
  .no-print { display: none; }
  h2 { break-after: avoid; border-color: #999; }
  section, li, dl { break-inside: avoid; }
  a { color: #000; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; word-break: break-all; }
  .disclaimer { background: none; border-color: #000; }
}
`;

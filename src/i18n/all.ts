// Every language's messages, for the server: it sends each to the widget as JSON
// (GET /widget/i18n/{language}.json) and writes its own pages with them. The widget bundle imports
// only English (en.ts) and fetches the rest, so one language's text is all a page downloads.
import { DE } from './de.js';
import { EN } from './en.js';
import { ES } from './es.js';
import { FR } from './fr.js';
import { IT } from './it.js';
import type { Language, Messages } from './messages.js';
import { PL } from './pl.js';
import { PT } from './pt.js';

export const MESSAGES: Readonly<Record<Language, Messages>> = { en: EN, fr: FR, de: DE, es: ES, it: IT, pt: PT, pl: PL };

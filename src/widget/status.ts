// What the calculator says about itself: the polite live region (loading, updating, the one-line
// summary once figures show) and the alert (a failure with Try again when retrying can help, or the
// offline notice). The live region only changes its text when the text changes, so a screen reader
// hears each announcement once.
import { ApiError } from './api.js';
import { fill, h } from './dom.js';
import type { Text } from './text.js';

export class StatusArea {
  private lastAnnouncement = '';

  // Empty until the language's words arrive (element.ts), so nothing is said in English first.
  readonly status = h('p', { class: 'status loading', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  readonly alert = h('div', { class: 'alert', role: 'alert' });

  /** The live region: visible while loading or failing; once the figures show, heard but not seen twice. */
  say(text: string, loading: boolean, visible = true): void {
    this.status.classList.toggle('loading', loading);
    this.status.classList.toggle('sr-only', !visible);
    if (text !== this.lastAnnouncement) {
      this.status.textContent = text;
      this.lastAnnouncement = text;
    }
  }

  clearAlert(): void {
    fill(this.alert);
    this.alert.classList.remove('offline');
  }

  notice(message: string): void {
    fill(this.alert, h('p', {}, message));
    this.alert.classList.add('offline');
  }

  /** The failure in the visitor's words; the API's own words go to the console (and, by the caller, the event). */
  failure(apiError: ApiError, context: string, text: Text, retry: () => void): void {
    const { t } = text;
    const offline = apiError.kind === 'offline';
    this.alert.classList.toggle('offline', offline);
    const why: Record<ApiError['kind'], string> = {
      offline: t('errorOffline'),
      timeout: t('errorTimeout', { seconds: 10 }),
      network: t('errorNetwork'),
      cors: t('errorCors', { site: location.origin }),
      answer: t('errorAnswer'),
      problem: apiError.status === 429 ? t('errorBusy') : t('errorProblem', { status: apiError.status ?? 500 }),
    };
    const button = h('button', { type: 'button' }, t('tryAgain'));
    button.addEventListener('click', retry);
    // A problem the API reported about the request itself will not go away by retrying.
    // Offline, the 'online' event retries by itself; a site CORS refuses cannot retry its way in.
    const retryable = !offline && apiError.kind !== 'cors' && (apiError.kind !== 'problem' || (apiError.status ?? 500) >= 500 || apiError.status === 429);
    fill(this.alert, h('p', {}, offline ? why.offline : `${context} ${why[apiError.kind]}`), retryable ? button : null);
    // What the API said is for the page's developer: the console and the event carry it.
    if (apiError.kind === 'problem') console.warn(`<mesoquote-calculator>: the price service answered ${apiError.status ?? ''}: ${apiError.message}`);
    this.say(offline ? t('offlineStatus') : t('failedStatus'), false);
  }
}

/** Any failure as an ApiError: one the API layer did not classify is an unusable answer. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError('answer', error instanceof Error ? error.message : String(error));
}

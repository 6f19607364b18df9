// A one-line progress bar for `price` on a terminal: rows, rate and, when the input's size is
// known, how far through the file it is and the time left. Redrawn at most ten times a second.

export interface ProgressSink {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export interface Progress {
  update(rows: number, bytesRead: number): void;
  /** Clears the line, leaving the terminal for the summary. */
  done(): void;
}

const NO_PROGRESS: Progress = { update: () => undefined, done: () => undefined };

/** A bar on `sink` when it is a terminal and `enabled`; otherwise nothing at all. */
export function progressBar(sink: ProgressSink, totalBytes: number | undefined, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled || !sink.isTTY) return NO_PROGRESS;
  const started = now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(rows, bytesRead) {
      const t = now();
      if (t - lastDraw < 100) return;
      lastDraw = t;
      drawn = true;
      sink.write(`\r${progressLine(rows, bytesRead, totalBytes, (t - started) / 1000, sink.columns || 80)}\x1b[K`);
    },
    done() {
      if (drawn) sink.write('\r\x1b[K');
    },
  };
}

/** "[######......]  45%  45000 rows  12345 rows/s  ETA 0:04", fitted to the width. */
export function progressLine(rows: number, bytesRead: number, totalBytes: number | undefined, seconds: number, width: number): string {
  const rate = seconds > 0 ? rows / seconds : 0;
  const parts = [`${rows} rows`, `${Math.round(rate)} rows/s`];
  if (totalBytes !== undefined && totalBytes > 0) {
    const fraction = Math.min(1, bytesRead / totalBytes);
    const eta = fraction > 0 ? (seconds * (1 - fraction)) / fraction : undefined;
    parts.push(`ETA ${eta === undefined ? '?' : clock(eta)}`);
    const text = `${String(Math.floor(fraction * 100)).padStart(3)}%  ${parts.join('  ')}`;
    const barWidth = Math.max(0, Math.min(30, width - text.length - 4));
    const filled = Math.round(fraction * barWidth);
    return barWidth > 0 ? `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${text}` : text;
  }
  return `${parts.join('  ')}  ${clock(seconds)} elapsed`;
}

/** 75 -> "1:15", 3725 -> "1:02:05". */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

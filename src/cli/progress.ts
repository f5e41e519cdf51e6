/**
 * A one-line progress bar for long commands: `label [#####.....] 12/40 file.md`, redrawn in
 * place. Only on a terminal: in a pipe or a log file the redraws would be hundreds of lines,
 * so nothing is printed there and the command's final report says it all.
 */

export interface Progress {
  update(done: number, total: number, detail: string): void;
  /** Ends the bar's line, so what is printed next starts on a line of its own. */
  finish(): void;
}

const BAR_WIDTH = 20;
// Redrawing for each of thousands of quick steps would cost more than the steps themselves.
const MIN_REDRAW_MS = 50;

export interface ProgressOptions {
  /**
   * 'bytes': progress through a file whose number of entries is unknown up front (a streamed
   * export): shown as a percentage of its size with the time left, estimated from the pace so far.
   */
  unit?: 'count' | 'bytes';
}

export function createProgress(stream: NodeJS.WriteStream, label: string, options: ProgressOptions = {}): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
  const startedAt = Date.now();
  let drawnWidth = 0;
  let lastDraw = 0;
  let pending: string | undefined;

  const draw = (line: string) => {
    // Padding over the previous line's end, because \r only moves the cursor back.
    stream.write('\r' + line.padEnd(drawnWidth));
    drawnWidth = line.length;
    lastDraw = Date.now();
    pending = undefined;
  };

  return {
    update(done, total, detail) {
      const line =
        options.unit === 'bytes' ? byteProgressLine(label, done, total, detail, Date.now() - startedAt, stream.columns) : progressLine(label, done, total, detail, stream.columns);
      if (done >= total || Date.now() - lastDraw >= MIN_REDRAW_MS) draw(line);
      else pending = line;
    },
    finish() {
      if (pending !== undefined) draw(pending);
      if (drawnWidth > 0) stream.write('\n');
      drawnWidth = 0;
    },
  };
}

/** The bar's text, cut to the terminal's width: a line that wraps can no longer be redrawn in place. */
function progressLine(label: string, done: number, total: number, detail: string, columns: number | undefined): string {
  return fitted(`${label} ${bar(done, total)} ${done}/${total} ${detail}`, columns);
}

/** `import [#####.....] 42% 21/50 MB 1200 items ~12 s left` */
export function byteProgressLine(label: string, done: number, total: number, detail: string, elapsedMs: number, columns: number | undefined): string {
  const ratio = total > 0 ? Math.min(Math.max(done / total, 0), 1) : 1;
  const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);
  // Too early for the pace to mean anything during the first second.
  const left = ratio > 0 && ratio < 1 && elapsedMs >= 1000 ? ` ~${formatDuration((elapsedMs * (1 - ratio)) / ratio)} left` : '';
  return fitted(`${label} ${bar(done, total)} ${Math.floor(ratio * 100)}% ${megabytes(done)}/${megabytes(total)} MB ${detail}${left}`, columns);
}

function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

function bar(done: number, total: number): string {
  const ratio = total > 0 ? Math.min(Math.max(done / total, 0), 1) : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}

function fitted(line: string, columns: number | undefined): string {
  const width = columns && columns > 1 ? columns - 1 : line.length;
  return line.length > width ? line.slice(0, width) : line;
}

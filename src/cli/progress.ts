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

export function createProgress(stream: NodeJS.WriteStream, label: string): Progress {
  if (!stream.isTTY) return { update() {}, finish() {} };
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
      const line = progressLine(label, done, total, detail, stream.columns);
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
  const ratio = total > 0 ? Math.min(Math.max(done / total, 0), 1) : 1;
  const filled = Math.round(ratio * BAR_WIDTH);
  const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${detail}`;
  const width = columns && columns > 1 ? columns - 1 : line.length;
  return line.length > width ? line.slice(0, width) : line;
}

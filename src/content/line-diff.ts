/** One line of a diff: kept, or only in the newer text, or only in the older one. */
export interface DiffLine {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/**
 * Above this many cells the longest-common-subsequence table would cost more memory than a
 * revision is worth (two texts of ~5,000 changed lines each): the changed middle is then shown
 * as removed, then added.
 */
const MAX_TABLE_CELLS = 25_000_000;

/**
 * The line-by-line difference from `before` to `after`, by longest common subsequence: the
 * smallest set of removed and added lines, in reading order (removals before additions at the
 * same place). The common beginning and end are matched first, so an edit in a long article
 * only tabulates the part that changed.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const same = (text: string): DiffLine => ({ op: 'same', text });
  return [...a.slice(0, start).map(same), ...diffMiddle(a.slice(start, endA), b.slice(start, endB)), ...a.slice(endA).map(same)];
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  // A final newline ends the last line; it does not open an empty one.
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function diffMiddle(a: string[], b: string[]): DiffLine[] {
  const removed = a.map((text): DiffLine => ({ op: 'removed', text }));
  const added = b.map((text): DiffLine => ({ op: 'added', text }));
  if (a.length === 0 || b.length === 0 || (a.length + 1) * (b.length + 1) > MAX_TABLE_CELLS) return [...removed, ...added];

  // lengths[i][j]: the longest common subsequence of a[i..] and b[j..], in one flat array.
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }

  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      lines.push(removed[i++]!);
    } else {
      lines.push(added[j++]!);
    }
  }
  return [...lines, ...removed.slice(i), ...added.slice(j)];
}

import { escapeHtml } from '../site/jsx/jsx-runtime.ts';
import { cachedStem, searchWords } from './search.french.ts';

/**
 * The passage of a post shown under its title in the results: taken from the original text, as
 * written (accents, capitals, apostrophes), around the words searched for, which are marked.
 */

export interface SnippetPart {
  text: string;
  /** One of the words searched for, in one of its forms. */
  marked: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:[-‐‑'’ʼ][\p{L}\p{N}]+)*/gu;
export const SNIPPET_LENGTH = 220;
/** Text kept before the first marked word, so it is read in context. */
const LEAD = 60;
/** Windows tried, one per marked word from the start: a long article can mark hundreds. */
const MAX_WINDOWS = 40;

function isSearched(compound: string, stems: ReadonlySet<string>): boolean {
  return searchWords(compound).some((word) => stems.has(cachedStem(word)));
}

/** Cuts at a space, so no word is shown in half. */
function boundary(text: string, at: number, direction: 'back' | 'forward'): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  if (direction === 'forward') {
    const space = text.indexOf(' ', at);
    return space === -1 ? text.length : space + 1;
  }
  const space = text.lastIndexOf(' ', at);
  return space <= 0 ? at : space;
}

export function snippetOf(text: string, stems: ReadonlySet<string>, length = SNIPPET_LENGTH): SnippetPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  const marks: { start: number; end: number }[] = [];
  for (const match of flat.matchAll(WORD)) {
    if (isSearched(match[0], stems)) marks.push({ start: match.index, end: match.index + match[0].length });
  }
  // The window that shows the most marked words, starting a little before one of them.
  let best = { start: 0, count: 0 };
  for (const mark of marks.slice(0, MAX_WINDOWS)) {
    const start = Math.max(0, mark.start - LEAD);
    const count = marks.filter((other) => other.start >= start && other.end <= start + length).length;
    if (count > best.count) best = { start, count };
  }
  const start = best.start === 0 ? 0 : boundary(flat, best.start, 'forward');
  const end = start + length >= flat.length ? flat.length : boundary(flat, start + length, 'back');
  const parts: SnippetPart[] = [];
  let cursor = start;
  for (const mark of marks) {
    if (mark.start < start || mark.end > end) continue;
    if (mark.start > cursor) parts.push({ text: flat.slice(cursor, mark.start), marked: false });
    parts.push({ text: flat.slice(mark.start, mark.end), marked: true });
    cursor = mark.end;
  }
  if (cursor < end) parts.push({ text: flat.slice(cursor, end), marked: false });
  if (start > 0) parts.unshift({ text: '… ', marked: false });
  if (end < flat.length) parts.push({ text: ' …', marked: false });
  return parts;
}

/** The snippet as HTML: the text escaped, the searched words in <mark>. */
export function snippetHtml(parts: readonly SnippetPart[]): string {
  return parts.map((part) => (part.marked ? `<mark>${escapeHtml(part.text)}</mark>` : escapeHtml(part.text))).join('');
}

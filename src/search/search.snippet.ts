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

const FOLDED = new Map<string, string>();

/** Lower-case without accents, one character for one, so positions stay those of the original. */
function foldInPlace(text: string): string {
  let folded = '';
  for (const character of text) {
    let one = FOLDED.get(character);
    if (one === undefined) {
      const plain = character.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
      one = plain.length === character.length ? plain : character;
      FOLDED.set(character, one);
    }
    folded += one;
  }
  return folded;
}

const WORD_CHARACTER = /[\p{L}\p{N}\-‐‑'’ʼ]/u;

/**
 * Where the words searched for are in a text. Stemming every word of a long article would cost
 * milliseconds; instead the folded text is scanned for the stems' beginnings, and only the words
 * found there are stemmed to be sure ("march" also begins "marchand").
 */
function findMarks(text: string, stems: ReadonlySet<string>): { start: number; end: number }[] {
  // A stem may end otherwise than its words do ("journal" for "journaux", "activ" for "actif"): its first letters are looked for.
  const probes = [...new Set([...stems].map((stem) => stem.slice(0, Math.max(3, stem.length - 2))))].filter(Boolean);
  if (probes.length === 0) return [];
  const pattern = new RegExp(probes.map((probe) => probe.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const folded = foldInPlace(text);
  const marks: { start: number; end: number }[] = [];
  let after = 0;
  for (const probe of folded.matchAll(pattern)) {
    if (probe.index < after) continue;
    let start = probe.index;
    while (start > 0 && WORD_CHARACTER.test(text[start - 1]!)) start--;
    let end = probe.index + probe[0].length;
    while (end < text.length && WORD_CHARACTER.test(text[end]!)) end++;
    after = end;
    const word = text.slice(start, end).replace(/^[-‐‑'’ʼ]+|[-‐‑'’ʼ]+$/g, '');
    const offset = text.indexOf(word, start);
    if (word && isSearched(word, stems)) marks.push({ start: offset, end: offset + word.length });
  }
  return marks;
}

/** Text read at a time for marked words: a long article is rarely read past its first piece. */
const PIECE = 2000;

export function snippetOf(text: string, stems: ReadonlySet<string>, length = SNIPPET_LENGTH): SnippetPart[] {
  const whole = text.trim();
  // The first piece of the text holding a searched word, read with a window's length beyond it.
  let offset = 0;
  let piece = whole.slice(0, PIECE + length);
  let marks = findMarks(piece, stems);
  for (let from = PIECE; marks.length === 0 && from < whole.length; from += PIECE) {
    const space = whole.indexOf(' ', from);
    if (space === -1) break;
    const candidate = whole.slice(space + 1, space + 1 + PIECE + length);
    const found = findMarks(candidate, stems);
    if (found.length > 0) [offset, piece, marks] = [space + 1, candidate, found];
  }
  if (marks.length === 0) [offset, piece] = [0, whole.slice(0, PIECE + length)];
  // The window that shows the most marked words, starting a little before one of them.
  let best = { start: 0, count: 0 };
  for (const mark of marks.slice(0, MAX_WINDOWS)) {
    const start = Math.max(0, mark.start - LEAD);
    const count = marks.filter((other) => other.start >= start && other.end <= start + length).length;
    if (count > best.count) best = { start, count };
  }
  const start = best.start === 0 ? 0 : boundary(piece, best.start, 'forward');
  const end = start + length >= piece.length ? piece.length : boundary(piece, start + length, 'back');
  const flat = (part: string) => part.replace(/\s+/g, ' ');
  const parts: SnippetPart[] = [];
  let cursor = start;
  for (const mark of marks) {
    if (mark.start < start || mark.end > end) continue;
    if (mark.start > cursor) parts.push({ text: flat(piece.slice(cursor, mark.start)), marked: false });
    parts.push({ text: piece.slice(mark.start, mark.end), marked: true });
    cursor = mark.end;
  }
  if (cursor < end) parts.push({ text: flat(piece.slice(cursor, end)), marked: false });
  if (offset + start > 0) parts.unshift({ text: '… ', marked: false });
  if (offset + end < whole.length) parts.push({ text: ' …', marked: false });
  return parts;
}

/** The snippet as HTML: the text escaped, the searched words in <mark>. */
export function snippetHtml(parts: readonly SnippetPart[]): string {
  return parts.map((part) => (part.marked ? `<mark>${escapeHtml(part.text)}</mark>` : escapeHtml(part.text))).join('');
}

/** The characters typography adds, replaces or removes; it never touches any other but the apostrophe, one for one. */
const TYPESET_SPACE = /[ \u00A0\u202F]/;

/**
 * The snippet set in the site's typography, which needs the whole passage (the space before a
 * "?" may sit in one part and the "?" in the next): the passage is set at once, then cut again
 * where the marked words are. Typography only adds, changes or removes spaces, so the other
 * characters, met in the same order, say where each mark went; spaces it adds at a mark's edge
 * stay outside it.
 */
export function typesetSnippet(parts: readonly SnippetPart[], typeset: (text: string) => string): SnippetPart[] {
  const before = parts.map((part) => part.text).join('');
  const after = typeset(before);
  const moved: number[] = [];
  for (let i = 0, j = 0; i < before.length; i++) {
    if (TYPESET_SPACE.test(before[i]!)) continue;
    while (j < after.length && TYPESET_SPACE.test(after[j]!)) j++;
    moved[i] = j++;
  }
  const result: SnippetPart[] = [];
  let cursor = 0;
  let offset = 0;
  for (const part of parts) {
    const start = offset;
    offset += part.text.length;
    if (!part.marked) continue;
    // A marked word starts and ends with a letter or a digit: never a space.
    const from = moved[start]!;
    const to = moved[offset - 1]! + 1;
    if (from > cursor) result.push({ text: after.slice(cursor, from), marked: false });
    result.push({ text: after.slice(from, to), marked: true });
    cursor = to;
  }
  if (cursor < after.length) result.push({ text: after.slice(cursor), marked: false });
  return result;
}

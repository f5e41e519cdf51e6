import type { QueryPart } from '../db/dialects/fulltext.ts';
import { SEARCH_QUERY_MAX_LENGTH } from '../site/views/search-form.tsx';
import { compoundsOf, isStopWord, queryWord, searchWords, stemWord } from './search.french.ts';

/**
 * What a reader typed, as parts for the index. Only two things are syntax: a phrase in quotes
 * ("…", “…” or « … ») must appear as written; every other word must appear somewhere. Anything
 * else (parentheses, *, -, NEAR, AND, OR, colons) is punctuation or an ordinary word, so no query
 * can reach the engines as their own syntax.
 */

export const MAX_QUERY_LENGTH = SEARCH_QUERY_MAX_LENGTH;
/** Beyond these, a query is a paste, not a question; the rest is ignored. */
const MAX_WORDS = 10;
const MAX_PHRASES = 3;
const MAX_PHRASE_WORDS = 12;

/** Whitespace controls (tab, line breaks) part words; other controls and noncharacters are not text at all. */
const CONTROL_SPACES = /[\t\n\v\f\r]+/g;
const NOT_TEXT = /[\p{Cc}\p{Noncharacter_Code_Point}]/gu;

/**
 * The words a reader sent, as the page shows them back and the search reads them: a control
 * character (NUL, escape…) in a title or a form field is an error in HTML, and no one types one.
 */
export function readerQueryText(text: string): string {
  return text.replace(CONTROL_SPACES, ' ').replace(NOT_TEXT, '').slice(0, MAX_QUERY_LENGTH).trim();
}

const QUOTED = /["“”„«»]([^"“”„«»]*)["“”„«»]/gu;

export interface ParsedQuery {
  parts: QueryPart[];
  /** Stems of the words searched for, to mark them in snippets. */
  stems: Set<string>;
  /** Words left out as too common to search for ("le", "de"…), outside quotes. */
  commonWords: number;
}

export function parseQuery(text: string): ParsedQuery {
  const query = withinLength(text);
  const parts: QueryPart[] = [];
  const stems = new Set<string>();
  const seen = new Set<string>();
  const phrases = [...query.matchAll(QUOTED)].map((match) => match[1]!);
  const loose = query.replace(QUOTED, ' ');

  for (const phrase of phrases.slice(0, MAX_PHRASES)) {
    const words = searchWords(phrase).slice(0, MAX_PHRASE_WORDS);
    if (words.length === 0) continue;
    const key = words.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    // A quoted single word is just a word.
    parts.push(words.length === 1 ? { kind: 'word', word: words[0]! } : { kind: 'phrase', words });
    for (const word of words) if (word.length > 1 && !isStopWord(word)) stems.add(stemWord(word));
  }

  let count = 0;
  let commonWords = 0;
  for (const compound of compoundsOf(loose)) {
    if (count >= MAX_WORDS) break;
    const word = queryWord(compound);
    if (word === undefined) continue;
    if (isStopWord(word)) {
      commonWords++;
      continue;
    }
    const stem = stemWord(word);
    // "commande commandes" asks for one thing twice.
    if (seen.has(stem)) continue;
    seen.add(stem);
    parts.push({ kind: 'word', word });
    count++;
    stems.add(stem);
    // A compound is indexed by its parts too: "e-commerce" marks "e-commerce" and "ecommerce" alike.
    for (const part of searchWords(compound)) if (part.length > 1 && !isStopWord(part)) stems.add(stemWord(part));
  }
  return { parts, stems, commonWords };
}

const WORD_END = /[\p{L}\p{N}]+$/u;
const WORD_START = /^[\p{L}\p{N}]/u;

/** The query cut to its maximum length, without the end of a word the cut split: "incendie in" would find nothing. */
function withinLength(text: string): string {
  if (text.length <= MAX_QUERY_LENGTH) return text;
  const kept = text.slice(0, MAX_QUERY_LENGTH);
  return WORD_START.test(text.slice(MAX_QUERY_LENGTH)) ? kept.replace(WORD_END, '') : kept;
}

import type { Element, Root, RootContent } from 'hast';
import { isLetterOrDigitAt } from '../../lib/letters.ts';

const WORDS_PER_MINUTE = 230;
const EXCERPT_LENGTH = 200;

const BLOCKS = new Set([
  'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dt', 'figcaption', 'figure', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'td', 'th', 'tr', 'ul',
]);

export interface ArticleSummary {
  text: string;
  excerpt: string;
  wordCount: number;
  readingMinutes: number;
}

/** Plain text, excerpt and reading time of a finished article tree. */
export function summarize(tree: Root): ArticleSummary {
  const text = joinBlocks(readableText(tree, BLOCK_MARK)).replace(WHITESPACE_RUNS, ' ').trim();
  const wordCount = countWords(text);
  return {
    text,
    excerpt: cutAtWord(firstParagraphText(tree) ?? collapseSpaces(readableText(tree)), EXCERPT_LENGTH),
    wordCount,
    readingMinutes: Math.max(1, Math.ceil(wordCount / WORDS_PER_MINUTE)),
  };
}

// Any whitespace, non-breaking included, as one space; written so that a lone space, most of the
// text, is not replaced by itself.
const WHITESPACE_RUNS = / \s+|[^\S ]\s*/g;

/** Where a block begins or ends in the text read for `summarize` (Unicode's paragraph separator). */
const BLOCK_MARK = '\u2029';
/** What a regular expression's `\s` matches, the block mark included. */
const SPACES = new Set(Array.from('\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff', (space) => space.charCodeAt(0)));
/** What ends a block that needs nothing more to be read apart from the next. */
const CLOSING = new Set(['.', '!', '?', '…', ':', ';', '»', ')', ']', '"', '”']);

/**
 * The text in one line, the blocks apart: a block that ends without closing punctuation (a
 * heading, a list item, a table cell) would run into the next ("Bilan Le commerce…", as search
 * snippets showed it), so a middle dot sets it apart. A gap is the whole run of spaces around
 * one or more marks. Found with indexOf rather than a regular expression of spaces around the
 * mark, which tried a match at every space of the text: a tenth of the time.
 */
function joinBlocks(text: string): string {
  let mark = text.indexOf(BLOCK_MARK);
  if (mark < 0) return text;
  let joined = '';
  let from = 0;
  while (mark >= 0) {
    let start = mark;
    while (start > from && SPACES.has(text.charCodeAt(start - 1))) start--;
    let end = mark + 1;
    while (end < text.length && SPACES.has(text.charCodeAt(end))) end++;
    const apart = start === 0 || end === text.length || CLOSING.has(text[start - 1]!) ? ' ' : ' · ';
    joined += text.slice(from, start) + apart;
    from = end;
    mark = text.indexOf(BLOCK_MARK, end);
  }
  return joined + text.slice(from);
}

/**
 * Words of a text whose words are separated by single spaces: those holding a letter or a digit
 * ("—" or "%" alone are not words). Read character by character up to a word's first letter or
 * digit, then on from the next space, as the rest of the word cannot count again: under a quarter
 * of the cost of splitting the text and testing each word.
 */
export function countWords(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    if (!isLetterOrDigitAt(text, index)) continue;
    count += 1;
    const space = text.indexOf(' ', index + 1);
    if (space < 0) break;
    index = space;
  }
  return count;
}

/**
 * The text a reader reads, without page furniture (heading self-links, footnote arrows, video
 * notices); blocks are separated by `blockSeparator`, a line break by default, and a <br> by a
 * line break. Non-breaking spaces are kept.
 */
export function readableText(node: Root | Element, blockSeparator = '\n'): string {
  let text = '';
  const walk = (children: RootContent[]) => {
    for (const child of children) {
      if (child.type === 'text') text += child.value;
      if (child.type !== 'element' || isFurniture(child)) continue;
      // A line break goes on with the same block: "12 rue X<br>Paris" reads as one.
      const separator = child.tagName === 'br' ? '\n' : blockSeparator;
      if (BLOCKS.has(child.tagName)) text += separator;
      walk(child.children);
      if (BLOCKS.has(child.tagName)) text += separator;
    }
  };
  walk(node.children);
  return text;
}

/** Collapses ordinary whitespace, keeping the non-breaking spaces typography put in. */
export function collapseSpaces(text: string): string {
  return text.replace(/[ \t\n\r\f]+/g, ' ').trim();
}

function hasClass(element: Element, name: string): boolean {
  const classes = element.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}

function isFurniture(element: Element): boolean {
  return (
    element.tagName === 'iframe' ||
    hasClass(element, 'anchor') ||
    hasClass(element, 'video-notice') ||
    hasClass(element, 'sr-only') ||
    element.properties.dataFootnoteRef !== undefined ||
    element.properties.dataFootnoteBackref !== undefined
  );
}

// Only top-level paragraphs: a caption, a quote or a table cell does not introduce an article.
function firstParagraphText(tree: Root): string | undefined {
  for (const node of tree.children) {
    if (node.type !== 'element' || node.tagName !== 'p' || hasClass(node, 'read-more')) continue;
    const text = collapseSpaces(readableText(node));
    if (/\p{L}/u.test(text)) return text;
  }
  return undefined;
}

/** At most `max` characters, cut at a space and ended with an ellipsis when shortened. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  // The space may sit right at the limit: the word before it is then whole.
  const lastSpace = text.lastIndexOf(' ', max - 1);
  const cut = text.slice(0, lastSpace > 0 ? lastSpace : max - 1);
  return `${cut.replace(/[\s,;:.\-–—(«]+$/u, '')}…`;
}

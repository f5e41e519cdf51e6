import type { JSONContent } from '@tiptap/core';
import { proseAddresses, type ProseAddress } from '../../../content/markdown/markdown.addresses.ts';

/**
 * Prints a paragraph's inline content as Markdown. Characters are escaped only where they would
 * otherwise start Markdown syntax, so that text typed without backslashes prints back without
 * them: "5 * 3", "snake_case", "[…]" and "Note:important" stay as they are.
 */

type Mark = { type: string; attrs?: Record<string, unknown> };

interface Piece {
  kind: 'text' | 'atom' | 'break';
  /** The text, or for atoms their Markdown. */
  text: string;
  marks: Mark[];
  breakMarker?: string;
}

export interface InlineOptions {
  /** Inside a GFM table cell: every pipe is escaped and line breaks become `<br>`. */
  table?: boolean;
  /** Inside a heading: a closing run of `#` would be taken for the heading's end. */
  heading?: boolean;
}

/** Marks that wrap text in delimiters; code is printed with its text, innermost. */
const WRAPPING = ['link', 'bold', 'italic', 'strike'];

export function serializeInline(content: JSONContent[] | undefined, options: InlineOptions = {}): string {
  const pieces = expelWhitespace(toPieces(content ?? [], options));
  const writer = new InlineWriter(pieces, options);
  pieces.forEach((_, index) => writer.write(index));
  // GFM splits rows on every `|` before reading the cell, code and addresses included.
  return options.table ? writer.finish().replace(/\|/g, '\\|') : writer.finish();
}

function toPieces(content: JSONContent[], options: InlineOptions): Piece[] {
  const pieces: Piece[] = [];
  for (const node of content) {
    const marks = (node.marks ?? []) as Mark[];
    if (node.type === 'text') {
      const text = options.table ? (node.text ?? '').replace(/\n/g, ' ') : (node.text ?? '');
      if (text) pieces.push({ kind: 'text', text, marks });
    } else if (node.type === 'hardBreak') {
      pieces.push({ kind: 'break', text: '', marks, breakMarker: String(node.attrs?.marker ?? '\\') });
    } else {
      pieces.push({ kind: 'atom', text: atomMarkdown(node), marks });
    }
  }
  // A line break ending a paragraph is not one in Markdown.
  while (pieces.at(-1)?.kind === 'break') pieces.pop();
  return pieces;
}

function atomMarkdown(node: JSONContent): string {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case 'image':
      return imageMarkdown(String(attrs.src ?? ''), String(attrs.alt ?? ''), (attrs.title as string | null) ?? null);
    case 'footnoteReference':
      return `[^${String(attrs.label)}]`;
    case 'rawInline':
      return String(attrs.markdown ?? '');
    default:
      return '';
  }
}

/** `![alt](src "title")`; also the Markdown of a figure, whose caption is the title. */
export function imageMarkdown(src: string, alt: string, title: string | null): string {
  return `![${escapeText(alt, { before: '[', last: false, linkText: true, alt: true })}](${destination(src)}${titlePart(title)})`;
}

function sameMark(a: Mark | undefined, b: Mark | undefined): boolean {
  return !!a && !!b && a.type === b.type && JSON.stringify(a.attrs ?? {}) === JSON.stringify(b.attrs ?? {});
}

function markOf(piece: Piece | undefined, type: string): Mark | undefined {
  return piece?.marks.find((mark) => mark.type === type);
}

/** `** bold**` is not bold in Markdown: spaces at the edges of emphasis move outside it. */
function expelWhitespace(pieces: Piece[]): Piece[] {
  const result = [...pieces];
  for (const type of ['bold', 'italic', 'strike']) {
    for (let index = 0; index < result.length; index++) {
      const piece = result[index]!;
      const mark = markOf(piece, type);
      if (!mark || piece.kind !== 'text' || markOf(piece, 'code')) continue;
      const opens = !sameMark(markOf(result[index - 1], type), mark);
      const closes = !sameMark(markOf(result[index + 1], type), mark);
      const lead = opens ? (piece.text.match(/^\s+/)?.[0] ?? '') : '';
      const trail = closes && lead !== piece.text ? (piece.text.match(/\s+$/)?.[0] ?? '') : '';
      if (!lead && !trail) continue;
      const unmarked = piece.marks.filter((other) => other !== mark);
      const middle = piece.text.slice(lead.length, piece.text.length - trail.length);
      const parts: Piece[] = [];
      if (lead) parts.push({ ...piece, text: lead, marks: unmarked });
      if (middle) parts.push({ ...piece, text: middle });
      if (trail) parts.push({ ...piece, text: trail, marks: unmarked });
      result.splice(index, 1, ...parts);
      // Look again at the piece now at this place: it may open the mark in its turn.
      index--;
    }
  }
  return result;
}

class InlineWriter {
  private out = '';
  private readonly stack: { mark: Mark; closer: string }[] = [];

  constructor(
    private readonly pieces: Piece[],
    private readonly options: InlineOptions,
  ) {}

  write(index: number): void {
    const piece = this.pieces[index]!;
    const autolink = this.autolink(index);
    const wanted = piece.marks.filter((mark) => WRAPPING.includes(mark.type) && !(autolink && mark.type === 'link'));
    this.closeUnwanted(wanted);
    const text = this.open(index, wanted);
    if (autolink !== undefined) this.out += autolink;
    else if (piece.kind === 'atom') this.out += piece.text;
    else if (piece.kind === 'break') this.out += this.options.table ? '<br>' : `${piece.breakMarker === '  ' ? '  ' : '\\'}\n`;
    else if (markOf(piece, 'code')) this.out += codeSpan(text);
    else this.out += this.text(text, index === this.pieces.length - 1);
  }

  finish(): string {
    this.closeUnwanted([]);
    return this.out;
  }

  private text(value: string, last: boolean): string {
    const escaped = escapeText(value, {
      before: this.out.at(-1) ?? '\n',
      firstLine: !this.out.includes('\n'),
      last,
      linkText: this.stack.some(({ mark }) => mark.type === 'link'),
    });
    // "## Title #" would lose its last "#", read as the closing sequence of the heading.
    return this.options.heading && last ? escaped.replace(/(^|[ \t])(#+)$/, '$1\\$2') : escaped;
  }

  /** An autolink printed as the writer typed it (`https://…` or `<https://…>`), if it can be. */
  private autolink(index: number): string | undefined {
    const piece = this.pieces[index]!;
    const link = markOf(piece, 'link');
    if (!link || piece.kind !== 'text' || markOf(piece, 'code')) return undefined;
    if (sameMark(markOf(this.pieces[index - 1], 'link'), link) || sameMark(markOf(this.pieces[index + 1], 'link'), link)) return undefined;
    const href = String(link.attrs?.href ?? '');
    const text = piece.text;
    if (link.attrs?.title) return undefined;
    if (link.attrs?.autolink === 'literal' && [text, `http://${text}`, `mailto:${text}`].includes(href)) return text;
    const absolute = /^[a-z][a-z\d+.-]{1,31}:[^\s<>]*$/i;
    if ((text === href && absolute.test(href)) || (`mailto:${text}` === href && link.attrs?.autolink === 'angle')) return `<${text}>`;
    return undefined;
  }

  private closeUnwanted(wanted: Mark[]): void {
    const stale = this.stack.findIndex(({ mark }) => !wanted.some((other) => sameMark(other, mark)));
    if (stale === -1) return;
    while (this.stack.length > stale) {
      const { mark, closer } = this.stack.pop()!;
      // Emphasis closes right after its last visible character, or it does not close at all.
      const trailing = mark.type === 'link' ? '' : (this.out.match(/[^\S\n]+$/u)?.[0] ?? '');
      this.out = this.out.slice(0, this.out.length - trailing.length) + closer + trailing;
    }
  }

  /**
   * Opens missing marks, the one lasting longest outermost, so that it closes last. Emphasis
   * opens right before the first visible character: the spaces before it are printed first.
   * Returns the text of the piece left to print.
   */
  private open(index: number, wanted: Mark[]): string {
    const piece = this.pieces[index]!;
    let text = piece.text;
    const missing = wanted.filter((mark) => !this.stack.some((open) => sameMark(open.mark, mark)));
    const reach = (mark: Mark) => {
      let end = index;
      while (sameMark(markOf(this.pieces[end + 1], mark.type), mark)) end++;
      return end;
    };
    // At equal reach the link is outermost, unless the writer put the emphasis around it.
    const rank = (mark: Mark) => (mark.type === 'link' && mark.attrs?.nested === true ? WRAPPING.length : WRAPPING.indexOf(mark.type));
    missing.sort((a, b) => reach(b) - reach(a) || rank(a) - rank(b));
    for (const mark of missing) {
      const leading = mark.type !== 'link' && piece.kind === 'text' ? (text.match(/^[^\S\n]+/u)?.[0] ?? '') : '';
      text = text.slice(leading.length);
      const [opener, closer] = this.delimiters(mark);
      this.out += leading + opener;
      this.stack.push({ mark, closer });
    }
    return text;
  }

  private delimiters(mark: Mark): [string, string] {
    switch (mark.type) {
      case 'link': {
        // "!" right before "[" would turn the link into an image.
        if (/(^|[^\\])(\\\\)*!$/.test(this.out)) this.out = `${this.out.slice(0, -1)}\\!`;
        const href = String(mark.attrs?.href ?? '');
        return ['[', `](${destination(href)}${titlePart((mark.attrs?.title as string | null) ?? null)})`];
      }
      case 'bold':
      case 'italic': {
        // `_` does not open emphasis inside a word.
        const underscore = mark.attrs?.marker === '_' && !/[\p{L}\p{N}]$/u.test(this.out);
        const delimiter = (underscore ? '_' : '*').repeat(mark.type === 'bold' ? 2 : 1);
        return [delimiter, delimiter];
      }
      default:
        return ['~~', '~~'];
    }
  }
}

/** A code span fenced by a run of backticks its content does not contain. */
function codeSpan(value: string): string {
  const content = value.replace(/\n/g, ' ');
  const runs = new Set((value.match(/`+/g) ?? []).map((run) => run.length));
  let length = 1;
  while (runs.has(length)) length++;
  const fence = '`'.repeat(length);
  const padded = /^`|`$/.test(content) || (/^ /.test(content) && / $/.test(content) && /[^ ]/.test(content));
  return padded ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`;
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

function destination(url: string): string {
  let depth = 0;
  for (const char of url) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (depth < 0) break;
  }
  // "&amp;" in a destination would be read as "&".
  const kept = (written: string) => written.replace(/&(?=#\d{1,7};|#[xX][\da-fA-F]{1,6};|[A-Za-z][A-Za-z\d]{1,31};)/g, '\\&');
  if (url === '' || depth !== 0 || /[\s<>\p{Cc}]/u.test(url)) return `<${kept(url.replace(/[<>\\]/g, '\\$&'))}>`;
  return kept(url.replace(/\\(?=[!-/:-@[-`{-~]|$)/g, '\\\\'));
}

function titlePart(title: string | null): string {
  if (title === null) return '';
  return ` "${title.replace(/\\(?=[!-/:-@[-`{-~]|$)/g, '\\\\').replace(/"/g, '\\"')}"`;
}

interface EscapeContext {
  /** The character printed just before, `\n` at the start of a line. */
  before: string;
  /** Whether the text starts on the block's first line (a `===` line after it makes a heading). */
  firstLine?: boolean;
  /** Whether nothing follows the text in its block. */
  last: boolean;
  linkText?: boolean;
  /**
   * In an image description, which is plain text: what would read as a text directive
   * (`10:30`, `Note:x`) vanishes from it, and the site does not give it back there.
   */
  alt?: boolean;
}

const whitespace = (char: string | undefined) => char !== undefined && /\s/u.test(char);
const alphanumeric = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/**
 * Backslash-escapes what Markdown would read as syntax in `text`, and nothing else. A web address
 * in it is written as an explicit link (see markdown.addresses.ts), `<https://…>` or
 * `[www.…](http://www.…)`, except in a link's text, where GFM links no address.
 */
export function escapeText(text: string, context: EscapeContext): string {
  const addresses = context.linkText ? [] : proseAddresses(text, context.before);
  const linked = new Map(addresses.map((address) => [address.start, address]));
  const escapes = new Set<number>();
  let lineStart = context.before === '\n' ? 0 : -1;
  let firstLine = context.firstLine ?? true;
  for (let index = 0; index < text.length; index++) {
    const address = linked.get(index);
    if (address) {
      // "!" right before "[" would make the link an image.
      if (address.href !== text.slice(address.start, address.end) && text[index - 1] === '!') escapes.add(index - 1);
      index = address.end - 1;
      continue;
    }
    if (index === lineStart) {
      const at = lineStartEscape(text.slice(index, lineEnd(text, index)), firstLine);
      if (at !== undefined) escapes.add(index + at);
    }
    if (text[index] === '\n') {
      lineStart = index + 1;
      firstLine = false;
    } else if (charNeedsEscape(text, index, context)) {
      escapes.add(index);
    }
  }
  let result = '';
  for (let index = 0; index < text.length; index++) {
    const address = linked.get(index);
    if (address) {
      result += addressMarkdown(text.slice(address.start, address.end), address);
      index = address.end - 1;
    } else result += (escapes.has(index) ? '\\' : '') + text[index];
  }
  return result;
}

/** An address in text linked to itself, as a link made in the editor around it is printed. */
function addressMarkdown(address: string, { href }: ProseAddress): string {
  if (href === address) return `<${address}>`;
  return `[${escapeText(address, { before: '[', last: false, linkText: true })}](${destination(href)})`;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

/** Where a backslash keeps a line from starting a block (heading, list, quote…), if needed. */
function lineStartEscape(line: string, firstLine: boolean): number | undefined {
  if (/^#{1,6}(?:[ \t]|$)/.test(line) || line.startsWith('>') || /^[-+*](?:[ \t]|$)/.test(line)) return 0;
  if (/^([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(line)) return 0;
  if (!firstLine && /^(?:=+|-+)[ \t]*$/.test(line)) return 0;
  if (/^::/.test(line) || /^\[[ xX]\]/.test(line)) return 0;
  const ordered = line.match(/^\d{1,9}(?=[.)](?:[ \t]|$))/);
  return ordered ? ordered[0].length : undefined;
}

function charNeedsEscape(text: string, index: number, context: EscapeContext): boolean {
  const char = text[index]!;
  const previous = index === 0 ? context.before : text[index - 1];
  // The end of the block counts as a line end; what follows another piece is unknown.
  const next = index === text.length - 1 ? (context.last ? '\n' : undefined) : text[index + 1];
  switch (char) {
    case '\\':
      return next === undefined || next === '\n' || ASCII_PUNCTUATION.test(next);
    case '`':
      return true;
    case '*':
    case '~':
      return !(whitespace(previous) && whitespace(next));
    case '_':
      return !(whitespace(previous) && whitespace(next)) && !(alphanumeric(previous) && alphanumeric(next));
    case '[':
      return context.linkText === true || next === '^' || !closesHarmlessly(text, index, context.last);
    case ']':
      return context.linkText === true;
    case '<':
      return next !== undefined && /[A-Za-z/!?]/.test(next);
    case ':':
      return context.alt === true && /^:[A-Za-z\d]/.test(text.slice(index)) && !/^:[\w+-]+:/.test(text.slice(index));
    case '&':
      return /^&(?:#\d{1,7}|#[xX][\da-fA-F]{1,6}|[A-Za-z][A-Za-z\d]{1,31});/.test(text.slice(index));
    default:
      return false;
  }
}

/** A `[` whose `]` follows on the same line and is not followed by `(`, `[` or `:` opens no link. */
function closesHarmlessly(text: string, index: number, last: boolean): boolean {
  const close = text.indexOf(']', index + 1);
  if (close === -1 || text.slice(index, close).includes('\n')) return false;
  const after = text[close + 1];
  if (after === undefined) return last;
  return !'([:'.includes(after);
}

/**
 * How Kiosque's Markdown is written: escaping text so it reads back as the same text, and the
 * few constructs the converter emits (images, links, code, directives).
 */

import { proseAddresses } from '../../content/markdown/markdown.addresses.ts';

// A colon starting a text directive with attributes (`:abbr{title="…"}`) is escaped: the site
// shows a directive it does not know as typed, attributes included, backslashes and all.
const SPECIAL = /[\\`*_[\]<>|~]|&(?=#?[a-z0-9]+;)|:(?=[a-z][\w-]*\{)/gi;

const MAY_NEED_ESCAPING = /[\\`*_[\]<>|~&]|:[a-z/]|www\./i;
const LABEL_MAY_NEED_ESCAPING = /[\\`*_[\]<>|~&]|:[a-z]/i;

/**
 * Escapes prose so that Markdown shows it literally (shortcodes included: "[foo]" stays "[foo]").
 * A web address in it is written as an explicit link (see markdown.addresses.ts), `<https://…>`
 * or `[www.…](http://www.…)`; what GFM would not link stays text.
 */
export function escapeText(text: string): string {
  if (!MAY_NEED_ESCAPING.test(text)) return text;
  let written = '';
  let from = 0;
  for (const { start, end, href } of proseAddresses(text)) {
    const address = text.slice(start, end);
    const before = escapeLabel(text.slice(from, start));
    if (href === address) written += `${before}<${address}>`;
    // "!" right before "[" would make the link an image.
    else written += `${before.replace(/!$/, '\\!')}[${escapeLabel(address)}](${destination(href)})`;
    from = end;
  }
  return written + escapeLabel(text.slice(from));
}

/**
 * Escapes the text of a link or an image description. GFM links no address there (a link holds
 * no link), so an address is text like any other; `<https://…>` would nest a link in the link.
 */
export function escapeLabel(text: string): string {
  return LABEL_MAY_NEED_ESCAPING.test(text) ? text.replace(SPECIAL, '\\$&') : text;
}

/**
 * Stands, alone on its line and followed by a number, for a block the writer built while inside
 * a paragraph (a video in a <span>); the paragraph is cut there and the block put back as it is.
 */
export const HELD_BLOCK = '\u0001';

const LINE_START_NUMBER = /^(\d{1,9})([.)])/;
const LINE_START_MARK = /^[#>+=:-]/;

/** Escapes what would start a block (heading, list, quote, directive…) at the start of a line of text. */
export function escapeLineStart(line: string): string {
  if (LINE_START_MARK.test(line)) return `\\${line}`;
  return line.replace(LINE_START_NUMBER, '$1\\$2');
}

/**
 * A link or image destination, in angle brackets when it holds spaces or parentheses; an
 * "&amp;" in it is escaped, or the link would go to "&".
 */
export function destination(url: string): string {
  if (url === '') return '<>';
  const bracketed = /[\s()<>]/.test(url);
  const written = bracketed ? url.replace(/[<>]/g, encodeURIComponent).replace(/\s/g, '%20') : url.replace(/\\/g, '%5C');
  const kept = written.replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
  return bracketed ? `<${kept}>` : kept;
}

export function imageMarkdown(alt: string, url: string, title: string | undefined): string {
  const quoted = title ? ` "${title.replace(/[\\"]/g, '\\$&')}"` : '';
  return `![${escapeLabel(alt)}](${destination(url)}${quoted})`;
}

/** Inline code; inside a GFM table a pipe must be escaped even there. */
export function codeSpan(code: string, inTable: boolean): string {
  const text = inTable ? code.replace(/\|/g, '\\|') : code;
  if (text.trim() === '') return '';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block, its fence longer than any run of backticks inside. */
export function codeBlock(code: string, language: string | undefined): string {
  const longest = Math.max(0, ...(code.match(/^`{3,}/gm) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${language ?? ''}\n${code}\n${fence}`;
}

/** A directive attribute value: quotes and ampersands as character references, which the directive syntax decodes. */
export function directiveValue(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/[\r\n]+/g, ' ');
}

/** Text for an HTML attribute or element the Markdown keeps as HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Prefixes every line of a block with "> ". */
export function quoteLines(block: string): string {
  return block
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** Lays out a list item: its first line after the marker, the others indented to the marker's width. */
export function listItem(marker: string, body: string): string {
  if (body === '') return marker.trimEnd();
  const indent = ' '.repeat(marker.length);
  return body
    .split('\n')
    .map((line, index) => (index === 0 ? marker + line : line === '' ? '' : indent + line))
    .join('\n');
}

const BULLET_LIST = /^[-*] /;
const ORDERED_LIST = /^\d{1,9}[.)] /;

/**
 * Joins blocks with blank lines. Two lists in a row would merge into one in Markdown, so the
 * second gets the other bullet ("-" / "*") or delimiter ("." / ")").
 */
export function joinBlocks(blocks: readonly string[]): string {
  let result = '';
  let previous = '';
  for (const block of blocks) {
    if (block === '') continue;
    let current = block;
    if (BULLET_LIST.test(previous) && BULLET_LIST.test(current) && previous[0] === current[0]) {
      const other = current[0] === '-' ? '* ' : '- ';
      current = current.replace(/^[-*] /gm, other);
    } else if (ORDERED_LIST.test(previous) && ORDERED_LIST.test(current) && delimiterOf(previous) === delimiterOf(current)) {
      const other = delimiterOf(current) === '.' ? ')' : '.';
      current = current.replace(/^(\d{1,9})[.)] /gm, `$1${other} `);
    }
    result += result === '' ? current : `\n\n${current}`;
    previous = current;
  }
  return result;
}

function delimiterOf(list: string): string | undefined {
  return /^\d{1,9}([.)])/.exec(list)?.[1];
}

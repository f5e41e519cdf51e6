import type { JSONContent } from '@tiptap/core';
import { imageMarkdown, serializeInline } from './markdown.inline.ts';

/**
 * Prints Tiptap documents in Kiosque's canonical Markdown: ATX headings, `-` bullets unless the
 * writer used another, one space after list markers, fenced code, `---` rules, GFM tables
 * without padding (`| a | b |`, `|---|---:|`), directives as docs/writing.md shows them, and
 * one blank line between blocks.
 */

/** The Markdown of a run of blocks, one blank line apart; empty blocks have no Markdown. */
export function serializeBlocks(blocks: JSONContent[] | undefined, separator = '\n\n'): string {
  const printed: string[] = [];
  let previous: JSONContent | undefined;
  for (const block of blocks ?? []) {
    const distinct = distinctFrom(previous, block);
    const markdown = serializeBlock(distinct);
    if (markdown === '') continue;
    printed.push(markdown);
    previous = distinct;
  }
  return printed.join(separator);
}

/**
 * Two lists in a row with the same marker would read as one: the second takes another marker,
 * as writers do in Markdown.
 */
function distinctFrom(previous: JSONContent | undefined, block: JSONContent): JSONContent {
  if (!previous || previous.type !== block.type) return block;
  const marker = (list: JSONContent) => String(list.attrs?.[list.type === 'bulletList' ? 'bullet' : 'delimiter'] ?? (list.type === 'bulletList' ? '-' : '.'));
  if (block.type === 'bulletList' && marker(previous) === marker(block)) {
    return { ...block, attrs: { ...block.attrs, bullet: marker(block) === '-' ? '*' : '-' } };
  }
  if (block.type === 'orderedList' && marker(previous) === marker(block)) {
    return { ...block, attrs: { ...block.attrs, delimiter: marker(block) === ')' ? '.' : ')' } };
  }
  return block;
}

/** The Markdown of one block, without a trailing line break. */
export function serializeBlock(block: JSONContent): string {
  const attrs = block.attrs ?? {};
  switch (block.type) {
    case 'paragraph':
      return serializeInline(block.content);
    case 'heading': {
      const text = serializeInline(block.content, { heading: true }).replace(/\n/g, ' ');
      return `${'#'.repeat(Number(attrs.level ?? 1))}${text ? ` ${text}` : ''}`;
    }
    case 'horizontalRule':
      return '---';
    case 'blockquote':
      return prefixLines(serializeBlocks(block.content), '> ', '>');
    case 'bulletList':
    case 'orderedList':
      return list(block);
    case 'codeBlock':
      return codeBlock(block);
    case 'table':
      return table(block);
    case 'figure':
      return imageMarkdown(String(attrs.src ?? ''), String(attrs.alt ?? ''), (attrs.caption as string | null) ?? null);
    case 'pullquote':
      return container(block, 'pullquote', attrs.attribution);
    case 'sources':
      return container(block, 'sources', attrs.title);
    case 'captionedTable':
      return container(block, 'table', attrs.caption);
    case 'readMore':
      return `::readmore${label(attrs.label)}{href=${quoted(String(attrs.href ?? ''))}}`;
    case 'video':
      return video(attrs);
    case 'footnoteDefinition':
      return footnoteDefinition(block);
    case 'rawMarkdown':
      return textOf(block);
    default:
      return serializeInline(block.content);
  }
}

function textOf(block: JSONContent): string {
  return (block.content ?? []).map((child) => child.text ?? '').join('');
}

/** Prefixes every line; empty lines get `empty` (no trailing spaces). */
function prefixLines(text: string, prefix: string, empty = ''): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? empty : prefix + line))
    .join('\n');
}

/** Indents the lines after the first, leaving empty lines empty. */
function hang(text: string, indent: string): string {
  const [first = '', ...rest] = text.split('\n');
  return [first, ...rest.map((line) => (line === '' ? '' : indent + line))].join('\n');
}

function list(block: JSONContent): string {
  const attrs = block.attrs ?? {};
  const tight = attrs.tight !== false;
  const start = Number(attrs.start ?? 1);
  const items = (block.content ?? []).map((item, index) => {
    const marker = block.type === 'orderedList' ? `${start + index}${String(attrs.delimiter ?? '.')}` : String(attrs.bullet ?? '-');
    const checked = item.attrs?.checked;
    const task = checked === true ? '[x] ' : checked === false ? '[ ] ' : '';
    const body = task + serializeBlocks(item.content, tight ? '\n' : '\n\n');
    return body ? `${marker} ${hang(body, ' '.repeat(marker.length + 1))}` : marker;
  });
  return items.join(tight ? '\n' : '\n\n');
}

function codeBlock(block: JSONContent): string {
  const text = textOf(block);
  const longest = Math.max(0, ...(text.match(/^`{3,}/gm) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const info = [block.attrs?.language, block.attrs?.meta].filter((part) => typeof part === 'string' && part !== '').join(' ');
  return `${fence}${info}\n${text ? `${text}\n` : ''}${fence}`;
}

const DELIMITERS: Record<string, string> = { left: ':---', center: ':---:', right: '---:' };

function table(block: JSONContent): string {
  const rows = (block.content ?? []).map((row) => (row.content ?? []).map((cell) => serializeInline(cell.content?.[0]?.content, { table: true })));
  const head = block.content?.[0]?.content ?? [];
  const delimiter = head.map((cell) => DELIMITERS[String(cell.attrs?.align)] ?? '---');
  const line = (cells: string[]) => `|${cells.map((cell) => (cell ? ` ${cell} ` : ' ')).join('|')}|`;
  const [header = [], ...body] = rows;
  return [line(header), `|${delimiter.join('|')}|`, ...body.map(line)].join('\n');
}

function label(value: unknown): string {
  return typeof value === 'string' ? `[${value}]` : '';
}

/** Nested containers need a longer fence than those inside them, raw Markdown included. */
function containerDepth(block: JSONContent): number {
  if (block.type === 'rawMarkdown') return Math.max(0, ...(textOf(block).match(/^:{3,}/gm) ?? []).map((fence) => fence.length - 2));
  const inner = Math.max(0, ...(block.content ?? []).map(containerDepth));
  return ['pullquote', 'sources', 'captionedTable'].includes(block.type ?? '') ? inner + 1 : inner;
}

function container(block: JSONContent, name: string, title: unknown): string {
  const fence = ':'.repeat(2 + containerDepth(block));
  return `${fence}${name}${label(title)}\n${serializeBlocks(block.content)}\n${fence}`;
}

function video(attrs: Record<string, unknown>): string {
  const url = String(attrs.url ?? '');
  const title = attrs.title;
  if (attrs.bare === true && (title === null || title === undefined)) return url;
  return `::video{url=${quoted(url)}${typeof title === 'string' ? ` title=${quoted(title)}` : ''}}`;
}

/** A directive attribute value; `&` is encoded only where it would read as a character reference. */
function quoted(value: string): string {
  const encoded = value
    .replace(/&(?=#\d{1,7};|#[xX][\da-fA-F]{1,6};|[A-Za-z][A-Za-z\d]{1,31};)/g, '&#x26;')
    .replace(/"/g, '&#x22;')
    .replace(/\n/g, '&#xA;');
  return `"${encoded}"`;
}

function footnoteDefinition(block: JSONContent): string {
  return `[^${String(block.attrs?.label ?? '')}]: ${hang(serializeBlocks(block.content), '    ')}`;
}

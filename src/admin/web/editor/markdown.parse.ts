import type { JSONContent } from '@tiptap/core';
import type {
  Blockquote,
  Code,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  Text,
} from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { parseVideoUrl } from '../../../content/markdown/markdown.embeds.ts';
import { sitePath, webUrl } from '../../../content/markdown/markdown.urls.ts';
import { articleSchema } from './extensions.ts';
import { serializeInline, type InlineOptions } from './markdown.inline.ts';

/** Thrown for Markdown the editor has no node for; the block is then kept as raw Markdown. */
export class Unrepresentable extends Error {}

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

/**
 * Parses Markdown as the site does (CommonMark, GFM, directives), giving back to the text what
 * only looks like a text directive ("Note:important", ":wink:"), as the site does too.
 */
export function parseMarkdownTree(source: string): Root {
  const tree = parser.parse(source);
  restoreTextDirectives(tree, source);
  return tree;
}

function restoreTextDirectives(tree: Root, source: string): void {
  visit(tree, 'textDirective', (directive, index, parent) => {
    if (!parent || index === undefined) return;
    parent.children.splice(index, 1, ...asTyped(directive, source));
    return index;
  });
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const merged: RootContent[] = [];
    for (const child of node.children as RootContent[]) {
      const previous = merged.at(-1);
      if (child.type === 'text' && previous?.type === 'text') {
        previous.value += child.value;
        if (previous.position && child.position) previous.position.end = child.position.end;
      } else merged.push(child);
    }
    (node as { children: RootContent[] }).children = merged;
  });
}

function asTyped(directive: TextDirective, source: string): PhrasingContent[] {
  const { start, end } = offsets(directive);
  const first = directive.children[0]?.position?.start.offset;
  const last = directive.children.at(-1)?.position?.end.offset;
  if (first === undefined || last === undefined) return [textAt(source.slice(start, end), start, end)];
  return [textAt(source.slice(start, first), start, first), ...directive.children, textAt(source.slice(last, end), last, end)];
}

function textAt(value: string, start: number, end: number): Text {
  return { type: 'text', value, position: { start: { line: 0, column: 0, offset: start }, end: { line: 0, column: 0, offset: end } } };
}

/** Start and end offsets of a node in the source. */
export function offsets(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): { start: number; end: number } {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) throw new Unrepresentable('a node without position');
  return { start, end };
}

export interface ConversionContext {
  source: string;
  /** Converts the blocks of a directive container, each checked on its own (see markdown.ts). */
  containerBlocks(children: RootContent[]): JSONContent[];
}

/** Converts one Markdown block to a Tiptap node, or throws Unrepresentable. */
export function convertBlock(node: RootContent, context: ConversionContext): JSONContent {
  switch (node.type) {
    case 'paragraph':
      return paragraphOrFigure(node, context);
    case 'heading':
      return withContent({ type: 'heading', attrs: { level: node.depth } }, inline(node, context, { heading: true }));
    case 'thematicBreak':
      return { type: 'horizontalRule' };
    case 'blockquote':
      return { type: 'blockquote', content: nestedBlocks(node, context) };
    case 'list':
      return list(node, context);
    case 'code':
      return codeBlock(node);
    case 'table':
      return table(node, context);
    case 'footnoteDefinition':
      return { type: 'footnoteDefinition', attrs: { label: node.label ?? node.identifier }, content: nestedBlocks(node, context) };
    case 'containerDirective':
      return container(node, context);
    case 'leafDirective':
      return leaf(node, context);
    default:
      throw new Unrepresentable(node.type);
  }
}

function nestedBlocks(node: Blockquote | ListItem | { children: RootContent[] }, context: ConversionContext): JSONContent[] {
  if (node.children.length === 0) throw new Unrepresentable('an empty container');
  const inner = indented(context);
  return node.children.map((child) => convertBlock(child as RootContent, inner));
}

/**
 * Inside a quote, a list or a footnote, source lines carry prefixes (`> `, indentation): a
 * directive there cannot keep one of its blocks as written, so the block around is kept whole.
 */
function indented(context: ConversionContext): ConversionContext {
  const inner: ConversionContext = { ...context, containerBlocks: (children) => children.map((child) => convertBlock(child, inner)) };
  return inner;
}

function withContent(node: JSONContent, content: JSONContent[]): JSONContent {
  return content.length > 0 ? { ...node, content } : node;
}

function paragraphOrFigure(node: Paragraph, context: ConversionContext): JSONContent {
  const [only] = node.children;
  if (node.children.length === 1 && only?.type === 'image') {
    return { type: 'figure', attrs: { src: only.url, alt: only.alt ?? '', caption: only.title ?? null } };
  }
  // The site embeds a known video address standing alone on its line.
  if (node.children.length === 1 && only?.type === 'link' && only.title === null) {
    const [label] = only.children;
    if (only.children.length === 1 && label?.type === 'text' && label.value === only.url && parseVideoUrl(only.url)) {
      return { type: 'video', attrs: { url: only.url, title: null, bare: true } };
    }
  }
  return withContent({ type: 'paragraph' }, inline(node, context));
}

function list(node: List, context: ConversionContext): JSONContent {
  const loose = node.spread === true || node.children.some((item) => item.spread === true);
  const items = node.children.map((item) => listItem(item, context));
  const marker = context.source.slice(offsets(node).start).match(/^(?:[-*+]|\d{1,9}([.)]))/);
  if (!marker) throw new Unrepresentable('a list marker');
  if (!node.ordered) return { type: 'bulletList', attrs: { bullet: marker[0], tight: !loose }, content: items };
  return { type: 'orderedList', attrs: { start: node.start ?? 1, delimiter: marker[1], tight: !loose }, content: items };
}

function listItem(item: ListItem, context: ConversionContext): JSONContent {
  const inner = indented(context);
  const content = item.children.map((child) => convertBlock(child, inner));
  const first = content[0];
  // A list item opens with a paragraph in Tiptap; a lone image there stays inline.
  if (first === undefined) content.push({ type: 'paragraph' });
  else if (first.type === 'figure') content[0] = imageParagraph(first);
  else if (first.type !== 'paragraph') throw new Unrepresentable('a list item that does not start with text');
  return { type: 'listItem', attrs: { checked: item.checked ?? null }, content };
}

function imageParagraph(figure: JSONContent): JSONContent {
  const { src, alt, caption } = figure.attrs as { src: string; alt: string; caption: string | null };
  return { type: 'paragraph', content: [{ type: 'image', attrs: { src, alt, title: caption } }] };
}

function codeBlock(node: Code): JSONContent {
  const attrs = { language: node.lang ?? null, meta: node.meta ?? null };
  return withContent({ type: 'codeBlock', attrs }, node.value ? [{ type: 'text', text: node.value }] : []);
}

function table(node: Table, context: ConversionContext): JSONContent {
  const align = node.align ?? [];
  const [head] = node.children;
  const width = head?.children.length ?? 0;
  if (width === 0) throw new Unrepresentable('a table without columns');
  // Missing cells are empty and extra ones dropped, as the site renders them.
  const rows = node.children.map((row, rowIndex) => ({
    type: 'tableRow',
    content: Array.from({ length: width }, (_, column) => {
      const cell = row.children[column];
      const content = cell ? inline(cell, context, { table: true }) : [];
      return {
        type: rowIndex === 0 ? 'tableHeader' : 'tableCell',
        attrs: { align: align[column] ?? null },
        content: [withContent({ type: 'paragraph' }, content)],
      };
    }),
  }));
  return { type: 'table', content: rows };
}

function container(node: ContainerDirective, context: ConversionContext): JSONContent {
  if (Object.keys(node.attributes ?? {}).length > 0) throw new Unrepresentable('directive attributes');
  const labelNode = node.children.find((child): child is Paragraph => child.type === 'paragraph' && child.data?.directiveLabel === true);
  const label = labelNode ? containerLabel(labelNode, context.source) : null;
  const children = node.children.filter((child) => child !== labelNode);
  if (children.length === 0) throw new Unrepresentable('an empty directive');
  switch (node.name) {
    case 'pullquote':
      return { type: 'pullquote', attrs: { attribution: label }, content: context.containerBlocks(children) };
    case 'sources':
      return { type: 'sources', attrs: { title: label }, content: context.containerBlocks(children) };
    case 'table': {
      const [only] = children;
      if (children.length !== 1 || only?.type !== 'table') throw new Unrepresentable('a table block holding more than a table');
      return { type: 'captionedTable', attrs: { caption: label }, content: [table(only, context)] };
    }
    default:
      throw new Unrepresentable(`:::${node.name}`);
  }
}

/** The label of `:::name[label]` as written; its paragraph spans the brackets. */
function containerLabel(label: Paragraph, source: string): string {
  const { start, end } = offsets(label);
  return source.slice(start + 1, end - 1);
}

function leaf(node: LeafDirective, context: ConversionContext): JSONContent {
  const attributes = node.attributes ?? {};
  const names = Object.keys(attributes);
  if (node.name === 'video' && names.every((name) => name === 'url' || name === 'title')) {
    const url = attributes.url ?? '';
    if (node.children.length === 0 && parseVideoUrl(url)) return { type: 'video', attrs: { url, title: attributes.title ?? null, bare: false } };
  }
  if (node.name === 'readmore' && names.length === 1 && names[0] === 'href') {
    const href = attributes.href ?? '';
    if (webUrl(href) ?? sitePath(href)) return { type: 'readMore', attrs: { href, label: leafLabel(node, context.source) } };
  }
  throw new Unrepresentable(`::${node.name}`);
}

/** The label of `::name[label]{…}` as written, or null without brackets. */
function leafLabel(node: LeafDirective, source: string): string | null {
  const { start } = offsets(node);
  const opening = start + 2 + node.name.length;
  if (source[opening] !== '[') return null;
  const first = node.children[0];
  const last = node.children.at(-1);
  if (!first || !last) return '';
  return source.slice(offsets(first).start, offsets(last).end);
}

type Marks = NonNullable<JSONContent['marks']>;

const MARK_RANK = new Map(Object.keys(articleSchema.marks).map((name, rank) => [name, rank]));

/** Marks in schema order, as ProseMirror keeps them. */
function ordered(marks: Marks): Marks {
  return [...marks].sort((a, b) => (MARK_RANK.get(a.type) ?? 0) - (MARK_RANK.get(b.type) ?? 0));
}

/** Inline content; in a table cell, raw Markdown is kept without its `\|` escapes, which printing restores. */
function inline(parent: { children: PhrasingContent[] }, context: ConversionContext, options: InlineOptions = {}): JSONContent[] {
  const nodes = parent.children.flatMap((child) => phrasing(child, [], { ...context, table: options.table === true }));
  return addressesAsText(mergeText(nodes), options);
}

/**
 * A web address typed in text is printed as a link to itself (`<https://…>`, `[www.…](http://www.…)`,
 * see markdown.addresses.ts): such a link comes back as the text the writer typed, not as a link
 * they never made, whenever that text prints Markdown that means the same. An address written
 * bare keeps its link, which prints it bare again.
 */
function addressesAsText(nodes: JSONContent[], options: InlineOptions): JSONContent[] {
  let content = nodes;
  let meaning: string | undefined;
  for (let index = 0; index < content.length; index++) {
    const node = content[index]!;
    const link = node.marks?.find((mark) => mark.type === 'link');
    if (node.type !== 'text' || !link || !linksToItself(node.text ?? '', link.attrs ?? {})) continue;
    const sameLink = (other: JSONContent | undefined) => other?.marks?.some((mark) => JSON.stringify(mark) === JSON.stringify(link)) === true;
    if (sameLink(content[index - 1]) || sameLink(content[index + 1])) continue;
    const marks = (node.marks ?? []).filter((mark) => mark !== link);
    const text: JSONContent = marks.length > 0 ? { type: 'text', text: node.text, marks } : { type: 'text', text: node.text };
    const candidate = mergeText([...content.slice(0, index), text, ...content.slice(index + 1)]);
    meaning ??= inlineMeaning(content, options);
    if (inlineMeaning(candidate, options) !== meaning) continue;
    content = candidate;
    // The text may have joined the one before it.
    index = Math.max(index - 2, -1);
  }
  return content;
}

/** What inline content printed alone means to the site, positions left out. */
function inlineMeaning(content: JSONContent[], options: InlineOptions): string {
  return JSON.stringify(parseMarkdownTree(serializeInline(content, options)), (key, value: unknown) => (key === 'position' ? undefined : value));
}

function linksToItself(text: string, attrs: Record<string, unknown>): boolean {
  if (attrs.title || attrs.autolink === 'literal' || !/^(?:https?:\/\/|www\.)/i.test(text)) return false;
  return attrs.href === text || attrs.href === `http://${text}`;
}

type InlineContext = ConversionContext & { table: boolean };

function phrasing(node: PhrasingContent, marks: Marks, context: InlineContext, parent?: PhrasingContent): JSONContent[] {
  const withMarks = (json: JSONContent): JSONContent => (marks.length > 0 ? { ...json, marks: ordered(marks) } : json);
  const nested = (mark: Marks[number]) =>
    ('children' in node ? node.children : []).flatMap((child) => phrasing(child as PhrasingContent, [...marks, mark], context, node));
  switch (node.type) {
    case 'text':
      return node.value ? [withMarks({ type: 'text', text: node.value })] : [];
    case 'emphasis':
      return nested({ type: 'italic', attrs: { marker: delimiter(node, context) } });
    case 'strong':
      return nested({ type: 'bold', attrs: { marker: delimiter(node, context) } });
    case 'delete':
      return nested({ type: 'strike' });
    case 'inlineCode':
      return [{ type: 'text', text: node.value, marks: ordered([...marks, { type: 'code' }]) }];
    case 'break':
      return [withMarks({ type: 'hardBreak', attrs: { marker: context.source[offsets(node).start] === '\\' ? '\\' : '  ' } })];
    case 'link':
      return nested({ type: 'link', attrs: { href: node.url, title: node.title ?? null, autolink: autolinkForm(node, context), nested: wrapsExactly(parent) } });
    case 'image':
      return [withMarks({ type: 'image', attrs: { src: node.url, alt: node.alt ?? '', title: node.title ?? null } })];
    case 'footnoteReference':
      return [withMarks({ type: 'footnoteReference', attrs: { label: node.label ?? node.identifier } })];
    default: {
      // Inline HTML, reference links and the like stay as written.
      const { start, end } = offsets(node);
      const markdown = context.source.slice(start, end);
      return [withMarks({ type: 'rawInline', attrs: { markdown: context.table ? markdown.replace(/\\\|/g, '|') : markdown } })];
    }
  }
}

/** Whether emphasis holds nothing but this link (`**[text](url)**`, not `[**text**](url)`). */
function wrapsExactly(parent: PhrasingContent | undefined): boolean {
  return (parent?.type === 'emphasis' || parent?.type === 'strong' || parent?.type === 'delete') && parent.children.length === 1;
}

function delimiter(node: PhrasingContent, context: ConversionContext): string {
  return context.source[offsets(node).start] === '_' ? '_' : '*';
}

function autolinkForm(node: PhrasingContent, context: ConversionContext): string | null {
  const first = context.source[offsets(node).start];
  if (first === '<') return 'angle';
  return first === '[' ? null : 'literal';
}

/** Joins neighbouring text with the same marks, as ProseMirror would. */
function mergeText(nodes: JSONContent[]): JSONContent[] {
  const merged: JSONContent[] = [];
  for (const node of nodes) {
    const previous = merged.at(-1);
    if (node.type === 'text' && previous?.type === 'text' && JSON.stringify(previous.marks ?? []) === JSON.stringify(node.marks ?? [])) {
      previous.text = (previous.text ?? '') + (node.text ?? '');
    } else merged.push({ ...node });
  }
  return merged;
}

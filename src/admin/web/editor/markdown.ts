import type { JSONContent } from '@tiptap/core';
import type { Root, RootContent } from 'mdast';
import { convertBlock, offsets, parseMarkdownTree, Unrepresentable, type ConversionContext } from './markdown.parse.ts';
import { serializeBlock, serializeBlocks } from './markdown.serialize.ts';

/**
 * Markdown ⇄ Tiptap document for the article editor. Pure functions over JSON: they run in the
 * browser and in Node alike.
 *
 * Nothing a writer typed is lost. Each block is converted, printed back and compared with its
 * source: when the print differs, it is parsed again (with the document's link and footnote
 * definitions), and the block is kept editable only if the Markdown means exactly the same (a `*` bullet
 * printed as `-`, `Title\n===` as `# Title`…). Otherwise the block stays as written, in a raw
 * Markdown block shown verbatim.
 */

/** The Tiptap document of an article body. */
export function markdownToDoc(markdown: string): JSONContent {
  const source = markdown.replace(/\r\n?/g, '\n');
  const tree = parseMarkdownTree(source);
  const meaning = meaningOf(tree);
  // A block that prints as written may still mean something else one blank line away from its
  // neighbour (a paragraph that looks like a table, after a quote): the whole print is checked,
  // and if it falls short every block is checked alone.
  for (const strict of [false, true]) {
    const guard = new MeaningGuard(source, tree, strict);
    const context: ConversionContext = {
      source,
      containerBlocks: (children) => children.map((child) => guard.convert(child, context)),
    };
    const content = tree.children.map((child) => guard.convert(child, context));
    const doc = { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
    if (meaningOf(parseMarkdownTree(docToMarkdown(doc))) === meaning) return doc;
  }
  return { type: 'doc', content: [rawMarkdown(source.replace(/\n+$/, ''))] };
}

/** The canonical Markdown of a Tiptap document, without a final line break (as bodies are stored). */
export function docToMarkdown(doc: JSONContent): string {
  return serializeBlocks(doc.content);
}

/**
 * Splits a Markdown file into its YAML front matter (fences included) and its body, the body
 * trimmed as the importer stores it.
 */
export function splitFrontMatter(file: string): { frontMatter: string; body: string } {
  const text = file.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fence = /^---[ \t]*\n[\s\S]*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  const frontMatter = fence?.[0] ?? '';
  const body = text.slice(frontMatter.length).replace(/^(?:[ \t]*\n)+/, '').trimEnd();
  return { frontMatter, body };
}

class MeaningGuard {
  /** Link and footnote definitions, which give a block's references their meaning. */
  private readonly definitions: string[];

  constructor(
    private readonly source: string,
    tree: Root,
    /** Whether a block printed as written is checked too. */
    private readonly strict: boolean,
  ) {
    this.definitions = tree.children
      .filter((node) => node.type === 'definition' || node.type === 'footnoteDefinition')
      .map((node) => {
        const { start, end } = offsets(node);
        return source.slice(start, end);
      });
  }

  convert(node: RootContent, context: ConversionContext): JSONContent {
    const { start, end } = offsets(node);
    // A block quote's span may end with the line break after it.
    const written = this.source.slice(start, end).replace(/\n+$/, '');
    try {
      const block = convertBlock(node, context);
      const printed = serializeBlock(block);
      if ((printed === written && !this.strict) || this.sameMeaning(node, printed)) return block;
    } catch (error) {
      if (!(error instanceof Unrepresentable)) throw error;
    }
    return rawMarkdown(written);
  }

  /** Parses the printed block alone, followed by the document's definitions, and compares. */
  private sameMeaning(node: RootContent, printed: string): boolean {
    const reparsed = parseMarkdownTree([printed, ...this.definitions].join('\n\n'));
    const blocks = reparsed.children.slice(0, reparsed.children.length - this.definitions.length);
    return meaningOf({ type: 'root', children: blocks }) === meaningOf({ type: 'root', children: [node] });
  }
}

function rawMarkdown(markdown: string): JSONContent {
  return markdown ? { type: 'rawMarkdown', content: [{ type: 'text', text: markdown }] } : { type: 'rawMarkdown' };
}

/**
 * What a Markdown tree means to the site's renderer, as a string: positions and spellings
 * dropped, list looseness as the renderer computes it, table rows as wide as the header.
 */
export function meaningOf(tree: Root): string {
  return JSON.stringify(tree, (key, value: unknown) => {
    if (key === 'position') return undefined;
    if (key === 'data') return (value as { directiveLabel?: boolean } | undefined)?.directiveLabel ? { directiveLabel: true } : undefined;
    if (!value || typeof value !== 'object' || !('type' in value)) return value;
    const node = value as Record<string, unknown> & { type: string; children?: Record<string, unknown>[] };
    switch (node.type) {
      case 'list':
        return { ...node, spread: node.spread === true || (node.children ?? []).some((item) => item.spread === true) };
      case 'listItem':
        return { ...node, spread: undefined };
      case 'footnoteDefinition':
      case 'footnoteReference':
        return { ...node, label: undefined };
      case 'table':
        return { ...node, children: widenRows(node) };
      default:
        return node;
    }
  });
}

function widenRows(table: Record<string, unknown> & { children?: Record<string, unknown>[] }): Record<string, unknown>[] {
  const rows = table.children ?? [];
  const width = ((rows[0]?.children as unknown[] | undefined) ?? []).length;
  return rows.map((row) => {
    const cells = ((row.children as unknown[] | undefined) ?? []).slice(0, width);
    while (cells.length < width) cells.push({ type: 'tableCell', children: [] });
    return { ...row, children: cells };
  });
}

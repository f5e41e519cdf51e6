import { Extension, getSchema, Mark, markInputRule, type Attribute, type Extensions } from '@tiptap/core';
import { Image } from '@tiptap/extension-image';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { StarterKit } from '@tiptap/starter-kit';
import {
  CaptionedTable,
  Figure,
  FootnoteDefinition,
  FootnoteReference,
  Pullquote,
  RawInline,
  RawMarkdown,
  ReadMore,
  Sources,
  Video,
} from './nodes.ts';

/**
 * An attribute only the Markdown cares about (a list's bullet character, a link's autolink
 * form…), kept on copy and paste inside the editor through a `data-*` attribute.
 */
function markdownAttribute(
  name: string,
  fallback: string | boolean | null,
  { flag = typeof fallback === 'boolean', keepOnSplit = true }: { flag?: boolean; keepOnSplit?: boolean } = {},
): Attribute {
  return {
    default: fallback,
    keepOnSplit,
    parseHTML: (element) => {
      const value = element.getAttribute(`data-${name}`);
      if (value === null) return fallback;
      return flag ? value === 'true' : value;
    },
    renderHTML: (attributes) => {
      const value: unknown = attributes[name];
      return value === null || value === undefined ? {} : { [`data-${name}`]: String(value) };
    },
  };
}

/**
 * What Markdown says and the StarterKit nodes do not hold: list markers and looseness, GFM task
 * boxes (null: none, true/false: `[x]`/`[ ]`), a code fence's info string after the language,
 * how an autolink was typed (`literal` address or `<angle>` brackets) and whether emphasis of
 * the same extent is written around it (`nested`), and the writer's spelling of emphasis and
 * line breaks.
 */
const MarkdownAttributes = Extension.create({
  name: 'markdownAttributes',
  addGlobalAttributes() {
    return [
      { types: ['bulletList'], attributes: { bullet: markdownAttribute('bullet', '-'), tight: markdownAttribute('tight', true) } },
      { types: ['orderedList'], attributes: { delimiter: markdownAttribute('delimiter', '.'), tight: markdownAttribute('tight', true) } },
      // A new item split from a ticked one starts without a box.
      { types: ['listItem'], attributes: { checked: markdownAttribute('checked', null, { flag: true, keepOnSplit: false }) } },
      { types: ['codeBlock'], attributes: { meta: markdownAttribute('meta', null) } },
      { types: ['link'], attributes: { autolink: markdownAttribute('autolink', null), nested: markdownAttribute('nested', false) } },
      // `*` or `_` for emphasis, and a backslash or two spaces for a line break.
      { types: ['bold', 'italic'], attributes: { marker: markdownAttribute('marker', '*') } },
      { types: ['hardBreak'], attributes: { marker: markdownAttribute('marker', '\\') } },
    ];
  },
});

/**
 * Inline code that, as in Markdown, may sit in a link or in bold text (StarterKit's excludes
 * every other mark). Typing `code` between backticks makes it.
 */
const InlineCode = Mark.create({
  name: 'code',
  excludes: 'code',
  code: true,
  exitable: true,
  parseHTML() {
    return [{ tag: 'code' }];
  },
  renderHTML() {
    return ['code', 0];
  },
  addInputRules() {
    return [markInputRule({ find: /(^|[^`])`([^`]+)`(?!`)$/, type: this.type })];
  },
});

/**
 * A column's alignment as a `data-align` attribute: Tiptap's inline `style` would be refused
 * by the admin's Content-Security-Policy.
 */
const alignment: Attribute = {
  default: null,
  parseHTML: (element) => {
    const align = element.getAttribute('data-align');
    return align === 'left' || align === 'center' || align === 'right' ? align : null;
  },
  renderHTML: (attributes) => (attributes.align ? { 'data-align': String(attributes.align) } : {}),
};

/** GFM cells hold one line of text: a cell is one paragraph, which pasting cannot break. */
const MarkdownCell = TableCell.extend({
  content: 'paragraph',
  addAttributes() {
    return { ...this.parent?.(), align: alignment };
  },
});
const MarkdownHeader = TableHeader.extend({
  content: 'paragraph',
  addAttributes() {
    return { ...this.parent?.(), align: alignment };
  },
});

/** The extensions of the article editor: exactly what Kiosque's Markdown can say. */
export const articleExtensions: Extensions = [
  StarterKit.configure({
    heading: { levels: [1, 2, 3, 4, 5, 6] },
    // Markdown has no underline; inline code is replaced by the version above.
    underline: false,
    code: false,
    link: {
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      // The site decides target and rel of every link; the Markdown carries neither.
      HTMLAttributes: { target: null, rel: null, class: null },
    },
  }),
  MarkdownAttributes,
  InlineCode,
  Table.configure({ resizable: false }),
  TableRow,
  MarkdownHeader,
  MarkdownCell,
  Image.configure({ inline: true }),
  Figure,
  Pullquote,
  CaptionedTable,
  Sources,
  ReadMore,
  Video,
  FootnoteReference,
  FootnoteDefinition,
  RawMarkdown,
  RawInline,
];

/** The ProseMirror schema of article documents; building it needs no DOM. */
export const articleSchema = getSchema(articleExtensions);

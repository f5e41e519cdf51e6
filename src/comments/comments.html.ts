import type { ElementContent, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import { lowercaseSchemes } from '../content/markdown/markdown.sanitize.ts';
import { applyTypography } from '../content/markdown/markdown.typography.ts';
import { walkElements } from '../content/markdown/markdown.walk.ts';
import type { Locale } from '../i18n/i18n.ts';

/**
 * A reader's comment made safe to show, once, when it is stored. Comments are written by anyone:
 * far fewer tags than an article may keep (what WordPress lets commenters type), links marked as
 * the commenter's own (`nofollow ugc`), and nothing that runs, styles or loads anything.
 */

const COMMENT_SCHEMA: SanitizeSchema = {
  tagNames: ['p', 'br', 'a', 'abbr', 'b', 'blockquote', 'cite', 'code', 'del', 'em', 'i', 'q', 's', 'strong', 'ul', 'ol', 'li', 'pre'],
  attributes: { a: ['href'], abbr: ['title'] },
  protocols: { href: ['http', 'https', 'mailto'] },
  // Removed with their content: what is inside is code or a fallback, never what the reader wrote.
  strip: ['script', 'style', 'template', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'object', 'svg', 'math'],
  clobberPrefix: '',
  clobber: [],
};

const BLOCK_START = /^<(?:p|blockquote|ul|ol|pre|div|h[1-6])[\s>]/i;

/**
 * WordPress stores a comment as typed, paragraphs separated by blank lines, and adds the <p> and
 * <br> when showing it (wpautop): the same here, before sanitising.
 */
function paragraphs(text: string): string {
  return paragraphChunks(text)
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
}

function paragraphChunks(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((chunk) => chunk.trim())
    .filter(Boolean);
}

function markLinks() {
  return (tree: Root) => {
    walkElements(tree, (node) => {
      if (node.tagName === 'a') node.properties.rel = ['nofollow', 'ugc'];
    });
  };
}

const processor = unified()
  .use(rehypeParse, { fragment: true })
  .use(() => lowercaseSchemes)
  .use(rehypeSanitize, COMMENT_SCHEMA)
  .use(markLinks)
  .use(rehypeStringify);

/**
 * Text with no markup, no character reference and no NUL (which the HTML parser drops): most
 * comments. Its tree is the one the parser would make of paragraphs(text), built directly.
 */
const PLAIN = /^[^<&\0]*$/;

function plainTree(text: string): Root {
  const root: Root = { type: 'root', children: [] };
  for (const chunk of paragraphChunks(text)) {
    if (root.children.length > 0) root.children.push({ type: 'text', value: '\n' });
    const children: ElementContent[] = [];
    chunk.split('\n').forEach((line, index) => {
      if (index > 0) children.push({ type: 'element', tagName: 'br', properties: {}, children: [] });
      const value = index > 0 ? `\n${line}` : line;
      if (value) children.push({ type: 'text', value });
    });
    root.children.push({ type: 'element', tagName: 'p', properties: {}, children });
  }
  return root;
}

/** A comment's text (WordPress's raw comment content) as the sanitised HTML the site shows. */
export function commentHtml(text: string, locale: Locale): string {
  return finish(PLAIN.test(text) ? plainTree(text) : parsedTree(text), locale);
}

/** The same, through the HTML parser whatever the text: what tests hold the direct way to. */
export function parsedCommentHtml(text: string, locale: Locale): string {
  return finish(parsedTree(text), locale);
}

function parsedTree(text: string): Root {
  return processor.runSync(processor.parse(paragraphs(text))) as Root;
}

function finish(tree: Root, locale: Locale): string {
  applyTypography(tree, locale);
  return processor.stringify(tree).trim();
}

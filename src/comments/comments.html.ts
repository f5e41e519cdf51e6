import type { Root } from 'hast';
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
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>\n')}</p>`))
    .join('\n');
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

/** A comment's text (WordPress's raw comment content) as the sanitised HTML the site shows. */
export function commentHtml(text: string, locale: Locale): string {
  const tree = processor.runSync(processor.parse(paragraphs(text))) as Root;
  applyTypography(tree, locale);
  return processor.stringify(tree).trim();
}

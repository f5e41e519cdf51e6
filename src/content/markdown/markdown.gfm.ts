import type { Root, Text } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import remarkGfm from 'remark-gfm';
import type { Data, Processor } from 'unified';
import { someNode } from './markdown.walk.ts';

/**
 * GitHub Flavored Markdown as remark-gfm reads it, with the same output at a lower cost on prose.
 *
 * Bare addresses ("www.fevad.com", "https://…", "contact@example.fr") become links in two places:
 * constructs of the parser, and a search in the text nodes afterwards. Both cost most where
 * there is nothing to find, which is most bodies:
 * - the parser's e-mail construct starts at every word and reads it to its end looking for an
 *   "@", then the word is read again as text. Without an "@" in the source it can never match
 *   (an address written `&#64;` is a character reference to the parser), so such a body is read
 *   without it: `emailAutolinks: false`.
 * - the search walks the whole tree once per kind of address; it runs only when some text holds
 *   a "www.", a scheme or an "@", as each of its patterns needs one.
 */
export function remarkArticleGfm(this: Processor, options: { emailAutolinks: boolean }): void {
  remarkGfm.call(this);
  const data = this.data();
  if (!options.emailAutolinks) (data.micromarkExtensions ??= []).push({ disable: { null: ['emailAutolink'] } });
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map((extension) =>
    Array.isArray(extension) ? extension.map(searchOnlyWhereNeeded) : searchOnlyWhereNeeded(extension),
  );
}

type FromMarkdownExtension = Exclude<NonNullable<Data['fromMarkdownExtensions']>[number], unknown[]>;

const linkSearches = new Set(gfmAutolinkLiteralFromMarkdown().transforms);
const ADDRESS = /https?:\/\/|www\.|@/i;

function searchOnlyWhereNeeded(extension: FromMarkdownExtension): FromMarkdownExtension {
  if (!extension.transforms?.some((transform) => linkSearches.has(transform))) return extension;
  return {
    ...extension,
    transforms: extension.transforms.map((transform) =>
      linkSearches.has(transform) ? (tree: Root) => (mayHoldAddress(tree) ? transform(tree) : undefined) : transform,
    ),
  };
}

function mayHoldAddress(tree: Root): boolean {
  return someNode(tree, (node) => node.type === 'text' && ADDRESS.test((node as Text).value));
}

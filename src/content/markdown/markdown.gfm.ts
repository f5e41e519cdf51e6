import type { Root, Text } from 'mdast';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import remarkGfm from 'remark-gfm';
import type { Data, Processor } from 'unified';
import { someNode } from './markdown.walk.ts';

/**
 * GitHub Flavored Markdown as remark-gfm reads it, with the same output at a lower cost on prose.
 *
 * Some GFM constructs cost most where there is nothing to find, which is most bodies:
 * - the e-mail autolink starts at every word and reads it to its end looking for an "@", and the
 *   table starts at every paragraph and reads its first line looking for a "|"; either way the
 *   text is then read again. Neither can match without that character in the source (written
 *   as a character reference, `&#64;` or `&#124;`, it is not one to the parser), so a body
 *   without it is read without the construct: see `gfmConstructsFor`.
 * - the search for bare addresses in text nodes walks the whole tree once per kind of address;
 *   it runs only when some text holds a "www.", a scheme or an "@", as each of its patterns needs.
 */
export interface GfmConstructs {
  emailAutolinks: boolean;
  tables: boolean;
}

/** The constructs a body may use, from the characters it holds. */
export function gfmConstructsFor(markdown: string): GfmConstructs {
  return { emailAutolinks: markdown.includes('@'), tables: markdown.includes('|') };
}

export function remarkArticleGfm(this: Processor, constructs: GfmConstructs): void {
  remarkGfm.call(this);
  const data = this.data();
  const disabled = [...(constructs.emailAutolinks ? [] : ['emailAutolink']), ...(constructs.tables ? [] : ['table'])];
  if (disabled.length > 0) (data.micromarkExtensions ??= []).push({ disable: { null: disabled } });
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

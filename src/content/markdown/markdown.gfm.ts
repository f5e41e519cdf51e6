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
 *   table starts at every paragraph and reads its first line (in Markdown written without hard
 *   wraps, the whole paragraph) looking for a "|"; either way the text is then read again. None
 *   of the constructs below can match without what `NEEDS` looks for in the source (a character
 *   written as a reference, `&#64;` or `&#124;`, is not that character to the parser), so a body
 *   without it is read by a parser that does not have the construct: see `constructsLeftOut`.
 * - the search for bare addresses in text nodes walks the whole tree once per kind of address;
 *   it runs only when some text holds a "www.", a scheme or an "@", as each of its patterns needs.
 */
const holdsEmail = (text: string) => text.includes('@');
const holdsWww = (text: string) => /www\./i.test(text);
const holdsWebScheme = (text: string) => /https?:\/\//i.test(text);

const NEEDS: Record<string, (markdown: string) => boolean> = {
  emailAutolink: holdsEmail,
  wwwAutolink: holdsWww,
  protocolAutolink: holdsWebScheme,
  table: (markdown) => markdown.includes('|'),
};

/** The names of the GFM constructs this body cannot hold, in a fixed order. */
export function constructsLeftOut(markdown: string): readonly string[] {
  return Object.keys(NEEDS).filter((name) => !NEEDS[name]!(markdown));
}

/** remark-gfm, without the parser's constructs named in `leftOut`. */
export function remarkArticleGfm(this: Processor, leftOut: readonly string[]): void {
  remarkGfm.call(this);
  const data = this.data();
  // Taken out of the parser's tables rather than disabled by name: a disabled construct is still
  // looked up, and started, at every character that may begin it.
  const names = new Set(leftOut);
  if (names.size > 0) data.micromarkExtensions = data.micromarkExtensions?.map((extension) => withoutConstructs(extension, names));
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map((extension) =>
    Array.isArray(extension) ? extension.map(searchOnlyWhereNeeded) : searchOnlyWhereNeeded(extension),
  );
}

type MicromarkExtension = NonNullable<Data['micromarkExtensions']>[number];
type ConstructRecord = NonNullable<MicromarkExtension['text']>;
const HOOKS = ['document', 'contentInitial', 'flowInitial', 'flow', 'string', 'text'] as const;

function withoutConstructs(extension: MicromarkExtension, names: ReadonlySet<string>): MicromarkExtension {
  const kept: MicromarkExtension = { ...extension };
  for (const hook of HOOKS) {
    const record = extension[hook];
    if (!record) continue;
    const filtered: ConstructRecord = {};
    for (const [code, value] of Object.entries(record)) {
      if (!value) continue;
      const constructs = (Array.isArray(value) ? value : [value]).filter((construct) => !construct.name || !names.has(construct.name));
      if (constructs.length > 0) filtered[code as unknown as number] = constructs;
    }
    kept[hook] = filtered;
  }
  return kept;
}

type FromMarkdownExtension = Exclude<NonNullable<Data['fromMarkdownExtensions']>[number], unknown[]>;

const linkSearches = new Set(gfmAutolinkLiteralFromMarkdown().transforms);

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
  return someNode(tree, (node) => {
    if (node.type !== 'text') return false;
    const { value } = node as Text;
    return holdsEmail(value) || holdsWww(value) || holdsWebScheme(value);
  });
}

import type { Root } from 'hast';
import type { Root as MdastRoot, Text } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkGemoji from 'remark-gemoji';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { translator, type Locale, type Translate } from '../../i18n/i18n.ts';
import { buildComponents } from './markdown.build.ts';
import { COMPONENT_NODE, componentHandlers, lowerComponents } from './markdown.components.ts';
import { remarkArticleDirectives } from './markdown.directives.ts';
import { constructsLeftOut, remarkArticleGfm } from './markdown.gfm.ts';
import { enhanceImages, type ImageSizer } from './markdown.figures.ts';
import { anchorHeadings, headingDepth } from './markdown.headings.ts';
import { createIdRegistry } from './markdown.ids.ts';
import { markAddressLinks, secureLinks } from './markdown.links.ts';
import { articleSanitizeSchema, lowercaseSchemes } from './markdown.sanitize.ts';
import { parseProseAware } from './markdown.prose.ts';
import { collapseSpaces, readableText, summarize } from './markdown.summary.ts';
import { enhanceTables } from './markdown.tables.ts';
import { applyTypography } from './markdown.typography.ts';
import { someNode, walkElements } from './markdown.walk.ts';

export interface RenderOptions {
  locale: Locale;
  /** Known dimensions of local images, by URL, so <img> gets width/height (no layout shift). */
  imageSize?: ImageSizer;
}

export interface RenderedMarkdown {
  /** Sanitised HTML of the body. */
  html: string;
  /** Plain text of the body, for search and excerpts, whitespace-normalised. */
  text: string;
  /** First meaningful paragraph as plain text, at most 200 characters. */
  excerpt: string;
  wordCount: number;
  readingMinutes: number;
  headings: { depth: number; id: string; text: string }[];
}

/** Renders an article body written in Kiosque's Markdown (see docs/writing.md) to safe HTML. */
export function renderMarkdown(markdown: string, options: RenderOptions): RenderedMarkdown {
  const { tree, headings, processor } = finishedTree(markdown, options);
  return {
    html: processor.stringify(tree),
    ...summarize(tree),
    headings: headings.map((heading) => ({
      depth: headingDepth(heading),
      id: String(heading.properties.id),
      text: collapseSpaces(readableText(heading)),
    })),
  };
}

/**
 * The tree renderMarkdown writes out as HTML: for a caller that wants the rendered text of some
 * Markdown without writing the HTML and parsing it back (an importer's excerpts).
 */
export function renderedTree(markdown: string, options: RenderOptions): Root {
  return finishedTree(markdown, options).tree;
}

function finishedTree(markdown: string, options: RenderOptions) {
  const t = translator(options.locale);
  const processor = articleProcessor(options.locale, constructsLeftOut(markdown));
  const tree = processor.runSync(parseBody(processor, markdown), markdown) as Root;
  // Everything below runs on sanitised HTML and is trusted output: it must stay after sanitising.
  const ids = createIdRegistry(tree);
  const headings = anchorHeadings(tree, ids, t);
  buildComponents(tree, { locale: options.locale, t, ids });
  enhanceTables(tree, t);
  enhanceImages(tree, options.imageSize);
  secureLinks(tree, ids);
  markAddressLinks(tree);
  applyTypography(tree, options.locale);
  return { tree, headings, processor };
}

/**
 * @internal The body's syntax tree as the pipeline parses it, before any transform: with its
 * prose set aside and put back (`prose`, what rendering does), or read whole by the parser.
 */
export function parseArticle(markdown: string, options: { prose: boolean }): MdastRoot {
  const processor = articleProcessor('fr', constructsLeftOut(markdown));
  return options.prose ? parseBody(processor, markdown) : processor.parse(markdown);
}

/** The body's syntax tree, its plain prose not read by the parser (markdown.prose.ts). */
function parseBody(processor: ReturnType<typeof articleProcessor>, markdown: string): MdastRoot {
  return parseProseAware(markdown, (text) => processor.parse(text));
}

const processors = new Map<string, ReturnType<typeof createProcessor>>();

/**
 * The locale's processor, made once: setting up the parser's extensions costs more than a short
 * text. A body gets one that does not try the GFM constructs it cannot hold (see markdown.gfm.ts).
 */
function articleProcessor(locale: Locale, leftOut: readonly string[]) {
  const key = `${locale}:${leftOut.join()}`;
  let processor = processors.get(key);
  if (!processor) processors.set(key, (processor = createProcessor(translator(locale), leftOut)));
  return processor;
}

function createProcessor(t: Translate, leftOut: readonly string[]) {
  return (
    unified()
      .use(remarkParse)
      .use(remarkArticleGfm, leftOut)
      .use(remarkDirective)
      // Before emoji: undoing stray text directives restores shortcodes such as ":wink:".
      .use(remarkArticleDirectives)
      .use(() => replaceShortcodes)
      .use(remarkRehype, {
        allowDangerousHtml: true,
        handlers: componentHandlers,
        // The sanitiser prefixes ids itself; `secureLinks` points footnote links at the result.
        clobberPrefix: '',
        footnoteLabel: t('markdown.footnotes'),
        footnoteBackLabel: (reference, rereference) =>
          t('markdown.footnoteBack', { number: rereference > 1 ? `${reference + 1}-${rereference}` : reference + 1 }),
      })
      .use(() => parseRawHtml)
      .use(() => lowerComponents)
      .use(() => lowercaseSchemes)
      .use(rehypeSanitize, articleSanitizeSchema)
      .use(rehypeStringify)
      .freeze()
  );
}

/**
 * HTML written in the Markdown arrives as `raw` nodes: parsing them into elements (for the
 * sanitiser to judge) re-parses the whole tree through an HTML parser, which costs as much as
 * the rest of the rendering together — so it is done only when the tree holds some.
 */
function parseRawHtml(tree: Root, file: Parameters<typeof parseHtml>[1]): Root {
  if (someNode(tree, (node) => node.type === 'raw')) return parseHtml(tree, file);
  // What the parser would have changed: attributes set to `true` (footnotes' data-footnote-ref,
  // data-footnotes) come back from it as empty strings, so a body reads the same either way.
  walkElements(tree, (element) => {
    for (const [name, value] of Object.entries(element.properties)) {
      if (value === true && name.startsWith('data')) element.properties[name] = '';
    }
  });
  return tree;
}

const parseHtml = rehypeRaw({ passThrough: [COMPONENT_NODE] });

const gemoji = remarkGemoji();
// remark-gemoji's own pattern: its search and replace walks the tree however few texts have one.
const SHORTCODE = /:(\+1|[-\w]+):/;

/** Emoji shortcodes (":wink:") become emoji; most bodies hold none, and are not searched twice. */
function replaceShortcodes(tree: MdastRoot): void {
  if (someNode(tree, (node) => node.type === 'text' && SHORTCODE.test((node as Text).value))) gemoji(tree);
}

import { childElements, findElement, hasClass, textOf, type HtmlElement, type HtmlNode } from './wp.content.html.ts';
import { videoPageUrl } from '../../content/markdown/markdown.embeds.ts';
import { isHeadingId } from '../../content/markdown/markdown.headings.ts';
import { slugify } from '../../lib/slug.ts';
import { absoluteUrl, isImageUrl, isMediaLink, isOwnUrl, isSafeHref, localLink, originalMediaUrl, videoOf } from './wp.content.media.ts';
import { unescapeShortcodes, unknownShortcodes } from './wp.content.shortcodes.ts';
import {
  codeBlock,
  codeSpan,
  destination,
  directiveValue,
  escapeHtml,
  escapeLabel,
  escapeLineStart,
  escapeText,
  imageMarkdown,
  joinBlocks,
  listItem,
  quoteLines,
  HELD_BLOCK,
} from './wp.content.syntax.ts';
import { EMPHASIS_MARKS, resolveEmphasis } from './wp.content.emphasis.ts';
import { collect, iframeSource, imageSource, isImageOnly, languageOf, loneChild, plainText } from './wp.content.nodes.ts';
import { tableMarkdown } from './wp.content.tables.ts';

/** What the writer needs from the conversion: the caller's options and where to report. */
export interface WriterContext {
  siteUrl: string | undefined;
  /** Records a media address and returns the address to write. */
  media(url: string): string;
  /** An attachment of the old blog by id, for [gallery ids="…"]. */
  attachment(id: number): { url: string; alt?: string | undefined; caption?: string | undefined } | undefined;
  problem(code: string, detail: string): void;
  /** The label of a Gutenberg footnote the text calls, by its id; undefined when the post has no text for it. */
  footnote(id: string): string | undefined;
  /** Names closed somewhere by `[/name]`: enclosing shortcodes. */
  closedShortcodes: ReadonlySet<string>;
}

// Elements that stand as blocks of their own; anything else is read as part of a paragraph.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'iframe', 'li', 'main',
  'menu', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul', 'video', 'audio', 'wp-embed', 'wp-gallery', 'wp-media',
]);
// Kept as HTML: the site allows them and Markdown has no syntax for them.
const INLINE_HTML = new Set(['sup', 'sub', 'mark', 'kbd', 'small', 'u', 'ins', 'cite', 'dfn', 'q', 'var', 'samp', 'abbr']);
// Removed with their content, silently: presentation, fallbacks and form controls.
const SILENT_DROP = new Set([
  'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'button', 'input', 'select', 'textarea', 'option', 'link',
  'meta', 'title', 'head', 'map', 'area', 'noembed', 'noframes', 'dialog', 'source', 'track', 'param',
]);
const HEADING = /^h([1-6])$/;
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f]/;
const CONTROL_ALL = /[\u0000-\u0008\u000b\u000e-\u001f]/g;
// Runs of HTML whitespace, which a browser shows as one space (non-breaking spaces are not);
// written so that a lone space, most of the text, is not replaced by itself.
const SPACES = / [ \t\n\r\f]+|[\t\n\r\f][ \t\n\r\f]*/g;

/**
 * The address a heading answers to on the old blog, kept so that links to it (a table of contents,
 * another site) still reach it: its own id (Gutenberg's anchors, Yoast's `h-…` ones), else that of
 * an empty anchor the classic editor put inside it (`<a name="…"></a>`, `<span id="…"></span>`).
 */
function headingAnchor(heading: HtmlElement): string | undefined {
  const own = heading.attributes.id?.trim();
  if (own) return isHeadingId(own) ? own : undefined;
  for (const child of heading.children) {
    if (child.type !== 'element' || (child.name !== 'a' && child.name !== 'span') || child.attributes.href || textOf(child).trim() !== '') continue;
    const id = (child.attributes.id ?? child.attributes.name ?? '').trim();
    if (id) return isHeadingId(id) ? id : undefined;
  }
  return undefined;
}

/** Writes Kiosque Markdown for a tree read by `parseHtml`. */
export class MarkdownWriter {
  private open = { strong: 0, emphasis: 0, strike: 0, link: 0 };
  private inTable = false;
  private held: string[] = [];

  constructor(private readonly context: WriterContext) {}

  document(root: HtmlElement): string {
    return joinBlocks(this.blocks(root.children));
  }

  /** Blocks for a sequence of nodes: runs of text and inline elements become paragraphs. */
  blocks(nodes: readonly HtmlNode[]): string[] {
    const out: string[] = [];
    let run: HtmlNode[] = [];
    for (const node of nodes) {
      if (node.type === 'element' && BLOCK.has(node.name)) {
        if (run.length > 0) out.push(...this.paragraphs(run));
        run = [];
        out.push(...this.block(node));
      } else {
        run.push(node);
      }
    }
    if (run.length > 0) out.push(...this.paragraphs(run));
    return out.filter((block) => block !== '');
  }

  private block(node: HtmlElement): string[] {
    const heading = HEADING.exec(node.name);
    if (heading) return this.heading(node, Number(heading[1]));
    switch (node.name) {
      case 'ul':
      case 'ol':
      case 'menu':
        return this.list(node);
      case 'blockquote':
        return hasClass(node, 'wp-block-pullquote') || hasClass(node, 'pullquote') ? this.pullquote(node) : this.quote(node);
      case 'figure':
        return this.figure(node);
      case 'pre':
        return [this.preformatted(node)];
      case 'hr':
        return ['---'];
      case 'table':
        return this.table(node, undefined);
      case 'dl':
        return this.definitions(node);
      case 'details':
        return this.details(node);
      case 'iframe':
        return this.iframe(node);
      case 'wp-embed':
        return this.embed(node.attributes.url ?? '', undefined);
      case 'wp-gallery':
        return this.gallery(node.attributes.ids ?? '');
      case 'wp-media':
      case 'video':
      case 'audio':
        return this.mediaFile(node);
      case 'form':
        this.context.problem('form_dropped', node.attributes.action ?? '');
        return [];
      case 'div':
        if (hasClass(node, 'wp-caption')) return this.captionedDiv(node);
        if (hasClass(node, 'wp-block-file')) return this.fileBlock(node);
        return this.blocks(node.children);
      default:
        return this.blocks(node.children);
    }
  }

  /** A run of inline content as paragraphs: a blank line (two <br>) starts a new one. */
  private paragraphs(run: readonly HtmlNode[]): string[] {
    const video = loneVideoAddress(run);
    if (video) return this.embed(video, undefined);
    const paragraphs: string[] = [];
    let lines: string[] = [];
    const flush = () => {
      if (lines.length > 0) paragraphs.push(lines.map(escapeLineStart).join('\\\n'));
      lines = [];
    };
    const inline = resolveEmphasis(this.inline(run));
    // Most paragraphs are one line of text: no breaks to cut at, no held blocks.
    if (!inline.includes('\n')) {
      const line = tidyLine(inline);
      return line.trim() === '' ? [] : [escapeLineStart(line)];
    }
    for (const raw of inline.split('\n')) {
      const line = tidyLine(raw);
      if (line.trim() === '') flush();
      else if (line.startsWith(HELD_BLOCK)) {
        flush();
        paragraphs.push(this.held[Number(line.slice(1))] ?? '');
      } else lines.push(line);
    }
    flush();
    return paragraphs;
  }

  /** Inline Markdown; a hard line break is "\n", a block met on the way stands on its own line as HELD_BLOCK + index. */
  inline(nodes: readonly HtmlNode[]): string {
    let text = '';
    for (const node of nodes) text += node.type === 'text' ? this.text(node.value) : this.inlineElement(node);
    return text;
  }

  private text(value: string): string {
    // Control characters are not text (and one of them marks held blocks).
    // Each step is skipped when it has nothing to do: text is most of what is converted.
    const clean = CONTROL.test(value) ? value.replace(CONTROL_ALL, '') : value;
    const collapsed = clean.replace(SPACES, ' ');
    if (!collapsed.includes('[')) return this.escape(collapsed);
    for (const name of unknownShortcodes(collapsed, this.context.closedShortcodes)) this.context.problem('shortcode_unknown', name);
    return this.escape(unescapeShortcodes(collapsed));
  }

  /** Escapes text for where it stands: a link's text links no address of its own. */
  private escape(text: string): string {
    return this.open.link > 0 ? escapeLabel(text) : escapeText(text);
  }

  private inlineElement(node: HtmlElement): string {
    switch (node.name) {
      case 'br':
        return '\n';
      case 'strong':
      case 'b':
        return this.wrap(node, 'strong');
      case 'em':
      case 'i':
        return this.wrap(node, 'emphasis');
      case 'del':
      case 's':
      case 'strike':
        return this.wrap(node, 'strike');
      case 'code':
      case 'tt':
        return codeSpan(textOf(node).replace(/\s+/g, ' '), this.inTable);
      case 'a':
        return this.link(node);
      case 'img':
        return this.image(node, undefined);
      case 'script':
        this.context.problem('script_dropped', node.attributes.src ?? 'inline script');
        return '';
      case 'object':
      case 'embed':
      case 'applet':
        this.context.problem('embed_dropped', node.attributes.data ?? node.attributes.src ?? node.name);
        return '';
      case 'sup':
        return this.footnoteCall(node) ?? this.inlineHtml(node);
      default:
        if (SILENT_DROP.has(node.name)) return '';
        if (INLINE_HTML.has(node.name)) return this.inlineHtml(node);
        // A block met inside a paragraph (a video in a <span>, a <div> in a link): its own lines.
        if (BLOCK.has(node.name)) return this.blockInline(node);
        return this.inline(node.children);
    }
  }

  private blockInline(node: HtmlElement): string {
    // A cell puts each of its blocks on a line of its own; a link keeps them on its one line.
    if (this.inTable) return `\n${this.inline(node.children)}\n`;
    if (this.open.link > 0) return ` ${this.inline(node.children)} `;
    const blocks = this.block(node);
    return blocks.map((block) => `\n\n${HELD_BLOCK}${this.held.push(block) - 1}\n\n`).join('');
  }

  private wrap(node: HtmlElement, kind: 'strong' | 'emphasis' | 'strike'): string {
    const { open: marker, close } = EMPHASIS_MARKS[kind];
    if (this.open[kind] > 0) return this.inline(node.children);
    this.open[kind]++;
    const content = this.inline(node.children);
    this.open[kind]--;
    // Markers hug the text: "** gras **" is not bold in Markdown, and a line break inside
    // closes the markup on each line.
    return content
      .split('\n')
      .map((line) => {
        const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(line) as RegExpExecArray;
        const [, before = '', inner = '', after = ''] = match;
        return inner === '' || inner.startsWith(HELD_BLOCK) ? line : `${before}${marker}${inner}${close}${after}`;
      })
      .join('\n');
  }

  private inlineHtml(node: HtmlElement): string {
    const content = this.inline(node.children);
    if (content.trim() === '') return content;
    const title = node.name === 'abbr' && node.attributes.title ? ` title="${escapeHtml(node.attributes.title)}"` : '';
    return `<${node.name}${title}>${content}</${node.name}>`;
  }

  /** A Gutenberg footnote's call, `<sup data-fn="ID">`, as a GFM footnote reference. */
  private footnoteCall(node: HtmlElement): string | undefined {
    const id = node.attributes['data-fn'];
    const label = id ? this.context.footnote(id) : undefined;
    return label && `[^${label}]`;
  }

  private link(node: HtmlElement): string {
    const href = node.attributes.href?.trim();
    const image = loneChild(node, 'img');
    if (image && href && this.isImageLink(href)) {
      // A thumbnail linked to its full-size file or attachment page: the image is what matters.
      if (isMediaLink(absoluteUrl(href, this.context.siteUrl), this.context.siteUrl)) this.context.media(href);
      return this.image(image, undefined);
    }
    this.open.link++;
    const content = this.inline(node.children).replace(/\s*\n\s*/g, ' ');
    this.open.link--;
    if (!href || !isSafeHref(href) || content.trim() === '') return content;
    return `[${content}](${destination(this.linkTarget(href))})`;
  }

  private isImageLink(href: string): boolean {
    const url = absoluteUrl(href, this.context.siteUrl);
    return isImageUrl(url) || (isOwnUrl(url, this.context.siteUrl) && /attachment/.test(url));
  }

  private linkTarget(href: string): string {
    const url = absoluteUrl(href, this.context.siteUrl);
    if (isMediaLink(url, this.context.siteUrl)) return this.context.media(href);
    return localLink(href, this.context.siteUrl);
  }

  private image(node: HtmlElement, caption: string | undefined): string {
    const src = imageSource(node);
    const alt = (node.attributes.alt ?? '').replace(/\s+/g, ' ').trim();
    if (!src) return this.escape(alt);
    return imageMarkdown(alt, this.context.media(src), caption);
  }

  private heading(node: HtmlElement, depth: number): string[] {
    const text = this.singleLine(node.children);
    if (text === '') return [];
    const id = headingAnchor(node);
    // One Kiosque makes from the text anyway (a Kiosque export's) is not written out.
    const own = id !== undefined && !new RegExp(`^${slugify(textOf(node))}(?:-\\d+)?$`).test(id);
    return [`${'#'.repeat(depth)} ${text.replace(/(#+)$/, '\\$1')}${own ? ` {#${id}}` : ''}`];
  }

  /** Inline content on one line (headings, labels): line breaks become spaces. */
  private singleLine(nodes: readonly HtmlNode[]): string {
    return resolveEmphasis(this.inline(nodes))
      .split('\n')
      .map((line) => this.flatLine(line))
      .filter(Boolean)
      .join(' ')
      .replace(/ {2,}/g, ' ');
  }

  /** A line of inline content where blocks cannot stand: a held block is reduced to its text on one line. */
  private flatLine(line: string): string {
    const text = line.startsWith(HELD_BLOCK) ? (this.held[Number(line.slice(1))] ?? '').replace(/\s*\n\s*/g, ' ') : line;
    return text.trim();
  }

  private list(node: HtmlElement): string[] {
    const items = node.children.filter((child): child is HtmlElement => child.type === 'element' && child.name === 'li');
    if (items.length === 0) return this.blocks(node.children);
    // Gutenberg's older galleries are lists of figures: a list of images only is a gallery.
    if (items.every(isImageOnly)) return items.flatMap((item) => this.blocks(item.children));
    const ordered = node.name === 'ol';
    const start = ordered ? Math.max(0, Number.parseInt(node.attributes.start ?? '1', 10) || 1) : 1;
    const bodies = items.map((item) => this.blocks(item.children));
    // A nested list may follow its item's text on the next line, except an ordered one not
    // starting at 1, which Markdown would read as more text: a blank line (a loose list) then.
    const loose = bodies.some((blocks) => blocks.slice(1).some((block) => !isList(block) || !/^(?:[-*]|1[.)])(?: |$)/.test(block)));
    const separator = loose ? '\n\n' : '\n';
    const rendered = bodies.map((blocks, index) => listItem(ordered ? `${start + index}. ` : '- ', blocks.join(separator)));
    return [rendered.join(separator)];
  }

  private quote(node: HtmlElement): string[] {
    const cite = citationOf(node);
    const body = this.blocks(node.children.filter((child) => child !== cite));
    const source = cite ? this.singleLine(citationContent(cite)) : '';
    if (source) body.push(`— ${source}`);
    return body.length === 0 ? [] : [quoteLines(joinBlocks(body))];
  }

  private pullquote(node: HtmlElement): string[] {
    const quote = node.name === 'blockquote' ? node : (findElement(node, (child) => child.name === 'blockquote') ?? node);
    const cite = citationOf(quote);
    const body = this.blocks(quote.children.filter((child) => child !== cite));
    if (body.length === 0) return [];
    const label = cite ? this.singleLine(citationContent(cite)) : '';
    return [`:::pullquote${label ? `[${label}]` : ''}\n${joinBlocks(body)}\n:::`];
  }

  private figure(node: HtmlElement): string[] {
    if (hasClass(node, 'wp-block-pullquote')) return this.pullquote(node);
    const caption = childElements(node).find((child) => child.name === 'figcaption');
    const captionText = caption ? plainText(caption) : undefined;
    const table = findElement(node, (child) => child.name === 'table');
    if (table) return this.table(table, captionText);
    const embed = findElement(node, (child) => child.name === 'wp-embed' || child.name === 'iframe');
    if (embed) {
      const url = embed.name === 'wp-embed' ? (embed.attributes.url ?? '') : iframeSource(embed);
      return embed.name === 'iframe' && !videoOf(url) ? this.iframe(embed) : this.embed(url, captionText);
    }
    const images = collect(node, 'img');
    if (images.length === 1) return [this.figureImage(node, images[0] as HtmlElement, captionText)];
    // A gallery: its images one after the other, then its caption.
    return this.blocks(node.children);
  }

  /** An image with its caption, alone in its paragraph: the site's figure. */
  private figureImage(container: HtmlElement, img: HtmlElement, caption: string | undefined): string {
    const link = findElement(container, (child) => child.name === 'a' && collect(child, 'img').includes(img));
    const href = link?.attributes.href?.trim();
    const image = this.image(img, caption || undefined);
    if (!href || !isSafeHref(href) || this.isImageLink(href)) {
      if (href && isMediaLink(absoluteUrl(href, this.context.siteUrl), this.context.siteUrl)) this.context.media(href);
      return image;
    }
    return `[${image}](${destination(this.linkTarget(href))})`;
  }

  /** Already-rendered captions, as some plugins stored them: `<div class="wp-caption"><img><p class="wp-caption-text">`. */
  private captionedDiv(node: HtmlElement): string[] {
    const img = collect(node, 'img')[0];
    if (!img) return this.blocks(node.children);
    const caption = findElement(node, (child) => hasClass(child, 'wp-caption-text'));
    return [this.figureImage(node, img, caption ? plainText(caption) : undefined)];
  }

  /**
   * A file block: a link named after the file, then a "Download" button to the same file, which
   * would read as one word stuck to the name. One link is written, the name's when it has one.
   */
  private fileBlock(node: HtmlElement): string[] {
    const links = collect(node, 'a').filter((link) => textOf(link).trim() !== '');
    const link = links.find((candidate) => !hasClass(candidate, 'wp-block-file__button')) ?? links[0];
    return link ? this.paragraphs([link]) : [];
  }

  private table(node: HtmlElement, caption: string | undefined): string[] {
    const tableCaption = childElements(node).find((child) => child.name === 'caption');
    const label = caption || (tableCaption ? plainText(tableCaption) : '');
    this.inTable = true;
    const table = tableMarkdown(node, (cell) => this.cell(cell));
    this.inTable = false;
    if (table === '') return [];
    return [label ? `:::table[${escapeText(label)}]\n${table}\n:::` : table];
  }

  /** A cell's content on one line: Markdown tables have no blocks, line breaks become <br>. */
  private cell(cell: HtmlElement): string {
    return resolveEmphasis(this.inline(cell.children))
      .split('\n')
      .map((line) => this.flatLine(line))
      .filter(Boolean)
      .join('<br>');
  }

  private preformatted(node: HtmlElement): string {
    const code = childElements(node).find((child) => child.name === 'code');
    const language = languageOf(code) ?? languageOf(node);
    // The line break right after <pre> is not content, in HTML.
    const text = textOf(node).replace(/^\r?\n/, '').replace(/\s+$/, '');
    return codeBlock(text, language);
  }

  private definitions(node: HtmlElement): string[] {
    return childElements(node).flatMap((child) => {
      if (child.name === 'dt') {
        const term = this.singleLine(child.children);
        return term ? [`**${term}**`] : [];
      }
      return this.blocks(child.children);
    });
  }

  private details(node: HtmlElement): string[] {
    const summary = childElements(node).find((child) => child.name === 'summary');
    const body = this.blocks(node.children.filter((child) => child !== summary));
    const title = summary ? `<summary>${escapeHtml(plainText(summary))}</summary>\n` : '';
    return [`<details>\n${title}\n${joinBlocks(body)}\n\n</details>`];
  }

  private iframe(node: HtmlElement): string[] {
    const src = iframeSource(node);
    if (videoOf(src)) return this.embed(src, node.attributes.title);
    this.context.problem('iframe_dropped', src);
    return [];
  }

  /** A video on a provider the site embeds becomes `::video`; any other embed, a link to what it showed. */
  private embed(url: string, title: string | undefined): string[] {
    const video = videoOf(url);
    const caption = title?.replace(/\s+/g, ' ').trim();
    if (video) {
      const titled = caption ? ` title="${directiveValue(caption)}"` : '';
      return [`::video{url="${directiveValue(videoPageUrl(video))}"${titled}}`];
    }
    const address = url.trim();
    if (!/^https?:\/\//i.test(address)) return caption ? [escapeText(caption)] : [];
    return [`<${address.replace(/[<>\s]/g, encodeURIComponent)}>`, ...(caption ? [escapeText(caption)] : [])];
  }

  private gallery(ids: string): string[] {
    const numbers = ids.split(',').map((id) => Number.parseInt(id.trim(), 10)).filter(Number.isInteger);
    const figures: string[] = [];
    const missing: number[] = [];
    for (const id of numbers) {
      const attachment = this.context.attachment(id);
      if (attachment) figures.push(imageMarkdown(attachment.alt ?? '', this.context.media(attachment.url), attachment.caption || undefined));
      else missing.push(id);
    }
    if (numbers.length === 0 || missing.length > 0) this.context.problem('gallery_unresolved', missing.join(','));
    return figures;
  }

  /** Audio and video files (the [video] and [audio] shortcodes, <video>, <audio>) become links to the file. */
  private mediaFile(node: HtmlElement): string[] {
    const source = node.attributes.src || findElement(node, (child) => child.name === 'source' && Boolean(child.attributes.src))?.attributes.src || '';
    if (videoOf(source)) return this.embed(source, undefined);
    if (!source || !isSafeHref(source)) return [];
    const url = this.context.media(source);
    const name = decodeURIComponentSafe(url.split(/[?#]/)[0]?.split('/').pop() ?? url);
    return [`[${escapeLabel(name || url)}](${destination(url)})`];
  }
}

/** One space between words and none at the ends (non-breaking spaces are kept). */
function tidyLine(line: string): string {
  const single = line.includes('  ') ? line.replace(/ {2,}/g, ' ') : line;
  const start = single.charCodeAt(0) === 32 ? 1 : 0;
  const end = single.charCodeAt(single.length - 1) === 32 ? single.length - 1 : single.length;
  return start === 0 && end === single.length ? single : single.slice(start, Math.max(start, end));
}

function loneVideoAddress(run: readonly HtmlNode[]): string | undefined {
  const meaningful = run.filter((node) => !(node.type === 'text' && node.value.trim() === '') && !(node.type === 'element' && node.name === 'br'));
  const [only] = meaningful;
  if (meaningful.length !== 1 || only?.type !== 'text') return undefined;
  const address = only.value.trim();
  return /^https?:\/\/\S+$/i.test(address) && videoOf(address) ? address : undefined;
}

/**
 * A quotation's attribution: its <cite> or <footer>, or a last paragraph holding only a <cite>
 * (what wpautop makes of a cite on its own line). Returns the node to leave out of the quote.
 */
function citationOf(quote: HtmlElement): HtmlElement | undefined {
  const children = childElements(quote);
  const direct = children.find((child) => child.name === 'cite' || child.name === 'footer');
  if (direct) return direct;
  const last = children.at(-1);
  return last?.name === 'p' && loneChild(last, 'cite') ? last : undefined;
}

function citationContent(cite: HtmlElement): HtmlNode[] {
  return cite.name === 'p' ? (loneChild(cite, 'cite')?.children ?? cite.children) : cite.children;
}

function isList(block: string): boolean {
  return /^(?:[-*]|\d{1,9}[.)])(?: |$)/.test(block);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

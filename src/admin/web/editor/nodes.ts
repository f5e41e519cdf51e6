import { Node } from '@tiptap/core';
import type { DOMOutputSpec } from '@tiptap/pm/model';
import { parseVideoUrl, type VideoProvider } from '../../../content/markdown/markdown.embeds.ts';

/**
 * The article blocks of Kiosque's Markdown dialect (docs/writing.md) that Tiptap has no node for.
 * Attributes travel as `data-*` attributes, so copying and pasting inside the editor keeps them.
 * Directive labels (attribution, titles, captions) are kept as the Markdown the writer typed.
 */

/** A `data-*` attribute holding a string, or null when absent. */
function dataAttribute(name: string, fallback: string | null = null) {
  return {
    default: fallback,
    parseHTML: (element: { getAttribute(name: string): string | null }) => element.getAttribute(`data-${name}`) ?? fallback,
    renderHTML: (attributes: Record<string, unknown>) => {
      const value = attributes[name];
      return value === null || value === undefined ? {} : { [`data-${name}`]: String(value) };
    },
  };
}

/** A label shown above or below a block's content, never edited in place (the toolbar edits it). */
function label(className: string, text: string): DOMOutputSpec {
  return ['div', { class: className, contenteditable: 'false' }, text];
}

/** An image alone in its paragraph: the site shows it as a figure captioned by its title. */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      src: dataAttribute('src', ''),
      alt: dataAttribute('alt', ''),
      caption: dataAttribute('caption'),
      // Known after an upload; shown in the editor only, the site finds sizes in the media library.
      width: dataAttribute('width'),
      height: dataAttribute('height'),
    };
  },
  parseHTML() {
    return [{ tag: 'figure[data-figure]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const { src, alt, caption, width, height } = node.attrs as Record<string, string | null>;
    const image: Record<string, string> = { src: src ?? '', alt: alt ?? '' };
    if (width) image.width = width;
    if (height) image.height = height;
    const content: DOMOutputSpec[] = [['img', image]];
    if (caption) content.push(['figcaption', caption]);
    return ['figure', { ...HTMLAttributes, 'data-figure': '' }, ...content];
  },
});

/** `:::pullquote[attribution]`: a sentence lifted out of the text. */
export const Pullquote = Node.create({
  name: 'pullquote',
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes() {
    return { attribution: dataAttribute('attribution') };
  },
  parseHTML() {
    return [{ tag: 'figure[data-pullquote]', contentElement: 'blockquote' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const attribution = node.attrs.attribution as string | null;
    const quote: DOMOutputSpec = ['blockquote', 0];
    const figure = { ...HTMLAttributes, class: 'pullquote', 'data-pullquote': '' };
    return attribution ? ['figure', figure, quote, label('pullquote-attribution', attribution)] : ['figure', figure, quote];
  },
});

/** `:::table[caption]` around a table. */
export const CaptionedTable = Node.create({
  name: 'captionedTable',
  group: 'block',
  content: 'table',
  isolating: true,
  addAttributes() {
    return { caption: dataAttribute('caption') };
  },
  parseHTML() {
    return [{ tag: 'div[data-captioned-table]', contentElement: '[data-table]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const caption = (node.attrs.caption as string | null) ?? '';
    return [
      'div',
      { ...HTMLAttributes, class: 'captioned-table', 'data-captioned-table': '' },
      label('table-caption', caption),
      ['div', { 'data-table': '' }, 0],
    ];
  },
});

/** `:::sources[title]`: the documents the article relies on. */
export const Sources = Node.create({
  name: 'sources',
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes() {
    return { title: dataAttribute('title') };
  },
  parseHTML() {
    return [{ tag: 'section[data-sources]', contentElement: '[data-sources-content]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    // "Sources" is the site's heading in both French and English.
    const title = (node.attrs.title as string | null) ?? 'Sources';
    return [
      'section',
      { ...HTMLAttributes, class: 'sources', 'data-sources': '' },
      label('sources-title', title),
      ['div', { 'data-sources-content': '' }, 0],
    ];
  },
});

/** `::readmore[label]{href="…"}`: a link to the longer piece. */
export const ReadMore = Node.create({
  name: 'readMore',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return { href: dataAttribute('href', ''), label: dataAttribute('label') };
  },
  parseHTML() {
    return [{ tag: 'p[data-read-more]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const { href, label: text } = node.attrs as { href: string; label: string | null };
    return ['p', { ...HTMLAttributes, class: 'read-more', 'data-read-more': '' }, ['span', { class: 'read-more-label' }, text ?? '→'], ['span', { class: 'read-more-href' }, href]];
  },
});

const PROVIDER_NAMES: Record<VideoProvider, string> = { youtube: 'YouTube', vimeo: 'Vimeo', dailymotion: 'Dailymotion' };

/** The provider's name for a video address the site can embed, or undefined. */
export function videoProviderName(url: string): string | undefined {
  const video = parseVideoUrl(url);
  return video && PROVIDER_NAMES[video.provider];
}

/**
 * A YouTube, Vimeo or Dailymotion video: `::video{url="…" title="…"}`, or its address alone on
 * its line (`bare`). Shown as a panel: the editor loads nothing from the provider either.
 */
export const Video = Node.create({
  name: 'video',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      url: dataAttribute('url', ''),
      title: dataAttribute('title'),
      bare: {
        default: false,
        parseHTML: (element: { hasAttribute(name: string): boolean }) => element.hasAttribute('data-bare'),
        renderHTML: (attributes: Record<string, unknown>) => (attributes.bare ? { 'data-bare': '' } : {}),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'figure[data-video]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    const { url, title } = node.attrs as { url: string; title: string | null };
    return [
      'figure',
      { ...HTMLAttributes, class: 'video-embed', 'data-video': '' },
      ['span', { class: 'video-provider' }, `▶ ${videoProviderName(url) ?? ''}`],
      ['figcaption', ['span', { class: 'video-title' }, title ?? ''], ' ', ['span', { class: 'video-url' }, url]],
    ];
  },
});

/** A footnote call, `[^label]`. */
export const FootnoteReference = Node.create({
  name: 'footnoteReference',
  group: 'inline',
  inline: true,
  atom: true,
  addAttributes() {
    return { label: dataAttribute('label', '') };
  },
  parseHTML() {
    return [{ tag: 'sup[data-footnote-reference]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['sup', { ...HTMLAttributes, 'data-footnote-reference': '' }, `[^${String(node.attrs.label)}]`];
  },
});

/** A footnote's text, `[^label]: …`, wherever the writer put it. */
export const FootnoteDefinition = Node.create({
  name: 'footnoteDefinition',
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes() {
    return { label: dataAttribute('label', '') };
  },
  parseHTML() {
    return [{ tag: 'div[data-footnote-definition]', contentElement: '[data-footnote-content]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return [
      'div',
      { ...HTMLAttributes, class: 'footnote-definition', 'data-footnote-definition': '' },
      label('footnote-label', `[^${String(node.attrs.label)}]:`),
      ['div', { 'data-footnote-content': '' }, 0],
    ];
  },
});

/**
 * Markdown the editor has no node for (HTML blocks, link definitions, unknown directives…),
 * kept exactly as written and editable as plain text.
 */
export const RawMarkdown = Node.create({
  name: 'rawMarkdown',
  group: 'block',
  content: 'text*',
  marks: '',
  code: true,
  defining: true,
  parseHTML() {
    return [{ tag: 'pre[data-raw-markdown]', preserveWhitespace: 'full' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['pre', { ...HTMLAttributes, class: 'raw-markdown', 'data-raw-markdown': '' }, ['code', 0]];
  },
});

/** The inline counterpart of RawMarkdown: inline HTML (`<sup>`), reference links… */
export const RawInline = Node.create({
  name: 'rawInline',
  group: 'inline',
  inline: true,
  atom: true,
  addAttributes() {
    return { markdown: dataAttribute('markdown', '') };
  },
  parseHTML() {
    return [{ tag: 'code[data-raw-inline]' }];
  },
  renderHTML({ node, HTMLAttributes }) {
    return ['code', { ...HTMLAttributes, class: 'raw-inline', 'data-raw-inline': '' }, String(node.attrs.markdown)];
  },
});

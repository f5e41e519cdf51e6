import { defaultVideoTitle, parseVideoUrl, videoPageUrl } from '../content/markdown/markdown.embeds.ts';
import { feedArticleHtml } from '../feeds/feeds.content.ts';
import type { Locale } from '../i18n/i18n.ts';

/**
 * An article's HTML as WordPress 6 should hold it: the feeds' HTML (every address absolute), with
 * Kiosque's own figures written as the Gutenberg blocks WordPress shows and its editor opens, and
 * that Kiosque's WordPress importer reads back to the Markdown they came from:
 * - a video becomes an embed block around its address, which WordPress turns into its player
 *   (the click-to-load frame and its notice, true only on Kiosque, are left behind);
 * - a pull-quote becomes a pull-quote block, its attribution a <cite>;
 * - a captioned image becomes an image block, with its width and height.
 * Like the feeds, this works on the text: bodies have the one shape their serializer gives them.
 */
export function wordpressArticleHtml(html: string, articleUrl: string, locale: Locale): string {
  return feedArticleHtml(html, articleUrl)
    .replace(VIDEO_FIGURE, (figure, caption: string) => videoBlock(figure, caption, locale))
    .replace(PULLQUOTE_FIGURE, (_figure, quote: string, attribution: string | undefined) => pullquoteBlock(quote, attribution))
    .replace(IMAGE_FIGURE, (_figure, img: string, caption: string | undefined) => imageBlock(img, caption));
}

// The feeds' HTML has lost the frame: only the caption is left, its link to the video's page first.
const VIDEO_FIGURE = /<figure class="video-embed[^"]*">\s*<figcaption>([\s\S]*?)<\/figcaption><\/figure>/g;
const VIDEO_LINK = /^<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/;
// A pull-quote's content ends with its blockquote, right before the caption or the figure's end.
const PULLQUOTE_FIGURE = /<figure class="pullquote"><blockquote>([\s\S]*?)<\/blockquote>(?:<figcaption>([\s\S]*?)<\/figcaption>)?<\/figure>/g;
const IMAGE_FIGURE = /<figure>(<img [^>]*>)(?:<figcaption>([\s\S]*?)<\/figcaption>)?<\/figure>/g;
const ATTRIBUTE_VALUE = (name: string) => new RegExp(`\\s${name}="([^"]*)"`);

function videoBlock(figure: string, caption: string, locale: Locale): string {
  const link = VIDEO_LINK.exec(caption);
  const video = link ? parseVideoUrl(unescapeAttribute(link[1]!)) : undefined;
  if (!link || !video) return figure;
  const url = videoPageUrl(video);
  const title = link[2]!;
  const captionHtml = title === escapeText(defaultVideoTitle(video, locale)) ? '' : `<figcaption class="wp-element-caption">${title}</figcaption>`;
  const attributes = { url, type: 'video', providerNameSlug: video.provider, responsive: true, className: 'wp-embed-aspect-16-9 wp-has-aspect-ratio' };
  return (
    `<!-- wp:embed ${blockJson(attributes)} -->\n` +
    `<figure class="wp-block-embed is-type-video is-provider-${video.provider} wp-block-embed-${video.provider} wp-embed-aspect-16-9 wp-has-aspect-ratio">` +
    `<div class="wp-block-embed__wrapper">\n${escapeText(url)}\n</div>${captionHtml}</figure>\n<!-- /wp:embed -->`
  );
}

function pullquoteBlock(quote: string, attribution: string | undefined): string {
  const cite = attribution ? `<cite>${attribution}</cite>` : '';
  return `<!-- wp:pullquote -->\n<figure class="wp-block-pullquote"><blockquote>${quote.trim()}${cite}</blockquote></figure>\n<!-- /wp:pullquote -->`;
}

function imageBlock(img: string, caption: string | undefined): string {
  const width = Number(ATTRIBUTE_VALUE('width').exec(img)?.[1]);
  const height = Number(ATTRIBUTE_VALUE('height').exec(img)?.[1]);
  const size = width > 0 && height > 0 ? { width, height } : {};
  const figcaption = caption ? `<figcaption class="wp-element-caption">${caption}</figcaption>` : '';
  return `<!-- wp:image ${blockJson({ ...size, sizeSlug: 'full' })} -->\n<figure class="wp-block-image size-full">${img}${figcaption}</figure>\n<!-- /wp:image -->`;
}

/** Block attributes as WordPress serializes them: JSON in which "--" and "<" cannot end the comment or open a tag. */
function blockJson(attributes: Record<string, unknown>): string {
  return JSON.stringify(attributes).replace(/--/g, '\\u002d\\u002d').replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeAttribute(value: string): string {
  return value.replace(/&#x26;|&amp;/g, '&').replace(/&#x22;|&quot;/g, '"');
}

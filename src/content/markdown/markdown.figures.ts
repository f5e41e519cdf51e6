import type { Element, ElementContent, Properties, Root } from 'hast';
import { h } from 'hastscript';
import type { PictureMarkup } from '../../media/media.picture.ts';
import { SKIP, walkElements } from './markdown.walk.ts';

/** What is known of a local image: its pixel size, and its other formats and widths when the library made them. */
export interface KnownImage {
  width: number;
  height: number;
  picture?: PictureMarkup | undefined;
}

/** What is known of a local image, looked up by its `src`. */
export type ImageSizer = (src: string) => KnownImage | undefined;

/**
 * Lazy-loads every image and gives it its size when known, so the page does not jump while
 * images arrive; a library image with AVIF and WebP copies becomes a `<picture>` (built here,
 * after sanitising: writers' own `<picture>` and `srcset` never get through); an image alone in
 * its paragraph becomes a figure captioned by its title.
 */
export function enhanceImages(tree: Root, imageSize: ImageSizer | undefined): void {
  walkElements(tree, (img, index, parent) => {
    if (img.tagName !== 'img') return;
    const { src, alt } = img.properties;
    if (typeof src === 'string' && src !== '') {
      const picture = decorate(img, src, imageSize);
      if (!picture) return;
      parent.children[index] = picture;
      return [SKIP, index + 1];
    }
    // The sanitiser removed a dangerous address; the alternative text still says what was meant.
    const replacement: ElementContent[] = typeof alt === 'string' && alt ? [{ type: 'text', value: alt }] : [];
    parent.children.splice(index, 1, ...replacement);
    return index;
  });
  walkElements(tree, (paragraph, index, parent) => {
    if (paragraph.tagName !== 'p') return;
    const img = loneImage(paragraph);
    if (img) parent.children[index] = figure(img);
  });
}

/** Returns the `<picture>` to put in the image's place, when the library has other formats of it. */
function decorate(img: Element, src: string, imageSize: ImageSizer | undefined): Element | undefined {
  const { alt, width, height, ...rest } = img.properties;
  const size = width === undefined && height === undefined ? imageSize?.(src) : undefined;
  const properties: Properties = { src, alt: alt ?? '', loading: 'lazy', decoding: 'async' };
  const finalWidth = size?.width ?? width;
  const finalHeight = size?.height ?? height;
  if (finalWidth !== undefined) properties.width = finalWidth;
  if (finalHeight !== undefined) properties.height = finalHeight;
  delete rest.src;
  img.properties = { ...properties, ...rest };
  const picture = size?.picture;
  if (!picture) return undefined;
  if (picture.srcset) img.properties = { ...img.properties, srcSet: picture.srcset, sizes: picture.sizes };
  return h('picture', [...picture.sources.map((source) => h('source', { type: source.type, srcSet: source.srcset, sizes: picture.sizes })), img]);
}

function loneImage(paragraph: Element): Element | undefined {
  const content = paragraph.children.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const [only] = content;
  return content.length === 1 && only?.type === 'element' && (only.tagName === 'img' || only.tagName === 'picture') ? only : undefined;
}

/** `image` is an `<img>`, or a `<picture>` whose `<img>` holds the title. */
function figure(image: Element): Element {
  const img = image.tagName === 'img' ? image : image.children.find((child): child is Element => child.type === 'element' && child.tagName === 'img');
  const { title, ...properties } = img?.properties ?? {};
  if (img) img.properties = properties;
  const caption = typeof title === 'string' && title.trim() ? [h('figcaption', title)] : [];
  return h('figure', [image, ...caption]);
}

import type { Element, ElementContent, Properties, Root } from 'hast';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';

/** Known pixel size of a local image, looked up by its `src`. */
export type ImageSizer = (src: string) => { width: number; height: number } | undefined;

/**
 * Lazy-loads every image and gives it its size when known, so the page does not jump while
 * images arrive; an image alone in its paragraph becomes a figure captioned by its title.
 */
export function enhanceImages(tree: Root, imageSize: ImageSizer | undefined): void {
  visit(tree, 'element', (img, index, parent) => {
    if (img.tagName !== 'img' || !parent || index === undefined) return;
    const { src, alt } = img.properties;
    if (typeof src === 'string' && src !== '') {
      decorate(img, src, imageSize);
      return;
    }
    // The sanitiser removed a dangerous address; the alternative text still says what was meant.
    const replacement: ElementContent[] = typeof alt === 'string' && alt ? [{ type: 'text', value: alt }] : [];
    parent.children.splice(index, 1, ...replacement);
    return index;
  });
  visit(tree, 'element', (paragraph, index, parent) => {
    if (paragraph.tagName !== 'p' || !parent || index === undefined) return;
    const img = loneImage(paragraph);
    if (img) parent.children[index] = figure(img);
  });
}

function decorate(img: Element, src: string, imageSize: ImageSizer | undefined): void {
  const { alt, width, height, ...rest } = img.properties;
  const size = width === undefined && height === undefined ? imageSize?.(src) : undefined;
  const properties: Properties = { src, alt: alt ?? '', loading: 'lazy', decoding: 'async' };
  const finalWidth = size?.width ?? width;
  const finalHeight = size?.height ?? height;
  if (finalWidth !== undefined) properties.width = finalWidth;
  if (finalHeight !== undefined) properties.height = finalHeight;
  delete rest.src;
  img.properties = { ...properties, ...rest };
}

function loneImage(paragraph: Element): Element | undefined {
  const content = paragraph.children.filter((node) => !(node.type === 'text' && node.value.trim() === ''));
  const [only] = content;
  return content.length === 1 && only?.type === 'element' && only.tagName === 'img' ? only : undefined;
}

function figure(img: Element): Element {
  const { title, ...properties } = img.properties;
  img.properties = properties;
  const caption = typeof title === 'string' && title.trim() ? [h('figcaption', title)] : [];
  return h('figure', [img, ...caption]);
}

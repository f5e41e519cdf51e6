import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Translate } from '../../i18n/i18n.ts';
import type { IdRegistry } from './markdown.ids.ts';
import { walkElements } from './markdown.walk.ts';

const HEADING = /^h[1-6]$/;

/**
 * Demotes every h1 to h2, because the article title is the page's only h1, then gives each
 * heading an id and a self-link. Headings that already carry an id (footnotes, writers' HTML)
 * keep it untouched. Returns the anchored headings in document order.
 */
export function anchorHeadings(tree: Root, ids: IdRegistry, t: Translate): Element[] {
  const anchored: Element[] = [];
  walkElements(tree, (element) => {
    if (!HEADING.test(element.tagName)) return;
    if (element.tagName === 'h1') element.tagName = 'h2';
    if (element.properties.id !== undefined) return;
    const id = ids.claim(toString(element), 'section');
    element.properties.id = id;
    element.children.push(selfLink(id, t));
    anchored.push(element);
  });
  return anchored;
}

// Written out rather than made by hastscript's `h`, which looks up what each property is: that cost
// nearly as much as making the heading's id.
function selfLink(id: string, t: Translate): Element {
  return {
    type: 'element',
    tagName: 'a',
    properties: { className: ['anchor'], href: `#${id}`, ariaLabel: t('markdown.anchor') },
    children: [{ type: 'text', value: '#' }],
  };
}

/** The heading's level, as a number. */
export function headingDepth(element: Element): number {
  return Number(element.tagName.slice(1));
}

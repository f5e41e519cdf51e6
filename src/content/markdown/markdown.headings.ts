import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Translate } from '../../i18n/i18n.ts';
import type { IdRegistry } from './markdown.ids.ts';
import { walkElements } from './markdown.walk.ts';

const HEADING = /^h[1-6]$/;

/**
 * Demotes every h1 to h2, because the article title is the page's only h1, then gives each
 * heading an id and a self-link: the id the writer gave it (`## Les chiffres {#chiffres}`, see
 * `customId`), else one made from its text. Writers' ids are handed out first, so that a heading
 * whose text makes the same id cannot take it. Headings that already carry an id (footnotes,
 * writers' HTML) keep it untouched. Returns the anchored headings in document order.
 */
export function anchorHeadings(tree: Root, ids: IdRegistry, t: Translate): Element[] {
  const headings: Element[] = [];
  walkElements(tree, (element) => {
    if (!HEADING.test(element.tagName)) return;
    if (element.tagName === 'h1') element.tagName = 'h2';
    if (element.properties.id === undefined) headings.push(element);
  });
  const chosen = new Map<Element, string>();
  for (const heading of headings) {
    const wanted = customId(heading);
    if (wanted !== undefined) chosen.set(heading, ids.reserve(wanted));
  }
  for (const heading of headings) {
    const id = chosen.get(heading) ?? ids.claim(toString(heading), 'section');
    heading.properties.id = id;
    heading.children.push(selfLink(id, t));
  }
  return headings;
}

/**
 * `{#id}` at the end of a heading, as Hugo, Pandoc and kramdown read it: letters, digits, `_`,
 * `-` and `.`, starting with a letter or digit. Anything else stays the heading's text.
 */
const CUSTOM_ID = /[ \t]*\{#([\p{L}\p{N}][\p{L}\p{N}_.-]*)\}[ \t]*$/u;
const ID = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;

/** Whether `id` can be written as a heading's `{#id}`. */
export function isHeadingId(id: string): boolean {
  return ID.test(id);
}

/** Takes the writer's `{#id}` off the end of the heading and returns it; a heading made of nothing else keeps it as text. */
function customId(heading: Element): string | undefined {
  const last = heading.children.at(-1);
  if (last?.type !== 'text') return undefined;
  const match = CUSTOM_ID.exec(last.value);
  if (!match) return undefined;
  const rest = last.value.slice(0, match.index);
  if (rest === '' && heading.children.length === 1) return undefined;
  if (rest === '') heading.children.pop();
  else last.value = rest;
  return match[1];
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

import type { Root } from 'hast';
import { slugify, uniqueSlug } from '../../lib/slug.ts';
import { walkElements } from './markdown.walk.ts';

/** Hands out element ids that are unique within one article. */
export interface IdRegistry {
  /** A free id made from `text`, or from `fallback` when the text has no letters or digits. */
  claim(text: string, fallback: string): string;
  /** `wanted` itself when it is free, else `wanted-2`, `wanted-3`…: an id the writer chose. */
  reserve(wanted: string): string;
  has(id: string): boolean;
}

/**
 * Ids of the page around an article's body, which the body's own must not repeat: the top every
 * "Haut de page" link leads to, the skip link's target (src/site/views/layout.tsx), the page's
 * sections (all `k-…`) and its comments (`comment-<id>`). A heading "Top" gets `top-2`.
 */
export const PAGE_IDS = { top: 'top', content: 'contenu' } as const;

function isPageId(id: string): boolean {
  if (id === PAGE_IDS.top || id === PAGE_IDS.content) return true;
  // "k-pop-2" is free: the page's own never end with a number, and numbering must find a free id.
  if (id.startsWith('k-')) return !/-\d+$/.test(id);
  return /^comment-\d+$/.test(id);
}

/**
 * Starts from the ids already in the tree, such as the `user-content-` ones of writers' HTML,
 * and never hands out one of the page's (`PAGE_IDS`).
 */
export function createIdRegistry(tree: Root): IdRegistry {
  const taken = new Set<string>();
  walkElements(tree, (element) => {
    const id = element.properties.id;
    if (typeof id === 'string') taken.add(id);
  });
  return {
    claim(text, fallback) {
      return this.reserve(slugify(text) || fallback);
    },
    reserve(wanted) {
      const id = uniqueSlug(wanted, (candidate) => taken.has(candidate) || isPageId(candidate));
      taken.add(id);
      return id;
    },
    has: (id) => taken.has(id),
  };
}

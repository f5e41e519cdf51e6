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

/** Starts from the ids already in the tree, such as the `user-content-` ones of writers' HTML. */
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
      const id = uniqueSlug(wanted, (candidate) => taken.has(candidate));
      taken.add(id);
      return id;
    },
    has: (id) => taken.has(id),
  };
}

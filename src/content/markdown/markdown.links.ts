import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { IdRegistry } from './markdown.ids.ts';
import { leavesSite } from './markdown.urls.ts';
import { walkElements } from './markdown.walk.ts';

const CLOBBER_PREFIX = 'user-content-';

/**
 * Links leaving the site send no referrer and get no handle on this page. In-page links to ids
 * the sanitiser prefixed (footnotes, writers' own `id`s) are pointed at the prefixed id, as
 * GitHub does with a script.
 */
export function secureLinks(tree: Root, ids: IdRegistry): void {
  walkElements(tree, (link) => {
    const href = link.properties.href;
    if (link.tagName !== 'a' || typeof href !== 'string') return;
    if (leavesSite(href)) {
      link.properties.rel = ['external', 'noopener', 'noreferrer'];
    } else if (href.startsWith('#')) {
      const target = decodeFragment(href.slice(1));
      if (!ids.has(target) && ids.has(CLOBBER_PREFIX + target)) link.properties.href = `#${CLOBBER_PREFIX}${target}`;
    }
  });
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Whether a link's text is its address ("https://…", "www.…"), as a bare address in the text makes it. */
export function showsItsAddress(link: Element): boolean {
  const text = toString(link).trim();
  return /^(?:https?:\/\/|www\.|mailto:)/i.test(text) || text === link.properties.href;
}

/** Links that show their address say so, so that printing does not write the address a second time after them. */
export function markAddressLinks(tree: Root): void {
  walkElements(tree, (link) => {
    if (link.tagName !== 'a' || !showsItsAddress(link)) return;
    const classes = link.properties.className;
    link.properties.className = [...(Array.isArray(classes) ? classes : []), 'shows-address'];
  });
}

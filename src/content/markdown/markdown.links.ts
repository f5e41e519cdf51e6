import type { Root } from 'hast';
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

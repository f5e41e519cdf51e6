import type { IncomingMessage, ServerResponse } from 'node:http';
import { writePrepared } from '../../http/prepared.ts';
import { queryAddressOf, wordpressSearchOf } from '../../redirects/redirects.query-addresses.ts';
import { searchPath } from '../site.urls.ts';
import type { FreshPageCache } from './fresh-page-cache.ts';

/** A request's path, without its query string: cached pages do not depend on it. */
export function pathOfUrl(url: string | undefined): string {
  if (!url) return '/';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Paths whose answer depends on the query string (search results): the cache, keyed by path
 * alone, would give `/recherche?q=b` the page of `/recherche?q=a`. Both languages' paths, since
 * neither can be a post's address (they are reserved slugs).
 */
const QUERY_PAGES: ReadonlySet<string> = new Set([searchPath('fr'), searchPath('en')]);

export function isCacheablePath(path: string): boolean {
  return !QUERY_PAGES.has(path);
}

/**
 * The reading path of a warm page, in front of the router: cache lookup, then bytes. Everything
 * else (a miss, another method) goes on to the application.
 */
export function answerFromCacheFirst(
  pages: FreshPageCache,
  application: (request: IncomingMessage, response: ServerResponse) => void,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    if (request.method === 'GET' || request.method === 'HEAD') {
      const path = pathOfUrl(request.url);
      // WordPress's `/?p=12` may have a redirect rule and `/?s=…` is a search: the application answers them before the cache.
      const url = request.url ?? '/';
      const hit = isCacheablePath(path) && queryAddressOf(url) === undefined && wordpressSearchOf(url) === undefined ? pages.lookup(path) : undefined;
      if (hit) {
        writePrepared(request, response, hit);
        return;
      }
    }
    application(request, response);
  };
}

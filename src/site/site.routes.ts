import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendPrepared } from '../http/prepared.ts';
import { isCacheablePath, pathOfUrl } from './cache/cache-front.ts';
import type { FreshPageCache } from './cache/fresh-page-cache.ts';
import { prepareResponse } from './cache/page-cache.ts';
import type { SiteAssets } from './site.assets.ts';
import { ERROR_CACHE_CONTROL, PAGE_CACHE_CONTROL, PUBLIC_SECURITY_HEADERS } from './site.headers.ts';
import { queryAddressOf, wordpressSearchOf } from '../redirects/redirects.query-addresses.ts';
import { withQuery } from '../redirects/redirects.rules.ts';
import { archivePage, buildChrome, findRedirect, homePage, resolvePath, type ResolvedPath, type SiteContext } from './site.service.ts';
import { archivePrefix, homePath, searchPath, type ArchiveKind } from './site.urls.ts';
import { renderArchivePage } from './views/archive.view.tsx';
import { renderArticlePage } from './views/article.view.tsx';
import { renderGonePage, renderNotFoundPage } from './views/error.view.tsx';
import { renderHomePage } from './views/home.view.tsx';
import { renderStaticPage } from './views/page.view.tsx';

/**
 * The public reading site. A warm page never reaches these routes: it is answered in front of the
 * router (cache-front.ts). On a miss a route runs its service function, renders the page, and
 * stores it for the next reader.
 */
export interface SiteRoutesOptions {
  site: SiteContext;
  assets: SiteAssets;
  pages: FreshPageCache;
}

const HTML = 'text/html; charset=utf-8';
const PAGE_NUMBER = /^[1-9]\d{0,5}$/;

/** A listing's first page has no number of its own: "/categorie/x/page/1/" is "/categorie/x/". */
function withoutFirstPage(path: string): string {
  return path.replace(/(^|\/)page\/1\/$/, '$1');
}

function pathOf(request: FastifyRequest): string {
  return pathOfUrl(request.url);
}

export async function siteRoutes(app: FastifyInstance, { site, assets, pages }: SiteRoutesOptions): Promise<void> {
  const gone = async (request: FastifyRequest, reply: FastifyReply) => {
    const html = renderGonePage(await buildChrome(site, pathOf(request)));
    return sendPrepared(request, reply, prepareResponse(html, { status: 410, contentType: HTML, cacheControl: ERROR_CACHE_CONTROL, headers: PUBLIC_SECURITY_HEADERS }));
  };
  /** A redirect rule's answer; the request's query string goes along (`?utm_source=…` survives a move). */
  const redirected = (request: FastifyRequest, reply: FastifyReply, found: Extract<ResolvedPath, { kind: 'redirect' | 'gone' }>, query = request.url.slice(pathOf(request).length)) =>
    found.kind === 'gone' ? gone(request, reply) : reply.redirect(withQuery(found.location, query), found.status as 301 | 302);

  // MUST run before the cache hook below: WordPress's `/?p=12` is the home page's path to the
  // cache, keyed by path alone. Its rule (an imported blog's) answers first; without one, the
  // request goes on and the home page is served, from the cache when it is warm. WordPress's
  // search, `/?s=…`, goes to the site's own search page with the same words.
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    // The router reads "//categorie/x//" as "/categorie/x/": one address, so one answer, a move to it.
    const path = pathOf(request);
    if (path.includes('//')) return reply.redirect(path.replace(/\/{2,}/g, '/') + request.url.slice(path.length), 301);
    const words = wordpressSearchOf(request.url);
    if (words !== undefined) return reply.redirect(`${searchPath(site.settings.current.locale)}?q=${encodeURIComponent(words)}`, 301);
    const legacy = queryAddressOf(request.url);
    if (!legacy) return;
    const found = await findRedirect(site, legacy.address);
    if (found) return redirected(request, reply, found, legacy.rest);
  });

  // The cache front misses until it knows when the next scheduled post goes out; this hook finds
  // out, then answers the hit (and serves in-process requests, which bypass the front).
  app.addHook('onRequest', async (request, reply) => {
    if (!pages.enabled || (request.method !== 'GET' && request.method !== 'HEAD')) return;
    await pages.ready();
    const path = pathOf(request);
    const hit = isCacheablePath(path) ? pages.lookup(path) : undefined;
    if (hit) return sendPrepared(request, reply, hit);
  });

  for (const [href, response] of assets.responses) {
    app.get(href, (request, reply) => sendPrepared(request, reply, response));
  }

  /** Serves a rendered page and keeps it for the next readers, if the content is still the same. */
  const respond = (request: FastifyRequest, reply: FastifyReply, html: string, version: number) => {
    const prepared = prepareResponse(html, { contentType: HTML, cacheControl: PAGE_CACHE_CONTROL, headers: PUBLIC_SECURITY_HEADERS });
    pages.store(pathOf(request), prepared, version);
    return sendPrepared(request, reply, prepared);
  };

  const notFound = async (request: FastifyRequest, reply: FastifyReply) => {
    // An address no route knows (or an archive that no longer exists) may still have a rule.
    if (request.method === 'GET' || request.method === 'HEAD') {
      const found = await findRedirect(site, pathOf(request));
      if (found) return redirected(request, reply, found);
    }
    const html = renderNotFoundPage(await buildChrome(site, pathOf(request)));
    return sendPrepared(request, reply, prepareResponse(html, { status: 404, contentType: HTML, cacheControl: ERROR_CACHE_CONTROL, headers: PUBLIC_SECURITY_HEADERS }));
  };
  app.setNotFoundHandler(notFound);

  const home = async (request: FastifyRequest, reply: FastifyReply, page: number) => {
    const version = pages.version;
    const view = await homePage(site, page);
    if (!view) return notFound(request, reply);
    return respond(request, reply, renderHomePage(await buildChrome(site, pathOf(request)), view), version);
  };
  app.get('/', (request, reply) => home(request, reply, 1));
  app.get<{ Params: { page: string } }>('/page/:page/', (request, reply) => {
    const page = request.params.page;
    if (!PAGE_NUMBER.test(page)) return notFound(request, reply);
    if (page === '1') return reply.redirect(homePath(1), 301);
    return home(request, reply, Number(page));
  });

  const archive = async (request: FastifyRequest<{ Params: { slug: string; page?: string } }>, reply: FastifyReply, kind: ArchiveKind, prefix: string) => {
    const { slug, page = '1' } = request.params;
    if (archivePrefix(site.settings.current.locale, kind) !== prefix || !PAGE_NUMBER.test(page)) return notFound(request, reply);
    const version = pages.version;
    const view = await archivePage(site, kind, slug, Number(page));
    if (!view) return notFound(request, reply);
    if (page === '1' && request.params.page !== undefined) return reply.redirect(view.url, 301);
    return respond(request, reply, renderArchivePage(await buildChrome(site, pathOf(request)), view), version);
  };
  const archives: [ArchiveKind, string][] = [
    ['category', 'categorie'],
    ['category', 'category'],
    ['tag', 'tag'],
    ['author', 'auteur'],
    ['author', 'author'],
  ];
  for (const [kind, prefix] of archives) {
    app.get<{ Params: { slug: string } }>(`/${prefix}/:slug/`, (request, reply) => archive(request, reply, kind, prefix));
    app.get<{ Params: { slug: string; page: string } }>(`/${prefix}/:slug/page/:page/`, (request, reply) => archive(request, reply, kind, prefix));
  }

  // Articles and pages live at addresses set by the permalink pattern: everything else ends here.
  app.get('/*', async (request, reply) => {
    const path = pathOf(request);
    // WordPress addresses end with a slash; the same address without it is the same page.
    if (!path.endsWith('/') && !/\.[a-z0-9]+$/i.test(path)) {
      // A rule for the address as written, or with its slash, answers at once: not a 301 to the slash, then another.
      const found = (await findRedirect(site, path)) ?? (await findRedirect(site, path + '/'));
      if (found) return redirected(request, reply, found);
      const query = request.url.slice(path.length);
      // "/page/1" goes where "/page/1/" would send it, in one hop.
      return reply.redirect(withoutFirstPage(path + '/') + query, 301);
    }
    const version = pages.version;
    const found = await resolvePath(site, path);
    switch (found.kind) {
      case 'article':
        return respond(request, reply, renderArticlePage(await buildChrome(site, path), found.view), version);
      case 'page':
        return respond(request, reply, renderStaticPage(await buildChrome(site, path), found.view), version);
      case 'redirect':
      case 'gone':
        return redirected(request, reply, found);
      case 'none':
        return notFound(request, reply);
    }
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendPrepared } from '../http/prepared.ts';
import type { Locale } from '../i18n/i18n.ts';
import { pathOfUrl } from '../site/cache/cache-front.ts';
import type { FreshPageCache } from '../site/cache/fresh-page-cache.ts';
import { prepareResponse } from '../site/cache/page-cache.ts';
import { PAGE_CACHE_CONTROL, PUBLIC_SECURITY_HEADERS } from '../site/site.headers.ts';
import type { SiteContext } from '../site/site.service.ts';
import { archivePrefix, feedPath, type ArchiveKind, type FeedFormat } from '../site/site.urls.ts';
import { renderAtom } from './feeds.atom.ts';
import { renderJsonFeed } from './feeds.json.ts';
import type { FeedView } from './feeds.models.ts';
import { renderRss } from './feeds.rss.ts';
import { buildFeed, type FeedSource } from './feeds.service.ts';

/**
 * The site's feeds, one of each format for the site and for every category, tag and author, at
 * the addresses of feedPath(). They are cached, compressed and answered like pages (the page
 * cache empties itself on every change and when a scheduled post goes out), with Last-Modified
 * beside the ETag for readers that poll with If-Modified-Since.
 */
export interface FeedRoutesOptions {
  site: SiteContext;
  pages: FreshPageCache;
}

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const FEED_HEADERS: Readonly<Record<string, string>> = {
  ...PUBLIC_SECURITY_HEADERS,
  // Readers and search engines follow a feed's links; the feed itself is not a page to rank.
  'x-robots-tag': 'noindex, follow',
};

const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];
const KINDS: readonly ArchiveKind[] = ['category', 'tag', 'author'];
const LOCALES: readonly Locale[] = ['fr', 'en'];

function render(format: FeedFormat, feed: FeedView, builtAt: string): string {
  switch (format) {
    case 'rss':
      return renderRss(feed);
    case 'atom':
      return renderAtom(feed, builtAt);
    case 'json':
      return renderJsonFeed(feed);
  }
}

export async function feedRoutes(app: FastifyInstance, { site, pages }: FeedRoutesOptions): Promise<void> {
  const serve = async (request: FastifyRequest, reply: FastifyReply, format: FeedFormat, source: FeedSource) => {
    const version = pages.version;
    const feed = await buildFeed(site, source);
    if (!feed) return reply.callNotFound();
    const prepared = prepareResponse(render(format, feed, site.now()), {
      contentType: CONTENT_TYPES[format],
      cacheControl: PAGE_CACHE_CONTROL,
      headers: FEED_HEADERS,
      lastModified: feed.updated,
    });
    pages.store(pathOfUrl(request.url), prepared, version);
    return sendPrepared(request, reply, prepared);
  };

  for (const format of FORMATS) {
    app.get(feedPath(format), (request, reply) => serve(request, reply, format, { kind: 'site' }));
    for (const kind of KINDS) {
      // Both languages' addresses are routes; only the site's own language answers (as for the archives).
      const routes = new Map(LOCALES.map((locale) => [feedPath(format, { locale, kind, slug: ':slug' }), archivePrefix(locale, kind)]));
      for (const [pattern, prefix] of routes) {
        app.get<{ Params: { slug: string } }>(pattern, (request, reply) =>
          archivePrefix(site.settings.current.locale, kind) === prefix
            ? serve(request, reply, format, { kind, slug: request.params.slug })
            : reply.callNotFound(),
        );
      }
    }
  }
}

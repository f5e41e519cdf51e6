import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kiosque } from '../app.ts';
import { findNextScheduledAt } from '../content/content.queries.ts';
import { sendPrepared } from '../http/prepared.ts';
import { pathOfUrl } from '../site/cache/cache-front.ts';
import type { FreshPageCache } from '../site/cache/fresh-page-cache.ts';
import { prepareResponse } from '../site/cache/page-cache.ts';
import { PAGE_CACHE_CONTROL } from '../site/site.headers.ts';
import { robotsTxt } from './robots.service.ts';
import { BodyImageMemo } from './sitemaps.images.ts';
import { SitemapPlans } from './sitemaps.plans.ts';
import {
  NEWS_SITEMAP_PATH,
  planSitemaps,
  renderNewsSitemap,
  renderSitemapFile,
  renderSitemapIndex,
  SITEMAP_INDEX_PATH,
  SITEMAP_KINDS,
  SITEMAP_LIMITS,
  type SitemapContext,
  type SitemapLimits,
} from './sitemaps.service.ts';

export interface SitemapRoutesOptions {
  kiosque: Kiosque;
  pages: FreshPageCache;
  now: () => string;
  /** Where files split; tests pass tiny ones to split a small blog. */
  limits?: SitemapLimits | undefined;
}

const XML = 'application/xml; charset=utf-8';
const TEXT = 'text/plain; charset=utf-8';
const PART = /^[1-9]\d{0,5}$/;
const HEADERS = { 'x-content-type-options': 'nosniff' };
/** Like pages', without the day of stale copies: a news sitemap a day old lists yesterday's news. */
const NEWS_CACHE_CONTROL = 'public, max-age=60, s-maxage=300';

/**
 * /sitemap.xml, its child files, /sitemap-news.xml and /robots.txt. They are answered and cached
 * like pages (ETag, 304, brotli and gzip, emptied with the page cache). The news sitemap is the
 * exception: it changes as articles grow older than two days, which no event announces, so it is
 * made at each request (one indexed query of at most 1,000 rows) and only the CDN holds it briefly.
 *
 * Sitemaps answer even while the site is hidden from search engines: robots.txt then disallows
 * everything (crawlers do not fetch them), and they list only what any reader can already see.
 */
export async function sitemapRoutes(app: FastifyInstance, { kiosque, pages, now, limits = SITEMAP_LIMITS }: SitemapRoutesOptions): Promise<void> {
  const bodyImages = new BodyImageMemo(kiosque.events);
  const context = (at: string): SitemapContext => ({ db: kiosque.db, settings: kiosque.settings.current, siteUrl: kiosque.siteUrl(), now: at, bodyImages });
  const plans = new SitemapPlans(kiosque.events, (at) => planSitemaps(context(at), limits), (at) => findNextScheduledAt(kiosque.db, at), now);

  /** Answers from the page cache when it holds the file; otherwise renders, keeps and sends it. */
  const cached = async (request: FastifyRequest, reply: FastifyReply, contentType: string, render: () => Promise<string | undefined>) => {
    const path = pathOfUrl(request.url);
    await pages.ready();
    const hit = pages.lookup(path);
    if (hit) return sendPrepared(request, reply, hit);
    const version = pages.version;
    const body = await render();
    if (body === undefined) return reply.callNotFound();
    const prepared = prepareResponse(body, { contentType, cacheControl: PAGE_CACHE_CONTROL, headers: HEADERS });
    pages.store(path, prepared, version);
    return sendPrepared(request, reply, prepared);
  };

  app.get(SITEMAP_INDEX_PATH, (request, reply) => cached(request, reply, XML, async () => renderSitemapIndex(await plans.get(), kiosque.siteUrl())));

  for (const kind of SITEMAP_KINDS) {
    app.get<{ Params: { part: string } }>(`/sitemap-${kind}-:part.xml`, (request, reply) =>
      cached(request, reply, XML, async () => {
        const { part } = request.params;
        if (!PART.test(part)) return undefined;
        const file = (await plans.get()).files.find((candidate) => candidate.kind === kind && candidate.part === Number(part));
        return file && renderSitemapFile(context(now()), file);
      }),
    );
  }

  app.get(NEWS_SITEMAP_PATH, async (request, reply) => {
    const body = await renderNewsSitemap(context(now()));
    return sendPrepared(request, reply, prepareResponse(body, { contentType: XML, cacheControl: NEWS_CACHE_CONTROL, headers: HEADERS }));
  });

  app.get('/robots.txt', (request, reply) => cached(request, reply, TEXT, async () => robotsTxt(kiosque.settings.current, kiosque.siteUrl())));

  // A blog that moves in keeps its sitemap registered with search engines at its old platform's address.
  for (const path of FOREIGN_SITEMAP_PATHS) app.get(path, (_request, reply) => reply.redirect(SITEMAP_INDEX_PATH, 301));
}

/** Sitemap indexes of WordPress (core since 5.5; Yoast SEO and Rank Math). */
const FOREIGN_SITEMAP_PATHS = ['/wp-sitemap.xml', '/sitemap_index.xml'];

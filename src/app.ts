import http from 'node:http';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { findNextScheduledAt } from './content/content.queries.ts';
import type { Config } from './config.ts';
import { openDatabase, type Broadcast, type Db, type OpenDatabaseOptions } from './db/db.ts';
import { EventBus } from './events/events.ts';
import { KiosqueError } from './errors.ts';
import { authPlugin } from './auth/auth.hooks.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { adminApi } from './admin/admin.plugin.ts';
import { adminWebRoutes } from './admin/admin.web.routes.ts';
import { serveOpenApi } from './admin/openapi.ts';
import { feedRoutes } from './feeds/feeds.routes.ts';
import { errorHandler } from './http/error-handler.ts';
import { enforceRequestSchemas } from './http/validation.ts';
import { healthRoutes } from './health/health.routes.ts';
import { jobsPlugin } from './jobs/jobs.plugin.ts';
import { mediaAdminRoutes } from './media/media.admin.routes.ts';
import { mediaRoutes } from './media/media.routes.ts';
import { seoRoutes } from './seo/seo.routes.ts';
import { sitemapRoutes } from './seo/sitemaps.routes.ts';
import type { SitemapLimits } from './seo/sitemaps.service.ts';
import { searchRoutes } from './search/search.routes.ts';
import { SettingsStore } from './settings/settings.ts';
import { answerFromCacheFirst } from './site/cache/cache-front.ts';
import { FreshPageCache } from './site/cache/fresh-page-cache.ts';
import { PageCache } from './site/cache/page-cache.ts';
import { RedirectResolver } from './redirects/redirects.resolver.ts';
import { loadSiteAssets } from './site/site.assets.ts';
import { CategoryDirectory } from './site/site.categories.ts';
import { ListingCounts } from './site/site.counts.ts';
import { siteRoutes } from './site/site.routes.ts';

/** The running system: one database, its event bus and settings, shared by every capability. */
export interface Kiosque {
  config: Config;
  db: Db;
  events: EventBus;
  settings: SettingsStore;
  /**
   * The site's public address without a trailing slash, for absolute links (canonical, feeds,
   * sitemaps, structured data): KIOSQUE_SITE_URL, else the administrator's setting, else the
   * address the server listens on. Never the request's Host header, which a client chooses.
   */
  siteUrl(): string;
  /** The public address when one is set (KIOSQUE_SITE_URL, else the setting); undefined when `siteUrl()` falls back on the listening address. */
  publicSiteUrl(): string | undefined;
  /** Called once the server listens, for the last fallback of `siteUrl()`. */
  setListeningUrl(url: string): void;
  close(): Promise<void>;
}

export interface OpenOptions extends OpenDatabaseOptions {
  /** How this process's events reach the other processes when the database has no channel of its own (SQLite workers). */
  broadcast?: Broadcast | undefined;
}

/** Opens the database (migrating it) and joins the other instances when there are any. */
export async function openKiosque(config: Config, options: OpenOptions = {}): Promise<Kiosque> {
  const db = await openDatabase(config, options);
  try {
    const events = new EventBus();
    await events.connect(db.broadcast ?? options.broadcast);
    const settings = await SettingsStore.load(db, events);
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    let listening = `http://${host}:${config.port}`;
    return {
      config,
      db,
      events,
      settings,
      publicSiteUrl: () => config.siteUrl ?? (settings.current.siteUrl || undefined),
      siteUrl: () => config.siteUrl ?? (settings.current.siteUrl || listening),
      setListeningUrl: (url) => {
        listening = url.replace(/\/+$/, '');
      },
      close: () => db.close(),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

export interface AppOptions {
  /** The clock of the public site; tests move it to see scheduled posts appear. */
  now?: () => string;
  /** The clock of sessions, sign-in delays and TOTP codes; tests move it instead of waiting. */
  authNow?: () => Date;
  /** Where sitemap files split (default: sitemaps.org's 50,000 URLs and 50 MB); tests split a small blog. */
  sitemapLimits?: SitemapLimits;
}

/** Builds the HTTP application from the capabilities. The site comes last: it owns the catch-all route. */
export async function buildApp(kiosque: Kiosque, options: AppOptions = {}): Promise<FastifyInstance> {
  const { config } = kiosque;
  const now = options.now ?? (() => new Date().toISOString());
  const pages = new FreshPageCache(new PageCache(config.pageCacheBytes), kiosque.events, (at) => findNextScheduledAt(kiosque.db, at), now);
  const handleError = errorHandler(() => kiosque.settings.current.locale);
  const app = Fastify({
    // Warm pages are answered before Fastify sees the request: the reading path stays tiny.
    serverFactory: (handler) => http.createServer(answerFromCacheFirst(pages, handler)),
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Access logs are the reverse proxy's job; a log line per page read would cost more than the page.
    logController: new LogController({ disableRequestLogging: true }),
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreDuplicateSlashes: true, maxParamLength: 200 },
    // Behind nginx, the client's address (sign-in throttling, the audit log) and HTTPS (Secure cookies) come from X-Forwarded-*.
    trustProxy: config.trustProxy,
    // An address the router cannot decode ("/%E9t%E9/", Latin-1 percent-encoding) is answered like any refused request.
    frameworkErrors: (error, request, reply) => handleError(error.code === 'FST_ERR_BAD_URL' ? new KiosqueError('bad_address', {}, { cause: error }) : error, request, reply),
  });

  app.setErrorHandler(handleError);
  enforceRequestSchemas(app);
  // Before any route: the OpenAPI document lists the routes registered after it.
  serveOpenApi(app);

  const assets = loadSiteAssets();
  const site = {
    db: kiosque.db,
    settings: kiosque.settings,
    categories: new CategoryDirectory(kiosque.db, kiosque.events, now),
    counts: new ListingCounts(kiosque.db, kiosque.events),
    assets: { stylesheetHref: assets.stylesheetHref, faviconHref: assets.faviconHref },
    now,
    siteUrl: () => kiosque.siteUrl(),
    redirects: new RedirectResolver(kiosque.db, kiosque.events, now),
  };
  // The hits counted since the last write are kept, not lost, when the server stops.
  app.addHook('onClose', () => site.redirects.close());

  await authPlugin(app, { db: kiosque.db, config, now: options.authNow });
  await authRoutes(app, { db: kiosque.db, config, settings: kiosque.settings, siteUrl: () => kiosque.siteUrl(), now: options.authNow });
  await healthRoutes(app, { db: kiosque.db });
  await mediaRoutes(app, { dataDir: config.dataDir });
  await app.register(mediaAdminRoutes, { prefix: '/api/admin/v1', db: kiosque.db, dataDir: config.dataDir, localeOf: () => kiosque.settings.current.locale });
  await adminApi(app, { kiosque, site, now });
  jobsPlugin(app, { kiosque, now });
  // Before the site: its catch-all would take /admin/ for an article's address.
  await adminWebRoutes(app, { locale: () => kiosque.settings.current.locale });
  await seoRoutes(app);
  // Before the site: its catch-all answers any other address.
  await sitemapRoutes(app, { kiosque, pages, now, limits: options.sitemapLimits });
  await searchRoutes(app, { site });
  await siteRoutes(app, { site, assets, pages });
  // After the site, whose hook answers cached feeds as it answers cached pages.
  await feedRoutes(app, { site, pages });
  return app;
}

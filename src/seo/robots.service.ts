import type { SiteSettings } from '../settings/settings.ts';
import { absoluteUrl } from '../site/site.urls.ts';
import { SITEMAP_INDEX_PATH } from './sitemaps.service.ts';

/**
 * /robots.txt. While the site is hidden from search engines it disallows everything, whatever
 * the administrator wrote: that setting exists to keep a blog in preparation out of the index.
 * Otherwise it is the administrator's text when there is one, else the default: everything is
 * open but the admin app and its API, and the sitemap index is named.
 */
export function robotsTxt(settings: Pick<SiteSettings, 'robotsTxt' | 'hideFromSearchEngines'>, siteUrl: string): string {
  if (settings.hideFromSearchEngines) return 'User-agent: *\nDisallow: /\n';
  const custom = settings.robotsTxt.replace(/\r\n?/g, '\n').trim();
  if (custom) return custom + '\n';
  return [
    'User-agent: *',
    'Allow: /',
    // With their trailing slash: an article whose address begins with "admin" stays open.
    'Disallow: /admin/',
    'Disallow: /api/admin/',
    '',
    `Sitemap: ${absoluteUrl(siteUrl, SITEMAP_INDEX_PATH)}`,
    '',
  ].join('\n');
}

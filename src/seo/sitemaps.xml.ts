/**
 * Sitemap XML as sitemaps.org 0.9 defines it, with Google's image and news extensions. Strings
 * are built directly: entries are small and uniform, and their byte length must be known as
 * they are added so that a file can be closed before it passes the size limit.
 */

export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const IMAGE_NS = 'http://www.google.com/schemas/sitemap-image/1.1';
export const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The opening of a URL set with the extension namespaces its entries may use. */
export const URLSET_OPEN = `${DECLARATION}<urlset xmlns="${SITEMAP_NS}" xmlns:image="${IMAGE_NS}" xmlns:news="${NEWS_NS}">\n`;
export const URLSET_CLOSE = '</urlset>\n';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text and URLs inside elements: the five XML entities, as sitemaps.org asks of URLs too. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

/**
 * A W3C datetime (the profile of ISO 8601 sitemaps use), in UTC to the second: the stored
 * dates are ISO instants, and milliseconds tell a crawler nothing.
 */
export function w3cDatetime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface NewsFacts {
  publicationName: string;
  /** ISO 639 code, as Google News asks (`fr`, `en`). */
  language: string;
  publishedAt: string;
  title: string;
}

export interface UrlEntry {
  /** Absolute. */
  loc: string;
  lastmod?: string | undefined;
  /** Absolute image addresses, at most MAX_IMAGES_PER_URL. */
  images?: readonly string[] | undefined;
  news?: NewsFacts | undefined;
}

/** Google reads at most this many image:image elements per URL. */
export const MAX_IMAGES_PER_URL = 1000;

/** One <url> element, with its line break. */
export function urlElement(entry: UrlEntry): string {
  let xml = `<url><loc>${escapeXml(entry.loc)}</loc>`;
  if (entry.lastmod) xml += `<lastmod>${w3cDatetime(entry.lastmod)}</lastmod>`;
  for (const image of (entry.images ?? []).slice(0, MAX_IMAGES_PER_URL)) {
    xml += `<image:image><image:loc>${escapeXml(image)}</image:loc></image:image>`;
  }
  if (entry.news) {
    const news = entry.news;
    xml +=
      '<news:news><news:publication>' +
      `<news:name>${escapeXml(news.publicationName)}</news:name><news:language>${escapeXml(news.language)}</news:language>` +
      `</news:publication><news:publication_date>${w3cDatetime(news.publishedAt)}</news:publication_date>` +
      `<news:title>${escapeXml(news.title)}</news:title></news:news>`;
  }
  return xml + '</url>\n';
}

export function urlset(entries: readonly UrlEntry[]): string {
  return URLSET_OPEN + entries.map(urlElement).join('') + URLSET_CLOSE;
}

export interface IndexEntry {
  loc: string;
  lastmod?: string | undefined;
}

export function sitemapIndex(sitemaps: readonly IndexEntry[]): string {
  let xml = `${DECLARATION}<sitemapindex xmlns="${SITEMAP_NS}">\n`;
  for (const sitemap of sitemaps) {
    xml += `<sitemap><loc>${escapeXml(sitemap.loc)}</loc>`;
    if (sitemap.lastmod) xml += `<lastmod>${w3cDatetime(sitemap.lastmod)}</lastmod>`;
    xml += '</sitemap>\n';
  }
  return xml + '</sitemapindex>\n';
}

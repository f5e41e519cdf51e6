import { escapeHtml } from '../site/jsx/jsx-runtime.ts';
import { rfc822 } from './feeds.dates.ts';
import type { FeedItem, FeedView } from './feeds.models.ts';
import { element, XML_DECLARATION } from './feeds.xml.ts';

/**
 * RSS 2.0, as WordPress writes it so that readers treat a migrated blog's feed as before: the
 * author in `dc:creator` (RSS's own `<author>` is an e-mail address, which a feed never shows),
 * the whole article in `content:encoded`, the excerpt in `description`.
 */
export function renderRss(feed: FeedView): string {
  const channel = [
    element('title', {}, feed.title),
    element('link', {}, feed.homeUrl),
    element('description', {}, feed.description),
    element('atom:link', { href: feed.urls.rss, rel: 'self', type: 'application/rss+xml' }),
    element('language', {}, feed.language),
    feed.updated ? element('lastBuildDate', {}, rfc822(feed.updated)) : '',
    element('generator', {}, 'Kiosque'),
    ...feed.items.map(renderItem),
  ];
  return (
    XML_DECLARATION +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n' +
    `<channel>\n${channel.filter(Boolean).join('\n')}\n</channel>\n</rss>\n`
  );
}

function renderItem(item: FeedItem): string {
  const parts = [
    element('title', {}, item.title),
    element('link', {}, item.url),
    element('guid', { isPermaLink: 'false' }, item.id),
    element('pubDate', {}, rfc822(item.published)),
    item.author ? element('dc:creator', {}, item.author.name) : '',
    ...item.categories.map((category) => element('category', {}, category.name)),
    ...item.tags.map((tag) => element('category', {}, tag.name)),
    // Readers take an item's description for HTML: the excerpt is text, so it is escaped as HTML first.
    element('description', {}, escapeHtml(item.summary)),
    item.contentHtml !== undefined ? element('content:encoded', {}, item.contentHtml) : '',
    // RSS requires a length; 0 is the convention for a file of unknown size (an image from elsewhere).
    item.image?.type ? element('enclosure', { url: item.image.url, length: item.image.bytes ?? 0, type: item.image.type }) : '',
  ];
  return `<item>\n${parts.filter(Boolean).join('\n')}\n</item>`;
}

import { rfc3339 } from './feeds.dates.ts';
import type { FeedItem, FeedView } from './feeds.models.ts';

/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
export function renderJsonFeed(feed: FeedView): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.homeUrl,
    feed_url: feed.urls.json,
    description: feed.description,
    language: feed.language,
    authors: [{ name: feed.publisher, url: feed.homeUrl }],
    items: feed.items.map(renderItem),
  });
}

function renderItem(item: FeedItem) {
  const tags = [...new Set([...item.categories, ...item.tags].map((term) => term.name))];
  return {
    id: item.id,
    url: item.url,
    title: item.title,
    // An item needs content_html or content_text: a site publishing excerpts gives the excerpt as text.
    ...(item.contentHtml !== undefined ? { content_html: item.contentHtml } : { content_text: item.summary }),
    summary: item.summary,
    image: item.image?.url,
    date_published: rfc3339(item.published),
    date_modified: rfc3339(item.updated),
    authors: item.author ? [{ name: item.author.name, url: item.author.url }] : undefined,
    tags: tags.length > 0 ? tags : undefined,
    attachments: item.image?.type
      ? [{ url: item.image.url, mime_type: item.image.type, title: item.image.alt || undefined, size_in_bytes: item.image.bytes }]
      : undefined,
  };
}

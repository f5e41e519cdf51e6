import { rfc3339 } from './feeds.dates.ts';
import type { FeedItem, FeedView } from './feeds.models.ts';
import { element, xmlAttribute, XML_DECLARATION } from './feeds.xml.ts';

/** Atom 1.0 (RFC 4287). */
export function renderAtom(feed: FeedView, builtAt: string): string {
  const head = [
    element('id', {}, feed.id),
    element('title', { type: 'text' }, feed.title),
    element('subtitle', { type: 'text' }, feed.description),
    // A feed must say when it changed; one without entries says when it was made.
    element('updated', {}, rfc3339(feed.updated ?? builtAt)),
    element('link', { rel: 'self', type: 'application/atom+xml', href: feed.urls.atom }),
    element('link', { rel: 'alternate', type: 'text/html', href: feed.homeUrl }),
    // Entries without an author of their own are the publisher's (the spec wants one for each).
    `<author>${element('name', {}, feed.publisher)}</author>`,
    element('generator', {}, 'Kiosque'),
    ...feed.items.map(renderEntry),
  ];
  return `${XML_DECLARATION}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xmlAttribute(feed.language)}">\n${head.join('\n')}\n</feed>\n`;
}

function renderEntry(item: FeedItem): string {
  const parts = [
    element('id', {}, item.id),
    element('title', { type: 'text' }, item.title),
    element('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    element('published', {}, rfc3339(item.published)),
    element('updated', {}, rfc3339(item.updated)),
    item.author ? `<author>${element('name', {}, item.author.name)}${element('uri', {}, item.author.url)}</author>` : '',
    ...[...item.categories, ...item.tags].map((term) => element('category', { term: term.name })),
    element('summary', { type: 'text' }, item.summary),
    item.contentHtml !== undefined ? element('content', { type: 'html', 'xml:base': item.url }, item.contentHtml) : '',
    item.image ? element('link', { rel: 'enclosure', type: item.image.type, length: item.image.bytes, href: item.image.url }) : '',
  ];
  return `<entry>\n${parts.filter(Boolean).join('\n')}\n</entry>`;
}

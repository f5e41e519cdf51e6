import type { FeedFormat } from '../site/site.urls.ts';

/**
 * A feed as every format shows it, decided once by the service: absolute addresses, typeset
 * titles, ISO 8601 dates. The RSS, Atom and JSON writers only choose how to spell it.
 */
export interface FeedView {
  title: string;
  /** Never empty: RSS requires a channel description. */
  description: string;
  /** BCP 47: fr-FR, en. */
  language: string;
  /** The HTML page the feed follows (home or archive), absolute. */
  homeUrl: string;
  /** This feed's addresses in each format, absolute. */
  urls: Record<FeedFormat, string>;
  /** Stable identifier of the feed itself (Atom's feed id). */
  id: string;
  /** The newest change among its items (ISO 8601); undefined for a feed without items. */
  updated: string | undefined;
  /** Who publishes the site, named where an item has no author of its own. */
  publisher: string;
  items: FeedItem[];
}

export interface FeedItem {
  /** A tag: URI made of the post's id, so a changed slug or address is not a new item. */
  id: string;
  url: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** The whole article, HTML with absolute addresses; undefined when the site publishes excerpts. */
  contentHtml: string | undefined;
  /** ISO 8601. */
  published: string;
  /** ISO 8601: the last change, or the publication when that came later (a scheduled post). */
  updated: string;
  /** Name and archive address only: staff e-mail addresses never reach a feed. */
  author: { name: string; url: string } | undefined;
  categories: FeedTerm[];
  tags: FeedTerm[];
  image: FeedImage | undefined;
}

export interface FeedTerm {
  name: string;
  url: string;
}

export interface FeedImage {
  url: string;
  alt: string;
  /** MIME type, when known (from the media library, else from the address). */
  type: string | undefined;
  /** File size in bytes, known for media library images only. */
  bytes: number | undefined;
}

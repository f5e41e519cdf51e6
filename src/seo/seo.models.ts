import type { SiteSettings } from '../settings/settings.ts';
import type { FeedFormat } from '../site/site.urls.ts';

/**
 * What a public page tells search engines and social networks in its <head>: decided by the
 * functions of this folder from the page's view model and the site's settings, rendered by
 * `SeoHead`. Every address here is absolute, from the site's public origin.
 */

/** The settings the head follows, carried by the site's chrome. */
export interface SearchEngineSettings {
  /** Keep the whole site out of search engines (`noindex, nofollow` everywhere). */
  hidden: boolean;
  articleSchemaType: SiteSettings['articleSchemaType'];
}

/** A picture as search engines and social cards take it: absolute address and, when known, its size. */
export interface SharedImage {
  url: string;
  width: number | undefined;
  height: number | undefined;
  alt: string;
  /** MIME type, when known. */
  type: string | undefined;
}

/** A copy of a featured image kept by the media library (or the image itself), site-relative. */
export interface ImageCopy {
  src: string;
  width: number;
  height: number;
  /** MIME type. */
  type: string;
}

/** The same page in another language (`hreflang`): only pages that exist in several languages give them. */
export interface LanguageAlternate {
  /** A BCP 47 tag (`fr`, `en-GB`) or `x-default`. */
  hreflang: string;
  /** A path on this site or an absolute address. */
  href: string;
}

export interface FeedLink {
  format: FeedFormat;
  title: string;
  href: string;
}

export interface ArticleFacts {
  /** ISO 8601 with the site's offset. */
  publishedTime: string;
  modifiedTime: string;
  section: string | undefined;
  tags: string[];
  authorUrl: string | undefined;
}

export interface OpenGraph {
  type: 'website' | 'article';
  title: string;
  description: string;
  url: string;
  siteName: string;
  /** `fr_FR`, `en_US`. */
  locale: string;
  image: SharedImage | undefined;
  article: ArticleFacts | undefined;
}

export interface TwitterCard {
  card: 'summary' | 'summary_large_image';
  title: string;
  description: string;
  image: SharedImage | undefined;
}

/** A schema.org node of the page's JSON-LD graph. */
export type JsonLdNode = { '@type': string } & Record<string, unknown>;

/** Everything the <head> of one page says about it, ready to render. */
export interface PageHead {
  title: string;
  description: string;
  /** Absolute; absent on error pages, which have no address of their own to give. */
  canonical: string | undefined;
  /** The robots meta's content (see `robotsDirective`). */
  robots: string;
  openGraph: OpenGraph | undefined;
  twitter: TwitterCard | undefined;
  alternates: LanguageAlternate[];
  feeds: FeedLink[];
  jsonLd: JsonLdNode[];
}

import { raw, type Html } from '../site/jsx/jsx-runtime.ts';
import type { Translate } from '../i18n/i18n.ts';
import type { SiteChrome } from '../site/site.models.ts';
import { absoluteUrl, feedPath, type FeedFormat } from '../site/site.urls.ts';
import { jsonLdText } from './seo.jsonld.ts';
import { SITE_LOGO } from './seo.logo.ts';
import type { ArticleFacts, FeedLink, JsonLdNode, LanguageAlternate, PageHead, SharedImage } from './seo.models.ts';

/** What a page adds to the head every page has: its kind, picture, article facts, structured data, own feeds. */
export interface PageSeo {
  /** `og:type`: 'article' for articles, 'website' otherwise. */
  kind?: 'website' | 'article';
  /** The title in shares, without the site's name (it is `og:site_name`); default: the document title. */
  shareTitle?: string;
  image?: SharedImage | undefined;
  article?: ArticleFacts;
  jsonLd?: JsonLdNode[];
  /** Feeds of the page itself (an archive's), after the site's. */
  feeds?: FeedLink[];
  alternates?: LanguageAlternate[];
}

export interface HeadInput {
  title: string;
  description: string;
  /** A site path, or an absolute address (a post's canonical set elsewhere, from Yoast SEO or Rank Math). */
  canonicalPath: string | undefined;
  noindex: boolean;
  seo: PageSeo | undefined;
}

const OG_LOCALE = { fr: 'fr_FR', en: 'en_US' } as const;

const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};
const FEED_NAMES: Record<FeedFormat, string> = { rss: 'RSS', atom: 'Atom', json: 'JSON' };
export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

/**
 * The robots meta: `noindex, nofollow` everywhere while the site is hidden from search engines;
 * `noindex` where the page asks (search results, thin listings, errors); otherwise the default
 * indexing, with large image previews allowed (Google Discover shows news with them).
 */
export function robotsDirective(hidden: boolean, noindex: boolean): string {
  if (hidden) return 'noindex, nofollow';
  return noindex ? 'noindex' : 'max-image-preview:large';
}

/** Feeds of the site, or of an archive (named by its heading), for `<link rel="alternate">`. */
export function feedLinks(t: Translate, name: string, archive?: Parameters<typeof feedPath>[1]): FeedLink[] {
  return FEED_FORMATS.map((format) => ({ format, title: t('seo.feed', { name, format: FEED_NAMES[format] }), href: feedPath(format, archive) }));
}

function logoImage(chrome: SiteChrome): SharedImage {
  return { url: absoluteUrl(chrome.siteUrl, SITE_LOGO.href), width: SITE_LOGO.width, height: SITE_LOGO.height, alt: chrome.title, type: 'image/png' };
}

/** Everything the head of a page says, from the layout's props and the site's settings. */
export function buildPageHead(chrome: SiteChrome, t: Translate, input: HeadInput): PageHead {
  const seo = input.seo ?? {};
  const canonical =
    input.canonicalPath === undefined ? undefined : /^https?:\/\//.test(input.canonicalPath) ? input.canonicalPath : absoluteUrl(chrome.siteUrl, input.canonicalPath);
  const shareTitle = seo.shareTitle ?? input.title;
  const image = seo.image;
  return {
    title: input.title,
    description: input.description,
    canonical,
    robots: robotsDirective(chrome.search.hidden, input.noindex),
    // A page without an address of its own (an error) is not something to share.
    openGraph: canonical === undefined ? undefined : {
      type: seo.kind ?? 'website',
      title: shareTitle,
      description: input.description,
      url: canonical,
      siteName: chrome.title,
      locale: OG_LOCALE[chrome.locale],
      // Without a picture of its own a page is shared with the site's logo.
      image: image ?? logoImage(chrome),
      article: seo.article,
    },
    twitter: canonical === undefined ? undefined : { card: image ? 'summary_large_image' : 'summary', title: shareTitle, description: input.description, image: image ?? logoImage(chrome) },
    alternates: (seo.alternates ?? []).map((alternate) => ({ hreflang: alternate.hreflang, href: /^https?:\/\//.test(alternate.href) ? alternate.href : absoluteUrl(chrome.siteUrl, alternate.href) })),
    feeds: [...feedLinks(t, chrome.title), ...(seo.feeds ?? [])].map((feed) => ({ ...feed, href: absoluteUrl(chrome.siteUrl, feed.href) })),
    jsonLd: seo.jsonLd ?? [],
  };
}

function ImageMeta({ prefix, image }: { prefix: 'og:image' | 'twitter:image'; image: SharedImage }): Html {
  const attribute = prefix === 'og:image' ? 'property' : 'name';
  const meta = (name: string, content: string | number | undefined) => (content === undefined || content === '' ? null : <meta {...{ [attribute]: name }} content={String(content)} />);
  return (
    <>
      {meta(prefix, image.url)}
      {prefix === 'og:image' ? (
        <>
          {meta('og:image:type', image.type)}
          {meta('og:image:width', image.width)}
          {meta('og:image:height', image.height)}
        </>
      ) : null}
      {meta(`${prefix}:alt`, image.alt)}
    </>
  );
}

/** The search-engine and social part of the <head>, in the order crawlers read it. */
export function SeoHead({ head }: { head: PageHead }): Html {
  const og = head.openGraph;
  const card = head.twitter;
  return (
    <>
      <meta name="robots" content={head.robots} />
      {head.canonical ? <link rel="canonical" href={head.canonical} /> : null}
      {head.alternates.map((alternate) => (
        <link rel="alternate" hreflang={alternate.hreflang} href={alternate.href} />
      ))}
      {og ? (
        <>
          <meta property="og:type" content={og.type} />
          <meta property="og:title" content={og.title} />
          <meta property="og:description" content={og.description} />
          <meta property="og:url" content={og.url} />
          <meta property="og:site_name" content={og.siteName} />
          <meta property="og:locale" content={og.locale} />
          {og.image ? <ImageMeta prefix="og:image" image={og.image} /> : null}
          {og.article ? (
            <>
              <meta property="article:published_time" content={og.article.publishedTime} />
              <meta property="article:modified_time" content={og.article.modifiedTime} />
              {og.article.authorUrl ? <meta property="article:author" content={og.article.authorUrl} /> : null}
              {og.article.section ? <meta property="article:section" content={og.article.section} /> : null}
              {og.article.tags.map((tag) => (
                <meta property="article:tag" content={tag} />
              ))}
            </>
          ) : null}
        </>
      ) : null}
      {card ? (
        <>
          <meta name="twitter:card" content={card.card} />
          <meta name="twitter:title" content={card.title} />
          <meta name="twitter:description" content={card.description} />
          {card.image ? <ImageMeta prefix="twitter:image" image={card.image} /> : null}
        </>
      ) : null}
      {head.feeds.map((feed) => (
        <link rel="alternate" type={FEED_TYPES[feed.format]} title={feed.title} href={feed.href} />
      ))}
      {head.jsonLd.length > 0 ? <script type="application/ld+json">{raw(jsonLdText(head.jsonLd))}</script> : null}
    </>
  );
}

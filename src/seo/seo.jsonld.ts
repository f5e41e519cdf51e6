import type { Link } from '../site/site.models.ts';
import { absoluteUrl, searchPath } from '../site/site.urls.ts';
import type { Locale } from '../i18n/i18n.ts';
import type { JsonLdNode, SharedImage } from './seo.models.ts';
import { SITE_LOGO } from './seo.logo.ts';

/**
 * schema.org nodes for the page's JSON-LD graph, shaped after Google's structured-data
 * documentation (Article, BreadcrumbList, the WebSite search box, Organization). Nodes refer to
 * the site's organization and website by `@id`, so each is described once per page.
 */

export interface SiteIdentity {
  siteUrl: string;
  name: string;
  description: string;
  locale: Locale;
}

/** BCP 47 language of the pages, as `inLanguage` takes it. */
export const LANGUAGE_TAG: Record<Locale, string> = { fr: 'fr-FR', en: 'en-US' };

const organizationId = (site: SiteIdentity) => `${site.siteUrl}/#organization`;
const websiteId = (site: SiteIdentity) => `${site.siteUrl}/#website`;

function logoObject(site: SiteIdentity): JsonLdNode {
  return { '@type': 'ImageObject', url: absoluteUrl(site.siteUrl, SITE_LOGO.href), width: SITE_LOGO.width, height: SITE_LOGO.height };
}

/** The publisher: the blog itself, with the raster logo Google asks for. */
export function organizationNode(site: SiteIdentity): JsonLdNode {
  return { '@type': 'Organization', '@id': organizationId(site), name: site.name, url: `${site.siteUrl}/`, logo: logoObject(site) };
}

/** The site, with the search box Google can show under its result (the reader's search page). */
export function websiteNode(site: SiteIdentity): JsonLdNode {
  return {
    '@type': 'WebSite',
    '@id': websiteId(site),
    url: `${site.siteUrl}/`,
    name: site.name,
    ...(site.description ? { description: site.description } : {}),
    inLanguage: LANGUAGE_TAG[site.locale],
    publisher: { '@id': organizationId(site) },
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl(site.siteUrl, searchPath(site.locale))}?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}

/** Home › … › the page; every item but the last is a link, and the last is the page itself. */
export function breadcrumbNode(site: SiteIdentity, trail: Link[]): JsonLdNode {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((link, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: link.label,
      item: absoluteUrl(site.siteUrl, link.href),
    })),
  };
}

export interface ArticleFactsForSchema {
  type: 'NewsArticle' | 'BlogPosting';
  url: string;
  headline: string;
  description: string;
  images: SharedImage[];
  publishedTime: string;
  modifiedTime: string;
  author: { name: string; url: string } | undefined;
  sections: string[];
  keywords: string[];
  wordCount: number;
}

/** The article node: everything Google lists as recommended for Article rich results, and more. */
export function articleNode(site: SiteIdentity, facts: ArticleFactsForSchema): JsonLdNode {
  return {
    '@type': facts.type,
    '@id': `${facts.url}#article`,
    mainEntityOfPage: { '@type': 'WebPage', '@id': facts.url },
    url: facts.url,
    headline: facts.headline,
    ...(facts.description ? { description: facts.description } : {}),
    ...(facts.images.length > 0
      ? { image: facts.images.map((image) => ({ '@type': 'ImageObject', url: image.url, ...(image.width && image.height ? { width: image.width, height: image.height } : {}) })) }
      : {}),
    datePublished: facts.publishedTime,
    dateModified: facts.modifiedTime,
    // Without a named author the article is the publication's own, as Google allows.
    author: facts.author ? [{ '@type': 'Person', name: facts.author.name, url: facts.author.url }] : [{ '@type': 'Organization', '@id': organizationId(site), name: site.name, url: `${site.siteUrl}/` }],
    // Whole rather than by @id, so a reader of this node alone finds the publisher's name and logo.
    publisher: organizationNode(site),
    isPartOf: { '@id': websiteId(site) },
    ...(facts.sections.length > 0 ? { articleSection: facts.sections } : {}),
    ...(facts.keywords.length > 0 ? { keywords: facts.keywords } : {}),
    inLanguage: LANGUAGE_TAG[site.locale],
    wordCount: facts.wordCount,
  };
}

/**
 * The graph as the text of a `<script type="application/ld+json">`. `<`, `>` and `&` are written
 * as \u escapes, so no string (a title with `</script>`) can end the element or open a comment;
 * U+2028 and U+2029 likewise, for parsers that take the text as JavaScript.
 */
export function jsonLdText(nodes: JsonLdNode[]): string {
  return JSON.stringify({ '@context': 'https://schema.org', '@graph': nodes }).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

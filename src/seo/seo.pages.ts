import type { Translate } from '../i18n/i18n.ts';
import type { ArchiveView, ArticleView, Link, Pagination, SiteChrome, StaticPageView } from '../site/site.models.ts';
import { absoluteUrl } from '../site/site.urls.ts';
import type { PageSeo } from './seo.head.tsx';
import { feedLinks } from './seo.head.tsx';
import { cardImage, searchImages } from './seo.images.ts';
import { articleNode, breadcrumbNode, organizationNode, websiteNode, type SiteIdentity } from './seo.jsonld.ts';
import { HEADLINE_LENGTH, shorten } from './seo.text.ts';
import { isoWithOffset } from '../lib/time-zones.ts';

/**
 * What each kind of public page adds to its head: the views call these and hand the result to
 * the layout. Listings (home, archives) also decide here whether they are worth indexing.
 */

/**
 * An archive with fewer posts than this is thin: a page of one card says nothing a search
 * engine's index needs, and Google treats such pages as low value for the whole site.
 */
export const THIN_ARCHIVE_POSTS = 2;

/**
 * Whether a listing page should stay out of the index: any page after the first (it only repeats
 * older cards: every article it lists is in the sitemap and linked from its categories), and an
 * archive with fewer than THIN_ARCHIVE_POSTS posts in all. Links on such pages are still followed.
 */
export function isThinListing(pagination: Pagination, postsOnPage: number, archive: boolean): boolean {
  if (pagination.page > 1) return true;
  return archive && pagination.pages === 1 && postsOnPage < THIN_ARCHIVE_POSTS;
}

function identity(chrome: SiteChrome): SiteIdentity {
  return { siteUrl: chrome.siteUrl, name: chrome.title, description: chrome.description, locale: chrome.locale };
}

/** The home page: the site itself, its search box and its publisher. */
export function homeSeo(chrome: SiteChrome): PageSeo {
  const site = identity(chrome);
  return { kind: 'website', jsonLd: [websiteNode(site), organizationNode(site)] };
}

/** An article: its picture, dates, author and sections, as Open Graph and as NewsArticle/BlogPosting. */
export function articleSeo(chrome: SiteChrome, t: Translate, view: ArticleView, description: string): PageSeo {
  const site = identity(chrome);
  const url = absoluteUrl(chrome.siteUrl, view.url);
  const zone = chrome.timeZone;
  const publishedTime = isoWithOffset(view.publishedAt, zone);
  const modifiedTime = isoWithOffset(view.updatedAt > view.publishedAt ? view.updatedAt : view.publishedAt, zone);
  const copies = view.imageCopies ?? [];
  const authorUrl = view.author && absoluteUrl(chrome.siteUrl, view.author.href);
  const section = view.categories[0];
  const categories = view.categoryTrail && view.categoryTrail.length > 0 ? view.categoryTrail : section ? [section] : [];
  const trail: Link[] = [{ label: t('site.home'), href: '/' }, ...categories, { label: view.title, href: view.url }];
  return {
    kind: 'article',
    shareTitle: view.seoTitle || view.title,
    image: cardImage(chrome.siteUrl, view.image, copies),
    article: { publishedTime, modifiedTime, section: section?.label, tags: view.tags.map((tag) => tag.label), authorUrl },
    jsonLd: [
      articleNode(site, {
        type: chrome.search.articleSchemaType,
        url,
        headline: shorten(view.title, HEADLINE_LENGTH),
        description,
        images: searchImages(chrome.siteUrl, view.image, copies),
        publishedTime,
        modifiedTime,
        author: view.author && authorUrl ? { name: view.author.label, url: authorUrl } : undefined,
        sections: view.categories.map((category) => category.label),
        keywords: view.tags.map((tag) => tag.label),
        wordCount: view.wordCount,
      }),
      breadcrumbNode(site, trail),
    ],
  };
}

/** A static page: its place under the home page. */
export function staticPageSeo(chrome: SiteChrome, t: Translate, view: StaticPageView): PageSeo {
  return {
    shareTitle: view.seoTitle || view.title,
    jsonLd: [breadcrumbNode(identity(chrome), [{ label: t('site.home'), href: '/' }, { label: view.title, href: view.url }])],
  };
}

/** A category, tag or author archive: its own feeds and its breadcrumb. */
export function archiveSeo(chrome: SiteChrome, t: Translate, view: ArchiveView, heading: string): PageSeo {
  const trail: Link[] = [{ label: t('site.home'), href: '/' }, ...view.ancestors, { label: view.name, href: view.url }];
  return {
    shareTitle: heading,
    feeds: feedLinks(t, `${chrome.title} – ${heading}`, { locale: chrome.locale, kind: view.kind, slug: view.slug }),
    jsonLd: [breadcrumbNode(identity(chrome), trail)],
  };
}

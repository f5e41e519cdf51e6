import type { Locale } from '../i18n/i18n.ts';
import type { CommentView } from '../comments/comments.presenter.ts';
import type { ImageCopy, SearchEngineSettings } from '../seo/seo.models.ts';

/**
 * View models of the public site: what a page shows, decided by the presenters, never a
 * database row. Views are pure functions of these.
 */

export interface Link {
  label: string;
  href: string;
}

export interface ImageView {
  src: string;
  alt: string;
  width: number | undefined;
  height: number | undefined;
}

/** What every page of the site shows around its content. */
export interface SiteChrome {
  locale: Locale;
  /** The site's time zone (IANA name): dates are shown, and structured-data dates carry offsets, in it. */
  timeZone: string;
  title: string;
  description: string;
  /** Top-level categories for the navigation. */
  navigation: Link[];
  /** Legal pages and the like, in the footer. */
  footerLinks: Link[];
  /** Public URL of the stylesheet (content-hashed, cached for a year). */
  stylesheetHref: string;
  faviconHref: string;
  /** Path of the page being shown, to mark the current navigation item. */
  currentPath: string;
  /** The site's public origin (`Kiosque.siteUrl()`): canonical links and structured data are absolute from it. */
  siteUrl: string;
  /** What the head tells search engines (src/seo/). */
  search: SearchEngineSettings;
}

export interface PostSummary {
  title: string;
  url: string;
  excerpt: string;
  /** ISO 8601. */
  publishedAt: string;
  author: Link | undefined;
  categories: Link[];
  image: ImageView | undefined;
  readingMinutes: number;
}

export interface ArticleView extends PostSummary {
  /** Sanitised HTML, rendered when the article was saved. */
  html: string;
  /** Words of the body, counted when it was rendered. */
  wordCount: number;
  imageCaption: string | undefined;
  tags: Link[];
  /** ISO 8601, shown when meaningfully later than the publication. */
  updatedAt: string;
  previous: Link | undefined;
  next: Link | undefined;
  related: PostSummary[];
  seoTitle: string | undefined;
  seoDescription: string | undefined;
  /** The featured image's copies in the media library, largest first, for search engines and social cards. */
  imageCopies?: ImageCopy[];
  /** The first category and its parents, outermost first, for the breadcrumb search engines show. */
  categoryTrail?: Link[];
  /** Where search engines should look instead of this page: a site path or an absolute address. */
  canonicalUrl?: string | undefined;
  /** The page asks search engines not to index it. */
  noindex?: boolean | undefined;
  /** Approved comments, threaded. */
  comments?: CommentView[];
}

export interface StaticPageView {
  title: string;
  url: string;
  html: string;
  updatedAt: string;
  seoTitle: string | undefined;
  seoDescription: string | undefined;
  /** As an article's. */
  canonicalUrl?: string | undefined;
  noindex?: boolean | undefined;
}

export interface Pagination {
  page: number;
  pages: number;
  previousHref: string | undefined;
  nextHref: string | undefined;
}

export interface HomeView {
  /** "À la une": the first is the hero, the others sit beside it. Only on page 1. */
  featured: PostSummary[];
  /** "Mis en avant" strip. Only on page 1. */
  highlighted: PostSummary[];
  latest: PostSummary[];
  pagination: Pagination;
}

export interface ArchiveView {
  kind: 'category' | 'tag' | 'author';
  slug: string;
  name: string;
  description: string;
  url: string;
  /** Parent categories, outermost first, for the breadcrumb. */
  ancestors: Link[];
  children: Link[];
  posts: PostSummary[];
  pagination: Pagination;
}

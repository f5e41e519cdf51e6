import type { PostSummaryRow, PublicPostRow, Taxonomy } from '../content/content.queries.ts';
import { postPath } from '../content/permalinks.ts';
import type { AuthorRow, CategoryRow, PostRow, TagRow } from '../db/schema.ts';
import { englishTypography, frenchTypography } from '../lib/typography.ts';
import type { SiteSettings } from '../settings/settings.ts';
import type { ArticleView, Link, Pagination, PostSummary, StaticPageView } from './site.models.ts';
import { archivePath } from './site.urls.ts';

/** Turns rows into the view models the site shows: the one place that decides what a reader sees. */

/**
 * Titles, excerpts, captions, image descriptions and search-engine texts are stored as typed, for
 * editing; they are set in the site's typography when shown, as the article bodies were when rendered.
 */
export function typeset(text: string, settings: SiteSettings): string {
  return settings.locale === 'fr' ? frenchTypography(text) : englishTypography(text);
}

export function postUrl(post: Pick<PostRow, 'id' | 'type' | 'slug' | 'published_at'>, settings: SiteSettings): string {
  return postPath({ id: post.id, type: post.type, slug: post.slug, publishedAt: post.published_at }, settings.permalinkPattern, settings.timezone);
}

export function categoryLink(category: Pick<CategoryRow, 'name' | 'slug'>, settings: SiteSettings): Link {
  return { label: category.name, href: archivePath(settings.locale, 'category', category.slug) };
}

export function tagLink(tag: Pick<TagRow, 'name' | 'slug'>, settings: SiteSettings): Link {
  return { label: tag.name, href: archivePath(settings.locale, 'tag', tag.slug) };
}

export function authorLink(author: Pick<AuthorRow, 'name' | 'slug'>, settings: SiteSettings): Link {
  return { label: author.name, href: archivePath(settings.locale, 'author', author.slug) };
}

export function presentSummary(row: PostSummaryRow, taxonomy: Taxonomy, settings: SiteSettings): PostSummary {
  const author = row.author_id === null ? undefined : taxonomy.authors.get(row.author_id);
  return {
    title: typeset(row.title, settings),
    url: postUrl(row, settings),
    excerpt: typeset(row.excerpt, settings),
    publishedAt: row.published_at ?? row.updated_at,
    author: author && authorLink(author, settings),
    categories: (taxonomy.categories.get(row.id) ?? []).map((c) => categoryLink(c, settings)),
    image: row.image_url
      ? { src: row.image_url, alt: typeset(row.image_alt ?? '', settings), width: row.image_width ?? undefined, height: row.image_height ?? undefined }
      : undefined,
    readingMinutes: row.reading_minutes,
  };
}

export function presentArticle(
  row: PublicPostRow,
  taxonomy: Taxonomy,
  settings: SiteSettings,
  neighbours: { previous: PostSummaryRow | undefined; next: PostSummaryRow | undefined; related: PostSummary[] },
): ArticleView {
  // Added to the summary made here rather than spread into a new object: on Node 20's V8 an object
  // spread and then given more properties outlives young collections (see README, Benchmarks), and
  // every uncached article page made one.
  return Object.assign(presentSummary(row, taxonomy, settings), {
    html: row.html,
    wordCount: row.word_count,
    imageCaption: row.image_caption ? typeset(row.image_caption, settings) : undefined,
    tags: (taxonomy.tags.get(row.id) ?? []).map((t) => tagLink(t, settings)),
    updatedAt: row.updated_at,
    previous: neighbours.previous && { label: typeset(neighbours.previous.title, settings), href: postUrl(neighbours.previous, settings) },
    next: neighbours.next && { label: typeset(neighbours.next.title, settings), href: postUrl(neighbours.next, settings) },
    related: neighbours.related,
    seoTitle: row.seo_title ? typeset(row.seo_title, settings) : undefined,
    seoDescription: row.seo_description ? typeset(row.seo_description, settings) : undefined,
    canonicalUrl: row.canonical_url ?? undefined,
    noindex: row.noindex === 1,
  });
}

export function presentStaticPage(row: PublicPostRow, settings: SiteSettings): StaticPageView {
  return {
    title: typeset(row.title, settings),
    url: postUrl(row, settings),
    html: row.html,
    updatedAt: row.updated_at,
    seoTitle: row.seo_title ? typeset(row.seo_title, settings) : undefined,
    seoDescription: row.seo_description ? typeset(row.seo_description, settings) : undefined,
    canonicalUrl: row.canonical_url ?? undefined,
    noindex: row.noindex === 1,
  };
}

export function presentPagination(page: number, pages: number, pathOf: (page: number) => string): Pagination {
  return {
    page,
    pages,
    previousHref: page > 1 ? pathOf(page - 1) : undefined,
    nextHref: page < pages ? pathOf(page + 1) : undefined,
  };
}

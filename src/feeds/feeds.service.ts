import { findAuthorBySlug, findTagBySlug, listPublicPosts, loadTaxonomy, type PostListFilter, type PostSummaryRow, type Taxonomy } from '../content/content.queries.ts';
import type { Locale } from '../i18n/i18n.ts';
import { MEDIA_URL_PREFIX } from '../media/media.service.ts';
import type { SiteSettings } from '../settings/settings.ts';
import { postUrl, typeset } from '../site/site.presenters.ts';
import type { SiteContext } from '../site/site.service.ts';
import { absoluteUrl, archivePath, feedPath, homePath, type ArchiveKind, type FeedFormat } from '../site/site.urls.ts';
import { feedArticleHtml } from './feeds.content.ts';
import type { FeedImage, FeedItem, FeedView } from './feeds.models.ts';
import { findFeedPostDetails, findLibraryFiles, type FeedPostDetails, type LibraryFile } from './feeds.queries.ts';
import { withoutNonXmlCharacters } from './feeds.xml.ts';

/**
 * How many posts a feed carries: the newest 20. Readers poll often and keep what they have seen,
 * so a longer list only makes every poll heavier (WordPress's default is 10; 20 covers a busy
 * news day between two polls of a reader that checks once a day).
 */
export const FEED_SIZE = 20;

/** Which posts a feed follows: the whole site, or one archive (a category with its sub-categories). */
export type FeedSource = { kind: 'site' } | { kind: ArchiveKind; slug: string };

const LANGUAGE_TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en' };
const FORMATS: readonly FeedFormat[] = ['rss', 'atom', 'json'];

interface Scope {
  filter: Omit<PostListFilter, 'limit' | 'offset' | 'now'>;
  /** The archive's name, absent for the whole site. */
  name?: string;
  description: string;
  homePath: string;
  archive?: { locale: Locale; kind: ArchiveKind; slug: string };
}

/** The feed of the site or of an archive; undefined when the archive does not exist. */
export async function buildFeed(ctx: SiteContext, source: FeedSource): Promise<FeedView | undefined> {
  const settings = ctx.settings.current;
  const scope = await resolveScope(ctx, source, settings);
  if (!scope) return undefined;
  const siteUrl = ctx.siteUrl();
  const rows = await listPublicPosts(ctx.db, { ...scope.filter, now: ctx.now(), limit: FEED_SIZE });
  // As their archive pages, a tag's or an author's feed exists once a post of theirs is public.
  if ((source.kind === 'tag' || source.kind === 'author') && rows.length === 0) return undefined;
  const ids = rows.map((row) => row.id);
  const libraryKeys = rows.flatMap((row) => (row.image_url?.startsWith(MEDIA_URL_PREFIX) ? [row.image_url.slice(MEDIA_URL_PREFIX.length)] : []));
  const [taxonomy, details, files] = await Promise.all([
    loadTaxonomy(ctx.db, rows, true),
    findFeedPostDetails(ctx.db, ids, settings.feedContent === 'full'),
    findLibraryFiles(ctx.db, libraryKeys),
  ]);
  const content = settings.feedContent === 'full' ? feedArticleHtml : undefined;

  const items = rows.map((row) => presentItem(row, { settings, siteUrl, taxonomy, details: details.get(row.id), files, content }));
  const urls = Object.fromEntries(FORMATS.map((format) => [format, absoluteUrl(siteUrl, feedPath(format, scope.archive))])) as Record<FeedFormat, string>;
  const title = scope.name ? `${settings.title} – ${scope.name}` : settings.title;
  return {
    title: clean(title),
    description: clean(scope.description || settings.description || title),
    language: LANGUAGE_TAGS[settings.locale],
    homeUrl: absoluteUrl(siteUrl, scope.homePath),
    urls,
    id: urls.atom,
    updated: items.reduce<string | undefined>((newest, item) => (newest === undefined || item.updated > newest ? item.updated : newest), undefined),
    publisher: clean(settings.title),
    items,
  };
}

async function resolveScope(ctx: SiteContext, source: FeedSource, settings: SiteSettings): Promise<Scope | undefined> {
  if (source.kind === 'site') return { filter: {}, description: settings.description, homePath: homePath() };
  const archive = { locale: settings.locale, kind: source.kind, slug: source.slug };
  const base = { homePath: archivePath(settings.locale, source.kind, source.slug), archive };
  switch (source.kind) {
    case 'category': {
      const tree = await ctx.categories.tree();
      const category = tree.find(source.slug);
      return category && { ...base, name: category.name, description: category.description, filter: { categoryIds: tree.selfAndDescendants(category.id) } };
    }
    case 'tag': {
      const tag = await findTagBySlug(ctx.db, source.slug);
      return tag && { ...base, name: tag.name, description: '', filter: { tagId: tag.id } };
    }
    case 'author': {
      const author = await findAuthorBySlug(ctx.db, source.slug);
      return author && { ...base, name: author.name, description: author.bio, filter: { authorId: author.id } };
    }
  }
}

interface ItemContext {
  settings: SiteSettings;
  siteUrl: string;
  taxonomy: Taxonomy;
  details: FeedPostDetails | undefined;
  files: Map<string, LibraryFile>;
  content: ((html: string, articleUrl: string) => string) | undefined;
}

function presentItem(row: PostSummaryRow, { settings, siteUrl, taxonomy, details, files, content }: ItemContext): FeedItem {
  const url = absoluteUrl(siteUrl, postUrl(row, settings));
  const published = row.published_at ?? row.updated_at;
  const author = row.author_id === null ? undefined : taxonomy.authors.get(row.author_id);
  const term = (kind: ArchiveKind) => (t: { name: string; slug: string }) => ({ name: clean(t.name), url: absoluteUrl(siteUrl, archivePath(settings.locale, kind, t.slug)) });
  return {
    id: tagUri(siteUrl, details?.created_at ?? published, row.id),
    url,
    title: clean(typeset(row.title, settings)),
    summary: clean(typeset(row.excerpt, settings)),
    contentHtml: content && details?.html !== undefined ? content(details.html, url) : undefined,
    published,
    // A scheduled post was last saved before it went out: its publication is its latest news.
    updated: row.updated_at > published ? row.updated_at : published,
    author: author && { name: clean(author.name), url: absoluteUrl(siteUrl, archivePath(settings.locale, 'author', author.slug)) },
    categories: (taxonomy.categories.get(row.id) ?? []).map(term('category')),
    tags: (taxonomy.tags.get(row.id) ?? []).map(term('tag')),
    image: row.image_url ? featuredImage(row.image_url, row.image_alt ?? '', siteUrl, files) : undefined,
  };
}

function featuredImage(src: string, alt: string, siteUrl: string, files: Map<string, LibraryFile>): FeedImage {
  if (src.startsWith(MEDIA_URL_PREFIX)) {
    const file = files.get(src.slice(MEDIA_URL_PREFIX.length));
    return { url: absoluteUrl(siteUrl, src), alt: clean(alt), type: file?.mime_type ?? typeOfAddress(src), bytes: file?.bytes };
  }
  return { url: /^https?:\/\//i.test(src) ? src : absoluteUrl(siteUrl, src), alt: clean(alt), type: typeOfAddress(src), bytes: undefined };
}

const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml' };

function typeOfAddress(address: string): string | undefined {
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(address)?.[1]?.toLowerCase();
  return extension ? IMAGE_TYPES[extension] : undefined;
}

/**
 * `tag:example.fr,2021-03-10:post-42` (RFC 4151): the site's host, the day the post was created
 * and its id. Neither a new slug nor a new permalink pattern makes a reader show the post again.
 */
export function tagUri(siteUrl: string, createdAt: string, id: number): string {
  const host = new URL(siteUrl).hostname;
  // An address without a DNS name (an IPv6 literal on a laptop) cannot be a tag authority.
  const authority = /^[a-z0-9.-]+$/i.test(host) ? host.toLowerCase() : 'localhost';
  return `tag:${authority},${createdAt.slice(0, 10)}:post-${id}`;
}

function clean(text: string): string {
  return withoutNonXmlCharacters(text);
}

import { Buffer } from 'node:buffer';
import { postPath } from '../content/permalinks.ts';
import type { Db } from '../db/db.ts';
import type { SiteSettings } from '../settings/settings.ts';
import { listCategories } from '../content/content.queries.ts';
import { CategoryTree } from '../site/site.categories.ts';
import { absoluteUrl, archivePath, homePath, type ArchiveKind } from '../site/site.urls.ts';
import { THIN_ARCHIVE_POSTS } from './seo.pages.ts';
import { BodyImageMemo, imagesOfPosts } from './sitemaps.images.ts';
import {
  authorActivity,
  categoryActivity,
  categoryPostPairs,
  latestPublicChange,
  listAuthorSlugs,
  listNewsArticles,
  listSitemapPosts,
  listTagSlugs,
  tagActivity,
  type ArchiveActivity,
  type WalkKey,
} from './sitemaps.queries.ts';
import { sitemapIndex, urlElement, urlset, URLSET_CLOSE, URLSET_OPEN, type UrlEntry } from './sitemaps.xml.ts';

/**
 * The site's sitemaps: an index at /sitemap.xml naming one child file per kind of address and
 * part (/sitemap-posts-1.xml, /sitemap-posts-2.xml…), and a Google News sitemap. Where files
 * split is decided by a plan made in one pass over the content, so that the index can name
 * every file; each file is then rendered on its own from its range of the walk.
 */

export type SitemapKind = 'posts' | 'pages' | 'categories' | 'tags' | 'authors';

/** In the order the index lists them. */
export const SITEMAP_KINDS: readonly SitemapKind[] = ['posts', 'pages', 'categories', 'tags', 'authors'];

export const SITEMAP_INDEX_PATH = '/sitemap.xml';
export const NEWS_SITEMAP_PATH = '/sitemap-news.xml';

/** `/sitemap-posts-1.xml`: the kind, then the part from 1. */
export function sitemapPath(kind: SitemapKind, part: number): string {
  return `/sitemap-${kind}-${part}.xml`;
}

export interface SitemapLimits {
  /** URLs per file. */
  maxUrls: number;
  /** Bytes per file, uncompressed. */
  maxBytes: number;
}

/** sitemaps.org's ceilings: 50,000 URLs and 50 MB (52,428,800 bytes) uncompressed per file. */
export const SITEMAP_LIMITS: SitemapLimits = { maxUrls: 50_000, maxBytes: 52_428_800 };

/** Google News reads articles of the last two days, at most 1,000 per news sitemap. */
export const NEWS_WINDOW_MS = 48 * 3600 * 1000;
export const NEWS_MAX_ARTICLES = 1000;

/** Rows read per query while walking posts (bodies, when read for their images, come in the same chunks). */
const WALK_CHUNK = 500;

export interface SitemapContext {
  db: Db;
  settings: SiteSettings;
  /** The public origin, without a trailing slash. */
  siteUrl: string;
  now: string;
  /** Body images remembered from earlier walks, when the caller keeps them. */
  bodyImages?: BodyImageMemo | undefined;
}

/** One child file: the entries after `after` (exclusive; from the start when undefined) up to `last`. */
export interface SitemapFile {
  kind: SitemapKind;
  part: number;
  after: WalkKey | undefined;
  last: WalkKey;
  urls: number;
  bytes: number;
  lastmod: string | undefined;
}

export interface SitemapPlan {
  files: SitemapFile[];
  /** When the newest article was published, for the news sitemap's line in the index. */
  newsLastmod: string | undefined;
}

interface WalkedEntry {
  key: WalkKey;
  entry: UrlEntry;
}

type Walker = (range: { after?: WalkKey | undefined; until?: WalkKey | undefined; limit: number }) => Promise<WalkedEntry[]>;

function compareKeys(a: WalkKey, b: WalkKey): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return a.id - b.id;
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}

/** Walks the public addresses of one kind in a stable order: new content lands in the last file. */
function walkerFor(kind: SitemapKind, ctx: SitemapContext): Walker {
  switch (kind) {
    case 'posts':
      return (range) => postEntries(ctx, 'post', range);
    case 'pages':
      return pageEntries(ctx);
    case 'categories':
      return archiveWalker(() => categoryArchives(ctx));
    case 'tags':
      return archiveWalker(() => simpleArchives(ctx, 'tag'));
    case 'authors':
      return archiveWalker(() => simpleArchives(ctx, 'author'));
  }
}

async function postEntries(
  ctx: SitemapContext,
  type: 'post' | 'page',
  range: { after?: WalkKey | undefined; until?: WalkKey | undefined; limit: number },
): Promise<WalkedEntry[]> {
  const rows = await listSitemapPosts(ctx.db, type, ctx.now, range);
  const images = await imagesOfPosts(ctx.db, rows, ctx.siteUrl, ctx.bodyImages);
  const { permalinkPattern, timezone } = ctx.settings;
  return rows.map((row) => ({
    key: { at: row.published_at, id: row.id },
    entry: {
      loc: absoluteUrl(ctx.siteUrl, postPath({ id: row.id, type: row.type, slug: row.slug, publishedAt: row.published_at }, permalinkPattern, timezone)),
      lastmod: later(row.updated_at, row.published_at),
      images: images.get(row.id) ?? [],
    },
  }));
}

/** The home page comes first (its key sorts before any date), then the static pages. */
const HOME_KEY: WalkKey = { at: '', id: 0 };

function pageEntries(ctx: SitemapContext): Walker {
  return async (range) => {
    const entries: WalkedEntry[] = [];
    const startsAtHome = !range.after;
    if (startsAtHome) {
      entries.push({ key: HOME_KEY, entry: { loc: absoluteUrl(ctx.siteUrl, homePath()), lastmod: await latestPublicChange(ctx.db, ctx.now) } });
      if (range.until && compareKeys(range.until, HOME_KEY) === 0) return entries;
    }
    const after = range.after && compareKeys(range.after, HOME_KEY) > 0 ? range.after : undefined;
    const limit = range.limit - entries.length;
    if (limit > 0) entries.push(...(await postEntries(ctx, 'page', { after, until: range.until, limit })));
    return entries;
  };
}

/** An archive worth listing: the addresses of archives are few, so they are read whole and sliced. */
interface Archive {
  id: number;
  path: string;
  lastmod: string | undefined;
}

function archiveWalker(load: () => Promise<Archive[]>): Walker {
  let loaded: Promise<Archive[]> | undefined;
  return async (range) => {
    loaded ??= load();
    const all = await loaded;
    const from = range.after ? all.findIndex((archive) => archive.id > range.after!.id) : 0;
    if (from === -1) return [];
    const selected: WalkedEntry[] = [];
    for (const archive of all.slice(from)) {
      if (selected.length >= range.limit || (range.until && archive.id > range.until.id)) break;
      selected.push({ key: { at: '', id: archive.id }, entry: { loc: archive.path, lastmod: archive.lastmod } });
    }
    return selected;
  };
}

/**
 * Category archives worth indexing: those showing at least THIN_ARCHIVE_POSTS public posts,
 * their sub-categories' included, as the archive page itself shows them. A thinner one says
 * `noindex` in its head, and a sitemap must not offer a page that asks to stay out of the index.
 */
async function categoryArchives(ctx: SitemapContext): Promise<Archive[]> {
  const [activity, rows] = await Promise.all([categoryActivity(ctx.db, ctx.now), listCategories(ctx.db)]);
  const own = new Map(activity.map((row) => [row.id, row]));
  const tree = new CategoryTree(rows);
  const candidates: { id: number; slug: string; ids: number[]; lastmod: string | undefined; surely: boolean; total: number }[] = [];
  const uncertain = new Set<number>();
  for (const category of rows) {
    const ids = tree.selfAndDescendants(category.id);
    const filed = ids.map((id) => own.get(id)).filter((row): row is ArchiveActivity => row !== undefined);
    const total = filed.reduce((sum, row) => sum + row.posts, 0);
    if (total === 0) continue;
    // A post filed under a category and its sub-category counts twice in the sum; only when no
    // single category reaches the threshold alone must the posts be counted one by one.
    const surely = filed.some((row) => row.posts >= THIN_ARCHIVE_POSTS);
    if (!surely && total >= THIN_ARCHIVE_POSTS) for (const id of ids) uncertain.add(id);
    candidates.push({ id: category.id, slug: category.slug, ids, lastmod: filed.reduce<string | undefined>((max, row) => later(max, row.lastChange), undefined), surely, total });
  }
  // Those categories each hold fewer than THIN_ARCHIVE_POSTS posts: this reads a handful of rows.
  const postsOf = new Map<number, number[]>();
  for (const pair of await categoryPostPairs(ctx.db, ctx.now, [...uncertain])) {
    const list = postsOf.get(pair.category_id) ?? [];
    list.push(pair.post_id);
    postsOf.set(pair.category_id, list);
  }
  const archives: Archive[] = [];
  for (const candidate of candidates) {
    const enough = candidate.surely || (candidate.total >= THIN_ARCHIVE_POSTS && new Set(candidate.ids.flatMap((id) => postsOf.get(id) ?? [])).size >= THIN_ARCHIVE_POSTS);
    if (enough) archives.push({ id: candidate.id, path: archiveUrl(ctx, 'category', candidate.slug), lastmod: candidate.lastmod });
  }
  return archives.sort((a, b) => a.id - b.id);
}

async function simpleArchives(ctx: SitemapContext, kind: 'tag' | 'author'): Promise<Archive[]> {
  const [activity, slugs] = await Promise.all(
    kind === 'tag' ? [tagActivity(ctx.db, ctx.now), listTagSlugs(ctx.db)] : [authorActivity(ctx.db, ctx.now), listAuthorSlugs(ctx.db)],
  );
  const byId = new Map(activity.map((row) => [row.id, row]));
  const archives: Archive[] = [];
  for (const { id, slug } of slugs) {
    const row = byId.get(id);
    if (row && row.posts >= THIN_ARCHIVE_POSTS) archives.push({ id, path: archiveUrl(ctx, kind, slug), lastmod: row.lastChange });
  }
  return archives;
}

function archiveUrl(ctx: SitemapContext, kind: ArchiveKind, slug: string): string {
  return absoluteUrl(ctx.siteUrl, archivePath(ctx.settings.locale, kind, slug));
}

const URLSET_OVERHEAD = Buffer.byteLength(URLSET_OPEN) + Buffer.byteLength(URLSET_CLOSE);

/**
 * Where every child file starts and ends. One pass over each kind, measuring each entry as it
 * will be written: a file closes before its next entry would pass either limit.
 */
export async function planSitemaps(ctx: SitemapContext, limits: SitemapLimits = SITEMAP_LIMITS): Promise<SitemapPlan> {
  const files: SitemapFile[] = [];
  for (const kind of SITEMAP_KINDS) {
    const walk = walkerFor(kind, ctx);
    let current: SitemapFile | undefined;
    let cursor: WalkKey | undefined;
    for (;;) {
      const chunk = await walk({ after: cursor, limit: WALK_CHUNK });
      for (const { key, entry } of chunk) {
        const bytes = Buffer.byteLength(urlElement(entry));
        if (current && (current.urls + 1 > limits.maxUrls || URLSET_OVERHEAD + current.bytes + bytes > limits.maxBytes)) {
          files.push(current);
          current = undefined;
        }
        current ??= { kind, part: files.filter((file) => file.kind === kind).length + 1, after: cursor, last: key, urls: 0, bytes: 0, lastmod: undefined };
        current.urls++;
        current.bytes += bytes;
        current.last = key;
        current.lastmod = later(current.lastmod, entry.lastmod);
        cursor = key;
      }
      if (chunk.length < WALK_CHUNK) break;
    }
    if (current) files.push(current);
  }
  const newest = await listNewsArticles(ctx.db, newsSince(ctx.now), ctx.now, 1);
  return { files, newsLastmod: newest[0]?.published_at };
}

/** The index: every child file of the plan, then the news sitemap. */
export function renderSitemapIndex(plan: SitemapPlan, siteUrl: string): string {
  return sitemapIndex([
    ...plan.files.map((file) => ({ loc: absoluteUrl(siteUrl, sitemapPath(file.kind, file.part)), lastmod: file.lastmod })),
    { loc: absoluteUrl(siteUrl, NEWS_SITEMAP_PATH), lastmod: plan.newsLastmod },
  ]);
}

/** One child file, rendered from its range of the walk. */
export async function renderSitemapFile(ctx: SitemapContext, file: SitemapFile): Promise<string> {
  const walk = walkerFor(file.kind, ctx);
  const parts: string[] = [URLSET_OPEN];
  let cursor = file.after;
  for (;;) {
    const chunk = await walk({ after: cursor, until: file.last, limit: WALK_CHUNK });
    for (const { key, entry } of chunk) {
      parts.push(urlElement(entry));
      cursor = key;
    }
    if (chunk.length < WALK_CHUNK) break;
  }
  parts.push(URLSET_CLOSE);
  return parts.join('');
}

function newsSince(now: string): string {
  return new Date(Date.parse(now) - NEWS_WINDOW_MS).toISOString();
}

/**
 * The Google News sitemap: public articles of the last 48 hours, newest first, at most 1,000.
 * With none, it lists the home page alone and without news metadata: Google accepts URLs without
 * it in a news sitemap, while an empty <urlset> breaks the sitemaps.org schema and Search Console
 * reports it as a missing tag.
 */
export async function renderNewsSitemap(ctx: SitemapContext): Promise<string> {
  const rows = await listNewsArticles(ctx.db, newsSince(ctx.now), ctx.now, NEWS_MAX_ARTICLES);
  if (rows.length === 0) return urlset([{ loc: absoluteUrl(ctx.siteUrl, homePath()) }]);
  const { permalinkPattern, timezone, title, locale } = ctx.settings;
  return urlset(
    rows.map((row) => ({
      loc: absoluteUrl(ctx.siteUrl, postPath({ id: row.id, type: 'post', slug: row.slug, publishedAt: row.published_at }, permalinkPattern, timezone)),
      news: { publicationName: title, language: locale, publishedAt: row.published_at, title: row.title },
    })),
  );
}

import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Db } from '../db/db.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import type { DatabaseSchema, PostsTable, PostStatus, PostType } from '../db/schema.ts';
import type { EventBus } from '../events/events.ts';
import type { Locale } from '../i18n/i18n.ts';
import { slugify } from '../lib/slug.ts';
import { pictureMarkup } from '../media/media.picture.ts';
import { mediaVariants } from '../media/media.service.ts';
import { markGone } from '../redirects/redirects.automatic.ts';
import { indexPost } from '../search/search.index.ts';
import { readSettings } from '../settings/settings.ts';
import type { KnownImage } from './markdown/markdown.figures.ts';
import type { RenderedMarkdown } from './markdown/markdown.pipeline.ts';
import type { RenderedBody } from './markdown/markdown.pool.ts';
import { RENDER_VERSION } from './markdown/markdown.version.ts';
import { postPath } from './permalinks.ts';

/** What a writer (or an importer) hands over to create or update a post or page. */
export interface PostInput {
  type: PostType;
  title: string;
  /** The wanted slug; derived from the title when absent. Folded and made unique. */
  slug?: string | undefined;
  markdown: string;
  status: PostStatus;
  /** ISO 8601; defaults to now when published without a date. */
  publishedAt?: string | null | undefined;
  customExcerpt?: string | null | undefined;
  /** When the content last changed (ISO 8601); defaults to now. Importers keep the original's. */
  updatedAt?: string | undefined;
  /** The author's display name; a new name creates the author. */
  author?: string | null | undefined;
  /** The author profile itself, when the caller knows it (a staff account's byline); wins over `author`. */
  authorId?: number | null | undefined;
  /** Category paths, a child written "Parent > Child". */
  categories?: readonly string[] | undefined;
  /** Categories already resolved by the caller (the Admin API); win over `categories`. */
  categoryIds?: readonly number[] | undefined;
  tags?: readonly string[] | undefined;
  /** Tags already resolved by the caller; win over `tags`. */
  tagIds?: readonly number[] | undefined;
  image?: { url: string; alt: string; caption?: string | null | undefined } | null | undefined;
  seoTitle?: string | null | undefined;
  seoDescription?: string | null | undefined;
  /** "À la une". */
  featured?: boolean | undefined;
  /** "Mis en avant". */
  highlighted?: boolean | undefined;
  /** Where search engines should look instead (a site path or an absolute address); left as it is when absent. */
  canonicalUrl?: string | null | undefined;
  /** Keep the page out of search engines; left as it is when absent. */
  noindex?: boolean | undefined;
}

export interface SavedPost {
  id: number;
  slug: string;
  type: PostType;
  status: PostStatus;
  publishedAt: string | null;
  created: boolean;
}

export interface ContentContext {
  db: Db;
  events: EventBus;
}

type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

const MEDIA_URL = /\/media\/([A-Za-z0-9._\/-]+)/g;
export const CATEGORY_PATH_SEPARATOR = '>';

/*
 * The statements a save runs, built and compiled by Kysely once per transaction (preparedQuery):
 * an import runs them for thousands of posts in one, and building them anew each time cost more
 * than SQLite took to answer them (the slug probe alone: about 70 µs a post).
 */
const takenSlugs = preparedQuery((db, args: { candidates: string[]; existingId: number | undefined }) => {
  let query = db.selectFrom('posts').select('slug').where('slug', 'in', args.candidates);
  if (args.existingId !== undefined) query = query.where('id', '!=', args.existingId);
  return query;
});
const insertPost = preparedQuery((db, values: Insertable<PostsTable>) => db.insertInto('posts').values(values).returning('id'));
const insertPostCategories = preparedQuery((db, args: { postId: number; ids: readonly number[] }) =>
  db.insertInto('post_categories').values(args.ids.map((category_id, position) => ({ post_id: args.postId, category_id, position }))),
);
const insertPostTags = preparedQuery((db, args: { postId: number; ids: readonly number[] }) =>
  db.insertInto('post_tags').values(args.ids.map((tag_id, position) => ({ post_id: args.postId, tag_id, position }))),
);

/** Creates or updates one post, renders its Markdown, and tells the rest of the system. */
export async function savePost(ctx: ContentContext, input: PostInput, existingId?: number): Promise<SavedPost> {
  const { locale } = await readSettings(ctx.db);
  const saved = await ctx.db.kysely.transaction().execute((trx) => writePost(trx, input, { existingId, locale }));
  await ctx.events.emit({ type: 'content.changed', reason: 'post.saved', postIds: [saved.id] });
  return saved;
}

/**
 * Writes one post inside the caller's transaction, without emitting anything: batch writers
 * (importers) commit many at once and announce the change themselves.
 */
export async function writePost(
  trx: Executor,
  input: PostInput,
  options: { existingId?: number | undefined; locale: Locale; now?: string; prepared?: PreparedBody | undefined },
): Promise<SavedPost> {
  const now = options.now ?? new Date().toISOString();
  const existingId = options.existingId;
  const slug = await availableSlug(trx, input.slug || input.title, existingId);
  const { rendered, images } = options.prepared ?? (await prepareBody(trx, input, options.locale));
  const publishedAt = input.publishedAt ?? (input.status === 'draft' ? null : now);
  const authorId = input.authorId !== undefined ? input.authorId : input.author ? await ensureAuthor(trx, input.author, now) : null;
  const imageSize = input.image ? images.get(input.image.url) : undefined;

  const values = {
    type: input.type,
    status: input.status,
    title: input.title.trim(),
    slug,
    custom_excerpt: input.customExcerpt?.trim() || null,
    markdown: input.markdown,
    ...renderedColumns(rendered, input.customExcerpt, options.locale),
    author_id: authorId,
    published_at: publishedAt,
    updated_at: input.updatedAt ?? now,
    image_url: input.image?.url ?? null,
    image_alt: input.image?.alt ?? null,
    image_caption: input.image?.caption?.trim() || null,
    image_width: imageSize?.width ?? null,
    image_height: imageSize?.height ?? null,
    seo_title: input.seoTitle?.trim() || null,
    seo_description: input.seoDescription?.trim() || null,
    is_featured: input.featured ? 1 : 0,
    is_highlighted: input.highlighted ? 1 : 0,
    // Only importers set these today: an edit from the admin, which does not send them, keeps them.
    ...(input.canonicalUrl !== undefined ? { canonical_url: input.canonicalUrl?.trim() || null } : {}),
    ...(input.noindex !== undefined ? { noindex: input.noindex ? 1 : 0 } : {}),
  };

  let id: number;
  if (existingId !== undefined) {
    await trx.updateTable('posts').set(values).where('id', '=', existingId).execute();
    await trx.deleteFrom('post_categories').where('post_id', '=', existingId).execute();
    await trx.deleteFrom('post_tags').where('post_id', '=', existingId).execute();
    id = existingId;
  } else {
    // Every column named, the absent ones at their defaults: a prepared insert has one shape.
    id = (await insertPost.first(trx, { canonical_url: null, noindex: 0, ...values, created_at: now }))!.id;
  }

  const categoryIds = input.categoryIds ? [...new Set(input.categoryIds)] : await ensureCategories(trx, input.categories ?? [], now);
  if (categoryIds.length > 0) await insertPostCategories.all(trx, { postId: id, ids: categoryIds });
  const tagIds = input.tagIds ? [...new Set(input.tagIds)] : await ensureTags(trx, input.tags ?? [], now);
  if (tagIds.length > 0) await insertPostTags.all(trx, { postId: id, ids: tagIds });
  // In the same transaction, not through an event: a saved post is findable, or nothing is saved.
  const textStems = options.prepared?.rendered.textStems;
  await indexPost(trx, { id, type: input.type, status: input.status, title: values.title, excerpt: values.excerpt, text: values.plain_text, textStems, publishedAt, categoryIds });
  return { id, slug, type: input.type, status: input.status, publishedAt, created: existingId === undefined };
}

/** What a post's rendering gives its row: its HTML and text, and what they were rendered with. */
export function renderedColumns(rendered: RenderedMarkdown, customExcerpt: string | null | undefined, locale: Locale) {
  return {
    excerpt: customExcerpt?.trim() || rendered.excerpt,
    html: rendered.html,
    plain_text: rendered.text,
    word_count: rendered.wordCount,
    reading_minutes: rendered.readingMinutes,
    render_version: RENDER_VERSION,
    render_locale: locale,
  };
}

/** Removes a post for good; its address answers 410 Gone from then on. */
export async function deletePost(ctx: ContentContext, id: number): Promise<boolean> {
  const settings = await readSettings(ctx.db);
  const deleted = await ctx.db.kysely.transaction().execute(async (trx) => {
    const post = await trx.selectFrom('posts').select(['id', 'type', 'slug', 'status', 'published_at']).where('id', '=', id).executeTakeFirst();
    if (!post) return false;
    await trx.deleteFrom('posts').where('id', '=', id).execute();
    if (post.status !== 'draft') {
      const path = postPath({ id: post.id, type: post.type, slug: post.slug, publishedAt: post.published_at }, settings.permalinkPattern, settings.timezone);
      await markGone(trx, path, new Date().toISOString());
    }
    return true;
  });
  if (deleted) await ctx.events.emit({ type: 'content.changed', reason: 'post.deleted', postIds: [id] });
  return deleted;
}

export async function findPostIdBySlug(db: Executor, slug: string): Promise<number | undefined> {
  const row = await db.selectFrom('posts').select('id').where('slug', '=', slug).executeTakeFirst();
  return row?.id;
}

/**
 * First path segments that the site's own routes answer: a page (or a post under /%postname%/)
 * with one of these slugs could never be reached, so it gets the next free variant instead.
 */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['admin', 'api', 'assets', 'media', 'healthz', 'feed', 'categorie', 'category', 'tag', 'auteur', 'author', 'recherche', 'search']);

/** Variants asked about at once: `base`, `base-2`… `base-20` answer nearly every case in one query. */
const SLUG_PROBE = 20;

/**
 * The wanted slug or its first free variant, as uniqueSlug numbers them. The candidates are asked
 * for by name (the unique index answers) rather than with LIKE 'base%', which neither engine can
 * answer from that index: a scan of every post for each one saved made an import quadratic.
 */
async function availableSlug(trx: Executor, wanted: string, existingId: number | undefined): Promise<string> {
  const base = slugify(wanted) || 'article';
  for (let first = 1; ; first += SLUG_PROBE) {
    const candidates = Array.from({ length: SLUG_PROBE }, (_, index) => (first + index === 1 ? base : `${base}-${first + index}`));
    const taken = new Set((await takenSlugs.all(trx, { candidates, existingId })).map((row) => row.slug));
    const free = candidates.find((slug) => !taken.has(slug) && !RESERVED_SLUGS.has(slug));
    if (free !== undefined) return free;
  }
}

/** A post's body rendered before its write (batch writers render on other threads meanwhile). */
export interface PreparedBody {
  /** With the text's stems when the render thread made them (see indexStemsInProcess). */
  rendered: RenderedBody;
  /** The library images the body and the featured image refer to, by URL. */
  images: ReadonlyMap<string, KnownImage>;
}

/** Renders a post's body on this thread, its library images looked up first. */
async function prepareBody(trx: Executor, input: Pick<PostInput, 'markdown' | 'image'>, locale: Locale): Promise<PreparedBody> {
  // The pipeline is loaded on the first save, not at start: serving pages never needs it.
  const { renderMarkdown } = await import('./markdown/markdown.pipeline.ts');
  // One lookup serves the body's images and the featured image alike.
  const images = await knownImages(trx, input);
  return { rendered: renderMarkdown(input.markdown, { locale, imageSize: (src) => images.get(src) }), images };
}

/**
 * Dimensions of the media library's images that a post refers to, so <img> gets width and height,
 * and their AVIF and WebP copies, so the body offers them in a <picture>.
 */
export async function knownImages(trx: Executor, input: Pick<PostInput, 'markdown' | 'image'>): Promise<Map<string, KnownImage>> {
  const keys = new Set<string>();
  for (const text of [input.markdown, input.image?.url ?? '']) {
    for (const match of text.matchAll(MEDIA_URL)) keys.add(match[1]!);
  }
  const sizes = new Map<string, KnownImage>();
  if (keys.size === 0) return sizes;
  const rows = await trx
    .selectFrom('media')
    .select(['storage_key', 'width', 'height', 'mime_type', 'variants'])
    .where('storage_key', 'in', [...keys])
    .execute();
  for (const row of rows) {
    if (!row.width || !row.height) continue;
    sizes.set(`/media/${row.storage_key}`, { width: row.width, height: row.height, picture: pictureMarkup(mediaVariants(row), row.mime_type) });
  }
  return sizes;
}

async function ensureAuthor(trx: Executor, name: string, now: string): Promise<number> {
  const slug = slugify(name) || 'auteur';
  const existing = await trx.selectFrom('authors').select('id').where('slug', '=', slug).executeTakeFirst();
  if (existing) return existing.id;
  const row = await trx.insertInto('authors').values({ slug, name: name.trim(), bio: '', created_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Finds or creates each category path; returns the deepest category of each, without repeats. */
export async function ensureCategories(trx: Executor, paths: readonly string[], now: string): Promise<number[]> {
  const ids: number[] = [];
  for (const path of paths) {
    let parentId: number | null = null;
    for (const name of path.split(CATEGORY_PATH_SEPARATOR).map((part) => part.trim()).filter(Boolean)) {
      const slug = slugify(name) || 'categorie';
      const existing = await trx.selectFrom('categories').select('id').where('slug', '=', slug).executeTakeFirst();
      if (existing) {
        parentId = existing.id;
        continue;
      }
      const row: { id: number } = await trx
        .insertInto('categories')
        .values({ slug, name, description: '', parent_id: parentId, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      parentId = row.id;
    }
    if (parentId !== null && !ids.includes(parentId)) ids.push(parentId);
  }
  return ids;
}

async function ensureTags(trx: Executor, names: readonly string[], now: string): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const slug = slugify(name);
    if (!slug) continue;
    const existing = await trx.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst();
    const id = existing?.id ?? (await trx.insertInto('tags').values({ slug, name: name.trim(), created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

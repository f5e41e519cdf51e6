import type { Db } from '../db/db.ts';
import type { PostType } from '../db/schema.ts';

/**
 * The sitemaps' reading queries. A post or page is listed when readers may see it: published or
 * scheduled, and dated no later than `now` (drafts, future posts and deleted rows never appear).
 * Posts are walked in (published_at, id) order by keyset, a chunk at a time, along the
 * posts_timeline index: no OFFSET, and memory bounded by the chunk, whatever the blog's size.
 *
 * A post that asks to stay out of the index (noindex), or names another site's page as its
 * canonical address (a Yoast or Rank Math field brought by an import), is offered in no sitemap:
 * a sitemap lists the addresses a site wants indexed, and search engines flag any other.
 */

const VISIBLE_STATUSES = ['published', 'scheduled'] as const;

/** A place in a walk: posts by (date, id); home and archives by id alone, with an empty date. */
export interface WalkKey {
  at: string;
  id: number;
}

export interface SitemapPostRow {
  id: number;
  type: PostType;
  slug: string;
  published_at: string;
  updated_at: string;
  image_url: string | null;
}

/**
 * Up to `limit` public posts (or pages) after `after`, and no further than `until` when given,
 * in (published_at, id) order.
 */
export async function listSitemapPosts(
  db: Db,
  type: PostType,
  now: string,
  range: { after?: WalkKey | undefined; until?: WalkKey | undefined; limit: number },
): Promise<SitemapPostRow[]> {
  let query = db.kysely
    .selectFrom('posts')
    .select(['id', 'type', 'slug', 'published_at', 'updated_at', 'image_url'])
    .where('type', '=', type)
    .where('status', 'in', VISIBLE_STATUSES)
    .where('published_at', '<=', now)
    .where('noindex', '=', 0)
    .where((eb) => eb.or([eb('canonical_url', 'is', null), eb('canonical_url', 'not like', 'http%')]));
  const { after, until } = range;
  if (after) query = query.where((eb) => eb(eb.refTuple('published_at', 'id'), '>', eb.tuple(after.at, after.id)));
  if (until) query = query.where((eb) => eb(eb.refTuple('published_at', 'id'), '<=', eb.tuple(until.at, until.id)));
  const rows = await query.orderBy('published_at').orderBy('id').limit(range.limit).execute();
  // The date bound above rules out null dates; the row type cannot know it.
  return rows.map((row) => ({ ...row, published_at: row.published_at ?? now }));
}

/** The rendered bodies of these posts, read only for their images. */
export async function listPostBodies(db: Db, ids: readonly number[]): Promise<{ id: number; html: string }[]> {
  const bodies: { id: number; html: string }[] = [];
  for (let start = 0; start < ids.length; start += 500) {
    bodies.push(...(await db.kysely.selectFrom('posts').select(['id', 'html']).where('id', 'in', ids.slice(start, start + 500)).execute()));
  }
  return bodies;
}

/** The library files among these storage keys: a body image is listed only when the site holds it. */
export async function findLibraryKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // Bounded batches keep every statement within both engines' limits on bound parameters.
  for (let start = 0; start < keys.length; start += 500) {
    const batch = keys.slice(start, start + 500);
    const rows = await db.kysely.selectFrom('media').select('storage_key').where('storage_key', 'in', batch).execute();
    for (const row of rows) found.add(row.storage_key);
  }
  return found;
}

/** How many public posts an archive holds and when the newest of them last changed. */
export interface ArchiveActivity {
  id: number;
  posts: number;
  /** The latest of the posts' publication and update dates. */
  lastChange: string;
}

function publicPostsOf(db: Db, now: string) {
  return db.kysely
    .selectFrom('posts')
    .where('posts.type', '=', 'post')
    .where('posts.status', 'in', VISIBLE_STATUSES)
    .where('posts.published_at', '<=', now);
}

type ActivityRow = { id: number | null; posts: number | string; updated: string | null; published: string | null };

function activity(rows: readonly ActivityRow[]): ArchiveActivity[] {
  const result: ArchiveActivity[] = [];
  for (const row of rows) {
    if (row.id === null) continue;
    const updated = row.updated ?? '';
    const published = row.published ?? '';
    result.push({ id: row.id, posts: Number(row.posts), lastChange: updated > published ? updated : published });
  }
  return result;
}

/** Per category, its own public posts (one grouped query; sub-categories are added up by the caller). */
export async function categoryActivity(db: Db, now: string): Promise<ArchiveActivity[]> {
  const rows = await publicPostsOf(db, now)
    .innerJoin('post_categories', 'post_categories.post_id', 'posts.id')
    .select((eb) => [
      'post_categories.category_id as id',
      eb.fn.countAll<number>().as('posts'),
      eb.fn.max('posts.updated_at').as('updated'),
      eb.fn.max('posts.published_at').as('published'),
    ])
    .groupBy('post_categories.category_id')
    .execute();
  return activity(rows);
}

/** The public posts filed under these categories, as (post, category) pairs, to count a tree's posts once each. */
export async function categoryPostPairs(db: Db, now: string, categoryIds: readonly number[]): Promise<{ post_id: number; category_id: number }[]> {
  if (categoryIds.length === 0) return [];
  return publicPostsOf(db, now)
    .innerJoin('post_categories', 'post_categories.post_id', 'posts.id')
    .select(['post_categories.post_id', 'post_categories.category_id'])
    .where('post_categories.category_id', 'in', categoryIds)
    .execute();
}

export async function tagActivity(db: Db, now: string): Promise<ArchiveActivity[]> {
  const rows = await publicPostsOf(db, now)
    .innerJoin('post_tags', 'post_tags.post_id', 'posts.id')
    .select((eb) => [
      'post_tags.tag_id as id',
      eb.fn.countAll<number>().as('posts'),
      eb.fn.max('posts.updated_at').as('updated'),
      eb.fn.max('posts.published_at').as('published'),
    ])
    .groupBy('post_tags.tag_id')
    .execute();
  return activity(rows);
}

export async function authorActivity(db: Db, now: string): Promise<ArchiveActivity[]> {
  const rows = await publicPostsOf(db, now)
    .select((eb) => [
      'posts.author_id as id',
      eb.fn.countAll<number>().as('posts'),
      eb.fn.max('posts.updated_at').as('updated'),
      eb.fn.max('posts.published_at').as('published'),
    ])
    .groupBy('posts.author_id')
    .execute();
  return activity(rows);
}

export async function listTagSlugs(db: Db): Promise<{ id: number; slug: string }[]> {
  return db.kysely.selectFrom('tags').select(['id', 'slug']).orderBy('id').execute();
}

export async function listAuthorSlugs(db: Db): Promise<{ id: number; slug: string }[]> {
  return db.kysely.selectFrom('authors').select(['id', 'slug']).orderBy('id').execute();
}

export interface NewsRow {
  id: number;
  slug: string;
  title: string;
  published_at: string;
}

/** Public articles published in (since, now], newest first. */
export async function listNewsArticles(db: Db, since: string, now: string, limit: number): Promise<NewsRow[]> {
  const rows = await publicPostsOf(db, now)
    .select(['posts.id', 'posts.slug', 'posts.title', 'posts.published_at'])
    .where('posts.published_at', '>', since)
    .where('posts.noindex', '=', 0)
    .where((eb) => eb.or([eb('posts.canonical_url', 'is', null), eb('posts.canonical_url', 'not like', 'http%')]))
    .orderBy('posts.published_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, published_at: row.published_at ?? now }));
}

/** The latest publication or update among public posts and pages: the home page's last change. */
export async function latestPublicChange(db: Db, now: string): Promise<string | undefined> {
  const row = await db.kysely
    .selectFrom('posts')
    .where('status', 'in', VISIBLE_STATUSES)
    .where('published_at', '<=', now)
    .where('type', '=', 'post')
    .select((eb) => [eb.fn.max('updated_at').as('updated'), eb.fn.max('published_at').as('published')])
    .executeTakeFirst();
  const updated = row?.updated ?? '';
  const published = row?.published ?? '';
  const latest = updated > published ? updated : published;
  return latest || undefined;
}

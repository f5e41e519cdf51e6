import type { Kysely } from 'kysely';
import type { Db } from '../db/db.ts';
import { inList, preparedQuery } from '../db/prepared-query.ts';
import type { AuthorRow, CategoryRow, DatabaseSchema, PostRow, PostType, TagRow } from '../db/schema.ts';

/**
 * Reading queries of posts, pages and their taxonomies. The same SQL runs on SQLite and
 * PostgreSQL. A post is public when it is published or scheduled and its date has come: the
 * row itself is the schedule, so a scheduled post appears on time even after a restart.
 */

const VISIBLE_STATUSES = ['published', 'scheduled'] as const;

type Reader = Kysely<DatabaseSchema>;

/** Columns a list needs: everything but the bodies. */
const SUMMARY_COLUMNS = [
  'posts.id',
  'posts.type',
  'posts.slug',
  'posts.title',
  'posts.excerpt',
  'posts.published_at',
  'posts.updated_at',
  'posts.author_id',
  'posts.reading_minutes',
  'posts.image_url',
  'posts.image_alt',
  'posts.image_width',
  'posts.image_height',
  'posts.is_featured',
  'posts.is_highlighted',
] as const;

export type PostSummaryRow = Pick<
  PostRow,
  | 'id'
  | 'type'
  | 'slug'
  | 'title'
  | 'excerpt'
  | 'published_at'
  | 'updated_at'
  | 'author_id'
  | 'reading_minutes'
  | 'image_url'
  | 'image_alt'
  | 'image_width'
  | 'image_height'
  | 'is_featured'
  | 'is_highlighted'
>;

export interface PostListFilter {
  now: string;
  limit: number;
  offset?: number;
  categoryIds?: readonly number[];
  tagId?: number;
  authorId?: number;
  featured?: boolean;
  highlighted?: boolean;
  excludeIds?: readonly number[];
}

/** Posts readers may see: published or scheduled, and dated no later than `now`. */
function publicPosts(db: Reader, now: string) {
  return visibleStatus(db).where('posts.published_at', '<=', now);
}

/**
 * Posts of a public status, without the date bound: for queries bounded by an earlier date
 * already, where a second upper bound would lead SQLite's planner to scan from `now` down.
 */
function visibleStatus(db: Reader) {
  return db.selectFrom('posts').where('posts.type', '=', 'post').where('posts.status', 'in', VISIBLE_STATUSES);
}

/** Built by prepared queries: `filter` holds stand-ins (see preparedQuery), so only presence, booleans and list lengths choose the shape. */
function filtered(db: Reader, filter: Omit<PostListFilter, 'limit' | 'offset'>) {
  let query = publicPosts(db, filter.now);
  if (filter.categoryIds) {
    const ids = filter.categoryIds.length > 0 ? filter.categoryIds : [-1];
    query = query.where('posts.id', 'in', db.selectFrom('post_categories').select('post_id').where('category_id', 'in', ids));
  }
  if (filter.tagId !== undefined) {
    query = query.where('posts.id', 'in', db.selectFrom('post_tags').select('post_id').where('tag_id', '=', filter.tagId));
  }
  if (filter.authorId !== undefined) query = query.where('posts.author_id', '=', filter.authorId);
  if (filter.featured) query = query.where('posts.is_featured', '=', 1);
  if (filter.highlighted) query = query.where('posts.is_highlighted', '=', 1);
  if (filter.excludeIds && filter.excludeIds.length > 0) query = query.where('posts.id', 'not in', filter.excludeIds);
  return query;
}

const postList = preparedQuery((db, filter: PostListFilter & { offset: number }) =>
  filtered(db, filter).select(SUMMARY_COLUMNS).orderBy('posts.published_at', 'desc').orderBy('posts.id', 'desc').limit(filter.limit).offset(filter.offset),
);

export async function listPublicPosts(db: Db, filter: PostListFilter): Promise<PostSummaryRow[]> {
  return postList.all(db.kysely, { ...listFilter(filter), limit: filter.limit, offset: filter.offset ?? 0 });
}

const postCount = preparedQuery((db, filter: Omit<PostListFilter, 'limit' | 'offset'>) =>
  filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('count')),
);

export async function countPublicPosts(db: Db, filter: Omit<PostListFilter, 'limit' | 'offset'>): Promise<number> {
  const row = await postCount.first(db.kysely, listFilter(filter));
  return Number(row?.count ?? 0);
}

/** The filter with its lists padded (inList), and nothing else: what the prepared list queries take. */
function listFilter(filter: Omit<PostListFilter, 'limit' | 'offset'>): Omit<PostListFilter, 'limit' | 'offset'> {
  return {
    now: filter.now,
    categoryIds: filter.categoryIds && inList(filter.categoryIds),
    tagId: filter.tagId,
    authorId: filter.authorId,
    featured: filter.featured,
    highlighted: filter.highlighted,
    excludeIds: filter.excludeIds && inList(filter.excludeIds),
  };
}

/** A post as the public site reads it: everything but the Markdown source and the search text. */
export type PublicPostRow = Omit<PostRow, 'markdown' | 'plain_text' | 'render_version' | 'render_locale'>;

const PUBLIC_COLUMNS = [
  ...SUMMARY_COLUMNS,
  'posts.status',
  'posts.custom_excerpt',
  'posts.word_count',
  'posts.created_at',
  'posts.image_caption',
  'posts.seo_title',
  'posts.seo_description',
  'posts.canonical_url',
  'posts.noindex',
  'posts.html',
] as const;

const postBySlug = preparedQuery((db, p: { type: PostType; slug: string; now: string }) =>
  db
    .selectFrom('posts')
    .select(PUBLIC_COLUMNS)
    .where('type', '=', p.type)
    .where('slug', '=', p.slug)
    .where('status', 'in', VISIBLE_STATUSES)
    .where('published_at', '<=', p.now),
);

export async function findPublicPostBySlug(db: Db, type: PostType, slug: string, now: string): Promise<PublicPostRow | undefined> {
  return postBySlug.first(db.kysely, { type, slug, now });
}

const postById = preparedQuery((db, p: { id: number; now: string }) =>
  db
    .selectFrom('posts')
    .select(PUBLIC_COLUMNS)
    .where('id', '=', p.id)
    .where('type', '=', 'post')
    .where('status', 'in', VISIBLE_STATUSES)
    .where('published_at', '<=', p.now),
);

export async function findPublicPostById(db: Db, id: number, now: string): Promise<PublicPostRow | undefined> {
  return postById.first(db.kysely, { id, now });
}

// Row values compare (date, id) pairs in one range, which both engines answer from the
// posts_timeline index instead of scanning.
const previousPost = preparedQuery((db, p: { date: string; id: number; now: string }) =>
  visibleStatus(db)
    .select(SUMMARY_COLUMNS)
    .where((eb) => eb(eb.refTuple('posts.published_at', 'posts.id'), '<', eb.tuple(p.date, p.id)))
    .orderBy('posts.published_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(1),
);
const nextPost = preparedQuery((db, p: { date: string; id: number; now: string }) =>
  publicPosts(db, p.now)
    .select(SUMMARY_COLUMNS)
    .where((eb) => eb(eb.refTuple('posts.published_at', 'posts.id'), '>', eb.tuple(p.date, p.id)))
    .orderBy('posts.published_at', 'asc')
    .orderBy('posts.id', 'asc')
    .limit(1),
);

/** The public post published just before and just after this one (ties broken by id). */
export async function findAdjacentPosts(
  db: Db,
  post: Pick<PostRow, 'id' | 'published_at'>,
  now: string,
): Promise<{ previous: PostSummaryRow | undefined; next: PostSummaryRow | undefined }> {
  const args = { date: post.published_at ?? now, id: post.id, now };
  const [previous, next] = await Promise.all([previousPost.first(db.kysely, args), nextPost.first(db.kysely, args)]);
  return { previous, next };
}

/** A post's tags, in their order. */
export async function findTagsOfPost(db: Db, postId: number): Promise<TagRow[]> {
  return (await tagsOfPosts.all(db.kysely, { ids: [postId] })).map(({ post_id: _, ...tag }) => tag);
}

const firstCategoryOfPost = preparedQuery((db, p: { id: number }) =>
  db.selectFrom('post_categories').select('category_id').where('post_id', '=', p.id).orderBy('position').limit(1),
);

/** Below this many tagged posts, counting shared tags is cheaper than walking the timeline. */
const RELATED_SCORING_MAX_CANDIDATES = 150;

/**
 * Public posts to read next: those sharing tags with this one, then the newest of its first
 * category. When its tags are on few posts, candidates are ranked by the number of tags they
 * share; when they are on thousands (a large blog's broad tags), the timeline is walked from the
 * newest post and the first matches win, so no read has to count thousands of rows.
 */
export async function findRelatedPosts(
  db: Db,
  post: Pick<PostRow, 'id'>,
  postTagIds: readonly number[],
  now: string,
  limit: number,
): Promise<PostSummaryRow[]> {
  const tagIds = inList(postTagIds);
  let byTags: PostSummaryRow[] = [];
  if (tagIds.length > 0) {
    const candidates = await taggedCount.first(db.kysely, { tagIds });
    const related = Number(candidates?.count ?? 0) <= RELATED_SCORING_MAX_CANDIDATES ? relatedByScore : relatedByRecency;
    byTags = await related.all(db.kysely, { postId: post.id, tagIds, now, limit });
  }
  if (byTags.length >= limit) return byTags;

  const firstCategory = await firstCategoryOfPost.first(db.kysely, { id: post.id });
  if (!firstCategory) return byTags;
  const sameCategory = await newestOfCategory.all(db.kysely, {
    categoryId: firstCategory.category_id,
    excludeIds: [post.id, ...byTags.map((p) => p.id)],
    now,
    limit: limit - byTags.length,
  });
  return [...byTags, ...sameCategory];
}

/** Rows of post_tags for these tags (a post with two of them counts twice): a bound on the candidates. */
const taggedCount = preparedQuery((db, p: { tagIds: number[] }) =>
  db
    .selectFrom('post_tags')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('tag_id', 'in', p.tagIds),
);

const relatedByScore = preparedQuery((db, p: { postId: number; tagIds: number[]; now: string; limit: number }) => {
  const scores = db
    .selectFrom('post_tags')
    .select((eb) => ['post_tags.post_id', eb.fn.countAll<number>().as('score')])
    .where('post_tags.tag_id', 'in', p.tagIds)
    .where('post_tags.post_id', '!=', p.postId)
    .groupBy('post_tags.post_id')
    .as('shared');
  // CROSS JOIN keeps the scores as the outer loop in SQLite (PostgreSQL plans it as a plain join);
  // otherwise SQLite walks every public post looking for the few that share a tag.
  return db
    .selectFrom(scores)
    .crossJoin('posts')
    .whereRef('posts.id', '=', 'shared.post_id')
    .where('posts.type', '=', 'post')
    .where('posts.status', 'in', VISIBLE_STATUSES)
    .where('posts.published_at', '<=', p.now)
    .select(SUMMARY_COLUMNS)
    .orderBy('shared.score', 'desc')
    .orderBy('posts.published_at', 'desc')
    .limit(p.limit);
});

const relatedByRecency = preparedQuery((db, p: { postId: number; tagIds: number[]; now: string; limit: number }) =>
  publicPosts(db, p.now)
    .where('posts.id', '!=', p.postId)
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('post_tags').select('post_tags.post_id').whereRef('post_tags.post_id', '=', 'posts.id').where('post_tags.tag_id', 'in', p.tagIds)),
    )
    .select(SUMMARY_COLUMNS)
    .orderBy('posts.published_at', 'desc')
    .limit(p.limit),
);

const newestOfCategory = preparedQuery((db, p: { categoryId: number; excludeIds: number[]; now: string; limit: number }) =>
  publicPosts(db, p.now)
    .where('posts.id', 'not in', p.excludeIds)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('post_categories')
          .select('post_categories.post_id')
          .whereRef('post_categories.post_id', '=', 'posts.id')
          .where('post_categories.category_id', '=', p.categoryId),
      ),
    )
    .select(SUMMARY_COLUMNS)
    .orderBy('posts.published_at', 'desc')
    .limit(p.limit),
);

export interface Taxonomy {
  categories: Map<number, CategoryRow[]>;
  tags: Map<number, TagRow[]>;
  authors: Map<number, AuthorRow>;
}

const categoriesOfPosts = preparedQuery((db, p: { ids: number[] }) =>
  db
    .selectFrom('post_categories')
    .innerJoin('categories', 'categories.id', 'post_categories.category_id')
    .select(['post_categories.post_id', 'categories.id', 'categories.slug', 'categories.name', 'categories.description', 'categories.parent_id', 'categories.created_at'])
    .where('post_categories.post_id', 'in', p.ids)
    .orderBy('post_categories.position'),
);

const tagsOfPosts = preparedQuery((db, p: { ids: number[] }) =>
  db
    .selectFrom('post_tags')
    .innerJoin('tags', 'tags.id', 'post_tags.tag_id')
    .select(['post_tags.post_id', 'tags.id', 'tags.slug', 'tags.name', 'tags.created_at'])
    .where('post_tags.post_id', 'in', p.ids)
    .orderBy('post_tags.position'),
);

const authorsById = preparedQuery((db, p: { ids: number[] }) => db.selectFrom('authors').selectAll().where('id', 'in', p.ids));

const categoryIdsOfPosts = preparedQuery((db, p: { ids: number[] }) =>
  db.selectFrom('post_categories').select(['post_id', 'category_id']).where('post_id', 'in', p.ids).orderBy('position'),
);

/** Categories already in memory (the site keeps them all, for its navigation), found by id. */
export interface KnownCategories {
  byId(id: number): CategoryRow | undefined;
}

/**
 * The categories of each post, in their order. With the categories in memory only the links are
 * read; a link to one they do not hold yet (just created) sends the read through the table.
 */
async function categoriesOf(db: Db, ids: number[], known: KnownCategories | undefined): Promise<{ post_id: number; category: CategoryRow }[]> {
  if (known) {
    const links = await categoryIdsOfPosts.all(db.kysely, { ids });
    const found = links.map((link) => ({ post_id: link.post_id, category: known.byId(link.category_id) }));
    if (found.every((link) => link.category !== undefined)) return found as { post_id: number; category: CategoryRow }[];
  }
  return (await categoriesOfPosts.all(db.kysely, { ids })).map(({ post_id, ...category }) => ({ post_id, category }));
}

/**
 * Categories, tags and authors of a set of posts, in three queries whatever their number.
 * `categories`, when given, are those in memory: the query then reads the posts' links only.
 */
export async function loadTaxonomy(
  db: Db,
  posts: readonly Pick<PostRow, 'id' | 'author_id'>[],
  withTags = false,
  categories?: KnownCategories,
): Promise<Taxonomy> {
  const ids = inList(posts.map((p) => p.id));
  const authorIds = inList([...new Set(posts.map((p) => p.author_id).filter((id): id is number => id !== null))]);
  const taxonomy: Taxonomy = { categories: new Map(), tags: new Map(), authors: new Map() };
  if (ids.length === 0) return taxonomy;
  const [categoryLinks, tagRows, authorRows] = await Promise.all([
    categoriesOf(db, ids, categories),
    withTags ? tagsOfPosts.all(db.kysely, { ids }) : Promise.resolve([]),
    authorIds.length > 0 ? authorsById.all(db.kysely, { ids: authorIds }) : Promise.resolve([]),
  ]);
  for (const { post_id, category } of categoryLinks) push(taxonomy.categories, post_id, category);
  for (const { post_id, ...tag } of tagRows) push(taxonomy.tags, post_id, tag);
  for (const author of authorRows) taxonomy.authors.set(author.id, author);
  return taxonomy;
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export async function listCategories(db: Db): Promise<CategoryRow[]> {
  return db.kysely.selectFrom('categories').selectAll().orderBy('name').execute();
}

/**
 * The categories with at least one public post filed directly under them. Each category stops
 * at its first such post (post_categories_category index), so this reads a few rows per category
 * whatever the number of posts.
 */
export async function listCategoryIdsWithPublicPosts(db: Db, now: string): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom('categories')
    .select('categories.id')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('post_categories')
          .innerJoin('posts', 'posts.id', 'post_categories.post_id')
          .select('post_categories.post_id')
          .whereRef('post_categories.category_id', '=', 'categories.id')
          .where('posts.type', '=', 'post')
          .where('posts.status', 'in', VISIBLE_STATUSES)
          .where('posts.published_at', '<=', now),
      ),
    )
    .execute();
  return rows.map((row) => row.id);
}

const tagBySlug = preparedQuery((db, p: { slug: string }) => db.selectFrom('tags').selectAll().where('slug', '=', p.slug));

export async function findTagBySlug(db: Db, slug: string): Promise<TagRow | undefined> {
  return tagBySlug.first(db.kysely, { slug });
}

const authorBySlug = preparedQuery((db, p: { slug: string }) => db.selectFrom('authors').selectAll().where('slug', '=', p.slug));

export async function findAuthorBySlug(db: Db, slug: string): Promise<AuthorRow | undefined> {
  return authorBySlug.first(db.kysely, { slug });
}

/** When the next scheduled post or page goes public; undefined when none is waiting. */
export async function findNextScheduledAt(db: Db, now: string): Promise<string | undefined> {
  const row = await db.kysely
    .selectFrom('posts')
    .select((eb) => eb.fn.min('published_at').as('next'))
    .where('status', '=', 'scheduled')
    .where('published_at', '>', now)
    .executeTakeFirst();
  return row?.next ?? undefined;
}

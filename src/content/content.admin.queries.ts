import { sql } from 'kysely';
import type { PostFacts } from '../auth/auth.policy.ts';
import type { PostRow, PostStatus, PostType } from '../db/schema.ts';
import type { Executor } from './content.admin.ts';

/** Reading queries of the newsroom: every post whatever its status, with the fields an editor changes. */

/** What the policy needs to decide, read before anything else of the post. */
export async function findPostFacts(db: Executor, id: number): Promise<PostFacts | undefined> {
  const row = await db.selectFrom('posts').select(['type', 'author_id', 'status']).where('id', '=', id).executeTakeFirst();
  return row && { type: row.type, authorId: row.author_id, status: row.status };
}

/** A post as the newsroom edits it: its row without the rendered forms, and its terms in order. */
export interface PostState {
  id: number;
  type: PostType;
  status: PostStatus;
  title: string;
  slug: string;
  markdown: string;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  customExcerpt: string | null;
  authorId: number | null;
  image: { url: string; alt: string; caption: string | null } | null;
  seoTitle: string | null;
  seoDescription: string | null;
  featured: boolean;
  highlighted: boolean;
  categoryIds: number[];
  tagIds: number[];
}

const STATE_COLUMNS = [
  'id',
  'type',
  'status',
  'title',
  'slug',
  'markdown',
  'published_at',
  'created_at',
  'updated_at',
  'custom_excerpt',
  'author_id',
  'image_url',
  'image_alt',
  'image_caption',
  'seo_title',
  'seo_description',
  'is_featured',
  'is_highlighted',
] as const;

export async function loadPostState(db: Executor, id: number): Promise<PostState | undefined> {
  const [row, categories, tags] = await Promise.all([
    db.selectFrom('posts').select(STATE_COLUMNS).where('id', '=', id).executeTakeFirst(),
    db.selectFrom('post_categories').select('category_id').where('post_id', '=', id).orderBy('position').execute(),
    db.selectFrom('post_tags').select('tag_id').where('post_id', '=', id).orderBy('position').execute(),
  ]);
  if (!row) return undefined;
  return {
    ...stateOf(row),
    categoryIds: categories.map((c) => c.category_id),
    tagIds: tags.map((t) => t.tag_id),
  };
}

function stateOf(row: Pick<PostRow, (typeof STATE_COLUMNS)[number]>): Omit<PostState, 'categoryIds' | 'tagIds'> {
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    title: row.title,
    slug: row.slug,
    markdown: row.markdown,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    customExcerpt: row.custom_excerpt,
    authorId: row.author_id,
    image: row.image_url ? { url: row.image_url, alt: row.image_alt ?? '', caption: row.image_caption } : null,
    seoTitle: row.seo_title,
    seoDescription: row.seo_description,
    featured: row.is_featured === 1,
    highlighted: row.is_highlighted === 1,
  };
}

export interface AdminPostFilter {
  type?: PostType | undefined;
  status?: PostStatus | undefined;
  /** Words of the title, without regard to case. */
  q?: string | undefined;
  /** Categories to match, a category's sub-categories included. */
  categoryIds?: readonly number[] | undefined;
  authorId?: number | undefined;
  limit: number;
  offset: number;
}

export type AdminPostRow = Pick<PostRow, 'id' | 'type' | 'status' | 'title' | 'slug' | 'published_at' | 'created_at' | 'updated_at' | 'author_id'>;

/** The newsroom's list, with the total for the pages. */
export async function listAdminPosts(db: Executor, filter: AdminPostFilter): Promise<{ rows: AdminPostRow[]; total: number }> {
  let query = db.selectFrom('posts');
  if (filter.type) query = query.where('posts.type', '=', filter.type);
  if (filter.status) query = query.where('posts.status', '=', filter.status);
  if (filter.authorId !== undefined) query = query.where('posts.author_id', '=', filter.authorId);
  if (filter.q?.trim()) {
    const pattern = `%${filter.q.trim().toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`;
    query = query.where(sql<boolean>`lower(${sql.ref('posts.title')}) like ${pattern} escape '\\'`);
  }
  if (filter.categoryIds) {
    const ids = filter.categoryIds.length > 0 ? filter.categoryIds : [-1];
    query = query.where('posts.id', 'in', db.selectFrom('post_categories').select('post_id').where('category_id', 'in', ids));
  }
  const [rows, count] = await Promise.all([
    query
      .select(['posts.id', 'posts.type', 'posts.status', 'posts.title', 'posts.slug', 'posts.published_at', 'posts.created_at', 'posts.updated_at', 'posts.author_id'])
      // Published: newest first; scheduled: the next to go out first; otherwise the last worked on.
      .orderBy(filter.status === 'published' || filter.status === 'scheduled' ? 'posts.published_at' : 'posts.updated_at', filter.status === 'scheduled' ? 'asc' : 'desc')
      .orderBy('posts.id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst(),
  ]);
  return { rows, total: Number(count?.count ?? 0) };
}

export async function authorExists(db: Executor, id: number): Promise<boolean> {
  return (await db.selectFrom('authors').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** The category with this slug (or id, written in digits) and every category below it. */
export async function categoryWithDescendants(db: Executor, slugOrId: string): Promise<number[]> {
  const rows = await db.selectFrom('categories').select(['id', 'slug', 'parent_id']).execute();
  const root = rows.find((row) => row.slug === slugOrId || String(row.id) === slugOrId);
  if (!root) return [];
  const ids = [root.id];
  for (let i = 0; i < ids.length; i++) {
    for (const row of rows) if (row.parent_id === ids[i] && !ids.includes(row.id)) ids.push(row.id);
  }
  return ids;
}

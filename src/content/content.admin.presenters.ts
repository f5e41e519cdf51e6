import type { PostStatus, PostType } from '../db/schema.ts';
import type { SiteSettings } from '../settings/settings.ts';
import type { Executor } from './content.admin.ts';
import type { AdminPostRow, PostState } from './content.admin.queries.ts';
import { postPath } from './permalinks.ts';
import { listCategoryViews } from './taxonomy.service.ts';

/** What the Admin API shows of posts: the one place that decides it, never a database row. */

export interface TermView {
  id: number;
  name: string;
  slug: string;
}

export interface AdminCategoryRef extends TermView {
  /** "Parent > Child", what the post's category field takes back. */
  path: string;
}

export interface AdminPostSummary {
  id: number;
  type: PostType;
  title: string;
  slug: string;
  status: PostStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The public address: where it is, or where it will be once published. */
  url: string;
  author: TermView | null;
  categories: AdminCategoryRef[];
}

export interface AdminPost extends AdminPostSummary {
  markdown: string;
  /** The writer's own excerpt; null when the list shows one taken from the text. */
  excerpt: string | null;
  seoTitle: string | null;
  seoDescription: string | null;
  featured: boolean;
  highlighted: boolean;
  image: { url: string; alt: string; caption: string | null } | null;
  tags: TermView[];
}

/** Authors, categories and tags of a set of posts, read once for a whole list. */
export interface AdminTerms {
  authors: Map<number, TermView>;
  categories: Map<number, AdminCategoryRef>;
  categoriesOf: Map<number, number[]>;
  tags: Map<number, TermView>;
  tagsOf: Map<number, number[]>;
}

export async function loadAdminTerms(db: Executor, posts: readonly { id: number; author_id: number | null }[]): Promise<AdminTerms> {
  const ids = posts.map((post) => post.id);
  const authorIds = [...new Set(posts.map((post) => post.author_id).filter((id): id is number => id !== null))];
  const terms: AdminTerms = { authors: new Map(), categories: new Map(), categoriesOf: new Map(), tags: new Map(), tagsOf: new Map() };
  if (ids.length === 0) return terms;
  const [authors, categories, postCategories, postTags] = await Promise.all([
    authorIds.length > 0 ? db.selectFrom('authors').select(['id', 'name', 'slug']).where('id', 'in', authorIds).execute() : Promise.resolve([]),
    listCategoryViews(db),
    db.selectFrom('post_categories').select(['post_id', 'category_id']).where('post_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('post_tags')
      .innerJoin('tags', 'tags.id', 'post_tags.tag_id')
      .select(['post_tags.post_id', 'tags.id', 'tags.name', 'tags.slug'])
      .where('post_tags.post_id', 'in', ids)
      .orderBy('post_tags.position')
      .execute(),
  ]);
  for (const author of authors) terms.authors.set(author.id, { id: author.id, name: author.name, slug: author.slug });
  for (const category of categories) terms.categories.set(category.id, { id: category.id, name: category.name, slug: category.slug, path: category.path });
  for (const link of postCategories) push(terms.categoriesOf, link.post_id, link.category_id);
  for (const tag of postTags) {
    terms.tags.set(tag.id, { id: tag.id, name: tag.name, slug: tag.slug });
    push(terms.tagsOf, tag.post_id, tag.id);
  }
  return terms;
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function adminPostUrl(post: { id: number; type: PostType; slug: string; publishedAt: string | null }, settings: SiteSettings, now: string): string {
  return postPath({ ...post, publishedAt: post.publishedAt ?? now }, settings.permalinkPattern, settings.timezone);
}

export function presentAdminPostSummary(row: AdminPostRow, terms: AdminTerms, settings: SiteSettings, now: string): AdminPostSummary {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    slug: row.slug,
    status: row.status,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    url: adminPostUrl({ id: row.id, type: row.type, slug: row.slug, publishedAt: row.published_at }, settings, now),
    author: (row.author_id !== null && terms.authors.get(row.author_id)) || null,
    categories: (terms.categoriesOf.get(row.id) ?? []).map((id) => terms.categories.get(id)).filter((c): c is AdminCategoryRef => c !== undefined),
  };
}

export function presentAdminPost(state: PostState, terms: AdminTerms, settings: SiteSettings, now: string): AdminPost {
  const row: AdminPostRow = {
    id: state.id,
    type: state.type,
    status: state.status,
    title: state.title,
    slug: state.slug,
    published_at: state.publishedAt,
    created_at: state.createdAt,
    updated_at: state.updatedAt,
    author_id: state.authorId,
  };
  return {
    ...presentAdminPostSummary(row, terms, settings, now),
    markdown: state.markdown,
    excerpt: state.customExcerpt,
    seoTitle: state.seoTitle,
    seoDescription: state.seoDescription,
    featured: state.featured,
    highlighted: state.highlighted,
    image: state.image,
    tags: (terms.tagsOf.get(state.id) ?? []).map((id) => terms.tags.get(id)).filter((t): t is TermView => t !== undefined),
  };
}

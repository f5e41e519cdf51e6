import type { PostStatus, PostType } from '../db/schema.ts';
import type { Executor } from './content.admin.ts';
import type { PostState } from './content.admin.queries.ts';
import { diffLines, type DiffLine } from './line-diff.ts';
import { categoryPaths, tagNames } from './taxonomy.service.ts';

/**
 * Every save of a post is kept: its title, its Markdown, and the rest as JSON. Terms are kept by
 * name rather than id, so a revision still restores after a category was deleted (it comes back).
 */

export interface RevisionFields {
  type: PostType;
  slug: string;
  status: PostStatus;
  publishedAt: string | null;
  authorId: number | null;
  excerpt: string | null;
  seoTitle: string | null;
  seoDescription: string | null;
  featured: boolean;
  highlighted: boolean;
  image: { url: string; alt: string; caption: string | null } | null;
  categories: string[];
  tags: string[];
}

export interface RevisionSummary {
  id: number;
  createdAt: string;
  title: string;
  /** Who saved it; null for the scheduler, an import, or an account since deleted. */
  user: { id: number; name: string } | null;
}

export interface RevisionDetail extends RevisionSummary {
  markdown: string;
  fields: RevisionFields;
  /** From this revision's Markdown to the post's current one. */
  diff: DiffLine[];
}

export async function recordRevision(trx: Executor, state: PostState, userId: number | null, now: string): Promise<void> {
  const fields: RevisionFields = {
    type: state.type,
    slug: state.slug,
    status: state.status,
    publishedAt: state.publishedAt,
    authorId: state.authorId,
    excerpt: state.customExcerpt,
    seoTitle: state.seoTitle,
    seoDescription: state.seoDescription,
    featured: state.featured,
    highlighted: state.highlighted,
    image: state.image,
    categories: await categoryPaths(trx, state.categoryIds),
    tags: await tagNames(trx, state.tagIds),
  };
  await trx
    .insertInto('post_revisions')
    .values({ post_id: state.id, user_id: userId, created_at: now, title: state.title, markdown: state.markdown, fields: JSON.stringify(fields) })
    .execute();
}

function revisions(db: Executor, postId: number) {
  return db
    .selectFrom('post_revisions')
    .leftJoin('users', 'users.id', 'post_revisions.user_id')
    .where('post_revisions.post_id', '=', postId)
    .select(['post_revisions.id', 'post_revisions.created_at', 'post_revisions.title', 'post_revisions.user_id', 'users.name as user_name']);
}

type RevisionRow = { id: number; created_at: string; title: string; user_id: number | null; user_name: string | null };

function presentSummary(row: RevisionRow): RevisionSummary {
  return { id: row.id, createdAt: row.created_at, title: row.title, user: row.user_id !== null && row.user_name !== null ? { id: row.user_id, name: row.user_name } : null };
}

/** Newest first. */
export async function listRevisions(db: Executor, postId: number): Promise<RevisionSummary[]> {
  const rows = await revisions(db, postId).orderBy('post_revisions.id', 'desc').execute();
  return rows.map(presentSummary);
}

export async function readRevision(db: Executor, postId: number, revisionId: number): Promise<RevisionDetail | undefined> {
  const [row, current] = await Promise.all([
    revisions(db, postId).select(['post_revisions.markdown', 'post_revisions.fields']).where('post_revisions.id', '=', revisionId).executeTakeFirst(),
    db.selectFrom('posts').select('markdown').where('id', '=', postId).executeTakeFirst(),
  ]);
  if (!row || !current) return undefined;
  return { ...presentSummary(row), markdown: row.markdown, fields: JSON.parse(row.fields) as RevisionFields, diff: diffLines(row.markdown, current.markdown) };
}

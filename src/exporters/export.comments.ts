import type { Db } from '../db/db.ts';
import type { CommentRow } from '../db/schema.ts';
import { EXPORT_PAGE_SIZE, pagesOf } from './export.reader.ts';

/**
 * Readers' comments (migration 0006), read for the exports a page at a time. Spam and deleted
 * comments are never stored, so every comment here is approved or waiting for moderation.
 */

export interface ExportComment {
  id: number;
  postId: number;
  /** The comment it answers; null at the top of a thread. */
  parentId: number | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  /** Sanitised HTML, as stored. */
  html: string;
  status: 'approved' | 'pending';
  createdAt: string;
  updatedAt: string;
}

export async function countComments(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('comments').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Every comment, in id order (a reply always comes after what it answers). */
export async function* readComments(db: Db, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ExportComment[]> {
  const read = (after: number) => db.kysely.selectFrom('comments').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute();
  for await (const rows of pagesOf(read)) {
    yield rows.map(presentComment);
  }
}

/** The comments of some posts, grouped by post, for writers that put them inside their post (WXR). */
export async function commentsOfPosts(db: Db, postIds: readonly number[]): Promise<Map<number, ExportComment[]>> {
  const byPost = new Map<number, ExportComment[]>();
  if (postIds.length === 0) return byPost;
  const rows = await db.kysely.selectFrom('comments').selectAll().where('post_id', 'in', postIds).orderBy('id').execute();
  for (const row of rows) {
    const comment = presentComment(row);
    const list = byPost.get(row.post_id);
    if (list) list.push(comment);
    else byPost.set(row.post_id, [comment]);
  }
  return byPost;
}

function presentComment(row: CommentRow): ExportComment {
  return {
    id: row.id,
    postId: row.post_id,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    html: row.html,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

import type { Db } from '../db/db.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import type { CommentRow } from '../db/schema.ts';

/** What an article page shows of a comment: never its author's e-mail address. */
export type PublicCommentRow = Pick<CommentRow, 'id' | 'parent_id' | 'author_name' | 'author_url' | 'html' | 'created_at'>;

const approvedComments = preparedQuery((db, p: { postId: number }) =>
  db
    .selectFrom('comments')
    .select(['id', 'parent_id', 'author_name', 'author_url', 'html', 'created_at'])
    .where('post_id', '=', p.postId)
    .where('status', '=', 'approved')
    .orderBy('created_at')
    .orderBy('id'),
);

/** A post's approved comments, oldest first. */
export async function listApprovedComments(db: Db, postId: number): Promise<PublicCommentRow[]> {
  return approvedComments.all(db.kysely, { postId });
}

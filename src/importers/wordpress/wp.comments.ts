import type { Insertable, Transaction } from 'kysely';
import { commenterSite } from '../../comments/comments.fields.ts';
import { commentHtml } from '../../comments/comments.html.ts';
import { preparedQuery } from '../../db/prepared-query.ts';
import type { CommentsTable, DatabaseSchema } from '../../db/schema.ts';
import { translate, type Locale } from '../../i18n/i18n.ts';
import { commentDate, plainText } from './wp.fields.ts';
import type { ImportMappings } from './wp.mappings.ts';
import { skip, type WordpressImportReport } from './wp.report.ts';
import type { WxrComment } from './wxr.model.ts';

type Trx = Transaction<DatabaseSchema>;

/** Compiled once per import (preparedQuery): a blog's comments outnumber its posts. */
const insertComment = preparedQuery((db, values: Insertable<CommentsTable>) => db.insertInto('comments').values(values).returning('id'));

export interface CommentContext {
  report: WordpressImportReport;
  mappings: ImportMappings;
  locale: Locale;
  timeZone: string;
  now: string;
}

/** The comments an import keeps: readers' comments, approved or pending. */
export function isKept(comment: WxrComment): boolean {
  return comment.type === 'comment' && (comment.status === 'approved' || comment.status === 'pending');
}

/**
 * Writes an item's comments under its post, threaded: approved ones are shown, pending ones kept
 * for moderation; spam, deleted comments, pingbacks and trackbacks are left out (and counted).
 * Replies find their parent among the comments of the same post, whatever their order in the file.
 * `html` holds the kept comments' HTML when it was made beforehand (on the render pool's threads),
 * in their order; else it is made here.
 */
export async function writeComments(trx: Trx, postId: number, comments: readonly WxrComment[], context: CommentContext, html?: readonly string[]): Promise<void> {
  const { report, mappings } = context;
  const localIds = new Map<number, number>();
  const replies: { id: number; parentWpId: number; parentId: number | null }[] = [];
  let kept = 0;
  for (const comment of comments) {
    if (comment.type !== 'comment') {
      skip(report, 'comment', 'commentType', comment.type);
      continue;
    }
    if (comment.status !== 'approved' && comment.status !== 'pending') {
      skip(report, 'comment', 'comment', comment.status);
      continue;
    }
    const createdAt = commentDate(comment.date, context.timeZone) ?? context.now;
    const parentId = comment.parentId > 0 ? (localIds.get(comment.parentId) ?? null) : null;
    const values = {
      post_id: postId,
      parent_id: parentId,
      author_name: plainText(comment.author) || translate(context.locale, 'comments.anonymous'),
      author_email: comment.authorEmail.trim().toLowerCase(),
      author_url: commenterSite(comment.authorUrl),
      html: html?.[kept] ?? commentHtml(comment.content, context.locale),
      status: comment.status,
      created_at: createdAt,
      updated_at: createdAt,
    };
    const known = mappings.find('comment', comment.id)?.localId;
    let id: number;
    if (known !== undefined && known !== null) {
      await trx.updateTable('comments').set(values).where('id', '=', known).execute();
      id = known;
      report.counts.comment.updated++;
    } else {
      id = (await insertComment.first(trx, values))!.id;
      report.counts.comment.imported++;
    }
    kept++;
    localIds.set(comment.id, id);
    if (comment.parentId > 0) replies.push({ id, parentWpId: comment.parentId, parentId });
    await mappings.record(trx, 'comment', comment.id, { localId: id, sourceStatus: comment.status, sourceParentId: comment.parentId || null });
  }
  // A reply written before its parent in the file: linked now that every comment has its id.
  for (const reply of replies) {
    const parentId = localIds.get(reply.parentWpId) ?? null;
    if (parentId !== reply.parentId && parentId !== reply.id) await trx.updateTable('comments').set({ parent_id: parentId }).where('id', '=', reply.id).execute();
  }
}

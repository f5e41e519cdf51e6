import type { PublicCommentRow } from './comments.queries.ts';

/** A comment as an article page shows it, with the replies to it. */
export interface CommentView {
  id: number;
  author: string;
  /** The commenter's own site, http(s) only (checked when stored). */
  authorUrl: string | undefined;
  /** ISO 8601. */
  writtenAt: string;
  /** Sanitised when stored. */
  html: string;
  replies: CommentView[];
}

/**
 * Replies deeper than this are shown at this depth, after their siblings, as WordPress's own
 * themes do (its default is five levels): narrower and narrower columns help nobody read.
 */
export const MAX_COMMENT_DEPTH = 5;

/**
 * The thread of a post's approved comments, oldest first at every level. A reply whose parent is
 * not shown (still pending, or gone) is shown at the top level rather than hidden.
 */
export function presentCommentThread(rows: readonly PublicCommentRow[]): CommentView[] {
  const placed = new Map<number, Placed>();
  const top: CommentView[] = [];
  // Rows come oldest first and a reply is written after what it answers, so a parent is placed
  // before its replies; one dated before its parent (an edited date) goes to the top level.
  for (const row of rows) {
    const view: CommentView = { id: row.id, author: row.author_name, authorUrl: row.author_url ?? undefined, writtenAt: row.created_at, html: row.html, replies: [] };
    let parent = row.parent_id === null ? undefined : placed.get(row.parent_id);
    while (parent && parent.depth >= MAX_COMMENT_DEPTH) parent = parent.parent;
    if (parent) parent.view.replies.push(view);
    else top.push(view);
    placed.set(row.id, { view, depth: parent ? parent.depth + 1 : 1, parent });
  }
  return top;
}

interface Placed {
  view: CommentView;
  depth: number;
  parent: Placed | undefined;
}

/** How many comments a thread holds, replies included. */
export function countComments(thread: readonly CommentView[]): number {
  return thread.reduce((sum, comment) => sum + 1 + countComments(comment.replies), 0);
}

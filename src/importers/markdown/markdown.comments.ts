import type { Transaction } from 'kysely';
import { commenterSite } from '../../comments/comments.fields.ts';
import { commentHtml } from '../../comments/comments.html.ts';
import type { DatabaseSchema } from '../../db/schema.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { parseFrontMatterDate } from './markdown.dates.ts';
import type { FrontMatter } from './markdown.frontmatter.ts';
import type { FileProblem } from './markdown.problems.ts';

/**
 * Readers' comments listed in a post's front matter, as Kiosque's Markdown export writes them:
 *
 *   comments:
 *     - id: 12                      # any number or text, only to link replies
 *       parent: 11                  # the id it answers; left out at the top of a thread
 *       author: Marie
 *       url: https://marie.example  # optional
 *       date: 2024-05-02T09:14:00Z
 *       html: <p>Merci !</p>        # or `text:`, paragraphs separated by blank lines
 *
 * They are shown comments (approved). Whatever the file says goes through the same cleaning as
 * any comment stored (comments.html.ts), so a hand-written file cannot slip a script in.
 */

export interface FileComment {
  /** The `id` as written, to find replies' parents; undefined when there is none. */
  key: string | undefined;
  parentKey: string | undefined;
  author: string;
  url: string | null;
  /** ISO 8601, UTC. */
  createdAt: string;
  /** HTML or text, as written. */
  text: string;
  line: number;
  /** Its place in the list, from 1, for reports. */
  number: number;
}

/** The front matter's comments; undefined when it has no `comments` field (the post's comments are then left as they are). */
export function readFileComments(frontMatter: FrontMatter, timeZone: string, problems: FileProblem[]): FileComment[] | undefined {
  const value = frontMatter.fields.comments;
  if (value === undefined || value === null) return undefined;
  const fieldLine = frontMatter.lineOf('comments') ?? 1;
  if (!Array.isArray(value)) {
    problems.push({ line: fieldLine, code: 'comments_not_list', params: {} });
    return undefined;
  }
  const comments: FileComment[] = [];
  const before = problems.length;
  for (const [index, item] of value.entries()) {
    const line = frontMatter.lineOfItem('comments', index) ?? fieldLine;
    const number = index + 1;
    const fields: Record<string, unknown> = isRecord(item) ? item : {};
    const author = text(fields.author);
    const body = text(fields.html) ?? text(fields.text);
    const date = fields.date ?? fields.createdAt;
    if (!isRecord(item) || author === undefined || body === undefined || date === undefined || date === null) {
      problems.push({ line, code: 'comment_incomplete', params: { number } });
      continue;
    }
    const createdAt = parseFrontMatterDate(date, timeZone);
    if (!createdAt) {
      problems.push({ line, code: 'date_invalid', params: { value: date instanceof Date ? date.toISOString() : String(date) } });
      continue;
    }
    if (fields.url !== undefined && fields.url !== null && typeof fields.url !== 'string') {
      problems.push({ line, code: 'field_not_text', params: { field: 'url' } });
      continue;
    }
    comments.push({
      key: identifier(fields.id),
      parentKey: identifier(fields.parent),
      author,
      url: typeof fields.url === 'string' ? commenterSite(fields.url) : null,
      createdAt,
      text: body,
      line,
      number,
    });
  }
  const keys = new Set(comments.map((comment) => comment.key).filter((key) => key !== undefined));
  for (const comment of comments) {
    if (comment.parentKey !== undefined && !keys.has(comment.parentKey)) {
      problems.push({ line: comment.line, code: 'comment_parent_unknown', params: { number: comment.number, parent: comment.parentKey } });
    }
  }
  return problems.length > before ? undefined : comments;
}

type Trx = Transaction<DatabaseSchema>;

/**
 * Stores a post's comments from its file. A comment already there with the same author and date
 * (to the second) is the same comment, updated rather than added again: importing a folder twice, or into the
 * site it came from, does not double a discussion. Comments the file does not list (waiting for
 * moderation, say) are left alone.
 */
export async function writeFileComments(trx: Trx, postId: number, comments: readonly FileComment[], locale: Locale): Promise<{ created: number; updated: number }> {
  const counts = { created: 0, updated: 0 };
  if (comments.length === 0) return counts;
  const existing = await trx.selectFrom('comments').select(['id', 'author_name', 'created_at']).where('post_id', '=', postId).execute();
  // Each stored comment answers for one listed comment at most: two sent by one person in the same second stay two.
  const known = new Map<string, number[]>();
  for (const row of existing) {
    const key = sameComment(row.author_name, new Date(row.created_at).toISOString());
    known.set(key, [...(known.get(key) ?? []), row.id]);
  }
  const ids = new Map<string, number>();
  const later: { id: number; parentKey: string }[] = [];
  for (const comment of comments) {
    const parentId = comment.parentKey === undefined ? null : (ids.get(comment.parentKey) ?? null);
    const values = {
      parent_id: parentId,
      author_name: comment.author,
      author_url: comment.url,
      html: commentHtml(comment.text, locale),
      status: 'approved' as const,
      created_at: comment.createdAt,
      updated_at: comment.createdAt,
    };
    let id = known.get(sameComment(comment.author, comment.createdAt))?.shift();
    if (id !== undefined) {
      await trx.updateTable('comments').set(values).where('id', '=', id).execute();
      counts.updated++;
    } else {
      id = (await trx.insertInto('comments').values({ ...values, post_id: postId, author_email: '' }).returning('id').executeTakeFirstOrThrow()).id;
      counts.created++;
    }
    if (comment.key !== undefined) ids.set(comment.key, id);
    if (comment.parentKey !== undefined && parentId === null) later.push({ id, parentKey: comment.parentKey });
  }
  // A reply listed before what it answers: linked now that every comment has its id.
  for (const reply of later) {
    const parentId = ids.get(reply.parentKey);
    if (parentId !== undefined && parentId !== reply.id) await trx.updateTable('comments').set({ parent_id: parentId }).where('id', '=', reply.id).execute();
  }
  return counts;
}

function sameComment(author: string, createdAt: string): string {
  return `${createdAt}\u0000${author}`;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

function identifier(value: unknown): string | undefined {
  return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '') ? String(value).trim() : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

import { sql } from 'kysely';
import { preparedSql } from '../prepared-query.ts';
import { stemmedText, stemWord } from '../../search/search.french.ts';
import type { FullTextCandidate, FullTextIndex, FullTextQuery, IndexedPost, QueryPart } from './fulltext.ts';

/**
 * SQLite: two FTS5 tables without content of their own, holding words stemmed by Kiosque —
 * `search_fts` (title, excerpt, body, facets) to find posts, `search_heads` (title, excerpt) to
 * tell where they were found — and `search_documents`, mapping each post to its FTS row. The
 * original text stays in `posts` for snippets.
 *
 * Everything a search filters on is in the index, so finding posts reads nothing else:
 * - an FTS row's number is the post's recency key (the second it was published, then its id):
 *   FTS5 walks a word's posts in row order for nothing, so "the most recent posts that match,
 *   published by now" is a walk down from the key of now that stops after `limit` rows, however
 *   many thousands of posts hold a common word (ranking every match with bm25 instead costs time
 *   in proportion to them all: tens of milliseconds on 100,000 posts);
 * - `facets` holds `public` for a post readers may see and `c<id>` for each of its categories.
 * Both are written with the post by writePost, the only writer of a post's type, status, date and
 * categories (the scheduler's one change, scheduled to published, keeps a post public).
 */

/** Post ids below 2^21 can share a second of publication without sharing a key. */
const ID_BITS = 2 ** 21;
const PUBLIC = 'public';

function recencyKey(post: Pick<IndexedPost, 'id' | 'publishedAt'>): number {
  const seconds = post.publishedAt ? Math.floor(Date.parse(post.publishedAt) / 1000) : 0;
  return seconds * ID_BITS + (post.id % ID_BITS);
}

/** The highest key of a post published at `now` or before (to the second). */
function keyOfNow(now: string): number {
  return Math.floor(Date.parse(now) / 1000) * ID_BITS + (ID_BITS - 1);
}

const publishedMsOf = (key: number) => Math.floor(key / ID_BITS) * 1000;
const categoryToken = (id: number) => `c${id}`;

/** A part as an FTS5 string: stemmed words in double quotes, which nothing a reader types can close. */
function ftsPhrase(part: QueryPart): string {
  const words = part.kind === 'word' ? [part.word] : part.words;
  return `"${words.map(stemWord).join(' ')}"`;
}

function matchExpression(query: FullTextQuery): string {
  let expression = `{title excerpt body} : (${query.parts.map(ftsPhrase).join(' AND ')}) AND facets : ${PUBLIC}`;
  if (query.categoryIds) expression += ` AND facets : (${query.categoryIds.map(categoryToken).join(' OR ') || 'c0'})`;
  return expression;
}

/*
 * A save's statements, compiled once per transaction (preparedSql): an import writes thousands
 * of posts in one, and compiling each anew cost more than FTS5 took to answer the smaller ones.
 */
const ftsRowsOf = preparedSql((args: { postId: number }) => sql<{ fts_rowid: number }>`select fts_rowid from search_documents where post_id = ${args.postId}`);
const deleteFts = preparedSql((args: { key: number }) => sql`delete from search_fts where rowid = ${args.key}`);
const deleteHeads = preparedSql((args: { key: number }) => sql`delete from search_heads where rowid = ${args.key}`);
const forgetPost = preparedSql((args: { postId: number }) => sql`delete from search_documents where post_id = ${args.postId}`);
const keyTaken = preparedSql((args: { key: number }) => sql`select 1 from search_documents where fts_rowid = ${args.key}`);
const insertDocument = preparedSql((args: { postId: number; key: number }) => sql`insert into search_documents (post_id, fts_rowid) values (${args.postId}, ${args.key})`);
const insertFts = preparedSql(
  (args: { key: number; title: string; excerpt: string; body: string; facets: string }) =>
    sql`insert into search_fts (rowid, title, excerpt, body, facets) values (${args.key}, ${args.title}, ${args.excerpt}, ${args.body}, ${args.facets})`,
);
const insertHeads = preparedSql(
  (args: { key: number; title: string; excerpt: string }) => sql`insert into search_heads (rowid, title, excerpt) values (${args.key}, ${args.title}, ${args.excerpt})`,
);

export const sqliteFullText: FullTextIndex = {
  stemsInProcess: true,

  async write(executor, post) {
    const previous = await ftsRowsOf.all(executor, { postId: post.id });
    for (const row of previous) {
      await deleteFts.all(executor, { key: row.fts_rowid });
      await deleteHeads.all(executor, { key: row.fts_rowid });
    }
    await forgetPost.all(executor, { postId: post.id });
    let key = recencyKey(post);
    // Only past two million posts could two share a key; the next free one below keeps the order.
    while ((await keyTaken.all(executor, { key })).length > 0) key--;
    const visible = post.type === 'post' && post.status !== 'draft' && post.publishedAt !== null;
    const facets = [...(visible ? [PUBLIC] : []), ...post.categoryIds.map(categoryToken)].join(' ');
    const title = stemmedText(post.title);
    const excerpt = stemmedText(post.excerpt);
    await insertDocument.all(executor, { postId: post.id, key });
    await insertFts.all(executor, { key, title, excerpt, body: post.textStems ?? stemmedText(post.text), facets });
    await insertHeads.all(executor, { key, title, excerpt });
  },

  async optimize(executor) {
    // FTS5 merges its segments into one b-tree each.
    await sql`insert into search_fts (search_fts) values ('optimize')`.execute(executor);
    await sql`insert into search_heads (search_heads) values ('optimize')`.execute(executor);
  },

  async candidates(executor, query) {
    if (query.parts.length === 0) return { found: 0, candidates: [] };
    const found = await sql<{ rowid: number }>`
      select rowid from search_fts
      where search_fts match ${matchExpression(query)} and rowid <= ${keyOfNow(query.now)}
      order by rowid desc
      limit ${query.limit + 1}`.execute(executor);
    // All are kept: in-process, leaving out the ones that cannot rank would save nothing.
    const rows = found.rows.slice(0, query.limit);
    if (rows.length === 0) return { found: 0, candidates: [] };
    const lowest = rows[rows.length - 1]!.rowid;
    const highest = rows[0]!.rowid;
    // Where each part is found, from the small table of titles and excerpts, over the candidates' rows only.
    const holding = async (column: 'title' | 'excerpt', part: QueryPart): Promise<Set<number>> => {
      const found = await sql<{ rowid: number }>`
        select rowid from search_heads where search_heads match ${`${column} : ${ftsPhrase(part)}`} and rowid >= ${lowest} and rowid <= ${highest}`.execute(executor);
      return new Set(found.rows.map((row) => row.rowid));
    };
    const titles: Set<number>[] = [];
    const excerpts: Set<number>[] = [];
    for (const part of query.parts) {
      titles.push(await holding('title', part));
      excerpts.push(await holding('excerpt', part));
    }
    const candidates = rows.map(
      ({ rowid }): FullTextCandidate => ({
        key: rowid,
        publishedMs: publishedMsOf(rowid),
        inTitle: titles.map((set) => set.has(rowid)),
        inExcerpt: excerpts.map((set) => set.has(rowid)),
      }),
    );
    return { found: found.rows.length, candidates };
  },

  async postIds(executor, keys) {
    if (keys.length === 0) return new Map();
    const { rows } = await sql<{ post_id: number; fts_rowid: number }>`
      select post_id, fts_rowid from search_documents where fts_rowid in (${sql.join(keys)})`.execute(executor);
    return new Map(rows.map((row) => [row.fts_rowid, row.post_id]));
  },
};

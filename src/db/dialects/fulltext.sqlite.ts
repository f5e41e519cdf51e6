import { sql } from 'kysely';
import { stemmedText, stemWord } from '../../search/search.french.ts';
import type { FullTextCandidate, FullTextExecutor, FullTextIndex, FullTextQuery, IndexedPost, QueryPart } from './fulltext.ts';

/**
 * SQLite: an FTS5 table without content of its own (`search_fts`: title, excerpt, body,
 * categories), holding stemmed words, beside `search_documents`, which maps each post to its FTS
 * row. The original text stays in `posts` for snippets.
 *
 * An FTS row's number is the post's recency key, not its id: FTS5 walks a word's posts in row
 * order for nothing, so "the most recent posts that match" is a walk down from the top that stops
 * after `limit` rows, however many thousands of posts hold a common word. Ranking every match
 * (bm25) instead costs time in proportion to them all — tens of milliseconds on 100,000 posts.
 */

/** Post ids below 2^21 can share a second of publication without sharing a key. */
const ID_BITS = 2 ** 21;
const VISIBLE_STATUSES = ['published', 'scheduled'] as const;

function recencyKey(post: Pick<IndexedPost, 'id' | 'publishedAt'>): number {
  const seconds = post.publishedAt ? Math.floor(Date.parse(post.publishedAt) / 1000) : 0;
  return seconds * ID_BITS + (post.id % ID_BITS);
}

const categoryToken = (id: number) => `c${id}`;

/** A part as an FTS5 string: stemmed words in double quotes, which nothing a reader types can close. */
function ftsPhrase(part: QueryPart): string {
  const words = part.kind === 'word' ? [part.word] : part.words;
  return `"${words.map(stemWord).join(' ')}"`;
}

function matchExpression(query: FullTextQuery): string {
  const text = `{title excerpt body} : (${query.parts.map(ftsPhrase).join(' AND ')})`;
  if (!query.categoryIds) return text;
  // Narrows the walk to the category's posts inside the index; the join below has the last word.
  return `${text} AND categories : (${query.categoryIds.map(categoryToken).join(' OR ') || 'c0'})`;
}

export const sqliteFullText: FullTextIndex = {
  async write(executor, post) {
    const previous = await sql<{ fts_rowid: number }>`select fts_rowid from search_documents where post_id = ${post.id}`.execute(executor);
    for (const row of previous.rows) await sql`delete from search_fts where rowid = ${row.fts_rowid}`.execute(executor);
    await sql`delete from search_documents where post_id = ${post.id}`.execute(executor);
    let key = recencyKey(post);
    // Only past two million posts could two share a key; the next free one below keeps the order.
    while ((await sql`select 1 from search_documents where fts_rowid = ${key}`.execute(executor)).rows.length > 0) key--;
    await sql`insert into search_documents (post_id, fts_rowid) values (${post.id}, ${key})`.execute(executor);
    await sql`insert into search_fts (rowid, title, excerpt, body, categories) values (${key}, ${stemmedText(post.title)}, ${stemmedText(post.excerpt)}, ${stemmedText(post.text)}, ${post.categoryIds.map(categoryToken).join(' ')})`.execute(
      executor,
    );
  },

  async optimize(executor) {
    // FTS5 merges its segments into one b-tree.
    await sql`insert into search_fts (search_fts) values ('optimize')`.execute(executor);
  },

  async candidates(executor, query) {
    if (query.parts.length === 0) return [];
    const inCategories = query.categoryIds
      ? sql`and p.id in (select post_id from post_categories where category_id in (${sql.join(query.categoryIds.length > 0 ? query.categoryIds : [-1])}))`
      : sql``;
    // CROSS JOIN keeps FTS5 the outer loop, walking its rows newest first; with a plain join,
    // SQLite's planner starts from posts and runs the match once per post.
    const { rows } = await sql<{ post_id: number; published_at: string; fts_rowid: number }>`
      select d.post_id, p.published_at, search_fts.rowid as fts_rowid
      from search_fts cross join search_documents d cross join posts p
      where search_fts match ${matchExpression(query)}
        and d.fts_rowid = search_fts.rowid and p.id = d.post_id
        and p.type = 'post' and p.status in (${sql.join(VISIBLE_STATUSES)}) and p.published_at <= ${query.now}
        ${inCategories}
      order by search_fts.rowid desc
      limit ${query.limit}`.execute(executor);
    if (rows.length === 0) return [];
    const lowest = rows[rows.length - 1]!.fts_rowid;
    const highest = rows[0]!.fts_rowid;
    // Where each part is found, read over the candidates' range of rows only.
    const holding = async (column: 'title' | 'excerpt', part: QueryPart): Promise<Set<number>> => {
      const found = await sql<{ rowid: number }>`
        select rowid from search_fts where search_fts match ${`${column} : ${ftsPhrase(part)}`} and rowid >= ${lowest} and rowid <= ${highest}`.execute(executor);
      return new Set(found.rows.map((row) => row.rowid));
    };
    const titles: Set<number>[] = [];
    const excerpts: Set<number>[] = [];
    for (const part of query.parts) {
      titles.push(await holding('title', part));
      excerpts.push(await holding('excerpt', part));
    }
    return rows.map(
      (row): FullTextCandidate => ({
        postId: row.post_id,
        publishedAt: row.published_at,
        inTitle: titles.map((set) => set.has(row.fts_rowid)),
        inExcerpt: excerpts.map((set) => set.has(row.fts_rowid)),
      }),
    );
  },
};

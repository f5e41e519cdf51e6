import { sql, type RawBuilder } from 'kysely';
import { searchWords } from '../../search/search.french.ts';
import type { PostStatus } from '../schema.ts';
import type { FullTextCandidate, FullTextIndex, QueryPart } from './fulltext.ts';

/**
 * PostgreSQL: one tsvector per post in `search_documents` (GIN index), made with the `kiosque_fr`
 * text search configuration (unaccent, then the French Snowball stemmer; migration 0004), the
 * title weighted A, the excerpt B, the body C. The text handed to it has been through
 * `searchWords` first, so elisions and hyphenated compounds are read as on SQLite.
 *
 * Each entry also says whether its post is listed and when it was published, with an index on
 * that date for listed posts (migration 0007): the planner can walk the newest posts and test each
 * against the query when a word is common, or read the GIN index when it is rare, and never joins
 * posts. `head` holds the title and excerpt alone, the small vector read to tell where a word was found.
 */

const CONFIG = sql.lit('kiosque_fr');
const LISTED_STATUSES: readonly PostStatus[] = ['published', 'scheduled'];

const prepared = (text: string) => searchWords(text).join(' ');

function tsquery(part: QueryPart): RawBuilder<unknown> {
  // plainto_ and phraseto_tsquery read their text as words, never as query syntax.
  return part.kind === 'word' ? sql`plainto_tsquery(${CONFIG}, ${part.word})` : sql`phraseto_tsquery(${CONFIG}, ${part.words.join(' ')})`;
}

export const postgresFullText: FullTextIndex = {
  async postIds(_executor, keys) {
    // A candidate's key is its post's id.
    return new Map(keys.map((key) => [key, key]));
  },

  async write(executor, post) {
    const listed = post.type === 'post' && LISTED_STATUSES.includes(post.status) && post.publishedAt !== null ? 1 : 0;
    await sql`
      with parts as (
        select setweight(to_tsvector(${CONFIG}, ${prepared(post.title)}), 'A') as title,
          setweight(to_tsvector(${CONFIG}, ${prepared(post.excerpt)}), 'B') as excerpt)
      insert into search_documents (post_id, document, head, listed, published_at)
      select ${post.id}, title || excerpt || setweight(to_tsvector(${CONFIG}, ${prepared(post.text)}), 'C'),
        title || excerpt, ${listed}, ${post.publishedAt}
      from parts
      on conflict (post_id) do update set document = excluded.document, head = excluded.head,
        listed = excluded.listed, published_at = excluded.published_at`.execute(executor);
  },

  async optimize(executor) {
    // Fresh statistics, so the planner knows how selective the index is.
    await sql`analyze search_documents`.execute(executor);
  },

  async candidates(executor, query) {
    if (query.parts.length === 0) return [];
    const parts = query.parts.map(tsquery);
    const whole = sql.join(parts, sql` && `);
    const inCategories = query.categoryIds
      ? sql`and d.post_id in (select post_id from post_categories where category_id in (${sql.join(query.categoryIds.length > 0 ? query.categoryIds : [-1])}))`
      : sql``;
    // ts_filter keeps the lexemes of one weight: the title's (A) or the excerpt's (B).
    const flags = parts.flatMap((part, index) => [
      sql`ts_filter(c.head, '{a}') @@ ${part} as ${sql.ref(`t${index}`)}`,
      sql`ts_filter(c.head, '{b}') @@ ${part} as ${sql.ref(`e${index}`)}`,
    ]);
    // The flags are worked out for the page of candidates only, once the limit has cut it.
    const { rows } = await sql<Record<string, unknown> & { post_id: number; published_at: string }>`
      with candidates as materialized (
        select d.post_id, d.head, d.published_at
        from search_documents d
        where d.listed = 1 and d.published_at <= ${query.now} and d.document @@ (${whole})
          ${inCategories}
        order by d.published_at desc, d.post_id desc
        limit ${query.limit})
      select c.post_id, c.published_at, ${sql.join(flags)}
      from candidates c
      order by c.published_at desc, c.post_id desc`.execute(executor);
    return rows.map(
      (row): FullTextCandidate => ({
        key: row.post_id,
        publishedAt: row.published_at,
        inTitle: parts.map((_, index) => row[`t${index}`] === true),
        inExcerpt: parts.map((_, index) => row[`e${index}`] === true),
      }),
    );
  },
};

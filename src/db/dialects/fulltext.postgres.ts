import { sql, type RawBuilder } from 'kysely';
import { searchWords } from '../../search/search.french.ts';
import type { FullTextCandidate, FullTextIndex, QueryPart } from './fulltext.ts';

/**
 * PostgreSQL: one tsvector per post in `search_documents` (GIN index), made with the `kiosque_fr`
 * text search configuration (unaccent, then the French Snowball stemmer; migration 0004), the
 * title weighted A, the excerpt B, the body C. The text handed to it has been through
 * `searchWords` first, so elisions and hyphenated compounds are read as on SQLite.
 */

const CONFIG = sql.lit('kiosque_fr');
const VISIBLE_STATUSES = ['published', 'scheduled'] as const;

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
    await sql`
      insert into search_documents (post_id, document)
      values (${post.id},
        setweight(to_tsvector(${CONFIG}, ${prepared(post.title)}), 'A') ||
        setweight(to_tsvector(${CONFIG}, ${prepared(post.excerpt)}), 'B') ||
        setweight(to_tsvector(${CONFIG}, ${prepared(post.text)}), 'C'))
      on conflict (post_id) do update set document = excluded.document`.execute(executor);
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
      ? sql`and p.id in (select post_id from post_categories where category_id in (${sql.join(query.categoryIds.length > 0 ? query.categoryIds : [-1])}))`
      : sql``;
    // ts_filter keeps the lexemes of one weight: the title's (A) or the excerpt's (B).
    const flags = parts.flatMap((part, index) => [
      sql`ts_filter(c.document, '{a}') @@ ${part} as ${sql.ref(`t${index}`)}`,
      sql`ts_filter(c.document, '{b}') @@ ${part} as ${sql.ref(`e${index}`)}`,
    ]);
    const { rows } = await sql<Record<string, unknown> & { post_id: number; published_at: string }>`
      with candidates as (
        select d.post_id, d.document, p.published_at, p.id
        from search_documents d join posts p on p.id = d.post_id
        where d.document @@ (${whole})
          and p.type = 'post' and p.status in (${sql.join(VISIBLE_STATUSES)}) and p.published_at <= ${query.now}
          ${inCategories}
        order by p.published_at desc, p.id desc
        limit ${query.limit})
      select c.post_id, c.published_at, ${sql.join(flags)}
      from candidates c
      order by c.published_at desc, c.id desc`.execute(executor);
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

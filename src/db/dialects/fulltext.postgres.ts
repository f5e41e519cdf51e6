import { sql, type RawBuilder } from 'kysely';
import { searchWords } from '../../search/search.french.ts';
import type { PostStatus } from '../schema.ts';
import type { FullTextCandidate, FullTextIndex, FullTextQuery, QueryPart } from './fulltext.ts';

/**
 * PostgreSQL: one tsvector per post in `search_documents` (GIN index), made with the `kiosque_fr`
 * text search configuration (unaccent, then the French Snowball stemmer; migration 0004), the
 * title weighted A, the excerpt B, the body C. The text handed to it has been through
 * `searchWords` first, so elisions and hyphenated compounds are read as on SQLite.
 *
 * Each entry also says whether its post is listed and when it was published, with an index on
 * that date for listed posts (migration 0007), and keeps its tsvector in its own row (0009): the
 * newest matches of a common word come from walking that index and testing each row, which stops
 * at the limit and reads one page a row; a rare word is read from the GIN index. `title` and
 * `excerpt` hold those alone, the small vectors read to tell where a word was found.
 *
 * `search_categories` (0009) lists each listed post under each of its own categories by date, as
 * SQLite's `facets` column does (a filter by a parent category asks for its descendants' ids
 * too): a category's newest posts come from its part of that index, one walk per category merged
 * by date, and only those are tested against the query.
 */

const CONFIG = sql.lit('kiosque_fr');
const LISTED_STATUSES: readonly PostStatus[] = ['published', 'scheduled'];

const prepared = (text: string) => searchWords(text).join(' ');

function tsquery(part: QueryPart): RawBuilder<unknown> {
  // plainto_ and phraseto_tsquery read their text as words, never as query syntax.
  return part.kind === 'word' ? sql`plainto_tsquery(${CONFIG}, ${part.word})` : sql`phraseto_tsquery(${CONFIG}, ${part.words.join(' ')})`;
}

/**
 * The `limit` newest listed posts that match `whole`, newest first, each with its date and, for
 * each part of the query, whether its title and its excerpt hold it (`foundIn`, given the alias of
 * the row that holds the two vectors). Those are worked out for the rows the walk returns only.
 */
function newestMatches(query: FullTextQuery, whole: RawBuilder<unknown>, foundIn: (row: string) => RawBuilder<unknown>, limit: number): RawBuilder<unknown> {
  const { categoryIds } = query;
  if (!categoryIds) {
    return sql`
      select d.post_id, d.published_at, ${foundIn('d')}
      from search_documents d
      where d.listed = 1 and d.published_at <= ${query.now} and d.document @@ (${whole})
      order by d.published_at desc, d.post_id desc
      limit ${limit}`;
  }
  // Each category's own newest matches, walked down its part of `search_categories` and tested
  // one by one, then merged by date; a post filed under two of the categories comes once. Each
  // walk is a subquery with its own order and limit: the planner then plans it for its first
  // rows (down the index, stopping at the limit) rather than for all of the category's posts,
  // which it reads and sorts whole while their pages are not yet all-visible (after a bulk load,
  // before autovacuum), and the walks, each in date order, are merged as they are read, so
  // together they stop at the `limit` newest rather than each going on to its own `limit`.
  const walks = categoryIds.map(
    (id) => sql`(select f.published_at, f.post_id, d.title, d.excerpt
      from search_categories f
      join search_documents d on d.post_id = f.post_id
      where f.category_id = ${id} and f.published_at <= ${query.now}
        and d.listed = 1 and d.document @@ (${whole})
      order by f.published_at desc, f.post_id desc
      limit ${limit})`,
  );
  return sql`
    select distinct on (w.published_at, w.post_id) w.post_id, w.published_at, ${foundIn('w')}
    from (${sql.join(walks, sql` union all `)}) w
    order by w.published_at desc, w.post_id desc
    limit ${limit}`;
}

export const postgresFullText: FullTextIndex = {
  stemsInProcess: false,

  async postIds(_executor, keys) {
    // A candidate's key is its post's id.
    return new Map(keys.map((key) => [key, key]));
  },

  async write(executor, post) {
    const listed = post.type === 'post' && LISTED_STATUSES.includes(post.status) && post.publishedAt !== null;
    await sql`
      with parts as (
        select to_tsvector(${CONFIG}, ${prepared(post.title)}) as title, to_tsvector(${CONFIG}, ${prepared(post.excerpt)}) as excerpt)
      insert into search_documents (post_id, document, title, excerpt, listed, published_at)
      select ${post.id}, setweight(title, 'A') || setweight(excerpt, 'B') || setweight(to_tsvector(${CONFIG}, ${prepared(post.text)}), 'C'),
        title, excerpt, ${listed ? 1 : 0}, ${post.publishedAt}
      from parts
      on conflict (post_id) do update set document = excluded.document, title = excluded.title, excerpt = excluded.excerpt,
        listed = excluded.listed, published_at = excluded.published_at`.execute(executor);
    await sql`delete from search_categories where post_id = ${post.id}`.execute(executor);
    const categoryIds = [...new Set(post.categoryIds)];
    if (listed && categoryIds.length > 0) {
      await sql`
        insert into search_categories (category_id, published_at, post_id)
        select category_id, ${post.publishedAt}, ${post.id} from unnest(${categoryIds}::integer[]) as category_id`.execute(executor);
    }
  },

  async optimize(executor) {
    // A bulk write leaves up to 4 MB of entries in the GIN index's pending list, which every
    // lookup of a rare word reads whole (about a millisecond each) until it is merged in.
    await sql`select gin_clean_pending_list('search_documents_document')`.execute(executor);
    // Fresh statistics, so the planner knows how selective the index is.
    await sql`analyze search_documents`.execute(executor);
    await sql`analyze search_categories`.execute(executor);
  },

  async candidates(executor, query) {
    if (query.parts.length === 0 || query.categoryIds?.length === 0) return { found: 0, candidates: [] };
    const parts = query.parts.map(tsquery);
    const whole = sql.join(parts, sql` && `);
    const foundIn = (row: string) =>
      sql.join([
        ...parts.map((part, index) => sql`${sql.ref(`${row}.title`)} @@ ${part} as ${sql.ref(`t${index}`)}`),
        ...parts.map((part, index) => sql`${sql.ref(`${row}.excerpt`)} @@ ${part} as ${sql.ref(`e${index}`)}`),
      ]);
    const flags = parts.flatMap((_, index) => [sql.ref(`m.t${index}`), sql.ref(`m.e${index}`)]);
    // Of the matches found in neither the title nor the excerpt, only the newest `keep` are sent:
    // they are most of a common word's matches, and reading them costs the client more than
    // finding them cost the server. The date is turned into a number for the rows sent only
    // (numeric arithmetic, a fifth of the query when done for every match).
    const { rows } = await sql<Record<string, unknown> & { post_id: number; published_ms: number; found: number }>`
      select m.post_id, (extract(epoch from m.published_at) * 1000)::float8 as published_ms, ${sql.join(flags)}, m.found
      from (select c.*,
          row_number() over (order by c.published_at desc, c.post_id desc) as place,
          count(*) over () as found
        from (${newestMatches(query, whole, foundIn, query.limit + 1)}) c) m
      where m.place <= ${query.limit} and (m.place <= ${query.keep} or ${sql.join(flags, sql` or `)})
      order by m.place`.execute(executor);
    const candidates = rows.map(
      (row): FullTextCandidate => ({
        key: row.post_id,
        publishedMs: row.published_ms,
        inTitle: parts.map((_, index) => row[`t${index}`] === true),
        inExcerpt: parts.map((_, index) => row[`e${index}`] === true),
      }),
    );
    return { found: rows[0]?.found ?? 0, candidates };
  },
};

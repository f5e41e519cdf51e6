import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from '../schema.ts';
import type { MigrationContext } from './migrations.ts';
import { reindexAllPosts } from '../../search/search.index.ts';

/**
 * PostgreSQL search finds the newest matches without reading TOAST and without walking posts of
 * other categories (src/db/dialects/fulltext.postgres.ts says how the queries use this):
 *
 * - each post's tsvector is kept in its row (`toast_tuple_target` at its maximum, `main` storage)
 *   rather than moved out of line at 2 KB: testing a row against a query then reads one page, where
 *   fetching its TOAST chunks through their index cost four times as much, and a common word has a
 *   thousand rows to test;
 * - `search_categories` holds one row per listed post and category it is filed under, by date, as
 *   SQLite's `facets` column does: a category's newest posts come from its own part of the index,
 *   instead of from every post's, of which one in six or one in a hundred is in that category;
 * - the title and the excerpt have a tsvector each, in place of 0007's `head` (both in one vector,
 *   weighted): telling where a word was found is then one test of each, where filtering `head` by
 *   weight made a new vector for every part of the query and every candidate;
 * - no parallel workers on either table: their start costs more than these short walks.
 *
 * Every post is indexed again here, on both engines: 0007 no longer back-fills, since its back-fill
 * ran the code of the day, which now writes `search_categories`. On PostgreSQL the table is emptied
 * first, so the rows written anew are the only ones, each with its tsvector in place.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  if (dialect === 'postgres') {
    await sql`truncate search_documents`.execute(db);
    await sql`alter table search_documents set (toast_tuple_target = 8160, parallel_workers = 0)`.execute(db);
    await sql`alter table search_documents alter column document set storage main`.execute(db);
    await sql`alter table search_documents
      drop column head,
      add column title tsvector not null,
      add column excerpt tsvector not null`.execute(db);
    await sql`create table search_categories (
      category_id integer not null references categories (id) on delete cascade,
      published_at timestamptz not null,
      post_id integer not null references posts (id) on delete cascade,
      primary key (category_id, published_at, post_id)
    ) with (parallel_workers = 0)`.execute(db);
    // The primary key leads with the category; a post's own rows are found by this one.
    await sql`create index search_categories_post on search_categories (post_id)`.execute(db);
  }
  await reindexAllPosts(db as unknown as Kysely<DatabaseSchema>);
}

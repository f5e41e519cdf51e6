import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migrations.ts';

/**
 * Search on PostgreSQL answers from its own table, as FTS5 does on SQLite: each entry carries
 * whether its post is listed (a post, published or scheduled) and its publication date, so the
 * most recent matches come from one index on that date without a join to posts, and a second,
 * small tsvector of the title and excerpt alone, so telling where a word was found no longer
 * reads the whole body's.
 *
 * Existing posts are indexed by 0009 (0004 and 0007 no longer back-fill): a back-fill runs the
 * code of the day, which writes what later migrations added.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table search_documents
      add column head tsvector not null default '',
      add column listed smallint not null default 0,
      add column published_at timestamptz`.execute(db);
    await sql`create index search_documents_recent on search_documents (published_at desc, post_id desc) where listed = 1`.execute(db);
  }
}

import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migrations.ts';

/**
 * PostgreSQL: the planner is told that a post comes once in `search_categories`, which is true of
 * each category's part of it, the only way search reads the table (a walk down one category's
 * posts by date, src/db/dialects/fulltext.postgres.ts). Counted over the whole table, a post filed
 * under two categories comes twice, and from that the planner expected a category's walk to meet
 * the same post again, so it kept every post it fetched in a cache (a Memoize step) that was never
 * hit and cost 10-20 % of a category search's query. Statistics are taken again at once, for the
 * setting to count. SQLite has no such table.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`alter table search_categories alter column post_id set (n_distinct = -1)`.execute(db);
  await sql`analyze search_categories`.execute(db);
}

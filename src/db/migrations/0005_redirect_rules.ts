import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migrations.ts';

/**
 * The redirect manager: the redirects table, until now only the 301s and 410s left behind by
 * publishing, also holds rules people write or import. A rule is exact (one address) or a
 * pattern (`/old/*` → `/new/$1`); it says where it came from, carries a note, and counts its hits.
 *
 * Rows written before this migration were all left by publishing: they are 'automatic'.
 */
export async function up(db: Kysely<unknown>, { timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .alterTable('redirects')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('exact').check(sql.raw(`kind in ('exact', 'pattern')`)))
    .execute();
  await db.schema
    .alterTable('redirects')
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('automatic').check(sql.raw(`origin in ('manual', 'automatic', 'import')`)))
    .execute();
  await db.schema.alterTable('redirects').addColumn('note', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('redirects').addColumn('hits', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('redirects').addColumn('last_hit_at', timestamp).execute();
  // Neither engine adds a NOT NULL column without a constant default: filled here, always written after.
  await db.schema.alterTable('redirects').addColumn('updated_at', timestamp).execute();
  await sql`update redirects set updated_at = created_at`.execute(db);
  // The reading path loads the pattern rules (few) by kind; exact ones are found by from_path's unique index.
  await db.schema.createIndex('redirects_kind').on('redirects').column('kind').execute();
  // "Which rules lead to this address?": every new rule rewrites them, so there are no chains.
  await db.schema.createIndex('redirects_to_path').on('redirects').column('to_path').execute();
}

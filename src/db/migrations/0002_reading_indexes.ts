import type { Kysely } from 'kysely';

/**
 * Indexes for the reading site at the scale of a migrated blog (tens of thousands of posts):
 * the timeline in date order for previous/next and lists, and the two home page highlights.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('posts_timeline').on('posts').columns(['type', 'published_at', 'id']).execute();
  await db.schema.createIndex('posts_featured').on('posts').columns(['is_featured', 'published_at']).execute();
  await db.schema.createIndex('posts_highlighted').on('posts').columns(['is_highlighted', 'published_at']).execute();
}

import type { Kysely } from 'kysely';

/**
 * The timeline index carries each post's status after its (date, id). An article's previous and
 * next posts, and its related posts when its tags are on many posts, walk the timeline from a
 * date and keep the public ones: with the status in the index, the walk reads the table only for
 * the rows it returns, not for every row it passes (on SQLite each is a page of its own, since a
 * post's row holds its bodies). The leading columns are the same, so every query that used the
 * index still does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('posts_timeline').execute();
  await db.schema.createIndex('posts_timeline').on('posts').columns(['type', 'published_at', 'id', 'status']).execute();
}

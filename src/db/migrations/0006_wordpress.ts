import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migrations.ts';

/**
 * Moving in from WordPress (`kiosque import wordpress`):
 * - `import_mappings` remembers which local row each imported object became, keyed by the
 *   source's own id, so importing the same file again updates instead of duplicating, and
 *   exports can give objects back their WordPress ids;
 * - `comments`, the discussion history that comes with the articles (read-only for now);
 * - two search-engine fields of posts that Yoast SEO and Rank Math carry: the canonical address
 *   and noindex.
 */
export async function up(db: Kysely<unknown>, { id, timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('import_mappings')
    .addColumn('id', id.type, id.build)
    // 'wordpress' today; another engine's importer would add its own name.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in ('post', 'page', 'attachment', 'category', 'tag', 'author', 'comment')`)))
    // WordPress ids fit in 64 bits, not always in 32 (large multisite networks).
    .addColumn('source_id', 'bigint', (c) => c.notNull())
    // posts.id, categories.id, tags.id, authors.id, comments.id or media.id; null for an
    // attachment whose file was not copied (it is still served from its original address).
    .addColumn('local_id', 'integer')
    // The status the object had at the source (publish, private, pending, future, draft; for
    // comments approved or pending): Kiosque's own statuses are fewer.
    .addColumn('source_status', 'text')
    // Where the object lived at the source: an item's link, an attachment's file address.
    .addColumn('source_url', 'text')
    // An attachment's address now: /media/… once copied, else the source's own.
    .addColumn('local_url', 'text')
    // The object's parent at the source (a page's, an attachment's post, a category's, a comment's).
    .addColumn('source_parent_id', 'bigint')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addUniqueConstraint('import_mappings_source_object', ['source', 'kind', 'source_id'])
    .execute();
  // Exports ask the other way round: which WordPress id did this post come from?
  await db.schema.createIndex('import_mappings_local').on('import_mappings').columns(['kind', 'local_id']).execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', id.type, id.build)
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    // Threading: a reply's parent; a reply whose parent is removed moves up to the top level.
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('author_url', 'text')
    // Sanitised when stored, never when read (as posts' bodies are).
    .addColumn('html', 'text', (c) => c.notNull())
    // Spam and deleted comments are never stored.
    .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status in ('approved', 'pending')`)))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .execute();
  // An article page reads its approved comments in date order.
  await db.schema.createIndex('comments_post').on('comments').columns(['post_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('comments_parent').on('comments').column('parent_id').execute();

  // Set from Yoast SEO's or Rank Math's fields; absent for posts written here. A site-relative
  // path (the old blog's own address, moved with it) or an absolute http(s) address.
  await db.schema.alterTable('posts').addColumn('canonical_url', 'text').execute();
  await db.schema.alterTable('posts').addColumn('noindex', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

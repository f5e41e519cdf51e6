import type { Kysely } from 'kysely';

/**
 * Each post records the edition of the Markdown pipeline and the language its HTML was rendered
 * with (content/markdown/markdown.version.ts). Posts saved before have neither, and are rendered
 * again once. One index serves the search for stale renders without reading the posts' rows,
 * whose bodies make a scan of the table cost as much as reading every article.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('posts')
    .addColumn('render_version', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('posts')
    .addColumn('render_locale', 'text', (column) => column.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('posts_render').on('posts').columns(['render_locale', 'render_version']).execute();
}

import path from 'node:path';
import { Kysely, Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, SQLITE_FILE_NAME, type Db } from '../../src/db/db.ts';
import { openSqlite } from '../../src/db/dialects/sqlite.ts';
import { migrationProvider } from '../../src/db/migrations/migrations.ts';
import type { DatabaseSchema } from '../../src/db/schema.ts';
import { EventBus } from '../../src/events/events.ts';
import { searchPosts } from '../../src/search/search.service.ts';
import { CategoryDirectory } from '../../src/site/site.categories.ts';
import { createTestConfig, ENGINES } from '../support/database.ts';

/** A database made before search existed, with posts in it, then brought up to date. */
async function openAt(engine: 'sqlite' | 'postgres', config: { dataDir: string; databaseUrl?: string | undefined }) {
  if (engine === 'sqlite') {
    const sqlite = openSqlite(path.join(config.dataDir, SQLITE_FILE_NAME));
    return { kysely: new Kysely<DatabaseSchema>({ dialect: sqlite.dialect }), close: async () => sqlite.close() };
  }
  const { openPostgres } = await import('../../src/db/dialects/postgres.ts');
  const postgres = await openPostgres(config.databaseUrl!, 'test');
  const kysely = new Kysely<DatabaseSchema>({ dialect: postgres.dialect });
  return { kysely, close: () => kysely.destroy() };
}

describe.each(ENGINES)('the search migration on %s', (engine) => {
  let db: Db;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const test = await createTestConfig(engine);
    cleanup = test.cleanup;
    const before = await openAt(engine, test.config);
    const { error } = await new Migrator({ db: before.kysely, provider: migrationProvider(engine) }).migrateTo('0003_newsroom');
    if (error) throw error;
    const now = '2025-06-01T08:00:00.000Z';
    const post = (slug: string, title: string, status: 'published' | 'draft', text: string) => ({
      type: 'post' as const,
      status,
      title,
      slug,
      excerpt: text,
      markdown: text,
      html: `<p>${text}</p>`,
      plain_text: text,
      published_at: status === 'draft' ? null : now,
      created_at: now,
      updated_at: now,
      word_count: 6,
      reading_minutes: 1,
      is_featured: 0,
      is_highlighted: 0,
    });
    await before.kysely
      .insertInto('posts')
      .values([post('ancien-hebergeur', 'L’hébergeur d’avant', 'published', 'Un article écrit avant la recherche.'), post('ancien-brouillon', 'Brouillon', 'draft', 'Hébergeur en cours.')])
      .execute();
    const category = await before.kysely.insertInto('categories').values({ slug: 'hebergement', name: 'Hébergement', description: '', parent_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
    const published = await before.kysely.selectFrom('posts').select('id').where('slug', '=', 'ancien-hebergeur').executeTakeFirstOrThrow();
    await before.kysely.insertInto('post_categories').values({ post_id: published.id, category_id: category.id, position: 0 }).execute();
    await before.close();
    db = await openDatabase(test.config);
  });
  afterAll(async () => {
    await db.close();
    await cleanup();
  });

  it('indexes the posts that existed before it', async () => {
    const now = () => '2026-01-01T00:00:00.000Z';
    const context = { db, categories: new CategoryDirectory(db, new EventBus(), now), now };
    const outcome = await searchPosts(context, { text: 'hebergeurs', page: 1, perPage: 10 });
    expect(outcome.hits.map((hit) => hit.row.slug)).toEqual(['ancien-hebergeur']);
    const rows = await db.kysely.selectFrom('search_documents').select('post_id').execute();
    expect(rows).toHaveLength(2);
  });

  it('indexes their categories', async () => {
    const now = () => '2026-01-01T00:00:00.000Z';
    const context = { db, categories: new CategoryDirectory(db, new EventBus(), now), now };
    const outcome = await searchPosts(context, { text: 'hebergeurs', category: 'hebergement', page: 1, perPage: 10 });
    expect(outcome.hits.map((hit) => hit.row.slug)).toEqual(['ancien-hebergeur']);
  });

  it('takes a deleted post out of the index with it', async () => {
    const draft = await db.kysely.selectFrom('posts').select('id').where('slug', '=', 'ancien-brouillon').executeTakeFirstOrThrow();
    await db.kysely.deleteFrom('posts').where('id', '=', draft.id).execute();
    expect(await db.kysely.selectFrom('search_documents').select('post_id').where('post_id', '=', draft.id).execute()).toEqual([]);
  });
});

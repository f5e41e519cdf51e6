import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migrations.ts';

/**
 * Search for readers (src/search/, src/db/dialects/fulltext.*.ts). SQLite: FTS5 tables that
 * fold accents (unicode61, remove_diacritics 2) and hold words stemmed by Kiosque's French
 * stemmer, and a table mapping each post to its FTS rows; a trigger takes a deleted post out.
 * PostgreSQL: the `kiosque_fr` configuration (unaccent, then french_stem), one weighted tsvector
 * per post with a GIN index, removed with its post.
 *
 * Existing posts are indexed by 0009, which the entries' later columns and tables need: a back-fill
 * runs the code of the day, so a later change to what is indexed or how words are stemmed must come
 * with a migration that indexes them again.
 */
export async function up(db: Kysely<unknown>, { dialect }: MigrationContext): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`create virtual table search_fts using fts5(
      title, excerpt, body, facets,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    // The titles and excerpts again, alone: telling where a word was found reads their short lists.
    await sql`create virtual table search_heads using fts5(
      title, excerpt,
      content = '', contentless_delete = 1,
      tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    // No foreign key: the trigger below removes the FTS row and its mapping together.
    await db.schema
      .createTable('search_documents')
      .addColumn('post_id', 'integer', (c) => c.primaryKey())
      .addColumn('fts_rowid', 'integer', (c) => c.notNull().unique())
      .execute();
    await sql`create trigger search_post_deleted after delete on posts begin
      delete from search_fts where rowid in (select fts_rowid from search_documents where post_id = old.id);
      delete from search_heads where rowid in (select fts_rowid from search_documents where post_id = old.id);
      delete from search_documents where post_id = old.id;
    end`.execute(db);
  } else {
    // A trusted extension since PostgreSQL 13: a database's owner may create it.
    await sql`create extension if not exists unaccent`.execute(db);
    await sql`create text search configuration kiosque_fr (copy = french)`.execute(db);
    await sql`alter text search configuration kiosque_fr
      alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part
      with unaccent, french_stem`.execute(db);
    await db.schema
      .createTable('search_documents')
      .addColumn('post_id', 'integer', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
      .addColumn('document', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`create index search_documents_document on search_documents using gin (document)`.execute(db);
  }
}

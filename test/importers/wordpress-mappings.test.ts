import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportedKind } from '../../src/db/schema.ts';
import { ImportMappings } from '../../src/importers/wordpress/wp.mappings.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

/**
 * What earlier WordPress imports recorded is read back a page at a time when a run starts: every
 * object whose local row still exists is found whatever the page size, and an object deleted
 * here since is forgotten, even when its number is a row of another kind.
 */
describe.each(ENGINES)('WordPress import mappings read back in pages (%s)', (engine) => {
  let site: TestSite;
  const expected = new Map<string, number | null | undefined>();

  const load = (pageSize?: number) =>
    site.kiosque.db.kysely.transaction().execute((trx) => ImportMappings.load(trx, site.clock.now, pageSize));

  beforeAll(async () => {
    site = await startTestSite(engine);
    const db = site.kiosque.db.kysely;
    const now = site.clock.now;
    const rows: { kind: ImportedKind; source_id: number; local_id: number | null }[] = [];
    const posts = [];
    for (let index = 0; index < 5; index++) posts.push(await site.makePost({ slug: `article-${index}`, tags: [`Mot ${index}`] }));
    const page = await site.makePost({ type: 'page', slug: 'a-propos', categories: [], tags: [] });
    posts.forEach((post, index) => rows.push({ kind: 'post', source_id: 100 + index, local_id: post.id }));
    rows.push({ kind: 'page', source_id: 7, local_id: page.id });
    const comment = await db
      .insertInto('comments')
      .values({ post_id: posts[0]!.id, parent_id: null, author_name: 'Paul', author_email: '', author_url: null, html: '<p>Merci</p>', status: 'approved', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    rows.push({ kind: 'comment', source_id: 500, local_id: comment.id });
    // A comment deleted since: its number is still a post's.
    rows.push({ kind: 'comment', source_id: 501, local_id: posts[1]!.id + 1000 });
    rows.push({ kind: 'comment', source_id: 502, local_id: posts[2]!.id });
    const tags = await db.selectFrom('tags').select('id').orderBy('id').execute();
    tags.forEach((tag, index) => rows.push({ kind: 'tag', source_id: 30 + index, local_id: tag.id }));
    // An attachment left at its original address, and one whose media row was deleted.
    rows.push({ kind: 'attachment', source_id: 900, local_id: null });
    rows.push({ kind: 'attachment', source_id: 901, local_id: 4242 });
    await db
      .insertInto('import_mappings')
      .values(rows.map((row) => ({ source: 'wordpress', ...row, created_at: now, updated_at: now })))
      .execute();
    // Deleted here since the import.
    await db.deleteFrom('posts').where('id', '=', posts[3]!.id).execute();
    for (const row of rows) expected.set(`${row.kind}:${row.source_id}`, row.local_id);
    expected.set('post:103', undefined);
    expected.set('comment:501', undefined);
    expected.set('comment:502', undefined);
    expected.set('attachment:901', undefined);
  });

  afterAll(() => site.dispose());

  it.each([1, 2, 3, 5_000])('finds every object still here and forgets the others, %i rows at a time', async (pageSize) => {
    const mappings = await load(pageSize);
    const found = new Map([...expected.keys()].map((key) => {
      const [kind, id] = key.split(':') as [ImportedKind, string];
      return [key, mappings.find(kind, Number(id))?.localId];
    }));
    expect(found).toEqual(expected);
    // Numbers are looked up per kind: a post's WordPress number is not a page's.
    expect(mappings.find('page', 100)).toBeUndefined();
  });
});

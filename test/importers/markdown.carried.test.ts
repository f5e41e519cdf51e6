import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFolder, writeFiles } from '../../src/importers/markdown/markdown.fixtures.ts';
import { importMarkdownFolder } from '../../src/importers/markdown/markdown.importer.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/database.ts';

/**
 * What a Markdown folder carries beyond its posts' text, as Kiosque's export writes it and Hugo
 * themes name it: canonical addresses and noindex, readers' comments, and the category and author
 * files (Hugo's term pages) with descriptions, parents and bios.
 */

describe.each(ENGINES)('Markdown import of SEO fields, comments and term files on %s', (engine) => {
  let test: TestDatabase;
  const folders: string[] = [];

  beforeEach(async () => {
    test = await createTestDatabase(engine);
  });

  afterEach(async () => {
    await test.dispose();
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  });

  function folder(files: Record<string, string>): string {
    const root = makeFolder(files);
    folders.push(root);
    return root;
  }

  function run(dir: string, dryRun = false) {
    return importMarkdownFolder({ db: test.db, events: test.events, dataDir: test.config.dataDir }, dir, { dryRun });
  }

  function post(slug: string) {
    return test.db.kysely.selectFrom('posts').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
  }

  function comments() {
    return test.db.kysely.selectFrom('comments').selectAll().orderBy('created_at').orderBy('id').execute();
  }

  function problems(report: Awaited<ReturnType<typeof run>>) {
    return report.errors.map(({ file, line, reason }) => `${file}:${line}: ${reason}`);
  }

  it('reads canonical addresses and noindex under the names Hugo themes use, and clears them when a file has none', async () => {
    const dir = folder({
      'papermod.md': '---\ntitle: PaperMod\ncanonicalURL: https://ancien.example.fr/papermod/\nrobotsNoIndex: true\n---\n',
      'ananke.md': '---\ntitle: Ananke\ncanonicalUrl: /un-autre-article/\n---\n',
      'robots.md': '---\ntitle: Robots\nrobots: "noindex, follow"\n---\n',
      'simple.md': '---\ntitle: Simple\nnoindex: false\n---\n',
    });
    expect(await run(dir)).toMatchObject({ created: 4, errors: [] });
    expect(await post('papermod')).toMatchObject({ canonical_url: 'https://ancien.example.fr/papermod/', noindex: 1 });
    expect(await post('ananke')).toMatchObject({ canonical_url: '/un-autre-article/', noindex: 0 });
    expect(await post('robots')).toMatchObject({ canonical_url: null, noindex: 1 });
    expect(await post('simple')).toMatchObject({ canonical_url: null, noindex: 0 });

    writeFiles(dir, { 'papermod.md': '---\ntitle: PaperMod\n---\n' });
    await run(dir);
    expect(await post('papermod')).toMatchObject({ canonical_url: null, noindex: 0 });
  });

  it('stores the comments a post lists, threaded and cleaned, and matches them on author and date when imported again', async () => {
    const file = [
      '---',
      'title: Discussion',
      'comments:',
      '  - id: c3',
      '    parent: c1',
      '    author: Marc',
      '    date: 2024-05-14T11:40:10Z',
      '    text: "Une réponse écrite avant ce qu’elle cite.\\n\\nDeux paragraphes."',
      '  - id: c1',
      '    author: Sophie L.',
      '    url: boutique.example.net',
      '    date: 2024-05-14T09:02:33Z',
      '    html: <p>Merci <a href="https://example.org" onclick="x()">pour ceci</a><script>alert(1)</script></p>',
      '---',
      'Texte.',
    ].join('\n');
    const dir = folder({ 'discussion.md': file });
    expect(await run(dir)).toMatchObject({ created: 1, errors: [] });
    const { id } = await post('discussion');
    const stored = await comments();
    expect(stored.map((comment) => ({ ...comment, created_at: new Date(comment.created_at).toISOString() }))).toMatchObject([
      { post_id: id, parent_id: null, author_name: 'Sophie L.', author_email: '', author_url: 'http://boutique.example.net/', status: 'approved', created_at: '2024-05-14T09:02:33.000Z' },
      { post_id: id, author_name: 'Marc', author_url: null, status: 'approved', created_at: '2024-05-14T11:40:10.000Z' },
    ]);
    expect(stored[1]!.parent_id).toBe(stored[0]!.id);
    expect(stored[0]!.html).toBe('<p>Merci <a href="https://example.org" rel="nofollow ugc">pour ceci</a></p>');
    expect(stored[1]!.html).toBe('<p>Une réponse écrite avant ce qu’elle cite.</p>\n<p>Deux paragraphes.</p>');

    // A comment waiting for moderation on the site, which no export lists, stays as it is.
    const now = '2024-05-15T08:00:00.000Z';
    await test.db.kysely
      .insertInto('comments')
      .values({ post_id: id, parent_id: null, author_name: 'Lecteur', author_email: 'l@example.org', author_url: null, html: '<p>En attente</p>', status: 'pending', created_at: now, updated_at: now })
      .execute();
    expect(await run(dir)).toMatchObject({ created: 0, updated: 1, errors: [] });
    expect(await run(dir)).toMatchObject({ created: 0, updated: 1, errors: [] });
    const again = await comments();
    expect(again).toHaveLength(3);
    expect(again.map((comment) => comment.id)).toEqual([...stored.map((comment) => comment.id), again[2]!.id]);
    expect(again[2]).toMatchObject({ author_name: 'Lecteur', status: 'pending' });
  });

  it('keeps two comments sent by one person in the same second as two, import after import', async () => {
    const twice = (text: string) => `  - author: Paul\n    date: 2024-05-14T07:30:00Z\n    text: ${text}\n`;
    const dir = folder({ 'double.md': `---\ntitle: Double\ncomments:\n${twice('Premier envoi')}${twice('Second envoi')}---\n` });
    await run(dir);
    await run(dir);
    expect((await comments()).map((comment) => comment.html)).toEqual(['<p>Premier envoi</p>', '<p>Second envoi</p>']);
  });

  it('reports bad SEO fields and comments at their lines, and writes nothing', async () => {
    const dir = folder({
      'a-seo.md': '---\ntitle: SEO\ncanonicalURL: javascript:alert(1)\nrobotsNoIndex: souvent\n---\n',
      'b-liste.md': '---\ntitle: Liste\ncomments: beaucoup\n---\n',
      'c-comments.md': [
        '---',
        'title: Commentaires',
        'comments:',
        '  - id: 1',
        '    author: Paul',
        '    date: 2024-05-14T07:30:00Z',
        '    html: <p>Bien.</p>',
        '  - author: Sans date',
        '    html: <p>Quand ?</p>',
        '  - id: 3',
        '    parent: 9',
        '    author: Léa',
        '    date: 2024-13-01',
        '    html: <p>Mauvaise date.</p>',
        '  - id: 4',
        '    parent: 9',
        '    author: Léa',
        '    date: 2024-05-14T08:00:00Z',
        '    text: Réponse à rien.',
        '---',
      ].join('\n'),
      'd-valide.md': '---\ntitle: Valide\n---\n',
    });
    const report = await run(dir);
    expect(problems(report)).toEqual([
      'a-seo.md:3: the field "canonicalURL" must be a path of the site (/…) or an http(s) address: "javascript:alert(1)"',
      'a-seo.md:4: the field "robotsNoIndex" must be true or false',
      'b-liste.md:3: the field "comments" must be a list of comments',
      'c-comments.md:8: comment 2 needs an author, a date and its text (fields "author", "date" and "html" or "text")',
      'c-comments.md:10: unreadable date "2024-13-01" (expected 2024-03-15, 2024-03-15T08:30:00+01:00 or 2024-03-15 08:30:00 +0100)',
      'c-comments.md:15: comment 4 answers comment "9", which is not among this file’s comments',
    ]);
    expect(await test.db.kysely.selectFrom('posts').select('id').execute()).toEqual([]);
  });

  it('reads category files (description, parent, a slug that is not the name’s) and author files (bio), and posts find them by name', async () => {
    const dir = folder({
      'content/categories/eco/_index.md': '---\ntitle: Économie\ndescription: L’argent des autres.\n---\n',
      'content/categories/hebergeurs/_index.md': '---\ntitle: Hébergement\ndescription: Serveurs et nuages.\nparent: eco\n---\n',
      'content/authors/cdelmas/_index.md': '---\ntitle: Claire Delmas\n---\n\nJournaliste économique à Strasbourg.\n',
      'content/posts/incendie.md': '---\ntitle: Incendie\nauthor: Claire Delmas\ncategories: ["Économie > Hébergement", Nouvelle]\n---\n',
    });
    expect(await run(dir, true)).toMatchObject({ files: 4, created: 1, errors: [] });
    expect(await test.db.kysely.selectFrom('categories').select('id').execute()).toEqual([]);

    expect(await run(dir)).toMatchObject({ files: 4, created: 1, errors: [] });
    const categories = await test.db.kysely.selectFrom('categories').select(['id', 'slug', 'name', 'description', 'parent_id']).orderBy('id').execute();
    const eco = categories.find((category) => category.slug === 'eco')!;
    expect(categories.map(({ id: _, parent_id, ...category }) => ({ ...category, parent: parent_id === eco.id ? 'eco' : parent_id }))).toEqual([
      { slug: 'eco', name: 'Économie', description: 'L’argent des autres.', parent: null },
      { slug: 'hebergeurs', name: 'Hébergement', description: 'Serveurs et nuages.', parent: 'eco' },
      { slug: 'nouvelle', name: 'Nouvelle', description: '', parent: null },
    ]);
    const { id } = await post('incendie');
    const links = await test.db.kysely.selectFrom('post_categories').select('category_id').where('post_id', '=', id).orderBy('position').execute();
    expect(links.map((link) => categories.find((category) => category.id === link.category_id)!.slug)).toEqual(['hebergeurs', 'nouvelle']);
    const authors = await test.db.kysely.selectFrom('authors').select(['id', 'slug', 'name', 'bio']).execute();
    expect(authors).toEqual([{ id: expect.any(Number), slug: 'cdelmas', name: 'Claire Delmas', bio: 'Journaliste économique à Strasbourg.' }]);
    expect((await post('incendie')).author_id).toBe(authors[0]!.id);

    // Again, the category moved to the top in its file and in the post's: nothing is duplicated.
    writeFiles(dir, {
      'content/categories/hebergeurs/_index.md': '---\ntitle: Hébergement\n---\n',
      'content/posts/incendie.md': '---\ntitle: Incendie\nauthor: Claire Delmas\ncategories: [Hébergement, Nouvelle]\n---\n',
    });
    expect(await run(dir)).toMatchObject({ created: 0, updated: 1, errors: [] });
    const after = await test.db.kysely.selectFrom('categories').select(['slug', 'description', 'parent_id']).where('slug', '=', 'hebergeurs').execute();
    expect(after).toEqual([{ slug: 'hebergeurs', description: '', parent_id: null }]);
    expect(await test.db.kysely.selectFrom('categories').select('id').execute()).toHaveLength(3);
  });

  it('reports a category file whose parent is unknown or whose parents go round in a circle', async () => {
    const dir = folder({
      'categories/a/_index.md': '---\ntitle: A\nparent: b\n---\n',
      'categories/b/_index.md': '---\ntitle: B\nparent: a\n---\n',
      'categories/c/_index.md': '---\ntitle: C\ndescription: Orpheline.\nparent: inconnue\n---\n',
      'categories/d/_index.md': '---\ntitle: [D]\n---\n',
    });
    expect(problems(await run(dir))).toEqual([
      'categories/a/_index.md:3: the category "a" would be its own ancestor (its parents go round in a circle)',
      'categories/b/_index.md:3: the category "b" would be its own ancestor (its parents go round in a circle)',
      'categories/c/_index.md:4: the parent category "inconnue" is neither a category file of the folder nor a category of the site',
      'categories/d/_index.md:2: the field "title" must be text',
    ]);
    expect(await test.db.kysely.selectFrom('categories').select('id').execute()).toEqual([]);
  });
});

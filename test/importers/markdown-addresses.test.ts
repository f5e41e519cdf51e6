import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineRenderer } from '../../src/content/markdown/markdown.pool.ts';
import { makeFolder } from '../../src/importers/markdown/markdown.fixtures.ts';
import { importMarkdownFolder, type MarkdownImportReport } from '../../src/importers/markdown/markdown.importer.ts';
import { ENGINES, type Engine } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

/** Where a request for `from` is sent: its status and Location. */
async function moved(site: TestSite, from: string) {
  const response = await site.get(from);
  return [response.statusCode, response.headers.location];
}

/** A test site with a folder of `files` imported into it, and the import's report. */
async function siteWithImport(engine: Engine, files: Record<string, string>): Promise<{ site: TestSite; report: MarkdownImportReport }> {
  const site = await startTestSite(engine);
  const folder = makeFolder(files);
  try {
    const { kiosque } = site;
    const report = await importMarkdownFolder({ db: kiosque.db, events: kiosque.events, dataDir: kiosque.config.dataDir }, folder, { renderer: inlineRenderer() });
    return { site, report };
  } catch (error) {
    await site.dispose();
    throw error;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** The addresses a static site's posts had before, as Hugo (`aliases`) and Jekyll (`redirect_from`) name them. */
describe.each(ENGINES)('earlier addresses of imported Markdown posts on %s', (engine) => {
  let site: TestSite;
  let folder: string;
  let report: MarkdownImportReport;
  let dryRun: MarkdownImportReport;

  beforeAll(async () => {
    site = await startTestSite(engine);
    await site.makePost({ title: 'Déjà en ligne', slug: 'deja-en-ligne', publishedAt: '2020-01-01T08:00:00.000Z' });
    folder = makeFolder({
      'posts/emplois.md': '---\ntitle: Création d’emplois\ndate: 2021-03-01\naliases: ["/old/creation-emplois/", "ancien/chemin/", "/deja-en-ligne/"]\n---\n\nTexte.\n',
      '_posts/2019-01-05-vieux.md': '---\ntitle: Un vieux billet\nredirect_from: https://blog.example.fr/2019/01/05/vieux.html\n---\n\nTexte.\n',
      // Eleventy and Hugo: the post's own address on the old site, somewhere else than here.
      'blog/pharmacies.md': '---\ntitle: Pharmacies en ligne\ndate: 2021-04-01\npermalink: /blog/2021/pharmacies/index.html\n---\n\nTexte.\n',
      'posts/drive.md': '---\ntitle: Le drive\ndate: 2021-05-01\nslug: drive\nurl: https://blog.example.fr/commerce/drive.html\n---\n\nTexte.\n',
      // …and at the same address as here: nothing to redirect.
      'posts/same.md': '---\ntitle: Même adresse\ndate: 2021-06-01\npermalink: /meme-adresse/\n---\n\nTexte.\n',
      'posts/pattern.md': '---\ntitle: Un modèle\ndate: 2021-07-01\npermalink: "/{{ page.fileSlug }}/"\n---\n\nTexte.\n',
    });
    const { kiosque } = site;
    dryRun = await importMarkdownFolder({ db: kiosque.db, events: kiosque.events, dataDir: kiosque.config.dataDir }, folder, { renderer: inlineRenderer(), dryRun: true });
    report = await importMarkdownFolder({ db: kiosque.db, events: kiosque.events, dataDir: kiosque.config.dataDir }, folder, { renderer: inlineRenderer() });
  });

  afterAll(async () => {
    await site.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('leads each earlier address to its post, written as a path, a relative path or an address of the old site', async () => {
    expect(await moved(site, '/old/creation-emplois/')).toEqual([301, '/emplois/']);
    expect(await moved(site, '/ancien/chemin/')).toEqual([301, '/emplois/']);
    expect(await moved(site, '/2019/01/05/vieux.html')).toEqual([301, '/vieux/']);
    expect(report.redirects).toBe(5);
  });

  it('leads the address a url or permalink gave a post to where it is now, and counts it alike in a dry run', async () => {
    expect(await moved(site, '/blog/2021/pharmacies/')).toEqual([301, '/pharmacies/']);
    expect(await moved(site, '/commerce/drive.html')).toEqual([301, '/drive/']);
    expect((await site.get('/meme-adresse/')).statusCode).toBe(200);
    expect((await site.get('/pattern/')).statusCode).toBe(200);
    expect(dryRun.redirects).toBe(report.redirects);
  });

  it('never hides a post that lives at an earlier address', async () => {
    const live = await site.get('/deja-en-ligne/');
    expect(live.statusCode).toBe(200);
    expect(live.body).toContain('Déjà en ligne');
  });
});

/** A Hugo site's pages were where its sections' patterns, or their folders, put them. */
describe.each(ENGINES)('addresses of an imported Hugo site on %s', (engine) => {
  let site: TestSite;
  let report: MarkdownImportReport;

  beforeAll(async () => {
    ({ site, report } = await siteWithImport(engine, {
      'hugo.toml': 'baseURL = "https://blog.example.fr/"\n[permalinks]\n  posts = "/:year/:month/:slugorfilename/"\n',
      'content/posts/Fevad-Bilan.md': '+++\ntitle = "Le bilan de la Fevad"\ndate = 2024-02-05\n+++\n\nTexte.\n',
      'content/posts/drive/index.md': '---\ntitle: Le drive\ndate: 2023-11-20\nslug: drive-alimentaire\n---\n\nTexte.\n',
      'content/notes/breve.md': '---\ntitle: Une brève\ndate: 2022-01-10\n---\n\nTexte.\n',
      'content/notes/explicite.md': '---\ntitle: Explicite\ndate: 2022-01-11\nurl: /ailleurs/explicite/\n---\n\nTexte.\n',
    }));
  });

  afterAll(() => site.dispose());

  it('leads each page’s Hugo address to its post: the section’s pattern, else its folders, unless its url says otherwise', async () => {
    expect(await moved(site, '/2024/02/fevad-bilan/')).toEqual([301, '/fevad-bilan/']);
    expect(await moved(site, '/2023/11/drive-alimentaire/')).toEqual([301, '/drive-alimentaire/']);
    expect(await moved(site, '/notes/breve/')).toEqual([301, '/breve/']);
    expect(await moved(site, '/ailleurs/explicite/')).toEqual([301, '/explicite/']);
    expect((await site.get('/notes/explicite/')).statusCode).toBe(404);
    expect(report.redirects).toBe(4);
  });
});

/** A Jekyll site's posts were where its permalink setting put them. */
describe.each(ENGINES)('addresses of an imported Jekyll site on %s', (engine) => {
  let site: TestSite;
  let report: MarkdownImportReport;

  beforeAll(async () => {
    ({ site, report } = await siteWithImport(engine, {
      '_config.yml': 'title: Le blog\npermalink: pretty\n',
      '_posts/2019-01-05-vieux.md': '---\ntitle: Un vieux billet\ncategories: Ecommerce\n---\n\nTexte.\n',
      '_posts/2019-02-01-choisi.md': '---\ntitle: Choisi\npermalink: /choisi.html\n---\n\nTexte.\n',
      '_drafts/brouillon.md': '---\ntitle: Un brouillon\n---\n\nTexte.\n',
    }));
  });

  afterAll(() => site.dispose());

  it('leads each post’s Jekyll address to it, unless its permalink says otherwise', async () => {
    expect(await moved(site, '/ecommerce/2019/01/05/vieux/')).toEqual([301, '/vieux/']);
    expect(await moved(site, '/choisi.html')).toEqual([301, '/choisi/']);
    expect((await site.get('/2019/02/01/choisi/')).statusCode).toBe(404);
    expect(report.redirects).toBe(2);
  });
});

/** Jekyll read a date without an offset in its `timezone`, and dated the address there. */
describe.each(ENGINES)('an imported Jekyll site with a time zone of its own, on %s', (engine) => {
  let site: TestSite;

  beforeAll(async () => {
    ({ site } = await siteWithImport(engine, {
      '_config.yml': 'timezone: America/New_York\npermalink: /:year/:month/:day/:title/\n',
      '_posts/2019-01-05-tard.md': '---\ntitle: Publié tard le soir\ndate: 2019-01-05 23:30:00\n---\n\nTexte.\n',
    }));
  });

  afterAll(() => site.dispose());

  it('publishes the post at that instant and leads its address, dated on New York’s clock, to it', async () => {
    const post = await site.kiosque.db.kysely.selectFrom('posts').select('published_at').where('slug', '=', 'tard').executeTakeFirstOrThrow();
    expect(new Date(post.published_at!).toISOString()).toBe('2019-01-06T04:30:00.000Z');
    expect(await moved(site, '/2019/01/05/tard/')).toEqual([301, '/tard/']);
    // The site's own zone (Paris) would have dated it the 6th.
    expect((await site.get('/2019/01/06/tard/')).statusCode).toBe(404);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importWordpress } from '../../src/importers/wordpress/wp.importer.ts';
import { writeWxrFile } from '../../src/importers/wordpress/wxr.fixtures.ts';
import type { WxrItem, WxrSite, WxrTerm } from '../../src/importers/wordpress/wxr.model.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

/**
 * The old addresses of blogs whose slugs, authors or pages the French fixture does not have:
 * slugs WordPress stores percent-encoded (Arabic, emoji), authors named only by their posts,
 * paginated posts and pages under a parent.
 */
const BLOG = 'https://rtl.example.fr';
const SITE: WxrSite = { title: 'RTL', link: BLOG, description: 'Un blog', language: 'fr-FR', baseSiteUrl: BLOG, baseBlogUrl: BLOG, wxrVersion: '1.2' };
const NEWS = '%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1';
const ARABIC = '%d9%85%d8%b1%d8%ad%d8%a8%d8%a7-%d8%a8%d8%a7%d9%84%d8%b9%d8%a7%d9%84%d9%85';
const EMOJI = '%f0%9f%9a%80-fusee-%f0%9f%98%80';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-wp-addresses-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A published post of 10 May 2024 under /%year%/%monthnum%/%postname%/ (a page at /<slug>/ under its parents'). */
function item(id: number, title: string, slug: string, more: Partial<WxrItem> = {}): WxrItem {
  return {
    id,
    postType: 'post',
    title,
    link: `${BLOG}/2024/05/${slug}/`,
    guid: `${BLOG}/?p=${id}`,
    slug,
    status: 'publish',
    creator: 'a',
    content: '<p>Texte</p>',
    excerpt: '',
    date: '2024-05-10T10:00:00.000Z',
    localDate: '2024-05-10 10:00:00',
    modified: undefined,
    parentId: 0,
    menuOrder: 0,
    isSticky: false,
    password: '',
    attachmentUrl: undefined,
    terms: [{ taxonomy: 'category', slug: NEWS, name: 'أخبار' }],
    meta: {},
    oldSlugs: [],
    comments: [],
    line: 0,
    ...more,
  };
}

function exportFile(name: string, items: WxrItem[], terms: WxrTerm[] = []): string {
  const file = path.join(scratch, name);
  const authors = [{ id: 1, login: 'a', email: 'a@rtl.example.fr', displayName: 'Ça', firstName: '', lastName: '' }];
  writeWxrFile(file, { site: SITE, authors, terms, items });
  return file;
}

async function importFile(site: TestSite, file: string) {
  const report = await importWordpress({ db: site.kiosque.db, events: site.kiosque.events, dataDir: site.kiosque.config.dataDir }, file);
  site.clock.now = new Date().toISOString();
  return report;
}

async function expectRedirect(site: TestSite, from: string, to: string): Promise<void> {
  const response = await site.get(from);
  expect(response.statusCode, from).toBe(301);
  expect(response.headers.location, from).toBe(to);
}

describe.each(ENGINES)('the addresses of an imported WordPress blog (%s)', (engine) => {
  it('keeps the permalink structure when a slug is Arabic or emoji: those posts and terms alone get a new slug, their old addresses a 301', async () => {
    const site = await startTestSite(engine);
    try {
      const file = exportFile('slugs.xml', [item(1, 'مرحبا بالعالم', ARABIC), item(2, '🚀 Fusée 😀', EMOJI), item(3, 'Normal', 'normal'), item(4, 'سلام', '%d8%b3%d9%84%d8%a7%d9%85')], [
        { taxonomy: 'category', id: 1, slug: NEWS, name: 'أخبار', parentSlug: undefined, description: '' },
        { taxonomy: 'category', id: 2, slug: '%d8%b1%d9%8a%d8%a7%d8%b6%d8%a9', name: 'رياضة', parentSlug: undefined, description: '' },
      ]);
      const report = await importFile(site, file);
      expect(report.permalink).toEqual({ structure: '/%year%/%monthnum%/%postname%/', pattern: '/%year%/%monthnum%/%postname%/' });

      const normal = await site.get('/2024/05/normal/');
      expect(normal.statusCode).toBe(200);
      // Arabic leaves nothing to a slug, from the slug or the title: each post is named after its WordPress id.
      await expectRedirect(site, `/2024/05/${ARABIC}/`, '/2024/05/article-1/');
      await expectRedirect(site, `/2024/05/${ARABIC.toUpperCase()}/`, '/2024/05/article-1/');
      await expectRedirect(site, '/2024/05/%d8%b3%d9%84%d8%a7%d9%85/', '/2024/05/article-4/');
      await expectRedirect(site, `/2024/05/${EMOJI}/`, '/2024/05/fusee/');
      for (const path of ['/2024/05/article-1/', '/2024/05/article-4/', '/2024/05/fusee/']) expect((await site.get(path)).statusCode, path).toBe(200);
      // Two Arabic categories stay two.
      await expectRedirect(site, `/category/${NEWS}/`, '/categorie/categorie-1/');
      await expectRedirect(site, '/category/%d8%b1%d9%8a%d8%a7%d8%b6%d8%a9/', '/categorie/categorie-2/');
      const categories = await site.kiosque.db.kysely.selectFrom('categories').select(['slug', 'name']).orderBy('slug').execute();
      expect(categories).toEqual([
        { slug: 'categorie-1', name: 'أخبار' },
        { slug: 'categorie-2', name: 'رياضة' },
      ]);

      const again = await importFile(site, file);
      expect(again.counts.post).toEqual({ imported: 0, updated: 4, skipped: 0 });
      expect(again.redirects).toMatchObject({ created: 0, updated: 0 });
      expect((await site.get('/2024/05/article-1/')).statusCode).toBe(200);
    } finally {
      await site.dispose();
    }
  }, 120_000);

  it('keeps apart two Arabic categories a partial export names only on its posts, at every run', async () => {
    const site = await startTestSite(engine);
    try {
      const sport = { taxonomy: 'category', slug: '%d8%b1%d9%8a%d8%a7%d8%b6%d8%a9', name: 'رياضة' };
      const file = exportFile('partial.xml', [item(1, 'Normal', 'normal'), item(2, 'Match', 'match', { terms: [sport] })]);
      const categories = () => site.kiosque.db.kysely.selectFrom('categories').select(['slug', 'name']).orderBy('name').execute();
      await importFile(site, file);
      const first = await categories();
      expect(first.map((category) => category.name)).toEqual(['أخبار', 'رياضة']);
      expect(first.every((category) => /^categorie-[0-9a-f]{8}$/.test(category.slug))).toBe(true);
      expect(first[0]!.slug).not.toBe(first[1]!.slug);
      await expectRedirect(site, `/category/${NEWS}/`, `/categorie/${first[0]!.slug}/`);

      await importFile(site, file);
      expect(await categories()).toEqual(first);
    } finally {
      await site.dispose();
    }
  }, 120_000);

  it('sends every page of a paginated post to the post, and each page under a parent to its own new address', async () => {
    const site = await startTestSite(engine);
    try {
      const page = (id: number, title: string, slug: string, parentPath: string, parentId: number) =>
        item(id, title, slug, { postType: 'page', link: `${BLOG}${parentPath}${slug}/`, parentId, terms: [] });
      const paginated = '<p>Un</p>\n<!--nextpage-->\n<p>Deux</p>\n<!-- wp:nextpage -->\n<!--nextpage-->\n<!-- /wp:nextpage -->\n<p>Trois</p>';
      const file = exportFile('pages.xml', [
        item(1, 'Billet classique', 'billet-classique', { content: paginated }),
        item(2, 'Court', 'court'),
        page(10, 'À propos', 'a-propos', '/', 0),
        page(11, 'Équipe', 'equipe', '/a-propos/', 10),
        page(12, 'Services', 'services', '/', 0),
        page(13, 'Presse', 'presse', '/', 0),
        page(14, 'Contact', 'contact', '/services/', 12),
        page(15, 'Contact presse', 'contact', '/presse/', 13),
      ]);
      await importFile(site, file);

      const article = await site.get('/2024/05/billet-classique/');
      expect(article.statusCode).toBe(200);
      expect(article.body).toContain('Trois');
      await expectRedirect(site, '/2024/05/billet-classique/2/', '/2024/05/billet-classique/');
      await expectRedirect(site, '/2024/05/billet-classique/3/', '/2024/05/billet-classique/');
      // WordPress had no fourth page, nor pages of a post without a break.
      expect((await site.get('/2024/05/billet-classique/4/')).statusCode).toBe(404);
      expect((await site.get('/2024/05/court/2/')).statusCode).toBe(404);

      await expectRedirect(site, '/a-propos/equipe/', '/equipe/');
      await expectRedirect(site, '/services/contact/', '/contact/');
      await expectRedirect(site, '/presse/contact/', '/contact-2/');
      expect((await site.get('/contact-2/')).body).toContain('Contact presse');

      const again = await importFile(site, file);
      expect(again.redirects).toMatchObject({ created: 0, updated: 0 });
    } finally {
      await site.dispose();
    }
  }, 120_000);

  it('finds again at each run an author the export names only as a post’s dc:creator (a partial export), and duplicates nobody', async () => {
    const site = await startTestSite(engine);
    try {
      const file = exportFile('authors.xml', [item(1, 'Tarte', 'tarte', { creator: 'claire' }), item(2, 'Crumble', 'crumble', { creator: 'claire' }), item(3, 'Flan', 'flan')]);
      const bylines = () =>
        site.kiosque.db.kysely.selectFrom('posts').innerJoin('authors', 'authors.id', 'posts.author_id').select(['posts.slug', 'authors.slug as author']).orderBy('posts.slug').execute();
      const first = await importFile(site, file);
      expect(first.counts.author).toMatchObject({ imported: 2, updated: 0 });
      expect(first.warnings.filter((warning) => warning.code === 'author_undeclared').map((warning) => warning.params)).toEqual([{ login: 'claire' }]);
      const before = await bylines();
      expect(before).toEqual([
        { slug: 'crumble', author: 'claire' },
        { slug: 'flan', author: 'ca' },
        { slug: 'tarte', author: 'claire' },
      ]);

      const again = await importFile(site, file);
      expect(again.counts.author).toMatchObject({ imported: 0, updated: 2 });
      // Nothing was created this time.
      expect(again.warnings.filter((warning) => warning.code === 'author_undeclared')).toEqual([]);
      expect(await bylines()).toEqual(before);
      const authors = await site.kiosque.db.kysely.selectFrom('authors').select('slug').orderBy('slug').execute();
      expect(authors.map((author) => author.slug)).toEqual(['ca', 'claire']);
    } finally {
      await site.dispose();
    }
  }, 120_000);

  it('gives the declared author the posts of items read before their <wp:author> (a file put together by hand), at every run', async () => {
    const site = await startTestSite(engine);
    try {
      const file = exportFile('late-author.xml', [item(1, 'Tarte', 'tarte', { creator: 'claire' }), item(2, 'Crumble', 'crumble', { creator: 'claire' }), item(3, 'Flan', 'flan')]);
      // Claire's declaration moved from the header to after the last item.
      const claire = '\t<wp:author><wp:author_id>7</wp:author_id><wp:author_login><![CDATA[claire]]></wp:author_login><wp:author_email><![CDATA[claire@rtl.example.fr]]></wp:author_email><wp:author_display_name><![CDATA[Claire Dupont]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>\n';
      const text = fs.readFileSync(file, 'utf8');
      const end = text.lastIndexOf('</item>') + '</item>\n'.length;
      fs.writeFileSync(file, text.slice(0, end) + claire + text.slice(end));
      const bylines = () =>
        site.kiosque.db.kysely.selectFrom('posts').innerJoin('authors', 'authors.id', 'posts.author_id').select(['posts.slug', 'authors.name']).orderBy('posts.slug').execute();
      const expected = [
        { slug: 'crumble', name: 'Claire Dupont' },
        { slug: 'flan', name: 'Ça' },
        { slug: 'tarte', name: 'Claire Dupont' },
      ];
      const authorNames = async () => (await site.kiosque.db.kysely.selectFrom('authors').select('name').orderBy('name').execute()).map((author) => author.name);

      const first = await importFile(site, file);
      expect(first.counts.author).toMatchObject({ imported: 2, updated: 0 });
      expect(first.warnings.filter((warning) => warning.code === 'author_undeclared')).toEqual([]);
      expect(await bylines()).toEqual(expected);
      expect(await authorNames()).toEqual(['Claire Dupont', 'Ça']);
      const account = await site.kiosque.db.kysely.selectFrom('users').innerJoin('authors', 'authors.id', 'users.author_id').select('authors.name').where('users.email', '=', 'claire@rtl.example.fr').executeTakeFirst();
      expect(account).toEqual({ name: 'Claire Dupont' });

      const again = await importFile(site, file);
      expect(again.counts.author).toMatchObject({ imported: 0, updated: 2 });
      expect(again.warnings.filter((warning) => warning.code === 'author_undeclared')).toEqual([]);
      expect(await bylines()).toEqual(expected);
      expect(await authorNames()).toEqual(['Claire Dupont', 'Ça']);
    } finally {
      await site.dispose();
    }
  }, 120_000);
});

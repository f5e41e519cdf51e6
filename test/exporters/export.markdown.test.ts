import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KiosqueError } from '../../src/errors.ts';
import { exportMarkdown, type MarkdownExportReport } from '../../src/exporters/export.markdown.ts';
import { splitFrontMatter } from '../../src/importers/markdown/markdown.frontmatter.ts';
import { projectPath } from '../../src/paths.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';
import { leftovers, loadDemo, temporaryFolder } from './export-support.ts';

const run = promisify(execFile);
const ELEVENTY = projectPath('node_modules', '@11ty', 'eleventy', 'cmd.cjs');

/** Builds the folder with the real Eleventy, as its owner would: `npx @11ty/eleventy` in it. */
async function buildWithEleventy(dir: string): Promise<void> {
  await run(process.execPath, [ELEVENTY, '--quiet'], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
}

function readPage(dir: string, address: string): string {
  return fs.readFileSync(path.join(dir, '_site', address, 'index.html'), 'utf8');
}

describe.each(ENGINES)('Markdown export on %s', (engine) => {
  let site: TestSite;
  let folder: ReturnType<typeof temporaryFolder>;
  let out: string;
  let report: MarkdownExportReport;
  const future = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const commentIds: number[] = [];

  beforeAll(async () => {
    site = await startTestSite(engine);
    folder = temporaryFolder();
    await loadDemo(site);
    await site.makePost({ title: 'Un brouillon', status: 'draft', publishedAt: null, markdown: 'Pas encore prêt.' });
    await site.makePost({ title: 'Bientôt en ligne', status: 'scheduled', publishedAt: future, markdown: 'Plus tard.' });
    const hosts = await site.makePost({ title: 'Les hébergeurs', categories: ['Ecommerce > Hébergement'], tags: ['Nuage souverain'], markdown: 'Des accolades {{ comme ceci }} et {% ceci %} restent du texte.\n\n## Les *chiffres* {#chiffres}\n\n[Voir les chiffres](#chiffres)' });
    const db = site.kiosque.db.kysely;
    await db.updateTable('posts').set({ canonical_url: 'https://ancien-blog.example.fr/hebergeurs/', noindex: 1 }).where('id', '=', hosts.id).execute();
    await db.updateTable('categories').set({ description: 'Serveurs, nuages et centres de données.' }).where('slug', '=', 'hebergement').execute();
    const first = await db
      .insertInto('comments')
      .values({ post_id: hosts.id, parent_id: null, author_name: 'Paul', author_email: 'paul@example.org', author_url: 'https://paul.example.org/', html: '<p>Merci !</p>', status: 'approved', created_at: '2024-05-14T07:30:00.000Z', updated_at: '2024-05-14T07:30:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    commentIds.push(first.id);
    const reply = await db
      .insertInto('comments')
      .values({ post_id: hosts.id, parent_id: first.id, author_name: 'Léa', author_email: 'lea@example.org', author_url: null, html: '<p>Pareil.</p>', status: 'approved', created_at: '2024-05-14T08:00:00.000Z', updated_at: '2024-05-14T08:00:00.000Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    commentIds.push(reply.id);
    await db
      .insertInto('comments')
      .values({ post_id: hosts.id, parent_id: null, author_name: 'Spammeur', author_email: 'x@example.org', author_url: null, html: '<p>En attente.</p>', status: 'pending', created_at: '2024-05-14T09:00:00.000Z', updated_at: '2024-05-14T09:00:00.000Z' })
      .execute();
    out = path.join(folder.dir, 'blog');
    report = await exportMarkdown({ db: site.kiosque.db, dataDir: site.kiosque.config.dataDir, siteUrl: 'https://www.example.fr' }, out);
    await buildWithEleventy(out);
  }, 120_000);

  afterAll(async () => {
    await site.dispose();
    folder.remove();
  });

  it('writes one file per post and page, with the media library beside them', () => {
    expect(report).toMatchObject({ posts: 13, pages: 3, media: 10, missingMedia: [] });
    expect(fs.readdirSync(path.join(out, 'content', 'posts'))).toHaveLength(13);
    expect(fs.readdirSync(path.join(out, 'content', 'pages')).sort()).toEqual(['a-propos.md', 'confidentialite.md', 'mentions-legales.md']);
    expect(leftovers(folder.dir)).toEqual([]);
  });

  it('writes front matter that Hugo, Eleventy and Kiosque read: addresses, dates, draft, terms, description, image', () => {
    const text = fs.readFileSync(path.join(out, 'content', 'posts', 'incendie-ovh-strasbourg.md'), 'utf8');
    const split = splitFrontMatter(text);
    if (!split.ok) throw new Error('front matter unreadable');
    const fields = split.frontMatter.fields;
    expect(fields).toMatchObject({
      title: 'Incendie chez OVH : ce que l’on sait, ce que les clients peuvent faire',
      slug: 'incendie-ovh-strasbourg',
      date: '2021-03-24T07:30:00.000Z',
      lastmod: '2021-03-24T07:30:00.000Z',
      url: '/incendie-ovh-strasbourg/',
      permalink: '/incendie-ovh-strasbourg/',
      author: 'Claire Delmas',
      categories: ['Ecommerce', 'Web'],
      tags: ['hébergement', 'sauvegarde', 'RGPD', 'cloud', 'OVH'],
      featured: true,
      seo_title: 'Incendie OVH à Strasbourg : faits, recours et RGPD',
    });
    expect(fields.description).toBe(fields.seo_description);
    expect(String(fields.image)).toMatch(/^\/media\/\d{4}\/\d{2}\/ovh-incendie-[0-9a-f]{10}\.svg$/);
    expect(fs.existsSync(path.join(out, 'static', String(fields.image)))).toBe(true);
    expect(fields.draft).toBeUndefined();

    const draft = splitFrontMatter(fs.readFileSync(path.join(out, 'content', 'posts', 'un-brouillon.md'), 'utf8'));
    expect(draft.ok && draft.frontMatter.fields).toMatchObject({ draft: true });
    expect(draft.ok && draft.frontMatter.fields.url).toBeUndefined();
    const child = splitFrontMatter(fs.readFileSync(path.join(out, 'content', 'posts', 'les-hebergeurs.md'), 'utf8'));
    expect(child.ok && child.frontMatter.fields).toMatchObject({ categories: ['Ecommerce > Hébergement'], tags: ['Nuage souverain'] });
    const page = splitFrontMatter(fs.readFileSync(path.join(out, 'content', 'pages', 'a-propos.md'), 'utf8'));
    expect(page.ok && page.frontMatter.fields).toMatchObject({ type: 'page', url: '/a-propos/' });
  });

  it('writes a post’s canonical address, noindex and approved comments, never a commenter’s e-mail nor a comment awaiting moderation', () => {
    const split = splitFrontMatter(fs.readFileSync(path.join(out, 'content', 'posts', 'les-hebergeurs.md'), 'utf8'));
    if (!split.ok) throw new Error('front matter unreadable');
    const [first, reply] = commentIds;
    expect(split.frontMatter.fields).toMatchObject({ canonicalURL: 'https://ancien-blog.example.fr/hebergeurs/', robotsNoIndex: true });
    expect(split.frontMatter.fields.comments).toEqual([
      { id: first, author: 'Paul', url: 'https://paul.example.org/', date: '2024-05-14T07:30:00.000Z', html: '<p>Merci !</p>' },
      { id: reply, parent: first, author: 'Léa', date: '2024-05-14T08:00:00.000Z', html: '<p>Pareil.</p>' },
    ]);
    const ovh = splitFrontMatter(fs.readFileSync(path.join(out, 'content', 'posts', 'incendie-ovh-strasbourg.md'), 'utf8'));
    expect(ovh.ok && Object.keys(ovh.frontMatter.fields)).not.toEqual(expect.arrayContaining(['canonicalURL']));
    expect(ovh.ok && ovh.frontMatter.fields.robotsNoIndex).toBeUndefined();
    expect(ovh.ok && ovh.frontMatter.fields.comments).toBeUndefined();
    expect(report.comments).toBe(2);
    expect(report.personalData).toEqual(expect.arrayContaining(['comments.authorName', 'comments.authorUrl']));
    expect(report.personalData).not.toContain('comments.authorEmail');
  });

  it('describes each category and author in a Hugo term file that Eleventy does not build as a page', () => {
    const category = splitFrontMatter(fs.readFileSync(path.join(out, 'content', 'categories', 'hebergement', '_index.md'), 'utf8'));
    expect(category.ok && category.frontMatter.fields).toEqual({ title: 'Hébergement', description: 'Serveurs, nuages et centres de données.', parent: 'ecommerce' });
    const top = splitFrontMatter(fs.readFileSync(path.join(out, 'content', 'categories', 'ecommerce', '_index.md'), 'utf8'));
    expect(top.ok && top.frontMatter.fields).toEqual({ title: 'Ecommerce' });
    const author = splitFrontMatter(fs.readFileSync(path.join(out, 'content', 'authors', 'claire-delmas', '_index.md'), 'utf8'));
    expect(author.ok && author.frontMatter.fields.title).toBe('Claire Delmas');
    expect(fs.existsSync(path.join(out, '_site', 'categories'))).toBe(false);
    expect(fs.existsSync(path.join(out, '_site', 'authors'))).toBe(false);
  });

  it('builds with Eleventy as it is: every public article at its Kiosque address, media at theirs', () => {
    for (const slug of ['incendie-ovh-strasbourg', 'planet-puzzles-usine-moselle', 'les-hebergeurs', 'a-propos']) {
      expect(fs.existsSync(path.join(out, '_site', slug, 'index.html')), slug).toBe(true);
    }
    const ovh = readPage(out, 'incendie-ovh-strasbourg');
    expect(ovh).toContain('<title>Incendie chez OVH : ce que l’on sait, ce que les clients peuvent faire</title>');
    expect(ovh).toContain('<h2>Un bâtiment rasé, un campus à l’arrêt</h2>');
    expect(ovh).toMatch(/<figure><img src="\/media\/\d{4}\/\d{2}\/ovh-incendie-[0-9a-f]{10}\.svg" alt="Illustration d’un bâtiment/);
    const media = fs.readdirSync(path.join(out, 'static', 'media'), { recursive: true }).filter((name) => String(name).endsWith('.svg'));
    expect(media).toHaveLength(10);
    for (const file of media) expect(fs.existsSync(path.join(out, '_site', 'media', String(file)))).toBe(true);
  });

  it('renders Kiosque’s blocks as HTML in Eleventy: pull-quotes, sources, captioned tables, videos, read-more links', () => {
    const ovh = readPage(out, 'incendie-ovh-strasbourg');
    expect(ovh).toMatch(/<figure class="pullquote"><blockquote>\s*<p>Une sauvegarde rangée dans le même bâtiment/);
    expect(ovh).toMatch(/<section class="sources"><h2>Sources<\/h2>\s*<ul>\s*<li>OVHcloud/);
    expect(ovh).not.toContain(':::');
    const puzzles = readPage(out, 'planet-puzzles-usine-moselle');
    expect(puzzles).toContain('<p class="video"><a href="https://www.youtube.com/watch?v=Pz7lK0mQ2aE">Reportage dans l’entrepôt et la future usine de Planet’Puzzles</a></p>');
    const investments = readPage(out, 'top-10-pays-investissements-etrangers');
    expect(investments).toMatch(/<figure class="table"><figcaption>Les 10 premiers pays d’accueil des investissements étrangers \(en milliards de dollars\)<\/figcaption>\s*<table>/);
    const readMore = fs.readdirSync(path.join(out, '_site')).map((name) => path.join(out, '_site', name, 'index.html')).filter((file) => fs.existsSync(file));
    expect(readMore.some((file) => fs.readFileSync(file, 'utf8').includes('<p class="read-more"><a href="https://www.cnil.fr/">Le site de la CNIL</a></p>'))).toBe(true);
    for (const file of readMore) expect(fs.readFileSync(file, 'utf8'), file).not.toMatch(/^:{2,}/m);
  });

  it('leaves drafts and posts scheduled for later out of the Eleventy build, and article text out of its template engine', () => {
    expect(fs.existsSync(path.join(out, '_site', 'un-brouillon'))).toBe(false);
    expect(fs.existsSync(path.join(out, '_site', 'bientot-en-ligne'))).toBe(false);
    expect(readPage(out, 'les-hebergeurs')).toContain('Des accolades {{ comme ceci }} et {% ceci %} restent du texte.');
  });

  it('keeps the address a writer gave a heading, in the Markdown and in the Eleventy build', () => {
    expect(fs.readFileSync(path.join(out, 'content', 'posts', 'les-hebergeurs.md'), 'utf8')).toContain('## Les *chiffres* {#chiffres}');
    const page = readPage(out, 'les-hebergeurs');
    expect(page).toContain('<h2><a id="chiffres"></a>Les <em>chiffres</em></h2>');
    expect(page).toContain('<a href="#chiffres">Voir les chiffres</a>');
  });

  it('refuses a folder that is not empty unless forced, and then replaces it whole', async () => {
    const context = { db: site.kiosque.db, dataDir: site.kiosque.config.dataDir, siteUrl: 'https://www.example.fr' };
    const refusal = await exportMarkdown(context, out).catch((error: unknown) => error);
    expect((refusal as KiosqueError).code).toBe('export_folder_not_empty');
    expect(fs.existsSync(path.join(out, '_site'))).toBe(true);

    await exportMarkdown(context, out, { force: true });
    expect(fs.existsSync(path.join(out, '_site'))).toBe(false);
    expect(fs.readdirSync(path.join(out, 'content', 'posts'))).toHaveLength(13);
    expect(leftovers(folder.dir)).toEqual([]);
  });
});

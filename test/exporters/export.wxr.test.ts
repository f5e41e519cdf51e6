import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/auth/users.service.ts';
import { ExportSource, type ExportPost } from '../../src/exporters/export.reader.ts';
import { exportWxr } from '../../src/exporters/export.wxr.ts';
import { wordpressArticleHtml } from '../../src/exporters/export.wxr.content.ts';
import type { WxrAuthor, WxrItem, WxrSite, WxrTerm } from '../../src/importers/wordpress/wxr.model.ts';
import { importWordpress } from '../../src/importers/wordpress/wp.importer.ts';
import { readWxr } from '../../src/importers/wordpress/wxr.reader.ts';
import { projectPath } from '../../src/paths.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';
import { loadDemo, temporaryFolder } from './export-support.ts';

const run = promisify(execFile);
const SITE = 'https://www.example.fr';

/** To the second: WordPress dates have no milliseconds. */
function toSecond(iso: string): string {
  return new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();
}

describe.each(ENGINES)('WXR export on %s', (engine) => {
  let site: TestSite;
  let folder: ReturnType<typeof temporaryFolder>;
  let file: string;
  let posts: ExportPost[];
  let source: ExportSource;
  const read = { site: undefined as WxrSite | undefined, authors: [] as WxrAuthor[], terms: [] as WxrTerm[], items: [] as WxrItem[] };
  let articleId: number;
  let figures: { key: string; width: number; height: number };
  let figuresMarkdown: string;

  beforeAll(async () => {
    site = await startTestSite(engine);
    folder = temporaryFolder();
    await loadDemo(site);
    const { db } = site.kiosque;
    await createUser(db, { email: 'nadia.roux@example.fr', name: 'Nadia Roux', role: 'editor' }, new Date());
    const article = await site.makePost({
      title: 'Les hébergeurs <après> l’incendie ]]> & la suite',
      categories: ['Ecommerce > Hébergement'],
      tags: ['Cloud'],
      author: 'Nadia Roux',
      customExcerpt: 'Ce que les hébergeurs ont changé.',
      seoTitle: 'Hébergeurs : un an après',
      highlighted: true,
      markdown: 'Un paragraphe avec [un lien](/incendie-ovh-strasbourg/).\n\n```\nun ]]> dans du code\n```',
    });
    articleId = article.id;
    await db.kysely.updateTable('posts').set({ canonical_url: '/incendie-ovh-strasbourg/', noindex: 1 }).where('id', '=', article.id).execute();
    await site.makePost({ title: 'Un brouillon', status: 'draft', publishedAt: null });
    const drawing = await db.kysely.selectFrom('media').select(['storage_key', 'width', 'height']).orderBy('id').executeTakeFirstOrThrow();
    figures = { key: drawing.storage_key, width: drawing.width!, height: drawing.height! };
    figuresMarkdown = [
      'Avant les figures.',
      '::video{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" title="Une vidéo"}',
      '::video{url="https://vimeo.com/76979871"}',
      ':::pullquote[Claire Delmas, directrice]\nLe cloud n’est qu’un ordinateur.\n:::',
      `![Un schéma](/media/${drawing.storage_key} "La légende")`,
      'Après les figures.',
    ].join('\n\n');
    await site.makePost({ title: 'Des figures', slug: 'des-figures', markdown: figuresMarkdown });
    const now = '2024-05-14T07:30:00.000Z';
    const first = await db.kysely
      .insertInto('comments')
      .values({ post_id: article.id, parent_id: null, author_name: 'Paul', author_email: 'paul@example.org', author_url: null, html: '<p>Merci !</p>', status: 'approved', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.kysely
      .insertInto('comments')
      .values({ post_id: article.id, parent_id: first.id, author_name: 'Léa', author_email: 'lea@example.org', author_url: 'https://lea.example.org', html: '<p>Pareil.</p>', status: 'pending', created_at: now, updated_at: now })
      .execute();

    file = path.join(folder.dir, 'blog.xml');
    await exportWxr({ db, siteUrl: SITE, generator: 'Kiosque test' }, file);
    source = await ExportSource.open(db);
    posts = [];
    for await (const page of source.posts()) posts.push(...page);
    for await (const entry of readWxr(file)) {
      if (entry.kind === 'site') read.site = entry.site;
      else if (entry.kind === 'author') read.authors.push(entry.author);
      else if (entry.kind === 'term') read.terms.push(entry.term);
      else if (entry.kind === 'item') read.items.push(entry.item);
    }
  }, 60_000);

  afterAll(async () => {
    await site.dispose();
    folder.remove();
  });

  it('is well-formed XML (xmllint)', async () => {
    const { stderr } = await run('xmllint', ['--noout', file]);
    expect(stderr).toBe('');
  });

  it('describes the site, its authors and its terms as WordPress 6 does', () => {
    expect(read.site).toMatchObject({ title: 'Kiosque Ecommerce, SEO & SEA', link: SITE, wxrVersion: '1.2', baseSiteUrl: SITE, baseBlogUrl: SITE, language: 'fr-FR' });
    expect(read.authors).toContainEqual(expect.objectContaining({ login: 'nadia-roux', email: 'nadia.roux@example.fr', displayName: 'Nadia Roux' }));
    expect(read.authors).toContainEqual(expect.objectContaining({ login: 'claire-delmas', email: '', displayName: 'Claire Delmas' }));
    const categories = read.terms.filter((term) => term.taxonomy === 'category');
    expect(categories).toHaveLength(source.categories.length);
    expect(categories).toContainEqual(expect.objectContaining({ slug: 'hebergement', name: 'Hébergement', parentSlug: 'ecommerce' }));
    // A parent comes before its children: WordPress attaches a child to a parent it has already made.
    expect(categories.findIndex((term) => term.slug === 'ecommerce')).toBeLessThan(categories.findIndex((term) => term.slug === 'hebergement'));
    expect(read.terms.filter((term) => term.taxonomy === 'post_tag').map((term) => term.slug).sort()).toEqual(source.tags.map((tag) => tag.slug).sort());
  });

  it('gives back every post and page with the fields WordPress’s importer reads, equal to what was exported', () => {
    const items = new Map(read.items.filter((item) => item.postType !== 'attachment').map((item) => [item.id, item]));
    expect(items.size).toBe(posts.length);
    const authors = new Map(source.authors.map((author) => [author.id, author.slug]));
    for (const post of posts) {
      const item = items.get(post.id)!;
      const link = post.path === null ? `${SITE}/?p=${post.id}` : SITE + post.path;
      expect(item, post.slug).toMatchObject({
        postType: post.type,
        title: post.title,
        slug: post.slug,
        link,
        status: { published: 'publish', scheduled: 'future', draft: 'draft' }[post.status],
        creator: post.authorId === null ? '' : authors.get(post.authorId),
        content: wordpressArticleHtml(post.html, link, source.settings.locale),
        excerpt: post.customExcerpt ?? '',
        date: post.publishedAt === null ? undefined : toSecond(post.publishedAt),
        modified: toSecond(post.updatedAt),
        isSticky: post.featured,
      });
      const categories = post.categoryIds.map((id) => source.categories.find((category) => category.id === id)!.slug);
      const tags = post.tagIds.map((id) => source.tags.find((tag) => tag.id === id)!.slug);
      expect(item.terms.filter((term) => term.taxonomy === 'category').map((term) => term.slug)).toEqual(categories);
      expect(item.terms.filter((term) => term.taxonomy === 'post_tag').map((term) => term.slug)).toEqual(tags);
    }
  });

  it('carries SEO fields as Yoast SEO meta, comments with their thread, and featured images as attachments', () => {
    const article = read.items.find((item) => item.id === articleId)!;
    expect(article.title).toBe('Les hébergeurs <après> l’incendie ]]> & la suite');
    expect(article.content).toContain('<pre><code>un ]]> dans du code');
    expect(article.content).toContain(`href="${SITE}/incendie-ovh-strasbourg/"`);
    expect(article.meta).toMatchObject({
      _yoast_wpseo_title: 'Hébergeurs : un an après',
      _yoast_wpseo_canonical: `${SITE}/incendie-ovh-strasbourg/`,
      '_yoast_wpseo_meta-robots-noindex': '1',
      _kiosque_highlighted: '1',
    });
    expect(article.comments).toEqual([
      expect.objectContaining({ author: 'Paul', authorEmail: 'paul@example.org', parentId: 0, status: 'approved', date: '2024-05-14T07:30:00.000Z', content: '<p>Merci !</p>' }),
      expect.objectContaining({ author: 'Léa', authorUrl: 'https://lea.example.org', parentId: article.comments[0]!.id, status: 'pending' }),
    ]);

    const attachments = read.items.filter((item) => item.postType === 'attachment');
    expect(attachments).toHaveLength(10);
    for (const attachment of attachments) {
      expect(attachment.status).toBe('inherit');
      expect(attachment.attachmentUrl).toBe(`${SITE}/media/${attachment.meta._wp_attached_file}`);
    }
    const ovh = read.items.find((item) => item.slug === 'incendie-ovh-strasbourg')!;
    const thumbnail = attachments.find((item) => String(item.id) === ovh.meta._thumbnail_id)!;
    expect(thumbnail.attachmentUrl).toBe(SITE + posts.find((post) => post.slug === 'incendie-ovh-strasbourg')!.image!.url);
    // Attachments and posts share WordPress's id space.
    const ids = read.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes videos, pull-quotes and captioned images as the Gutenberg blocks WordPress 6 shows', () => {
    const content = read.items.find((item) => item.slug === 'des-figures')!.content;
    expect(content).toContain(
      '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","type":"video","providerNameSlug":"youtube","responsive":true,"className":"wp-embed-aspect-16-9 wp-has-aspect-ratio"} -->\n' +
        '<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube wp-embed-aspect-16-9 wp-has-aspect-ratio"><div class="wp-block-embed__wrapper">\n' +
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ\n</div><figcaption class="wp-element-caption">Une vidéo</figcaption></figure>\n<!-- /wp:embed -->',
    );
    // A video without a title of its own gets no caption: "Vidéo Vimeo" is Kiosque's name for it.
    expect(content).toContain('<div class="wp-block-embed__wrapper">\nhttps://vimeo.com/76979871\n</div></figure>');
    // The click-to-load notice is false on WordPress, which loads the player at once.
    expect(content).not.toMatch(/video-notice|video-embed|Rien n’est chargé/);
    expect(content).toContain(
      '<!-- wp:pullquote -->\n<figure class="wp-block-pullquote"><blockquote><p>Le cloud n’est qu’un ordinateur.</p><cite>Claire Delmas, directrice</cite></blockquote></figure>\n<!-- /wp:pullquote -->',
    );
    expect(content).toContain(`<!-- wp:image {"width":${figures.width},"height":${figures.height},"sizeSlug":"full"} -->\n<figure class="wp-block-image size-full"><img src="${SITE}/media/${figures.key}"`);
    expect(content).toMatch(new RegExp(`<img [^>]*width="${figures.width}" height="${figures.height}"[^>]*><figcaption class="wp-element-caption">La légende</figcaption></figure>\\n<!-- /wp:image -->`));
  });

  it('gives back the private status of a post a WordPress import made a draft, and nothing a password hid', async () => {
    const other = await startTestSite(engine);
    try {
      const { kiosque } = other;
      await importWordpress({ db: kiosque.db, events: kiosque.events, dataDir: kiosque.config.dataDir }, projectPath('test', 'fixtures', 'wordpress', 'blog-fr.xml'));
      const again = path.join(folder.dir, 'from-wordpress.xml');
      await exportWxr({ db: kiosque.db, siteUrl: SITE, generator: 'Kiosque test' }, again);
      const statuses = new Map<string, string>();
      for await (const entry of readWxr(again)) if (entry.kind === 'item') statuses.set(entry.item.slug, entry.item.status);
      // WordPress item 13 was private, 18 published behind a password, 12 a draft: all three are drafts here.
      expect(statuses.get('notes-internes-audit-hebergement')).toBe('private');
      expect(statuses.get('bilan-annuel-abonnes')).toBe('draft');
      const private13 = await kiosque.db.kysely.selectFrom('posts').select('id').where('slug', '=', 'notes-internes-audit-hebergement').executeTakeFirstOrThrow();
      // Published in Kiosque since: it is what it is now.
      await kiosque.db.kysely.updateTable('posts').set({ status: 'published', published_at: '2024-05-24T10:00:00.000Z' }).where('id', '=', private13.id).execute();
      await exportWxr({ db: kiosque.db, siteUrl: SITE, generator: 'Kiosque test' }, again, { force: true });
      for await (const entry of readWxr(again)) if (entry.kind === 'item' && entry.item.slug === 'notes-internes-audit-hebergement') expect(entry.item.status).toBe('publish');
    } finally {
      await other.dispose();
    }
  });

  it('is read by Kiosque’s own WordPress importer into an empty site: the same posts, pages, terms and comments', async () => {
    const other = await startTestSite(engine);
    try {
      const { kiosque } = other;
      const report = await importWordpress({ db: kiosque.db, events: kiosque.events, dataDir: kiosque.config.dataDir }, file);
      expect(report.counts.post.imported).toBe(posts.filter((post) => post.type === 'post').length);
      expect(report.counts.page.imported).toBe(3);
      expect(report.counts.comment.imported).toBe(2);
      const imported = await kiosque.db.kysely.selectFrom('posts').select(['slug', 'type', 'status', 'title', 'is_featured', 'seo_title', 'noindex']).execute();
      const bySlug = new Map(imported.map((row) => [row.slug, row]));
      for (const post of posts) {
        expect(bySlug.get(post.slug), post.slug).toMatchObject({ type: post.type, status: post.status, is_featured: post.featured ? 1 : 0, seo_title: post.seo.title });
      }
      expect(bySlug.get('incendie-ovh-strasbourg')!.title).toBe('Incendie chez OVH : ce que l’on sait, ce que les clients peuvent faire');
      expect(bySlug.get(posts.find((post) => post.id === articleId)!.slug)).toMatchObject({ noindex: 1 });
      const categories = await kiosque.db.kysely.selectFrom('categories as child').innerJoin('categories as parent', 'parent.id', 'child.parent_id').select(['child.slug as child', 'parent.slug as parent']).execute();
      expect(categories).toContainEqual({ child: 'hebergement', parent: 'ecommerce' });
      // Videos, pull-quotes and figures come back as the Markdown they were written in; the
      // image keeps the site's address, since WordPress's files are not at hand.
      const figuresPost = await kiosque.db.kysely.selectFrom('posts').select('markdown').where('slug', '=', 'des-figures').executeTakeFirstOrThrow();
      expect(figuresPost.markdown).toBe(figuresMarkdown.replace('](/media/', `](${SITE}/media/`));
    } finally {
      await other.dispose();
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../test/support/database.ts';
import { KiosqueError } from '../../errors.ts';
import type { KiosqueEvent } from '../../events/events.ts';
import { filesUnder, makeFolder, png, SVG, UNSAFE_SVG, writeFiles } from './markdown.fixtures.ts';
import { createRenderPool, inlineRenderer } from '../../content/markdown/markdown.pool.ts';
import { formatImportReport, importMarkdownFolder, type MarkdownImportOptions } from './markdown.importer.ts';

describe.each(ENGINES)('importMarkdownFolder on %s', (engine) => {
  let test: TestDatabase;
  let events: KiosqueEvent[];
  const folders: string[] = [];

  beforeEach(async () => {
    test = await createTestDatabase(engine);
    events = [];
    test.events.on((event) => {
      events.push(event);
    });
  });

  afterEach(async () => {
    await test.dispose();
    for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
  });

  function folder(files: Record<string, string | Buffer>): string {
    const root = makeFolder(files);
    folders.push(root);
    return root;
  }

  function run(dir: string, options?: MarkdownImportOptions) {
    return importMarkdownFolder({ db: test.db, events: test.events, dataDir: test.config.dataDir }, dir, options);
  }

  function post(slug: string) {
    return test.db.kysely.selectFrom('posts').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
  }

  async function count(table: 'posts' | 'media' | 'categories' | 'tags'): Promise<number> {
    const row = await test.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Category names of a post, each as "Parent > Child". */
  async function categoriesOf(postId: number): Promise<string[]> {
    const rows = await test.db.kysely
      .selectFrom('post_categories')
      .innerJoin('categories as child', 'child.id', 'post_categories.category_id')
      .leftJoin('categories as parent', 'parent.id', 'child.parent_id')
      .select(['child.name as name', 'parent.name as parentName'])
      .where('post_categories.post_id', '=', postId)
      .orderBy('post_categories.position')
      .execute();
    return rows.map((row) => (row.parentName ? `${row.parentName} > ${row.name}` : row.name));
  }

  async function tagsOf(postId: number): Promise<string[]> {
    const rows = await test.db.kysely
      .selectFrom('post_tags')
      .innerJoin('tags', 'tags.id', 'post_tags.tag_id')
      .select('tags.name')
      .where('post_tags.post_id', '=', postId)
      .orderBy('post_tags.position')
      .execute();
    return rows.map((row) => row.name);
  }

  async function authorOf(postId: number): Promise<string | undefined> {
    const row = await test.db.kysely
      .selectFrom('posts')
      .innerJoin('authors', 'authors.id', 'posts.author_id')
      .select('authors.name')
      .where('posts.id', '=', postId)
      .executeTakeFirst();
    return row?.name;
  }

  const mediaFiles = () => filesUnder(path.join(test.config.dataDir, 'media'));

  it('imports a Hugo site whose posts use YAML, TOML and JSON front matter', async () => {
    const dir = folder({
      'content/posts/yaml-post.md': [
        '---',
        'title: "Bilan du e-commerce"',
        'date: 2024-03-15T08:30:00+01:00',
        'slug: bilan-ecommerce',
        'categories:',
        '  - Ecommerce > Marketplaces',
        '  - SEO',
        'tags: [Amazon, Bilan]',
        'summary: Le résumé écrit à la main.',
        'author: Marie Dupont',
        'lastmod: 2024-04-01',
        'unknown_key: ignored',
        '---',
        'Le **corps** de l’article.',
      ].join('\n'),
      'content/posts/toml-post.md': [
        '+++',
        'title = "Publié en TOML"',
        'date = 2024-02-01',
        'draft = false',
        'categories = ["SEO"]',
        'tags = "Google, Algorithmes"',
        'description = "Ce que Google a changé"',
        'authors = ["Jean Martin", "Autre"]',
        '[cover]',
        'image = "https://cdn.example.com/cover.jpg"',
        'alt = "Une couverture"',
        'caption = "Photo : agence"',
        '+++',
        'Texte TOML.',
      ].join('\n'),
      'content/posts/json-post/index.md': '{\n  "title": "Écrit en JSON",\n  "date": "2024-01-10",\n  "draft": true,\n  "tags": ["JSON"]\n}\nTexte JSON.\n',
    });

    const report = await run(dir);

    expect(report).toMatchObject({ dryRun: false, files: 3, created: 3, updated: 0, mediaCopied: 0, warnings: [], errors: [] });
    const yaml = await post('bilan-ecommerce');
    expect(yaml).toMatchObject({
      type: 'post',
      status: 'published',
      title: 'Bilan du e-commerce',
      published_at: '2024-03-15T07:30:00.000Z',
      // lastmod, at midnight in Paris: an import is not an edit made today.
      updated_at: '2024-03-31T22:00:00.000Z',
      custom_excerpt: 'Le résumé écrit à la main.',
      markdown: 'Le **corps** de l’article.',
    });
    expect(yaml.html).toContain('<strong>corps</strong>');
    expect(await categoriesOf(yaml.id)).toEqual(['Ecommerce > Marketplaces', 'SEO']);
    expect(await tagsOf(yaml.id)).toEqual(['Amazon', 'Bilan']);
    expect(await authorOf(yaml.id)).toBe('Marie Dupont');

    const toml = await post('toml-post');
    expect(toml).toMatchObject({
      status: 'published',
      // A date alone is midnight in Paris.
      published_at: '2024-01-31T23:00:00.000Z',
      custom_excerpt: 'Ce que Google a changé',
      seo_description: 'Ce que Google a changé',
      image_url: 'https://cdn.example.com/cover.jpg',
      image_alt: 'Une couverture',
      image_caption: 'Photo : agence',
    });
    expect(await tagsOf(toml.id)).toEqual(['Google', 'Algorithmes']);
    expect(await authorOf(toml.id)).toBe('Jean Martin');

    // A Hugo page bundle is named after its folder; a draft has no date until it is published.
    expect(await post('json-post')).toMatchObject({ title: 'Écrit en JSON', status: 'draft', published_at: null });
  });

  it('reads Jekyll dated file names and imports _drafts as drafts', async () => {
    const dir = folder({
      '_posts/2023-05-10-bonjour-le-monde.md': '---\ntitle: Bonjour le monde\n---\nPremier article.\n',
      '_posts/2023-06-01-nouvelles.md': '---\ntitle: Nouvelles\ndate: 2023-06-01 14:30:00 +0200\npermalink: /blog/2023/nouvelles-du-front/\ncategory: Actualités\n---\nTexte.\n',
      '_posts/2023-07-01-pas-publie.md': '---\ntitle: Pas publié\npublished: false\n---\nTexte.\n',
      '_drafts/une-idee.md': '---\ntitle: Une idée\n---\nÀ écrire.\n',
    });

    expect(await run(dir)).toMatchObject({ files: 4, created: 4, errors: [] });

    expect(await post('bonjour-le-monde')).toMatchObject({ status: 'published', published_at: '2023-05-09T22:00:00.000Z' });
    const news = await post('nouvelles-du-front');
    expect(news).toMatchObject({ status: 'published', published_at: '2023-06-01T12:30:00.000Z' });
    expect(await categoriesOf(news.id)).toEqual(['Actualités']);
    expect(await post('pas-publie')).toMatchObject({ status: 'draft', published_at: null });
    expect(await post('une-idee')).toMatchObject({ status: 'draft', published_at: null });
  });

  it('drops the collection tags of Eleventy and reads Astro dates and hero images', async () => {
    const dir = folder({
      'posts/eleventy.md': '---\ntitle: Eleventy\ndate: 2024-05-02\ntags: [post, posts, Marketing]\n---\nTexte.\n',
      'src/content/blog/astro.md': [
        '---',
        "title: 'Astro'",
        "description: 'Un article Astro'",
        "pubDate: 'Jul 08 2022'",
        'heroImage:',
        '  src: ./hero.png',
        '  alt: Une vue du salon',
        '---',
        'Texte.',
      ].join('\n'),
      'src/content/blog/hero.png': png(8, 6),
      'src/content/blog/astro-public.md': "---\ntitle: Public\npubDate: 2022-07-09\nheroImage: '/placeholder.png'\n---\nTexte.\n",
      'public/placeholder.png': png(2, 2, [0, 128, 0]),
    });

    const report = await run(dir);

    expect(report).toMatchObject({ created: 3, mediaCopied: 2, warnings: [], errors: [] });
    expect(await tagsOf((await post('eleventy')).id)).toEqual(['Marketing']);
    const astro = await post('astro');
    expect(astro).toMatchObject({
      published_at: '2022-07-07T22:00:00.000Z',
      custom_excerpt: 'Un article Astro',
      image_alt: 'Une vue du salon',
      image_width: 8,
      image_height: 6,
    });
    expect(astro.image_url).toMatch(/^\/media\/\d{4}\/\d{2}\/hero-[0-9a-f]{10}\.png$/);
    expect((await post('astro-public')).image_url).toMatch(/^\/media\/.*placeholder-[0-9a-f]{10}\.png$/);
  });

  it('recognises pages by their type, their layout or their folder, and reads the highlight flags', async () => {
    const dir = folder({
      'a-propos.md': '---\ntitle: À propos\nlayout: page\n---\nQui nous sommes.\n',
      'mentions.md': '---\ntitle: Mentions légales\ntype: page\n---\nÉditeur.\n',
      '_pages/contact.md': '---\ntitle: Contact\n---\nÉcrivez-nous.\n',
      'pages/equipe.md': '---\ntitle: Équipe\n---\nNous.\n',
      'posts/une.md': '---\ntitle: À la une\ndate: 2024-01-01\nfeatured: true\n---\nTexte.\n',
      'posts/epingle.md': '---\ntitle: Épinglé\ndate: 2024-01-02\nsticky: true\nhighlight: true\n---\nTexte.\n',
      'posts/futur.md': '---\ntitle: Plus tard\ndate: 2999-01-01\n---\nTexte.\n',
    });

    expect(await run(dir)).toMatchObject({ created: 7, errors: [] });

    for (const slug of ['a-propos', 'mentions', 'contact', 'equipe']) expect((await post(slug)).type, slug).toBe('page');
    expect(await post('une')).toMatchObject({ type: 'post', is_featured: 1, is_highlighted: 0 });
    expect(await post('epingle')).toMatchObject({ type: 'post', is_featured: 1, is_highlighted: 1 });
    expect(await post('futur')).toMatchObject({ status: 'scheduled', published_at: '2998-12-31T23:00:00.000Z' });
  });

  it('schedules a Hugo post at its publishDate and keeps an expired one unpublished, with a warning', async () => {
    const dir = folder({
      'content/posts/plus-tard.md': '---\ntitle: Plus tard\ndate: 2020-01-01\npublishDate: 2999-01-01\n---\nTexte.\n',
      'content/posts/expire.md': '---\ntitle: Expiré\ndate: 2020-01-01\nexpiryDate: 2021-01-01\n---\nTexte.\n',
    });

    const report = await run(dir);

    expect(report).toMatchObject({ created: 2, errors: [] });
    expect(await post('plus-tard')).toMatchObject({ status: 'scheduled', published_at: '2998-12-31T23:00:00.000Z' });
    expect(await post('expire')).toMatchObject({ status: 'draft', published_at: null });
    expect(formatImportReport(report, 'fr').split('\n').slice(0, 2)).toEqual([
      'Avertissements\u00a0: 1',
      'content/posts/expire.md:4: importé comme brouillon\u00a0: sa date d’expiration 2021-01-01 est passée, et Hugo ne publie pas une page expirée',
    ]);
  });

  it('copies local images once, points the Markdown at the library and records their size', async () => {
    const body = [
      '![Graphique](img/chart.png "Évolution")',
      '',
      '![Logo][logo]',
      '',
      '![Distant](https://example.com/remote.png)',
      '',
      '```md',
      '![exemple](img/chart.png)',
      '```',
      '',
      '[logo]: /logo.svg',
    ].join('\n');
    const dir = folder({
      'posts/avec-images.md': `---\ntitle: Avec images\nimage: img/cover.png\nimage_alt: La couverture\nimage_caption: Photo de l’auteur\n---\n${body}\n`,
      'posts/encore.md': '---\ntitle: Encore\n---\n![Le même](img/chart.png)\n',
      'posts/img/cover.png': png(8, 6),
      'posts/img/chart.png': png(4, 3, [10, 20, 30]),
      'static/logo.svg': SVG,
    });

    const report = await run(dir);

    expect(report).toMatchObject({ created: 2, mediaCopied: 3, warnings: [], errors: [] });
    expect(await count('media')).toBe(3);
    // The three images, and the drawing's PNG copy for social cards.
    expect(mediaFiles()).toHaveLength(4);
    expect(mediaFiles().filter((file) => /logo-1200w-[0-9a-f]{10}\.png$/.test(file))).toHaveLength(1);

    const withImages = await post('avec-images');
    const chartUrl = /!\[Graphique\]\((\/media\/[^ )]+chart-[0-9a-f]{10}\.png) "Évolution"\)/.exec(withImages.markdown)?.[1];
    expect(chartUrl).toBeDefined();
    expect(withImages.markdown).toMatch(/\n\[logo\]: \/media\/\S+logo-[0-9a-f]{10}\.svg$/);
    expect(withImages.markdown).toContain('![Distant](https://example.com/remote.png)');
    expect(withImages.markdown).toContain('```md\n![exemple](img/chart.png)\n```');
    expect(withImages).toMatchObject({ image_alt: 'La couverture', image_caption: 'Photo de l’auteur', image_width: 8, image_height: 6 });
    expect(withImages.image_url).toMatch(/cover-[0-9a-f]{10}\.png$/);
    const escapedUrl = chartUrl!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(withImages.html).toMatch(new RegExp(`<img src="${escapedUrl}"[^>]*width="4"[^>]*height="3"`));
    expect((await post('encore')).markdown).toBe(`![Le même](${chartUrl})`);
  });

  it('renders on threads exactly the posts it renders here, library images included', async () => {
    const files: Record<string, string | Buffer> = { 'posts/img/chart.png': png(4, 3, [10, 20, 30]) };
    for (let index = 1; index <= 12; index++) {
      files[`posts/article-${index}.md`] = [
        `---\ntitle: "Article ${index} : le marché !"\ncategories: [Ecommerce]\n---`,
        `## Chiffres ${index}`,
        '| Pays | Projets |\n|---|---:|\n| France | 1 259 |',
        index % 3 === 0 ? '![Graphique](img/chart.png "Évolution")' : ':::pullquote\nLa livraison, « nerf de la guerre ».\n:::',
        'Une note[^1].\n\n[^1]: Fevad, bilan 2024.',
      ].join('\n\n');
    }
    const dir = folder(files);
    const pool = createRenderPool({ threads: 2 });
    const inline = await createTestDatabase(engine);
    try {
      expect((await run(dir, { renderer: pool })).errors).toEqual([]);
      await importMarkdownFolder({ db: inline.db, events: inline.events, dataDir: inline.config.dataDir }, dir, { renderer: inlineRenderer() });
      expect(pool.rendered).toEqual({ threads: 12, inline: 0 });
      const bodies = (database: TestDatabase) =>
        database.db.kysely.selectFrom('posts').select(['slug', 'html', 'plain_text', 'excerpt', 'word_count', 'reading_minutes']).orderBy('slug').execute();
      const [threaded, here] = await Promise.all([bodies(test), bodies(inline)]);
      expect(threaded).toHaveLength(12);
      // The same library file has its own name in each data dir.
      const sameNames = (html: string) => html.replace(/chart-[0-9a-f]{10}/g, 'chart');
      expect(threaded.map((post) => ({ ...post, html: sameNames(post.html) }))).toEqual(here.map((post) => ({ ...post, html: sameNames(post.html) })));
      expect(threaded.filter((post) => /<img [^>]*width="4" height="3"/.test(post.html))).toHaveLength(4);
    } finally {
      await pool.close();
      await inline.dispose();
    }
  });

  it('warns about an image it cannot copy and keeps its reference as written', async () => {
    const dir = folder({
      'article.md': '---\ntitle: Article\nimage: cover-absente.jpg\n---\nIntro.\n\n![Absente](img/absente.png)\n\n![Dangereux](evil.svg)\n\n![Texte](notes.txt.png)\n',
      'evil.svg': UNSAFE_SVG,
      'notes.txt.png': 'not an image at all',
    });

    const report = await run(dir);

    expect(report.created).toBe(1);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map(({ file, line, reason }) => `${file}:${line}: ${reason}`)).toEqual([
      'article.md:3: image not found: cover-absente.jpg',
      'article.md:7: image not found: img/absente.png',
      'article.md:9: SVG refused: it contains scripts or outside references: evil.svg',
      'article.md:11: not an accepted image format (PNG, JPEG, GIF, WebP, AVIF or SVG): notes.txt.png',
    ]);
    const article = await post('article');
    expect(article.markdown).toBe('Intro.\n\n![Absente](img/absente.png)\n\n![Dangereux](evil.svg)\n\n![Texte](notes.txt.png)');
    expect(article.image_url).toBe('cover-absente.jpg');
    expect(await count('media')).toBe(0);
  });

  it('updates the posts of an earlier run by slug instead of duplicating them', async () => {
    const dir = folder({
      'un.md': '---\ntitle: Un\ncategories: [SEO]\ntags: [A]\n---\n![Image](image.png)\n',
      'deux.md': '---\ntitle: Deux\n---\nTexte.\n',
      'image.png': png(3, 3),
    });
    expect(await run(dir)).toMatchObject({ created: 2, updated: 0, mediaCopied: 1 });
    const first = await post('deux');

    writeFiles(dir, { 'un.md': '---\ntitle: Un, corrigé\ncategories: [SEO]\ntags: [A]\n---\n![Image](image.png)\n' });
    const again = await run(dir);

    expect(again).toMatchObject({ created: 0, updated: 2, mediaCopied: 0, errors: [] });
    expect(await count('posts')).toBe(2);
    expect(await count('media')).toBe(1);
    expect(await count('categories')).toBe(1);
    expect(await count('tags')).toBe(1);
    expect(mediaFiles()).toHaveLength(1);
    expect((await post('un')).title).toBe('Un, corrigé');
    // A file without a date keeps the date the first run gave its post.
    expect((await post('deux')).published_at).toBe(first.published_at);
  });

  it('moves a file whose slug is an address of the site to a free one, says so, and finds it there on the next run', async () => {
    const dir = folder({
      'admin.md': '---\ntitle: Administrer un site\n---\nTexte.\n',
      'content/search.md': '---\ntitle: Rechercher\nlayout: search\n---\n',
      'feed.md': '---\ntitle: Flux\n---\n',
      'feed-2.md': '---\ntitle: Un autre flux\n---\n',
    });

    const first = await run(dir);

    expect(first).toMatchObject({ created: 4, errors: [] });
    expect(first.warnings.map(({ file, line, reason }) => `${file}:${line}: ${reason}`)).toEqual([
      'admin.md:1: the address /admin/ belongs to the site: this file gets the slug "admin-2" instead',
      'content/search.md:1: the address /search/ belongs to the site: this file gets the slug "search-2" instead',
      'feed.md:1: the address /feed/ belongs to the site: this file gets the slug "feed-3" instead',
    ]);
    expect(formatImportReport(first, 'fr')).toContain('admin.md:1: l’adresse /admin/ appartient au site\u00a0: ce fichier prend l’adresse «\u00a0admin-2\u00a0» à la place\n');
    expect((await post('admin-2')).title).toBe('Administrer un site');
    expect((await post('feed-2')).title).toBe('Un autre flux');
    expect((await post('feed-3')).title).toBe('Flux');

    writeFiles(dir, { 'admin.md': '---\ntitle: Administrer un site, corrigé\n---\nTexte.\n' });
    expect(await run(dir, { dryRun: true })).toMatchObject({ created: 0, updated: 4 });
    expect(await run(dir)).toMatchObject({ created: 0, updated: 4, errors: [] });
    expect(await count('posts')).toBe(4);
    expect((await post('admin-2')).title).toBe('Administrer un site, corrigé');
  });

  it('reports broken YAML at its line and writes nothing, even after valid files with images', async () => {
    const dir = folder({
      'a-valide.md': '---\ntitle: Valide\n---\n![Image](image.png)\n',
      'b-valide.md': '---\ntitle: Valide aussi\n---\nTexte.\n',
      'c-casse.md': '---\ndate: 2024-01-01\ntitle: Bilan 2024: le e-commerce progresse\n---\nTexte.\n',
      'image.png': png(3, 3),
    });

    const report = await run(dir);

    expect(report).toMatchObject({ files: 3, created: 0, updated: 0, mediaCopied: 0 });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ file: 'c-casse.md', line: 3, code: 'front_matter_invalid' });
    expect(report.errors[0]!.reason).toMatch(/^invalid YAML front matter: /);
    expect(await count('posts')).toBe(0);
    expect(await count('media')).toBe(0);
    expect(mediaFiles()).toEqual([]);
    expect(events).toEqual([]);
  });

  it('reports a missing title, a bad date, a category that is not text, a script for an image and a duplicate slug, all at once', async () => {
    const dir = folder({
      'a-date.md': '---\ntitle: Date\nauthor: Moi\ndate: 2024-02-30\n---\n',
      'b-sans-titre.md': '---\ndate: 2024-01-01\n---\nPas de titre.\n',
      'c-titre-vide.md': '---\ntitle: ""\n---\n',
      'd-categorie.md': '---\ntitle: Catégorie\ncategories:\n  - SEO\n  - 2024\n---\n',
      'e-premier.md': '---\ntitle: Premier\nslug: meme-adresse\n---\n',
      'f-second.md': '---\ntitle: Second\ndate: 2024-01-01\nslug: Même adresse\n---\n',
      'g-valide.md': '---\ntitle: Valide\n---\n',
      'h-image.md': '---\ntitle: Image\nimage: "javascript:alert(1)"\n---\n',
    });

    const report = await run(dir);

    expect(report.errors.map(({ file, line, reason }) => `${file}:${line}: ${reason}`)).toEqual([
      'a-date.md:4: unreadable date "2024-02-30" (expected 2024-03-15, 2024-03-15T08:30:00+01:00 or 2024-03-15 08:30:00 +0100)',
      'b-sans-titre.md:1: missing title (field "title")',
      'c-titre-vide.md:2: missing title (field "title")',
      'd-categorie.md:3: the field "categories" must be text',
      'f-second.md:4: the slug "meme-adresse" is already used by e-premier.md',
      'h-image.md:3: the field "image" must name an image file or an http(s) address: "javascript:alert(1)"',
    ]);
    expect(await count('posts')).toBe(0);
    expect(events).toEqual([]);
  });

  it('leaves out a file without front matter with a warning, and imports the others', async () => {
    const dir = folder({
      'README.md': '# Mon blog\n\nConstruit avec Jekyll.\n',
      'docs/Changelog.markdown': 'Version 2.\n',
      'vide.md': '',
      'article.md': '---\ntitle: Article\n---\nTexte.\n',
      'sans-titre.md': '---\n---\nUn en-tête vide.\n',
      'authors/marie/_index.md': 'Marie écrit sur le commerce.\n',
    });

    const report = await run(dir);

    expect(report.warnings.map(({ file, line, reason }) => `${file}:${line}: ${reason}`)).toEqual([
      'README.md:1: no front matter, so not a post: left out (a "title" between two "---" lines would import it)',
      'docs/Changelog.markdown:1: no front matter, so not a post: left out (a "title" between two "---" lines would import it)',
      'vide.md:1: no front matter, so not a post: left out (a "title" between two "---" lines would import it)',
    ]);
    // Front matter without a title is still a mistake in a post.
    expect(report.errors.map(({ file, code }) => `${file}: ${code}`)).toEqual(['sans-titre.md: title_missing']);

    fs.rmSync(path.join(dir, 'sans-titre.md'));
    expect(await run(dir)).toMatchObject({ files: 5, created: 1, errors: [] });
    expect(await count('posts')).toBe(1);
    const author = await test.db.kysely.selectFrom('authors').select('bio').where('slug', '=', 'marie').executeTakeFirstOrThrow();
    expect(author.bio).toBe('Marie écrit sur le commerce.');
  });

  it('leaves out Hugo section pages with a warning, and still reads the category and author files', async () => {
    const dir = folder({
      'content/_index.md': '---\ntitle: Accueil\n---\nBienvenue.\n',
      'content/posts/_index.md': '---\ntitle: Articles\n---\n',
      'content/categories/_index.markdown': '---\ntitle: Catégories\n---\n',
      'content/categories/seo/_index.md': '---\ntitle: SEO\ndescription: Se faire trouver.\n---\n',
      'content/authors/marie/_index.md': '---\ntitle: Marie Dupont\nbio: Écrit sur le commerce.\n---\n',
      'content/posts/article.md': '---\ntitle: Article\ncategories: [SEO]\nauthor: Marie Dupont\n---\nTexte.\n',
    });

    const report = await run(dir);

    expect(report.warnings.map(({ file, line, reason }) => `${file}:${line}: ${reason}`)).toEqual([
      'content/_index.md:1: a Hugo section page (the list of its folder’s posts), not a post: left out',
      'content/categories/_index.markdown:1: a Hugo section page (the list of its folder’s posts), not a post: left out',
      'content/posts/_index.md:1: a Hugo section page (the list of its folder’s posts), not a post: left out',
    ]);
    expect(formatImportReport(report, 'fr')).toContain('content/_index.md:1: page de section Hugo (la liste des articles de son dossier), pas un article\u00a0: laissée de côté\n');
    expect(report).toMatchObject({ created: 1, errors: [] });
    expect(await count('posts')).toBe(1);
    const article = await post('article');
    expect(await categoriesOf(article.id)).toEqual(['SEO']);
    expect(await authorOf(article.id)).toBe('Marie Dupont');
    const seo = await test.db.kysely.selectFrom('categories').select('description').where('slug', '=', 'seo').executeTakeFirstOrThrow();
    expect(seo.description).toBe('Se faire trouver.');
  });

  it('refuses a file that is not UTF-8 at the line of its first foreign byte, and writes nothing', async () => {
    const dir = folder({
      'latin.md': Buffer.from('---\ntitle: Recette\n---\nLigne un.\nUn café crème.\n', 'latin1'),
      'utf8.md': '\uFEFF---\ntitle: Café\n---\nUn café crème.\n',
    });

    const report = await run(dir);

    expect(report.errors.map(({ file, line, reason }) => `${file}:${line}: ${reason}`)).toEqual(['latin.md:5: the file is not UTF-8 text']);
    expect(formatImportReport(report, 'fr')).toContain('latin.md:5: le fichier n’est pas du texte UTF-8\n');
    expect(await count('posts')).toBe(0);

    fs.rmSync(path.join(dir, 'latin.md'));
    expect(await run(dir)).toMatchObject({ created: 1, errors: [] });
    expect(await post('utf8')).toMatchObject({ title: 'Café', markdown: 'Un café crème.' });
  });

  it('names the MDX files it leaves out in the report', async () => {
    const dir = folder({
      'src/content/blog/composants.mdx': "---\ntitle: Composants\n---\nimport Chart from '../../components/Chart.astro';\n\n<Chart />\n",
      'src/content/blog/simple.MDX': '---\ntitle: Simple\n---\nTexte.\n',
      'src/content/blog/article.md': '---\ntitle: Article\n---\nTexte.\n',
    });

    const report = await run(dir);

    expect(report.warnings.map(({ file, line, reason }) => `${file}:${line}: ${reason}`)).toEqual([
      'src/content/blog/composants.mdx:1: MDX (Markdown with components) is not imported: left out (renamed .md, a file without components or imports would be)',
      'src/content/blog/simple.MDX:1: MDX (Markdown with components) is not imported: left out (renamed .md, a file without components or imports would be)',
    ]);
    expect(formatImportReport(report, 'fr')).toContain(
      'src/content/blog/simple.MDX:1: le MDX (du Markdown avec des composants) n’est pas importé\u00a0: fichier laissé de côté (renommé en .md, un fichier sans composants ni imports le serait)\n',
    );
    expect(report).toMatchObject({ files: 1, created: 1, errors: [] });
    expect(await count('posts')).toBe(1);
  });

  it('counts in a dry run what a real run would do, and writes nothing', async () => {
    const dir = folder({ 'ancien.md': '---\ntitle: Ancien\n---\nTexte.\n' });
    await run(dir);
    events.length = 0;
    writeFiles(dir, {
      'nouveau.md': '---\ntitle: Nouveau\nimage: a.png\n---\n![B](b.png) ![A encore](a.png) ![Absente](c.png)\n',
      'a.png': png(2, 2),
      'b.png': png(2, 2, [1, 2, 3]),
    });
    const before = await post('ancien');

    const report = await run(dir, { dryRun: true });

    expect(report).toMatchObject({ dryRun: true, files: 2, created: 1, updated: 1, mediaCopied: 2, errors: [] });
    expect(report.warnings.map((warning) => warning.reason)).toEqual(['image not found: c.png']);
    expect(await count('posts')).toBe(1);
    expect(await post('ancien')).toEqual(before);
    expect(await count('media')).toBe(0);
    expect(mediaFiles()).toEqual([]);
    expect(events).toEqual([]);
  });

  it('refuses a folder that does not exist or is not a folder', async () => {
    const missing = path.join(folder({}), 'absent');
    await expect(run(missing)).rejects.toSatisfy((error) => error instanceof KiosqueError && error.code === 'import_source_missing' && error.params.path === missing);
    const file = path.join(folder({ 'fichier.md': '---\ntitle: x\n---\n' }), 'fichier.md');
    await expect(run(file)).rejects.toBeInstanceOf(KiosqueError);
  });

  it('skips hidden folders and node_modules, and tells its progress file by file', async () => {
    const dir = folder({
      'b.md': '---\ntitle: B\n---\n',
      'a.markdown': '---\ntitle: A\n---\n',
      'notes.txt': 'pas du Markdown',
      '.git/README.md': 'no front matter',
      'node_modules/pkg/README.md': 'no front matter',
    });
    const progress: [number, number, string][] = [];

    const report = await run(dir, { onProgress: (done, total, file) => progress.push([done, total, file]) });

    expect(report).toMatchObject({ files: 2, created: 2, errors: [] });
    expect(progress).toEqual([
      [1, 2, 'a.markdown'],
      [2, 2, 'b.md'],
    ]);
  });

  it('imports a Hugo site from its root, leaving out its archetypes, themes, layouts and built files', async () => {
    const dir = folder({
      'hugo.toml': 'baseURL = "https://example.com/"\n',
      'archetypes/default.md': '---\ntitle: "{{ replace .File.ContentBaseName "-" " " | title }}"\ndate: {{ .Date }}\ndraft: true\n---\n',
      'themes/PaperMod/README.md': '# PaperMod\n',
      'themes/PaperMod/exampleSite/content/posts/exemple.md': '---\ntitle: Exemple du thème\n---\n',
      'layouts/partials/notes.md': 'Notes de gabarit.\n',
      'resources/_gen/notes.md': 'Généré.\n',
      'public/posts/copie.md': 'Copie construite.\n',
      'static/lisez-moi.md': 'Servi tel quel.\n',
      'content/posts/article.md': '---\ntitle: Article\n---\n![Photo](/images/photo.png)\n',
      'content/resources/guide.md': '---\ntitle: Guide\n---\n',
      'static/images/photo.png': png(2, 2),
    });

    const report = await run(dir);

    expect(report).toMatchObject({ files: 2, created: 2, mediaCopied: 1, warnings: [], errors: [] });
    expect((await post('guide')).title).toBe('Guide');

    // Its content folder alone finds the images the site serves from static/.
    const content = await run(path.join(dir, 'content'));
    expect(content).toMatchObject({ files: 2, updated: 2, warnings: [], errors: [] });
    expect((await post('article')).markdown).toMatch(/^!\[Photo\]\(\/media\/.+\.png\)$/);
  });

  it('announces the change once after the transaction commits', async () => {
    const dir = folder({ 'un.md': '---\ntitle: Un\n---\n', 'deux.md': '---\ntitle: Deux\n---\n' });
    await run(dir);
    expect(events).toEqual([{ type: 'content.changed', reason: 'import' }]);
  });

  it('writes a report in French and in English, problems as file:line: reason', async () => {
    const dir = folder({
      'ok.md': '---\ntitle: Bon\n---\n![Absente](absente.png)\n',
      'ko.md': '---\ntitle: Mauvais\ndate: demain\n---\n',
    });
    const failed = await run(dir);
    expect(formatImportReport(failed, 'fr')).toBe(
      [
        'Avertissements\u00a0: 1',
        'ok.md:4: image introuvable\u00a0: absente.png',
        'Erreurs\u00a0: 1',
        'ko.md:3: date illisible «\u00a0demain\u00a0» (attendu\u00a0: 2024-03-15, 2024-03-15T08:30:00+01:00 ou 2024-03-15 08:30:00 +0100)',
        '',
      ].join('\n'),
    );

    fs.rmSync(path.join(dir, 'ko.md'));
    const done = await run(dir);
    expect(formatImportReport(done, 'en')).toBe('Warnings: 1\nok.md:4: image not found: absente.png\nFiles read: 1; created: 1; updated: 0; images copied: 0.\n');
    expect(formatImportReport({ ...done, dryRun: true, warnings: [] }, 'fr')).toBe(
      'Simulation, rien n’a été écrit. Fichiers lus\u00a0: 1\u202f; à créer\u00a0: 1\u202f; à mettre à jour\u00a0: 0\u202f; images à copier\u00a0: 0.\n',
    );
  });
});

import { Buffer } from 'node:buffer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePost, type PostInput } from '../../src/content/content.service.ts';
import { insertMedia } from '../../src/media/media.queries.ts';
import { saveSettings } from '../../src/settings/settings.ts';
import { ENGINES } from '../support/database.ts';
import { lastmodsOfIndex, locsOf, startSitemapSite, urlsOf, xmllintErrors, type SitemapSite } from './sitemap-support.ts';

const SITE = 'https://blog.example.fr';

describe.each(ENGINES)('sitemaps on %s', (engine) => {
  let site: SitemapSite;
  const ids: Record<string, number> = {};

  /** A post dated `at`, last changed then too unless said otherwise. */
  const post = async (slug: string, at: string | null, overrides: Partial<PostInput> = {}) => {
    const saved = await site.makePost({ slug, title: `Titre de ${slug}`, publishedAt: at, updatedAt: at ?? undefined, ...overrides });
    ids[slug] = saved.id;
    return saved;
  };

  /** Every child file the index names, fetched. */
  const children = async () => {
    const index = await site.get('/sitemap.xml');
    expect(index.statusCode).toBe(200);
    const files = locsOf(index.body).filter((loc) => !loc.endsWith('/sitemap-news.xml'));
    return Promise.all(files.map(async (loc) => ({ loc, response: await site.get(loc.slice(SITE.length)) })));
  };

  const allUrls = async () => (await children()).flatMap(({ response }) => locsOf(response.body));

  beforeAll(async () => {
    site = await startSitemapSite(engine, { maxUrls: 3, maxBytes: 52_428_800 });
    const { kiosque } = site;
    await saveSettings(kiosque.db, kiosque.events, { title: 'Le Kiosque & ses « tests »', siteUrl: SITE });
    await insertMedia(kiosque.db.kysely, {
      storage_key: '2021/03/salle-abc.jpg',
      original_name: 'salle.jpg',
      mime_type: 'image/jpeg',
      bytes: 1000,
      width: 1600,
      height: 900,
      sha256: 'abc',
      alt: 'La salle',
      created_at: '2021-03-01T00:00:00.000Z',
    });
    await post('incendie', '2021-03-10T08:00:00.000Z', {
      updatedAt: '2021-04-01T10:00:00.000Z',
      categories: ['Ecommerce', 'Marketing > SEO'],
      tags: ['Hébergement', 'Sauvegarde'],
      image: { url: 'https://images.example.net/incendie.jpg', alt: 'Le feu' },
      markdown: 'Le feu a pris.\n\n![La salle](/media/2021/03/salle-abc.jpg)\n\n![Absente](/media/2021/03/absente.jpg)\n\n![Ailleurs](https://cdn.example.org/x.jpg)',
    });
    await post('pharmacies', '2021-03-17T08:00:00.000Z', {
      categories: ['Ecommerce', 'Marketing > SEA'],
      tags: ['Hébergement'],
      image: { url: '/media/2021/03/salle-abc.jpg', alt: 'La salle' },
    });
    await post('fevad', '2021-02-05T08:00:00.000Z', { author: 'Marc Olivier', categories: ['Presse', 'Presse > Radio'] });
    await post('ancien', '2021-01-02T08:00:00.000Z');
    await post('archives-2020', '2020-06-02T08:00:00.000Z', { categories: ['Web'] });
    await post('recent-1', '2025-12-31T12:00:00.000Z');
    await post('recent-2', '2025-12-30T06:00:00.000Z');
    await post('old-news', '2025-12-29T23:00:00.000Z');
    await post('brouillon', null, { status: 'draft', categories: ['Brouillons'], tags: ['Secret', 'Secret 2'] });
    await post('plus-tard', '2026-01-02T08:00:00.000Z', { status: 'scheduled' });
    const removed = await post('supprime', '2021-05-01T08:00:00.000Z');
    await deletePost(kiosque, removed.id);
    await post('mentions-legales', '2020-01-01T00:00:00.000Z', { type: 'page', categories: [] });
    await post('hors-index', '2021-06-01T08:00:00.000Z', { noindex: true });
    await post('repris-ailleurs', '2025-12-31T08:00:00.000Z', { canonicalUrl: 'https://www.partenaire.example/emplois/' });
    await post('meme-adresse', '2021-06-02T08:00:00.000Z', { canonicalUrl: '/meme-adresse/' });
    await post('page-brouillon', null, { type: 'page', status: 'draft', categories: [] });
  });

  afterAll(() => site.dispose());

  const PUBLIC_URLS = [
    `${SITE}/`,
    `${SITE}/mentions-legales/`,
    ...['incendie', 'pharmacies', 'fevad', 'ancien', 'archives-2020', 'recent-1', 'recent-2', 'old-news', 'meme-adresse'].map((slug) => `${SITE}/${slug}/`),
    // Archives of two public posts or more: a thinner one says noindex in its head.
    `${SITE}/categorie/ecommerce/`,
    `${SITE}/categorie/marketing/`,
    `${SITE}/tag/hebergement/`,
    `${SITE}/auteur/claire-delmas/`,
  ];

  it('names every child file and the news sitemap in an index that validates, as XML served like pages', async () => {
    const index = await site.get('/sitemap.xml');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(index.headers['cache-control']).toContain('public');
    expect(xmllintErrors(index.body, 'index')).toBe('');
    expect(locsOf(index.body)).toEqual([
      `${SITE}/sitemap-posts-1.xml`,
      `${SITE}/sitemap-posts-2.xml`,
      `${SITE}/sitemap-posts-3.xml`,
      `${SITE}/sitemap-pages-1.xml`,
      `${SITE}/sitemap-categories-1.xml`,
      `${SITE}/sitemap-tags-1.xml`,
      `${SITE}/sitemap-authors-1.xml`,
      `${SITE}/sitemap-news.xml`,
    ]);

    const again = await site.get('/sitemap.xml', { 'if-none-match': String(index.headers.etag) });
    expect(again.statusCode).toBe(304);
    for (const moved of ['/wp-sitemap.xml', '/sitemap_index.xml']) {
      const answer = await site.get(moved);
      expect([answer.statusCode, answer.headers.location], moved).toEqual([301, '/sitemap.xml']);
    }
    const compressed = await site.get('/sitemap-posts-1.xml', { 'accept-encoding': 'br, gzip' });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.headers['content-type']).toBe('application/xml; charset=utf-8');
  });

  it('lists every public address exactly once, in child files that validate with their images', async () => {
    for (const { loc, response } of await children()) {
      expect(response.statusCode, loc).toBe(200);
      expect(xmllintErrors(response.body, 'urlset'), loc).toBe('');
      expect(locsOf(response.body).length, loc).toBeLessThanOrEqual(3);
    }
    const urls = await allUrls();
    expect(urls.length).toBe(new Set(urls).size);
    expect([...urls].sort()).toEqual([...PUBLIC_URLS].sort());
  });

  it('leaves out drafts, scheduled posts, deleted posts, noindex posts and those canonical elsewhere, thin archives and archives of drafts only', async () => {
    const urls = (await allUrls()).join('\n');
    for (const absent of ['brouillon', 'plus-tard', 'supprime', 'page-brouillon', 'hors-index', 'repris-ailleurs', 'categorie/web/', 'categorie/presse/', 'categorie/radio/', 'categorie/seo/', 'tag/sauvegarde/', 'tag/secret/', 'auteur/marc-olivier/', 'categorie/brouillons/']) {
      expect(urls).not.toContain(absent);
    }
  });

  it('dates each address by its last change, and each file by its newest address', async () => {
    const byLoc = new Map<string, { lastmod: string | undefined; images: string[] }>();
    for (const { response } of await children()) for (const url of urlsOf(response.body)) byLoc.set(url.loc, url);
    // W3C datetimes in UTC to the second; an update later than the publication wins.
    expect(byLoc.get(`${SITE}/incendie/`)?.lastmod).toBe('2021-04-01T10:00:00Z');
    expect(byLoc.get(`${SITE}/ancien/`)?.lastmod).toBe('2021-01-02T08:00:00Z');
    expect(byLoc.get(`${SITE}/mentions-legales/`)?.lastmod).toBe('2020-01-01T00:00:00Z');
    expect(byLoc.get(`${SITE}/`)?.lastmod).toBe('2025-12-31T12:00:00Z');
    expect(byLoc.get(`${SITE}/categorie/marketing/`)?.lastmod).toBe('2021-04-01T10:00:00Z');
    expect(byLoc.get(`${SITE}/categorie/ecommerce/`)?.lastmod).toBe('2025-12-31T12:00:00Z');
    expect(byLoc.get(`${SITE}/tag/hebergement/`)?.lastmod).toBe('2021-04-01T10:00:00Z');

    const index = lastmodsOfIndex((await site.get('/sitemap.xml')).body);
    // Posts walk from the oldest: the last file holds the newest and changes as the blog grows.
    expect(index.get(`${SITE}/sitemap-posts-1.xml`)).toBe('2021-02-05T08:00:00Z');
    expect(index.get(`${SITE}/sitemap-posts-3.xml`)).toBe('2025-12-31T12:00:00Z');
    expect(index.get(`${SITE}/sitemap-news.xml`)).toBe('2025-12-31T12:00:00Z');
  });

  it('offers the featured image and the body’s library images, absolute, and no image it does not hold', async () => {
    const byLoc = new Map<string, string[]>();
    for (const { response } of await children()) for (const url of urlsOf(response.body)) byLoc.set(url.loc, url.images);
    expect(byLoc.get(`${SITE}/incendie/`)).toEqual(['https://images.example.net/incendie.jpg', `${SITE}/media/2021/03/salle-abc.jpg`]);
    expect(byLoc.get(`${SITE}/pharmacies/`)).toEqual([`${SITE}/media/2021/03/salle-abc.jpg`]);
    expect(byLoc.get(`${SITE}/ancien/`)).toEqual([]);
  });

  it('follows a body’s images when the post is edited', async () => {
    const imagesOf = async (loc: string) => {
      for (const { response } of await children()) for (const url of urlsOf(response.body)) if (url.loc === loc) return url.images;
      return undefined;
    };
    const edit = (markdown: string, image: PostInput['image']) =>
      site.makePost({ slug: 'ancien', title: 'Titre de ancien', markdown, image, publishedAt: '2021-01-02T08:00:00.000Z', updatedAt: '2021-01-02T08:00:00.000Z' }, ids.ancien);
    await edit('Avec une image.\n\n![La salle](/media/2021/03/salle-abc.jpg)', null);
    expect(await imagesOf(`${SITE}/ancien/`)).toEqual([`${SITE}/media/2021/03/salle-abc.jpg`]);
    await edit('Sans image.', null);
    expect(await imagesOf(`${SITE}/ancien/`)).toEqual([]);
  });

  it('splits files at the byte limit too, every address still listed once', async () => {
    site.limits.maxUrls = 50_000;
    site.limits.maxBytes = 600;
    try {
      await saveSettings(site.kiosque.db, site.kiosque.events, { title: 'Le Kiosque & ses « tests »' });
      const files = await children();
      expect(files.filter(({ loc }) => loc.includes('/sitemap-posts-')).length).toBeGreaterThan(3);
      for (const { loc, response } of files) {
        expect(Buffer.byteLength(response.body), loc).toBeLessThanOrEqual(600);
        expect(xmllintErrors(response.body, 'urlset'), loc).toBe('');
      }
      const urls = await allUrls();
      expect([...urls].sort()).toEqual([...PUBLIC_URLS].sort());
    } finally {
      site.limits.maxUrls = 3;
      site.limits.maxBytes = 52_428_800;
      await saveSettings(site.kiosque.db, site.kiosque.events, { title: 'Le Kiosque & ses « tests »' });
    }
  });

  it('lists the articles of the last 48 hours in the news sitemap, newest first, with their publication', async () => {
    const news = await site.get('/sitemap-news.xml');
    expect(news.statusCode).toBe(200);
    expect(news.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(xmllintErrors(news.body, 'urlset')).toBe('');
    expect(urlsOf(news.body)).toEqual([
      { loc: `${SITE}/recent-1/`, lastmod: undefined, images: [], news: { name: 'Le Kiosque & ses « tests »', language: 'fr', date: '2025-12-31T12:00:00Z', title: 'Titre de recent-1' } },
      { loc: `${SITE}/recent-2/`, lastmod: undefined, images: [], news: { name: 'Le Kiosque & ses « tests »', language: 'fr', date: '2025-12-30T06:00:00Z', title: 'Titre de recent-2' } },
    ]);
  });

  it('shows a publication or an unpublication at once, and keeps serving its copy until then', async () => {
    // Changed behind the site's back, without an event: the cached files stay as they were.
    expect(await allUrls()).toContain(`${SITE}/ancien/`);
    await site.kiosque.db.kysely.updateTable('posts').set({ slug: 'ancien-renomme' }).where('id', '=', ids.ancien!).execute();
    expect(await allUrls()).toContain(`${SITE}/ancien/`);
    await site.kiosque.db.kysely.updateTable('posts').set({ slug: 'ancien' }).where('id', '=', ids.ancien!).execute();

    await site.makePost({ slug: 'ancien', title: 'Titre de ancien', status: 'draft', publishedAt: '2021-01-02T08:00:00.000Z' }, ids.ancien);
    expect(await allUrls()).not.toContain(`${SITE}/ancien/`);
    await site.makePost({ slug: 'ancien', title: 'Titre de ancien', status: 'published', publishedAt: '2021-01-02T08:00:00.000Z', updatedAt: '2021-01-02T08:00:00.000Z' }, ids.ancien);
    expect(await allUrls()).toContain(`${SITE}/ancien/`);

    const fresh = await post('tout-frais', '2025-12-31T23:00:00.000Z');
    expect(await allUrls()).toContain(`${SITE}/tout-frais/`);
    expect(locsOf((await site.get('/sitemap-news.xml')).body)[0]).toBe(`${SITE}/tout-frais/`);
    await deletePost(site.kiosque, fresh.id);
    expect(await allUrls()).not.toContain(`${SITE}/tout-frais/`);
  });

  it('answers 404 for a file the plan does not have', async () => {
    for (const url of ['/sitemap-posts-0.xml', '/sitemap-posts-9.xml', '/sitemap-posts-x.xml', '/sitemap-tags-2.xml', '/sitemap-videos-1.xml']) {
      expect((await site.get(url)).statusCode, url).toBe(404);
    }
  });

  it('still answers while the site is hidden from search engines (robots.txt keeps crawlers out)', async () => {
    await saveSettings(site.kiosque.db, site.kiosque.events, { hideFromSearchEngines: true });
    try {
      expect((await site.get('/sitemap.xml')).statusCode).toBe(200);
      expect((await site.get('/sitemap-posts-1.xml')).statusCode).toBe(200);
    } finally {
      await saveSettings(site.kiosque.db, site.kiosque.events, { hideFromSearchEngines: false });
    }
  });

  it('adds a scheduled post when its time comes, and lets older news go, with no event', async () => {
    expect(await allUrls()).not.toContain(`${SITE}/plus-tard/`);
    site.clock.now = '2026-01-02T09:00:00.000Z';
    const urls = await allUrls();
    expect(urls).toContain(`${SITE}/plus-tard/`);
    expect(urls.length).toBe(new Set(urls).size);
    expect(locsOf((await site.get('/sitemap-news.xml')).body)).toEqual([`${SITE}/plus-tard/`, `${SITE}/recent-1/`]);

    // Nothing left in the window: the home page alone, without news metadata, keeps the file valid.
    site.clock.now = '2026-02-01T00:00:00.000Z';
    const empty = await site.get('/sitemap-news.xml');
    expect(urlsOf(empty.body)).toEqual([{ loc: `${SITE}/`, lastmod: undefined, images: [], news: undefined }]);
    expect(xmllintErrors(empty.body, 'urlset')).toBe('');
  });
});

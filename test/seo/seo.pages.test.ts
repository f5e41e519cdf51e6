import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePost } from '../../src/content/content.service.ts';
import { mediaVariants } from '../../src/media/media.service.ts';
import { addUploadedMedia } from '../../src/media/media.upload.ts';
import { saveSettings } from '../../src/settings/settings.ts';
import { ENGINES } from '../support/database.ts';
import { jsonLdNodes, metaOf, nodeOfType, parseHead, pathOf, type ParsedHead } from '../support/html-head.ts';
import { photoJpeg } from '../media/media.fixtures.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

/**
 * Properties Google's structured-data documentation (Search Central, "Article", "Breadcrumb",
 * "Sitelinks search box") lists for each type, checked on the pages as served. Article has no
 * required property: Google lists these as recommended, and Kiosque gives them all, plus the
 * publisher with its logo that Google News and the schema.org vocabulary expect.
 */
const ARTICLE_RECOMMENDED = ['headline', 'image', 'datePublished', 'dateModified', 'author', 'author.0.name', 'author.0.url'];
const ARTICLE_KIOSQUE = ['publisher.name', 'publisher.logo.url', 'publisher.logo.width', 'publisher.logo.height', 'mainEntityOfPage.@id', 'description', 'articleSection', 'keywords', 'inLanguage', 'wordCount'];
/** BreadcrumbList: itemListElement required; each ListItem: position, name, and item (required but for the last). */
const BREADCRUMB_ITEM_REQUIRED = ['position', 'name', 'item'];
/** WebSite with a search box: url, potentialAction (SearchAction), its target and query-input. */
const WEBSITE_REQUIRED = ['url', 'potentialAction.@type', 'potentialAction.target.urlTemplate', 'potentialAction.query-input'];
/** Organization (logo): url and logo; name for the knowledge panel. */
const ORGANIZATION_REQUIRED = ['name', 'url', 'logo.url'];

const SITE_URL = 'https://www.blog-exemple.fr';
/** ISO 8601 with a numeric offset, as Google asks for article dates. */
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/;

function expectProperties(node: Record<string, unknown> | undefined, paths: string[], what: string): void {
  expect(node, what).toBeDefined();
  for (const path of paths) expect(pathOf(node, path), `${what}: ${path}`).toBeDefined();
}

/** What every indexable page must carry: title, description, absolute canonical, Open Graph, X card, feeds. */
function expectCompleteHead(head: ParsedHead, canonical: string): void {
  expect(head.title).toBeTruthy();
  expect(metaOf(head, 'description')).toBeTruthy();
  expect(head.links.filter((link) => link.rel === 'canonical').map((link) => link.href)).toEqual([canonical]);
  for (const property of ['og:type', 'og:title', 'og:description', 'og:site_name', 'og:image', 'og:image:width', 'og:image:height', 'twitter:card', 'twitter:title', 'twitter:description', 'twitter:image']) {
    expect(metaOf(head, property), property).toBeTruthy();
  }
  expect(metaOf(head, 'og:url')).toBe(canonical);
  expect(metaOf(head, 'og:locale')).toBe('fr_FR');
  expect(metaOf(head, 'og:image')!.startsWith(SITE_URL + '/')).toBe(true);
  const feeds = head.links.filter((link) => link.rel === 'alternate' && link.type);
  expect(feeds.slice(0, 3).map((link) => [link.type, link.href])).toEqual([
    ['application/rss+xml', `${SITE_URL}/feed/`],
    ['application/atom+xml', `${SITE_URL}/feed/atom/`],
    ['application/feed+json', `${SITE_URL}/feed.json`],
  ]);
  for (const feed of feeds) expect(feed.title).toBeTruthy();
  // Only structured data: no script a browser would run.
  expect(head.scriptTypes.every((type) => type === 'application/ld+json')).toBe(true);
}

describe.each(ENGINES)('search-engine metadata of public pages on %s', (engine) => {
  let site: TestSite;
  let photoKey: string;
  let copies: { key: string; width: number; height: number; format: string }[];

  beforeAll(async () => {
    site = await startTestSite(engine, { KIOSQUE_SITE_URL: SITE_URL });
    const { kiosque } = site;
    await saveSettings(kiosque.db, kiosque.events, { title: 'Le Blog Ecommerce', description: 'L’actualité du e-commerce et du référencement.', postsPerPage: 2 });
    const { media } = await addUploadedMedia(kiosque.db, kiosque.config.dataDir, { content: await photoJpeg(1300, 731), originalName: 'incendie.jpg', uploadedBy: null });
    photoKey = media.storage_key;
    copies = mediaVariants(media);
    await site.makePost({
      title: 'Incendie : le datacenter « SBG2 » détruit, </script><script>alert(1)</script>',
      slug: 'incendie-datacenter',
      markdown: 'Le feu a pris dans la nuit. Les sauvegardes étaient sur place.\n\n## Les recours\n\nTrois pistes pour les clients.',
      categories: ['Ecommerce > Hébergement'],
      tags: ['Sauvegarde', 'Cloud'],
      author: 'Claire Delmas',
      image: { url: `/media/${photoKey}`, alt: 'Le bâtiment détruit, au petit matin' },
      seoTitle: 'Incendie OVH : faits et recours',
      seoDescription: 'SBG2 détruit, des sauvegardes perdues : ce que les clients doivent faire.',
      publishedAt: '2021-03-10T08:00:00.000Z',
      updatedAt: '2021-03-12T15:30:00.000Z',
    });
    await site.makePost({ title: 'Les pharmacies en ligne', slug: 'pharmacies', categories: ['Ecommerce'], tags: ['Cloud'], publishedAt: '2021-03-17T08:00:00.000Z' });
    await site.makePost({ title: 'Bilan de la FEVAD', slug: 'fevad', categories: ['Ecommerce'], author: 'Marc Olivier', publishedAt: '2021-02-05T08:00:00.000Z' });
    await site.makePost({ type: 'page', title: 'Mentions légales', slug: 'mentions-legales', markdown: 'Éditeur : Le Blog Ecommerce, 12 rue de la Paix, Paris.', categories: [] });
    const gone = await site.makePost({ title: 'Article retiré', slug: 'article-retire' });
    await deletePost(kiosque, gone.id);
  });

  afterAll(() => site.dispose());

  const head = async (path: string, status = 200): Promise<ParsedHead> => {
    const response = await site.get(path);
    expect(response.statusCode, path).toBe(status);
    return parseHead(response.body);
  };

  it('gives an article its SEO title and description, an absolute canonical from KIOSQUE_SITE_URL, Open Graph and a large X card', async () => {
    const page = await head('/incendie-datacenter/');
    const canonical = `${SITE_URL}/incendie-datacenter/`;
    expectCompleteHead(page, canonical);
    // Set in the site's typography, as titles are: no line break before the colon.
    expect(page.title).toBe('Incendie OVH\u00A0: faits et recours');
    expect(metaOf(page, 'description')).toBe('SBG2 détruit, des sauvegardes perdues\u00A0: ce que les clients doivent faire.');
    expect(metaOf(page, 'robots')).toBe('max-image-preview:large');
    expect(metaOf(page, 'og:type')).toBe('article');
    expect(metaOf(page, 'twitter:card')).toBe('summary_large_image');
    // The card gets the smallest copy at least 1200 pixels wide, in the photo's own format.
    const card = copies.find((copy) => copy.format === 'jpeg' && copy.width === 1200)!;
    expect(metaOf(page, 'og:image')).toBe(`${SITE_URL}/media/${card.key}`);
    expect(metaOf(page, 'og:image:width')).toBe('1200');
    expect(metaOf(page, 'og:image:height')).toBe(String(card.height));
    expect(metaOf(page, 'og:image:alt')).toBe('Le bâtiment détruit, au petit matin');
    expect(metaOf(page, 'article:published_time')).toBe('2021-03-10T09:00:00+01:00');
    expect(metaOf(page, 'article:modified_time')).toBe('2021-03-12T16:30:00+01:00');
    expect(metaOf(page, 'article:section')).toBe('Hébergement');
    expect(page.meta.get('article:tag')).toEqual(['Sauvegarde', 'Cloud']);
  });

  it('describes an article in JSON-LD with every property Google recommends, escaped so no title can close the element', async () => {
    const response = await site.get('/incendie-datacenter/');
    expect(response.body).not.toContain('</script><script>alert');
    const page = parseHead(response.body);
    expect(page.jsonLd).toHaveLength(1);
    const article = nodeOfType(page, 'NewsArticle');
    expectProperties(article, [...ARTICLE_RECOMMENDED, ...ARTICLE_KIOSQUE], 'NewsArticle');
    // The headline in the site's typography (no-break spaces), intact once parsed.
    expect((article!.headline as string).replace(/[\u00a0\u202f]/g, ' ')).toBe('Incendie : le datacenter « SBG2 » détruit, </script><script>alert(1)</script>');
    expect((article!.headline as string).length).toBeLessThanOrEqual(110);
    expect(article!.datePublished).toMatch(ISO_WITH_OFFSET);
    expect(article!.dateModified).toMatch(ISO_WITH_OFFSET);
    expect(pathOf(article, 'author.0')).toEqual({ '@type': 'Person', name: 'Claire Delmas', url: `${SITE_URL}/auteur/claire-delmas/` });
    expect(pathOf(article, 'publisher.logo.url')).toBe(`${SITE_URL}/logo.png`);
    expect(pathOf(article, 'mainEntityOfPage.@id')).toBe(`${SITE_URL}/incendie-datacenter/`);
    // Every size of the photo in its own format, largest first, absolute.
    const images = article!.image as { url: string; width: number; height: number }[];
    expect(images.map((image) => image.width)).toEqual([1300, 1200, 800, 480]);
    for (const image of images) expect(image.url.startsWith(`${SITE_URL}/media/`) && image.url.endsWith('.jpg')).toBe(true);
    expect(article!.keywords).toEqual(['Sauvegarde', 'Cloud']);
    expect(article!.inLanguage).toBe('fr-FR');
    // The body's words as counted when it was saved: 12 in the first paragraph, 2 in the heading, 5 after.
    expect(article!.wordCount).toBe(19);

    const breadcrumb = nodeOfType(page, 'BreadcrumbList');
    const items = breadcrumb!.itemListElement as Record<string, unknown>[];
    for (const item of items) expectProperties(item, BREADCRUMB_ITEM_REQUIRED, 'ListItem');
    expect(items.map((item) => [item.position, item.item])).toEqual([
      [1, `${SITE_URL}/`],
      [2, `${SITE_URL}/categorie/ecommerce/`],
      [3, `${SITE_URL}/categorie/hebergement/`],
      [4, `${SITE_URL}/incendie-datacenter/`],
    ]);
  });

  it('derives an article’s description from its excerpt and marks it BlogPosting when the setting says so', async () => {
    await saveSettings(site.kiosque.db, site.kiosque.events, { articleSchemaType: 'BlogPosting' });
    try {
      const page = await head('/pharmacies/');
      expectCompleteHead(page, `${SITE_URL}/pharmacies/`);
      expect(page.title).toBe('Les pharmacies en ligne – Le Blog Ecommerce');
      expect(metaOf(page, 'description')).toMatch(/^Premier paragraphe de l’article \d+/);
      // No image of its own: shared with the site's logo, as a small card.
      expect(metaOf(page, 'og:image')).toBe(`${SITE_URL}/logo.png`);
      expect(metaOf(page, 'twitter:card')).toBe('summary');
      expect(nodeOfType(page, 'NewsArticle')).toBeUndefined();
      expectProperties(nodeOfType(page, 'BlogPosting'), ['headline', 'datePublished', 'dateModified', 'author.0.name', 'author.0.url', 'publisher.name'], 'BlogPosting');
    } finally {
      await saveSettings(site.kiosque.db, site.kiosque.events, { articleSchemaType: 'NewsArticle' });
    }
  });

  it('gives the home page the WebSite with its search box and the Organization with its logo', async () => {
    const page = await head('/');
    expectCompleteHead(page, `${SITE_URL}/`);
    expect(page.title).toBe('Le Blog Ecommerce');
    expect(metaOf(page, 'og:type')).toBe('website');
    const website = nodeOfType(page, 'WebSite');
    expectProperties(website, WEBSITE_REQUIRED, 'WebSite');
    expect(pathOf(website, 'potentialAction.@type')).toBe('SearchAction');
    expect(pathOf(website, 'potentialAction.target.urlTemplate')).toBe(`${SITE_URL}/recherche?q={search_term_string}`);
    expect(pathOf(website, 'potentialAction.query-input')).toBe('required name=search_term_string');
    const organization = nodeOfType(page, 'Organization');
    expectProperties(organization, ORGANIZATION_REQUIRED, 'Organization');
    expect(pathOf(organization, 'logo.url')).toBe(`${SITE_URL}/logo.png`);
  });

  it('keeps the search box off every other page, as Google asks', async () => {
    for (const path of ['/incendie-datacenter/', '/categorie/ecommerce/', '/mentions-legales/', '/page/2/']) {
      expect(nodeOfType(await head(path), 'WebSite'), path).toBeUndefined();
    }
  });

  it('serves the logo as a 512-pixel PNG at its fixed address', async () => {
    const response = await site.get('/logo.png');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    const meta = await sharp(response.rawPayload).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 512, 512]);
    expect((await site.get('/logo.png', { 'if-none-match': String(response.headers.etag) })).statusCode).toBe(304);
  });

  it('answers /favicon.ico with an icon file holding the favicon at 16, 32 and 48 pixels', async () => {
    const response = await site.get('/favicon.ico');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/x-icon');
    const ico = response.rawPayload;
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 3]);
    const sizes: number[] = [];
    for (let index = 0; index < 3; index++) {
      const entry = 6 + 16 * index;
      const png = ico.subarray(ico.readUInt32LE(entry + 12), ico.readUInt32LE(entry + 12) + ico.readUInt32LE(entry + 8));
      const meta = await sharp(png).metadata();
      expect([meta.format, meta.width, meta.height, ico.readUInt8(entry), ico.readUInt8(entry + 1)]).toEqual(['png', meta.width, meta.width, meta.width, meta.width]);
      sizes.push(meta.width!);
    }
    expect(sizes).toEqual([16, 32, 48]);
    expect((await site.get('/favicon.ico', { 'if-none-match': String(response.headers.etag) })).statusCode).toBe(304);
  });

  it('gives archives their own feeds, breadcrumb and a description, indexed only on their first page', async () => {
    const first = await head('/categorie/ecommerce/');
    expectCompleteHead(first, `${SITE_URL}/categorie/ecommerce/`);
    expect(metaOf(first, 'robots')).toBe('max-image-preview:large');
    expect(metaOf(first, 'description')).toBe('Tous les articles de la catégorie Ecommerce sur Le Blog Ecommerce.');
    expect(first.links.filter((link) => link.rel === 'alternate').map((link) => link.href).slice(3)).toEqual([
      `${SITE_URL}/categorie/ecommerce/feed/`,
      `${SITE_URL}/categorie/ecommerce/feed/atom/`,
      `${SITE_URL}/categorie/ecommerce/feed.json`,
    ]);
    const items = nodeOfType(first, 'BreadcrumbList')!.itemListElement as Record<string, unknown>[];
    for (const item of items) expectProperties(item, BREADCRUMB_ITEM_REQUIRED, 'ListItem');
    expect(items.map((item) => item.name)).toEqual(['Accueil', 'Ecommerce']);

    const second = await head('/categorie/ecommerce/page/2/');
    expectCompleteHead(second, `${SITE_URL}/categorie/ecommerce/page/2/`);
    expect(metaOf(second, 'robots')).toBe('noindex');
    expect(metaOf(await head('/page/2/'), 'robots')).toBe('noindex');

    const author = await head('/auteur/claire-delmas/');
    expect(author.links.map((link) => link.href)).toContain(`${SITE_URL}/auteur/claire-delmas/feed/`);
    const tag = await head('/tag/cloud/');
    expect(tag.links.map((link) => link.href)).toContain(`${SITE_URL}/tag/cloud/feed.json`);
  });

  it('keeps thin archives (fewer than two posts) out of the index', async () => {
    const thin = await head('/tag/sauvegarde/');
    expectCompleteHead(thin, `${SITE_URL}/tag/sauvegarde/`);
    expect(metaOf(thin, 'robots')).toBe('noindex');
    expect(metaOf(await head('/auteur/marc-olivier/'), 'robots')).toBe('noindex');
    expect(metaOf(await head('/tag/cloud/'), 'robots')).toBe('max-image-preview:large');
  });

  it('describes a static page from its text and places it under the home page', async () => {
    const page = await head('/mentions-legales/');
    expectCompleteHead(page, `${SITE_URL}/mentions-legales/`);
    expect(metaOf(page, 'description')).toMatch(/^Éditeur/);
    const items = nodeOfType(page, 'BreadcrumbList')!.itemListElement as Record<string, unknown>[];
    expect(items.map((item) => item.item)).toEqual([`${SITE_URL}/`, `${SITE_URL}/mentions-legales/`]);
  });

  it('keeps 404 and 410 pages out of the index, without a canonical of their own', async () => {
    for (const [path, status] of [['/nulle-part/', 404], ['/article-retire/', 410]] as const) {
      const page = await head(path, status);
      expect(page.title, path).toBeTruthy();
      expect(metaOf(page, 'description'), path).toBeTruthy();
      expect(metaOf(page, 'robots'), path).toBe('noindex');
      expect(page.links.some((link) => link.rel === 'canonical'), path).toBe(false);
      expect(jsonLdNodes(page), path).toEqual([]);
    }
  });

  it('says noindex, nofollow on every page while the site is hidden from search engines, and forgets it after', async () => {
    const paths = ['/', '/incendie-datacenter/', '/categorie/ecommerce/', '/mentions-legales/', '/nulle-part/'];
    for (const path of paths) await site.get(path); // cached before the change, which must empty the cache
    await saveSettings(site.kiosque.db, site.kiosque.events, { hideFromSearchEngines: true });
    try {
      for (const path of paths) {
        const response = await site.get(path);
        expect(metaOf(parseHead(response.body), 'robots'), path).toBe('noindex, nofollow');
      }
    } finally {
      await saveSettings(site.kiosque.db, site.kiosque.events, { hideFromSearchEngines: false });
    }
    expect(metaOf(await head('/'), 'robots')).toBe('max-image-preview:large');
  });

  it('builds every absolute address from KIOSQUE_SITE_URL, which wins over the setting and the Host header', async () => {
    await saveSettings(site.kiosque.db, site.kiosque.events, { siteUrl: 'https://reglage.example' });
    try {
      const response = await site.get('/incendie-datacenter/', { host: 'attaquant.example' });
      const page = parseHead(response.body);
      expect(page.links.find((link) => link.rel === 'canonical')?.href).toBe(`${SITE_URL}/incendie-datacenter/`);
      expect(response.body).not.toContain('reglage.example');
      expect(response.body).not.toContain('attaquant.example');
    } finally {
      await saveSettings(site.kiosque.db, site.kiosque.events, { siteUrl: '' });
    }
  });
});

describe.each(ENGINES)('the site address from the settings on %s', (engine) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite(engine);
    await site.makePost({ title: 'Un article', slug: 'un-article' });
  });
  afterAll(() => site.dispose());

  it('is used for canonical links when KIOSQUE_SITE_URL is not set', async () => {
    await saveSettings(site.kiosque.db, site.kiosque.events, { siteUrl: 'https://www.reglage.example' });
    const page = parseHead((await site.get('/un-article/')).body);
    expect(page.links.find((link) => link.rel === 'canonical')?.href).toBe('https://www.reglage.example/un-article/');
    expect(metaOf(page, 'og:url')).toBe('https://www.reglage.example/un-article/');
  });
});

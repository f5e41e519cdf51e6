import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_SIZE } from '../../src/feeds/feeds.service.ts';
import { addUploadedMedia } from '../../src/media/media.upload.ts';
import { saveSettings } from '../../src/settings/settings.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';
import { photoJpeg } from '../media/media.fixtures.ts';
import { addressesIn, jsonFeedProblems, parseFeed, rawText, RFC_3339, RFC_822, validDate, xmllintErrors } from './feeds-support.ts';

const SITE_URL = 'https://www.blog-ecommerce.example';
const HOSTILE_TITLE = 'Fin de section ]]> & <script>alert(1)</script>\u0001\u000b « guillemets »';

/** Published and last changed at one instant (a post's last change otherwise defaults to the real now). */
function on(date: string) {
  return { publishedAt: date, updatedAt: date };
}

interface JsonFeed {
  version: string;
  title: string;
  home_page_url: string;
  feed_url: string;
  language: string;
  items: {
    id: string;
    url: string;
    title: string;
    content_html?: string;
    content_text?: string;
    summary: string;
    image?: string;
    date_published: string;
    date_modified: string;
    authors?: { name: string; url: string }[];
    tags?: string[];
    attachments?: { url: string; mime_type: string; size_in_bytes?: number }[];
  }[];
}

describe.each(ENGINES)('feeds on %s', (engine) => {
  let site: TestSite;
  let photo: { key: string; bytes: number };

  beforeAll(async () => {
    site = await startTestSite(engine, { KIOSQUE_SITE_URL: SITE_URL });
    const { kiosque } = site;
    await saveSettings(kiosque.db, kiosque.events, { title: 'Le Blog Ecommerce', description: 'L’actualité du e-commerce et du référencement.' });
    const { media } = await addUploadedMedia(kiosque.db, kiosque.config.dataDir, { content: await photoJpeg(900, 506), originalName: 'incendie.jpg', uploadedBy: null });
    photo = { key: media.storage_key, bytes: media.bytes };
    // Old posts by one prolific author first: the newest posts below stay at the top of every feed.
    for (let i = 1; i <= FEED_SIZE + 2; i++) {
      await site.makePost({ title: `Brève numéro ${i}`, slug: `breve-${i}`, author: 'Paul Brèves', categories: ['Brèves'], ...on(new Date(Date.UTC(2019, 0, i, 9)).toISOString()) });
    }
    await site.makePost({
      title: 'Incendie : le datacenter « SBG2 » détruit',
      slug: 'incendie-datacenter',
      markdown: [
        'Le feu a pris dans la nuit, voir [les pharmacies](/pharmacies/) et [plus bas](#les-recours).',
        '',
        `![Les baies](/media/${photo.key} "Les baies après l’incendie")`,
        '',
        '::video{url="https://vimeo.com/76979871" title="Le reportage"}',
        '',
        '## Les recours',
        '',
        'Trois pistes pour les clients.',
      ].join('\n'),
      categories: ['Ecommerce > Hébergement', 'Web'],
      tags: ['Sauvegarde'],
      author: 'Claire Delmas',
      image: { url: `/media/${photo.key}`, alt: 'Le bâtiment détruit' },
      publishedAt: '2021-03-10T08:00:00.000Z',
      updatedAt: '2021-03-12T15:30:00.000Z',
    });
    await site.makePost({
      title: 'Les pharmacies en ligne',
      slug: 'pharmacies',
      categories: ['SEO - SEA'],
      tags: ['Sauvegarde'],
      author: 'Marc Olivier',
      image: { url: 'https://images.example.org/pharmacie.png', alt: 'Une officine' },
      publishedAt: '2021-03-17T08:00:00.000Z',
      updatedAt: '2021-03-17T08:00:00.000Z',
    });
    await site.makePost({ title: 'Bilan de la FEVAD', slug: 'fevad', categories: ['Ecommerce'], author: 'Marc Olivier', ...on('2021-02-05T08:00:00.000Z') });
    await site.makePost({
      title: HOSTILE_TITLE,
      slug: 'hostile',
      customExcerpt: 'Un extrait avec <b>des balises</b> & des « guillemets »',
      markdown: 'Un ]]> au milieu, <script>alert("x")</script> un contrôle \u0001 ici, un <b>gras</b> et un & seul. Fin ]]>',
      categories: ['Web'],
      ...on('2021-01-20T08:00:00.000Z'),
    });
    await site.makePost({ title: 'Un brouillon secret', slug: 'brouillon', status: 'draft', publishedAt: null });
    await site.makePost({ title: 'Programmé pour plus tard', slug: 'plus-tard', status: 'scheduled', publishedAt: '2026-06-01T08:00:00.000Z', updatedAt: '2025-12-01T08:00:00.000Z' });
  });

  afterAll(() => site.dispose());

  const fetchFeed = async (path: string, contentType: string) => {
    const response = await site.get(path);
    expect(response.statusCode, path).toBe(200);
    expect(response.headers['content-type'], path).toBe(contentType);
    return response;
  };
  const rss = async (path: string) => {
    const response = await fetchFeed(path, 'application/rss+xml; charset=utf-8');
    expect(xmllintErrors(response.body), path).toBe('');
    return { body: response.body, ...(await parseFeed(response.body)) };
  };
  const atom = async (path: string) => {
    const response = await fetchFeed(path, 'application/atom+xml; charset=utf-8');
    expect(xmllintErrors(response.body), path).toBe('');
    return { body: response.body, ...(await parseFeed(response.body)) };
  };
  const json = async (path: string) => {
    const response = await fetchFeed(path, 'application/feed+json; charset=utf-8');
    const feed = JSON.parse(response.body) as JsonFeed;
    expect(jsonFeedProblems(feed), path).toEqual([]);
    return feed;
  };

  it('serves the site’s RSS 2.0 at WordPress’s /feed/ with the channel’s required elements, self link, language and build date', async () => {
    const { body, meta, items } = await rss('/feed/');
    expect(meta['#type']).toBe('rss');
    expect(meta.title).toBe('Le Blog Ecommerce');
    expect(meta.link).toBe(`${SITE_URL}/`);
    expect(meta.description).toBe('L’actualité du e-commerce et du référencement.');
    expect(meta.language).toBe('fr-FR');
    expect(body).toContain(`<atom:link href="${SITE_URL}/feed/" rel="self" type="application/rss+xml"/>`);
    // The newest change among the items: the pharmacies article.
    expect(rawText(meta['rss:lastbuilddate'])).toMatch(RFC_822);
    expect(meta.date?.toISOString()).toBe('2021-03-17T08:00:00.000Z');
    expect(items).toHaveLength(FEED_SIZE);
    expect(items.slice(0, 4).map((item) => item.title)).toEqual([
      'Les pharmacies en ligne',
      'Incendie\u00a0: le datacenter «\u00a0SBG2\u00a0» détruit',
      'Bilan de la FEVAD',
      'Fin de section ]]> & alert(1) «\u00a0guillemets\u00a0»',
    ]);
    for (const item of items) {
      expect(item.title || item.description).toBeTruthy();
      expect(rawText(item['rss:pubdate']), item.title).toMatch(RFC_822);
      expect(validDate(item.pubdate), item.title).toBeDefined();
      expect(item.link.startsWith(`${SITE_URL}/`)).toBe(true);
    }
    expect(body).not.toContain('Un brouillon secret');
    expect(body).not.toContain('Programmé pour plus tard');
  });

  it('describes an RSS item fully: stable guid, date, author name without an e-mail, categories, whole content with absolute addresses, enclosure', async () => {
    const { body, items } = await rss('/feed/');
    const fire = items.find((item) => item.link === `${SITE_URL}/incendie-datacenter/`)!;
    expect(fire.guid).toMatch(/^tag:www\.blog-ecommerce\.example,\d{4}-\d{2}-\d{2}:post-\d+$/);
    expect(fire['rss:guid']['@'].ispermalink).toBe('false');
    expect(fire.pubdate?.toISOString()).toBe('2021-03-10T08:00:00.000Z');
    expect(fire.author).toBe('Claire Delmas');
    expect(body).not.toMatch(/<author>/);
    expect(fire.categories).toEqual(['Hébergement', 'Web', 'Sauvegarde']);
    expect(fire.summary).toContain('Le feu a pris dans la nuit');
    const html = rawText(fire['content:encoded'])!;
    expect(html).toContain(`href="${SITE_URL}/pharmacies/"`);
    expect(html).toContain(`href="${SITE_URL}/incendie-datacenter/#les-recours"`);
    expect(html).toContain('<picture>');
    expect(html).toMatch(/srcset="https:\/\/www\.blog-ecommerce\.example\/media\/[^"]+ \d+w/);
    expect(html).not.toContain('<iframe');
    expect(html).toContain('href="https://vimeo.com/76979871"');
    const addresses = addressesIn(html);
    expect(addresses.length).toBeGreaterThan(4);
    for (const address of addresses) expect(address, address).toMatch(/^https?:\/\//);
    expect(fire.enclosures).toEqual([{ url: `${SITE_URL}/media/${photo.key}`, length: String(photo.bytes), type: 'image/jpeg' }]);

    const pharmacies = items.find((item) => item.link === `${SITE_URL}/pharmacies/`)!;
    // An image from elsewhere: its size is unknown, which RSS spells 0.
    expect(pharmacies.enclosures).toEqual([{ url: 'https://images.example.org/pharmacie.png', length: '0', type: 'image/png' }]);
  });

  it('keeps an item’s guid when its slug changes, so readers do not show the article again', async () => {
    const before = (await rss('/feed/')).items.find((item) => item.title === 'Bilan de la FEVAD')!;
    expect(before.link).toBe(`${SITE_URL}/fevad/`);
    const id = Number(/post-(\d+)$/.exec(before.guid)![1]);
    await site.makePost({ title: 'Bilan de la FEVAD', slug: 'bilan-de-la-fevad', categories: ['Ecommerce'], author: 'Marc Olivier', ...on('2021-02-05T08:00:00.000Z') }, id);
    const moved = (await rss('/feed/')).items.find((item) => item.title === 'Bilan de la FEVAD')!;
    expect(moved.link).toBe(`${SITE_URL}/bilan-de-la-fevad/`);
    expect(moved.guid).toBe(before.guid);
  });

  it('serves Atom 1.0 at /feed/atom/ with the feed’s and every entry’s id, title, updated and author, and the image as an enclosure link', async () => {
    const { body, meta, items } = await atom('/feed/atom/');
    expect(meta['#type']).toBe('atom');
    expect(meta.title).toBe('Le Blog Ecommerce');
    expect(rawText(meta['atom:id'])).toBe(`${SITE_URL}/feed/atom/`);
    expect(rawText(meta['atom:updated'])).toMatch(RFC_3339);
    expect(meta.date?.toISOString()).toBe('2021-03-17T08:00:00.000Z');
    expect(meta.link).toBe(`${SITE_URL}/`);
    expect(body).toContain(`<link rel="self" type="application/atom+xml" href="${SITE_URL}/feed/atom/"/>`);
    expect(body).toMatch(/^<\?xml[^>]*>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="fr-FR">/);
    expect(meta.author).toBe('Le Blog Ecommerce');
    expect(items).toHaveLength(FEED_SIZE);
    for (const item of items) {
      expect(rawText(item['atom:id'])).toMatch(/^tag:/);
      expect(item.title).toBeTruthy();
      expect(rawText(item['atom:updated']), item.title).toMatch(RFC_3339);
      expect(rawText(item['atom:published']), item.title).toMatch(RFC_3339);
      // Every entry has an author, its own or the feed's.
      expect(item.author || meta.author).toBeTruthy();
    }
    const fire = items.find((item) => item.link === `${SITE_URL}/incendie-datacenter/`)!;
    expect(rawText(fire['atom:published'])).toBe('2021-03-10T08:00:00Z');
    expect(rawText(fire['atom:updated'])).toBe('2021-03-12T15:30:00Z');
    expect(fire.author).toBe('Claire Delmas');
    expect(fire.categories).toEqual(['Hébergement', 'Web', 'Sauvegarde']);
    expect(fire.enclosures).toEqual([{ url: `${SITE_URL}/media/${photo.key}`, length: String(photo.bytes), type: 'image/jpeg' }]);
    const html = rawText(fire['atom:content'])!;
    for (const address of addressesIn(html)) expect(address, address).toMatch(/^https?:\/\//);
    expect(body).not.toContain('Un brouillon secret');
    expect(body).not.toContain('Programmé pour plus tard');
  });

  it('serves JSON Feed 1.1 at /feed.json with ids, dates, authors, tags, the image and its attachment', async () => {
    const feed = await json('/feed.json');
    expect(feed).toMatchObject({ title: 'Le Blog Ecommerce', home_page_url: `${SITE_URL}/`, feed_url: `${SITE_URL}/feed.json`, language: 'fr-FR' });
    expect(feed.items).toHaveLength(FEED_SIZE);
    for (const item of feed.items) {
      expect(new Date(item.date_published).toISOString().replace('.000', '')).toBe(item.date_published);
      expect(validDate(item.date_modified)).toBeDefined();
      expect(item.url.startsWith(`${SITE_URL}/`)).toBe(true);
    }
    const fire = feed.items.find((item) => item.url === `${SITE_URL}/incendie-datacenter/`)!;
    expect(fire.id).toMatch(/^tag:/);
    expect(fire.date_published).toBe('2021-03-10T08:00:00Z');
    expect(fire.date_modified).toBe('2021-03-12T15:30:00Z');
    expect(fire.authors).toEqual([{ name: 'Claire Delmas', url: `${SITE_URL}/auteur/claire-delmas/` }]);
    expect(fire.tags).toEqual(['Hébergement', 'Web', 'Sauvegarde']);
    expect(fire.image).toBe(`${SITE_URL}/media/${photo.key}`);
    expect(fire.attachments).toEqual([{ url: `${SITE_URL}/media/${photo.key}`, mime_type: 'image/jpeg', title: 'Le bâtiment détruit', size_in_bytes: photo.bytes }]);
    for (const address of addressesIn(fire.content_html!)) expect(address, address).toMatch(/^https?:\/\//);
    expect(JSON.stringify(feed)).not.toContain('Un brouillon secret');
    expect(JSON.stringify(feed)).not.toContain('Programmé pour plus tard');
  });

  it('keeps a hostile title and body well-formed in every format: ]]>, control characters and <script> are text', async () => {
    for (const path of ['/feed/', '/feed/atom/']) {
      const { body, items } = path === '/feed/' ? await rss(path) : await atom(path);
      expect(body).not.toContain('<script');
      expect(body).not.toContain(']]>');
      expect(body).not.toContain('\u0001');
      const hostile = items.find((item) => item.link === `${SITE_URL}/hostile/`)!;
      // Titles are text: a reader that takes them for HTML (feedparser does) would drop the tags.
      expect(rawText(hostile[path === '/feed/' ? 'rss:title' : 'atom:title'])).toBe('Fin de section ]]> & <script>alert(1)</script> «\u00a0guillemets\u00a0»');
      const html = rawText(hostile[path === '/feed/' ? 'content:encoded' : 'atom:content'])!;
      expect(html).toContain('<p>Un ]]> au milieu');
      expect(html).toContain('<b>gras</b>');
      expect(html).not.toContain('<script');
    }
    // The excerpt is text: in RSS, whose descriptions readers take for HTML, its markup shows as typed.
    const rssHostile = (await rss('/feed/')).items.find((item) => item.link === `${SITE_URL}/hostile/`)!;
    expect(rawText(rssHostile['rss:description'])).toBe('Un extrait avec &lt;b&gt;des balises&lt;/b&gt; &amp; des «\u00a0guillemets\u00a0»');
    const atomHostile = (await atom('/feed/atom/')).items.find((item) => item.link === `${SITE_URL}/hostile/`)!;
    expect(rawText(atomHostile['atom:summary'])).toBe('Un extrait avec <b>des balises</b> & des «\u00a0guillemets\u00a0»');
    const feed = await json('/feed.json');
    const hostile = feed.items.find((item) => item.url === `${SITE_URL}/hostile/`)!;
    expect(hostile.title).toBe('Fin de section ]]> & <script>alert(1)</script> «\u00a0guillemets\u00a0»');
    expect(hostile.content_html).not.toContain('<script');
    expect(hostile.content_html).not.toContain('\u0001');
  });

  it('carries excerpts only when the feedContent setting says so, in every format', async () => {
    await saveSettings(site.kiosque.db, site.kiosque.events, { feedContent: 'excerpt' });
    try {
      const { body, items } = await rss('/feed/');
      expect(body).not.toContain('<content:encoded>');
      const fire = items.find((item) => item.link === `${SITE_URL}/incendie-datacenter/`)!;
      expect(fire.description).toContain('Le feu a pris dans la nuit');
      expect(fire.description).not.toContain('Trois pistes');
      const atomFeed = await atom('/feed/atom/');
      expect(atomFeed.body).not.toContain('<content');
      expect(atomFeed.body).toContain('<summary type="text">Le feu a pris dans la nuit');
      const jsonFeed = await json('/feed.json');
      expect(jsonFeed.items.every((item) => item.content_html === undefined && typeof item.content_text === 'string')).toBe(true);
    } finally {
      await saveSettings(site.kiosque.db, site.kiosque.events, { feedContent: 'full' });
    }
    expect((await site.get('/feed/')).body).toContain('<content:encoded>');
  });

  it('serves each format for a category (with its sub-categories), a tag and an author, at the archive’s address', async () => {
    const category = await rss('/categorie/ecommerce/feed/');
    expect(category.meta.title).toBe('Le Blog Ecommerce – Ecommerce');
    expect(category.meta.link).toBe(`${SITE_URL}/categorie/ecommerce/`);
    expect(category.body).toContain(`<atom:link href="${SITE_URL}/categorie/ecommerce/feed/" rel="self"`);
    expect(category.items.map((item) => item.title)).toEqual(['Incendie\u00a0: le datacenter «\u00a0SBG2\u00a0» détruit', 'Bilan de la FEVAD']);

    const tag = await atom('/tag/sauvegarde/feed/atom/');
    expect(tag.meta.title).toBe('Le Blog Ecommerce – Sauvegarde');
    expect(rawText(tag.meta['atom:id'])).toBe(`${SITE_URL}/tag/sauvegarde/feed/atom/`);
    expect(tag.items.map((item) => item.link)).toEqual([`${SITE_URL}/pharmacies/`, `${SITE_URL}/incendie-datacenter/`]);

    const author = await json('/auteur/marc-olivier/feed.json');
    expect(author.feed_url).toBe(`${SITE_URL}/auteur/marc-olivier/feed.json`);
    expect(author.home_page_url).toBe(`${SITE_URL}/auteur/marc-olivier/`);
    expect(author.items.map((item) => item.title)).toEqual(['Les pharmacies en ligne', 'Bilan de la FEVAD']);

    // The newest FEED_SIZE of an author's posts.
    const prolific = await rss('/auteur/paul-breves/feed/');
    expect(prolific.items).toHaveLength(FEED_SIZE);
    expect(prolific.items[0]!.title).toBe(`Brève numéro ${FEED_SIZE + 2}`);
    expect((await rss('/categorie/hebergement/feed/')).items.map((item) => item.title)).toEqual(['Incendie\u00a0: le datacenter «\u00a0SBG2\u00a0» détruit']);
    expect((await atom('/categorie/breves/feed/atom/')).items).toHaveLength(FEED_SIZE);
  });

  it('answers 404 for the feed of an unknown archive, and for the other language’s addresses', async () => {
    for (const path of ['/categorie/inconnue/feed/', '/tag/inconnu/feed/atom/', '/auteur/personne/feed.json', '/category/ecommerce/feed/', '/author/marc-olivier/feed.json']) {
      const response = await site.get(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.headers['content-type'], path).toBe('text/html; charset=utf-8');
    }
  });

  it('uses the English addresses and language on an English site', async () => {
    await saveSettings(site.kiosque.db, site.kiosque.events, { locale: 'en' });
    try {
      const category = await rss('/category/ecommerce/feed/');
      expect(category.meta.language).toBe('en');
      expect(category.items).toHaveLength(2);
      expect((await json('/author/marc-olivier/feed.json')).language).toBe('en');
      expect((await site.get('/categorie/ecommerce/feed/')).statusCode).toBe(404);
      const fire = (await json('/feed.json')).items.find((item) => item.url === `${SITE_URL}/incendie-datacenter/`)!;
      expect(fire.authors).toEqual([{ name: 'Claire Delmas', url: `${SITE_URL}/author/claire-delmas/` }]);
    } finally {
      await saveSettings(site.kiosque.db, site.kiosque.events, { locale: 'fr' });
    }
  });

  it('answers 304 to If-None-Match and to If-Modified-Since, sends Last-Modified from the newest change, and lets If-None-Match win', async () => {
    for (const path of ['/feed/', '/feed/atom/', '/feed.json', '/tag/sauvegarde/feed/']) {
      const first = await site.get(path);
      expect(first.statusCode).toBe(200);
      const etag = String(first.headers.etag);
      const lastModified = String(first.headers['last-modified']);
      expect(lastModified).toBe('Wed, 17 Mar 2021 08:00:00 GMT');
      expect(first.headers['cache-control']).toContain('public');
      expect(first.headers['x-robots-tag']).toBe('noindex, follow');
      expect((await site.get(path, { 'if-none-match': etag })).statusCode, path).toBe(304);
      const sinceLast = await site.get(path, { 'if-modified-since': lastModified });
      expect(sinceLast.statusCode, path).toBe(304);
      expect(sinceLast.body).toBe('');
      expect((await site.get(path, { 'if-modified-since': 'Wed, 17 Mar 2021 07:59:59 GMT' })).statusCode, path).toBe(200);
      expect((await site.get(path, { 'if-none-match': 'W/"autre"', 'if-modified-since': lastModified })).statusCode, path).toBe(200);
    }
  });

  it('answers conditional requests the same from the cache in front of the router, over real HTTP', async () => {
    const address = await site.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `${address}/feed/atom/`;
    const first = await fetch(url, { headers: { 'accept-encoding': 'br' } });
    expect(first.status).toBe(200);
    const lastModified = first.headers.get('last-modified')!;
    // The second read is a cache hit, answered before Fastify.
    const second = await fetch(url);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('last-modified')).toBe(lastModified);
    expect((await fetch(url, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    expect((await fetch(url, { headers: { 'if-none-match': first.headers.get('etag')! } })).status).toBe(304);
  });

  it('keeps a built feed in the page cache until the content changes', async () => {
    const first = await site.get('/feed.json');
    // Behind the site's back, without the event a publication sends: the cached feed is still served.
    await site.kiosque.db.kysely.updateTable('posts').set({ title: 'Titre changé en douce' }).where('slug', '=', 'pharmacies').execute();
    try {
      const cached = await site.get('/feed.json');
      expect(cached.headers.etag).toBe(first.headers.etag);
      expect(cached.body).not.toContain('Titre changé en douce');
      await site.kiosque.events.emit({ type: 'content.changed', reason: 'post.saved' });
      expect((await site.get('/feed.json')).body).toContain('Titre changé en douce');
    } finally {
      await site.kiosque.db.kysely.updateTable('posts').set({ title: 'Les pharmacies en ligne' }).where('slug', '=', 'pharmacies').execute();
      await site.kiosque.events.emit({ type: 'content.changed', reason: 'post.saved' });
    }
  });

  it('shows a publication in every feed at once, and a scheduled post when its time comes', async () => {
    for (const path of ['/feed/', '/feed/atom/', '/feed.json', '/categorie/web/feed/']) await site.get(path);
    const published = await site.makePost({ title: 'Dernière minute', slug: 'derniere-minute', categories: ['Web'], ...on('2025-12-31T23:00:00.000Z') });
    try {
      for (const path of ['/feed/', '/feed/atom/', '/feed.json', '/categorie/web/feed/']) {
        const response = await site.get(path);
        expect(response.body, path).toContain('Dernière minute');
        expect(response.headers['last-modified'], path).not.toBe('Wed, 17 Mar 2021 08:00:00 GMT');
      }
      expect((await site.get('/feed/')).body).not.toContain('Programmé pour plus tard');
      site.clock.now = '2026-06-01T08:00:01.000Z';
      const after = await rss('/feed/');
      expect(after.items[0]!.title).toBe('Programmé pour plus tard');
      expect(after.meta.date?.toISOString()).toBe('2026-06-01T08:00:00.000Z');
    } finally {
      site.clock.now = '2026-01-01T00:00:00.000Z';
      await site.kiosque.db.kysely.deleteFrom('posts').where('id', '=', published.id).execute();
      await site.kiosque.events.emit({ type: 'content.changed', reason: 'post.deleted' });
    }
  });

  it('is what every page’s autodiscovery links point to: each one answers 200 with the type it announces', async () => {
    const pages = { '/': 3, '/categorie/ecommerce/': 6, '/tag/sauvegarde/': 6, '/auteur/marc-olivier/': 6, '/incendie-datacenter/': 3 };
    for (const [page, count] of Object.entries(pages)) {
      const html = (await site.get(page)).body;
      const links = [...html.matchAll(/<link\b[^>]*>/g)]
        .map((match) => Object.fromEntries([...match[0].matchAll(/\s([a-z-]+)="([^"]*)"/g)].map((attribute) => [attribute[1]!, attribute[2]!])))
        .filter((link) => link.rel === 'alternate' && /^application\/(rss\+xml|atom\+xml|feed\+json)$/.test(link.type ?? ''));
      expect(links, page).toHaveLength(count);
      for (const link of links) {
        const href = link.href!.replace(/&amp;/g, '&');
        expect(href.startsWith(`${SITE_URL}/`) || href.startsWith('/'), href).toBe(true);
        const response = await site.get(href.startsWith('/') ? href : href.slice(SITE_URL.length));
        expect(response.statusCode, href).toBe(200);
        expect(response.headers['content-type'], href).toBe(`${link.type}; charset=utf-8`);
      }
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePost } from '../../src/content/content.service.ts';
import { saveSettings } from '../../src/settings/settings.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

describe.each(ENGINES)('public site on %s', (engine) => {
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite(engine);
    await saveSettings(site.kiosque.db, site.kiosque.events, { title: 'Le Kiosque de test', postsPerPage: 3 });
    await site.makePost({
      title: 'Incendie : le datacenter « SBG2 » détruit',
      slug: 'incendie-datacenter',
      markdown: 'Le feu a pris dans la nuit.\n\n| Site | Salles |\n|---|---:|\n| SBG1 | 4,5 |\n\n:::pullquote\nLa sauvegarde était sur place.\n:::\n\n:::sources\n- CNIL\n:::',
      categories: ['Ecommerce > Monétique', 'Web'],
      tags: ['Hébergement', 'Sauvegarde'],
      featured: true,
      publishedAt: '2021-03-10T08:00:00.000Z',
    });
    await site.makePost({ title: 'Les pharmacies en ligne', slug: 'pharmacies', categories: ['SEO - SEA'], tags: ['Hébergement'], highlighted: true, publishedAt: '2021-03-17T08:00:00.000Z' });
    await site.makePost({ title: 'Bilan de la FEVAD', slug: 'fevad', author: 'Marc Olivier', publishedAt: '2021-02-05T08:00:00.000Z' });
    await site.makePost({ title: 'Un article plus ancien', slug: 'ancien', publishedAt: '2021-01-02T08:00:00.000Z' });
    await site.makePost({ title: 'Archives de 2020, premier', slug: 'archives-2020-1', publishedAt: '2020-06-02T08:00:00.000Z' });
    await site.makePost({ title: 'Archives de 2020, second', slug: 'archives-2020-2', publishedAt: '2020-06-01T08:00:00.000Z' });
    await site.makePost({ title: 'Un brouillon secret', slug: 'brouillon', status: 'draft', publishedAt: null });
    await site.makePost({ title: 'Programmé pour plus tard', slug: 'plus-tard', status: 'scheduled', publishedAt: '2026-06-01T08:00:00.000Z' });
    await site.makePost({ type: 'page', title: 'Mentions légales', slug: 'mentions-legales', markdown: 'Éditeur : Kiosque Démo.', categories: [] });
  });

  afterAll(() => site.dispose());

  it('serves the home page with the featured hero, the highlighted strip and the latest articles', async () => {
    const response = await site.get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('Le Kiosque de test');
    expect(html).toContain('À la une');
    expect(html).toContain('Mis en avant');
    expect(html).toContain('Incendie');
    expect(html).toContain('href="/incendie-datacenter/"');
    expect(html).toContain('href="/pharmacies/"');
    expect(html).not.toContain('Un brouillon secret');
    expect(html).not.toContain('Programmé pour plus tard');
    expect(html).toContain('href="/page/2/"');
  });

  it('paginates the latest articles and answers 404 past the last page', async () => {
    const second = await site.get('/page/2/');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Un article plus ancien');
    expect((await site.get('/page/3/')).statusCode).toBe(404);
    const first = await site.get('/page/1/');
    expect(first.statusCode).toBe(301);
    expect(first.headers.location).toBe('/');
  });

  it('serves an article with its categories, French date, author, reading time, body and neighbours', async () => {
    const response = await site.get('/incendie-datacenter/');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    // Titles are stored as typed and set in French typography when shown.
    expect(html).toMatch(/<h1[^>]*>Incendie\u00a0: le datacenter «\u00a0SBG2\u00a0» détruit<\/h1>/);
    expect(html).toContain('href="/categorie/monetique/"');
    expect(html).toContain('href="/categorie/web/"');
    expect(html).toContain('10 mars 2021');
    expect(html).toContain('href="/auteur/claire-delmas/"');
    expect(html).toContain('min de lecture');
    expect(html).toContain('<td class="num align-right">4,5</td>');
    expect(html).toContain('4,5');
    expect(html).toContain('class="pullquote"');
    expect(html).toContain('class="sources"');
    expect(html).toContain('href="/pharmacies/"');
    expect(html).toContain('href="/fevad/"');
    expect(html).toContain('Haut de page');
    expect(html).toContain('href="/tag/hebergement/"');
  });

  it('lists related articles that share tags or categories', async () => {
    const html = (await site.get('/incendie-datacenter/')).body;
    const related = html.slice(html.indexOf('À lire aussi'));
    expect(related).toContain('Les pharmacies en ligne');
  });

  it('redirects an address without its trailing slash', async () => {
    const response = await site.get('/incendie-datacenter?x=1');
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/incendie-datacenter/?x=1');
  });

  it('moves an address with doubled slashes to the address itself, keeping the query', async () => {
    for (const [from, to] of [
      ['//categorie/ecommerce/', '/categorie/ecommerce/'],
      ['/categorie/ecommerce//?x=1', '/categorie/ecommerce/?x=1'],
      ['//incendie-datacenter/', '/incendie-datacenter/'],
      ['///', '/'],
    ]) {
      const response = await site.get(from!);
      expect([from, response.statusCode, response.headers.location]).toEqual([from, 301, to]);
    }
  });

  it('sends a first page written without its slash to the listing in one hop', async () => {
    for (const [from, to] of [
      ['/page/1', '/'],
      ['/categorie/ecommerce/page/1?x=1', '/categorie/ecommerce/?x=1'],
      ['/categorie/ecommerce/page/2', '/categorie/ecommerce/page/2/'],
    ]) {
      const response = await site.get(from!);
      expect([from, response.statusCode, response.headers.location]).toEqual([from, 301, to]);
    }
  });

  it('shows a category archive with the articles of its sub-categories', async () => {
    const parent = await site.get('/categorie/ecommerce/');
    expect(parent.statusCode).toBe(200);
    expect(parent.body).toMatch(/<h1[^>]*>[^<]*Ecommerce/);
    expect(parent.body).toContain('href="/incendie-datacenter/"');
    expect(parent.body).toContain('href="/categorie/monetique/"');
    const child = await site.get('/categorie/monetique/');
    expect(child.statusCode).toBe(200);
    expect(child.body).toContain('href="/categorie/ecommerce/"');
    expect(child.body).not.toContain('href="/fevad/"');
  });

  it('paginates archives', async () => {
    expect((await site.get('/categorie/ecommerce/page/2/')).statusCode).toBe(200);
    expect((await site.get('/categorie/ecommerce/page/9/')).statusCode).toBe(404);
  });

  it('shows tag and author archives', async () => {
    const tag = await site.get('/tag/hebergement/');
    expect(tag.statusCode).toBe(200);
    expect(tag.body).toContain('href="/incendie-datacenter/"');
    expect(tag.body).toContain('href="/pharmacies/"');
    expect(tag.body).not.toContain('href="/fevad/"');
    const author = await site.get('/auteur/marc-olivier/');
    expect(author.statusCode).toBe(200);
    expect(author.body).toContain('href="/fevad/"');
    expect(author.body).not.toContain('href="/pharmacies/"');
    expect((await site.get('/auteur/personne/')).statusCode).toBe(404);
    expect((await site.get('/category/ecommerce/')).statusCode).toBe(404);
  });

  it('serves static pages at their slug', async () => {
    const response = await site.get('/mentions-legales/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/<h1[^>]*>Mentions légales/);
  });

  it('answers 404 with the site chrome for unknown addresses, drafts and future posts', async () => {
    for (const url of ['/nulle-part/', '/brouillon/', '/plus-tard/', '/categorie/inconnue/']) {
      const response = await site.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).toContain('Page introuvable');
      expect(response.body).toContain('href="/categorie/ecommerce/"');
    }
  });

  it('publishes a scheduled post when its time comes', async () => {
    site.clock.now = '2026-06-01T09:00:00.000Z';
    try {
      expect((await site.get('/plus-tard/')).statusCode).toBe(200);
    } finally {
      site.clock.now = '2026-01-01T00:00:00.000Z';
    }
  });

  it('sets captions, image descriptions and search-engine texts in French typography, as titles are', async () => {
    const saved = await site.makePost({
      title: 'Typographie des à-côtés',
      slug: 'typographie-a-cotes',
      image: { url: '/media/2021/03/graphique.png', alt: 'Deux courbes : avant, après', caption: 'Source : Fevad' },
      seoTitle: 'Bilan : les chiffres ?',
      seoDescription: 'Ventes en ligne : « record » !',
      publishedAt: '2019-01-01T08:00:00.000Z',
    });
    try {
      const html = (await site.get('/typographie-a-cotes/')).body;
      expect(html).toContain('<title>Bilan\u00A0: les chiffres\u202F?</title>');
      expect(html).toContain('<meta name="description" content="Ventes en ligne\u00A0: «\u00A0record\u00A0»\u202F!">');
      expect(html).toContain('alt="Deux courbes\u00A0: avant, après"');
      expect(html).toMatch(/<figcaption[^>]*>Source\u00A0: Fevad<\/figcaption>/);
    } finally {
      await deletePost(site.kiosque, saved.id);
    }
  });

  it('answers 410 Gone for a deleted article', async () => {
    const saved = await site.makePost({ title: 'À supprimer', slug: 'a-supprimer' });
    expect((await site.get('/a-supprimer/')).statusCode).toBe(200);
    await deletePost(site.kiosque, saved.id);
    const response = await site.get('/a-supprimer/');
    expect(response.statusCode).toBe(410);
    expect(response.body).toContain('Contenu supprimé');
  });

  it('sets no cookie, loads nothing from another host and forbids scripts', async () => {
    for (const url of ['/', '/incendie-datacenter/', '/categorie/ecommerce/', '/nulle-part/']) {
      const response = await site.get(url);
      expect(response.headers['set-cookie'], url).toBeUndefined();
      expect(response.headers['content-security-policy']).toContain("script-src 'none'");
      // Structured data is the one script element: JSON that browsers never run.
      expect(response.body).not.toMatch(/<script(?! type="application\/ld\+json">)/i);
      // Canonical and feed links name addresses without loading them.
      const loading = response.body.replace(/<link rel="(canonical|alternate)"[^>]*>/g, '');
      expect(loading).not.toMatch(/<(link|img|source|iframe)\b[^>]*\s(href|src|srcset)="(https?:)?\/\//i);
    }
  });

  it('serves the stylesheet under a content hash, cached for a year', async () => {
    const html = (await site.get('/')).body;
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toMatch(/^\/assets\/site\.[0-9a-f]{12}\.css$/);
    const css = await site.get(href!, { 'accept-encoding': 'br' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-encoding']).toBe('br');
    expect(css.headers['cache-control']).toContain('immutable');
  });

  it('answers /healthz once the database answers', async () => {
    const response = await site.get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe.each(ENGINES)('site settings on %s', (engine) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite(engine);
    await site.makePost({ title: 'Un article daté', slug: 'un-article-date', categories: ['News'], publishedAt: '2021-03-10T23:30:00.000Z' });
  });
  afterAll(() => site.dispose());

  it('follows a WordPress permalink pattern, with dates in the site’s time zone', async () => {
    await saveSettings(site.kiosque.db, site.kiosque.events, { permalinkPattern: '/%year%/%monthnum%/%day%/%postname%/' });
    // 23:30 UTC on 10 March is 00:30 on 11 March in Paris.
    expect((await site.get('/2021/03/11/un-article-date/')).statusCode).toBe(200);
    expect((await site.get('/2021/03/10/un-article-date/')).statusCode).toBe(404);
    expect((await site.get('/un-article-date/')).statusCode).toBe(404);
    const home = await site.get('/');
    expect(home.body).toContain('href="/2021/03/11/un-article-date/"');
    await saveSettings(site.kiosque.db, site.kiosque.events, { permalinkPattern: '/%postname%/' });
    expect((await site.get('/un-article-date/')).statusCode).toBe(200);
  });

  it('speaks English, with English archive addresses, when the site is set to English', async () => {
    await saveSettings(site.kiosque.db, site.kiosque.events, { locale: 'en' });
    try {
      const home = await site.get('/');
      expect(home.body).toContain('<html lang="en"');
      expect(home.body).toContain('href="/category/news/"');
      expect((await site.get('/category/news/')).statusCode).toBe(200);
      expect((await site.get('/categorie/news/')).statusCode).toBe(404);
      const article = await site.get('/un-article-date/');
      expect(article.body).toContain('11 March 2021');
    } finally {
      await saveSettings(site.kiosque.db, site.kiosque.events, { locale: 'fr' });
    }
  });
});

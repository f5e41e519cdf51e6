import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savePost } from '../../src/content/content.service.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { saveSettings } from '../../src/settings/settings.ts';
import { isCacheablePath } from '../../src/site/cache/cache-front.ts';
import { createTestConfig, ENGINES } from '../support/database.ts';
import { postInput, startTestSite, type TestSite } from '../support/site.ts';
import { HOSTILE_QUERIES } from './hostile-queries.ts';

describe.each(ENGINES)('search pages and the Content API on %s', (engine) => {
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite(engine);
    await site.makePost({ slug: 'hebergeur', title: 'L’hébergeur <b>OVHcloud</b> après l’incendie', markdown: 'Le datacenter de Strasbourg a brûlé : l’hébergeur rassure ses clients.', categories: ['Hébergement'], publishedAt: '2025-12-01T08:00:00.000Z' });
    await site.makePost({ slug: 'commandes', title: 'Les commandes ralentissent', markdown: 'Moins de colis commandés.', categories: ['Ecommerce'], publishedAt: '2025-11-01T08:00:00.000Z' });
    await site.makePost({ slug: 'typographie', title: 'Questions de typographie', markdown: 'Voici une question ? Et une exclamation ! « Citation ».', categories: ['Divers'], publishedAt: '2020-01-01T08:00:00.000Z' });
    for (let index = 0; index < 12; index++) {
      await site.makePost({ slug: `colis-${index}`, title: `Colis numéro ${index}`, markdown: 'Un colis de plus.', categories: ['Logistique'], publishedAt: `2025-10-${String(index + 1).padStart(2, '0')}T08:00:00.000Z` });
    }
  });
  afterAll(() => site.dispose());

  it('shows the results with their count, marked snippets from the original text, and noindex', async () => {
    const response = await site.get('/recherche?q=hebergeur');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    const html = response.body;
    expect(html).toContain('<meta name="robots" content="noindex');
    expect(html).toContain('1 résultat pour «\u00a0hebergeur\u00a0»');
    expect(html).toContain('<mark>l’hébergeur</mark>');
    expect(html).toContain('href="/hebergeur/"');
    // The title is text, escaped like any other.
    expect(html).toContain('&lt;b&gt;OVHcloud&lt;/b&gt;');
    expect(html).toContain('<form class="search-form search-form--page" role="search" aria-label="Affiner la recherche" method="get" action="/recherche">');
    expect(html).toContain('value="hebergeur"');
  });

  it('sets snippets in French typography, around the marked words', async () => {
    const html = (await site.get('/recherche?q=exclamation')).body;
    expect(html).toContain('Voici une question\u202F? Et une <mark>exclamation</mark>\u202F! «\u00A0Citation\u00A0».');
    const api = (await site.get('/api/content/v1/search?q=citation')).json<{ results: { snippet: string }[] }>();
    expect(api.results[0]!.snippet).toBe('Voici une question\u202F? Et une exclamation\u202F! «\u00A0<mark>Citation</mark>\u00A0».');
  });

  it('puts a search form in every page’s header', async () => {
    const html = (await site.get('/')).body;
    expect(html).toContain('<form class="search-form search-form--header" role="search" aria-label="Rechercher sur le site" method="get" action="/recherche">');
    expect(html).toContain('<label class="visually-hidden" for="k-search-site">Rechercher sur le site</label>');
  });

  it('paginates with links that keep the query and the category', async () => {
    const first = await site.get('/recherche?q=colis&categorie=logistique');
    expect(first.body).toContain('12 résultats pour');
    expect(first.body).toContain('href="/recherche?q=colis&amp;categorie=logistique&amp;page=2"');
    const second = await site.get('/recherche?q=colis&categorie=logistique&page=2');
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain('Page 2 sur 2');
    expect((await site.get('/recherche?q=colis&page=0')).statusCode).toBe(404);
    expect((await site.get('/recherche?q=colis&page=abc')).statusCode).toBe(404);
  });

  it('answers 404 past the last page of results, as the archives do', async () => {
    for (const url of ['/recherche?q=colis&categorie=logistique&page=3', '/recherche?q=colis&page=99', '/recherche?q=hebergeur&page=2', '/recherche?q=zeppelin&page=2', '/recherche?page=2']) {
      const response = await site.get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).not.toContain('résultat');
    }
    expect((await site.get('/recherche?q=zeppelin')).statusCode).toBe(200);
  });

  it('moves the address written with a slash to the one without, keeping the query string', async () => {
    const response = await site.get('/recherche/?q=l%E2%80%99h%C3%A9bergeur&categorie=h-bergement&page=2');
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/recherche?q=l%E2%80%99h%C3%A9bergeur&categorie=h-bergement&page=2');
    const bare = await site.get('/recherche/');
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/recherche');
    // The other language's address is not this site's.
    expect((await site.get('/search/?q=x')).statusCode).toBe(404);
  });

  it('helps when nothing is found: fewer words, the categories, the latest posts', async () => {
    const html = (await site.get('/recherche?q=zeppelin+dirigeable')).body;
    expect(html).toContain('Aucun article ne correspond à «\u00a0zeppelin dirigeable\u00a0».');
    expect(html).toContain('essayez avec moins de mots');
    expect(html).toContain('href="/categorie/logistique/"');
    expect(html).toContain('Derniers articles');
    expect(html).toContain('href="/hebergeur/"');
    const prompt = (await site.get('/recherche')).body;
    expect(prompt).toContain('Tapez un ou plusieurs mots');
  });

  it('leaves control characters out of the query it shows and searches', async () => {
    const html = (await site.get('/recherche?q=h%C3%A9bergeur%00%1B%C2%85%EF%BF%BE%7F')).body;
    expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE]/);
    expect(html).toContain('<title>Recherche\u00A0: hébergeur');
    expect(html).toContain('<h1 class="page-title">Recherche\u00A0: hébergeur</h1>');
    expect(html).toContain('value="hébergeur"');
    expect(html).toContain('1 résultat pour «\u00A0hébergeur\u00A0»');
    // A tab or a line break still parts two words.
    expect((await site.get('/recherche?q=strasbourg%09h%C3%A9bergeur')).body).toContain('value="strasbourg hébergeur"');
    const api = (await site.get('/api/content/v1/search?q=h%C3%A9bergeur%00')).json<{ query: string; total: number }>();
    expect(api).toMatchObject({ query: 'hébergeur', total: 1 });
  });

  it('says that words too common to search for are, rather than asking for words', async () => {
    const several = (await site.get('/recherche?q=de+la')).body;
    expect(several).toContain('Les mots «\u00a0de la\u00a0» sont trop courants pour être recherchés\u00a0: ajoutez un mot plus précis.');
    expect(several).not.toContain('Tapez un ou plusieurs mots');
    expect(several).not.toContain('des mots plus courants');
    expect(several).toContain('Derniers articles');
    expect((await site.get('/recherche?q=Le')).body).toContain('Le mot «\u00a0Le\u00a0» est trop courant pour être recherché\u00a0: ajoutez un mot plus précis.');
    expect((await site.get('/recherche?q=%28+%29')).body).toContain('Tapez un ou plusieurs mots');
  });

  it('answers hostile queries with a page, never an error', async () => {
    for (const query of HOSTILE_QUERIES) {
      const response = await site.get(`/recherche?q=${encodeURIComponent(query)}`);
      expect(response.statusCode, query).toBe(200);
      const api = await site.get(`/api/content/v1/search?q=${encodeURIComponent(query.slice(0, 200))}`);
      expect(api.statusCode, query).toBe(200);
    }
    expect((await site.get('/recherche?q=' + 'a'.repeat(5000))).statusCode).toBe(200);
  });

  it('answers the Content API in JSON, public and cacheable, with absolute addresses and marked snippets', async () => {
    const response = await site.get('/api/content/v1/search?q=commandes&limit=5');
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    const body = response.json();
    expect(body).toMatchObject({ query: 'commandes', category: null, total: 1, more: false, page: 1, pages: 1 });
    expect(body.results[0]).toMatchObject({ title: 'Les commandes ralentissent', publishedAt: '2025-11-01T08:00:00.000Z' });
    expect(body.results[0].url).toMatch(/^http:\/\/.+\/commandes\/$/);
    expect(body.results[0].snippet).toContain('<mark>commandés</mark>');
    expect(body.results[0].categories[0].name).toBe('Ecommerce');
    const filtered = (await site.get('/api/content/v1/search?q=colis&category=logistique&page=2&limit=10')).json();
    expect(filtered).toMatchObject({ total: 12, page: 2, pages: 2, category: 'logistique' });
    expect(filtered.results).toHaveLength(2);
  });

  it('refuses out-of-range API parameters with a 400 naming them', async () => {
    for (const url of ['/api/content/v1/search', `/api/content/v1/search?q=${'a'.repeat(201)}`, '/api/content/v1/search?q=a&limit=51', '/api/content/v1/search?q=a&page=0', '/api/content/v1/search?q=a&page=1001', '/api/content/v1/search?q=a&sort=date']) {
      const response = await site.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code).toBe('invalid_request');
    }
  });

  it('documents the endpoint in the OpenAPI document', async () => {
    const document = (await site.get('/api/openapi.json')).json();
    const operation = document.paths['/api/content/v1/search'].get;
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['q', 'category', 'page', 'limit']);
    expect(operation.security).toBeUndefined();
    expect(operation.responses['200'].content['application/json'].schema.properties.results).toBeDefined();
  });

  it('serves /search, not /recherche, on an English site', async () => {
    await saveSettings(site.kiosque.db, site.kiosque.events, { locale: 'en' });
    try {
      const response = await site.get('/search?q=hebergeur&category=hebergement');
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('1 result for “hebergeur” in the category Hébergement');
      expect((await site.get('/recherche?q=hebergeur')).statusCode).toBe(404);
    } finally {
      await saveSettings(site.kiosque.db, site.kiosque.events, { locale: 'fr' });
    }
    expect((await site.get('/search?q=hebergeur')).statusCode).toBe(404);
  });
});

describe('search pages and the page cache', () => {
  it('are never answered from the cache, which is keyed by path alone', () => {
    expect(isCacheablePath('/recherche')).toBe(false);
    expect(isCacheablePath('/search')).toBe(false);
    expect(isCacheablePath('/recherche-de-fuites/')).toBe(true);
  });

  it('gives each query its own results over real HTTP, through the cache in front of the router', async () => {
    const test = await createTestConfig('sqlite', { PORT: '0' });
    const server = await startServer(test.config);
    try {
      await savePost(server.kiosque, postInput({ title: 'Alpha et oméga', slug: 'alpha', publishedAt: '2021-03-01T08:00:00.000Z' }));
      await savePost(server.kiosque, postInput({ title: 'Bêta ouverte', slug: 'beta', publishedAt: '2021-03-02T08:00:00.000Z' }));
      for (let round = 0; round < 2; round++) {
        const alpha = await (await fetch(server.url + 'recherche?q=alpha')).text();
        const beta = await (await fetch(server.url + 'recherche?q=beta')).text();
        expect(alpha).toContain('href="/alpha/"');
        expect(alpha).not.toContain('href="/beta/"');
        expect(beta).toContain('href="/beta/"');
        expect(beta).not.toContain('href="/alpha/"');
      }
    } finally {
      await server.stop();
      await test.cleanup();
    }
  });
});

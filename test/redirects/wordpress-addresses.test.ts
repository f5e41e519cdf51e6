import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postPath } from '../../src/content/permalinks.ts';
import { applyLegacyAddresses, legacyAddressesOf } from '../../src/importers/wordpress/wp.urls.apply.ts';
import type { LegacyAddressesInput, LegacyPost } from '../../src/importers/wordpress/wp.urls.ts';
import type { ImportedRulesReport } from '../../src/redirects/redirects.imported.ts';
import { saveSettings } from '../../src/settings/settings.ts';
import { expectStatus, startAdminSite, type AdminSite } from '../admin/admin-site.ts';
import { ENGINES } from '../support/database.ts';

const BLOG = 'https://blog.example.fr';
const PATTERN = '/%year%/%monthnum%/%postname%/';

interface Rule {
  id: number;
  from: string;
  to: string | null;
  status: number;
  origin: string;
  note: string;
}

/**
 * A blog imported from WordPress keeps its old addresses: the permalink pattern it had answers
 * its articles directly, and the rules the importer leaves answer the rest, query addresses
 * (/?p=12) included, before the page cache.
 */
describe.each(ENGINES)('the old addresses of a WordPress blog (%s)', (engine) => {
  let site: AdminSite;
  let articlePath: string;
  let movedPath: string;
  let pagePath: string;
  let input: LegacyAddressesInput;

  const apply = async (changes: Partial<LegacyAddressesInput> = {}): Promise<ImportedRulesReport> => {
    const report = await site.kiosque.db.kysely.transaction().execute((trx) => applyLegacyAddresses(trx, legacyAddressesOf({ ...input, ...changes }), site.clock.now));
    await site.kiosque.events.emit({ type: 'content.changed', reason: 'import' });
    return report;
  };
  const importRules = async () => {
    const { rules } = expectStatus<{ rules: Rule[] }>(await site.api('GET', '/redirects?origin=import&limit=200', { as: 'editor' }), 200);
    return rules;
  };

  beforeAll(async () => {
    site = await startAdminSite(engine);
    // The importer found /%year%/%monthnum%/%postname%/ and kept it.
    await saveSettings(site.kiosque.db, site.kiosque.events, { permalinkPattern: PATTERN });
    const timezone = site.kiosque.settings.current.timezone;
    const article = await site.makePost({ title: 'OVH : on vous habitue aux incidents', slug: 'ovh-incendie', publishedAt: '2024-05-14T07:30:00.000Z', categories: ['E-commerce'], author: 'Julien Dupont', tags: ['OVH'] });
    // Its WordPress slug was not one Kiosque keeps: it has a new address.
    const moved = await site.makePost({ title: 'Été : les soldes', slug: 'soldes-ete', publishedAt: '2024-06-26T05:00:00.000Z', categories: ['E-commerce'] });
    const page = await site.makePost({ type: 'page', title: 'À propos', slug: 'a-propos', categories: [] });
    const path = (saved: { id: number; type: 'post' | 'page'; slug: string; publishedAt: string | null }) => postPath(saved, PATTERN, timezone);
    articlePath = path(article);
    movedPath = path(moved);
    pagePath = path(page);
    const posts: LegacyPost[] = [
      { wpId: 12, postType: 'post', link: `${BLOG}/2024/05/ovh-incendie/`, newPath: articlePath },
      { wpId: 14, postType: 'post', link: `${BLOG}/2024/06/%c3%a9t%c3%a9-les-soldes/`, newPath: movedPath },
      { wpId: 15, postType: 'page', link: `${BLOG}/qui-sommes-nous/a-propos/`, newPath: pagePath },
      { wpId: 16, postType: 'post', link: `${BLOG}/?p=16`, newPath: undefined },
    ];
    input = {
      site: { blogUrl: BLOG, locale: 'fr' },
      posts,
      terms: [
        { wpId: 5, taxonomy: 'category', wpSlug: 'e-commerce', parentSlug: undefined, newSlug: 'e-commerce' },
        { wpId: 9, taxonomy: 'post_tag', wpSlug: 'ovh', parentSlug: undefined, newSlug: 'ovh' },
      ],
      authors: [{ wpId: 2, login: 'julien.dupont', newSlug: 'julien-dupont' }],
      attachments: [{ wpId: 20, link: `${BLOG}/2024/05/ovh-incendie/incendie-ovh/`, parentId: 12, url: `${BLOG}/wp-content/uploads/2024/05/incendie-ovh.jpg` }],
      mediaUrl: (url) => (url.endsWith('/incendie-ovh.jpg') ? '/media/2024/05/incendie-ovh.jpg' : undefined),
    };
    await apply();
  });
  afterAll(() => site.dispose());

  it('answers an article at its old address directly when the pattern was kept', async () => {
    expect(articlePath).toBe('/2024/05/ovh-incendie/');
    const response = await site.get('/2024/05/ovh-incendie/');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('on vous habitue aux incidents');
  });

  it('sends /?p=ID, /?page_id=ID and the other query addresses to where things live now, with the other parameters', async () => {
    const post = await site.get('/?p=12');
    expect(post.statusCode).toBe(301);
    expect(post.headers.location).toBe('/2024/05/ovh-incendie/');
    expect((await site.get('/?p=12&utm_source=lettre')).headers.location).toBe('/2024/05/ovh-incendie/?utm_source=lettre');
    expect((await site.get('/index.php?p=14')).headers.location).toBe(movedPath);
    expect((await site.get('/?page_id=15')).headers.location).toBe('/a-propos/');
    expect((await site.get('/?cat=5')).headers.location).toBe('/categorie/e-commerce/');
    expect((await site.get('/?tag=ovh')).headers.location).toBe('/tag/ovh/');
    expect((await site.get('/?author=2')).headers.location).toBe('/auteur/julien-dupont/');
    expect((await site.get('/?attachment_id=20')).headers.location).toBe('/2024/05/ovh-incendie/');
    expect((await site.get('/?feed=rss2')).headers.location).toBe('/feed/');
    for (const url of ['/?p=12', '/?cat=5']) expect((await site.get((await site.get(url)).headers.location as string)).statusCode, url).toBe(200);
  });

  it('sends the old addresses of posts, pages, categories, authors and feeds with a 301', async () => {
    const moves: Record<string, string> = {
      '/2024/06/%C3%A9t%C3%A9-les-soldes/': movedPath,
      '/qui-sommes-nous/a-propos/': '/a-propos/',
      '/category/e-commerce/': '/categorie/e-commerce/',
      '/category/e-commerce/feed/': '/categorie/e-commerce/feed/',
      '/author/julien-dupont/': '/auteur/julien-dupont/',
      '/2024/05/ovh-incendie/feed/': '/feed/',
    };
    for (const [from, to] of Object.entries(moves)) {
      const response = await site.get(from);
      expect(response.statusCode, from).toBe(301);
      expect(response.headers.location, from).toBe(to);
      expect((await site.get(to)).statusCode, to).toBe(200);
    }
    // Addresses that are the same on both: nothing to redirect.
    expect((await site.get('/tag/ovh/')).statusCode).toBe(200);
    expect((await site.get('/feed/')).statusCode).toBe(200);
  });

  it('sends an attachment page to its article and an uploaded file to the imported one', async () => {
    const attachment = await site.get('/2024/05/ovh-incendie/incendie-ovh/');
    expect(attachment.statusCode).toBe(301);
    expect(attachment.headers.location).toBe('/2024/05/ovh-incendie/');
    const upload = await site.get('/wp-content/uploads/2024/05/incendie-ovh.jpg');
    expect(upload.statusCode).toBe(301);
    expect(upload.headers.location).toBe('/media/2024/05/incendie-ovh.jpg');
  });

  it('serves the home page for a query address without a rule, and keeps answering the home page from the cache', async () => {
    const home = await site.get('/');
    expect(home.statusCode).toBe(200);
    // Behind the site's back, without the event a change sends: only a cached page still shows the old title.
    await site.kiosque.db.kysely.updateTable('posts').set({ title: 'Titre changé en douce' }).where('slug', '=', 'ovh-incendie').execute();
    try {
      for (const url of ['/?p=999', '/?utm_source=x', '/?page_id=abc']) {
        const response = await site.get(url);
        expect(response.statusCode, url).toBe(200);
        expect(response.headers.etag, url).toBe(home.headers.etag);
        expect(response.body, url).not.toContain('Titre changé en douce');
      }
      // Over real HTTP, through the cache in front of the router: the same answers.
      const address = await site.app.listen({ port: 0, host: '127.0.0.1' });
      const unrelated = await fetch(`${address}/?utm_source=x`, { redirect: 'manual' });
      expect(unrelated.status).toBe(200);
      expect(await unrelated.text()).not.toContain('Titre changé en douce');
      const unknown = await fetch(`${address}/?p=999`, { redirect: 'manual' });
      expect(unknown.status).toBe(200);
      expect(unknown.headers.get('etag')).toBe(home.headers.etag);
      const known = await fetch(`${address}/?p=12`, { redirect: 'manual' });
      expect(known.status).toBe(301);
      expect(known.headers.get('location')).toBe('/2024/05/ovh-incendie/');
      // WordPress's search goes to the site's own, never to the cached home page.
      const search = await fetch(`${address}/?s=h%C3%A9bergeur`, { redirect: 'manual' });
      expect(search.status).toBe(301);
      expect(search.headers.get('location')).toBe('/recherche?q=h%C3%A9bergeur');
    } finally {
      await site.kiosque.db.kysely.updateTable('posts').set({ title: 'OVH : on vous habitue aux incidents' }).where('slug', '=', 'ovh-incendie').execute();
      await site.kiosque.events.emit({ type: 'content.changed', reason: 'post.saved' });
    }
  });

  it('lists the rules as imported ones an administrator can edit, and a second import duplicates none', async () => {
    const before = await importRules();
    const byFrom = new Map(before.map((rule) => [rule.from, rule]));
    expect(byFrom.get('/?p=12')).toMatchObject({ to: '/2024/05/ovh-incendie/', status: 301, origin: 'import', note: 'WordPress post 12' });
    expect(byFrom.get('/category/e-commerce/')).toMatchObject({ to: '/categorie/e-commerce/', note: 'WordPress category e-commerce' });
    // Nothing for what kept its address, nor for a draft.
    expect(byFrom.has('/2024/05/ovh-incendie/')).toBe(false);
    expect(byFrom.has('/?p=16')).toBe(false);

    const again = await apply();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: before.length, keptManual: 0 });
    expect((await importRules()).length).toBe(before.length);

    // An administrator changes where /?page_id=15 leads; it is theirs to edit like any rule.
    const rule = byFrom.get('/?page_id=15')!;
    const changed = expectStatus<Rule>(await site.api('PATCH', `/redirects/${rule.id}`, { as: 'editor', body: { to: '/categorie/e-commerce/' } }), 200);
    expect(changed).toMatchObject({ from: '/?page_id=15', to: '/categorie/e-commerce/', origin: 'import' });
    expect((await site.get('/?page_id=15')).headers.location).toBe('/categorie/e-commerce/');
    // And may write one by hand: a query address is accepted, any other query is not.
    expect(expectStatus<Rule>(await site.api('POST', '/redirects', { as: 'editor', body: { from: '/?p=77', to: '/a-propos/', status: 301 } }), 201).from).toBe('/?p=77');
    expect((await site.api('POST', '/redirects', { as: 'editor', body: { from: '/?utm_source=x', to: '/a-propos/', status: 301 } })).statusCode).toBe(400);
  });

  it('leaves no chain: a target that redirects is replaced by where it leads, rules to an old address follow it, a hand-written rule stays', async () => {
    // Someone sent the category's archive elsewhere, pointed a rule at an old address, and wrote their own for another.
    await site.makePost({ title: 'Commerce', slug: 'commerce-en-ligne', publishedAt: '2024-01-02T08:00:00.000Z', categories: ['Commerce'] });
    expectStatus(await site.api('POST', '/redirects', { as: 'editor', body: { from: '/categorie/e-commerce/', to: '/categorie/commerce/', status: 301 } }), 201);
    expectStatus(await site.api('POST', '/redirects', { as: 'editor', body: { from: '/vieux-lien/', to: '/tag/disparu/', status: 301 } }), 201);
    const imported = (await importRules()).find((rule) => rule.from === '/author/julien-dupont/')!;
    expect((await site.api('DELETE', `/redirects/${imported.id}`, { as: 'editor' })).statusCode).toBe(204);
    expectStatus(await site.api('POST', '/redirects', { as: 'editor', body: { from: '/author/julien-dupont/', to: '/a-propos/', status: 302 } }), 201);

    const report = await apply({ terms: [...input.terms, { wpId: 11, taxonomy: 'post_tag', wpSlug: 'disparu', parentSlug: undefined, newSlug: 'ovh' }] });
    expect(report.keptManual).toBe(1);
    expect(report.rewritten).toBeGreaterThanOrEqual(1);

    const category = await site.get('/category/e-commerce/');
    expect(category.headers.location).toBe('/categorie/commerce/');
    const rules = new Map((await importRules()).map((rule) => [rule.from, rule.to]));
    expect(rules.get('/category/e-commerce/')).toBe('/categorie/commerce/');
    expect(rules.get('/?cat=5')).toBe('/categorie/commerce/');
    // The old rule to /tag/disparu/ now leads to where /tag/disparu/ leads: one hop.
    expect((await site.get('/tag/disparu/')).headers.location).toBe('/tag/ovh/');
    const manual = await site.api('GET', `/redirects?q=${encodeURIComponent('/vieux-lien/')}`, { as: 'editor' });
    expect(expectStatus<{ rules: Rule[] }>(manual, 200).rules[0]!.to).toBe('/tag/ovh/');
    // An imported rule is the import's: importing the blog again sets back the one edited above.
    expect(rules.get('/?page_id=15')).toBe('/a-propos/');
    const hand = await site.get('/author/julien-dupont/');
    expect(hand.statusCode).toBe(302);
    expect(hand.headers.location).toBe('/a-propos/');
  });

  it('answers the old addresses of a blog that lived in a sub-folder, query addresses included', async () => {
    await apply({ site: { blogUrl: `${BLOG}/blog/`, locale: 'fr' }, posts: input.posts.map((post) => ({ ...post, link: post.link.replace(BLOG, `${BLOG}/blog`) })), attachments: [] });
    const moves: Record<string, string> = {
      '/blog/?p=12': '/2024/05/ovh-incendie/',
      '/blog/index.php?p=12&utm_source=x': '/2024/05/ovh-incendie/?utm_source=x',
      '/blog/2024/05/ovh-incendie/': '/2024/05/ovh-incendie/',
      '/blog/category/e-commerce/': '/categorie/commerce/',
      '/blog/feed/': '/feed/',
      '/blog/': '/',
    };
    for (const [from, to] of Object.entries(moves)) {
      const response = await site.get(from);
      expect(response.statusCode, from).toBe(301);
      expect(response.headers.location, from).toBe(to);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/auth/audit.service.ts';
import { ENGINES } from '../support/database.ts';
import { expectStatus, startAdminSite, type AdminSite } from './admin-site.ts';

describe.each(ENGINES)('the site’s settings (%s)', (engine) => {
  let site: AdminSite;

  beforeAll(async () => {
    site = await startAdminSite(engine);
    await site.makePost({ title: 'Incendie', slug: 'incendie', publishedAt: '2021-03-10T23:30:00.000Z', featured: true });
    await site.makePost({ title: 'Pharmacies', slug: 'pharmacies', publishedAt: '2021-03-17T08:00:00.000Z', featured: true });
    await site.makePost({ title: 'Brouillon', slug: 'brouillon', status: 'draft', publishedAt: null });
  });
  afterAll(() => site.dispose());

  it('are read by every member of the staff, with their defaults', async () => {
    const settings = expectStatus(await site.api('GET', '/settings', { as: 'contributor' }), 200);
    expect(settings).toEqual({
      title: 'Kiosque',
      description: '',
      locale: 'fr',
      timezone: 'Europe/Paris',
      permalinkPattern: '/%postname%/',
      postsPerPage: 10,
      footerLinks: [],
      featuredOnHome: 3,
      highlightedOnHome: 4,
      siteUrl: '',
      hideFromSearchEngines: false,
      articleSchemaType: 'NewsArticle',
      robotsTxt: '',
      feedContent: 'full',
    });
  });

  it('take the public address only as an origin with an optional path, without a trailing slash', async () => {
    for (const siteUrl of ['www.example.fr', 'https://www.example.fr/', 'ftp://example.fr', 'https://example.fr/?x=1']) {
      const refused = expectStatus<{ field?: string }>(await site.api('PATCH', '/settings', { as: 'administrator', body: { siteUrl } }), 400);
      expect(refused.field, siteUrl).toBe('siteUrl');
    }
    const changed = expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { siteUrl: 'https://www.example.fr/blog' } }), 200);
    expect(changed).toMatchObject({ siteUrl: 'https://www.example.fr/blog' });
    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { siteUrl: '' } }), 200);
  });

  it('are changed by an administrator, shown on the site at once, and logged', async () => {
    const changed = expectStatus(
      await site.api('PATCH', '/settings', { as: 'administrator', body: { title: 'Le Kiosque du e-commerce', footerLinks: [{ label: 'Mentions légales', path: '/mentions-legales/' }] } }),
      200,
    );
    expect(changed).toMatchObject({ title: 'Le Kiosque du e-commerce', footerLinks: [{ label: 'Mentions légales', path: '/mentions-legales/' }] });
    const home = (await site.get('/')).body;
    expect(home).toContain('Le Kiosque du e-commerce');
    expect(home).toContain('href="/mentions-legales/"');
    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'settings.update' });
    expect(entries[0]).toMatchObject({ actor: { userId: site.staff.administrator.userId }, details: { title: { from: 'Kiosque', to: 'Le Kiosque du e-commerce' } } });
  });

  it('set how many posts the home page shows « À la une »', async () => {
    expect((await site.get('/')).body).toContain('id="k-featured"');
    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { featuredOnHome: 0 } }), 200);
    expect((await site.get('/')).body).not.toContain('id="k-featured"');
    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { featuredOnHome: 3 } }), 200);
  });

  it('refuses a bad value, an unknown setting, and anyone but an administrator', async () => {
    const zone = await site.api('PATCH', '/settings', { as: 'administrator', body: { timezone: 'Europe/Atlantis' } });
    expect(zone.statusCode).toBe(400);
    expect(zone.json()).toMatchObject({ code: 'invalid_request', field: 'timezone' });
    const pattern = await site.api('PATCH', '/settings', { as: 'administrator', body: { permalinkPattern: '/%year%/' } });
    expect(pattern.json()).toMatchObject({ field: 'permalinkPattern' });
    const unknown = await site.api('PATCH', '/settings', { as: 'administrator', body: { theme: 'sombre' } });
    expect(unknown.json()).toMatchObject({ field: 'theme' });
    const range = await site.api('PATCH', '/settings', { as: 'administrator', body: { postsPerPage: 0 } });
    expect(range.json()).toMatchObject({ field: 'postsPerPage' });
    expect((await site.api('PATCH', '/settings', { as: 'editor', body: { title: 'Pris' } })).statusCode).toBe(403);
    expect(expectStatus<{ title: string }>(await site.api('GET', '/settings', { as: 'editor' }), 200).title).toBe('Le Kiosque du e-commerce');
  });

  it('a new permalink pattern leaves a 301 at every public post’s old address, and back again', async () => {
    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { permalinkPattern: '/%year%/%monthnum%/%day%/%postname%/' } }), 200);
    // 23:30 UTC on 10 March is 11 March in Paris: the address follows the site's time zone.
    const moved = await site.get('/incendie/');
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/2021/03/11/incendie/');
    const paris = await site.get('/2021/03/11/incendie/');
    expect(paris.statusCode).toBe(200);
    expect(paris.body).toContain('<time datetime="2021-03-10T23:30:00Z">11 mars 2021</time>');
    expect((await site.get('/pharmacies/')).headers.location).toBe('/2021/03/17/pharmacies/');
    expect((await site.get('/brouillon/')).statusCode).toBe(404);

    // A new time zone moves the day in dated addresses: the same rule.
    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { timezone: 'UTC' } }), 200);
    expect((await site.get('/2021/03/11/incendie/')).headers.location).toBe('/2021/03/10/incendie/');
    expect((await site.get('/incendie/')).headers.location).toBe('/2021/03/10/incendie/');
    // And the date the article shows, the same day as its address.
    expect((await site.get('/2021/03/10/incendie/')).body).toContain('<time datetime="2021-03-10T23:30:00Z">10 mars 2021</time>');

    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { permalinkPattern: '/%postname%/', timezone: 'Europe/Paris' } }), 200);
    expect((await site.get('/incendie/')).statusCode).toBe(200);
    expect((await site.get('/2021/03/10/incendie/')).headers.location).toBe('/incendie/');
    expect((await site.get('/2021/03/11/incendie/')).headers.location).toBe('/incendie/');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSettings } from '../../src/settings/settings.ts';
import { expectStatus, startAdminSite, type AdminSite } from '../admin/admin-site.ts';
import { ENGINES } from '../support/database.ts';

describe.each(ENGINES)('robots.txt on %s', (engine) => {
  let site: AdminSite;

  beforeAll(async () => {
    site = await startAdminSite(engine);
    await saveSettings(site.kiosque.db, site.kiosque.events, { siteUrl: 'https://blog.example.fr' });
  });
  afterAll(() => site.dispose());

  it('by default opens everything but the admin and names the sitemap index, as plain text served like pages', async () => {
    const response = await site.get('/robots.txt');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body).toBe('User-agent: *\nAllow: /\nDisallow: /admin/\nDisallow: /api/admin/\n\nSitemap: https://blog.example.fr/sitemap.xml\n');
    expect((await site.get('/robots.txt', { 'if-none-match': String(response.headers.etag) })).statusCode).toBe(304);
  });

  it('is the administrator’s own text once written in the settings, and the default again once emptied', async () => {
    const custom = 'User-agent: *\r\nDisallow: /recherche\r\n\r\nSitemap: https://blog.example.fr/sitemap.xml\r\n';
    const saved = expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { robotsTxt: custom } }), 200);
    expect(saved.robotsTxt).toBe(custom);
    expect(expectStatus(await site.api('GET', '/settings', { as: 'administrator' }), 200).robotsTxt).toBe(custom);
    expect((await site.get('/robots.txt')).body).toBe('User-agent: *\nDisallow: /recherche\n\nSitemap: https://blog.example.fr/sitemap.xml\n');

    expect((await site.api('PATCH', '/settings', { as: 'editor', body: { robotsTxt: 'User-agent: *\nDisallow: /\n' } })).statusCode).toBe(403);
    expect((await site.get('/robots.txt')).body).toContain('Disallow: /recherche');

    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { robotsTxt: '' } }), 200);
    expect((await site.get('/robots.txt')).body).toContain('Allow: /\n');
  });

  it('disallows everything while the site is hidden from search engines, whatever was written', async () => {
    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { robotsTxt: 'User-agent: *\nAllow: /\n', hideFromSearchEngines: true } }), 200);
    expect((await site.get('/robots.txt')).body).toBe('User-agent: *\nDisallow: /\n');
    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { hideFromSearchEngines: false } }), 200);
    expect((await site.get('/robots.txt')).body).toBe('User-agent: *\nAllow: /\n');
  });

  it('names the sitemap at the public address the site is given', async () => {
    expectStatus(await site.api('PATCH', '/settings', { as: 'administrator', body: { robotsTxt: '', siteUrl: 'https://www.kiosque.example/blog' } }), 200);
    expect((await site.get('/robots.txt')).body).toContain('\nSitemap: https://www.kiosque.example/blog/sitemap.xml\n');
  });
});

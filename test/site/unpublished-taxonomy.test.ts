import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, startAdminSite, type AdminSite } from '../admin/admin-site.ts';
import { ENGINES } from '../support/database.ts';

/**
 * A category or tag a writer adds to a draft is unpublished work: readers see it once a post of it
 * is public, and no longer once none is. The newsroom sees it all along.
 */
describe.each(ENGINES)('categories and tags of unpublished posts on %s', (engine) => {
  let site: AdminSite;

  beforeAll(async () => {
    site = await startAdminSite(engine);
    await site.makePost({ title: 'Un article public', slug: 'public', categories: ['Ecommerce'], tags: ['OVH'] });
  });
  afterAll(() => site.dispose());

  const draft = async (categories: string[], tags: string[] = []) =>
    expectStatus<{ id: number }>(await site.api('POST', '/posts', { as: 'editor', body: { title: 'Un essai en cours', markdown: 'Texte.', status: 'draft', categories, tags } }), 201).id;

  /** The home page (warm in the page cache from the second read on) and the search form. */
  const shown = async () => {
    const home = (await site.get('/')).body;
    const search = (await site.get('/recherche?q=essai')).body;
    return { home, search };
  };

  it('keeps a draft’s new category out of the navigation, the search form and its own addresses', async () => {
    await shown();
    const id = await draft(['Essais']);
    const { home, search } = await shown();
    expect(home).toContain('href="/categorie/ecommerce/"');
    expect(home).not.toContain('Essais');
    expect(search).not.toContain('Essais');
    expect((await site.get('/categorie/essais/')).statusCode).toBe(404);
    expect((await site.get('/categorie/essais/feed/')).statusCode).toBe(404);
    const admin = expectStatus<{ categories: { name: string }[] }>(await site.api('GET', '/categories', { as: 'contributor' }), 200);
    expect(admin.categories.map((category) => category.name)).toContain('Essais');

    expectStatus(await site.api('POST', `/posts/${id}/publish`, { as: 'editor', body: {} }), 200);
    expect((await shown()).home).toContain('href="/categorie/essais/"');
    expect((await shown()).search).toContain('Essais');
    expect((await site.get('/categorie/essais/')).statusCode).toBe(200);

    expectStatus(await site.api('POST', `/posts/${id}/unpublish`, { as: 'editor', body: {} }), 200);
    expect((await shown()).home).not.toContain('Essais');
    expect((await site.get('/categorie/essais/')).statusCode).toBe(404);
  });

  it('shows a parent whose sub-category only has a public post, and not a sub-category without one', async () => {
    await site.makePost({ title: 'Un récit', slug: 'recit', categories: ['Lectures > Romans'] });
    await draft(['Lectures > Poésie']);
    const home = (await site.get('/')).body;
    expect(home).toContain('href="/categorie/lectures/"');
    const parent = await site.get('/categorie/lectures/');
    expect(parent.statusCode).toBe(200);
    expect(parent.body).toContain('href="/categorie/romans/"');
    expect(parent.body).not.toContain('Poésie');
    expect((await site.get('/categorie/poesie/')).statusCode).toBe(404);
  });

  it('shows a scheduled post’s category when its time comes, without any change to announce it', async () => {
    const at = '2026-03-01T08:00:00.000Z';
    await site.makePost({ title: 'Un entretien à venir', slug: 'entretien', status: 'scheduled', publishedAt: at, categories: ['Entretiens'] });
    expect((await site.get('/')).body).not.toContain('Entretiens');
    expect((await site.get('/categorie/entretiens/')).statusCode).toBe(404);
    site.clock.now = '2026-03-01T09:00:00.000Z';
    expect((await site.get('/')).body).toContain('href="/categorie/entretiens/"');
    expect((await site.get('/categorie/entretiens/')).statusCode).toBe(200);
  });

  it('answers 404 for a tag only drafts carry, as for such a category', async () => {
    await draft([], ['Brouillon secret']);
    expect((await site.get('/tag/brouillon-secret/')).statusCode).toBe(404);
    expect((await site.get('/tag/brouillon-secret/feed/')).statusCode).toBe(404);
    expect((await site.get('/tag/ovh/')).statusCode).toBe(200);
  });

  it('keeps a staff member without a public post off the site: no author page, no author feed', async () => {
    const { id } = await site.makePost({ title: 'Un brouillon de Nadia', slug: 'brouillon-nadia', author: 'Nadia Roux', status: 'draft', publishedAt: null });
    expect((await site.get('/auteur/nadia-roux/')).statusCode).toBe(404);
    expect((await site.get('/auteur/nadia-roux/feed/')).statusCode).toBe(404);
    expectStatus(await site.api('POST', `/posts/${id}/publish`, { as: 'editor', body: {} }), 200);
    expect((await site.get('/auteur/nadia-roux/')).statusCode).toBe(200);
    expect((await site.get('/auteur/nadia-roux/feed/')).statusCode).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/database.ts';
import { expectStatus, startAdminSite, type AdminSite } from './admin-site.ts';

describe.each(ENGINES)('the preview (%s)', (engine) => {
  let site: AdminSite;

  beforeAll(async () => {
    site = await startAdminSite(engine);
    // Neighbours and related posts, so the page has everything an article page shows.
    await site.makePost({ title: 'Un article plus ancien', slug: 'plus-ancien', tags: ['Hébergement'], publishedAt: '2025-11-01T08:00:00.000Z' });
    await site.makePost({ title: 'Encore plus ancien', slug: 'encore-plus-ancien', categories: ['Ecommerce'], publishedAt: '2025-10-01T08:00:00.000Z' });
  });
  afterAll(() => site.dispose());

  const fields = {
    title: 'Sauvegardes : la leçon de l’incendie',
    markdown: 'Le feu a pris dans la nuit.\n\n| Site | Salles |\n|---|---:|\n| SBG1 | 4,5 |\n\n:::pullquote\nLa sauvegarde était sur place.\n:::',
    categories: ['Ecommerce', 'Hébergement > Cloud'],
    tags: ['Hébergement', 'Sauvegarde'],
    excerpt: 'Ce que l’incendie a appris aux hébergés.',
    seoTitle: 'La leçon de l’incendie',
    publishedAt: '2025-12-15T08:00:00.000Z',
    featured: true,
  };

  const count = async (table: 'posts' | 'categories' | 'tags' | 'post_revisions' | 'audit_log') =>
    Number((await site.kiosque.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('renders the public page of unsaved fields as text/html, and stores nothing', async () => {
    const before = await Promise.all([count('posts'), count('categories'), count('tags'), count('post_revisions'), count('audit_log')]);
    const response = await site.api('POST', '/preview', { as: 'author', body: { ...fields, status: 'draft' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toMatch(/^<!DOCTYPE html>/i);
    expect(response.body).toContain('La sauvegarde était sur place.');
    expect(response.body).toContain('Encore plus ancien');
    expect(await Promise.all([count('posts'), count('categories'), count('tags'), count('post_revisions'), count('audit_log')])).toEqual(before);
    expect((await site.get('/sauvegardes-la-lecon-de-lincendie/')).statusCode).toBe(404);
  });

  it('is exactly the page readers get once the post is published', async () => {
    const preview = await site.api('POST', '/preview', { as: 'editor', body: fields });
    const { url } = expectStatus<{ url: string }>(await site.api('POST', '/posts', { as: 'editor', body: { ...fields, status: 'published' } }), 201);
    const published = await site.get(url);
    expect(published.statusCode).toBe(200);
    expect(preview.body).toBe(published.body);
  });

  it('previews changes to a saved post in its own place, without saving them', async () => {
    const { id, url } = expectStatus<{ id: number; url: string }>(
      await site.api('POST', '/posts', { as: 'author', body: { title: 'Version publiée', markdown: 'Le texte en ligne.', status: 'published', publishedAt: '2025-12-20T08:00:00Z' } }),
      201,
    );
    const preview = await site.api('POST', '/preview', { as: 'author', body: { id, title: 'Version retouchée', markdown: 'Le texte retouché.' } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Le texte retouché.');
    expect(preview.body).toContain(`<link rel="canonical" href="${site.kiosque.siteUrl()}${url}"`);
    expect(preview.body).not.toContain('Version publiée');
    expect((await site.get(url)).body).toContain('Le texte en ligne.');
    const saved = expectStatus<{ title: string }>(await site.api('GET', `/posts/${id}`, { as: 'author' }), 200);
    expect(saved.title).toBe('Version publiée');
  });

  it('shows a page as a page, and refuses what the role could not write', async () => {
    const page = await site.api('POST', '/preview', { as: 'editor', body: { type: 'page', title: 'Mentions légales', markdown: 'Éditeur : Kiosque.' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('article--page');
    expect((await site.api('POST', '/preview', { as: 'contributor', body: { title: 'Mon brouillon', markdown: 'x' } })).statusCode).toBe(200);
    expect((await site.api('POST', '/preview', { as: 'contributor', body: { type: 'page', title: 'Une page', markdown: 'x' } })).statusCode).toBe(403);
    const editorsPost = expectStatus<{ id: number }>(await site.api('POST', '/posts', { as: 'editor', body: { title: 'De la rédaction en chef', markdown: 'x', status: 'draft' } }), 201);
    expect((await site.api('POST', '/preview', { as: 'author', body: { id: editorsPost.id, title: 'x', markdown: 'y' } })).statusCode).toBe(403);
    expect((await site.api('POST', '/preview', { body: { title: 'x', markdown: 'y' } })).statusCode).toBe(401);
  });
});

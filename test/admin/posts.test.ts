import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/auth/audit.service.ts';
import { ENGINES } from '../support/database.ts';
import { expectStatus, startAdminSite, type AdminSite } from './admin-site.ts';

describe.each(ENGINES)('posts through the Admin API (%s)', (engine) => {
  let site: AdminSite;

  beforeAll(async () => {
    site = await startAdminSite(engine);
  });
  afterAll(() => site.dispose());

  it('creates a published post: 201 {id, slug, url}, on the public site and its home page at once', async () => {
    // The home page is in the page cache before the post exists.
    expect((await site.get('/')).statusCode).toBe(200);
    expect((await site.get('/')).body).not.toContain('Incendie au datacenter');

    const response = await site.api('POST', '/posts', {
      as: 'editor',
      body: { title: 'Incendie au datacenter', markdown: 'Le feu a pris dans la nuit.\n\n## Les sauvegardes\n\nElles étaient sur place.', status: 'published', categories: ['Hébergement'], tags: ['Sauvegarde'] },
    });
    const created = expectStatus<{ id: number; slug: string; url: string }>(response, 201);
    expect(Object.keys(created).sort()).toEqual(['id', 'slug', 'url']);
    expect(created).toMatchObject({ slug: 'incendie-au-datacenter', url: '/incendie-au-datacenter/' });

    const article = await site.get(created.url);
    expect(article.statusCode).toBe(200);
    expect(article.body).toContain('Incendie au datacenter');
    expect(article.body).toContain('Elles étaient sur place.');
    const home = await site.get('/');
    expect(home.body).toContain('Incendie au datacenter');
    expect(home.body).toContain(created.url);
  });

  it('reads a post back with its Markdown, terms and byline, and lists it with filters', async () => {
    const { id } = expectStatus<{ id: number }>(
      await site.api('POST', '/posts', {
        as: 'author',
        body: { title: 'Les pharmacies en ligne', markdown: 'Texte.', status: 'draft', categories: ['Ecommerce > Santé'], tags: ['Pharmacie', 'Santé'], excerpt: 'Un résumé' },
      }),
      201,
    );
    const post = expectStatus<Record<string, unknown>>(await site.api('GET', `/posts/${id}`, { as: 'author' }), 200);
    expect(post).toMatchObject({
      id,
      type: 'post',
      title: 'Les pharmacies en ligne',
      status: 'draft',
      publishedAt: null,
      markdown: 'Texte.',
      excerpt: 'Un résumé',
      featured: false,
      image: null,
      author: { id: site.staff.author.authorId },
      categories: [{ name: 'Santé', slug: 'sante', path: 'Ecommerce > Santé' }],
      tags: [{ name: 'Pharmacie' }, { name: 'Santé' }],
    });

    const drafts = expectStatus<{ posts: { id: number }[]; total: number }>(await site.api('GET', '/posts?status=draft&type=post', { as: 'contributor' }), 200);
    expect(drafts.posts.map((p) => p.id)).toContain(id);
    expect(drafts.posts.every((p) => (p as unknown as { status: string }).status === 'draft')).toBe(true);
    const byTitle = expectStatus<{ posts: { id: number }[]; total: number }>(await site.api('GET', '/posts?q=PHARMACIES', { as: 'editor' }), 200);
    expect(byTitle).toMatchObject({ total: 1, posts: [{ id }] });
    // A parent category finds the posts of its sub-categories.
    const byCategory = expectStatus<{ posts: { id: number }[] }>(await site.api('GET', '/posts?category=ecommerce', { as: 'editor' }), 200);
    expect(byCategory.posts.map((p) => p.id)).toEqual([id]);
    const byAuthor = expectStatus<{ posts: { id: number }[] }>(await site.api('GET', `/posts?author=${site.staff.author.authorId}`, { as: 'editor' }), 200);
    expect(byAuthor.posts.map((p) => p.id)).toEqual([id]);
    const paged = expectStatus<{ posts: unknown[]; total: number }>(await site.api('GET', '/posts?limit=1&page=2', { as: 'editor' }), 200);
    expect(paged.posts).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(2);
  });

  it('refuses an unknown field with a 400 that names it, and changes nothing', async () => {
    const before = expectStatus<{ total: number }>(await site.api('GET', '/posts', { as: 'editor' }), 200).total;
    const response = await site.api('POST', '/posts', { as: 'editor', body: { title: 'Titre', markdown: 'Texte', status: 'draft', colour: 'rouge' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request', field: 'colour' });
    expect(expectStatus<{ total: number }>(await site.api('GET', '/posts', { as: 'editor' }), 200).total).toBe(before);
  });

  it('refuses a wrong type with a 400 that names the field, without coercing it', async () => {
    const titleAsNumber = await site.api('POST', '/posts', { as: 'editor', body: { title: 12, markdown: 'Texte', status: 'draft' } });
    expect(titleAsNumber.statusCode).toBe(400);
    expect(titleAsNumber.json()).toMatchObject({ code: 'invalid_request', field: 'title' });
    const badStatus = await site.api('POST', '/posts', { as: 'editor', body: { title: 'Titre', markdown: 'Texte', status: 'online' } });
    expect(badStatus.json()).toMatchObject({ code: 'invalid_request', field: 'status' });
    const badFlag = await site.api('PATCH', '/posts/1', { as: 'editor', body: { featured: 'yes' } });
    expect(badFlag.json()).toMatchObject({ code: 'invalid_request', field: 'featured' });
    const missing = await site.api('POST', '/posts', { as: 'editor', body: { title: 'Titre', status: 'draft' } });
    expect(missing.json()).toMatchObject({ code: 'invalid_request', field: 'markdown' });
  });

  it('refuses an image that is not a media library or web address', async () => {
    const response = await site.api('POST', '/posts', { as: 'editor', body: { title: 'Image', markdown: 'x', status: 'draft', image: { url: 'javascript:alert(1)', alt: 'x' } } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'image.url' });
  });

  it('never gives a post the address of one of the site’s own routes', async () => {
    const created = expectStatus<{ slug: string; url: string }>(await site.api('POST', '/posts', { as: 'editor', body: { title: 'Admin', markdown: 'x', status: 'published' } }), 201);
    expect(created).toMatchObject({ slug: 'admin-2', url: '/admin-2/' });
    expect((await site.get('/admin-2/')).statusCode).toBe(200);
  });

  it('refuses to schedule in the past and to publish in the future', async () => {
    const past = await site.api('POST', '/posts', { as: 'editor', body: { title: 'Trop tard', markdown: 'x', status: 'scheduled', publishedAt: '2025-12-31T23:00:00Z' } });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ code: 'invalid_request', field: 'publishedAt' });
    const noDate = await site.api('POST', '/posts', { as: 'editor', body: { title: 'Sans date', markdown: 'x', status: 'scheduled' } });
    expect(noDate.json()).toMatchObject({ field: 'publishedAt' });
    const future = await site.api('POST', '/posts', { as: 'editor', body: { title: 'Trop tôt', markdown: 'x', status: 'published', publishedAt: '2026-02-01T00:00:00Z' } });
    expect(future.json()).toMatchObject({ field: 'publishedAt' });
  });

  it('changes a published post: the page shows the change at once, and the old address answers 301', async () => {
    const { id, url } = expectStatus<{ id: number; url: string }>(
      await site.api('POST', '/posts', { as: 'editor', body: { title: 'Bilan de la FEVAD', markdown: 'Premier bilan.', status: 'published', slug: 'bilan-fevad' } }),
      201,
    );
    expect((await site.get(url)).body).toContain('Premier bilan.');
    const changed = expectStatus<{ slug: string; url: string; markdown: string }>(
      await site.api('PATCH', `/posts/${id}`, { as: 'editor', body: { markdown: 'Second bilan.', slug: 'bilan-fevad-2021' } }),
      200,
    );
    expect(changed).toMatchObject({ slug: 'bilan-fevad-2021', url: '/bilan-fevad-2021/', markdown: 'Second bilan.' });
    const moved = await site.get(url);
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/bilan-fevad-2021/');
    expect((await site.get('/bilan-fevad-2021/')).body).toContain('Second bilan.');

    // A second move points the first address straight at the newest one: no chain.
    await site.api('PATCH', `/posts/${id}`, { as: 'editor', body: { slug: 'fevad-bilan-annuel' } });
    expect((await site.get('/bilan-fevad/')).headers.location).toBe('/fevad-bilan-annuel/');
    expect((await site.get('/bilan-fevad-2021/')).headers.location).toBe('/fevad-bilan-annuel/');

    // Back to the first slug: that address is the post again, and the others lead to it.
    await site.api('PATCH', `/posts/${id}`, { as: 'editor', body: { slug: 'bilan-fevad' } });
    expect((await site.get('/bilan-fevad/')).statusCode).toBe(200);
    expect((await site.get('/fevad-bilan-annuel/')).headers.location).toBe('/bilan-fevad/');
    expect((await site.get('/bilan-fevad-2021/')).headers.location).toBe('/bilan-fevad/');
  });

  it('keeps every save as a revision, shows a line diff against the current text, and restores one as a new save', async () => {
    const { id } = expectStatus<{ id: number }>(
      await site.api('POST', '/posts', { as: 'author', body: { title: 'Premier jet', markdown: 'Un.\nDeux.\nTrois.', status: 'draft', tags: ['Brouillon'] } }),
      201,
    );
    await site.api('PATCH', `/posts/${id}`, { as: 'author', body: { title: 'Second jet', markdown: 'Un.\nDeux bis.\nTrois.\nQuatre.', tags: [] } });
    const { revisions } = expectStatus<{ revisions: { id: number; title: string; user: { id: number } | null }[] }>(
      await site.api('GET', `/posts/${id}/revisions`, { as: 'author' }),
      200,
    );
    expect(revisions.map((r) => r.title)).toEqual(['Second jet', 'Premier jet']);
    expect(revisions[1]!.user).toMatchObject({ id: site.staff.author.userId });

    const first = expectStatus<{ markdown: string; fields: { tags: string[]; status: string }; diff: { op: string; text: string }[] }>(
      await site.api('GET', `/posts/${id}/revisions/${revisions[1]!.id}`, { as: 'author' }),
      200,
    );
    expect(first.markdown).toBe('Un.\nDeux.\nTrois.');
    expect(first.fields).toMatchObject({ tags: ['Brouillon'], status: 'draft' });
    expect(first.diff).toEqual([
      { op: 'same', text: 'Un.' },
      { op: 'removed', text: 'Deux.' },
      { op: 'added', text: 'Deux bis.' },
      { op: 'same', text: 'Trois.' },
      { op: 'added', text: 'Quatre.' },
    ]);

    const restored = expectStatus<{ title: string; markdown: string; tags: { name: string }[] }>(
      await site.api('POST', `/posts/${id}/revisions/${revisions[1]!.id}/restore`, { as: 'author', body: {} }),
      200,
    );
    expect(restored).toMatchObject({ title: 'Premier jet', markdown: 'Un.\nDeux.\nTrois.', tags: [{ name: 'Brouillon' }] });
    const after = expectStatus<{ revisions: { title: string }[] }>(await site.api('GET', `/posts/${id}/revisions`, { as: 'author' }), 200);
    expect(after.revisions.map((r) => r.title)).toEqual(['Premier jet', 'Second jet', 'Premier jet']);
    expect((await site.api('GET', `/posts/${id}/revisions/999999`, { as: 'author' })).statusCode).toBe(404);
  });

  it('lets a draft’s slug follow its title until it is published', async () => {
    const { id, slug } = expectStatus<{ id: number; slug: string }>(await site.api('POST', '/posts', { as: 'author', body: { title: '', markdown: 'Début', status: 'draft' } }), 201);
    expect(slug).toMatch(/^article(-\d+)?$/);
    const titled = expectStatus<{ slug: string }>(await site.api('PATCH', `/posts/${id}`, { as: 'author', body: { title: 'La monétique en 2021' } }), 200);
    expect(titled.slug).toBe('la-monetique-en-2021');
    const published = expectStatus<{ slug: string; status: string }>(await site.api('POST', `/posts/${id}/publish`, { as: 'author', body: {} }), 200);
    expect(published).toMatchObject({ slug: 'la-monetique-en-2021', status: 'published' });
    const retitled = expectStatus<{ slug: string }>(await site.api('PATCH', `/posts/${id}`, { as: 'author', body: { title: 'La monétique en 2022' } }), 200);
    expect(retitled.slug).toBe('la-monetique-en-2021');
  });

  it('unpublishes (404 on the site), republishes with the original date, and deletes (410)', async () => {
    const { id, url } = expectStatus<{ id: number; url: string }>(
      await site.api('POST', '/posts', { as: 'author', body: { title: 'Cycle de vie', markdown: 'Texte.', status: 'published', publishedAt: '2025-06-01T08:00:00Z' } }),
      201,
    );
    expect((await site.get(url)).statusCode).toBe(200);
    const draft = expectStatus<{ status: string; publishedAt: string }>(await site.api('POST', `/posts/${id}/unpublish`, { as: 'author', body: {} }), 200);
    expect(draft).toMatchObject({ status: 'draft', publishedAt: '2025-06-01T08:00:00.000Z' });
    expect((await site.get(url)).statusCode).toBe(404);
    const again = expectStatus<{ status: string; publishedAt: string }>(await site.api('POST', `/posts/${id}/publish`, { as: 'author' }), 200);
    expect(again).toMatchObject({ status: 'published', publishedAt: '2025-06-01T08:00:00.000Z' });
    expect((await site.get(url)).statusCode).toBe(200);

    expect((await site.api('DELETE', `/posts/${id}`, { as: 'author' })).statusCode).toBe(204);
    expect((await site.get(url)).statusCode).toBe(410);
    expect((await site.api('GET', `/posts/${id}`, { as: 'author' })).statusCode).toBe(404);
    expect((await site.api('DELETE', `/posts/${id}`, { as: 'author' })).statusCode).toBe(404);
  });

  it('writes the audit log: create, update, publish, unpublish and delete, with who and what', async () => {
    const { id } = expectStatus<{ id: number }>(await site.api('POST', '/posts', { as: 'editor', body: { title: 'Audité', markdown: 'x', status: 'draft' } }), 201);
    await site.api('PATCH', `/posts/${id}`, { as: 'editor', body: { markdown: 'y' } });
    await site.api('POST', `/posts/${id}/publish`, { as: 'editor', body: {} });
    await site.api('POST', `/posts/${id}/unpublish`, { as: 'editor', body: {} });
    await site.api('PATCH', `/posts/${id}`, { as: 'editor', body: { status: 'published' } });
    await site.api('DELETE', `/posts/${id}`, { as: 'editor' });
    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'post' });
    const mine = entries.filter((entry) => entry.targetId === String(id)).reverse();
    expect(mine.map((entry) => entry.action)).toEqual(['post.create', 'post.update', 'post.publish', 'post.unpublish', 'post.update', 'post.publish', 'post.delete']);
    expect(mine[0]).toMatchObject({ actor: { userId: site.staff.editor.userId }, targetType: 'post', details: { title: 'Audité', status: 'draft' } });
  });
});

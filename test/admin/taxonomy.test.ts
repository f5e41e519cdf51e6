import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/database.ts';
import { expectStatus, startAdminSite, type AdminSite } from './admin-site.ts';

interface Category {
  id: number;
  name: string;
  slug: string;
  parentId: number | null;
  path: string;
  count: number;
}

describe.each(ENGINES)('categories and tags (%s)', (engine) => {
  let site: AdminSite;

  beforeAll(async () => {
    site = await startAdminSite(engine);
  });
  afterAll(() => site.dispose());

  const categories = async () => expectStatus<{ categories: Category[] }>(await site.api('GET', '/categories', { as: 'contributor' }), 200).categories;

  it('builds a tree of categories, and shows it on the public site at once', async () => {
    expect((await site.get('/')).body).not.toContain('Ecommerce');
    const top = expectStatus<Category>(await site.api('POST', '/categories', { as: 'editor', body: { name: 'Ecommerce', description: 'Le commerce en ligne' } }), 201);
    expect(top).toMatchObject({ name: 'Ecommerce', slug: 'ecommerce', parentId: null, path: 'Ecommerce', count: 0 });
    const child = expectStatus<Category>(await site.api('POST', '/categories', { as: 'editor', body: { name: 'Monétique', slug: 'paiement', parentId: top.id } }), 201);
    expect(child).toMatchObject({ slug: 'paiement', parentId: top.id, path: 'Ecommerce > Monétique' });
    await site.makePost({ title: 'Un article classé', categories: ['Ecommerce'] });
    // The navigation lists the top-level categories.
    expect((await site.get('/')).body).toContain('href="/categorie/ecommerce/"');
  });

  it('files a post under existing categories by name, path or id, and creates new names', async () => {
    const [ecommerce, monetique] = [(await categories()).find((c) => c.slug === 'ecommerce')!, (await categories()).find((c) => c.slug === 'paiement')!];
    const { id } = expectStatus<{ id: number }>(
      await site.api('POST', '/posts', { as: 'author', body: { title: 'Classement', markdown: 'x', status: 'draft', categories: ['ecommerce > MONÉTIQUE', ecommerce.id, 'Nouvelle rubrique'] } }),
      201,
    );
    const post = expectStatus<{ categories: { id: number; path: string }[] }>(await site.api('GET', `/posts/${id}`, { as: 'author' }), 200);
    expect(post.categories.map((c) => c.path)).toEqual(['Ecommerce > Monétique', 'Ecommerce', 'Nouvelle rubrique']);
    expect(post.categories[0]!.id).toBe(monetique.id);
    const unknown = await site.api('POST', '/posts', { as: 'author', body: { title: 'x', markdown: 'x', status: 'draft', categories: [999_999] } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: 'categories' });
  });

  it('refuses a parent that would put a category inside itself, and an address already taken', async () => {
    const all = await categories();
    const top = all.find((c) => c.slug === 'ecommerce')!;
    const child = all.find((c) => c.slug === 'paiement')!;
    const cycle = await site.api('PATCH', `/categories/${top.id}`, { as: 'editor', body: { parentId: child.id } });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json()).toMatchObject({ code: 'invalid_request', field: 'parentId' });
    expect((await site.api('PATCH', `/categories/${top.id}`, { as: 'editor', body: { parentId: top.id } })).statusCode).toBe(400);
    const taken = await site.api('PATCH', `/categories/${child.id}`, { as: 'editor', body: { slug: 'Ecommerce' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'conflict' });
    const renamed = expectStatus<Category>(await site.api('PATCH', `/categories/${child.id}`, { as: 'editor', body: { name: 'Paiement', parentId: null } }), 200);
    expect(renamed).toMatchObject({ name: 'Paiement', parentId: null, path: 'Paiement' });
    expect((await site.api('PATCH', '/categories/999999', { as: 'editor', body: { name: 'x' } })).statusCode).toBe(404);
  });

  it('deletes a category: its children move up, its posts keep their other categories', async () => {
    const parent = expectStatus<Category>(await site.api('POST', '/categories', { as: 'administrator', body: { name: 'Marketing' } }), 201);
    const child = expectStatus<Category>(await site.api('POST', '/categories', { as: 'administrator', body: { name: 'SEO', parentId: parent.id } }), 201);
    const { id } = expectStatus<{ id: number }>(await site.api('POST', '/posts', { as: 'editor', body: { title: 'Double', markdown: 'x', status: 'draft', categories: [parent.id, 'Web'] } }), 201);
    expect((await site.api('DELETE', `/categories/${parent.id}`, { as: 'editor' })).statusCode).toBe(204);
    expect((await categories()).find((c) => c.id === child.id)).toMatchObject({ parentId: null, path: 'SEO' });
    const post = expectStatus<{ categories: { name: string }[] }>(await site.api('GET', `/posts/${id}`, { as: 'editor' }), 200);
    expect(post.categories.map((c) => c.name)).toEqual(['Web']);
    expect((await site.api('DELETE', `/categories/${parent.id}`, { as: 'editor' })).statusCode).toBe(404);
  });

  it('refuses a second category of the same name under the same parent, whatever its case and accents', async () => {
    const veille = expectStatus<Category>(await site.api('POST', '/categories', { as: 'editor', body: { name: 'Veille' } }), 201);
    const twin = await site.api('POST', '/categories', { as: 'editor', body: { name: 'veillé' } });
    expect(twin.statusCode).toBe(409);
    expect(twin.json()).toEqual({ code: 'category_name_taken', field: 'name', message: 'Il y a déjà une rubrique «\u00a0Veille\u00a0» au premier niveau\u00a0: choisissez un autre nom.' });
    const outils = expectStatus<Category>(await site.api('POST', '/categories', { as: 'editor', body: { name: 'Outils', parentId: veille.id } }), 201);
    // The same name elsewhere in the tree is another category: « Veille > Outils » and « Outils ».
    const top = expectStatus<Category>(await site.api('POST', '/categories', { as: 'editor', body: { name: 'Outils' } }), 201);
    const underVeille = await site.api('POST', '/categories', { as: 'editor', body: { name: 'OUTILS', parentId: veille.id } });
    expect(underVeille.statusCode).toBe(409);
    expect(underVeille.json().message).toBe('Il y a déjà une rubrique «\u00a0Outils\u00a0» dans «\u00a0Veille\u00a0»\u00a0: choisissez un autre nom.');
    // Renaming or moving into a name taken is refused too; keeping one's own name is not.
    expect((await site.api('PATCH', `/categories/${top.id}`, { as: 'editor', body: { parentId: veille.id } })).statusCode).toBe(409);
    expect((await site.api('PATCH', `/categories/${top.id}`, { as: 'editor', body: { name: 'veille' } })).statusCode).toBe(409);
    expect((await site.api('PATCH', `/categories/${outils.id}`, { as: 'editor', body: { name: 'outils', description: 'Nos outils' } })).statusCode).toBe(200);
    expect((await categories()).filter((c) => c.name.toLowerCase() === 'veille')).toHaveLength(1);
  });

  it('refuses a second tag of the same name, whatever its case and accents', async () => {
    const tag = expectStatus<{ id: number }>(await site.api('POST', '/tags', { as: 'editor', body: { name: 'Énergie' } }), 201);
    const twin = await site.api('POST', '/tags', { as: 'editor', body: { name: 'energie' } });
    expect(twin.statusCode).toBe(409);
    expect(twin.json()).toEqual({ code: 'tag_name_taken', field: 'name', message: 'Il y a déjà une étiquette «\u00a0Énergie\u00a0»\u00a0: choisissez un autre nom.' });
    const other = expectStatus<{ id: number }>(await site.api('POST', '/tags', { as: 'editor', body: { name: 'Climat' } }), 201);
    expect((await site.api('PATCH', `/tags/${other.id}`, { as: 'editor', body: { name: 'ÉNERGIE' } })).statusCode).toBe(409);
    expect((await site.api('PATCH', `/tags/${tag.id}`, { as: 'editor', body: { name: 'énergie' } })).statusCode).toBe(200);
  });

  it('manages tags: create, rename, count, delete', async () => {
    const tag = expectStatus<{ id: number; slug: string }>(await site.api('POST', '/tags', { as: 'editor', body: { name: 'Cybersécurité' } }), 201);
    expect(tag.slug).toBe('cybersecurite');
    await site.api('POST', '/posts', { as: 'author', body: { title: 'Étiqueté', markdown: 'x', status: 'draft', tags: ['cybersécurité', tag.id] } });
    const { tags } = expectStatus<{ tags: { id: number; name: string; count: number }[] }>(await site.api('GET', '/tags', { as: 'author' }), 200);
    expect(tags.find((t) => t.id === tag.id)).toMatchObject({ name: 'Cybersécurité', count: 1 });
    expect(expectStatus(await site.api('PATCH', `/tags/${tag.id}`, { as: 'editor', body: { name: 'Sécurité', slug: 'securite' } }), 200)).toMatchObject({ name: 'Sécurité', slug: 'securite' });
    expect((await site.api('POST', '/tags', { as: 'editor', body: { name: 'Autre', slug: 'securite' } })).statusCode).toBe(409);
    expect((await site.api('DELETE', `/tags/${tag.id}`, { as: 'editor' })).statusCode).toBe(204);
    expect((await site.api('DELETE', `/tags/${tag.id}`, { as: 'editor' })).statusCode).toBe(404);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCategories, loadTaxonomy } from '../../src/content/content.queries.ts';
import { CategoryTree } from '../../src/site/site.categories.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

/** A post's categories, in their order, whether the categories come from memory or from the table. */
describe.each(ENGINES)('the categories of posts on %s', (engine) => {
  let site: TestSite;

  beforeEach(async () => {
    site = await startTestSite(engine);
  });
  afterEach(() => site.dispose());

  it('are the same, in the same order, read with the categories in memory, without them, and with one missing from memory', async () => {
    // Paiement is created first: its id is the lowest, and the order kept is the post's, not the ids'.
    const second = await site.makePost({ categories: ['Paiement'] });
    const first = await site.makePost({ categories: ['Logistique', 'Ecommerce', 'Paiement'] });
    const posts = [first, second].map((post) => ({ id: post.id, author_id: null }));
    const names = (taxonomy: Awaited<ReturnType<typeof loadTaxonomy>>) =>
      posts.map((post) => (taxonomy.categories.get(post.id) ?? []).map((category) => `${category.id}:${category.slug}:${category.name}`));

    const fromTable = await loadTaxonomy(site.kiosque.db, posts);
    expect(names(fromTable).map((list) => list.map((entry) => entry.split(':')[2]))).toEqual([['Logistique', 'Ecommerce', 'Paiement'], ['Paiement']]);

    const all = await listCategories(site.kiosque.db);
    expect(names(await loadTaxonomy(site.kiosque.db, posts, false, new CategoryTree(all)))).toEqual(names(fromTable));
    // A category created after the tree was loaded: the read goes through the table instead.
    const withoutPaiement = new CategoryTree(all.filter((category) => category.name !== 'Paiement'));
    expect(names(await loadTaxonomy(site.kiosque.db, posts, false, withoutPaiement))).toEqual(names(fromTable));
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

/** Pages past the last are 404s: the pagination's count decides them, and it is kept between changes. */
describe.each(ENGINES)('listing pagination with the page cache off on %s', (engine) => {
  let site: TestSite;

  beforeEach(async () => {
    site = await startTestSite(engine, { KIOSQUE_PAGE_CACHE_MB: '0' });
    for (let n = 0; n < 10; n++) await site.makePost({ categories: ['Ecommerce'] });
  });
  afterEach(() => site.dispose());

  it('gains a page when an eleventh post is published, and loses it when that post goes back to draft', async () => {
    expect((await site.get('/page/2/')).statusCode).toBe(404);
    expect((await site.get('/categorie/ecommerce/page/2/')).statusCode).toBe(404);
    const eleventh = await site.makePost({ title: 'Le onzième', slug: 'onzieme', categories: ['Ecommerce'] });
    expect((await site.get('/page/2/')).statusCode).toBe(200);
    expect((await site.get('/categorie/ecommerce/page/2/')).statusCode).toBe(200);
    await site.makePost({ title: 'Le onzième', slug: 'onzieme', categories: ['Ecommerce'], status: 'draft' }, eleventh.id);
    expect((await site.get('/page/2/')).statusCode).toBe(404);
    expect((await site.get('/categorie/ecommerce/page/2/')).statusCode).toBe(404);
  });

  it('gains a page when a scheduled post’s time comes, which no change announces', async () => {
    await site.makePost({ title: 'Attendu demain matin', slug: 'demain', status: 'scheduled', publishedAt: '2026-01-02T07:00:00.000Z', categories: ['Ecommerce'] });
    expect((await site.get('/page/2/')).statusCode).toBe(404);
    expect((await site.get('/categorie/ecommerce/page/2/')).statusCode).toBe(404);
    site.clock.now = '2026-01-02T07:00:01.000Z';
    expect((await site.get('/page/2/')).statusCode).toBe(200);
    expect((await site.get('/categorie/ecommerce/page/2/')).statusCode).toBe(200);
    // And when the clock goes back (only tests do that), the count is made again for that instant.
    site.clock.now = '2026-01-01T00:00:00.000Z';
    expect((await site.get('/page/2/')).statusCode).toBe(404);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWordpress } from '../../src/importers/wordpress/wp.importer.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

/**
 * After an import, the old blog's addresses that are not a post keep answering: its paged
 * archives, its comments feed, its date archives and the resized copies of its images.
 */
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/wordpress');
const UPLOADS = path.join(FIXTURES, 'uploads');
const ARTICLE = '/2024/05/ovh-on-vous-habitue-aux-incidents/';
/** A size of a picture that the uploads folder lacks and its metadata does not list (a theme's size, added later). */
const MISSING_COPY = '/wp-content/uploads/2024/05/datacenter-strasbourg-1024x768.jpg';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-wp-archives-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The fixture, its Gutenberg post showing a resized copy of picture 21 instead of the original. */
function exportWithMissingCopy(): string {
  const text = fs.readFileSync(path.join(FIXTURES, 'blog-fr.xml'), 'utf8');
  const original = '<img src="https://blog.example.fr/wp-content/uploads/2024/05/datacenter-strasbourg.jpg" alt="Vue aérienne';
  expect(text.split(original)).toHaveLength(2);
  const file = path.join(scratch, 'export.xml');
  fs.writeFileSync(file, text.replace(original, original.replace('datacenter-strasbourg.jpg', 'datacenter-strasbourg-1024x768.jpg')));
  return file;
}

describe.each(ENGINES)('the archives and files of an imported WordPress blog (%s)', (engine) => {
  let site: TestSite;
  const file = exportWithMissingCopy();
  const run = () => importWordpress({ db: site.kiosque.db, events: site.kiosque.events, dataDir: site.kiosque.config.dataDir }, file, { mediaDir: UPLOADS });
  const expectRedirect = async (from: string, to: string) => {
    const response = await site.get(from);
    expect(response.statusCode, from).toBe(301);
    expect(response.headers.location, from).toBe(to);
  };

  beforeAll(async () => {
    site = await startTestSite(engine);
    // Written here before the import, at the address of the blog's archive of 2024.
    await site.makePost({ type: 'page', title: 'Notre année 2024', slug: '2024', categories: [] });
    await run();
    site.clock.now = new Date().toISOString();
  });
  afterAll(() => site.dispose());

  it('sends any page of a category, tag or author archive to the same page of its archive here', async () => {
    for (const page of [2, 17]) {
      await expectRedirect(`/category/ecommerce/page/${page}/`, `/categorie/ecommerce/page/${page}/`);
      // A child category, under its parent's address and its own.
      await expectRedirect(`/category/ecommerce/hebergement/page/${page}/`, `/categorie/hebergement/page/${page}/`);
      await expectRedirect(`/category/hebergement/page/${page}/`, `/categorie/hebergement/page/${page}/`);
      await expectRedirect(`/author/claire/page/${page}/`, `/auteur/claire-martin/page/${page}/`);
    }
    // A tag's archive keeps its address here: its pages answer by themselves.
    expect((await site.get('/tag/ovh/page/2/')).headers.location).toBeUndefined();
    // One rule for every page of an archive, not one per page.
    const rules = await site.kiosque.db.kysely.selectFrom('redirects').select(['from_path', 'to_path', 'kind']).where('from_path', 'like', '%/page/%').execute();
    expect(rules).toContainEqual({ from_path: '/category/ecommerce/page/*/', to_path: '/categorie/ecommerce/page/$1/', kind: 'pattern' });
    expect(rules.filter((rule) => rule.kind === 'exact')).toEqual([]);
  });

  it("sends the blog's comments feed and an archive's feed to the feeds here", async () => {
    await expectRedirect('/comments/feed/', '/feed/');
    await expectRedirect('/category/ecommerce/feed/', '/categorie/ecommerce/feed/');
    // A tag's feed keeps its address here.
    expect((await site.get('/tag/ovh/feed/')).statusCode).toBe(200);
  });

  it('answers 410 Gone at the date archives the blog had, and leaves its articles and pages alone', async () => {
    for (const archive of ['/2024/05/', '/2024/05/14/', '/2024/05/22/']) expect((await site.get(archive)).statusCode, archive).toBe(410);
    const page = await site.get('/2024/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Notre année 2024');
    // No post on those dates: WordPress answered 404 there, and so does the site.
    for (const none of ['/2023/', '/2024/03/', '/2024/05/15/']) expect((await site.get(none)).statusCode, none).toBe(404);
    expect((await site.get(ARTICLE)).statusCode).toBe(200);
    expect((await site.get('/2024/05/sea-le-cout-par-clic-a-double/')).statusCode).toBe(200);
  });

  it('sends a resized copy the content showed, though neither the folder nor the metadata had it, to the imported original', async () => {
    const original = await site.get('/wp-content/uploads/2024/05/datacenter-strasbourg.jpg');
    expect(original.statusCode).toBe(301);
    expect(original.headers.location).toMatch(/^\/media\/\d{4}\/\d{2}\/datacenter-strasbourg-[0-9a-f]{10}\.jpg$/);
    await expectRedirect(MISSING_COPY, original.headers.location as string);
  });

  it('writes every one of these rules once, however often the blog is imported', async () => {
    const count = async () => Number((await site.kiosque.db.kysely.selectFrom('redirects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const again = await run();
    expect(again.redirects).toMatchObject({ created: 0, updated: 0 });
    expect(await count()).toBe(before);
    await expectRedirect('/category/ecommerce/page/2/', '/categorie/ecommerce/page/2/');
    expect((await site.get('/2024/05/')).statusCode).toBe(410);
    expect((await site.get('/2024/')).statusCode).toBe(200);
    await expectRedirect('/comments/feed/', '/feed/');
    expect((await site.get(MISSING_COPY)).statusCode).toBe(301);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importWordpress } from '../../src/importers/wordpress/wp.importer.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite } from '../support/site.ts';

/**
 * WordPress keeps a post's former slugs (postmeta `_wp_old_slug`, once per slug) and sends their
 * addresses to the post when nothing else lives there: an imported blog keeps doing so.
 */
const BLOG = path.resolve(import.meta.dirname, '../fixtures/wordpress/blog-fr.xml');
const ARTICLE = '/2024/05/ovh-on-vous-habitue-aux-incidents/';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-old-slugs-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** The fixture, its sticky post (item 10) given these former slugs. */
function exportWithOldSlugs(slugs: string[]): string {
  const text = fs.readFileSync(BLOG, 'utf8');
  const sticky = '<wp:is_sticky>1</wp:is_sticky>';
  expect(text.split(sticky)).toHaveLength(2);
  const meta = slugs.map((slug) => `\n\t\t<wp:postmeta>\n\t\t\t<wp:meta_key><![CDATA[_wp_old_slug]]></wp:meta_key>\n\t\t\t<wp:meta_value><![CDATA[${slug}]]></wp:meta_value>\n\t\t</wp:postmeta>`).join('');
  const file = path.join(scratch, `export-${slugs.length}.xml`);
  fs.writeFileSync(file, text.replace(sticky, sticky + meta));
  return file;
}

describe.each(ENGINES)('the former slugs of an imported WordPress post (%s)', (engine) => {
  it('answer a 301 to the post, once however often the blog is imported, and never in place of a post that lives there', async () => {
    const site = await startTestSite(engine);
    try {
      const { kiosque } = site;
      // Written here before the import, at an address one of the former slugs gives.
      await site.makePost({ title: 'Notre récit du sinistre', slug: 'ovh-incendie', publishedAt: '2024-05-10T08:00:00.000Z', categories: [] });
      // Two former slugs, one of them the current one of another imported post (17, also of May 2024).
      const file = exportWithOldSlugs(['ovh-sbg2-incendie', 'ovh-incendie', 'sea-le-cout-par-clic-a-double', 'ovh-strasbourg']);
      const run = () => importWordpress({ db: kiosque.db, events: kiosque.events, dataDir: kiosque.config.dataDir }, file);
      const first = await run();
      site.clock.now = new Date().toISOString();

      for (const former of ['/2024/05/ovh-sbg2-incendie/', '/2024/05/ovh-strasbourg/', '/?p=10']) {
        const response = await site.get(former);
        expect(response.statusCode, former).toBe(301);
        expect(response.headers.location, former).toBe(ARTICLE);
      }
      const feed = await site.get('/2024/05/ovh-sbg2-incendie/feed/');
      expect(feed.statusCode).toBe(301);
      expect(feed.headers.location).toBe('/feed/');
      // The posts living at the addresses two former slugs give keep them.
      const written = await site.get('/2024/05/ovh-incendie/');
      expect(written.statusCode).toBe(200);
      expect(written.body).toContain('Notre récit du sinistre');
      const imported = await site.get('/2024/05/sea-le-cout-par-clic-a-double/');
      expect(imported.statusCode).toBe(200);
      expect(imported.body).toContain('le coût par clic');

      // (Post 17's comment feed has its own rule, from its own address.)
      const formerAddresses = [...['ovh-sbg2-incendie', 'ovh-incendie', 'ovh-strasbourg'].flatMap((slug) => [`/2024/05/${slug}/`, `/2024/05/${slug}/feed/`]), '/2024/05/sea-le-cout-par-clic-a-double/'];
      const rules = () => kiosque.db.kysely.selectFrom('redirects').select(['from_path', 'to_path']).where('from_path', 'in', formerAddresses).orderBy('from_path').execute();
      expect(await rules()).toEqual([
        { from_path: '/2024/05/ovh-sbg2-incendie/', to_path: ARTICLE },
        { from_path: '/2024/05/ovh-sbg2-incendie/feed/', to_path: '/feed/' },
        { from_path: '/2024/05/ovh-strasbourg/', to_path: ARTICLE },
        { from_path: '/2024/05/ovh-strasbourg/feed/', to_path: '/feed/' },
      ]);
      expect(first.redirects.created).toBeGreaterThanOrEqual(4);

      const again = await run();
      expect(again.redirects).toMatchObject({ created: 0, updated: 0 });
      expect(await rules()).toHaveLength(4);
    } finally {
      await site.dispose();
    }
  }, 120_000);
});

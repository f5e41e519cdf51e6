import type { Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postPath } from '../../src/content/permalinks.ts';
import type { DatabaseSchema } from '../../src/db/schema.ts';
import { applyLegacyAddresses, legacyAddressesOf, type LegacyAddressesSource } from '../../src/importers/wordpress/wp.urls.apply.ts';
import { ImportedPostAddresses } from '../../src/importers/wordpress/wp.urls.posts.ts';
import { legacyRedirects, type LegacyAddressesInput, type LegacyPost } from '../../src/importers/wordpress/wp.urls.ts';
import { writeImportedRules, type ImportedRulesReport } from '../../src/redirects/redirects.imported.ts';
import { saveSettings } from '../../src/settings/settings.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

const BLOG = 'https://blog.example.fr';
const PATTERN = '/%year%/%monthnum%/%postname%/';

type Trx = Transaction<DatabaseSchema>;

class RolledBack extends Error {}

/**
 * A large blog's old addresses are written a page of posts at a time, its posts read from the
 * database: the rules are the ones the whole blog written at once gives, the first reason for
 * an address winning across pages and no rule leading away from a post of a later page.
 */
describe.each(ENGINES)('the old addresses of a WordPress blog written a page at a time (%s)', (engine) => {
  let site: TestSite;
  let input: LegacyAddressesInput;
  const timezone = () => site.kiosque.settings.current.timezone;

  /** The rules a source writes in a transaction rolled back afterwards, with its report. */
  const written = async (source: (trx: Trx) => LegacyAddressesSource | 'at once') => {
    let result: { report: ImportedRulesReport; rules: { from_path: string; to_path: string | null }[] } | undefined;
    await site.kiosque.db.kysely
      .transaction()
      .execute(async (trx) => {
        const given = source(trx);
        const report = given === 'at once' ? await writeImportedRules(trx, legacyRedirects(input), site.clock.now) : await applyLegacyAddresses(trx, given, site.clock.now);
        const rules = await trx.selectFrom('redirects').select(['from_path', 'to_path']).where('origin', '=', 'import').orderBy('from_path').execute();
        result = { report, rules };
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    return result!;
  };

  beforeAll(async () => {
    site = await startTestSite(engine);
    await saveSettings(site.kiosque.db, site.kiosque.events, { permalinkPattern: PATTERN });
    const made = [
      await site.makePost({ slug: 'ovh-incendie', publishedAt: '2024-05-14T07:30:00.000Z' }),
      await site.makePost({ slug: 'soldes-ete', publishedAt: '2024-06-26T05:00:00.000Z' }),
      await site.makePost({ slug: 'ovh', publishedAt: '2024-05-02T05:00:00.000Z' }),
      await site.makePost({ slug: 'doublon', publishedAt: '2024-07-02T05:00:00.000Z' }),
      await site.makePost({ type: 'page', slug: 'a-propos', categories: [] }),
      await site.makePost({ slug: 'brouillon', status: 'draft' }),
    ];
    const links = [
      // Its old address is where the third post now lives: no rule may lead away from it.
      `${BLOG}/2024/05/ovh/`,
      `${BLOG}/2024/06/%c3%a9t%c3%a9-les-soldes/`,
      `${BLOG}/ovh/`,
      // The same old address as the second post's: the first reason wins, from another page.
      `${BLOG}/2024/06/%c3%a9t%c3%a9-les-soldes/`,
      `${BLOG}/qui-sommes-nous/a-propos/`,
      `${BLOG}/?p=17`,
    ];
    const posts: LegacyPost[] = made.map((post, index) => ({
      wpId: 12 + index,
      postType: post.type,
      link: links[index]!,
      newPath: post.status === 'published' ? postPath(post, PATTERN, timezone()) : undefined,
    }));
    await site.kiosque.db.kysely
      .insertInto('import_mappings')
      .values(posts.map((post, index) => ({ source: 'wordpress' as const, kind: post.postType === 'page' ? ('page' as const) : ('post' as const), source_id: post.wpId, local_id: made[index]!.id, source_url: post.link, created_at: site.clock.now, updated_at: site.clock.now })))
      .execute();
    input = {
      site: { blogUrl: BLOG, locale: 'fr' },
      posts,
      terms: [{ wpId: 5, taxonomy: 'category', wpSlug: 'e-commerce', parentSlug: undefined, newSlug: 'ecommerce' }],
      authors: [],
      attachments: [
        { wpId: 20, link: `${BLOG}/2024/05/ovh-incendie/incendie-ovh/`, parentId: 12, url: `${BLOG}/wp-content/uploads/2024/05/incendie-ovh.jpg` },
        { wpId: 21, link: `${BLOG}/?attachment_id=21`, parentId: 17, url: `${BLOG}/wp-content/uploads/2024/05/brouillon.jpg` },
      ],
      mediaUrl: (url) => `/media/${url.split('/').pop()}`,
    };
  });
  afterAll(() => site.dispose());

  it('reads the imported posts in pages, with their new addresses, and knows which addresses they live at', async () => {
    await site.kiosque.db.kysely.transaction().execute(async (trx) => {
      const addresses = new ImportedPostAddresses(trx, { permalinkPattern: PATTERN, timezone: timezone() }, site.clock.now);
      const pages: LegacyPost[][] = [];
      for await (const page of addresses.pages(4)) pages.push(page);
      // Posts, then pages, each by WordPress id.
      expect(pages.map((page) => page.length)).toEqual([4, 1, 1]);
      expect(pages.flat().map((post) => post.wpId)).toEqual([12, 13, 14, 15, 17, 16]);
      expect(new Set(pages.flat())).toEqual(new Set(input.posts));
      const live = await addresses.live(['/2024/05/ovh/', '/a-propos/', '/2024/05/inconnu/', '/2021/01/brouillon/', '/ovh/', '/2024/06/ovh/']);
      expect([...live].sort()).toEqual(['/2024/05/ovh/', '/a-propos/']);
      expect(await addresses.newPaths([12, 16, 17, 99])).toEqual(new Map([[12, '/2024/05/ovh-incendie/'], [16, '/a-propos/']]));
    });
  });

  it('writes the same rules a post at a time, from the database, as the whole blog at once', async () => {
    const atOnce = await written(() => 'at once');
    const fromDatabase = await written((trx) => {
      const addresses = new ImportedPostAddresses(trx, { permalinkPattern: PATTERN, timezone: timezone() }, site.clock.now);
      return { ...legacyAddressesOf(input), posts: addresses.pages(1), livePosts: (paths) => addresses.live(paths), newPaths: (ids) => addresses.newPaths(ids) };
    });
    const inMemory = await written(() => legacyAddressesOf(input, 1));
    const rules = new Map(atOnce.rules.map((rule) => [rule.from_path, rule.to_path]));
    expect(rules.has('/2024/05/ovh/')).toBe(false);
    expect(rules.get('/2024/06/%C3%A9t%C3%A9-les-soldes/')).toBe('/2024/06/soldes-ete/');
    expect(rules.get('/?p=15')).toBe('/2024/07/doublon/');
    expect(rules.get('/?attachment_id=20')).toBe('/2024/05/ovh-incendie/');
    expect(rules.get('/?attachment_id=21')).toBe('/media/brouillon.jpg');
    expect(fromDatabase.rules).toEqual(atOnce.rules);
    expect(inMemory.rules).toEqual(atOnce.rules);
    const { created, updated, unchanged, keptManual } = atOnce.report;
    expect(fromDatabase.report).toMatchObject({ created, updated, unchanged, keptManual });
    expect(inMemory.report).toMatchObject({ created, updated, unchanged, keptManual });
  });

  it('updates a page at a time what was written at once, and duplicates nothing', async () => {
    await site.kiosque.db.kysely.transaction().execute((trx) => writeImportedRules(trx, legacyRedirects(input), site.clock.now));
    const again = await written(() => legacyAddressesOf(input, 1));
    const first = await written(() => 'at once');
    expect(again.rules).toEqual(first.rules);
    expect(again.report).toMatchObject({ created: 0, updated: 0, unchanged: first.rules.length, keptManual: 0 });
  });
});

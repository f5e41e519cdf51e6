import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportMarkdown } from '../../src/exporters/export.markdown.ts';
import { importMarkdownFolder } from '../../src/importers/markdown/markdown.importer.ts';
import { importWordpress } from '../../src/importers/wordpress/wp.importer.ts';
import { projectPath } from '../../src/paths.ts';
import { readSettings, saveSettings } from '../../src/settings/settings.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';
import { temporaryFolder } from './export-support.ts';
import { asOnTarget, commentIdMap, mediaAddressMap, postIdMap, publicAddresses } from './roundtrip-support.ts';

/**
 * Issue 5's round trip: a WordPress export imported, exported as Markdown, imported into an empty
 * site, serves the same pages. Everything this blog shows travels in the folder: readers' comments
 * and the posts' canonical address and noindex (from Yoast SEO) in the front matter, category
 * descriptions and parents in the category files. Nothing is given to the new site by hand but its
 * settings (not content: its administrator would set them); what may differ is only what the new
 * site names itself (see roundtrip-support.ts): media file names, which carry the month of the
 * import, post ids in feed entry ids, and comment ids in the comments' anchors (#comment-12).
 */

const FIXTURE = projectPath('test', 'fixtures', 'wordpress', 'blog-fr.xml');
const UPLOADS = projectPath('test', 'fixtures', 'wordpress', 'uploads');

/** What the WordPress fixture brings beyond posts, counted on a site, to prove it reached both. */
async function extras(site: TestSite) {
  const db = site.kiosque.db.kysely;
  const comments = await db.selectFrom('comments').select(['status', 'parent_id']).execute();
  const categories = await db.selectFrom('categories').select(['description', 'parent_id']).execute();
  const posts = await db.selectFrom('posts').select(['canonical_url', 'noindex']).execute();
  return {
    approvedComments: comments.filter((comment) => comment.status === 'approved').length,
    replies: comments.filter((comment) => comment.status === 'approved' && comment.parent_id !== null).length,
    descriptions: categories.filter((category) => category.description !== '').length,
    childCategories: categories.filter((category) => category.parent_id !== null).length,
    canonicalAddresses: posts.filter((post) => post.canonical_url !== null).length,
    noindex: posts.filter((post) => post.noindex === 1).length,
  };
}

describe.each(ENGINES)('WordPress import, Markdown export, import into an empty site, on %s', (engine) => {
  let source: TestSite;
  let target: TestSite;
  let folder: ReturnType<typeof temporaryFolder>;
  let dir: string;

  beforeAll(async () => {
    source = await startTestSite(engine);
    target = await startTestSite(engine);
    folder = temporaryFolder();
    // Pages without a date are dated when imported: both sites must read the real time.
    source.clock.now = target.clock.now = new Date(Date.now() + 60_000).toISOString();
    const { kiosque } = source;
    await importWordpress({ db: kiosque.db, events: kiosque.events, dataDir: kiosque.config.dataDir }, FIXTURE, { mediaDir: UPLOADS });

    dir = path.join(folder.dir, 'export');
    await exportMarkdown({ db: kiosque.db, dataDir: kiosque.config.dataDir, siteUrl: kiosque.siteUrl() }, dir);
    await saveSettings(target.kiosque.db, target.kiosque.events, await readSettings(kiosque.db));
    const report = await importMarkdownFolder({ db: target.kiosque.db, events: target.kiosque.events, dataDir: target.kiosque.config.dataDir }, dir);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  }, 120_000);

  afterAll(async () => {
    await source.dispose();
    await target.dispose();
    folder.remove();
  });

  it('carries comments, category descriptions and parents, canonical addresses and noindex through the folder', async () => {
    const before = await extras(source);
    for (const [what, count] of Object.entries(before)) expect(count, what).toBeGreaterThan(0);
    expect(await extras(target)).toEqual(before);
  });

  it('serves the same HTML at every public address', async () => {
    const addresses = await publicAddresses(source);
    expect(addresses.length).toBeGreaterThan(15);
    const media = await mediaAddressMap(source, target);
    expect(media.size).toBeGreaterThan(0);
    const postIds = await postIdMap(source, target);
    const commentIds = await commentIdMap(source, target);
    for (const address of addresses) {
      const before = await source.get(address);
      const after = await target.get(address);
      expect(after.statusCode, address).toBe(before.statusCode);
      expect(after.body, address).toBe(asOnTarget(before.body, media, postIds, commentIds));
    }
  });

  it('imports the same folder again without doubling a comment or moving a category', async () => {
    const before = await extras(target);
    const report = await importMarkdownFolder({ db: target.kiosque.db, events: target.kiosque.events, dataDir: target.kiosque.config.dataDir }, dir);
    expect(report.errors).toEqual([]);
    expect(report.created).toBe(0);
    expect(await extras(target)).toEqual(before);
    const comments = await target.kiosque.db.kysely.selectFrom('comments').select('id').execute();
    expect(comments).toHaveLength(before.approvedComments);
  });
});

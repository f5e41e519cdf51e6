import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportMarkdown } from '../../src/exporters/export.markdown.ts';
import { importMarkdownFolder } from '../../src/importers/markdown/markdown.importer.ts';
import { readSettings, saveSettings } from '../../src/settings/settings.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';
import { loadDemo, temporaryFolder } from './export-support.ts';
import { asOnTarget, mediaAddressMap, postIdMap, publicAddresses } from './roundtrip-support.ts';

/**
 * No lock-in, proved: a blog exported as Markdown and imported into an empty Kiosque serves the
 * same HTML at every public address. One thing is allowed to differ, because the importing site
 * makes it itself: post ids, which feeds use in their entries' ids (`tag:…:post-12`). They are
 * mapped from one site to the other (by slug) before comparing; nothing else is. The media
 * library's files keep their names, so old links to them still work. Settings are not
 * content and a Markdown folder cannot carry them: the new site is given the old one's, as its
 * administrator would.
 */

describe.each(ENGINES)('Markdown export, then import into an empty site, on %s', (engine) => {
  let source: TestSite;
  let target: TestSite;
  let folder: ReturnType<typeof temporaryFolder>;

  beforeAll(async () => {
    source = await startTestSite(engine);
    target = await startTestSite(engine);
    folder = temporaryFolder();
    // The demo's pages are dated when they are imported: both sites must read the real time.
    source.clock.now = target.clock.now = new Date(Date.now() + 60_000).toISOString();
    await loadDemo(source);
    await source.makePost({ title: 'Les hébergeurs après l’incendie', categories: ['Ecommerce > Hébergement'], tags: ['Cloud'], author: 'Claire Delmas' });
    await source.makePost({ title: 'Un brouillon', status: 'draft', publishedAt: null });

    const dir = path.join(folder.dir, 'export');
    const exported = await exportMarkdown({ db: source.kiosque.db, dataDir: source.kiosque.config.dataDir, siteUrl: source.kiosque.siteUrl() }, dir);
    const settings = await readSettings(source.kiosque.db);
    await saveSettings(target.kiosque.db, target.kiosque.events, settings);
    const report = await importMarkdownFolder({ db: target.kiosque.db, events: target.kiosque.events, dataDir: target.kiosque.config.dataDir }, dir);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    // One file per post and page, and one per category and author (their descriptions and bios).
    expect(report).toMatchObject({ files: 15 + exported.categories + exported.authors, created: 15, mediaCopied: 10 });
  }, 120_000);

  afterAll(async () => {
    await source.dispose();
    await target.dispose();
    folder.remove();
  });

  it('serves the same HTML at every public address: home, articles, pages, archives, feeds, sitemap', async () => {
    const addresses = await publicAddresses(source);
    expect(addresses.length).toBeGreaterThan(60);
    expect(await publicAddresses(target)).toEqual(expect.arrayContaining(addresses));
    const media = await mediaAddressMap(source, target);
    // The demo's ten drawings and their PNG copies for cards, under the same names: an import
    // that added its own hash to them would make them longer at each round trip.
    expect(media.size).toBe(20);
    for (const [from, to] of media) expect(to).toBe(from);
    const postIds = await postIdMap(source, target);
    for (const address of addresses) {
      const before = await source.get(address);
      const after = await target.get(address);
      expect(before.statusCode, address).toBe(200);
      expect(after.statusCode, address).toBe(200);
      expect(after.body, address).toBe(asOnTarget(before.body, media, postIds));
    }
  });

  it('keeps the draft a draft, out of every public page', async () => {
    const draft = await target.kiosque.db.kysely.selectFrom('posts').select(['status', 'published_at']).where('slug', '=', 'un-brouillon').executeTakeFirstOrThrow();
    expect(draft).toEqual({ status: 'draft', published_at: null });
    expect((await target.get('/un-brouillon/')).statusCode).toBe(404);
  });
});

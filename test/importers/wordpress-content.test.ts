import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatWordpressReport, importWordpress, type WordpressImportReport } from '../../src/importers/wordpress/wp.importer.ts';
import { writeWxrFile } from '../../src/importers/wordpress/wxr.fixtures.ts';
import type { WxrItem, WxrSite } from '../../src/importers/wordpress/wxr.model.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/database.ts';

/** What a post's content names elsewhere in the export (reusable blocks, attachments) comes across with it, wherever the file declares it. */

const BLOG = 'https://journal.example.fr';
const site: WxrSite = { title: 'Journal', link: BLOG, description: '', language: 'fr-FR', baseSiteUrl: BLOG, baseBlogUrl: BLOG, wxrVersion: '1.2' };

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-wp-content-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function item(id: number, fields: Partial<WxrItem>): WxrItem {
  return {
    id, postType: 'post', title: `Article ${id}`, link: `${BLOG}/?p=${id}`, guid: `${BLOG}/?p=${id}`, slug: `article-${id}`, status: 'publish', creator: '',
    content: '', excerpt: '', date: '2024-05-10T10:00:00.000Z', localDate: '2024-05-10 12:00:00', modified: undefined, parentId: 0, menuOrder: 0,
    isSticky: false, password: '', attachmentUrl: undefined, terms: [], meta: {}, oldSlugs: [], comments: [], line: 0, ...fields,
  };
}

function exportOf(name: string, items: WxrItem[]): string {
  const file = path.join(scratch, name);
  writeWxrFile(file, { site, authors: [], terms: [], items });
  return file;
}

async function run(database: TestDatabase, file: string): Promise<WordpressImportReport> {
  return importWordpress({ db: database.db, events: database.events, dataDir: database.config.dataDir }, file);
}

async function markdownOf(database: TestDatabase, slug: string): Promise<string> {
  const post = await database.db.kysely.selectFrom('posts').select('markdown').where('slug', '=', slug).executeTakeFirstOrThrow();
  return post.markdown;
}

describe.each(ENGINES)('a WordPress post’s content on %s', (engine) => {
  it('shows a reusable block declared later in the file where the post places it, and does not import the block as a post', async () => {
    const database = await createTestDatabase(engine);
    try {
      const file = exportOf('reusable.xml', [
        item(100, { content: '<!-- wp:paragraph -->\n<p>Avant.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:block {"ref":345} /-->\n\n<!-- wp:paragraph -->\n<p>Après.</p>\n<!-- /wp:paragraph -->' }),
        item(345, { postType: 'wp_block', title: 'Bloc réutilisable', content: '<!-- wp:paragraph -->\n<p>Abonnez-vous à la <strong>lettre</strong>.</p>\n<!-- /wp:paragraph -->' }),
        item(101, { content: '<!-- wp:block {"ref":345} /--><!-- wp:block {"ref":999} /-->' }),
      ]);
      const report = await run(database, file);
      expect(await markdownOf(database, 'article-100')).toBe('Avant.\n\nAbonnez-vous à la **lettre**.\n\nAprès.');
      expect(await markdownOf(database, 'article-101')).toBe('Abonnez-vous à la **lettre**.');
      expect(report.counts.post).toEqual({ imported: 2, updated: 0, skipped: 0 });
      expect(report.skipped).toEqual({ 'type:wp_block': 1 });
      expect(report.warnings.map((warning) => [warning.itemId, warning.params])).toEqual([[101, { problem: 'block_dropped', detail: 'core/block (ref 999)' }]]);
    } finally {
      await database.dispose();
    }
  });

  it('shows a gallery whose pictures come later in the file, and reports only the picture the export lacks, saying what went wrong', async () => {
    const database = await createTestDatabase(engine);
    try {
      const picture = (id: number) => item(id, { postType: 'attachment', status: 'inherit', attachmentUrl: `${BLOG}/wp-content/uploads/2024/05/photo-${id}.jpg` });
      const file = exportOf('gallery.xml', [
        item(100, { content: '<p>Nos photos.</p>\n\n[gallery ids="55, 56,999"]\n\n<iframe src="https://carte.example.org/embed"></iframe>' }),
        picture(55),
        picture(56),
      ]);
      const report = await run(database, file);
      expect(await markdownOf(database, 'article-100')).toBe(
        `Nos photos.\n\n![](${BLOG}/wp-content/uploads/2024/05/photo-55.jpg)\n\n![](${BLOG}/wp-content/uploads/2024/05/photo-56.jpg)`,
      );
      expect(report.warnings.map((warning) => [warning.itemId, warning.params])).toEqual([
        [100, { problem: 'gallery_unresolved', detail: '999' }],
        [100, { problem: 'iframe_dropped', detail: 'https://carte.example.org/embed' }],
      ]);
      expect(formatWordpressReport(report, 'en')).toContain(': gallery images not in the export, left out: 999\n');
      expect(formatWordpressReport(report, 'fr')).toContain('\u00a0: cadre d’un site que Kiosque n’intègre pas, laissé de côté\u00a0: https://carte.example.org/embed\n');
    } finally {
      await database.dispose();
    }
  });
});

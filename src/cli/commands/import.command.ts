import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../config.ts';
import { SQLITE_FILE_NAME } from '../../db/db.ts';
import { KiosqueError } from '../../errors.ts';
import { CONFIG_OPTIONS, type CommandSpec } from '../cli.ts';
import { createProgress } from '../progress.ts';

/**
 * A dry run writes nothing. Where there is no SQLite database yet, it runs on an empty one in
 * memory, migrated as the file would be, rather than creating the data dir and its file; the
 * report is the one a real run would give. Elsewhere the importers write nothing or roll back.
 */
function dryRunInMemory(config: Config, dryRun: boolean): boolean {
  return dryRun && !config.databaseUrl && !fs.existsSync(path.join(config.dataDir, SQLITE_FILE_NAME));
}

export const importMarkdownCommand: CommandSpec = {
  path: ['import', 'markdown'],
  summary: 'import a folder of Markdown files (Hugo, Jekyll, Eleventy, Astro front matter)',
  positionals: [{ name: 'dir', description: 'folder to read, recursively' }],
  options: {
    'dry-run': { type: 'boolean', description: 'check everything and print the report, write nothing' },
    ...CONFIG_OPTIONS,
  },
  details: [
    'Re-running updates the posts that have the same slug; nothing is duplicated.',
    'Any broken file (bad front matter, no title, bad date) cancels the whole run: nothing is written.',
    'Images referenced with a local path are copied into the media library; a missing one is a warning.',
  ].join('\n'),
  async run({ positionals, values, flags }) {
    const config = loadConfig(flags);
    const dir = path.resolve(positionals[0]!);
    const dryRun = values['dry-run'] === true;
    const { formatImportReport, importMarkdownFolder } = await import('../../importers/markdown/markdown.importer.ts');
    const kiosque = await (await import('../../app.ts')).openKiosque(config, { inMemory: dryRunInMemory(config, dryRun), withoutMigrating: dryRun });
    try {
      const progress = createProgress(process.stderr, 'import');
      const report = await importMarkdownFolder({ db: kiosque.db, events: kiosque.events, dataDir: config.dataDir }, dir, {
        dryRun,
        onProgress: (done, total, file) => progress.update(done, total, file),
      });
      progress.finish();
      process.stdout.write(formatImportReport(report, config.cliLocale));
      if (report.errors.length > 0) throw new KiosqueError('import_invalid', { count: new Set(report.errors.map((e) => e.file)).size });
      return 0;
    } finally {
      await kiosque.close();
    }
  },
};

export const importWordpressCommand: CommandSpec = {
  path: ['import', 'wordpress'],
  summary: 'import a WordPress export (WXR file from Tools > Export): posts, pages, media, comments, old addresses',
  positionals: [{ name: 'export.xml', description: 'the WXR file WordPress exported' }],
  options: {
    media: { type: 'string', valueName: 'DIR', description: 'the blog\'s wp-content/uploads folder: images are copied into the media library' },
    'dry-run': { type: 'boolean', description: 'read and check everything, print the report, write nothing' },
    ...CONFIG_OPTIONS,
  },
  details: [
    'Brings over posts, pages, drafts, private and scheduled items, categories, tags, authors (staff',
    'accounts without a password, to invite), comments (spam left out), media, featured images, excerpts,',
    'sticky posts ("À la une"), and Yoast SEO / Rank Math titles, descriptions, canonicals and noindex.',
    'Private, pending and password-protected items become drafts: nothing goes public that was not.',
    'Old addresses keep working: the permalink structure is kept when it can be, else 301 redirects.',
    'Re-running the same file updates what changed and duplicates nothing (matched on WordPress ids).',
    'Without --media, images stay at their original address and are listed in the report.',
    'A damaged or truncated file stops with its line and column, and nothing is written.',
  ].join('\n'),
  async run({ positionals, values, flags }) {
    const config = loadConfig(flags);
    const file = path.resolve(positionals[0]!);
    const media = typeof values.media === 'string' ? path.resolve(values.media) : undefined;
    const dryRun = values['dry-run'] === true;
    const { formatWordpressReport, importWordpress } = await import('../../importers/wordpress/wp.importer.ts');
    const kiosque = await (await import('../../app.ts')).openKiosque(config, { inMemory: dryRunInMemory(config, dryRun), withoutMigrating: dryRun });
    try {
      const progress = createProgress(process.stderr, 'import', { unit: 'bytes' });
      let report: Awaited<ReturnType<typeof importWordpress>>;
      try {
        report = await importWordpress({ db: kiosque.db, events: kiosque.events, dataDir: config.dataDir }, file, {
          dryRun,
          mediaDir: media,
          onProgress: (done, total, detail) => progress.update(done, total, detail),
        });
      } finally {
        // Before any message: a sentence printed after the bar must start on a line of its own.
        progress.finish();
      }
      process.stdout.write(formatWordpressReport(report, config.cliLocale));
      return 0;
    } finally {
      await kiosque.close();
    }
  },
};

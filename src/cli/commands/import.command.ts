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
  summary: 'cli.help.import.markdown.summary',
  positionals: [{ name: 'dir', description: 'cli.help.import.markdown.dir' }],
  options: {
    'dry-run': { type: 'boolean', description: 'cli.help.import.markdown.dryRun' },
    ...CONFIG_OPTIONS,
  },
  details: ['cli.help.import.markdown.details'],
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
  summary: 'cli.help.import.wordpress.summary',
  positionals: [{ name: 'export.xml', description: 'cli.help.import.wordpress.file' }],
  options: {
    media: { type: 'string', valueName: 'DIR', description: 'cli.help.import.wordpress.media' },
    'dry-run': { type: 'boolean', description: 'cli.help.import.wordpress.dryRun' },
    ...CONFIG_OPTIONS,
  },
  details: ['cli.help.import.wordpress.details'],
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

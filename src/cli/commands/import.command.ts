import path from 'node:path';
import { loadConfig } from '../../config.ts';
import { KiosqueError } from '../../errors.ts';
import { CONFIG_OPTIONS, type CommandSpec } from '../cli.ts';
import { createProgress } from '../progress.ts';

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
    const { formatImportReport, importMarkdownFolder } = await import('../../importers/markdown/markdown.importer.ts');
    const kiosque = await (await import('../../app.ts')).openKiosque(config);
    try {
      const progress = createProgress(process.stderr, 'import');
      const report = await importMarkdownFolder({ db: kiosque.db, events: kiosque.events, dataDir: config.dataDir }, dir, {
        dryRun: values['dry-run'] === true,
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

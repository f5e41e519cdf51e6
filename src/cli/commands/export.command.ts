import fs from 'node:fs';
import { loadConfig } from '../../config.ts';
import { translate } from '../../i18n/i18n.ts';
import type { Db } from '../../db/db.ts';
import type { ExportFormat, ExportReport } from '../../exporters/export.report.ts';
import { projectPath } from '../../paths.ts';
import { CONFIG_OPTIONS, type CommandSpec, type OptionSpec } from '../cli.ts';
import { createProgress } from '../progress.ts';

/** `kiosque export json|markdown|wxr <path>`: the whole blog in a form another tool reads. */

const SHELL = 'kiosque (command line)';

const FORCE: Record<string, OptionSpec> = {
  force: { type: 'boolean', description: 'replace what is already there' },
};

const WRITTEN_SAFELY = 'The export is written under a temporary name and put in place only once complete: a failed run leaves nothing half-written.';

interface ExportTarget {
  format: ExportFormat;
  summary: string;
  positional: { name: string; description: string };
  details: string[];
}

const TARGETS: ExportTarget[] = [
  {
    format: 'json',
    summary: 'export everything (settings, authors, posts, pages, terms, media, redirects, comments) as one JSON file',
    positional: { name: 'file', description: 'the JSON file to write' },
    details: [
      'The format is described by docs/export.schema.json (JSON Schema).',
      'It holds the authors\' e-mail addresses and roles, and commenters\' e-mail addresses: each export is written to the audit log.',
      'An existing file is refused unless --force is given.',
    ],
  },
  {
    format: 'markdown',
    summary: 'export posts and pages as Markdown files that Hugo, Eleventy and "kiosque import markdown" read',
    positional: { name: 'dir', description: 'the folder to write (new or empty)' },
    details: [
      'Writes content/posts/<slug>.md, content/pages/<slug>.md, the media library in static/media/,',
      'and eleventy.config.mjs, hugo.toml and layouts/ so that "npx @11ty/eleventy" or "hugo" builds the folder as it is.',
      'A folder that is not empty is refused unless --force is given (it is then replaced).',
    ],
  },
  {
    format: 'wxr',
    summary: 'export a WordPress eXtended RSS (WXR 1.2) file for WordPress\'s importer',
    positional: { name: 'file', description: 'the XML file to write' },
    details: [
      'Authors, categories, tags, media as attachments, posts, pages, comments, and SEO fields as Yoast SEO post meta.',
      'Content is the rendered HTML with absolute addresses; WordPress fetches the media from the site\'s address.',
      'An existing file is refused unless --force is given.',
    ],
  },
];

function generator(): string {
  const pkg = JSON.parse(fs.readFileSync(projectPath('package.json'), 'utf8')) as { version: string };
  return `Kiosque ${pkg.version}`;
}

function exportCommand(target: ExportTarget): CommandSpec {
  return {
    path: ['export', target.format],
    summary: target.summary,
    positionals: [target.positional],
    options: { ...FORCE, ...CONFIG_OPTIONS },
    details: [...target.details, WRITTEN_SAFELY].join('\n'),
    async run({ positionals, values, flags }) {
      const config = loadConfig(flags);
      const { auditExport, formatExportReport } = await import('../../exporters/export.report.ts');
      const { removeUnfinishedExports } = await import('../../exporters/export.output.ts');
      // Stopped half-way (Ctrl-C, SIGTERM), an export takes its temporary file or folder with it.
      const stop = (signal: NodeJS.Signals) => {
        removeUnfinishedExports();
        process.exit(signal === 'SIGINT' ? 130 : 143);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const kiosque = await (await import('../../app.ts')).openKiosque(config);
      try {
        const progress = createProgress(process.stderr, 'export');
        const options = { force: values.force === true, onProgress: (done: number, total: number) => progress.update(done, total, '') };
        const context = { db: kiosque.db, siteUrl: kiosque.siteUrl(), generator: generator(), dataDir: config.dataDir };
        let report: ExportReport;
        try {
          report = await runExport(target.format, context, positionals[0]!, options);
        } finally {
          progress.finish();
        }
        await auditExport(kiosque.db, report, SHELL);
        process.stdout.write(formatExportReport(report, config.cliLocale));
        // WordPress fetches every attachment from its address: on the listening address (127.0.0.1
        // on most servers) it finds nothing. After the report, so that it is the last thing read.
        if (target.format === 'wxr' && kiosque.publicSiteUrl() === undefined) {
          process.stderr.write(`kiosque: ${translate(config.cliLocale, 'export.wxr.noPublicAddress', { url: context.siteUrl })}\n`);
        }
        return 0;
      } finally {
        await kiosque.close();
      }
    },
  };
}

type ExportContext = { db: Db; siteUrl: string; generator: string; dataDir: string };
type ExportOptions = { force: boolean; onProgress: (done: number, total: number) => void };

async function runExport(format: ExportFormat, context: ExportContext, target: string, options: ExportOptions): Promise<ExportReport> {
  switch (format) {
    case 'json':
      return (await import('../../exporters/export.json.ts')).exportJson(context, target, options);
    case 'markdown':
      return (await import('../../exporters/export.markdown.ts')).exportMarkdown(context, target, options);
    case 'wxr':
      return (await import('../../exporters/export.wxr.ts')).exportWxr(context, target, options);
  }
}

export const exportCommands: readonly CommandSpec[] = TARGETS.map(exportCommand);

import fs from 'node:fs';
import { loadConfig } from '../../config.ts';
import { translate } from '../../i18n/i18n.ts';
import type { Db } from '../../db/db.ts';
import type { ExportFormat, ExportReport } from '../../exporters/export.report.ts';
import { projectPath } from '../../paths.ts';
import { CONFIG_OPTIONS, type CommandSpec, type HelpText, type OptionSpec } from '../cli.ts';
import { createProgress } from '../progress.ts';

/** `kiosque export json|markdown|wxr <path>`: the whole blog in a form another tool reads. */

const SHELL = 'kiosque (command line)';

const FORCE: Record<string, OptionSpec> = {
  force: { type: 'boolean', description: 'cli.help.export.force' },
};

interface ExportTarget {
  format: ExportFormat;
  summary: HelpText;
  positional: { name: string; description: HelpText };
  details: HelpText;
}

const TARGETS: ExportTarget[] = [
  {
    format: 'json',
    summary: 'cli.help.export.json.summary',
    positional: { name: 'file', description: 'cli.help.export.json.file' },
    details: 'cli.help.export.json.details',
  },
  {
    format: 'markdown',
    summary: 'cli.help.export.markdown.summary',
    positional: { name: 'dir', description: 'cli.help.export.markdown.dir' },
    details: 'cli.help.export.markdown.details',
  },
  {
    format: 'wxr',
    summary: 'cli.help.export.wxr.summary',
    positional: { name: 'file', description: 'cli.help.export.wxr.file' },
    details: 'cli.help.export.wxr.details',
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
    details: [target.details, 'cli.help.export.writtenSafely'],
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

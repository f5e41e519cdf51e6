import { translator, type Locale } from '../../i18n/i18n.ts';
import { problemReason, type ImportProblem } from './markdown.problems.ts';

export interface MarkdownImportReport {
  dryRun: boolean;
  /** Markdown files found in the folder. */
  files: number;
  /** Posts and pages created, or that a dry run would create. */
  created: number;
  updated: number;
  /** Images newly added to the media library (or that a dry run would add). */
  mediaCopied: number;
  /** Earlier addresses the files name (`aliases`, `redirect_from`) that now lead to their posts. */
  redirects: number;
  /** Things imported imperfectly; an image that could not be copied keeps its reference as written. */
  warnings: ImportProblem[];
  /** When there is any, nothing at all was written. */
  errors: ImportProblem[];
}

/** The report a person reads at the end of an import, problems written `file:line: reason`. */
export function formatImportReport(report: MarkdownImportReport, locale: Locale): string {
  const t = translator(locale);
  const lines: string[] = [];
  const problemLine = (problem: ImportProblem) => `${problem.file}:${problem.line}: ${problemReason(problem.code, problem.params, locale)}`;
  if (report.warnings.length > 0) {
    lines.push(t('import.report.warnings', { count: report.warnings.length }), ...report.warnings.map(problemLine));
  }
  if (report.errors.length > 0) {
    // The closing sentence ("nothing was changed") is the import_invalid error the caller raises.
    lines.push(t('import.report.errors', { count: report.errors.length }), ...report.errors.map(problemLine));
  } else {
    const counts = { files: report.files, created: report.created, updated: report.updated, media: report.mediaCopied };
    lines.push(t(report.dryRun ? 'import.report.dryRunSummary' : 'import.report.summary', counts));
    if (report.redirects > 0) lines.push(t('import.report.redirects', { count: report.redirects }));
  }
  return lines.map((line) => line + '\n').join('');
}

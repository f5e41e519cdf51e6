import { recordAudit } from '../auth/audit.service.ts';
import type { Db } from '../db/db.ts';
import { translator, type Locale } from '../i18n/i18n.ts';

/** What every export tells the person who ran it, and writes to the audit log. */

export type ExportFormat = 'json' | 'markdown' | 'wxr';

export interface ExportReport {
  format: ExportFormat;
  /** The file or folder written. */
  path: string;
  posts: number;
  pages: number;
  authors: number;
  categories: number;
  tags: number;
  media: number;
  redirects: number;
  comments: number;
  /** The personal data it holds, by field ("authors.email", "comments.authorEmail"…). */
  personalData: string[];
  /** Size written, in bytes (files only: a folder's media are copies). */
  bytes: number;
  milliseconds: number;
}

export interface ExportProgress {
  /** Posts and pages written so far, out of all of them. */
  onProgress?: (done: number, total: number) => void;
}

export function emptyReport(format: ExportFormat, path: string): ExportReport {
  return { format, path, posts: 0, pages: 0, authors: 0, categories: 0, tags: 0, media: 0, redirects: 0, comments: 0, personalData: [], bytes: 0, milliseconds: 0 };
}

/**
 * A bulk export of personal data is a security event (a warehouse manager walked away with 33
 * million customer records): each one is in the audit log, with what it held and where it went.
 */
export async function auditExport(db: Db, report: ExportReport, actorLabel: string): Promise<void> {
  await recordAudit(db.kysely, {
    actor: null,
    actorLabel,
    action: `export.${report.format}`,
    targetType: 'site',
    details: {
      path: report.path,
      personalData: report.personalData,
      posts: report.posts,
      pages: report.pages,
      authors: report.authors,
      comments: report.comments,
      media: report.media,
    },
  });
}

/** The lines printed at the end of an export. */
export function formatExportReport(report: ExportReport & { missingMedia?: string[] }, locale: Locale): string {
  const t = translator(locale);
  const lines = [
    t('export.report.summary', {
      path: report.path,
      posts: report.posts,
      pages: report.pages,
      media: report.media,
      comments: report.comments,
      redirects: report.redirects,
      authors: report.authors,
      categories: report.categories,
      tags: report.tags,
      size: formatBytes(report.bytes),
      seconds: (report.milliseconds / 1000).toFixed(1),
    }),
  ];
  if (report.missingMedia && report.missingMedia.length > 0) {
    lines.push(t('export.report.missingMedia', { count: report.missingMedia.length, paths: report.missingMedia.join(', ') }));
  }
  if (report.personalData.length > 0) lines.push(t('export.report.personalData', { fields: report.personalData.join(', ') }));
  return lines.map((line) => line + '\n').join('');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

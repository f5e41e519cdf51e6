import type { ImportedKind } from '../../db/schema.ts';
import { translate, translator, type Locale, type MessageKey } from '../../i18n/i18n.ts';
import { detached } from './wp.fields.ts';

/** What can be imperfect about one WordPress item, and the catalog sentence for each. */
const PROBLEM_MESSAGES = {
  private_as_draft: 'wp.problem.privateAsDraft',
  pending_as_draft: 'wp.problem.pendingAsDraft',
  password_as_draft: 'wp.problem.passwordAsDraft',
  slug_changed: 'wp.problem.slugChanged',
  title_missing: 'wp.problem.titleMissing',
  featured_missing: 'wp.problem.featuredMissing',
  media_missing: 'wp.problem.mediaMissing',
  media_unsupported: 'wp.problem.mediaUnsupported',
  media_too_large: 'wp.problem.mediaTooLarge',
  media_unsafe: 'wp.problem.mediaUnsafe',
  media_outside: 'wp.problem.mediaOutside',
  author_undeclared: 'wp.problem.authorUndeclared',
  author_without_account: 'wp.problem.authorWithoutAccount',
  seo_template_dropped: 'wp.problem.seoTemplateDropped',
  content_dropped: 'wp.problem.contentDropped',
  category_loop: 'wp.problem.categoryLoop',
  control_characters: 'wp.problem.controlCharacters',
} as const satisfies Record<string, MessageKey>;

/** content_dropped's sentence for each thing the conversion leaves out (its `problem` param, WpContentProblem's code). */
const CONTENT_MESSAGES = new Map<string | number | undefined, MessageKey>([
  ['iframe_dropped', 'wp.problem.content.iframeDropped'],
  ['script_dropped', 'wp.problem.content.scriptDropped'],
  ['form_dropped', 'wp.problem.content.formDropped'],
  ['embed_dropped', 'wp.problem.content.embedDropped'],
  ['block_dropped', 'wp.problem.content.blockDropped'],
  ['gallery_unresolved', 'wp.problem.content.galleryUnresolved'],
]);

export type WpProblemCode = keyof typeof PROBLEM_MESSAGES;
export type WpProblemParams = Record<string, string | number>;

/** One thing to tell about one item of the export (or one of its terms or authors, or the file). */
export interface WpImportProblem {
  /** WordPress's id of the item (post, page, attachment; a term's or author's when about one); 0 when about the file. */
  itemId: number;
  /** Where the item starts in the file; 0 when unknown. */
  line: number;
  code: WpProblemCode;
  params: WpProblemParams;
  /** The English sentence (logs, API); `code` and `params` give it in another language. */
  reason: string;
}

export function wpProblem(itemId: number, line: number, code: WpProblemCode, params: WpProblemParams = {}): WpImportProblem {
  // Kept to the end of the run: copies, not slices of the file's text (see `detached`).
  const kept = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? detached(value) : value]));
  return { itemId, line, code, params: kept, reason: translate('en', problemMessage(code, kept), kept) };
}

function problemMessage(code: WpProblemCode, params: WpProblemParams): MessageKey {
  const content = code === 'content_dropped' ? CONTENT_MESSAGES.get(params.problem) : undefined;
  return content ?? PROBLEM_MESSAGES[code];
}

export interface KindCounts {
  imported: number;
  updated: number;
  skipped: number;
}

export const IMPORTED_KINDS: readonly ImportedKind[] = ['post', 'page', 'attachment', 'category', 'tag', 'author', 'comment'];

export type SkipReason = 'type' | 'status' | 'comment' | 'commentType' | 'taxonomy';

export interface WordpressImportReport {
  dryRun: boolean;
  site: { title: string; link: string } | undefined;
  counts: Record<ImportedKind, KindCounts>;
  /** What was left out and why: `${reason}:${name}` ('type:nav_menu_item', 'comment:spam') → how many. */
  skipped: Record<string, number>;
  /** Images newly added to the media library (or that a dry run would add). */
  mediaCopied: number;
  /** Uploads addresses left at the old blog: no --media, or the file was missing or refused. */
  remoteMedia: string[];
  /** Shortcodes content conversion did not know (kept as text), with the items using each. */
  unknownShortcodes: { name: string; items: number[] }[];
  warnings: WpImportProblem[];
  /** The blog's permalink structure, and the site pattern that keeps it when there is one. */
  permalink: { structure: string | undefined; pattern: string | undefined };
  /** keptManual: addresses with a rule someone wrote, left alone; skipped: addresses no rule can hold. */
  redirects: { created: number; updated: number; unchanged: number; keptManual: number; skipped: number };
  /** Settings taken from the export because the site still had their defaults (a fresh install). */
  siteSettings: { title?: string; description?: string; locale?: string };
  elapsedMs: number;
}

export function emptyReport(dryRun: boolean): WordpressImportReport {
  const counts = Object.fromEntries(IMPORTED_KINDS.map((kind) => [kind, { imported: 0, updated: 0, skipped: 0 }])) as Record<ImportedKind, KindCounts>;
  return {
    dryRun,
    site: undefined,
    counts,
    skipped: {},
    mediaCopied: 0,
    remoteMedia: [],
    unknownShortcodes: [],
    warnings: [],
    permalink: { structure: undefined, pattern: undefined },
    redirects: { created: 0, updated: 0, unchanged: 0, keptManual: 0, skipped: 0 },
    siteSettings: {},
    elapsedMs: 0,
  };
}

/** Counts one thing left out (of one of Kiosque's kinds, or of something Kiosque has no kind for). */
export function skip(report: WordpressImportReport, kind: ImportedKind | undefined, reason: SkipReason, name: string): void {
  if (kind) report.counts[kind].skipped++;
  const key = `${reason}:${name}`;
  report.skipped[key] = (report.skipped[key] ?? 0) + 1;
}

const SKIP_MESSAGES: Record<SkipReason, MessageKey> = {
  type: 'wp.skip.type',
  status: 'wp.skip.status',
  comment: 'wp.skip.comment',
  commentType: 'wp.skip.commentType',
  taxonomy: 'wp.skip.taxonomy',
};

/** The report a person reads at the end of an import, in their language. */
export function formatWordpressReport(report: WordpressImportReport, locale: Locale): string {
  const t = translator(locale);
  const lines: string[] = [];
  if (report.dryRun) lines.push(t('wp.report.dryRun'));
  if (report.site) lines.push(t('wp.report.site', report.site));
  for (const kind of IMPORTED_KINDS) {
    const counts = report.counts[kind];
    lines.push(t('wp.report.counts', { kind: t(`wp.kind.${kind}`), ...counts }));
  }
  const skipped = Object.entries(report.skipped).map(([key, count]) => {
    const [reason, name] = key.split(/:(.*)/s) as [SkipReason, string];
    if (reason === 'comment' && (name === 'spam' || name === 'trash')) return t(name === 'spam' ? 'wp.skip.commentSpam' : 'wp.skip.commentTrash', { count });
    return t(SKIP_MESSAGES[reason], { count, name });
  });
  if (skipped.length > 0) lines.push(t('wp.report.skipped', { list: skipped.join(', ') }));
  const { structure, pattern } = report.permalink;
  if (structure) lines.push(t(pattern ? 'wp.report.permalinkKept' : 'wp.report.permalinkRedirected', { structure }));
  if (report.redirects.created + report.redirects.updated + report.redirects.unchanged > 0) lines.push(t('wp.report.redirects', report.redirects));
  if (report.redirects.keptManual > 0) lines.push(t('wp.report.redirectsManual', { count: report.redirects.keptManual }));
  const { title, description, locale: language } = report.siteSettings;
  if (title !== undefined) lines.push(t('wp.report.siteTitle', { title }));
  if (description !== undefined) lines.push(t('wp.report.siteDescription', { description }));
  if (language !== undefined) lines.push(t('wp.report.siteLocale', { locale: language }));
  if (report.mediaCopied > 0) lines.push(t(report.dryRun ? 'wp.report.mediaToCopy' : 'wp.report.mediaCopied', { count: report.mediaCopied }));
  if (report.remoteMedia.length > 0) {
    lines.push(t('wp.report.remote', { count: report.remoteMedia.length }), ...report.remoteMedia.map((url) => `  ${url}`));
  }
  if (report.unknownShortcodes.length > 0) {
    lines.push(t('wp.report.shortcodes', { count: report.unknownShortcodes.length }));
    for (const shortcode of report.unknownShortcodes) {
      lines.push('  ' + t('wp.report.shortcode', { name: shortcode.name, items: shortcode.items.map((id) => t('wp.report.item', { id })).join(', ') }));
    }
  }
  if (report.warnings.length > 0) {
    lines.push(t('wp.report.warnings', { count: report.warnings.length }));
    for (const warning of report.warnings) {
      const reason = translate(locale, problemMessage(warning.code, warning.params), warning.params);
      lines.push('  ' + (warning.itemId === 0 ? t('wp.report.warningInFile', { line: warning.line, reason }) : t('wp.report.warning', { id: warning.itemId, line: warning.line, reason })));
    }
  }
  const seconds = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(report.elapsedMs / 1000);
  lines.push(t('wp.report.time', { seconds }));
  return lines.map((line) => line + '\n').join('');
}

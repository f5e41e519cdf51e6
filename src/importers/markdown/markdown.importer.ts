import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { ensureCategories, findPostIdBySlug, knownImages, RESERVED_SLUGS, writePost, type PostInput, type PreparedBody, type SavedPost } from '../../content/content.service.ts';
import { postPath } from '../../content/permalinks.ts';
import { batches } from '../../lib/batches.ts';
import { ImportedRulesWriter, type ImportedRule } from '../../redirects/redirects.imported.ts';
import { schedulePublications } from '../../content/publishing.service.ts';
import { importRenderPool, type MarkdownRenderer } from '../../content/markdown/markdown.pool.ts';
import type { Db } from '../../db/db.ts';
import type { DatabaseSchema } from '../../db/schema.ts';
import type { EventBus } from '../../events/events.ts';
import type { Locale } from '../../i18n/i18n.ts';
import { uniqueSlug } from '../../lib/slug.ts';
import { MAX_MEDIA_BYTES, type MediaProblem } from '../../media/media.service.ts';
import { readSettings, type SiteSettings } from '../../settings/settings.ts';
import { indexStemsInProcess } from '../../search/search.index.ts';
import { writeFileComments } from './markdown.comments.ts';
import { readMarkdownDocument, type ImportDocument, type LocalImage, type ReadingContext } from './markdown.document.ts';
import { readHugoSite } from './markdown.hugo.ts';
import { readJekyllSite } from './markdown.jekyll.ts';
import { listMarkdownFiles, type SourceFile } from './markdown.files.ts';
import { rewriteDestinations } from './markdown.images.ts';
import { ImportImages } from './markdown.media.ts';
import { byFileAndLine, importProblem, type ImportProblem, type ImportProblemCode, type ProblemParams } from './markdown.problems.ts';
import { publishedAtOf } from './markdown.queries.ts';
import type { MarkdownImportReport } from './markdown.report.ts';
import { CategoryPaths, checkCategoryParents, isSectionPage, isTermFile, readTermDocument, writeTerms, type TermDocument } from './markdown.terms.ts';

export { formatImportReport, type MarkdownImportReport } from './markdown.report.ts';
export type { ImportProblem, ImportProblemCode } from './markdown.problems.ts';

/**
 * `kiosque import markdown <dir>`: a folder written for Jekyll, Hugo, Eleventy or Astro becomes
 * posts and pages. Every file is read and checked before anything is written; then all are
 * written in one transaction, so an import either lands whole or changes nothing.
 */

export interface MarkdownImportOptions {
  /** Check and count, write nothing. */
  dryRun?: boolean;
  onProgress?: (done: number, total: number, file: string) => void;
  /**
   * Renders the bodies; by default a pool with a thread per core but one, started once a few
   * dozen files are written. The caller closes a renderer it gives.
   */
  renderer?: MarkdownRenderer;
}
/** Files prepared (images stored, body rendering) ahead of the one being written. */
const READ_AHEAD = 8;

export interface MarkdownImportContext {
  db: Db;
  events: EventBus;
  dataDir: string;
}

type Trx = Transaction<DatabaseSchema>;

const MEDIA_PROBLEMS: Record<MediaProblem, ImportProblemCode> = {
  missing: 'image_missing',
  unsupported: 'image_unsupported',
  too_large: 'image_too_large',
  unsafe_svg: 'image_unsafe',
};

/**
 * Imports the Markdown files of `dir`, updating the posts whose slug already exists. Problems in
 * the files are returned in the report (and when there is an error nothing is written); only a
 * missing folder or a failing database throws.
 */
export async function importMarkdownFolder(ctx: MarkdownImportContext, dir: string, options: MarkdownImportOptions = {}): Promise<MarkdownImportReport> {
  const importDir = path.resolve(dir);
  const { files, mdxFiles, unreadableFolders } = listMarkdownFiles(importDir);
  const settings = await readSettings(ctx.db);
  const report: MarkdownImportReport = { dryRun: options.dryRun ?? false, files: files.length, created: 0, updated: 0, mediaCopied: 0, redirects: 0, warnings: [], errors: [] };
  for (const folder of unreadableFolders) {
    report.errors.push(importProblem(folder.relative, { line: 1, code: 'file_unreadable', params: { detail: folder.detail } }));
  }
  for (const file of mdxFiles) report.warnings.push(importProblem(file.relative, { line: 1, code: 'mdx_left_out', params: {} }));
  const images = new ImportImages(ctx.dataDir);
  const hugo = readHugoSite(importDir);
  const jekyll = readJekyllSite(importDir);
  // Dates without an offset mean what the generator read them as: in its configuration's zone, else the site's.
  const timeZone = hugo?.timeZone ?? jekyll?.timeZone ?? settings.timezone;
  const { documents, terms } = readAll(files, { importDir, timeZone, now: new Date(), hugo, jekyll }, images, report);
  report.errors.push(...(await checkCategoryParents(ctx.db.kysely, terms)));
  const progress = (index: number, document: ImportDocument) => options.onProgress?.(index + 1, documents.length, document.source.relative);

  if (report.errors.length > 0 || documents.length + terms.length === 0) return sorted(report);
  if (options.dryRun) {
    // Earlier addresses, counted as the import counts them: none where a post lives.
    const redirected: string[] = [];
    for (const [index, document] of documents.entries()) {
      const existingId = await findPostIdBySlug(ctx.db.kysely, document.post.input.slug);
      if (existingId === undefined) report.created++;
      else report.updated++;
      for (const image of document.images) if (image.file) await images.countIfNew(ctx.db.kysely, image.file);
      const { type, slug, publishedAt } = document.post.input;
      const to = postPath({ id: existingId ?? 0, type, slug, publishedAt: publishedAt ?? null }, settings.permalinkPattern, settings.timezone);
      redirected.push(...document.post.oldAddresses.filter((from) => from !== to));
      progress(index, document);
    }
    const live = await livePostPaths(ctx.db.kysely, redirected, settings);
    report.redirects = redirected.filter((from) => !live.has(from)).length;
    report.mediaCopied = images.copied;
    return sorted(report);
  }

  const renderer = options.renderer ?? importRenderPool();
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const now = new Date().toISOString();
      const authors = await writeTerms(trx, terms, now);
      const names: PostNames = { authors, categories: await CategoryPaths.load(trx), now };
      // Bodies render (on the pool's threads) while the posts before them are written, in order.
      const ahead: PreparedDocument[] = [];
      let written = 0;
      // The addresses the files say their posts had, each to where its post is now: written last, in one batch.
      const oldAddresses: ImportedRule[] = [];
      const writeNext = async () => {
        const { document } = ahead[0]!;
        const saved = await writeDocument(trx, ahead.shift()!, names, report);
        const to = postPath({ id: saved.id, type: saved.type, slug: saved.slug, publishedAt: saved.publishedAt }, settings.permalinkPattern, settings.timezone);
        for (const from of document.post.oldAddresses) if (from !== to) oldAddresses.push({ from, to, note: document.source.relative });
        progress(written, documents[written]!);
        written++;
      };
      for (const document of documents) {
        ahead.push(await prepareDocument(trx, document, images, settings.locale, renderer, report));
        if (ahead.length > READ_AHEAD) await writeNext();
      }
      while (ahead.length > 0) await writeNext();
      if (oldAddresses.length > 0) {
        const writer = new ImportedRulesWriter(trx, now, (paths) => livePostPaths(trx, paths, settings));
        await writer.write(oldAddresses);
        const rules = await writer.finish();
        report.redirects = rules.created + rules.updated + rules.unchanged;
      }
      // Scheduled posts go out on time, even from a site serving beside this import.
      await schedulePublications(trx, now);
    });
  } catch (error) {
    images.discardCopies();
    throw error;
  } finally {
    if (!options.renderer) await renderer.close();
  }
  report.mediaCopied = images.copied;
  // Without post ids: an import may touch thousands, more than a PostgreSQL notification carries.
  await ctx.events.emit({ type: 'content.changed', reason: 'import' });
  return sorted(report);
}

/** Reads and checks every file; the documents returned are only worth writing when no error was reported. */
function readAll(
  files: SourceFile[],
  context: ReadingContext,
  images: ImportImages,
  report: MarkdownImportReport,
): { documents: ImportDocument[]; terms: TermDocument[] } {
  const documents: ImportDocument[] = [];
  const terms: TermDocument[] = [];
  const slugOwners = new Map<string, string>();
  const renamed: ImportDocument[] = [];
  for (const source of files) {
    if (isTermFile(source.relative)) {
      const term = readTermDocument(source);
      if (term.ok) terms.push(term.term);
      else report.errors.push(...term.problems);
      continue;
    }
    // Kiosque makes its home page and archives itself; as posts they would be listed among the others.
    if (isSectionPage(source.relative)) {
      report.warnings.push(importProblem(source.relative, { line: 1, code: 'section_page', params: {} }));
      continue;
    }
    const read = readMarkdownDocument(source, context);
    if ('leftOut' in read) {
      report.warnings.push(read.leftOut);
      continue;
    }
    if (!read.ok) {
      report.errors.push(...read.problems);
      continue;
    }
    const { document } = read;
    const { slug } = document.post.input;
    const owner = slugOwners.get(slug);
    if (owner !== undefined) {
      report.errors.push(importProblem(source.relative, { line: document.post.slugLine, code: 'slug_duplicate', params: { slug, other: owner } }));
      continue;
    }
    slugOwners.set(slug, source.relative);
    report.warnings.push(...document.post.warnings.map((warning) => importProblem(source.relative, warning)));
    if (RESERVED_SLUGS.has(slug)) renamed.push(document);
    for (const image of document.images) {
      const problem = image.file ? images.check(image.file) : 'missing';
      if (problem) {
        report.warnings.push(imageWarning(document, image, problem));
        image.file = undefined;
      }
    }
    documents.push(document);
  }
  // Renamed here rather than left to writePost, so that the next run looks the post up under the
  // slug it really has; and once every file holds its slug, so that none of theirs is taken.
  for (const document of renamed) {
    const { slug } = document.post.input;
    document.post.input.slug = uniqueSlug(slug, (candidate) => RESERVED_SLUGS.has(candidate) || slugOwners.has(candidate));
    slugOwners.set(document.post.input.slug, document.source.relative);
    const params = { slug, renamed: document.post.input.slug };
    report.warnings.push(importProblem(document.source.relative, { line: document.post.slugLine, code: 'slug_reserved', params }));
  }
  return { documents, terms };
}

/** How posts find the authors and categories named in their front matter. */
interface PostNames {
  /** Authors described by a file of the folder, by name: they keep their slug whatever their name. */
  authors: Map<string, number>;
  categories: CategoryPaths;
  now: string;
}

/** A document whose images are stored and whose body is being rendered, not written yet. */
interface PreparedDocument {
  document: ImportDocument;
  markdown: string;
  image: PostInput['image'];
  locale: Locale;
  images: PreparedBody['images'];
  rendered: Promise<PreparedBody['rendered']>;
}

async function prepareDocument(
  trx: Trx,
  document: ImportDocument,
  images: ImportImages,
  locale: Locale,
  renderer: MarkdownRenderer,
  report: MarkdownImportReport,
): Promise<PreparedDocument> {
  const { input } = document.post;
  let image = input.image;
  const replacements: { start: number; end: number; url: string }[] = [];
  for (const local of document.images) {
    if (!local.file) continue;
    const outcome = await images.store(trx, local.file);
    if (!outcome.ok) {
      report.warnings.push(imageWarning(document, local, outcome.problem));
    } else if (local.place === 'cover') {
      image = image && { ...image, url: outcome.url };
    } else {
      replacements.push({ ...local.place, url: outcome.url });
    }
  }
  const markdown = rewriteDestinations(document.body, replacements)
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
  const known = await knownImages(trx, { markdown, image });
  return { document, markdown, image, locale, images: known, rendered: renderer.render(markdown, { locale, imageSizes: known, stems: indexStemsInProcess(trx) }) };
}

async function writeDocument(trx: Trx, prepared: PreparedDocument, names: PostNames, report: MarkdownImportReport): Promise<SavedPost> {
  const { document, markdown, image, locale } = prepared;
  const { input, dated, comments } = document.post;
  const existingId = await findPostIdBySlug(trx, input.slug);
  // A file without a date keeps the date its post already has: importing again changes nothing.
  const publishedAt = !dated && existingId !== undefined && input.status !== 'draft' ? await publishedAtOf(trx, existingId) : input.publishedAt;
  const authorId = input.author ? names.authors.get(input.author) : undefined;
  const categoryIds = await categoryIdsOf(trx, input.categories ?? [], names);
  const saved = await writePost(trx, { ...input, markdown, image, publishedAt, categoryIds, ...(authorId !== undefined ? { authorId } : {}) }, {
    existingId,
    locale,
    prepared: { rendered: await prepared.rendered, images: prepared.images },
  });
  if (comments) await writeFileComments(trx, saved.id, comments, locale);
  if (saved.created) report.created++;
  else report.updated++;
  return saved;
}

/** Which of these addresses a post or page answers at now: no earlier address of another may hide it. */
async function livePostPaths(trx: Kysely<DatabaseSchema>, paths: readonly string[], settings: Pick<SiteSettings, 'permalinkPattern' | 'timezone'>): Promise<ReadonlySet<string>> {
  const slugs = [...new Set(paths.map((address) => address.split('/').filter(Boolean).at(-1) ?? ''))].filter(Boolean);
  const live = new Set<string>();
  for (const part of batches(slugs, 500)) {
    const posts = await trx.selectFrom('posts').select(['id', 'type', 'slug', 'published_at']).where('slug', 'in', part).where('status', '!=', 'draft').execute();
    for (const post of posts) live.add(postPath({ id: post.id, type: post.type, slug: post.slug, publishedAt: post.published_at }, settings.permalinkPattern, settings.timezone));
  }
  return new Set(paths.filter((address) => live.has(address)));
}

/** Each path's category, found by name from the top, else made (and then known to the next posts). */
async function categoryIdsOf(trx: Trx, paths: readonly string[], names: PostNames): Promise<number[]> {
  const ids: number[] = [];
  for (const path of paths) {
    let id = names.categories.idOf(path);
    if (id === undefined) {
      id = (await ensureCategories(trx, [path], names.now))[0];
      names.categories = await CategoryPaths.load(trx);
    }
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

function imageWarning(document: ImportDocument, image: LocalImage, problem: MediaProblem): ImportProblem {
  const params: ProblemParams = { path: image.written };
  if (problem === 'too_large') params.max = MAX_MEDIA_BYTES / (1024 * 1024);
  return importProblem(document.source.relative, { line: image.line, code: MEDIA_PROBLEMS[problem], params });
}

function sorted(report: MarkdownImportReport): MarkdownImportReport {
  report.warnings.sort(byFileAndLine);
  report.errors.sort(byFileAndLine);
  return report;
}

import fs from 'node:fs';
import path from 'node:path';
import type { Transaction } from 'kysely';
import { schedulePublications } from '../../content/publishing.service.ts';
import { followPostAddresses } from '../../content/site-settings.service.ts';
import { importRenderPool, type MarkdownRenderer } from '../../content/markdown/markdown.pool.ts';
import type { Db } from '../../db/db.ts';
import type { DatabaseSchema } from '../../db/schema.ts';
import { KiosqueError } from '../../errors.ts';
import { growthCollector } from '../../lib/memory.ts';
import type { EventBus } from '../../events/events.ts';
import { DEFAULT_SETTINGS, readSettings, writeSettings, type SiteSettings } from '../../settings/settings.ts';
import { WpAuthors } from './wp.authors.ts';
import { isKept, writeComments } from './wp.comments.ts';
import { plainText } from './wp.fields.ts';
import { ImportMappings } from './wp.mappings.ts';
import { WpMedia } from './wp.media.ts';
import { WpPosts, type PreparedPost } from './wp.posts.ts';
import { emptyReport, skip, wpProblem, type WordpressImportReport } from './wp.report.ts';
import { WpTerms } from './wp.terms.ts';
import { applyLegacyAddresses } from './wp.urls.apply.ts';
import { DateArchives, OldBlog, oldSlugPaths, pageCount, PermalinkDetector } from './wp.urls.ts';
import { ImportedPostAddresses } from './wp.urls.posts.ts';
import { readWxr } from './wxr.reader.ts';
import type { WxrItem, WxrSite } from './wxr.model.ts';

export { formatWordpressReport, type WordpressImportReport } from './wp.report.ts';

/**
 * `kiosque import wordpress <export.xml>`: a WordPress blog's whole history, read from the WXR
 * file its exporter writes, one entry at a time (an export of any size imports in the memory of
 * one item). Everything is written in one transaction: a file damaged half-way changes nothing.
 *
 * Items refer to things the file may only declare later (a featured image's attachment, a
 * gallery's pictures): posts are written as they come, and a final pass in the same transaction
 * links what was missing, through the import mappings.
 */

export interface WordpressImportContext {
  db: Db;
  events: EventBus;
  dataDir: string;
}

export interface WordpressImportOptions {
  /** Read and check everything, count what would change, write nothing. */
  dryRun?: boolean;
  /** The blog's wp-content/uploads folder: images are copied from it into the media library. */
  mediaDir?: string | undefined;
  /** Bytes of the file read so far, its size, and what has been imported. */
  onProgress?: (done: number, total: number, detail: string) => void;
  /**
   * Renders the posts' bodies; by default a pool with a thread per core but one, started once a
   * few dozen posts are read. The caller closes a renderer it gives.
   */
  renderer?: MarkdownRenderer;
}

type Trx = Transaction<DatabaseSchema>;

/** Thrown at the end of a dry run, so that its transaction rolls back everything it wrote. */
class DryRunFinished extends Error {}

export async function importWordpress(ctx: WordpressImportContext, file: string, options: WordpressImportOptions = {}): Promise<WordpressImportReport> {
  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const mediaDir = options.mediaDir === undefined ? undefined : checkedFolder(options.mediaDir);
  const settings = await readSettings(ctx.db);
  const report = emptyReport(dryRun);
  const media = new WpMedia(ctx.dataDir, mediaDir, dryRun);
  const renderer = options.renderer ?? importRenderPool();
  let settingsChanged = false;
  try {
    await ctx.db.kysely.transaction().execute(async (trx) => {
      const run = await ImportRun.start(trx, { file, settings, report, media, renderer, onProgress: options.onProgress });
      await run.readFile();
      await run.rereadDeferred();
      // Nothing is rendered after this: the threads' memory is given back before the final pass.
      if (!options.renderer) await renderer.close();
      settingsChanged = await run.finish();
      // Scheduled items go out on time, even from a site serving beside this import.
      await schedulePublications(trx, new Date().toISOString());
      if (dryRun) throw new DryRunFinished();
    });
  } catch (error) {
    if (!(error instanceof DryRunFinished)) {
      media.discard();
      throw error;
    }
  } finally {
    if (!options.renderer) await renderer.close();
  }
  report.mediaCopied = media.copiedCount;
  report.remoteMedia = [...media.remote];
  report.elapsedMs = performance.now() - started;
  if (!dryRun) {
    if (settingsChanged) await ctx.events.emit({ type: 'settings.changed' });
    // Without post ids: an import may touch thousands, more than a PostgreSQL notification carries.
    await ctx.events.emit({ type: 'content.changed', reason: 'import' });
  }
  return report;
}

/** Longest site title taken from an export: a header, not a paragraph. */
const MAX_SITE_TITLE = 120;

/**
 * The blog's name, tagline and language, for a site that still has Kiosque's defaults (a fresh
 * install): a title or description someone has set is never replaced.
 */
function siteIdentity(site: WxrSite, settings: SiteSettings): Partial<SiteSettings> {
  const changes: Partial<SiteSettings> = {};
  const title = plainText(site.title).slice(0, MAX_SITE_TITLE).trim();
  const description = plainText(site.description);
  const language = /^(fr|en)\b/i.exec(site.language)?.[1]?.toLowerCase() as SiteSettings['locale'] | undefined;
  const untouched = settings.title === DEFAULT_SETTINGS.title && settings.description === DEFAULT_SETTINGS.description;
  if (!untouched) return changes;
  if (title && title !== settings.title) changes.title = title;
  if (description && description !== settings.description) changes.description = description;
  if (language && language !== settings.locale) changes.locale = language;
  return changes;
}

/** The uploads folder given with --media, which must be one. */
function checkedFolder(dir: string): string {
  const resolved = path.resolve(dir);
  let folder = false;
  try {
    folder = fs.statSync(resolved).isDirectory();
  } catch {
    folder = false;
  }
  if (!folder) throw new KiosqueError('import_media_missing', { path: resolved });
  return resolved;
}

interface RunInput {
  file: string;
  settings: SiteSettings;
  report: WordpressImportReport;
  media: WpMedia;
  renderer: MarkdownRenderer;
  onProgress: WordpressImportOptions['onProgress'];
}

/**
 * Posts read ahead of the one being written: enough to keep every render thread busy while this
 * thread reads, converts and writes.
 */
const READ_AHEAD = 8;

/** How much a long import's heap may grow before it collects its garbage (see src/lib/memory.ts). */
const COLLECT_AFTER_MB = 64;

/** One import, inside its transaction. */
class ImportRun {
  private site: WxrSite | undefined;
  /** What the export gives a fresh site of its name, tagline and language. */
  private identity: Partial<SiteSettings> = {};
  private detector: PermalinkDetector | undefined;
  private readonly dateArchives = new DateArchives();
  private oldBlog: OldBlog | undefined;
  /** By WordPress id, the addresses of the posts that had other slugs: the few the final pass redirects too. */
  private readonly oldPaths = new Map<number, string[]>();
  /** By WordPress id, how many pages the paginated posts had: their pages' addresses are redirected too. */
  private readonly pageCounts = new Map<number, number>();
  private items = 0;
  /** Posts prepared and rendering, with their comments' HTML, written in the order they were read. */
  private readonly ahead: { post: PreparedPost; comments: Promise<string[]> }[] = [];
  /** Keeps the heap near what the import holds: each item leaves garbage that lives a little while. */
  private readonly collect = growthCollector(COLLECT_AFTER_MB);

  private constructor(
    private readonly trx: Trx,
    private readonly input: RunInput,
    private readonly now: string,
    private readonly mappings: ImportMappings,
    private readonly terms: WpTerms,
    private readonly authors: WpAuthors,
    private readonly posts: WpPosts,
    /** The posts the site had before this import, whose addresses a new permalink pattern moves. */
    private readonly postsBefore: readonly number[],
  ) {}

  static async start(trx: Trx, input: RunInput): Promise<ImportRun> {
    const now = new Date().toISOString();
    const mappings = await ImportMappings.load(trx, now);
    await input.media.rememberEarlierCopies(trx);
    const terms = new WpTerms(input.report, mappings, now);
    const authors = new WpAuthors(input.report, mappings, now);
    const posts = new WpPosts({ report: input.report, mappings, terms, authors, media: input.media, settings: input.settings, now, renderer: input.renderer });
    const postsBefore = (await trx.selectFrom('posts').select('id').where('type', '=', 'post').execute()).map((post) => post.id);
    return new ImportRun(trx, input, now, mappings, terms, authors, posts, postsBefore);
  }

  async readFile(): Promise<void> {
    const { report, settings } = this.input;
    const onProgress = this.input.onProgress;
    for await (const entry of readWxr(this.input.file, { onProgress: onProgress && ((done, total) => onProgress(done, total, this.progressDetail())) })) {
      switch (entry.kind) {
        case 'site':
          this.site = entry.site;
          // Before any post is written: the site's language sets the typography they are rendered with.
          this.identity = siteIdentity(entry.site, settings);
          Object.assign(settings, this.identity);
          report.site = { title: entry.site.title, link: entry.site.link };
          this.detector = new PermalinkDetector(entry.site.baseBlogUrl || entry.site.link);
          this.oldBlog = new OldBlog(entry.site.baseBlogUrl || entry.site.link);
          this.posts.setSite(entry.site);
          break;
        case 'author':
          // Posts read ahead are written first: an author declared after items may take their bylines.
          while (this.ahead.length > 0) await this.writeNext();
          await this.authors.addAuthor(this.trx, entry.author);
          break;
        case 'term':
          this.detector?.addTerm(entry.term);
          await this.terms.addTerm(this.trx, entry.term);
          break;
        case 'item':
          this.items++;
          this.detector?.addItem(entry.item);
          this.dateArchives.addItem(entry.item);
          this.rememberOldAddresses(entry.item);
          await this.importItem(entry.item);
          break;
        case 'controlCharacters':
          report.warnings.push(wpProblem(0, entry.line, 'control_characters', { count: entry.count }));
          break;
      }
      this.collect();
    }
    while (this.ahead.length > 0) await this.writeNext();
  }

  /** Writes the oldest prepared post, then its comments. */
  private async writeNext(): Promise<void> {
    const { post, comments } = this.ahead.shift()!;
    const postId = await this.posts.finishPost(this.trx, post);
    const { report, settings } = this.input;
    const context = { report, mappings: this.mappings, locale: settings.locale, timeZone: settings.timezone, now: this.now };
    await writeComments(this.trx, postId, post.item.comments, context, await comments);
  }

  /** What the final pass needs of a post's old addresses beyond its link: its former slugs' and its pages'. */
  private rememberOldAddresses(item: WxrItem): void {
    if (!this.oldBlog || (item.postType !== 'post' && item.postType !== 'page')) return;
    const paths = oldSlugPaths(item, this.oldBlog);
    if (paths.length > 0) this.oldPaths.set(item.id, paths);
    else this.oldPaths.delete(item.id);
    const pages = pageCount(item.content);
    if (pages > 1) this.pageCounts.set(item.id, pages);
    else this.pageCounts.delete(item.id);
  }

  private progressDetail(): string {
    return `${this.items} items`;
  }

  private async importItem(item: WxrItem): Promise<void> {
    const { report } = this.input;
    switch (item.postType) {
      case 'attachment':
        await this.posts.writeAttachment(this.trx, item);
        return;
      case 'post':
      case 'page': {
        const prepared = await this.posts.preparePost(this.trx, item, 'first');
        if (prepared === undefined) return;
        const texts = item.comments.filter(isKept).map((comment) => comment.content);
        this.ahead.push({ post: prepared, comments: this.input.renderer.renderComments(texts, this.input.settings.locale) });
        if (this.ahead.length > READ_AHEAD) await this.writeNext();
        return;
      }
      case 'wp_block':
        this.posts.rememberReusableBlock(item);
        skip(report, undefined, 'type', item.postType);
        return;
      default:
        // Menus, revisions, templates, and plugins' own types (products, forms…).
        skip(report, undefined, 'type', item.postType);
    }
  }

  /**
   * The final pass, once the deferred items are written again: what items referred to ahead of
   * its declaration, the permalink pattern, and the old addresses. Returns whether the site's
   * settings changed.
   */
  async finish(): Promise<boolean> {
    const { report } = this.input;
    await this.terms.linkParents(this.trx);
    await this.posts.linkFeaturedImages(this.trx);
    await this.mappings.flush(this.trx);

    const structure = this.detector?.result();
    report.permalink = { structure: structure?.structure, pattern: structure?.kiosquePattern };
    const changes: Partial<SiteSettings> = { ...this.identity };
    if (structure?.kiosquePattern !== undefined && structure.kiosquePattern !== this.input.settings.permalinkPattern) changes.permalinkPattern = structure.kiosquePattern;
    report.siteSettings = { title: changes.title, description: changes.description, locale: changes.locale };
    const settingsChanged = Object.keys(changes).length > 0;
    if (settingsChanged) await writeSettings(this.trx, changes);
    const settings = { ...this.input.settings, ...changes };
    // The site's own posts, if it had any, follow the pattern the blog brings, from their old addresses.
    await followPostAddresses(this.trx, this.input.settings, settings, this.now, this.postsBefore);
    if (this.site) {
      const posts = new ImportedPostAddresses(this.trx, settings, this.now, this.oldPaths, this.pageCounts);
      const attachments = this.input.media.attachments;
      const rules = await applyLegacyAddresses(
        this.trx,
        {
          site: { blogUrl: this.site.baseBlogUrl || this.site.link, locale: settings.locale },
          posts: posts.pages(),
          livePosts: (paths) => posts.live(paths),
          occupiedPaths: (paths) => posts.occupied(paths),
          newPaths: (wpIds) => posts.newPaths(wpIds),
          terms: await this.terms.legacyTerms(this.trx),
          authors: await this.authors.legacyAuthors(this.trx),
          attachments: {
            *[Symbol.iterator]() {
              for (const [wpId, attachment] of attachments) yield { wpId, link: attachment.link, parentId: attachment.parentId, url: attachment.url, resizedCopies: attachment.resizedCopies };
            },
          },
          mediaUrl: this.input.media.mediaUrl,
          resizedReferences: this.input.media.resizedReferences,
          dateArchives: this.dateArchives,
        },
        this.now,
      );
      report.redirects = { created: rules.created, updated: rules.updated, unchanged: rules.unchanged, keptManual: rules.keptManual, skipped: rules.skipped };
    }
    report.unknownShortcodes = this.posts.unknownShortcodes();
    report.warnings.sort((a, b) => a.line - b.line || a.itemId - b.itemId);
    return settingsChanged;
  }

  /**
   * Items whose content named attachments or reusable blocks the file declares later (a gallery's
   * pictures): the file is read a second time for those items only, now that every one is known.
   */
  async rereadDeferred(): Promise<void> {
    const deferred = this.posts.deferred;
    if (deferred.size === 0) return;
    for await (const entry of readWxr(this.input.file)) {
      if (entry.kind !== 'item' || !deferred.has(entry.item.id)) continue;
      await this.posts.writePost(this.trx, entry.item, 'again');
      deferred.delete(entry.item.id);
      if (deferred.size === 0) break;
    }
  }
}

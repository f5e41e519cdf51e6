import type { Transaction } from 'kysely';
import { knownImages, writePost, type PostInput } from '../../content/content.service.ts';
import type { KnownImage } from '../../content/markdown/markdown.figures.ts';
import type { MarkdownRenderer, RenderedBody } from '../../content/markdown/markdown.pool.ts';
import type { DatabaseSchema, PostType } from '../../db/schema.ts';
import { MAX_MEDIA_BYTES } from '../../media/media.service.ts';
import { indexStemsInProcess } from '../../search/search.index.ts';
import { shorten } from '../../seo/seo.text.ts';
import type { SiteSettings } from '../../settings/settings.ts';
import type { WpAuthors } from './wp.authors.ts';
import { wordpressToMarkdown, type WpContentResult } from './wp.content.ts';
import { decideStatus, detached, importedSlug, itemDate, markdownText, plainText, wantedSlug } from './wp.fields.ts';
import type { ImportMappings } from './wp.mappings.ts';
import type { WpMedia, WpMediaProblem } from './wp.media.ts';
import { skip, wpProblem, type WordpressImportReport, type WpProblemCode } from './wp.report.ts';
import { readSeoFields } from './wp.seo.ts';
import type { WpTerms } from './wp.terms.ts';
import { resizedCopies } from './wp.urls.ts';
import type { WxrItem, WxrSite } from './wxr.model.ts';

type Trx = Transaction<DatabaseSchema>;

export interface PostsContext {
  report: WordpressImportReport;
  mappings: ImportMappings;
  terms: WpTerms;
  authors: WpAuthors;
  media: WpMedia;
  settings: SiteSettings;
  now: string;
  /** Renders the bodies, on other threads for a large file. */
  renderer: MarkdownRenderer;
}

/** A post read, converted and on its way to being rendered, not written yet (see `preparePost`). */
export interface PreparedPost {
  item: WxrItem;
  kind: PostType;
  first: boolean;
  input: PostInput;
  images: ReadonlyMap<string, KnownImage>;
  rendered: Promise<RenderedBody>;
  thumbnailId: number;
}

/** Lists show an excerpt, not an article's whole opening: a long teaser is cut at a word. */
const TEASER_EXCERPT_LENGTH = 300;

const MEDIA_PROBLEMS: Record<WpMediaProblem, WpProblemCode> = {
  missing: 'media_missing',
  unsupported: 'media_unsupported',
  too_large: 'media_too_large',
  unsafe_svg: 'media_unsafe',
  outside: 'media_outside',
};

const DRAFT_REASONS = { private: 'private_as_draft', pending: 'pending_as_draft', password: 'password_as_draft' } as const;

/**
 * Posts, pages and attachments. A post is written when its item is read; what it names ahead of
 * its declaration is linked at the end (featured images), or the item is written again from a
 * second reading of the file (galleries of attachments declared later).
 */
export class WpPosts {
  /** WordPress ids of posts whose content named attachments or reusable blocks not read yet. */
  readonly deferred = new Set<number>();
  /** Reusable blocks' content (`wp_block` items) by WordPress id, shown where posts place them. */
  private readonly reusableBlocks = new Map<number, string>();
  private readonly featured: { postId: number; attachmentId: number; itemId: number; line: number }[] = [];
  private readonly shortcodes = new Map<string, number[]>();
  private site: WxrSite | undefined;

  constructor(private readonly context: PostsContext) {}

  setSite(site: WxrSite): void {
    this.site = site;
  }

  private get blogUrl(): string {
    return this.site ? this.site.baseBlogUrl || this.site.link : '';
  }

  private warn(item: WxrItem, code: WpProblemCode, params: Record<string, string | number> = {}): void {
    this.context.report.warnings.push(wpProblem(item.id, item.line, code, params));
  }

  private warnMedia(item: WxrItem, url: string, problem: WpMediaProblem | undefined): void {
    if (!problem) return;
    this.warn(item, MEDIA_PROBLEMS[problem], problem === 'too_large' ? { path: url, max: MAX_MEDIA_BYTES / (1024 * 1024) } : { path: url });
  }

  /** An attachment: its file brought into the media library (or its address kept), for featured images, galleries and old addresses. */
  async writeAttachment(trx: Trx, item: WxrItem): Promise<void> {
    const { media, mappings, report } = this.context;
    const attached = item.meta['_wp_attached_file'];
    const url = item.attachmentUrl || (attached ? `${this.blogUrl.replace(/\/$/, '')}/wp-content/uploads/${attached}` : item.guid);
    const brought = await media.bring(trx, url);
    this.warnMedia(item, url, brought.problem);
    const alt = plainText(item.meta['_wp_attachment_image_alt'] ?? '');
    const caption = plainText(item.excerpt);
    if (brought.mediaId !== null && (alt || caption)) {
      // The library's own text wins: it may have been written here since.
      await trx.updateTable('media').set({ alt }).where('id', '=', brought.mediaId).where('alt', '=', '').execute();
      await trx.updateTable('media').set({ caption }).where('id', '=', brought.mediaId).where('caption', '=', '').execute();
    }
    media.attachments.set(item.id, {
      url: detached(url),
      localUrl: detached(brought.url),
      mediaId: brought.mediaId,
      alt: detached(alt),
      caption: detached(caption),
      link: detached(item.link),
      parentId: item.parentId,
      resizedCopies: resizedCopies(item.meta['_wp_attachment_metadata']).map((name) => detached(name)),
    });
    if (mappings.find('attachment', item.id)) report.counts.attachment.updated++;
    else report.counts.attachment.imported++;
    await mappings.record(trx, 'attachment', item.id, {
      localId: brought.mediaId,
      sourceStatus: item.status,
      sourceUrl: url,
      localUrl: brought.url,
      sourceParentId: item.parentId || null,
    });
  }

  /** A reusable block: not a post, but content that posts include by reference. */
  rememberReusableBlock(item: WxrItem): void {
    this.reusableBlocks.set(item.id, detached(item.content));
  }

  /**
   * Writes a post or page; returns its id, or undefined when its status is not imported. 'again'
   * is the second writing of a deferred item: same post, nothing counted or reported twice.
   */
  async writePost(trx: Trx, item: WxrItem, pass: 'first' | 'again'): Promise<number | undefined> {
    const prepared = await this.preparePost(trx, item, pass);
    return prepared && (await this.finishPost(trx, prepared));
  }

  /**
   * The first half of writing a post: everything but the write itself, its body sent to the
   * renderer. An importer prepares the next posts while earlier ones render, then finishes them
   * in the order they were read; undefined when the item's status is not imported.
   */
  async preparePost(trx: Trx, item: WxrItem, pass: 'first' | 'again'): Promise<PreparedPost | undefined> {
    const { report, terms, authors, settings, now, renderer } = this.context;
    const kind: PostType = item.postType === 'page' ? 'page' : 'post';
    const first = pass === 'first';
    const decision = decideStatus(item);
    if (!decision.import) {
      if (first) skip(report, kind, 'status', decision.reason);
      return undefined;
    }
    if (first && decision.reason) this.warn(item, DRAFT_REASONS[decision.reason]);

    const date = itemDate(item, settings.timezone);
    // A post scheduled without a date cannot be scheduled: it waits as a draft.
    const status = decision.status === 'scheduled' && !date ? 'draft' : decision.status;
    // What was public on WordPress (privately or behind a password) keeps its date; a draft takes one when published.
    const publishedAt = status !== 'draft' ? (date ?? now) : decision.reason === 'private' || decision.reason === 'password' ? (date ?? null) : null;

    const title = plainText(item.title);
    if (first && !title) this.warn(item, 'title_missing', { title: item.slug || String(item.id) });
    const content = await this.convert(trx, item, first);
    const excerpt = plainText(item.excerpt) || (content.teaser ? shorten(markdownText(content.teaser, settings.locale), TEASER_EXCERPT_LENGTH) : undefined);
    const categoryNames = terms.names(item.terms, 'category');
    const seo = readSeoFields(item.meta, {
      title,
      siteName: this.site?.title ?? settings.title,
      siteDescription: this.site?.description ?? settings.description,
      link: item.link,
      blogUrl: this.blogUrl,
      excerpt,
      categories: categoryNames,
      tags: terms.names(item.terms, 'post_tag'),
    });
    if (first) for (const template of seo.droppedTemplates) this.warn(item, 'seo_template_dropped', { template });

    const thumbnailId = Number(item.meta['_thumbnail_id'] ?? 0);
    const thumbnail = thumbnailId > 0 ? this.context.media.attachments.get(thumbnailId) : undefined;
    const input: PostInput = {
      type: kind,
      title: title || item.slug || String(item.id),
      slug: importedSlug(item.slug, title, `${kind === 'page' ? 'page' : 'article'}-${item.id}`),
      markdown: content.markdown,
      status,
      publishedAt,
      updatedAt: item.modified ?? date ?? now,
      customExcerpt: excerpt,
      authorId: await authors.authorOf(trx, item.creator, item.id, item.line),
      categoryIds: await terms.categoryIds(trx, item.terms),
      tagIds: await terms.tagIds(trx, item.terms),
      image: thumbnail && { url: thumbnail.localUrl, alt: thumbnail.alt, caption: thumbnail.caption || null },
      seoTitle: seo.seoTitle ?? null,
      seoDescription: seo.seoDescription ?? null,
      // WordPress's sticky posts are what Kiosque calls "À la une".
      featured: kind === 'post' && item.isSticky,
      canonicalUrl: seo.canonicalUrl ?? null,
      noindex: seo.noindex,
    };
    const images = await knownImages(trx, input);
    const rendered = renderer.render(input.markdown, { locale: settings.locale, imageSizes: images, stems: indexStemsInProcess(trx) });
    return { item, kind, first, input, images, rendered, thumbnailId };
  }

  /** Writes a prepared post once its body is rendered; returns its id. */
  async finishPost(trx: Trx, prepared: PreparedPost): Promise<number> {
    const { report, mappings, settings, now } = this.context;
    const { item, kind, first, input, thumbnailId } = prepared;
    // Only a slug WordPress gave is reported when it changes: one made from the title is the site's own.
    const slug = wantedSlug(item.slug);
    const existingId = mappings.find(kind, item.id)?.localId ?? undefined;
    const saved = await writePost(trx, input, { existingId, locale: settings.locale, now, prepared: { rendered: await prepared.rendered, images: prepared.images } });
    if (first) {
      if (saved.created) report.counts[kind].imported++;
      else report.counts[kind].updated++;
      if (slug && saved.slug !== slug) this.warn(item, 'slug_changed', { wanted: slug, slug: saved.slug });
    }
    // No image yet: the attachment comes later in the file, and is linked once every one is read.
    if (thumbnailId > 0 && !input.image) this.featured.push({ postId: saved.id, attachmentId: thumbnailId, itemId: item.id, line: item.line });
    await mappings.record(trx, kind, item.id, { localId: saved.id, sourceStatus: item.status, sourceUrl: item.link, sourceParentId: item.parentId || null });
    return saved.id;
  }

  /**
   * The item's content as Kiosque Markdown, its uploads brought into the library first: the
   * conversion asks for new addresses synchronously, so files it names that were not brought yet
   * are brought, then the content is converted again with their addresses.
   */
  private async convert(trx: Trx, item: WxrItem, first: boolean): Promise<WpContentResult> {
    const { media } = this.context;
    // Set when the content names an attachment or a reusable block the file declares later.
    let missingAttachment = false;
    const convert = () =>
      wordpressToMarkdown(item.content, {
        mediaUrl: media.mediaUrl,
        siteUrl: this.blogUrl || undefined,
        footnotes: item.meta['footnotes'],
        reusableBlock: (id) => {
          const content = this.reusableBlocks.get(id);
          if (content === undefined) missingAttachment = true;
          return content;
        },
        attachment: (id) => {
          const attachment = media.attachments.get(id);
          if (!attachment) {
            missingAttachment = true;
            return undefined;
          }
          return { url: attachment.url, alt: attachment.alt, caption: attachment.caption };
        },
      });
    let result = convert();
    let brought = 0;
    for (const url of result.mediaUrls) {
      const outcome = await media.bringReferenced(trx, url);
      if (outcome.copied) brought++;
      if (first) this.warnMedia(item, url, outcome.problem);
    }
    if (brought > 0) result = convert();
    if (missingAttachment && first) this.deferred.add(item.id);
    // A deferred item's content is told about on its second writing, when all it names is known.
    if (first ? !this.deferred.has(item.id) : this.deferred.has(item.id)) {
      for (const problem of result.problems) {
        if (problem.code === 'shortcode_unknown') {
          const items = this.shortcodes.get(problem.detail);
          if (!items) this.shortcodes.set(detached(problem.detail), [item.id]);
          else if (!items.includes(item.id)) items.push(item.id);
        } else {
          this.warn(item, 'content_dropped', { problem: problem.code, detail: problem.detail });
        }
      }
    }
    return result;
  }

  /** Featured images whose attachment came after their post in the file. */
  async linkFeaturedImages(trx: Trx): Promise<void> {
    const { media, report } = this.context;
    const mediaIds = [...new Set(this.featured.map((link) => media.attachments.get(link.attachmentId)?.mediaId).filter((id): id is number => typeof id === 'number'))];
    const sizes = new Map<number, { width: number | null; height: number | null }>();
    for (let start = 0; start < mediaIds.length; start += 500) {
      const rows = await trx.selectFrom('media').select(['id', 'width', 'height']).where('id', 'in', mediaIds.slice(start, start + 500)).execute();
      for (const row of rows) sizes.set(row.id, row);
    }
    for (const link of this.featured) {
      const attachment = media.attachments.get(link.attachmentId);
      if (!attachment) {
        report.warnings.push(wpProblem(link.itemId, link.line, 'featured_missing', { attachment: link.attachmentId }));
        continue;
      }
      const size = attachment.mediaId === null ? undefined : sizes.get(attachment.mediaId);
      await trx
        .updateTable('posts')
        .set({
          image_url: attachment.localUrl,
          image_alt: attachment.alt,
          image_caption: attachment.caption || null,
          image_width: size?.width ?? null,
          image_height: size?.height ?? null,
        })
        .where('id', '=', link.postId)
        .execute();
    }
    this.featured.length = 0;
  }

  /** Unknown shortcodes and the items using them, by name. */
  unknownShortcodes(): { name: string; items: number[] }[] {
    return [...this.shortcodes].map(([name, items]) => ({ name, items })).sort((a, b) => a.name.localeCompare(b.name));
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Db } from '../db/db.ts';
import { mediaRoot } from '../media/media.service.ts';
import { commentsOfPosts, type ExportComment } from './export.comments.ts';
import { eleventyConfig, HUGO_LAYOUTS, hugoConfig } from './export.markdown.site.ts';
import { ExportFolder, type OutputOptions } from './export.output.ts';
import { ExportSource, type ExportAuthor, type ExportCategory, type ExportPost } from './export.reader.ts';
import { emptyReport, type ExportProgress, type ExportReport } from './export.report.ts';

/**
 * `kiosque export markdown <dir>`: one Markdown file per post and page, with front matter that
 * Hugo, Eleventy and Kiosque's own Markdown importer all read, and the media library beside them:
 *
 *   content/posts/<slug>.md, content/pages/<slug>.md
 *   content/categories/<slug>/_index.md   (a category's name, description and parent: Hugo's term pages)
 *   content/authors/<slug>/_index.md      (an author's name and bio)
 *   static/media/<yyyy>/<mm>/<file>     (served as /media/…, the addresses the articles use)
 *   eleventy.config.mjs, hugo.toml, layouts/   (so each builds the folder as it is)
 *
 * Bodies are the Markdown as written in Kiosque. See export.markdown.site.ts for Kiosque's blocks.
 */

export interface MarkdownExportContext {
  db: Db;
  dataDir: string;
  /** The site's public address, without a trailing slash. */
  siteUrl: string;
}

export interface MarkdownExportReport extends ExportReport {
  /** Library entries whose file was not found in the data directory (listed by path). */
  missingMedia: string[];
}

export const MEDIA_FOLDER = 'static/media';

export async function exportMarkdown(ctx: MarkdownExportContext, target: string, options: OutputOptions & ExportProgress = {}): Promise<MarkdownExportReport> {
  const started = performance.now();
  const source = await ExportSource.open(ctx.db);
  const folder = ExportFolder.open(target, options);
  const report: MarkdownExportReport = { ...emptyReport('markdown', folder.target), missingMedia: [] };
  try {
    const total = await source.countPosts();
    const authorName = new Map(source.authors.map((author) => [author.id, author.name]));
    const categoryPath = new Map(source.categories.map((category) => [category.id, category.path]));
    const tagName = new Map(source.tags.map((tag) => [tag.id, tag.name]));
    const names = { authorName, categoryPath, tagName };

    for await (const posts of source.posts()) {
      const comments = await commentsOfPosts(ctx.db, posts.map((post) => post.id));
      for (const post of posts) {
        // Only what readers see: comments waiting for moderation stay on the site they were sent to.
        const approved = (comments.get(post.id) ?? []).filter((comment) => comment.status === 'approved');
        folder.writeText(`content/${post.type === 'page' ? 'pages' : 'posts'}/${post.slug}.md`, markdownFile(post, names, approved));
        report[post.type === 'page' ? 'pages' : 'posts']++;
        report.comments += approved.length;
      }
      options.onProgress?.(report.posts + report.pages, total);
    }
    const categorySlug = new Map(source.categories.map((category) => [category.id, category.slug]));
    for (const category of source.categories) folder.writeText(`content/categories/${category.slug}/_index.md`, categoryFile(category, categorySlug));
    for (const author of source.authors) folder.writeText(`content/authors/${author.slug}/_index.md`, authorFile(author));
    const library = mediaRoot(ctx.dataDir);
    for await (const page of source.media()) {
      for (const media of page) {
        const file = path.join(library, media.path);
        if (fs.existsSync(file)) {
          folder.copyFile(file, `${MEDIA_FOLDER}/${media.path}`);
          report.media++;
        } else {
          report.missingMedia.push(media.path);
        }
      }
    }
    folder.writeText('eleventy.config.mjs', eleventyConfig(source.settings));
    folder.writeText('hugo.toml', hugoConfig(source.settings, ctx.siteUrl));
    for (const [file, text] of Object.entries(HUGO_LAYOUTS)) folder.writeText(file, text);
    folder.commit();
  } catch (error) {
    folder.discard();
    throw error;
  }
  report.authors = source.authors.length;
  report.categories = source.categories.length;
  report.tags = source.tags.length;
  report.personalData = [
    ...(source.authors.length > 0 ? ['authors.name', 'authors.bio'] : []),
    ...(report.comments > 0 ? ['comments.authorName', 'comments.authorUrl'] : []),
  ];
  report.bytes = folder.bytes;
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}

interface Names {
  authorName: Map<number, string>;
  categoryPath: Map<number, string>;
  tagName: Map<number, string>;
}

/**
 * The front matter, in the field names each reader knows: `date`, `lastmod`, `draft`, `slug`,
 * `url` (Hugo), `permalink` (Eleventy), `summary`, `description`, `categories`, `tags`, `author`,
 * `image` (all three); `canonicalURL` and `robotsNoIndex` (Hugo themes' names, PaperMod's among
 * them; Hugo reads parameters whatever their case); `type: page`, `seo_title`, `seo_description`,
 * `image_alt`, `image_caption`, `featured`, `highlight` and `comments` (Kiosque's importer). A
 * field with nothing to say is left out: an import must find exactly what the post had, or it
 * would store (and show) something else.
 */
export function frontMatterOf(post: ExportPost, names: Names, comments: readonly ExportComment[] = []): Record<string, unknown> {
  const fields: Record<string, unknown> = { title: post.title, slug: post.slug };
  // A draft has no publication date; its creation date orders it for the generators, and Kiosque ignores a draft's date.
  fields.date = post.publishedAt ?? post.createdAt;
  fields.lastmod = post.updatedAt;
  if (post.status === 'draft') fields.draft = true;
  if (post.type === 'page') fields.type = 'page';
  if (post.path !== null) {
    fields.url = post.path;
    fields.permalink = post.path;
  }
  const author = post.authorId === null ? undefined : names.authorName.get(post.authorId);
  if (author) fields.author = author;
  const categories = post.categoryIds.map((id) => names.categoryPath.get(id)).filter((name) => name !== undefined);
  if (categories.length > 0) fields.categories = categories;
  const tags = post.tagIds.map((id) => names.tagName.get(id)).filter((name) => name !== undefined);
  if (tags.length > 0) fields.tags = tags;
  // Only the writer's own excerpt: one made from the text is made again, the same, on import.
  if (post.customExcerpt) fields.summary = post.customExcerpt;
  if (post.seo.title) fields.seo_title = post.seo.title;
  if (post.seo.description) fields.seo_description = post.seo.description;
  // Kiosque's importer takes `description` for the excerpt when there is no `summary`, and for the
  // SEO description when there is no `seo_description`: it is written only where both are there,
  // so that it can change nothing (Hugo then falls back to the summary, Eleventy's layout too).
  if (post.customExcerpt && post.seo.description) fields.description = post.seo.description;
  if (post.image) {
    fields.image = post.image.url;
    if (post.image.alt) fields.image_alt = post.image.alt;
    if (post.image.caption) fields.image_caption = post.image.caption;
  }
  if (post.featured) fields.featured = true;
  if (post.highlighted) fields.highlight = true;
  if (post.seo.canonical) fields.canonicalURL = post.seo.canonical;
  if (post.seo.noindex) fields.robotsNoIndex = true;
  if (comments.length > 0) fields.comments = comments.map(commentFields);
  return fields;
}

/**
 * A reader's comment as the front matter lists it: `parent` names the `id` it answers (ids are
 * this export's, only meant to link replies); `html` is the sanitised HTML the site shows. The
 * commenter's e-mail address is not written: the folder is meant to be published.
 */
function commentFields(comment: ExportComment): Record<string, unknown> {
  return {
    id: comment.id,
    ...(comment.parentId !== null ? { parent: comment.parentId } : {}),
    author: comment.authorName,
    ...(comment.authorUrl ? { url: comment.authorUrl } : {}),
    date: comment.createdAt,
    html: comment.html,
  };
}

export function markdownFile(post: ExportPost, names: Names, comments: readonly ExportComment[] = []): string {
  return withFrontMatter(frontMatterOf(post, names, comments), tablesClosedApart(post.markdown));
}

/**
 * The body with a blank line between a table's last row and the `:::` that closes its block.
 * Kiosque's parser reads both the same, but GFM (Hugo's Goldmark, GitHub) ends a table only at a
 * blank line: the `:::` would become one more row, and the block's end text in the table.
 */
export function tablesClosedApart(markdown: string): string {
  const lines = markdown.split('\n');
  let fence: string | undefined;
  return lines
    .map((line, index) => {
      const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        if (fenceMark && fenceMark[1]![0] === fence[0] && fenceMark[1]!.length >= fence.length) fence = undefined;
        return line;
      }
      if (fenceMark) {
        fence = fenceMark[1];
        return line;
      }
      const previous = lines[index - 1] ?? '';
      return /^\s{0,3}:{3,}\s*$/.test(line) && previous.trim() !== '' && previous.includes('|') ? `\n${line}` : line;
    })
    .join('\n');
}

/**
 * A category as Hugo's term page for it (`title`, `description`) plus its `parent`, by slug, for
 * Kiosque's importer: the folder's name is the category's slug, so its address is kept whatever
 * its name.
 */
export function categoryFile(category: ExportCategory, slugOf: ReadonlyMap<number, string>): string {
  const parent = category.parentId === null ? undefined : slugOf.get(category.parentId);
  return withFrontMatter({ title: category.name, ...(category.description ? { description: category.description } : {}), ...(parent ? { parent } : {}) }, '');
}

/** An author's page: the name as `title`, the bio as `bio` (Hugo's author term pages, Kiosque's importer). */
export function authorFile(author: ExportAuthor): string {
  return withFrontMatter({ title: author.name, ...(author.bio ? { bio: author.bio } : {}) }, '');
}

function withFrontMatter(fields: Record<string, unknown>, body: string): string {
  const yaml = stringify(fields, { lineWidth: 0 });
  const text = body.trim();
  return text ? `---\n${yaml}---\n\n${text}\n` : `---\n${yaml}---\n`;
}

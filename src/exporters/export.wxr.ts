import type { Db } from '../db/db.ts';
import type { Locale } from '../i18n/i18n.ts';
import { withoutNonXmlCharacters, xmlAttribute, xmlText } from '../feeds/feeds.xml.ts';
import { wallClock } from '../lib/time-zones.ts';
import { MEDIA_URL_PREFIX } from '../media/media.service.ts';
import { commentsOfPosts, type ExportComment } from './export.comments.ts';
import { ExportFile, type OutputOptions } from './export.output.ts';
import { ExportSource, type ExportCategory, type ExportMedia, type ExportPost } from './export.reader.ts';
import { wordpressArticleHtml } from './export.wxr.content.ts';
import { emptyReport, type ExportProgress, type ExportReport } from './export.report.ts';

/**
 * `kiosque export wxr <file>`: a WordPress eXtended RSS 1.2 file, as WordPress 6's own exporter
 * writes it, with the elements its importer reads: authors, categories (parents first, since
 * WordPress looks a parent up by its slug as it goes), tags, the media library as attachments,
 * posts and pages with their terms, SEO fields as Yoast SEO's post meta, and comments.
 * Content is the rendered HTML with every address absolute, as in the feeds, and Kiosque's videos,
 * pull-quotes and figures as Gutenberg blocks (export.wxr.content.ts): WordPress keeps it as it
 * is, and rewrites an attachment's old address to its new one after fetching the file.
 */

export interface WxrExportContext {
  db: Db;
  /** The site's public address, without a trailing slash. */
  siteUrl: string;
  generator: string;
  now?: () => Date;
}

export const WXR_VERSION = '1.2';

const NAMESPACES = [
  'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:wfw="http://wellformedweb.org/CommentAPI/"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:wp="http://wordpress.org/export/1.2/"',
].join('\n\t');

const STATUSES = { published: 'publish', scheduled: 'future', draft: 'draft' } as const;
const LANGUAGES = { fr: 'fr-FR', en: 'en-US' } as const;
// WordPress writes this for the GMT date of a draft that was never published.
const NO_DATE = '0000-00-00 00:00:00';

export async function exportWxr(ctx: WxrExportContext, target: string, options: OutputOptions & ExportProgress = {}): Promise<ExportReport> {
  const started = performance.now();
  const source = await ExportSource.open(ctx.db);
  const file = await ExportFile.open(target, options);
  const report = emptyReport('wxr', file.target);
  const { settings } = source;
  const site = ctx.siteUrl;
  try {
    const total = await source.countPosts();
    // Posts and attachments share WordPress's id space: attachments are numbered after the last post.
    const attachmentOffset = await lastPostId(ctx.db);
    const authorLogin = new Map(source.authors.map((author) => [author.id, author.slug]));
    const categoryById = new Map(source.categories.map((category) => [category.id, category]));
    const tagById = new Map(source.tags.map((tag) => [tag.id, tag]));
    const maxCategoryId = Math.max(0, ...source.categories.map((category) => category.id));

    await file.write(`<?xml version="1.0" encoding="UTF-8" ?>\n<!-- generator="${xmlText(ctx.generator)}" -->\n<rss version="2.0"\n\t${NAMESPACES}\n>\n\n<channel>\n`);
    await file.write(
      [
        tag('title', settings.title),
        tag('link', site),
        tag('description', settings.description),
        tag('pubDate', rfc2822((ctx.now?.() ?? new Date()).toISOString())),
        tag('language', LANGUAGES[settings.locale]),
        tag('wp:wxr_version', WXR_VERSION),
        tag('wp:base_site_url', site),
        tag('wp:base_blog_url', site),
        '',
      ].join('\n\t'),
    );
    for (const author of source.authors) {
      await file.write(
        `\n\t<wp:author>${tag('wp:author_id', author.id)}${cdata('wp:author_login', author.slug)}${cdata('wp:author_email', author.email ?? '')}` +
          `${cdata('wp:author_display_name', author.name)}${cdata('wp:author_first_name', '')}${cdata('wp:author_last_name', '')}</wp:author>`,
      );
    }
    for (const category of parentsFirst(source.categories)) {
      const parent = category.parentId === null ? '' : (categoryById.get(category.parentId)?.slug ?? '');
      await file.write(
        `\n\t<wp:category>${tag('wp:term_id', category.id)}${cdata('wp:category_nicename', category.slug)}${cdata('wp:category_parent', parent)}` +
          `${cdata('wp:cat_name', category.name)}${category.description ? cdata('wp:category_description', category.description) : ''}</wp:category>`,
      );
    }
    for (const tagRow of source.tags) {
      // Term ids are shared by every taxonomy in WordPress: tags come after the categories.
      await file.write(`\n\t<wp:tag>${tag('wp:term_id', maxCategoryId + tagRow.id)}${cdata('wp:tag_slug', tagRow.slug)}${cdata('wp:tag_name', tagRow.name)}</wp:tag>`);
    }
    await file.write(`\n\n\t${tag('generator', ctx.generator)}\n`);
    report.authors = source.authors.length;
    report.categories = source.categories.length;
    report.tags = source.tags.length;

    for await (const page of source.media()) {
      for (const media of page) await file.write(attachmentItem(media, attachmentOffset + media.id, site, settings.timezone));
      report.media += page.length;
    }

    const names = { authorLogin, categoryById, tagById };
    for await (const posts of source.posts()) {
      const comments = await commentsOfPosts(ctx.db, posts.map((post) => post.id));
      const thumbnails = await attachmentIds(ctx.db, posts, attachmentOffset);
      for (const post of posts) {
        const postComments = comments.get(post.id) ?? [];
        await file.write(postItem(post, { ...names, site, locale: settings.locale, timeZone: settings.timezone, thumbnailId: thumbnails.get(post.id), comments: postComments }));
        report[post.type === 'page' ? 'pages' : 'posts']++;
        report.comments += postComments.length;
      }
      options.onProgress?.(report.posts + report.pages, total);
    }
    await file.write('</channel>\n</rss>\n');
    await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
  report.personalData = [
    ...(source.authors.length > 0 ? ['authors.name'] : []),
    ...(source.authors.some((author) => author.email !== null) ? ['authors.email'] : []),
    ...(report.comments > 0 ? ['comments.authorName', 'comments.authorEmail', 'comments.authorUrl'] : []),
  ];
  report.bytes = file.bytes;
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}

interface ItemContext {
  site: string;
  locale: Locale;
  timeZone: string;
  authorLogin: Map<number, string>;
  categoryById: Map<number, ExportCategory>;
  tagById: Map<number, { slug: string; name: string }>;
  thumbnailId: number | undefined;
  comments: ExportComment[];
}

function postItem(post: ExportPost, ctx: ItemContext): string {
  const link = post.path === null ? `${ctx.site}/?p=${post.id}` : ctx.site + post.path;
  const date = post.publishedAt ?? post.createdAt;
  const meta: [string, string][] = [];
  if (ctx.thumbnailId !== undefined) meta.push(['_thumbnail_id', String(ctx.thumbnailId)]);
  if (post.seo.title) meta.push(['_yoast_wpseo_title', post.seo.title]);
  if (post.seo.description) meta.push(['_yoast_wpseo_metadesc', post.seo.description]);
  if (post.seo.canonical) meta.push(['_yoast_wpseo_canonical', post.seo.canonical.startsWith('/') ? ctx.site + post.seo.canonical : post.seo.canonical]);
  if (post.seo.noindex) meta.push(['_yoast_wpseo_meta-robots-noindex', '1']);
  if (post.highlighted) meta.push(['_kiosque_highlighted', '1']);
  const terms = [
    ...post.categoryIds.map((id) => ctx.categoryById.get(id)).filter((term) => term !== undefined).map((term) => termTag('category', term)),
    ...post.tagIds.map((id) => ctx.tagById.get(id)).filter((term) => term !== undefined).map((term) => termTag('post_tag', term)),
  ];
  return [
    '\n\t<item>',
    cdata('title', post.title),
    tag('link', link),
    tag('pubDate', rfc2822(date)),
    cdata('dc:creator', post.authorId === null ? '' : (ctx.authorLogin.get(post.authorId) ?? '')),
    `<guid isPermaLink="false">${xmlText(`${ctx.site}/?p=${post.id}`)}</guid>`,
    '<description></description>',
    cdata('content:encoded', wordpressArticleHtml(post.html, link, ctx.locale)),
    cdata('excerpt:encoded', post.customExcerpt ?? ''),
    tag('wp:post_id', post.id),
    cdata('wp:post_date', mysqlDate(date, ctx.timeZone)),
    cdata('wp:post_date_gmt', post.publishedAt === null ? NO_DATE : mysqlDate(post.publishedAt, 'UTC')),
    cdata('wp:post_modified', mysqlDate(post.updatedAt, ctx.timeZone)),
    cdata('wp:post_modified_gmt', mysqlDate(post.updatedAt, 'UTC')),
    cdata('wp:comment_status', 'closed'),
    cdata('wp:ping_status', 'closed'),
    cdata('wp:post_name', post.slug),
    cdata('wp:status', post.wordpressStatus ?? STATUSES[post.status]),
    tag('wp:post_parent', 0),
    tag('wp:menu_order', 0),
    cdata('wp:post_type', post.type),
    cdata('wp:post_password', ''),
    tag('wp:is_sticky', post.featured ? 1 : 0),
    ...terms,
    ...meta.map(([key, value]) => postMeta(key, value)),
    ...ctx.comments.map((comment) => commentTag(comment, ctx.timeZone)),
    '</item>\n',
  ].join('\n\t\t');
}

function attachmentItem(media: ExportMedia, id: number, site: string, timeZone: string): string {
  const url = site + media.url;
  const title = media.originalName.replace(/\.[^.]+$/, '') || media.path;
  const meta: [string, string][] = [['_wp_attached_file', media.path]];
  if (media.alt) meta.push(['_wp_attachment_image_alt', media.alt]);
  return [
    '\n\t<item>',
    cdata('title', title),
    tag('link', url),
    tag('pubDate', rfc2822(media.createdAt)),
    cdata('dc:creator', ''),
    `<guid isPermaLink="false">${xmlText(url)}</guid>`,
    '<description></description>',
    cdata('content:encoded', ''),
    // WordPress keeps an attachment's caption as its excerpt.
    cdata('excerpt:encoded', media.caption),
    tag('wp:post_id', id),
    cdata('wp:post_date', mysqlDate(media.createdAt, timeZone)),
    cdata('wp:post_date_gmt', mysqlDate(media.createdAt, 'UTC')),
    cdata('wp:post_modified', mysqlDate(media.createdAt, timeZone)),
    cdata('wp:post_modified_gmt', mysqlDate(media.createdAt, 'UTC')),
    cdata('wp:comment_status', 'closed'),
    cdata('wp:ping_status', 'closed'),
    cdata('wp:post_name', media.path.replace(/\.[^.]+$/, '').split('/').pop() ?? String(id)),
    cdata('wp:status', 'inherit'),
    tag('wp:post_parent', 0),
    tag('wp:menu_order', 0),
    cdata('wp:post_type', 'attachment'),
    cdata('wp:post_password', ''),
    tag('wp:is_sticky', 0),
    cdata('wp:attachment_url', url),
    ...meta.map(([key, value]) => postMeta(key, value)),
    '</item>\n',
  ].join('\n\t\t');
}

function commentTag(comment: ExportComment, timeZone: string): string {
  return [
    '<wp:comment>',
    tag('wp:comment_id', comment.id),
    cdata('wp:comment_author', comment.authorName),
    cdata('wp:comment_author_email', comment.authorEmail),
    cdata('wp:comment_author_url', comment.authorUrl ?? ''),
    cdata('wp:comment_author_IP', ''),
    cdata('wp:comment_date', mysqlDate(comment.createdAt, timeZone)),
    cdata('wp:comment_date_gmt', mysqlDate(comment.createdAt, 'UTC')),
    cdata('wp:comment_content', comment.html),
    cdata('wp:comment_approved', comment.status === 'approved' ? '1' : '0'),
    cdata('wp:comment_type', 'comment'),
    tag('wp:comment_parent', comment.parentId ?? 0),
    tag('wp:comment_user_id', 0),
    '</wp:comment>',
  ].join('');
}

function termTag(domain: 'category' | 'post_tag', term: { slug: string; name: string }): string {
  return `<category domain="${domain}" nicename="${xmlAttribute(term.slug)}">${cdataText(term.name)}</category>`;
}

function postMeta(key: string, value: string): string {
  return `<wp:postmeta>${cdata('wp:meta_key', key)}${cdata('wp:meta_value', value)}</wp:postmeta>`;
}

function tag(name: string, value: string | number): string {
  return `<${name}>${xmlText(String(value))}</${name}>`;
}

function cdata(name: string, value: string): string {
  return `<${name}>${cdataText(value)}</${name}>`;
}

/** A CDATA section holding any text: a `]]>` inside is split across two sections, as WordPress does. */
function cdataText(value: string): string {
  return `<![CDATA[${withoutNonXmlCharacters(value).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** "2024-05-14 09:30:00": how WordPress writes a date, in the blog's zone or in UTC. */
export function mysqlDate(iso: string, timeZone: string): string {
  const clock = wallClock(Date.parse(iso), timeZone);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${clock.year}-${two(clock.month)}-${two(clock.day)} ${two(clock.hour)}:${two(clock.minute)}:${two(clock.second)}`;
}

function rfc2822(iso: string): string {
  return new Date(iso).toUTCString().replace('GMT', '+0000');
}

/** Categories with every parent before its children, the order in which WordPress can attach them. */
export function parentsFirst(categories: readonly ExportCategory[]): ExportCategory[] {
  const ids = new Set(categories.map((category) => category.id));
  const children = new Map<number | null, ExportCategory[]>();
  for (const category of categories) {
    const parent = category.parentId !== null && ids.has(category.parentId) ? category.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const ordered: ExportCategory[] = [];
  const queue = [...(children.get(null) ?? [])];
  for (let category = queue.shift(); category; category = queue.shift()) {
    ordered.push(category);
    queue.push(...(children.get(category.id) ?? []));
  }
  // Parents that lead round in a circle (which the admin refuses) are never reached from the top: they still go out.
  const placed = new Set(ordered);
  return [...ordered, ...categories.filter((category) => !placed.has(category))];
}

async function lastPostId(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('posts').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** The attachment id of each post's featured image, when that image is in the media library. */
async function attachmentIds(db: Db, posts: readonly ExportPost[], offset: number): Promise<Map<number, number>> {
  const keyOf = (post: ExportPost) => (post.image?.url.startsWith(MEDIA_URL_PREFIX) ? post.image.url.slice(MEDIA_URL_PREFIX.length) : undefined);
  const keys = [...new Set(posts.map(keyOf).filter((key) => key !== undefined))];
  if (keys.length === 0) return new Map();
  const rows = await db.kysely.selectFrom('media').select(['id', 'storage_key']).where('storage_key', 'in', keys).execute();
  const idOfKey = new Map(rows.map((row) => [row.storage_key, offset + row.id]));
  const ids = new Map<number, number>();
  for (const post of posts) {
    const key = keyOf(post);
    const id = key === undefined ? undefined : idOfKey.get(key);
    if (id !== undefined) ids.set(post.id, id);
  }
  return ids;
}

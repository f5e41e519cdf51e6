import type { Db } from '../db/db.ts';
import { readComments } from './export.comments.ts';
import { ExportFile, type OutputOptions } from './export.output.ts';
import { ExportSource, type ExportPost } from './export.reader.ts';
import { emptyReport, type ExportProgress, type ExportReport } from './export.report.ts';

/**
 * `kiosque export json <file>`: the whole site in one JSON document, described by
 * docs/export.schema.json. Posts, media, redirects and comments are written as they are read, a
 * page of rows at a time, one item per line, so the export of a large blog holds one page in memory.
 */

export const JSON_EXPORT_FORMAT = 'kiosque-export';
export const JSON_EXPORT_VERSION = 1;

export interface JsonExportContext {
  db: Db;
  /** The site's public address, without a trailing slash. */
  siteUrl: string;
  generator: string;
  now?: () => Date;
}

export async function exportJson(ctx: JsonExportContext, target: string, options: OutputOptions & ExportProgress = {}): Promise<ExportReport> {
  const started = performance.now();
  const source = await ExportSource.open(ctx.db);
  const file = await ExportFile.open(target, options);
  const report = emptyReport('json', file.target);
  try {
    const total = await source.countPosts();
    const authorSlug = new Map(source.authors.map((author) => [author.id, author.slug]));
    const categorySlug = new Map(source.categories.map((category) => [category.id, category.slug]));
    const tagSlug = new Map(source.tags.map((tag) => [tag.id, tag.slug]));

    await file.write('{\n');
    await field(file, 'format', JSON_EXPORT_FORMAT);
    await field(file, 'version', JSON_EXPORT_VERSION);
    await field(file, 'generator', ctx.generator);
    await field(file, 'exportedAt', (ctx.now?.() ?? new Date()).toISOString());
    await field(file, 'site', { url: ctx.siteUrl, ...source.settings });
    await field(file, 'authors', source.authors);
    await field(file, 'categories', source.categories.map(({ parentId, ...category }) => ({ ...category, parent: parentId === null ? null : (categorySlug.get(parentId) ?? null) })));
    await field(file, 'tags', source.tags);
    report.authors = source.authors.length;
    report.categories = source.categories.length;
    report.tags = source.tags.length;

    report.media = await streamArray(file, 'media', source.media());
    await streamArray(file, 'posts', mapPages(source.posts(), (posts) => {
      for (const post of posts) report[post.type === 'page' ? 'pages' : 'posts']++;
      options.onProgress?.(report.posts + report.pages, total);
      return posts.map((post) => presentPost(post, ctx.siteUrl, authorSlug, categorySlug, tagSlug));
    }));
    report.redirects = await streamArray(file, 'redirects', source.redirects());
    report.comments = await streamArray(file, 'comments', readComments(ctx.db), true);
    await file.write('}\n');
    await file.commit();
  } catch (error) {
    await file.discard();
    throw error;
  }
  report.personalData = [
    ...(source.authors.length > 0 ? ['authors.name', 'authors.bio'] : []),
    ...(source.authors.some((author) => author.email !== null) ? ['authors.email', 'authors.role'] : []),
    ...(report.comments > 0 ? ['comments.authorName', 'comments.authorEmail', 'comments.authorUrl'] : []),
  ];
  report.bytes = file.bytes;
  report.milliseconds = Math.round(performance.now() - started);
  return report;
}

/** A post as the JSON export shows it: terms and author named by slug, its address absolute too. */
function presentPost(post: ExportPost, siteUrl: string, authors: Map<number, string>, categories: Map<number, string>, tags: Map<number, string>) {
  const { authorId, categoryIds, tagIds, ...fields } = post;
  return {
    ...fields,
    url: post.path === null ? null : siteUrl + post.path,
    author: authorId === null ? null : (authors.get(authorId) ?? null),
    categories: categoryIds.map((id) => categories.get(id)).filter((slug) => slug !== undefined),
    tags: tagIds.map((id) => tags.get(id)).filter((slug) => slug !== undefined),
  };
}

async function field(file: ExportFile, name: string, value: unknown): Promise<void> {
  await file.write(`${JSON.stringify(name)}: ${JSON.stringify(value)},\n`);
}

/** Writes `"name": [ … ]` one item per line from pages of items; returns how many were written. */
async function streamArray(file: ExportFile, name: string, pages: AsyncIterable<unknown[]>, last = false): Promise<number> {
  await file.write(`${JSON.stringify(name)}: [`);
  let count = 0;
  for await (const page of pages) {
    for (const item of page) {
      await file.write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`);
      count++;
    }
  }
  await file.write(`${count === 0 ? '' : '\n'}]${last ? '' : ','}\n`);
  return count;
}

async function* mapPages<From, To>(pages: AsyncIterable<From[]>, map: (page: From[]) => To[]): AsyncGenerator<To[]> {
  for await (const page of pages) yield map(page);
}

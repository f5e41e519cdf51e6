import type { Kysely } from 'kysely';
import { CATEGORY_PATH_SEPARATOR } from '../content/content.service.ts';
import { postPath } from '../content/permalinks.ts';
import type { Db } from '../db/db.ts';
import type { CategoryRow, DatabaseSchema, MediaRow, PostRow, PostStatus, PostType, RedirectRow, Role } from '../db/schema.ts';
import { mediaVariants, type MediaVariant } from '../media/media.service.ts';
import { readSettings, type SiteSettings } from '../settings/settings.ts';

/**
 * What every export reads, whatever its format: the small tables whole (settings, authors, terms),
 * the large ones (posts, media, redirects, comments) one page at a time in id order, so a blog of
 * 100,000 posts is exported in bounded memory. The shapes here are the export's own, never rows.
 */

/** An author as an export carries them: the public profile, and the staff account's e-mail and role when there is one. */
export interface ExportAuthor {
  id: number;
  slug: string;
  name: string;
  bio: string;
  email: string | null;
  role: Role | null;
}

export interface ExportCategory {
  id: number;
  slug: string;
  name: string;
  description: string;
  parentId: number | null;
  /** Names from the top, "Ecommerce > Hébergement", as the Markdown importer reads them. */
  path: string;
}

export interface ExportTag {
  id: number;
  slug: string;
  name: string;
}

export interface ExportMediaFile {
  /** Relative to the media folder (`<data dir>/media/`), with forward slashes; also the end of its URL. */
  path: string;
  format: string;
  width: number | null;
  height: number | null;
  bytes: number;
}

export interface ExportMedia extends ExportMediaFile {
  id: number;
  url: string;
  originalName: string;
  mimeType: string;
  sha256: string;
  alt: string;
  caption: string;
  createdAt: string;
  /** The resized copies made at upload. */
  variants: ExportMediaFile[];
}

export interface ExportPost {
  id: number;
  type: PostType;
  status: PostStatus;
  title: string;
  slug: string;
  /** The public address (path) under the site's permalink pattern; null for a draft. */
  path: string | null;
  markdown: string;
  html: string;
  excerpt: string;
  customExcerpt: string | null;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  authorId: number | null;
  /** In the post's own order. */
  categoryIds: number[];
  tagIds: number[];
  image: { url: string; alt: string; caption: string | null; width: number | null; height: number | null } | null;
  /** `canonical`: a site path or an absolute address search engines should prefer; `noindex`: kept out of search engines. */
  seo: { title: string | null; description: string | null; canonical: string | null; noindex: boolean };
  featured: boolean;
  highlighted: boolean;
  wordCount: number;
  readingMinutes: number;
  /**
   * For a draft imported from WordPress as one because Kiosque has no such status, the status it
   * had there (`private`, `pending`), for an export to give back; null otherwise.
   */
  wordpressStatus: WithheldStatus | null;
}

/** WordPress statuses an import turns into drafts and exports give back (see src/importers/wordpress/wp.posts.ts). */
const WITHHELD_STATUSES = ['private', 'pending'] as const;
export type WithheldStatus = (typeof WITHHELD_STATUSES)[number];

export interface ExportRedirect {
  id: number;
  from: string;
  to: string | null;
  status: number;
  kind: string;
  origin: string;
  note: string;
  createdAt: string;
  updatedAt: string | null;
}

/** Rows read per query: large enough to keep queries few, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 250;

type Executor = Kysely<DatabaseSchema>;

export class ExportSource {
  private constructor(
    readonly db: Db,
    readonly settings: SiteSettings,
    readonly authors: ExportAuthor[],
    readonly categories: ExportCategory[],
    readonly tags: ExportTag[],
  ) {}

  static async open(db: Db): Promise<ExportSource> {
    const settings = await readSettings(db);
    return new ExportSource(db, settings, await readAuthors(db.kysely), await readCategories(db.kysely), await readTags(db.kysely));
  }

  /** How many posts and pages there are, for progress. */
  async countPosts(): Promise<number> {
    const row = await this.db.kysely.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Posts and pages, a page of rows at a time, in id order. */
  async *posts(pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ExportPost[]> {
    const kysely = this.db.kysely;
    for await (const rows of pagesOf((after) => kysely.selectFrom('posts').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute())) {
      const ids = rows.map((row) => row.id);
      const categories = await kysely.selectFrom('post_categories').select(['post_id', 'category_id']).where('post_id', 'in', ids).orderBy('post_id').orderBy('position').execute();
      const tags = await kysely.selectFrom('post_tags').select(['post_id', 'tag_id']).where('post_id', 'in', ids).orderBy('post_id').orderBy('position').execute();
      const categoryIds = groupBy(categories, (row) => row.post_id, (row) => row.category_id);
      const tagIds = groupBy(tags, (row) => row.post_id, (row) => row.tag_id);
      const withheld = await withheldStatuses(kysely, rows.filter((row) => row.status === 'draft').map((row) => row.id));
      yield rows.map((row) => this.presentPost(row, categoryIds.get(row.id) ?? [], tagIds.get(row.id) ?? [], withheld.get(row.id) ?? null));
    }
  }

  async *media(pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ExportMedia[]> {
    const kysely = this.db.kysely;
    for await (const rows of pagesOf((after) => kysely.selectFrom('media').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute())) {
      yield rows.map(presentMedia);
    }
  }

  async *redirects(pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<ExportRedirect[]> {
    const kysely = this.db.kysely;
    for await (const rows of pagesOf((after) => kysely.selectFrom('redirects').selectAll().where('id', '>', after).orderBy('id').limit(pageSize).execute())) {
      yield rows.map(presentRedirect);
    }
  }

  private presentPost(row: PostRow, categoryIds: number[], tagIds: number[], wordpressStatus: WithheldStatus | null): ExportPost {
    const path =
      row.status === 'draft' ? null : postPath({ id: row.id, type: row.type, slug: row.slug, publishedAt: row.published_at }, this.settings.permalinkPattern, this.settings.timezone);
    return {
      id: row.id,
      type: row.type,
      status: row.status,
      title: row.title,
      slug: row.slug,
      path,
      markdown: row.markdown,
      html: row.html,
      excerpt: row.excerpt,
      customExcerpt: row.custom_excerpt,
      publishedAt: row.published_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      authorId: row.author_id,
      categoryIds,
      tagIds,
      image: row.image_url
        ? { url: row.image_url, alt: row.image_alt ?? '', caption: row.image_caption, width: row.image_width, height: row.image_height }
        : null,
      seo: { title: row.seo_title, description: row.seo_description, canonical: row.canonical_url, noindex: row.noindex === 1 },
      featured: row.is_featured === 1,
      highlighted: row.is_highlighted === 1,
      wordCount: row.word_count,
      readingMinutes: row.reading_minutes,
      wordpressStatus,
    };
  }
}

/** The WordPress status of those drafts that were private or pending there, by post id. */
async function withheldStatuses(kysely: Executor, draftIds: number[]): Promise<Map<number, WithheldStatus>> {
  if (draftIds.length === 0) return new Map();
  const rows = await kysely
    .selectFrom('import_mappings')
    .select(['local_id', 'source_status'])
    .where('source', '=', 'wordpress')
    .where('kind', 'in', ['post', 'page'])
    .where('local_id', 'in', draftIds)
    .where('source_status', 'in', [...WITHHELD_STATUSES])
    .execute();
  return new Map(rows.map((row) => [row.local_id!, row.source_status as WithheldStatus]));
}

/** Keyset pages over a table: each query starts after the last id seen, so no page is read twice or skipped. */
export async function* pagesOf<Row extends { id: number }>(read: (afterId: number) => Promise<Row[]>): AsyncGenerator<Row[]> {
  let after = 0;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}

async function readAuthors(db: Executor): Promise<ExportAuthor[]> {
  // Only what a reader or a new host needs: never a password hash, a second factor or a session.
  const rows = await db
    .selectFrom('authors')
    .leftJoin('users', 'users.author_id', 'authors.id')
    .select(['authors.id', 'authors.slug', 'authors.name', 'authors.bio', 'users.email', 'users.role'])
    .orderBy('authors.id')
    .execute();
  const seen = new Set<number>();
  return rows
    .filter((row) => !seen.has(row.id) && seen.add(row.id))
    .map((row) => ({ id: row.id, slug: row.slug, name: row.name, bio: row.bio, email: row.email ?? null, role: row.role ?? null }));
}

async function readCategories(db: Executor): Promise<ExportCategory[]> {
  const rows = await db.selectFrom('categories').selectAll().orderBy('id').execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  const pathOf = (row: CategoryRow): string => {
    const names: string[] = [];
    // A parent chain is at most as long as the table: a cycle, which the admin refuses, cannot hang the export.
    for (let current: CategoryRow | undefined = row; current && names.length <= rows.length; current = current.parent_id === null ? undefined : byId.get(current.parent_id)) {
      names.unshift(current.name);
    }
    return names.join(` ${CATEGORY_PATH_SEPARATOR} `);
  };
  return rows.map((row) => ({ id: row.id, slug: row.slug, name: row.name, description: row.description, parentId: row.parent_id, path: pathOf(row) }));
}

async function readTags(db: Executor): Promise<ExportTag[]> {
  const rows = await db.selectFrom('tags').select(['id', 'slug', 'name']).orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, slug: row.slug, name: row.name }));
}

function presentMedia(row: MediaRow): ExportMedia {
  return {
    id: row.id,
    path: row.storage_key,
    url: `/media/${row.storage_key}`,
    originalName: row.original_name,
    mimeType: row.mime_type,
    format: row.storage_key.split('.').pop() ?? '',
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    alt: row.alt,
    caption: row.caption,
    createdAt: row.created_at,
    variants: mediaVariants(row).map((variant: MediaVariant) => ({ path: variant.key, format: variant.format, width: variant.width, height: variant.height, bytes: variant.bytes })),
  };
}

function presentRedirect(row: RedirectRow): ExportRedirect {
  return {
    id: row.id,
    from: row.from_path,
    to: row.to_path,
    status: row.status_code,
    kind: row.kind,
    origin: row.origin,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function groupBy<Row, Key, Value>(rows: readonly Row[], key: (row: Row) => Key, value: (row: Row) => Value): Map<Key, Value[]> {
  const groups = new Map<Key, Value[]>();
  for (const row of rows) {
    const list = groups.get(key(row));
    if (list) list.push(value(row));
    else groups.set(key(row), [value(row)]);
  }
  return groups;
}

import type { Transaction } from 'kysely';
import { matchPostPath, postPath } from '../../content/permalinks.ts';
import type { DatabaseSchema, PostStatus, PostType } from '../../db/schema.ts';
import { batches } from '../../lib/batches.ts';
import { importedRuleTarget } from '../../redirects/redirects.imported.ts';
import type { SiteSettings } from '../../settings/settings.ts';
import type { LegacyPost } from './wp.urls.ts';

type Trx = Transaction<DatabaseSchema>;

/** Posts read at a time: their rules are written together, a few statements for each hundred. */
const POSTS_PER_PAGE = 500;
/** Values in one IN list. */
const LOOKUP_CHUNK = 500;

interface PostRow {
  id: number;
  type: PostType;
  slug: string;
  status: PostStatus;
  published_at: string | null;
}

/**
 * Every post and page a WordPress import brought in, as their old addresses need them, read from
 * the database in pages: their old address (the item's link, kept in the import mappings) and
 * their new one (none while readers cannot see them).
 */
export class ImportedPostAddresses {
  constructor(
    private readonly trx: Trx,
    private readonly settings: Pick<SiteSettings, 'permalinkPattern' | 'timezone'>,
    private readonly now: string,
    /** By WordPress id, the addresses a post had under its former slugs (`oldSlugPaths`), read from the file. */
    private readonly oldPaths: ReadonlyMap<number, readonly string[]> = new Map(),
    /** By WordPress id, how many pages `<!--nextpage-->` split a post into, for those it split (`pageCount`). */
    private readonly pageCounts: ReadonlyMap<number, number> = new Map(),
  ) {}

  private imported() {
    return this.trx
      .selectFrom('import_mappings as m')
      .innerJoin('posts', 'posts.id', 'm.local_id')
      .where('m.source', '=', 'wordpress')
      .select(['m.source_id', 'posts.id', 'posts.type', 'posts.slug', 'posts.status', 'posts.published_at']);
  }

  /**
   * The posts, then the pages, each by WordPress id: the order of the mappings' unique index, so
   * that each page of them is read from where the last one ended.
   */
  async *pages(size = POSTS_PER_PAGE): AsyncGenerator<LegacyPost[]> {
    for (const kind of ['post', 'page'] as const) {
      let after = -1;
      for (;;) {
        const rows = await this.imported().select('m.source_url').where('m.kind', '=', kind).where('m.source_id', '>', after).orderBy('m.source_id').limit(size).execute();
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.source_id;
        yield rows.map((row) => ({ wpId: row.source_id, postType: kind, link: row.source_url ?? '', newPath: this.newPathOf(row), oldPaths: this.oldPaths.get(row.source_id), pages: this.pageCounts.get(row.source_id) }));
      }
    }
  }

  /**
   * Which of these addresses an imported post or page lives at now: the ones the site's
   * permalink pattern (or a page's /<slug>/) reads as a post that is there.
   */
  live(paths: readonly string[]): Promise<Set<string>> {
    return this.livePaths(paths, true);
  }

  /** Which of these addresses a post or page lives at now, imported or written here. */
  occupied(paths: readonly string[]): Promise<Set<string>> {
    return this.livePaths(paths, false);
  }

  private async livePaths(paths: readonly string[], importedOnly: boolean): Promise<Set<string>> {
    const slugs = new Set<string>();
    const ids = new Set<number>();
    for (const path of paths) {
      const page = /^\/([^/]+)\/$/.exec(path)?.[1];
      if (page !== undefined) slugs.add(page);
      const match = matchPostPath(path, this.settings.permalinkPattern);
      if (match?.slug !== undefined) slugs.add(match.slug);
      if (match?.id !== undefined) ids.add(match.id);
    }
    const found: PostRow[] = [];
    const posts = () => this.trx.selectFrom('posts').select(['id', 'type', 'slug', 'status', 'published_at']);
    for (const part of batches(slugs, LOOKUP_CHUNK)) found.push(...(await posts().where('slug', 'in', part).execute()));
    for (const part of batches(ids, LOOKUP_CHUNK)) found.push(...(await posts().where('id', 'in', part).execute()));
    const imported = new Set<number>();
    for (const part of batches(importedOnly ? found.map((row) => row.id) : [], LOOKUP_CHUNK)) {
      // By kind and local id, which import_mappings_local indexes (with the source too, SQLite walks every mapping of the kind). WordPress is the only source.
      const rows = await this.trx.selectFrom('import_mappings').select('local_id').where('kind', 'in', ['post', 'page']).where('local_id', 'in', part).execute();
      for (const row of rows) if (row.local_id !== null) imported.add(row.local_id);
    }
    const wanted = new Set(paths);
    const live = new Set<string>();
    for (const row of found) {
      const newPath = !importedOnly || imported.has(row.id) ? this.newPathOf(row) : undefined;
      const path = newPath === undefined ? undefined : importedRuleTarget(newPath);
      if (path !== undefined && wanted.has(path)) live.add(path);
    }
    return live;
  }

  /** The new addresses of the posts and pages with these WordPress ids that have one. */
  async newPaths(wpIds: readonly number[]): Promise<Map<number, string>> {
    const paths = new Map<number, string>();
    for (const part of batches(wpIds, LOOKUP_CHUNK)) {
      const rows = await this.imported().where('m.kind', 'in', ['post', 'page']).where('m.source_id', 'in', part).execute();
      for (const row of rows) {
        const newPath = this.newPathOf(row);
        if (newPath !== undefined) paths.set(row.source_id, newPath);
      }
    }
    return paths;
  }

  private newPathOf(row: PostRow): string | undefined {
    if (row.status !== 'published' || row.published_at === null || row.published_at > this.now) return undefined;
    return postPath({ id: row.id, type: row.type, slug: row.slug, publishedAt: row.published_at }, this.settings.permalinkPattern, this.settings.timezone);
  }
}

import { findNextScheduledAt, listCategories, listCategoryIdsWithPublicPosts } from '../content/content.queries.ts';
import type { Db } from '../db/db.ts';
import type { CategoryRow } from '../db/schema.ts';
import type { EventBus } from '../events/events.ts';

/** The tree as loaded, and the instants it holds for: until the next scheduled post goes out. */
interface LoadedTree {
  tree: CategoryTree;
  since: string;
  until: string | undefined;
}

/**
 * The categories readers may see, in memory, as a tree: those with a public post, in themselves
 * or below them, and their parents. A category created for a draft stays out of the navigation,
 * the search form and its own archive until a post of it is published. A blog has tens of
 * categories, read on every page for the navigation: they are loaded once, and again after
 * content changes (here or on another instance) or when a scheduled post's time comes, which no
 * event announces.
 */
export class CategoryDirectory {
  private loaded: Promise<LoadedTree> | undefined;

  constructor(
    private readonly db: Db,
    events: EventBus,
    private readonly now: () => string,
  ) {
    events.on((event) => {
      if (event.type === 'content.changed') this.loaded = undefined;
    });
  }

  async tree(): Promise<CategoryTree> {
    const now = this.now();
    const current = this.loaded;
    if (current) {
      const kept = await current;
      // Before `since` too: the tree says nothing of an earlier instant (a clock moved back, in tests).
      if (now >= kept.since && (kept.until === undefined || now < kept.until)) return kept.tree;
      if (this.loaded === current) this.loaded = undefined;
    }
    if (!this.loaded) {
      const loading = this.load(now);
      this.loaded = loading;
      // A failed read is tried again by the next page rather than kept.
      loading.catch(() => {
        if (this.loaded === loading) this.loaded = undefined;
      });
    }
    return (await this.loaded).tree;
  }

  private async load(now: string): Promise<LoadedTree> {
    const [rows, withPosts, until] = await Promise.all([listCategories(this.db), listCategoryIdsWithPublicPosts(this.db, now), findNextScheduledAt(this.db, now)]);
    return { tree: new CategoryTree(withTheirParents(rows, new Set(withPosts))), since: now, until };
  }
}

/** The categories of `ids` and every category above them, in the order of `rows`. */
export function withTheirParents(rows: readonly CategoryRow[], ids: ReadonlySet<number>): CategoryRow[] {
  const parentOf = new Map(rows.map((row) => [row.id, row.parent_id]));
  const kept = new Set<number>();
  for (const id of ids) {
    for (let current: number | null | undefined = id; current !== null && current !== undefined && !kept.has(current); current = parentOf.get(current)) {
      kept.add(current);
    }
  }
  return rows.filter((row) => kept.has(row.id));
}

export class CategoryTree {
  private readonly bySlug = new Map<string, CategoryRow>();
  private readonly rowsById = new Map<number, CategoryRow>();
  private readonly childrenOf = new Map<number | null, CategoryRow[]>();

  constructor(rows: readonly CategoryRow[]) {
    for (const row of rows) {
      this.bySlug.set(row.slug, row);
      this.rowsById.set(row.id, row);
    }
    for (const row of rows) {
      // A parent that no longer exists makes its children top-level rather than invisible.
      const parent = row.parent_id !== null && this.rowsById.has(row.parent_id) ? row.parent_id : null;
      const siblings = this.childrenOf.get(parent) ?? [];
      siblings.push(row);
      this.childrenOf.set(parent, siblings);
    }
  }

  find(slug: string): CategoryRow | undefined {
    return this.bySlug.get(slug);
  }

  byId(id: number): CategoryRow | undefined {
    return this.rowsById.get(id);
  }

  topLevel(): CategoryRow[] {
    return this.childrenOf.get(null) ?? [];
  }

  children(id: number): CategoryRow[] {
    return this.childrenOf.get(id) ?? [];
  }

  /** The category and all categories below it: an archive shows the posts of its sub-categories too. */
  selfAndDescendants(id: number): number[] {
    const ids: number[] = [];
    const visit = (current: number) => {
      if (ids.includes(current)) return;
      ids.push(current);
      for (const child of this.children(current)) visit(child.id);
    };
    visit(id);
    return ids;
  }

  /** Parents from the outermost down, without the category itself. */
  ancestors(category: CategoryRow): CategoryRow[] {
    const chain: CategoryRow[] = [];
    let parentId = category.parent_id;
    while (parentId !== null) {
      const parent = this.rowsById.get(parentId);
      if (!parent || chain.includes(parent)) break;
      chain.unshift(parent);
      parentId = parent.parent_id;
    }
    return chain;
  }
}

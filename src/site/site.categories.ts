import { listCategories } from '../content/content.queries.ts';
import type { Db } from '../db/db.ts';
import type { CategoryRow } from '../db/schema.ts';
import type { EventBus } from '../events/events.ts';

/**
 * All categories in memory, as a tree. A blog has tens of categories, read on every page for the
 * navigation: they are loaded once and again only after content changes.
 */
export class CategoryDirectory {
  private loaded: Promise<CategoryTree> | undefined;

  constructor(private readonly db: Db, events: EventBus) {
    events.on((event) => {
      if (event.type === 'content.changed') this.loaded = undefined;
    });
  }

  tree(): Promise<CategoryTree> {
    this.loaded ??= listCategories(this.db).then((rows) => new CategoryTree(rows));
    return this.loaded;
  }
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

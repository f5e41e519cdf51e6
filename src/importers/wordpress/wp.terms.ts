import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../../db/schema.ts';
import { detached, importedSlug, plainText } from './wp.fields.ts';
import type { ImportMappings } from './wp.mappings.ts';
import { skip, wpProblem, type WordpressImportReport } from './wp.report.ts';
import type { LegacyTerm } from './wp.urls.ts';
import type { WxrTerm } from './wxr.model.ts';

type Trx = Transaction<DatabaseSchema>;

interface ImportedCategory {
  id: number;
  wpId: number | undefined;
  parentSlug: string | undefined;
  /** Declared in the export's header, which says where it sits; else only named by an item. */
  declared: boolean;
}

/**
 * The blog's categories (with their hierarchy and descriptions) and tags. A term is matched on
 * its WordPress id when an earlier import recorded it, else on its slug: a category the site
 * already has with the same slug is the same subject and is reused, not doubled.
 */
export class WpTerms {
  /** WordPress slug → category, for items' <category nicename>. */
  private readonly categories = new Map<string, ImportedCategory>();
  private readonly tags = new Map<string, { id: number; wpId: number | undefined }>();

  constructor(
    private readonly report: WordpressImportReport,
    private readonly mappings: ImportMappings,
    private readonly now: string,
  ) {}

  /** A term declared in the export's header. */
  async addTerm(trx: Trx, term: WxrTerm): Promise<void> {
    if (term.taxonomy === 'category') await this.writeCategory(trx, term.slug, term.name, term.id, plainText(term.description), term.parentSlug, true);
    else if (term.taxonomy === 'post_tag') await this.writeTag(trx, term.slug, term.name, term.id);
    // Menus, post formats and plugins' taxonomies have no place in Kiosque.
    else skip(this.report, undefined, 'taxonomy', term.taxonomy);
  }

  /** The categories of an item, found by slug; one the header did not declare is created. */
  async categoryIds(trx: Trx, terms: readonly { taxonomy: string; slug: string; name: string }[]): Promise<number[]> {
    const ids: number[] = [];
    for (const term of terms) {
      if (term.taxonomy !== 'category') continue;
      const id = this.categories.get(term.slug)?.id ?? (await this.writeCategory(trx, term.slug, term.name, undefined, undefined, undefined, false));
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  async tagIds(trx: Trx, terms: readonly { taxonomy: string; slug: string; name: string }[]): Promise<number[]> {
    const ids: number[] = [];
    for (const term of terms) {
      if (term.taxonomy !== 'post_tag') continue;
      const id = this.tags.get(term.slug)?.id ?? (await this.writeTag(trx, term.slug, term.name, undefined));
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  /** Names of an item's categories and tags, for SEO templates. */
  names(terms: readonly { taxonomy: string; name: string }[], taxonomy: string): string[] {
    return terms.filter((term) => term.taxonomy === taxonomy).map((term) => term.name);
  }

  private async writeCategory(
    trx: Trx,
    wpSlug: string,
    name: string,
    wpId: number | undefined,
    description: string | undefined,
    parentSlug: string | undefined,
    declared: boolean,
  ): Promise<number> {
    const known = wpId === undefined ? undefined : this.mappings.find('category', wpId)?.localId;
    const label = plainText(name) || wpSlug;
    let id: number;
    if (known !== undefined && known !== null) {
      await trx.updateTable('categories').set({ name: label, ...(description !== undefined ? { description } : {}) }).where('id', '=', known).execute();
      id = known;
      this.report.counts.category.updated++;
    } else {
      const slug = importedSlug(wpSlug, label, numbered('categorie', wpId, wpSlug));
      const existing = await trx.selectFrom('categories').select('id').where('slug', '=', slug).executeTakeFirst();
      if (existing) {
        id = existing.id;
        this.report.counts.category.updated++;
      } else {
        const row = await trx.insertInto('categories').values({ slug, name: label, description: description ?? '', parent_id: null, created_at: this.now }).returning('id').executeTakeFirstOrThrow();
        id = row.id;
        this.report.counts.category.imported++;
      }
      if (wpId !== undefined) await this.mappings.record(trx, 'category', wpId, { localId: id });
    }
    this.categories.set(detached(wpSlug), { id, wpId, parentSlug: detached(parentSlug) || undefined, declared });
    return id;
  }

  private async writeTag(trx: Trx, wpSlug: string, name: string, wpId: number | undefined): Promise<number> {
    const known = wpId === undefined ? undefined : this.mappings.find('tag', wpId)?.localId;
    const label = plainText(name) || wpSlug;
    let id: number;
    if (known !== undefined && known !== null) {
      await trx.updateTable('tags').set({ name: label }).where('id', '=', known).execute();
      id = known;
      this.report.counts.tag.updated++;
    } else {
      const slug = importedSlug(wpSlug, label, numbered('tag', wpId, wpSlug));
      const existing = await trx.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst();
      if (existing) {
        id = existing.id;
        this.report.counts.tag.updated++;
      } else {
        id = (await trx.insertInto('tags').values({ slug, name: label, created_at: this.now }).returning('id').executeTakeFirstOrThrow()).id;
        this.report.counts.tag.imported++;
      }
      if (wpId !== undefined) await this.mappings.record(trx, 'tag', wpId, { localId: id });
    }
    this.tags.set(detached(wpSlug), { id, wpId });
    return id;
  }

  /**
   * Gives categories their parents once every category is known (a child may be declared before
   * its parent); a chain that would loop is cut where it would close.
   */
  async linkParents(trx: Trx): Promise<void> {
    const parentOf = new Map<number, number | null>();
    for (const category of this.categories.values()) {
      parentOf.set(category.id, category.parentSlug ? (this.categories.get(category.parentSlug)?.id ?? null) : null);
    }
    for (const [wpSlug, category] of this.categories) {
      if (!category.declared) continue;
      let parent = parentOf.get(category.id) ?? null;
      for (let ancestor = parent, steps = 0; ancestor !== null && steps <= parentOf.size; ancestor = parentOf.get(ancestor) ?? null, steps++) {
        if (ancestor !== category.id) continue;
        this.report.warnings.push(wpProblem(category.wpId ?? 0, 0, 'category_loop', { slug: wpSlug }));
        parentOf.set(category.id, null);
        parent = null;
        break;
      }
      await trx.updateTable('categories').set({ parent_id: parent }).where('id', '=', category.id).execute();
    }
  }

  /** The terms as old addresses need them (/category/parent/child/, ?cat=ID, /tag/slug/). */
  async legacyTerms(trx: Trx): Promise<LegacyTerm[]> {
    const ids = [...this.categories.values()].map((c) => c.id);
    const tagIds = [...this.tags.values()].map((t) => t.id);
    const [categorySlugs, tagSlugs] = await Promise.all([slugsOf(trx, 'categories', ids), slugsOf(trx, 'tags', tagIds)]);
    const terms: LegacyTerm[] = [];
    for (const [wpSlug, category] of this.categories) {
      terms.push({ wpId: category.wpId, taxonomy: 'category', wpSlug, parentSlug: category.parentSlug, newSlug: categorySlugs.get(category.id) });
    }
    for (const [wpSlug, tag] of this.tags) terms.push({ wpId: tag.wpId, taxonomy: 'post_tag', wpSlug, parentSlug: undefined, newSlug: tagSlugs.get(tag.id) });
    return terms;
  }
}

/**
 * `categorie-3` after WordPress's term id. A term only an item names (a partial export declares
 * none) has no id: its WordPress slug's digest stands in for it, the same at every run, so that
 * two such terms stay two.
 */
function numbered(word: string, wpId: number | undefined, wpSlug: string): string {
  return `${word}-${wpId ?? createHash('sha256').update(wpSlug).digest('hex').slice(0, 8)}`;
}

async function slugsOf(trx: Trx, table: 'categories' | 'tags', ids: number[]): Promise<Map<number, string>> {
  const slugs = new Map<number, string>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await trx.selectFrom(table).select(['id', 'slug']).where('id', 'in', ids.slice(start, start + 500)).execute();
    for (const row of rows) slugs.set(row.id, row.slug);
  }
  return slugs;
}


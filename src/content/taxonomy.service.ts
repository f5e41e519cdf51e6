import { recordAudit } from '../auth/audit.service.ts';
import type { CategoryRow, TagRow } from '../db/schema.ts';
import { KiosqueError } from '../errors.ts';
import { translator, type Phrase } from '../i18n/i18n.ts';
import { slugify, uniqueSlug } from '../lib/slug.ts';
import { readSettings } from '../settings/settings.ts';
import type { ChangeOrigin, Executor, NewsroomContext } from './content.admin.ts';
import { CATEGORY_PATH_SEPARATOR } from './content.service.ts';

/**
 * Categories (a tree) and tags as the newsroom manages them, and the resolution of what a writer
 * types in a post's category and tag fields: an id, a name, a slug, or a "Parent > Child" path.
 */

export interface CategoryView {
  id: number;
  name: string;
  slug: string;
  description: string;
  parentId: number | null;
  /** Names from the top, "Ecommerce > Monétique": what a writer types to choose it. */
  path: string;
  /** Posts and pages filed under it. */
  count: number;
}

export interface TagView {
  id: number;
  name: string;
  slug: string;
  count: number;
}

export interface CategoryChanges {
  name?: string | undefined;
  slug?: string | undefined;
  description?: string | undefined;
  parentId?: number | null | undefined;
}

export interface TagChanges {
  name?: string | undefined;
  slug?: string | undefined;
}

/** A category or tag as a post names it: its id, or its name (a category's path). */
export type TermReference = string | number;

export async function listCategoryViews(db: Executor): Promise<CategoryView[]> {
  const [rows, counts] = await Promise.all([
    db.selectFrom('categories').selectAll().execute(),
    db.selectFrom('post_categories').select((eb) => ['category_id', eb.fn.countAll<number>().as('count')]).groupBy('category_id').execute(),
  ]);
  const countOf = new Map(counts.map((row) => [row.category_id, Number(row.count)]));
  const pathOf = categoryPathFinder(rows);
  return rows
    .map((row) => ({ id: row.id, name: row.name, slug: row.slug, description: row.description, parentId: row.parent_id, path: pathOf(row.id), count: countOf.get(row.id) ?? 0 }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export async function listTagViews(db: Executor): Promise<TagView[]> {
  const [rows, counts] = await Promise.all([
    db.selectFrom('tags').selectAll().orderBy('name').execute(),
    db.selectFrom('post_tags').select((eb) => ['tag_id', eb.fn.countAll<number>().as('count')]).groupBy('tag_id').execute(),
  ]);
  const countOf = new Map(counts.map((row) => [row.tag_id, Number(row.count)]));
  return rows.map((row) => ({ id: row.id, name: row.name, slug: row.slug, count: countOf.get(row.id) ?? 0 }));
}

/** The path of every category, parents first; a broken or looping chain stops where it breaks. */
function categoryPathFinder(rows: readonly CategoryRow[]): (id: number) => string {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return (id) => {
    const names: string[] = [];
    const seen = new Set<number>();
    let current = byId.get(id);
    while (current && !seen.has(current.id)) {
      seen.add(current.id);
      names.unshift(current.name);
      current = current.parent_id === null ? undefined : byId.get(current.parent_id);
    }
    return names.join(` ${CATEGORY_PATH_SEPARATOR} `);
  };
}

/** The paths of these categories, in the given order (for revisions, which outlive ids). */
export async function categoryPaths(db: Executor, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const pathOf = categoryPathFinder(await db.selectFrom('categories').selectAll().execute());
  return ids.map(pathOf).filter(Boolean);
}

export async function tagNames(db: Executor, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('tags').select(['id', 'name']).where('id', 'in', ids).execute();
  const nameOf = new Map(rows.map((row) => [row.id, row.name]));
  return ids.map((id) => nameOf.get(id)).filter((name): name is string => name !== undefined);
}

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * The categories a post names, created when new. A name is looked for among the children of the
 * previous part of its path (at the top, anywhere: "Monétique" finds Ecommerce > Monétique), by
 * name without regard to case, or by slug.
 */
export async function resolveCategoryIds(trx: Executor, references: readonly TermReference[], now: string, locale: 'fr' | 'en'): Promise<number[]> {
  const rows = await trx.selectFrom('categories').selectAll().execute();
  const ids: number[] = [];
  for (const reference of references) {
    if (typeof reference === 'number') {
      if (!rows.some((row) => row.id === reference)) throw unknownTerm('categories', 'content.error.unknownCategory', reference, locale);
      ids.push(reference);
      continue;
    }
    let parent: CategoryRow | undefined;
    for (const name of reference.split(CATEGORY_PATH_SEPARATOR).map((part) => part.trim()).filter(Boolean)) {
      const matches = (row: CategoryRow) => sameName(row.name, name) || row.slug === slugify(name);
      const found =
        rows.find((row) => row.parent_id === (parent?.id ?? null) && matches(row)) ?? (parent === undefined ? rows.find(matches) : undefined);
      parent = found ?? (await insertCategory(trx, rows, { name, parentId: parent?.id ?? null }, now));
    }
    if (parent) ids.push(parent.id);
  }
  return [...new Set(ids)];
}

/** The tags a post names, by id, name (without regard to case) or slug; new names create tags. */
export async function resolveTagIds(trx: Executor, references: readonly TermReference[], now: string, locale: 'fr' | 'en'): Promise<number[]> {
  const rows = await trx.selectFrom('tags').selectAll().execute();
  const ids: number[] = [];
  for (const reference of references) {
    if (typeof reference === 'number') {
      if (!rows.some((row) => row.id === reference)) throw unknownTerm('tags', 'content.error.unknownTag', reference, locale);
      ids.push(reference);
      continue;
    }
    const name = reference.trim();
    if (!slugify(name)) continue;
    const found = rows.find((row) => sameName(row.name, name) || row.slug === slugify(name));
    ids.push((found ?? (await insertTag(trx, rows, name, now))).id);
  }
  return [...new Set(ids)];
}

function unknownTerm(field: string, key: 'content.error.unknownCategory' | 'content.error.unknownTag', id: number, locale: 'fr' | 'en'): KiosqueError {
  return new KiosqueError('invalid_request', { field, detail: translator(locale)(key, { id }) });
}

async function insertCategory(trx: Executor, known: CategoryRow[], values: { name: string; parentId: number | null; slug?: string; description?: string }, now: string): Promise<CategoryRow> {
  const base = slugify(values.slug ?? values.name) || 'categorie';
  const slug = values.slug ? base : uniqueSlug(base, (candidate) => known.some((row) => row.slug === candidate));
  const row = await trx
    .insertInto('categories')
    .values({ slug, name: values.name.trim(), description: values.description ?? '', parent_id: values.parentId, created_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  known.push(row);
  return row;
}

async function insertTag(trx: Executor, known: TagRow[], name: string, now: string, wantedSlug?: string): Promise<TagRow> {
  const base = slugify(wantedSlug ?? name) || 'tag';
  const slug = wantedSlug ? base : uniqueSlug(base, (candidate) => known.some((row) => row.slug === candidate));
  const row = await trx.insertInto('tags').values({ slug, name: name.trim(), created_at: now }).returningAll().executeTakeFirstOrThrow();
  known.push(row);
  return row;
}

/** A slug the writer chose: folded like every slug, refused when empty or when another term has it. */
async function chosenSlug(kind: 'categories' | 'tags', trx: Executor, wanted: string, selfId: number | undefined, locale: 'fr' | 'en'): Promise<string> {
  const t = translator(locale);
  const slug = slugify(wanted);
  if (!slug) throw new KiosqueError('invalid_request', { field: 'slug', detail: t('content.error.emptySlug') });
  let query = trx.selectFrom(kind).select('id').where('slug', '=', slug);
  if (selfId !== undefined) query = query.where('id', '!=', selfId);
  if (await query.executeTakeFirst()) {
    throw new KiosqueError('conflict', { detail: t(kind === 'categories' ? 'content.error.categorySlugTaken' : 'content.error.tagSlugTaken', { slug }) });
  }
  return slug;
}

/**
 * Two names the newsroom cannot tell apart: the editor finds a category or tag by its name without
 * regard to case, accents or punctuation, as its slug is made. A name with no letter or digit is
 * compared as written, without regard to case.
 */
function nameKey(name: string): string {
  return slugify(name) || name.trim().toLowerCase();
}

/** Refuses a name a sibling of the category (a category with the same parent) already has. */
async function checkCategoryNameFree(trx: Executor, name: string, parentId: number | null, selfId: number | undefined): Promise<void> {
  const rows = await trx.selectFrom('categories').select(['id', 'name', 'parent_id']).execute();
  const key = nameKey(name);
  const sibling = rows.find((row) => row.id !== selfId && row.parent_id === parentId && nameKey(row.name) === key);
  if (!sibling) return;
  const parent = rows.find((row) => row.id === parentId);
  const where: Phrase = parent ? { key: 'content.error.inCategory', params: { parent: parent.name } } : { key: 'content.error.atTopLevel' };
  throw new KiosqueError('category_name_taken', { field: 'name', name: sibling.name, where });
}

/** Refuses a name another tag already has. */
async function checkTagNameFree(trx: Executor, name: string, selfId: number | undefined): Promise<void> {
  const key = nameKey(name);
  const other = (await trx.selectFrom('tags').select(['id', 'name']).execute()).find((row) => row.id !== selfId && nameKey(row.name) === key);
  if (other) throw new KiosqueError('tag_name_taken', { field: 'name', name: other.name });
}

/** Refuses a parent that does not exist, or that is the category itself or one of its descendants. */
async function checkParent(trx: Executor, id: number | undefined, parentId: number | null, locale: 'fr' | 'en'): Promise<void> {
  if (parentId === null) return;
  const t = translator(locale);
  const rows = await trx.selectFrom('categories').select(['id', 'parent_id']).execute();
  const parentOf = new Map(rows.map((row) => [row.id, row.parent_id]));
  if (!parentOf.has(parentId)) throw new KiosqueError('invalid_request', { field: 'parentId', detail: t('content.error.unknownCategory', { id: parentId }) });
  const seen = new Set<number>();
  for (let current: number | null | undefined = parentId; current !== null && current !== undefined && !seen.has(current); current = parentOf.get(current)) {
    if (current === id) throw new KiosqueError('invalid_request', { field: 'parentId', detail: t('content.error.categoryCycle') });
    seen.add(current);
  }
}

async function changed(ctx: NewsroomContext): Promise<void> {
  await ctx.events.emit({ type: 'content.changed', reason: 'taxonomy.changed' });
}

export async function createCategory(ctx: NewsroomContext, origin: ChangeOrigin, input: CategoryChanges & { name: string }): Promise<CategoryView> {
  const { locale } = await readSettings(ctx.db);
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    const parentId = input.parentId ?? null;
    await checkParent(trx, undefined, parentId, locale);
    await checkCategoryNameFree(trx, input.name, parentId, undefined);
    const slug = input.slug === undefined ? undefined : await chosenSlug('categories', trx, input.slug, undefined, locale);
    const known = await trx.selectFrom('categories').selectAll().execute();
    const row = await insertCategory(trx, known, { name: input.name, parentId, slug, description: input.description?.trim() }, ctx.now());
    await recordAudit(trx, { actor: origin.actor, action: 'category.create', targetType: 'category', targetId: row.id, ip: origin.ip, details: { name: row.name, slug: row.slug } });
    return row.id;
  });
  await changed(ctx);
  return (await listCategoryViews(ctx.db.kysely)).find((category) => category.id === id)!;
}

export async function updateCategory(ctx: NewsroomContext, origin: ChangeOrigin, id: number, changes: CategoryChanges): Promise<CategoryView | undefined> {
  const { locale } = await readSettings(ctx.db);
  const found = await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    if (changes.parentId !== undefined) await checkParent(trx, id, changes.parentId, locale);
    const name = changes.name ?? row.name;
    const parentId = changes.parentId === undefined ? row.parent_id : changes.parentId;
    // Only a change is checked: a pair of twins from before this rule can still be edited, one then the other renamed.
    if (nameKey(name) !== nameKey(row.name) || parentId !== row.parent_id) await checkCategoryNameFree(trx, name, parentId, id);
    const slug = changes.slug === undefined ? undefined : await chosenSlug('categories', trx, changes.slug, id, locale);
    await trx
      .updateTable('categories')
      .set({
        ...(changes.name !== undefined && { name: changes.name.trim() }),
        ...(slug !== undefined && { slug }),
        ...(changes.description !== undefined && { description: changes.description.trim() }),
        ...(changes.parentId !== undefined && { parent_id: changes.parentId }),
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { actor: origin.actor, action: 'category.update', targetType: 'category', targetId: id, ip: origin.ip, details: { before: { name: row.name, slug: row.slug, parentId: row.parent_id }, changes } });
    return true;
  });
  if (!found) return undefined;
  await changed(ctx);
  return (await listCategoryViews(ctx.db.kysely)).find((category) => category.id === id);
}

/** Deletes a category: its posts keep their other categories, its children move up to its parent. */
export async function deleteCategory(ctx: NewsroomContext, origin: ChangeOrigin, id: number): Promise<boolean> {
  const deleted = await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    await trx.updateTable('categories').set({ parent_id: row.parent_id }).where('parent_id', '=', id).execute();
    await trx.deleteFrom('categories').where('id', '=', id).execute();
    await recordAudit(trx, { actor: origin.actor, action: 'category.delete', targetType: 'category', targetId: id, ip: origin.ip, details: { name: row.name, slug: row.slug } });
    return true;
  });
  if (deleted) await changed(ctx);
  return deleted;
}

export async function createTag(ctx: NewsroomContext, origin: ChangeOrigin, input: TagChanges & { name: string }): Promise<TagView> {
  const { locale } = await readSettings(ctx.db);
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    await checkTagNameFree(trx, input.name, undefined);
    const slug = input.slug === undefined ? undefined : await chosenSlug('tags', trx, input.slug, undefined, locale);
    const row = await insertTag(trx, await trx.selectFrom('tags').selectAll().execute(), input.name, ctx.now(), slug);
    await recordAudit(trx, { actor: origin.actor, action: 'tag.create', targetType: 'tag', targetId: row.id, ip: origin.ip, details: { name: row.name, slug: row.slug } });
    return row.id;
  });
  await changed(ctx);
  return (await listTagViews(ctx.db.kysely)).find((tag) => tag.id === id)!;
}

export async function updateTag(ctx: NewsroomContext, origin: ChangeOrigin, id: number, changes: TagChanges): Promise<TagView | undefined> {
  const { locale } = await readSettings(ctx.db);
  const found = await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    if (changes.name !== undefined && nameKey(changes.name) !== nameKey(row.name)) await checkTagNameFree(trx, changes.name, id);
    const slug = changes.slug === undefined ? undefined : await chosenSlug('tags', trx, changes.slug, id, locale);
    await trx
      .updateTable('tags')
      .set({ ...(changes.name !== undefined && { name: changes.name.trim() }), ...(slug !== undefined && { slug }) })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { actor: origin.actor, action: 'tag.update', targetType: 'tag', targetId: id, ip: origin.ip, details: { before: { name: row.name, slug: row.slug }, changes } });
    return true;
  });
  if (!found) return undefined;
  await changed(ctx);
  return (await listTagViews(ctx.db.kysely)).find((tag) => tag.id === id);
}

export async function deleteTag(ctx: NewsroomContext, origin: ChangeOrigin, id: number): Promise<boolean> {
  const deleted = await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom('tags').where('id', '=', id).execute();
    await recordAudit(trx, { actor: origin.actor, action: 'tag.delete', targetType: 'tag', targetId: id, ip: origin.ip, details: { name: row.name, slug: row.slug } });
    return true;
  });
  if (deleted) await changed(ctx);
  return deleted;
}

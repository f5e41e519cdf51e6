import type { Kysely, Transaction } from 'kysely';
import { CATEGORY_PATH_SEPARATOR } from '../../content/content.service.ts';
import type { DatabaseSchema } from '../../db/schema.ts';
import { slugify } from '../../lib/slug.ts';
import type { SourceFile } from './markdown.files.ts';
import { readFrontMatterFile } from './markdown.document.ts';
import { importProblem, type FileProblem, type ImportProblem } from './markdown.problems.ts';

/**
 * Files that describe a category or an author rather than hold an article, laid out as Hugo's
 * term pages (and as Kiosque's Markdown export writes them):
 *
 *   categories/<slug>/_index.md   title, description, parent (the parent's slug)
 *   authors/<slug>/_index.md      title, bio (or the file's text)
 *
 * wherever they sit in the folder (content/categories/… in a Hugo site). The folder's name is the
 * slug, so a category keeps its address whatever its name.
 */

export type TermDocument =
  | { kind: 'category'; source: SourceFile; slug: string; name: string | undefined; description: string; parent: string | undefined; parentLine: number }
  | { kind: 'author'; source: SourceFile; slug: string; name: string | undefined; bio: string };

const TERM_FILE = /(?:^|\/)(categories|authors)\/([^/]+)\/_index\.(?:md|markdown)$/i;

/** Whether a file of the folder is a category's or an author's rather than a post's. */
export function isTermFile(relative: string): boolean {
  return TERM_FILE.test(relative);
}

const SECTION_PAGE = /(?:^|\/)_index\.(?:md|markdown)$/i;

/**
 * Whether a file is a Hugo section's own page (`posts/_index.md` lists the section's posts,
 * `content/_index.md` is the home page) rather than a post or a term file.
 */
export function isSectionPage(relative: string): boolean {
  return SECTION_PAGE.test(relative) && !isTermFile(relative);
}

export type TermResult = { ok: true; term: TermDocument } | { ok: false; problems: ImportProblem[] };

export function readTermDocument(source: SourceFile): TermResult {
  const [, folder = '', name = ''] = TERM_FILE.exec(source.relative) ?? [];
  const read = readFrontMatterFile(source);
  if (!read.ok) return read;
  const { fields, lineOf, body } = read.frontMatter;
  const problems: FileProblem[] = [];
  const field = (key: string): string | undefined => {
    const value = fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.trim() || undefined;
    if (typeof value === 'number') return String(value);
    problems.push({ line: lineOf(key) ?? 1, code: 'field_not_text', params: { field: key } });
    return undefined;
  };
  const title = field('title');
  const slug = slugify(name) || (folder.toLowerCase() === 'authors' ? 'auteur' : 'categorie');
  if (folder.toLowerCase() === 'authors') {
    const bio = field('bio') ?? field('description') ?? (body.trim() || undefined);
    if (problems.length > 0) return { ok: false, problems: problems.map((problem) => importProblem(source.relative, problem)) };
    return { ok: true, term: { kind: 'author', source, slug, name: title, bio: bio ?? '' } };
  }
  const description = field('description');
  const parent = field('parent');
  if (problems.length > 0) return { ok: false, problems: problems.map((problem) => importProblem(source.relative, problem)) };
  return {
    ok: true,
    term: { kind: 'category', source, slug, name: title, description: description ?? '', parent: parent && slugify(parent), parentLine: lineOf('parent') ?? 1 },
  };
}

type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;
type CategoryTerm = Extract<TermDocument, { kind: 'category' }>;

/**
 * Each category file's parent must be a category file of the folder or a category of the site,
 * and no category may end up its own ancestor.
 */
export async function checkCategoryParents(db: Executor, terms: readonly TermDocument[]): Promise<ImportProblem[]> {
  const categories = terms.filter((term): term is CategoryTerm => term.kind === 'category');
  if (categories.length === 0) return [];
  const rows = await db.selectFrom('categories').select(['id', 'slug', 'parent_id']).execute();
  const slugOfId = new Map(rows.map((row) => [row.id, row.slug]));
  const parentOf = new Map<string, string | undefined>(rows.map((row) => [row.slug, row.parent_id === null ? undefined : slugOfId.get(row.parent_id)]));
  for (const term of categories) parentOf.set(term.slug, term.parent);
  const problems: ImportProblem[] = [];
  for (const term of categories) {
    if (term.parent === undefined) continue;
    if (!parentOf.has(term.parent)) {
      problems.push(importProblem(term.source.relative, { line: term.parentLine, code: 'category_parent_unknown', params: { parent: term.parent } }));
      continue;
    }
    let current: string | undefined = term.parent;
    for (let steps = 0; current !== undefined && steps <= parentOf.size; steps++) {
      if (current === term.slug) {
        problems.push(importProblem(term.source.relative, { line: term.parentLine, code: 'category_parent_loop', params: { slug: term.slug } }));
        break;
      }
      current = parentOf.get(current);
    }
  }
  return problems;
}

/**
 * Writes the categories and authors the files describe, before the posts that name them: a
 * category by its slug (name, description, parent), an author by theirs (name, bio).
 * Returns the authors' ids by name, for the posts' `author` fields.
 */
export async function writeTerms(trx: Transaction<DatabaseSchema>, terms: readonly TermDocument[], now: string): Promise<Map<string, number>> {
  const categoryIds = new Map<string, number>();
  const authorIds = new Map<string, number>();
  for (const term of terms) {
    if (term.kind === 'category') {
      const existing = await trx.selectFrom('categories').select(['id', 'name']).where('slug', '=', term.slug).executeTakeFirst();
      const name = term.name ?? existing?.name ?? term.slug;
      if (existing) {
        await trx.updateTable('categories').set({ name, description: term.description }).where('id', '=', existing.id).execute();
        categoryIds.set(term.slug, existing.id);
      } else {
        const row = await trx.insertInto('categories').values({ slug: term.slug, name, description: term.description, parent_id: null, created_at: now }).returning('id').executeTakeFirstOrThrow();
        categoryIds.set(term.slug, row.id);
      }
    } else {
      const existing = await trx.selectFrom('authors').select(['id', 'name']).where('slug', '=', term.slug).executeTakeFirst();
      const name = term.name ?? existing?.name ?? term.slug;
      let id: number;
      if (existing) {
        await trx.updateTable('authors').set({ name, bio: term.bio }).where('id', '=', existing.id).execute();
        id = existing.id;
      } else {
        id = (await trx.insertInto('authors').values({ slug: term.slug, name, bio: term.bio, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
      }
      authorIds.set(name, id);
    }
  }
  // Parents once every category of the folder exists, whatever the order of its files.
  for (const term of terms) {
    if (term.kind !== 'category') continue;
    const parentId = term.parent === undefined ? null : (categoryIds.get(term.parent) ?? (await trx.selectFrom('categories').select('id').where('slug', '=', term.parent).executeTakeFirst())?.id ?? null);
    await trx.updateTable('categories').set({ parent_id: parentId }).where('id', '=', categoryIds.get(term.slug)!).execute();
  }
  return authorIds;
}

/**
 * A post's category paths ("Ecommerce > Hébergement") found by name from the top of the tree,
 * so that a category whose slug is not its name's (kept from a category file) is found rather
 * than made again. Paths that name no existing category are left to writePost, which creates them.
 */
export class CategoryPaths {
  private constructor(private readonly byParentAndName: Map<string, number>) {}

  static async load(db: Executor): Promise<CategoryPaths> {
    const rows = await db.selectFrom('categories').select(['id', 'name', 'parent_id']).execute();
    return new CategoryPaths(new Map(rows.map((row) => [CategoryPaths.key(row.parent_id, row.name), row.id])));
  }

  private static key(parentId: number | null, name: string): string {
    return `${parentId ?? ''}\u0000${name.trim().toLowerCase()}`;
  }

  /** The deepest category of the path, or undefined when some part of it does not exist. */
  idOf(path: string): number | undefined {
    let id: number | null = null;
    for (const name of path.split(CATEGORY_PATH_SEPARATOR).map((part) => part.trim()).filter(Boolean)) {
      const found = this.byParentAndName.get(CategoryPaths.key(id, name));
      if (found === undefined) return undefined;
      id = found;
    }
    return id ?? undefined;
  }
}

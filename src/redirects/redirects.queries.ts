import { sql } from 'kysely';
import type { Executor } from '../content/content.admin.ts';
import { preparedQuery } from '../db/prepared-query.ts';
import type { RedirectKind, RedirectOrigin, RedirectRow } from '../db/schema.ts';
import { compilePattern, orderPatterns, type CompiledPattern, type RuleTarget } from './redirects.rules.ts';

/** The SQL of the redirect manager, on both engines. */

const TARGET_COLUMNS = ['id', 'kind', 'from_path', 'to_path', 'status_code'] as const;

function asTarget(row: Pick<RedirectRow, (typeof TARGET_COLUMNS)[number]>): RuleTarget {
  return { id: row.id, kind: row.kind, from: row.from_path, to: row.to_path, status: row.status_code };
}

/** The exact rule from one of these addresses, the first given winning (one indexed lookup). */
const exactRules = preparedQuery((db, p: { paths: readonly string[] }) =>
  db.selectFrom('redirects').select(TARGET_COLUMNS).where('from_path', 'in', p.paths).where('kind', '=', 'exact'),
);

export async function findExactRule(db: Executor, paths: readonly string[]): Promise<RuleTarget | undefined> {
  const rows = await exactRules.all(db, { paths });
  for (const path of paths) {
    const row = rows.find((candidate) => candidate.from_path === path);
    if (row) return asTarget(row);
  }
  return undefined;
}

/** Every pattern rule, compiled and in the order they are tried. */
export async function loadPatterns(db: Executor): Promise<CompiledPattern[]> {
  const rows = await db.selectFrom('redirects').select(TARGET_COLUMNS).where('kind', '=', 'pattern').execute();
  return orderPatterns(rows.map((row) => compilePattern(asTarget(row))));
}

export async function findRuleById(db: Executor, id: number): Promise<RedirectRow | undefined> {
  return db.selectFrom('redirects').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRuleByFrom(db: Executor, from: string): Promise<RedirectRow | undefined> {
  return db.selectFrom('redirects').selectAll().where('from_path', '=', from).executeTakeFirst();
}

/** Rules whose target is exactly this address (the ones a new rule from it would chain). */
export async function rulesLeadingTo(db: Executor, to: string): Promise<RedirectRow[]> {
  return db.selectFrom('redirects').selectAll().where('to_path', '=', to).execute();
}

/** Rules whose target begins with this text (the candidates a new pattern could chain). */
export async function rulesLeadingUnder(db: Executor, prefix: string): Promise<RedirectRow[]> {
  return db.selectFrom('redirects').selectAll().where(sql<boolean>`${sql.ref('to_path')} like ${escapeLike(prefix) + '%'} escape '\\'`).execute();
}

export interface RuleValues {
  kind: RedirectKind;
  from: string;
  to: string | null;
  status: number;
  note: string;
  origin: RedirectOrigin;
}

export async function insertRule(db: Executor, values: RuleValues, now: string): Promise<RedirectRow> {
  return db
    .insertInto('redirects')
    .values({ kind: values.kind, from_path: values.from, to_path: values.to, status_code: values.status, note: values.note, origin: values.origin, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRule(db: Executor, id: number, values: RuleValues, now: string): Promise<RedirectRow> {
  return db
    .updateTable('redirects')
    .set({ kind: values.kind, from_path: values.from, to_path: values.to, status_code: values.status, note: values.note, origin: values.origin, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function pointRule(db: Executor, id: number, to: string | null, status: number, now: string): Promise<void> {
  await db.updateTable('redirects').set({ to_path: to, status_code: status, updated_at: now }).where('id', '=', id).execute();
}

export async function deleteRuleRow(db: Executor, id: number): Promise<RedirectRow | undefined> {
  return db.deleteFrom('redirects').where('id', '=', id).returningAll().executeTakeFirst();
}

export interface RuleListFilter {
  /** Words of the from or to address, or of the note. */
  q?: string | undefined;
  origin?: RedirectOrigin | undefined;
  kind?: RedirectKind | undefined;
  limit: number;
  offset: number;
}

export async function listRuleRows(db: Executor, filter: RuleListFilter): Promise<{ rows: RedirectRow[]; total: number }> {
  let query = db.selectFrom('redirects');
  if (filter.origin) query = query.where('origin', '=', filter.origin);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  const q = filter.q?.trim().toLowerCase();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql<string>`lower(${sql.ref('from_path')})`, 'like', sql<string>`${pattern} escape '\\'`),
        eb(sql<string>`lower(coalesce(${sql.ref('to_path')}, ''))`, 'like', sql<string>`${pattern} escape '\\'`),
        eb(sql<string>`lower(${sql.ref('note')})`, 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** Every rule, for the CSV export: exact ones by address, then patterns. */
export async function allRuleRows(db: Executor): Promise<RedirectRow[]> {
  return db.selectFrom('redirects').selectAll().orderBy('kind').orderBy('from_path').execute();
}

/** Adds hits counted in memory since the last time (many readers, one write per rule per flush). */
export async function addHits(db: Executor, counts: ReadonlyMap<number, { hits: number; last: string }>): Promise<void> {
  for (const [id, { hits, last }] of counts) {
    await db
      .updateTable('redirects')
      .set((eb) => ({ hits: eb('hits', '+', hits), last_hit_at: last }))
      .where('id', '=', id)
      .execute();
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

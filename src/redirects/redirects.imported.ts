import { sql } from 'kysely';
import type { Executor } from '../content/content.admin.ts';
import { findExactRule, loadPatterns } from './redirects.queries.ts';
import { canonicalPath, follow, fromProblem, isPatternAddress, localPathOf, type CompiledPattern, type RuleSource, type RuleTarget } from './redirects.rules.ts';

/**
 * The 301s an importer leaves for a blog's old addresses, listed with the origin 'import' in the
 * redirect manager, where an administrator sees and edits them. Thousands at a time, in a few
 * statements per 500 rules, with the manager's guarantees: no chain (a target that already
 * redirects is replaced by where it leads, and rules that led to an old address lead to its new
 * one), no duplicate when the same blog is imported again, and a rule someone wrote by hand at an
 * old address stays as they wrote it.
 */

export interface ImportedRule {
  /** An address on this site, or one of WordPress's query addresses (`/?p=12`). */
  from: string;
  /** A local path. */
  to: string;
  note: string;
}

export interface ImportedRulesReport {
  created: number;
  updated: number;
  /** Already there with the same target (a second import of the same file). */
  unchanged: number;
  /** Left as they were: an address with a rule someone wrote by hand. */
  keptManual: number;
  /** Not written: an address no rule can hold, or a target that is gone or leads round in a circle. */
  skipped: number;
  /** Older rules pointed at a new target so that no chain remains. */
  rewritten: number;
  /** Rules from a former import or from publishing removed from an address something imported now lives at. */
  removed: number;
}

/** Rows per INSERT. */
const CHUNK = 500;
/** Addresses per lookup: PostgreSQL reads the index for a hundred, and scans the table for five hundred. */
const LOOKUP_CHUNK = 100;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/**
 * The rules as they stand in the transaction, the ones at the importer's targets read in bulk
 * first: following a target that redirects nowhere (nearly all of them) costs no query.
 */
class PrefetchedRules implements RuleSource {
  private readonly known = new Map<string, RuleTarget | undefined>();
  private cachedPatterns: Promise<CompiledPattern[]> | undefined;

  constructor(private readonly trx: Executor) {}

  /**
   * Reads the rules at these addresses, where imported things now live. One left by a former
   * import or by publishing would hide what is there now: it goes. One written by hand stays and
   * is followed (someone sent that archive elsewhere on purpose). Returns how many went.
   */
  async prefetchLive(paths: readonly string[]): Promise<number> {
    let removed = 0;
    for (const part of chunks(paths, LOOKUP_CHUNK)) {
      for (const path of part) this.known.set(path, undefined);
      const rows = await this.trx.selectFrom('redirects').select(['id', 'kind', 'from_path', 'to_path', 'status_code', 'origin']).where('kind', '=', 'exact').where('from_path', 'in', part).execute();
      const stale = rows.filter((row) => row.origin !== 'manual').map((row) => row.id);
      if (stale.length > 0) await this.trx.deleteFrom('redirects').where('id', 'in', stale).execute();
      removed += stale.length;
      for (const row of rows) {
        if (row.origin === 'manual') this.known.set(row.from_path, { id: row.id, kind: row.kind, from: row.from_path, to: row.to_path, status: row.status_code });
      }
    }
    return removed;
  }

  async exact(path: string): Promise<RuleTarget | undefined> {
    if (this.known.has(path)) return this.known.get(path);
    return findExactRule(this.trx, [path]);
  }

  patterns(): Promise<readonly CompiledPattern[]> {
    return (this.cachedPatterns ??= loadPatterns(this.trx));
  }
}

/** Writes the rules in the caller's transaction; the caller empties the page caches after it commits (`content.changed`). */
export async function writeImportedRules(trx: Executor, rules: readonly ImportedRule[], now: string): Promise<ImportedRulesReport> {
  const report: ImportedRulesReport = { created: 0, updated: 0, unchanged: 0, keptManual: 0, skipped: 0, rewritten: 0, removed: 0 };

  // One written form per address, one rule per address (the first wins), none from an address something now lives at.
  const wanted = new Map<string, ImportedRule>();
  for (const rule of rules) {
    const from = canonicalPath(rule.from);
    const to = canonicalPath(rule.to);
    if (fromProblem(from) !== undefined || isPatternAddress(from) || localPathOf(to) === undefined || wanted.has(from)) {
      report.skipped++;
      continue;
    }
    wanted.set(from, { from, to, note: rule.note.slice(0, 500) });
  }
  const targets = [...new Set([...wanted.values()].map((rule) => localPathOf(rule.to)!))];
  const live = new Set(targets);
  for (const from of wanted.keys()) {
    if (live.has(from)) {
      wanted.delete(from);
      report.skipped++;
    }
  }

  // A target that already redirects (a category merged into another): the rule goes straight to the end.
  const source = new PrefetchedRules(trx);
  report.removed = await source.prefetchLive(targets);
  const landing = new Map<string, string | null>();
  for (const target of targets) {
    const answer = await follow(source, target);
    if (!answer) continue;
    landing.set(target, answer.kind === 'redirect' ? answer.location : null);
  }
  const final: ImportedRule[] = [];
  for (const rule of wanted.values()) {
    const path = localPathOf(rule.to)!;
    if (!landing.has(path)) {
      final.push(rule);
      continue;
    }
    const location = landing.get(path);
    if (location === null || location === undefined || localPathOf(location) === rule.from) {
      report.skipped++;
      continue;
    }
    final.push({ ...rule, to: location + rule.to.slice(path.length) });
  }

  // Already there? A second import updates its own rules and leaves the ones written by hand.
  const existing = new Map<string, { id: number; to: string | null; status: number; origin: string }>();
  for (const part of chunks(final.map((rule) => rule.from), LOOKUP_CHUNK)) {
    const rows = await trx.selectFrom('redirects').select(['id', 'from_path', 'to_path', 'status_code', 'origin']).where('from_path', 'in', part).execute();
    for (const row of rows) existing.set(row.from_path, { id: row.id, to: row.to_path, status: row.status_code, origin: row.origin });
  }
  // Before the new rules are in: the rules that led to an old address now lead where it leads.
  const written = new Map(final.filter((rule) => existing.get(rule.from)?.origin !== 'manual').map((rule) => [rule.from, rule.to]));
  for (const part of chunks([...written.keys()], LOOKUP_CHUNK)) {
    const older = await trx.selectFrom('redirects').select(['id', 'from_path', 'to_path']).where('to_path', 'in', part).execute();
    for (const row of older) {
      const to = written.get(row.to_path!)!;
      if (localPathOf(to) === row.from_path) continue;
      await trx.updateTable('redirects').set({ to_path: to, updated_at: now }).where('id', '=', row.id).execute();
      report.rewritten++;
    }
  }

  const inserts: ImportedRule[] = [];
  for (const rule of final) {
    const old = existing.get(rule.from);
    if (!old) inserts.push(rule);
    else if (old.origin === 'manual') report.keptManual++;
    else if (old.to === rule.to && old.status === 301 && old.origin === 'import') report.unchanged++;
    else {
      await trx.updateTable('redirects').set({ kind: 'exact', to_path: rule.to, status_code: 301, origin: 'import', note: rule.note, updated_at: now }).where('id', '=', old.id).execute();
      report.updated++;
    }
  }
  for (const part of chunks(inserts)) {
    await trx
      .insertInto('redirects')
      .values(part.map((rule) => ({ kind: 'exact' as const, from_path: rule.from, to_path: rule.to, status_code: 301, origin: 'import' as const, note: rule.note, created_at: now, updated_at: now })))
      .execute();
    report.created += part.length;
  }
  // Thousands of new rows: fresh statistics, or PostgreSQL's planner takes the next import's lookups for scans of the whole table.
  if (report.created >= CHUNK) await sql`analyze redirects`.execute(trx);
  return report;
}

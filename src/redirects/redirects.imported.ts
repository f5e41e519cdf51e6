import { sql } from 'kysely';
import type { Executor } from '../content/content.admin.ts';
import { batches } from '../lib/batches.ts';
import { findExactRule, loadPatterns } from './redirects.queries.ts';
import { canonicalPath, fillTarget, follow, fromProblem, isPatternAddress, localPathOf, type CompiledPattern, type RuleSource, type RuleTarget } from './redirects.rules.ts';

/**
 * The 301s (and 410s) an importer leaves for a blog's old addresses, listed with the origin 'import' in the
 * redirect manager, where an administrator sees and edits them. Thousands at a time, in a few
 * statements per 500 rules, with the manager's guarantees: no chain (a target that already
 * redirects is replaced by where it leads, and rules that led to an old address lead to its new
 * one), no duplicate when the same blog is imported again, and a rule someone wrote by hand at an
 * old address stays as they wrote it.
 */

export interface ImportedRule {
  /** An address on this site, one of WordPress's query addresses (`/?p=12`), or a pattern (a `*` for the number of `/category/x/page/<n>/`). */
  from: string;
  /** A local path; a pattern's may hold `$1`…`$9`. */
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

/**
 * The rules as they stand in the transaction, the ones at the importer's targets read in bulk
 * first: following a target that redirects nowhere (nearly all of them) costs no query.
 */
class PrefetchedRules implements RuleSource {
  private readonly known = new Map<string, RuleTarget | undefined>();
  constructor(
    private readonly trx: Executor,
    private readonly loadedPatterns: () => Promise<CompiledPattern[]>,
  ) {}

  /**
   * Reads the rules at these addresses, where imported things now live. One left by a former
   * import or by publishing would hide what is there now: it goes. One written by hand stays and
   * is followed (someone sent that archive elsewhere on purpose). Returns how many went.
   */
  async prefetchLive(paths: readonly string[]): Promise<number> {
    let removed = 0;
    for (const part of batches(paths, LOOKUP_CHUNK)) {
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
    return this.loadedPatterns();
  }
}

/** Writes the rules in the caller's transaction; the caller empties the page caches after it commits (`content.changed`). */
export async function writeImportedRules(trx: Executor, rules: readonly ImportedRule[], now: string): Promise<ImportedRulesReport> {
  const writer = new ImportedRulesWriter(trx, now);
  await writer.write(rules);
  return writer.finish();
}

/** The local path a rule's target names, in the form rules are compared in (undefined for another site's address). */
export function importedRuleTarget(to: string): string | undefined {
  return localPathOf(canonicalPath(to));
}

/**
 * Which of these addresses something imported lives at, beyond the targets of the rules given
 * so far: an importer writing its rules in batches says so for all of them, so that no rule
 * leads away from an address a later batch leads to.
 */
export type LiveAddresses = (paths: readonly string[]) => Promise<ReadonlySet<string>>;

/**
 * Row ids, one bit each, in pages of 65,536: the rules a run has written or found, kept for a
 * blog of any size in a few kilobytes.
 */
class RowIds {
  private readonly pages = new Map<number, Uint32Array>();

  add(id: number): void {
    let page = this.pages.get(Math.floor(id / 65_536));
    if (!page) this.pages.set(Math.floor(id / 65_536), (page = new Uint32Array(2_048)));
    const bit = id % 65_536;
    page[bit >>> 5]! |= 1 << (bit & 31);
  }

  has(id: number): boolean {
    const page = this.pages.get(Math.floor(id / 65_536));
    const bit = id % 65_536;
    return page !== undefined && (page[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }
}

/**
 * Writes an import's rules in batches of any number, with the guarantees of one call: the
 * first rule given for an address wins (rules of an earlier batch before a later one's), and
 * none is written from an address that a rule of its batch leads to or that `live` names. What
 * it keeps between batches is small: a bit for each row it wrote or found, and the few addresses
 * whose first rule was not written.
 */
export class ImportedRulesWriter {
  private readonly report: ImportedRulesReport = { created: 0, updated: 0, unchanged: 0, keptManual: 0, skipped: 0, rewritten: 0, removed: 0 };
  /** Rows at an address an earlier batch had a rule for: written, updated, unchanged or kept as written by hand. */
  private readonly claimed = new RowIds();
  /** Addresses an earlier batch had a rule for that it did not write. */
  private readonly claimedUnwritten = new Set<string>();
  private patterns: Promise<CompiledPattern[]> | undefined;

  constructor(
    private readonly trx: Executor,
    private readonly now: string,
    private readonly live?: LiveAddresses,
  ) {}

  /** Writes one batch. */
  async write(rules: readonly ImportedRule[]): Promise<void> {
    await this.writeExact(rules.filter((rule) => !isPatternAddress(rule.from)));
    await this.writePatterns(rules.filter((rule) => isPatternAddress(rule.from)));
  }

  /**
   * Pattern rules (a `*` for the number of `/category/ecommerce/page/<n>/`, to `/categorie/ecommerce/page/$1/`): one for every
   * page of an archive. They are few (one per archive) and lead to archives the import wrote, so
   * they are written one by one, with the exact rules' guarantees save one: no older rule is
   * pointed through them, since no rule leads to an address of an archive's old pages.
   */
  private async writePatterns(rules: readonly ImportedRule[]): Promise<void> {
    const { trx, now, report } = this;
    for (const rule of rules) {
      const from = canonicalPath(rule.from);
      const to = canonicalPath(rule.to);
      const stars = from.split('*').length - 1;
      const target = localPathOf(to);
      const highestCapture = Math.max(0, ...[...to.matchAll(/\$(\d)/g)].map((match) => Number(match[1])));
      if (fromProblem(from) !== undefined || target === undefined || highestCapture > stars || this.claimedUnwritten.has(from)) {
        report.skipped++;
        continue;
      }
      // Where a page of the archive leads: none when it answers 410 or loops; one that redirects further (an archive merged by hand) is followed when read, in one response.
      const sample = fillTarget(target, Array.from({ length: stars }, () => '2'));
      const landing = await follow(new PrefetchedRules(trx, () => (this.patterns ??= loadPatterns(trx))), sample);
      if (landing?.kind === 'loop' || landing?.kind === 'gone') {
        this.claimedUnwritten.add(from);
        report.skipped++;
        continue;
      }
      const old = await trx.selectFrom('redirects').select(['id', 'to_path', 'status_code', 'origin', 'kind']).where('from_path', '=', from).executeTakeFirst();
      if (old && this.claimed.has(old.id)) {
        report.skipped++;
        continue;
      }
      if (!old) {
        const row = await trx
          .insertInto('redirects')
          .values({ kind: 'pattern', from_path: from, to_path: to, status_code: 301, origin: 'import', note: rule.note.slice(0, 500), created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        this.claimed.add(row.id);
        report.created++;
      } else {
        this.claimed.add(old.id);
        if (old.origin === 'manual') report.keptManual++;
        else if (old.to_path === to && old.status_code === 301 && old.origin === 'import' && old.kind === 'pattern') report.unchanged++;
        else {
          await trx.updateTable('redirects').set({ kind: 'pattern', to_path: to, status_code: 301, origin: 'import', note: rule.note.slice(0, 500), updated_at: now }).where('id', '=', old.id).execute();
          report.updated++;
        }
      }
      // The next targets followed see this pattern.
      this.patterns = undefined;
    }
  }

  /**
   * Addresses that answer 410 Gone (a WordPress blog's date archives, which Kiosque does not
   * have), with the same guarantees as the 301s: the first rule given for an address wins, none is
   * written where something imported lives, one written by hand stays. Rules that led to one of
   * them are left as they are: a reader following them is answered 410 in one response.
   */
  async writeGone(addresses: readonly { from: string; note: string }[]): Promise<void> {
    const { trx, now, report } = this;
    const wanted = new Map<string, string>();
    for (const address of addresses) {
      const from = canonicalPath(address.from);
      if (fromProblem(from) !== undefined || isPatternAddress(from) || wanted.has(from) || this.claimedUnwritten.has(from)) {
        report.skipped++;
        continue;
      }
      wanted.set(from, address.note.slice(0, 500));
    }
    const live = this.live ? await this.live([...wanted.keys()]) : new Set<string>();
    for (const from of live) {
      if (!wanted.delete(from)) continue;
      this.claimedUnwritten.add(from);
      report.skipped++;
    }
    const existing = new Map<string, { id: number; to: string | null; status: number; origin: string; kind: string }>();
    for (const part of batches(wanted.keys(), LOOKUP_CHUNK)) {
      const rows = await trx.selectFrom('redirects').select(['id', 'from_path', 'to_path', 'status_code', 'origin', 'kind']).where('from_path', 'in', part).execute();
      for (const row of rows) existing.set(row.from_path, { id: row.id, to: row.to_path, status: row.status_code, origin: row.origin, kind: row.kind });
    }
    const inserts: [string, string][] = [];
    for (const [from, note] of wanted) {
      const old = existing.get(from);
      if (!old) {
        inserts.push([from, note]);
        continue;
      }
      if (this.claimed.has(old.id)) report.skipped++;
      else if (old.origin === 'manual') report.keptManual++;
      else if (old.to === null && old.status === 410 && old.origin === 'import' && old.kind === 'exact') report.unchanged++;
      else {
        await trx.updateTable('redirects').set({ kind: 'exact', to_path: null, status_code: 410, origin: 'import', note, updated_at: now }).where('id', '=', old.id).execute();
        report.updated++;
      }
      this.claimed.add(old.id);
    }
    for (const part of batches(inserts, CHUNK)) {
      const rows = await trx
        .insertInto('redirects')
        .values(part.map(([from, note]) => ({ kind: 'exact' as const, from_path: from, to_path: null, status_code: 410, origin: 'import' as const, note, created_at: now, updated_at: now })))
        .returning('id')
        .execute();
      for (const row of rows) this.claimed.add(row.id);
      report.created += part.length;
    }
  }

  private async writeExact(rules: readonly ImportedRule[]): Promise<void> {
    const { trx, now, report } = this;

    // One written form per address, one rule per address (the first wins), none from an address something now lives at.
    const wanted = new Map<string, ImportedRule>();
    for (const rule of rules) {
      const from = canonicalPath(rule.from);
      const to = canonicalPath(rule.to);
      if (fromProblem(from) !== undefined || localPathOf(to) === undefined || wanted.has(from) || this.claimedUnwritten.has(from)) {
        report.skipped++;
        continue;
      }
      wanted.set(from, { from, to, note: rule.note.slice(0, 500) });
    }
    const targets = [...new Set([...wanted.values()].map((rule) => localPathOf(rule.to)!))];
    const live = new Set(targets);
    if (this.live) for (const path of await this.live([...wanted.keys()].filter((from) => !live.has(from)))) live.add(path);
    for (const from of wanted.keys()) {
      if (live.has(from)) {
        wanted.delete(from);
        this.claimedUnwritten.add(from);
        report.skipped++;
      }
    }

    // A target that already redirects (a category merged into another): the rule goes straight to the end.
    // The pattern rules are read when a target first needs them, and again after the import writes one.
    const source = new PrefetchedRules(trx, () => (this.patterns ??= loadPatterns(trx)));
    report.removed += await source.prefetchLive(targets);
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
        this.claimedUnwritten.add(rule.from);
        report.skipped++;
        continue;
      }
      final.push({ ...rule, to: location + rule.to.slice(path.length) });
    }

    // Already there? A second import updates its own rules and leaves the ones written by hand; an earlier batch's rule at the address wins.
    const existing = new Map<string, { id: number; to: string | null; status: number; origin: string }>();
    for (const part of batches(final.map((rule) => rule.from), LOOKUP_CHUNK)) {
      const rows = await trx.selectFrom('redirects').select(['id', 'from_path', 'to_path', 'status_code', 'origin']).where('from_path', 'in', part).execute();
      for (const row of rows) existing.set(row.from_path, { id: row.id, to: row.to_path, status: row.status_code, origin: row.origin });
    }
    const fresh = final.filter((rule) => {
      const old = existing.get(rule.from);
      if (old === undefined || !this.claimed.has(old.id)) return true;
      report.skipped++;
      return false;
    });
    // Before the new rules are in: the rules that led to an old address now lead where it leads.
    const written = new Map(fresh.filter((rule) => existing.get(rule.from)?.origin !== 'manual').map((rule) => [rule.from, rule.to]));
    for (const part of batches(written.keys(), LOOKUP_CHUNK)) {
      const older = await trx.selectFrom('redirects').select(['id', 'from_path', 'to_path']).where('to_path', 'in', part).execute();
      for (const row of older) {
        const to = written.get(row.to_path!)!;
        if (localPathOf(to) === row.from_path) continue;
        await trx.updateTable('redirects').set({ to_path: to, updated_at: now }).where('id', '=', row.id).execute();
        report.rewritten++;
      }
    }

    const inserts: ImportedRule[] = [];
    for (const rule of fresh) {
      const old = existing.get(rule.from);
      if (!old) {
        inserts.push(rule);
        continue;
      }
      this.claimed.add(old.id);
      if (old.origin === 'manual') report.keptManual++;
      else if (old.to === rule.to && old.status === 301 && old.origin === 'import') report.unchanged++;
      else {
        await trx.updateTable('redirects').set({ kind: 'exact', to_path: rule.to, status_code: 301, origin: 'import', note: rule.note, updated_at: now }).where('id', '=', old.id).execute();
        report.updated++;
      }
    }
    for (const part of batches(inserts, CHUNK)) {
      const rows = await trx
        .insertInto('redirects')
        .values(part.map((rule) => ({ kind: 'exact' as const, from_path: rule.from, to_path: rule.to, status_code: 301, origin: 'import' as const, note: rule.note, created_at: now, updated_at: now })))
        .returning('id')
        .execute();
      for (const row of rows) this.claimed.add(row.id);
      report.created += part.length;
    }
  }

  /** What the batches did, once the last is written. */
  async finish(): Promise<ImportedRulesReport> {
    // Thousands of new rows: fresh statistics, or PostgreSQL's planner takes the next import's lookups for scans of the whole table.
    if (this.report.created >= CHUNK) await sql`analyze redirects`.execute(this.trx);
    return { ...this.report };
  }
}

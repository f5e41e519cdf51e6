import { sql } from 'kysely';
import { recordAudit } from '../auth/audit.service.ts';
import type { ChangeOrigin, Executor, NewsroomContext } from '../content/content.admin.ts';
import type { RedirectKind, RedirectOrigin, RedirectRow } from '../db/schema.ts';
import { KiosqueError } from '../errors.ts';
import { translator, type Locale, type Translate } from '../i18n/i18n.ts';
import type { SettingsStore } from '../settings/settings.ts';
import {
  deleteRuleRow,
  findExactRule,
  findRuleByFrom,
  findRuleById,
  insertRule,
  listRuleRows,
  loadPatterns,
  pointRule,
  rulesLeadingTo,
  rulesLeadingUnder,
  updateRule,
  type RuleValues,
} from './redirects.queries.ts';
import type { RedirectLookup } from './redirects.resolver.ts';
import {
  canonicalPath,
  compilePattern,
  fillTarget,
  follow,
  fromProblem,
  isPatternAddress,
  localPathOf,
  matchPattern,
  parseTarget,
  MAX_PATH_LENGTH,
  MAX_WILDCARDS,
  type CompiledPattern,
  type RedirectStatus,
  type RuleSource,
} from './redirects.rules.ts';

/**
 * The redirect manager: rules people write, import or that publishing leaves behind, kept free of
 * chains. When a rule A → B is saved and B already redirects to C, A is stored as A → C; the
 * rules that led to A (X → A) are pointed at A's final target; a rule that would send readers
 * round in a circle is refused, naming the field. Every change is audited and empties the page
 * caches (`content.changed`), which also reloads the pattern rules of every instance.
 */

export interface RedirectsContext extends NewsroomContext {
  settings: SettingsStore;
  /** The site's public origin: an absolute target on it is stored as a local path. */
  siteUrl: () => string;
  resolver: RedirectLookup;
}

export interface RuleInput {
  from: string;
  to?: string | null | undefined;
  status: RedirectStatus;
  note?: string | undefined;
}

export interface RuleChanges {
  from?: string | undefined;
  to?: string | null | undefined;
  status?: RedirectStatus | undefined;
  note?: string | undefined;
}

export interface RedirectRuleView {
  id: number;
  from: string;
  to: string | null;
  status: number;
  kind: RedirectKind;
  origin: RedirectOrigin;
  note: string;
  hits: number;
  lastHitAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export function presentRule(row: RedirectRow): RedirectRuleView {
  return {
    id: row.id,
    from: row.from_path,
    to: row.to_path,
    status: row.status_code,
    kind: row.kind,
    origin: row.origin,
    note: row.note,
    hits: Number(row.hits),
    lastHitAt: row.last_hit_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
  };
}

/** A refused rule: the field at fault and the sentence that says why. */
export class RuleRefused extends Error {
  constructor(
    readonly field: 'from' | 'to' | 'status',
    readonly reason: string,
    readonly conflict = false,
  ) {
    super(`${field} ${reason}`);
  }

  toKiosqueError(): KiosqueError {
    return this.conflict
      ? new KiosqueError('conflict', { field: this.field, detail: this.reason }, { cause: this })
      : new KiosqueError('invalid_request', { field: this.field, detail: this.reason }, { cause: this });
  }
}

interface CheckedRule extends RuleValues {}

/** The checks that need nothing but the rule itself (and the site's origin). */
export function checkRule(input: RuleInput, origin: RedirectOrigin, siteOrigin: string, t: Translate): CheckedRule {
  const from = canonicalPath(input.from.trim());
  const fromIssue = fromProblem(from);
  if (fromIssue) throw new RuleRefused('from', t(`redirects.error.${fromIssue}`, { max: fromIssue === 'tooLong' ? MAX_PATH_LENGTH : MAX_WILDCARDS }));
  const kind: RedirectKind = isPatternAddress(from) ? 'pattern' : 'exact';
  const note = input.note?.trim() ?? '';
  const wanted = input.to?.trim() || null;
  if (input.status === 410) {
    if (wanted !== null) throw new RuleRefused('to', t('redirects.error.goneHasNoTarget'));
    return { kind, from, to: null, status: 410, note, origin };
  }
  if (wanted === null) throw new RuleRefused('to', t('redirects.error.targetRequired'));
  const stars = from.split('*').length - 1;
  const target = parseTarget(wanted, siteOrigin, stars);
  if (typeof target === 'string') throw new RuleRefused('to', t(`redirects.error.${target}`, { max: MAX_PATH_LENGTH }));
  if (target.local && localPathOf(target.value) === from) throw new RuleRefused('to', t('redirects.error.self'));
  return { kind, from, to: target.value, status: input.status, note, origin };
}

/** The rules as they stand inside a transaction, patterns read again only after one is written. */
class TransactionRules implements RuleSource {
  private cached: Promise<CompiledPattern[]> | undefined;

  constructor(private readonly trx: Executor) {}

  exact(path: string) {
    return findExactRule(this.trx, [path]);
  }

  patterns() {
    return (this.cached ??= loadPatterns(this.trx));
  }

  changed(): void {
    this.cached = undefined;
  }
}

/** A path that stands for every address a pattern matches, to follow where they lead. */
function sampleOf(pattern: string): string {
  return pattern.replaceAll('*', 'kiosque-sample');
}

/**
 * Writes a checked rule (a new one, or over `existing`) and keeps the whole set free of chains.
 * Returns how many other rules were pointed at the new target.
 */
async function writeRule(trx: Executor, rules: TransactionRules, rule: CheckedRule, existing: RedirectRow | undefined, now: string, t: Translate): Promise<{ row: RedirectRow; rewritten: number }> {
  const taken = await findRuleByFrom(trx, rule.from);
  if (taken && taken.id !== existing?.id) throw new RuleRefused('from', t('redirects.error.fromTaken', { id: taken.id, from: rule.from }), true);
  let row = existing ? await updateRule(trx, existing.id, rule, now) : await insertRule(trx, rule, now);
  rules.changed();

  // Where does this rule finally lead? With the rule saved, a circle through it shows as a loop.
  const start = rule.kind === 'pattern' ? sampleOf(rule.from) : rule.from;
  const landing = await follow(rules, start);
  if (landing?.kind === 'loop') throw new RuleRefused('to', t('redirects.error.loop', { from: rule.from }));
  if (rule.status !== 410 && landing?.kind === 'gone') throw new RuleRefused('to', t('redirects.error.targetGone'));
  const templated = rule.kind === 'pattern' && /\$\d/.test(rule.to ?? '');
  if (!templated && rule.to !== null && landing?.kind === 'redirect' && landing.location !== rule.to) {
    await pointRule(trx, row.id, landing.location, rule.status, now);
    row = { ...row, to_path: landing.location };
  }

  // The rules that led here now lead to this rule's final target (or answer 410 with it).
  const finalTarget = row.to_path;
  let rewritten = 0;
  const retarget = async (other: RedirectRow, to: string | null) => {
    if (other.id === row.id) return;
    const gone = rule.status === 410;
    if (!gone && to !== null && localPathOf(to) === other.from_path) throw new RuleRefused('to', t('redirects.error.loop', { from: other.from_path }));
    await pointRule(trx, other.id, gone ? null : to, gone ? 410 : other.status_code, now);
    rewritten++;
  };
  if (rule.kind === 'exact') {
    for (const other of await rulesLeadingTo(trx, rule.from)) await retarget(other, finalTarget);
  } else if (!templated || rule.status === 410) {
    const parts = rule.from.split('*');
    for (const other of await rulesLeadingUnder(trx, parts[0]!)) {
      const path = other.to_path === null ? undefined : localPathOf(other.to_path);
      if (path === undefined || /\$\d/.test(other.to_path ?? '')) continue;
      if (matchPattern(parts, path)) await retarget(other, finalTarget);
    }
  } else {
    const pattern = compilePattern({ id: row.id, kind: 'pattern', from: rule.from, to: finalTarget, status: rule.status });
    for (const other of await rulesLeadingUnder(trx, pattern.parts[0]!)) {
      const path = other.to_path === null ? undefined : localPathOf(other.to_path);
      if (path === undefined || /\$\d/.test(other.to_path ?? '')) continue;
      const captures = matchPattern(pattern.parts, path);
      if (captures) await retarget(other, fillTarget(finalTarget!, captures));
    }
  }
  if (rewritten > 0) rules.changed();
  return { row, rewritten };
}

function localeOf(ctx: RedirectsContext): Locale {
  return ctx.settings.current.locale;
}

function originOfSite(ctx: RedirectsContext): string {
  try {
    return new URL(ctx.siteUrl()).origin;
  } catch {
    return '';
  }
}

async function changed(ctx: RedirectsContext): Promise<void> {
  await ctx.events.emit({ type: 'content.changed', reason: 'redirects.changed' });
}

/** Runs a change in a transaction, turning a refused rule into the API's field error. */
async function inTransaction<T>(ctx: RedirectsContext, work: (trx: Executor) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.kysely.transaction().execute(work);
  } catch (error) {
    if (error instanceof RuleRefused) throw error.toKiosqueError();
    throw error;
  }
}

export async function listRules(
  ctx: RedirectsContext,
  filter: { q?: string | undefined; origin?: RedirectOrigin | undefined; kind?: RedirectKind | undefined; page: number; limit: number },
): Promise<{ rules: RedirectRuleView[]; total: number }> {
  // This instance's counts first, so the list shows the hits of a moment ago.
  await ctx.resolver.flushHits();
  const { rows, total } = await listRuleRows(ctx.db.kysely, { ...filter, offset: (filter.page - 1) * filter.limit });
  return { rules: rows.map(presentRule), total };
}

export async function readRule(ctx: RedirectsContext, id: number): Promise<RedirectRuleView | undefined> {
  const row = await findRuleById(ctx.db.kysely, id);
  return row && presentRule(row);
}

export async function createRule(ctx: RedirectsContext, origin: ChangeOrigin, input: RuleInput): Promise<RedirectRuleView> {
  const t = translator(localeOf(ctx));
  const now = ctx.now();
  const row = await inTransaction(ctx, async (trx) => {
    const checked = checkRule(input, 'manual', originOfSite(ctx), t);
    const { row, rewritten } = await writeRule(trx, new TransactionRules(trx), checked, undefined, now, t);
    await recordAudit(trx, { actor: origin.actor, action: 'redirect.create', targetType: 'redirect', targetId: row.id, ip: origin.ip, details: { from: row.from_path, to: row.to_path, status: row.status_code, rewritten } });
    return row;
  });
  await changed(ctx);
  return presentRule(row);
}

export async function changeRule(ctx: RedirectsContext, origin: ChangeOrigin, id: number, changes: RuleChanges): Promise<RedirectRuleView | undefined> {
  const t = translator(localeOf(ctx));
  const now = ctx.now();
  const row = await inTransaction(ctx, async (trx) => {
    const before = await findRuleById(trx, id);
    if (!before) return undefined;
    const status = changes.status ?? (before.status_code as RedirectStatus);
    // Turning a rule into a 410 drops its target unless one is given (and then refused).
    const to = changes.to !== undefined ? changes.to : status === 410 ? null : before.to_path;
    const checked = checkRule({ from: changes.from ?? before.from_path, to, status, note: changes.note ?? before.note }, before.origin, originOfSite(ctx), t);
    const { row, rewritten } = await writeRule(trx, new TransactionRules(trx), checked, before, now, t);
    await recordAudit(trx, {
      actor: origin.actor,
      action: 'redirect.update',
      targetType: 'redirect',
      targetId: id,
      ip: origin.ip,
      details: { from: { was: before.from_path, is: row.from_path }, to: { was: before.to_path, is: row.to_path }, status: { was: before.status_code, is: row.status_code }, rewritten },
    });
    return row;
  });
  if (!row) return undefined;
  await changed(ctx);
  return presentRule(row);
}

export async function deleteRule(ctx: RedirectsContext, origin: ChangeOrigin, id: number): Promise<boolean> {
  const deleted = await ctx.db.kysely.transaction().execute(async (trx) => {
    const row = await deleteRuleRow(trx, id);
    if (!row) return false;
    await recordAudit(trx, { actor: origin.actor, action: 'redirect.delete', targetType: 'redirect', targetId: id, ip: origin.ip, details: { from: row.from_path, to: row.to_path, status: row.status_code, origin: row.origin } });
    return true;
  });
  if (deleted) await changed(ctx);
  return deleted;
}

export interface ImportLine {
  /** The line of the file, from 1, for the report. */
  line: number;
  input: RuleInput;
}

export interface ImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  /** Lines left out on purpose (a rule the Redirection plugin had disabled). */
  skipped: number;
  /** Other rules pointed at a new target so that no chain remains. */
  rewritten: number;
}

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

/** The whole file refused: every bad line, and nothing written. */
export class ImportRejected extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(`${problems.length} invalid line(s)`);
  }
}

/** Aborts the transaction of a dry run, carrying its report out. */
class DryRunDone extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/**
 * Imports rules, all or none: every line is checked against the rules as they would be with the
 * lines before it (a chain or a circle inside the file is seen), and a single bad line cancels the
 * whole file. An address that already has a rule gets the file's. A dry run checks and counts,
 * then writes nothing.
 */
export async function importRules(ctx: RedirectsContext, origin: ChangeOrigin, lines: readonly ImportLine[], options: { dryRun: boolean; skipped: number }): Promise<ImportReport> {
  const t = translator(localeOf(ctx));
  const now = ctx.now();
  const siteOrigin = originOfSite(ctx);
  let report: ImportReport;
  try {
    report = await ctx.db.kysely.transaction().execute(async (trx) => {
      const rules = new TransactionRules(trx);
      const problems: ImportProblem[] = [];
      const counts: ImportReport = { dryRun: options.dryRun, created: 0, updated: 0, skipped: options.skipped, rewritten: 0 };
      for (const { line, input } of lines) {
        // Each line in a savepoint: a refused line leaves nothing half-written for the next ones to see.
        await sql`savepoint redirect_line`.execute(trx);
        try {
          const checked = checkRule(input, 'import', siteOrigin, t);
          const existing = await findRuleByFrom(trx, checked.from);
          const { rewritten } = await writeRule(trx, rules, checked, existing, now, t);
          await sql`release savepoint redirect_line`.execute(trx);
          counts[existing ? 'updated' : 'created']++;
          counts.rewritten += rewritten;
        } catch (error) {
          if (!(error instanceof RuleRefused)) throw error;
          await sql`rollback to savepoint redirect_line`.execute(trx);
          await sql`release savepoint redirect_line`.execute(trx);
          rules.changed();
          problems.push({ line, field: error.field, message: t('redirects.import.line', { line, field: error.field, reason: error.reason }) });
        }
      }
      if (problems.length > 0) throw new ImportRejected(problems);
      if (options.dryRun) throw new DryRunDone(counts);
      await recordAudit(trx, { actor: origin.actor, action: 'redirect.import', targetType: 'redirect', ip: origin.ip, details: { lines: lines.length, created: counts.created, updated: counts.updated, rewritten: counts.rewritten } });
      return counts;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.report;
    throw error;
  }
  await changed(ctx);
  return report;
}

import type { Kysely, Transaction } from 'kysely';
import type { AuditLogRow, DatabaseSchema } from '../db/schema.ts';
import type { Actor } from './auth.policy.ts';

/**
 * The append-only audit log of every security or content action. The database itself refuses
 * to change or delete an entry (triggers of migration 0003); this module only ever inserts.
 */

export interface AuditEntry {
  actor: Actor | null;
  /** Who acted when there is no actor yet (a failed sign-in: the address typed), or 'system'. */
  actorLabel?: string;
  /** Dotted names: session.sign_in, post.publish, user.role_change… */
  action: string;
  targetType?: string;
  targetId?: string | number;
  ip?: string;
  details?: Record<string, unknown>;
}

/** Writes one entry; inside the caller's transaction when given one, so it stands or falls with the change. */
export async function recordAudit(db: Kysely<DatabaseSchema> | Transaction<DatabaseSchema>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor_user_id: entry.actor?.userId ?? null,
      actor_label: entry.actorLabel ?? entry.actor?.label ?? 'system',
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId === undefined ? null : String(entry.targetId),
      ip: entry.ip ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export interface AuditFilter {
  /** An exact action (`session.sign_in`) or a family (`session` matches every `session.…`). */
  action?: string | undefined;
  /** An account id, or the label written at the time (an e-mail address, `token:<name>`). */
  actor?: string | undefined;
  /** ISO 8601 bounds: from included, to excluded. */
  from?: string | undefined;
  to?: string | undefined;
  /** Keyset cursor: entries older than this id (the `next` of the previous page). */
  before?: number | undefined;
  limit?: number | undefined;
}

export interface AuditEntryView {
  id: number;
  at: string;
  actor: { userId: number | null; label: string };
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export const AUDIT_PAGE_SIZE = 50;

/** Newest first, one page at a time; `next` is the cursor of the following page, null at the end. */
export async function listAudit(db: Kysely<DatabaseSchema>, filter: AuditFilter = {}): Promise<{ entries: AuditEntryView[]; next: number | null }> {
  const limit = Math.min(Math.max(filter.limit ?? AUDIT_PAGE_SIZE, 1), 200);
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.action) {
    const action = filter.action;
    // A family is a range of names, so the (action, at) index serves it without LIKE's wildcards.
    query = action.includes('.')
      ? query.where('action', '=', action)
      : query.where((eb) => eb.or([eb('action', '=', action), eb.and([eb('action', '>=', action + '.'), eb('action', '<', action + '/')])]));
  }
  if (filter.actor) {
    query = /^\d+$/.test(filter.actor)
      ? query.where('actor_user_id', '=', Number(filter.actor))
      : query.where('actor_label', '=', filter.actor.includes('@') ? filter.actor.trim().toLowerCase() : filter.actor.trim());
  }
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.before !== undefined) query = query.where('id', '<', filter.before);
  const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return { entries: page.map(presentAuditEntry), next: rows.length > limit ? page[page.length - 1]!.id : null };
}

function presentAuditEntry(row: AuditLogRow): AuditEntryView {
  let details: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.details);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) details = parsed as Record<string, unknown>;
  } catch {
    // Entries are written by recordAudit only; an unreadable one still shows, without details.
  }
  return {
    id: row.id,
    at: row.at,
    actor: { userId: row.actor_user_id, label: row.actor_label },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    details,
  };
}

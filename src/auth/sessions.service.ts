import type { Db } from '../db/db.ts';
import type { Role } from '../db/schema.ts';
import { digest, newSecret } from './auth.crypto.ts';
import { ROLES_REQUIRING_SECOND_FACTOR } from './auth.policy.ts';

/**
 * Server-side sessions. The cookie holds a random secret; the table keeps its SHA-256 as the id,
 * so a copy of the table cannot be replayed. A session lives as long as it is used: every use
 * (written at most every few minutes) pushes its end further.
 */

export const SESSION_COOKIE = 'kiosque_session';
/** A session unused for this long is over. */
export const SESSION_IDLE_MS = 14 * 24 * 60 * 60 * 1000;
/** Writing last_seen_at on every request would turn every read into a write. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** How the person proved who they are. */
export type SignInMethod = 'password' | 'password+totp' | 'recovery-code' | 'passkey' | 'setup' | 'invitation';

/** Methods that proved a second factor (or a passkey, which is one in itself). */
const STRONG_METHODS: ReadonlySet<string> = new Set<SignInMethod>(['password+totp', 'recovery-code', 'passkey']);

/**
 * Whether the session still owes a second factor: the role demands one and the person has not
 * proved one (a new account, or a role raised since they signed in).
 */
export function isSecondFactorPending(role: Role, method: string): boolean {
  return ROLES_REQUIRING_SECOND_FACTOR.has(role) && !STRONG_METHODS.has(method);
}

export interface StartedSession {
  /** The cookie's value: given to the browser once, never stored. */
  secret: string;
  id: string;
  csrfToken: string;
  expiresAt: string;
}

export interface SessionStart {
  userId: number;
  method: SignInMethod;
  ip?: string | null | undefined;
  userAgent?: string | null | undefined;
}

export async function createSession(db: Db, start: SessionStart, now: Date): Promise<StartedSession> {
  const secret = newSecret();
  const session = { secret, id: digest(secret), csrfToken: newSecret(), expiresAt: new Date(now.getTime() + SESSION_IDLE_MS).toISOString() };
  await db.kysely
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: start.userId,
      csrf_token: session.csrfToken,
      method: start.method,
      ip: start.ip ?? null,
      user_agent: start.userAgent?.slice(0, 300) ?? null,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: session.expiresAt,
    })
    .execute();
  return session;
}

/** A live session and the account it belongs to. */
export interface ResolvedSession {
  id: string;
  csrfToken: string;
  method: string;
  lastSeenAt: string;
  expiresAt: string;
  user: { id: number; email: string; name: string; role: Role; authorId: number; locale: string | null };
  secondFactorPending: boolean;
}

/** The session a cookie opens, or null when it is unknown, over, or its account suspended. */
export async function resolveSession(db: Db, secret: string, now: Date): Promise<ResolvedSession | null> {
  const row = await db.kysely
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.csrf_token',
      'sessions.method',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.role',
      'users.author_id',
      'users.locale',
    ])
    .where('sessions.id', '=', digest(secret))
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.suspended_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    csrfToken: row.csrf_token,
    method: row.method,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    user: { id: row.user_id, email: row.email, name: row.name, role: row.role, authorId: row.author_id, locale: row.locale },
    secondFactorPending: isSecondFactorPending(row.role, row.method),
  };
}

/** Records a use of the session and pushes its end; returns the new end, or null when it was used a moment ago. */
export async function touchSession(db: Db, session: Pick<ResolvedSession, 'id' | 'lastSeenAt'>, now: Date): Promise<string | null> {
  if (now.getTime() - Date.parse(session.lastSeenAt) < TOUCH_EVERY_MS) return null;
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  await db.kysely.updateTable('sessions').set({ last_seen_at: now.toISOString(), expires_at: expiresAt }).where('id', '=', session.id).execute();
  return expiresAt;
}

/** Records the second factor proved during the session (enrolment confirmed): it no longer owes one. */
export async function upgradeSession(db: Db, sessionId: string, method: SignInMethod): Promise<void> {
  await db.kysely.updateTable('sessions').set({ method }).where('id', '=', sessionId).execute();
}

/** Ends one of the account's sessions; false when it has no such session. */
export async function revokeSession(db: Db, userId: number, sessionId: string): Promise<boolean> {
  const result = await db.kysely.deleteFrom('sessions').where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every session of the account, but the one given (the person's own, when they stay signed in). */
export async function revokeAllSessions(db: Db, userId: number, exceptSessionId?: string): Promise<number> {
  let query = db.kysely.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId !== undefined) query = query.where('id', '!=', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface SessionSummary {
  id: string;
  current: boolean;
  method: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
}

/** The account's live sessions, most recently used first. */
export async function listSessions(db: Db, userId: number, currentSessionId: string | null, now: Date): Promise<SessionSummary[]> {
  const rows = await db.kysely
    .selectFrom('sessions')
    .select(['id', 'method', 'ip', 'user_agent', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString())
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    current: row.id === currentSessionId,
    method: row.method,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  }));
}

/** Sessions that ended are only clutter; removed now and then (at sign-in). */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.kysely.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
}

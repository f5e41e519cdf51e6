import type { Db } from '../db/db.ts';
import type { Role } from '../db/schema.ts';
import { digest, newSecret } from './auth.crypto.ts';
import { ROLES, type Actor } from './auth.policy.ts';

/**
 * API tokens for integrations: created by an administrator, scoped to a role, shown once and
 * kept as a digest. A token acts for the account that holds it, never above that account's role.
 */

/** Recognisable in a leaked configuration file or a secret scanner's rules. */
export const API_TOKEN_PREFIX = 'kiosque_';
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** The lower of two roles (ROLES runs from the most to the least powerful). */
export function lesserRole(a: Role, b: Role): Role {
  return ROLES.indexOf(a) >= ROLES.indexOf(b) ? a : b;
}

export async function createApiToken(db: Db, input: { name: string; role: Role; userId: number }, now: Date): Promise<{ id: number; token: string }> {
  const token = API_TOKEN_PREFIX + newSecret();
  const row = await db.kysely
    .insertInto('api_tokens')
    .values({ name: input.name.trim(), token_hash: digest(token), role: input.role, user_id: input.userId, created_at: now.toISOString(), last_used_at: null, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** The actor a bearer token stands for, or null when it is unknown, revoked or its account suspended. */
export async function resolveApiToken(db: Db, token: string, now: Date): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db.kysely
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.role as token_role', 'api_tokens.last_used_at', 'users.id as user_id', 'users.role as user_role', 'users.author_id'])
    .where('api_tokens.token_hash', '=', digest(token))
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.suspended_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) {
    await db.kysely.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return { userId: row.user_id, authorId: row.author_id, role: lesserRole(row.token_role, row.user_role), label: `token:${row.name}`, via: 'token' };
}

export interface ApiTokenSummary {
  id: number;
  name: string;
  role: Role;
  user: { id: number; email: string; name: string };
  createdAt: string;
  lastUsedAt: string | null;
}

/** Tokens in force, newest first. */
export async function listApiTokens(db: Db): Promise<ApiTokenSummary[]> {
  const rows = await db.kysely
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.role', 'api_tokens.created_at', 'api_tokens.last_used_at', 'users.id as user_id', 'users.email', 'users.name as user_name'])
    .where('api_tokens.revoked_at', 'is', null)
    .orderBy('api_tokens.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    user: { id: row.user_id, email: row.email, name: row.user_name },
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  }));
}

/** Revokes a token for good; false when there is no such token in force. */
export async function revokeApiToken(db: Db, id: number, now: Date): Promise<boolean> {
  const result = await db.kysely.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

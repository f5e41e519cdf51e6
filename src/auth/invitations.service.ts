import type { Db } from '../db/db.ts';
import type { Role } from '../db/schema.ts';
import { KiosqueError } from '../errors.ts';
import { digest, newSecret } from './auth.crypto.ts';
import { insertUser, isRole, normalizeEmail, prepareNewUser, toUserAccount, type UserAccount } from './users.service.ts';

/**
 * Staff join by a single-use link that expires after a week. The link either creates the account
 * (an administrator's invitation) or finishes one made from the shell without a password.
 */

export const INVITATION_VALID_MS = 7 * 24 * 60 * 60 * 1000;

export interface NewInvitation {
  id: number;
  /** Shown once, in the link: the database keeps its digest. */
  token: string;
  expiresAt: string;
}

/**
 * The link of an invitation, on the site's public address: KIOSQUE_SITE_URL, else the site address
 * setting, else the address the server listens on. Never the request's Host header: a client (or a
 * proxy passing any Host on) chooses it, and a link built from it would carry the token to whatever
 * host it names. Without a public address the listening address may not open from outside, but it
 * sends the token nowhere else; setting the site address fixes the link.
 */
export function invitationUrl(siteUrl: string, token: string): string {
  return `${siteUrl}/admin/invite#${token}`;
}

/** Invites an address to a role; an earlier invitation of the same address still pending is withdrawn. */
export async function createInvitation(db: Db, input: { email: string; role: Role; invitedBy: number | null }, now: Date): Promise<NewInvitation> {
  const email = normalizeEmail(input.email);
  if (!isRole(input.role)) throw new KiosqueError('invalid_request', { field: 'role', detail: 'is not a role' });
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_MS).toISOString();
  const at = now.toISOString();
  const id = await db.kysely.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('users').select(['id', 'password_hash', 'last_sign_in_at']).where('email', '=', email).executeTakeFirst();
    // An account made from the shell without a password is finished through an invitation; any other is taken.
    if (account && (account.password_hash !== null || account.last_sign_in_at !== null)) throw new KiosqueError('email_taken');
    await trx.updateTable('invitations').set({ revoked_at: at }).where('email', '=', email).where('accepted_at', 'is', null).where('revoked_at', 'is', null).execute();
    const row = await trx
      .insertInto('invitations')
      .values({ token_hash: digest(token), email, role: input.role, invited_by: input.invitedBy, created_at: at, expires_at: expiresAt, accepted_at: null, revoked_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  return { id, token, expiresAt };
}

export interface PendingInvitation {
  id: number;
  email: string;
  role: Role;
  invitedBy: { id: number; name: string } | null;
  createdAt: string;
  expiresAt: string;
}

/** Invitations neither accepted, withdrawn nor expired, newest first. */
export async function listInvitations(db: Db, now: Date): Promise<PendingInvitation[]> {
  const rows = await db.kysely
    .selectFrom('invitations')
    .leftJoin('users', 'users.id', 'invitations.invited_by')
    .select(['invitations.id', 'invitations.email', 'invitations.role', 'invitations.created_at', 'invitations.expires_at', 'users.id as inviter_id', 'users.name as inviter_name'])
    .where('invitations.accepted_at', 'is', null)
    .where('invitations.revoked_at', 'is', null)
    .where('invitations.expires_at', '>', now.toISOString())
    .orderBy('invitations.id', 'desc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.inviter_id !== null && row.inviter_name !== null ? { id: row.inviter_id, name: row.inviter_name } : null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  }));
}

/** Withdraws a pending invitation; false when there is none with this id. */
export async function revokeInvitation(db: Db, id: number, now: Date): Promise<{ email: string } | null> {
  const row = await db.kysely
    .updateTable('invitations')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning('email')
    .executeTakeFirst();
  return row ?? null;
}

/** What the invitation page shows; 410 `link_expired` for a link used, withdrawn, expired or unknown. */
export async function findInvitation(db: Db, token: string, now: Date): Promise<{ id: number; email: string; role: Role }> {
  const row = await db.kysely
    .selectFrom('invitations')
    .select(['id', 'email', 'role'])
    .where('token_hash', '=', digest(token))
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row) throw new KiosqueError('link_expired');
  return row;
}

/**
 * Accepts the invitation: the link is spent and the account created (or finished) in one
 * transaction, so a link works once and a refused form leaves it usable.
 */
export async function acceptInvitation(db: Db, token: string, input: { name: string; password?: string | undefined }, now: Date): Promise<UserAccount> {
  const invitation = await findInvitation(db, token, now);
  const prepared = await prepareNewUser({ email: invitation.email, name: input.name, role: invitation.role, password: input.password ?? null });
  const at = now.toISOString();
  return db.kysely.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable('invitations')
      .set({ accepted_at: at })
      .where('id', '=', invitation.id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    if (Number(spent.numUpdatedRows) === 0) throw new KiosqueError('link_expired');
    const unfinished = await trx.selectFrom('users').selectAll().where('email', '=', prepared.email).where('password_hash', 'is', null).where('last_sign_in_at', 'is', null).executeTakeFirst();
    if (!unfinished) return insertUser(trx, prepared, now);
    const row = await trx
      .updateTable('users')
      .set({ name: prepared.name, role: prepared.role, password_hash: prepared.passwordHash, updated_at: at })
      .where('id', '=', unfinished.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('authors').set({ name: prepared.name }).where('id', '=', row.author_id).execute();
    return toUserAccount(row);
  });
}

import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../db/db.ts';
import type { DatabaseSchema, Role, UserRow } from '../db/schema.ts';
import { KiosqueError } from '../errors.ts';
import { slugify, uniqueSlug } from '../lib/slug.ts';
import { ROLES } from './auth.policy.ts';
import { hashPassword } from './passwords.service.ts';

/**
 * Staff accounts. Each account has its own author profile (its public byline), created with it.
 * Addresses are stored lower-cased: people type them with any case.
 */

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  /** None: the account signs in with a passkey, or finishes its set-up through a link. */
  password?: string | null | undefined;
  locale?: 'fr' | 'en' | null | undefined;
}

/** What the other capabilities may know of an account. */
export interface UserAccount {
  id: number;
  email: string;
  name: string;
  role: Role;
  authorId: number;
  locale: string | null;
  hasPassword: boolean;
  suspended: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export function toUserAccount(row: UserRow): UserAccount {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    authorId: row.author_id,
    locale: row.locale,
    hasPassword: row.password_hash !== null,
    suspended: row.suspended_at !== null,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
  };
}

/** Creates the account and its author profile (slug from the name, made unique). */
export async function createUser(db: Db, input: NewUser, now: Date): Promise<UserAccount> {
  const prepared = await prepareNewUser(input);
  return db.kysely.transaction().execute((trx) => insertUser(trx, prepared, now));
}

/** A new account checked and its password hashed: ready to be inserted inside a caller's transaction. */
export interface PreparedUser {
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  locale: 'fr' | 'en' | null;
}

/** Checks the account's fields and hashes its password, before any transaction (argon2 takes tens of milliseconds; locks should not). */
export async function prepareNewUser(input: NewUser): Promise<PreparedUser> {
  const email = normalizeEmail(input.email);
  const name = input.name.trim();
  if (!EMAIL.test(email)) throw new KiosqueError('invalid_request', { field: 'email', detail: 'is not an e-mail address' });
  if (name === '') throw new KiosqueError('invalid_request', { field: 'name', detail: 'is empty' });
  if (!isRole(input.role)) throw new KiosqueError('invalid_request', { field: 'role', detail: `must be one of ${ROLES.join(', ')}` });
  return { email, name, role: input.role, passwordHash: input.password ? await hashPassword(input.password) : null, locale: input.locale ?? null };
}

export async function insertUser(trx: Transaction<DatabaseSchema>, user: PreparedUser, now: Date): Promise<UserAccount> {
  const at = now.toISOString();
  const taken = await trx.selectFrom('users').select('id').where('email', '=', user.email).executeTakeFirst();
  if (taken) throw new KiosqueError('email_taken');
  const authorId = await createAuthorProfile(trx, user.name, at);
  const row = await trx
    .insertInto('users')
    .values({
      email: user.email,
      name: user.name,
      role: user.role,
      author_id: authorId,
      password_hash: user.passwordHash,
      totp_secret: null,
      totp_enabled_at: null,
      locale: user.locale,
      suspended_at: null,
      created_at: at,
      updated_at: at,
      last_sign_in_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUserAccount(row);
}

/** A new author profile (a byline) under a free slug made from the name; its id. */
export async function createAuthorProfile(trx: Transaction<DatabaseSchema>, name: string, at: string): Promise<number> {
  const base = slugify(name) || 'auteur';
  const rows = await trx
    .selectFrom('authors')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb.and([eb('slug', '>=', base + '-'), eb('slug', '<', base + '.')])]))
    .execute();
  const taken = new Set(rows.map((row) => row.slug));
  const slug = uniqueSlug(base, (candidate) => taken.has(candidate));
  const author = await trx.insertInto('authors').values({ slug, name, bio: '', created_at: at }).returning('id').executeTakeFirstOrThrow();
  return author.id;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.kysely.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether any account holds the administrator's role: until one does, the site can be set up. */
export async function hasAdministrator(db: Kysely<DatabaseSchema> | Transaction<DatabaseSchema>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('role', '=', 'administrator').limit(1).executeTakeFirst();
  return row !== undefined;
}

export interface SecondFactors {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

/** The second factors of each account asked for. */
export async function secondFactorsOf(db: Db, userIds: readonly number[]): Promise<Map<number, SecondFactors>> {
  const result = new Map<number, SecondFactors>();
  if (userIds.length === 0) return result;
  const [users, passkeys, codes] = await Promise.all([
    db.kysely.selectFrom('users').select(['id', 'totp_enabled_at']).where('id', 'in', userIds).execute(),
    db.kysely
      .selectFrom('passkeys')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('user_id', 'in', userIds)
      .groupBy('user_id')
      .execute(),
    db.kysely
      .selectFrom('recovery_codes')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('user_id', 'in', userIds)
      .where('used_at', 'is', null)
      .groupBy('user_id')
      .execute(),
  ]);
  for (const user of users) result.set(user.id, { totp: user.totp_enabled_at !== null, passkeys: 0, recoveryCodesLeft: 0 });
  for (const row of passkeys) result.get(row.user_id)!.passkeys = Number(row.n);
  for (const row of codes) result.get(row.user_id)!.recoveryCodesLeft = Number(row.n);
  return result;
}

export async function secondFactorsOfUser(db: Db, userId: number): Promise<SecondFactors> {
  return (await secondFactorsOf(db, [userId])).get(userId) ?? { totp: false, passkeys: 0, recoveryCodesLeft: 0 };
}

/** Every account, by name, with its second factors. */
export async function listUsers(db: Db): Promise<(UserAccount & { secondFactors: SecondFactors })[]> {
  const rows = await db.kysely.selectFrom('users').selectAll().orderBy('name').orderBy('id').execute();
  const factors = await secondFactorsOf(db, rows.map((row) => row.id));
  return rows.map((row) => ({ ...toUserAccount(row), secondFactors: factors.get(row.id)! }));
}

export async function setPassword(db: Db, userId: number, password: string, now: Date): Promise<void> {
  const hash = await hashPassword(password);
  await db.kysely.updateTable('users').set({ password_hash: hash, updated_at: now.toISOString() }).where('id', '=', userId).execute();
}

export interface UserChanges {
  role?: Role | undefined;
  name?: string | undefined;
  suspended?: boolean | undefined;
}

/**
 * Changes an account's role, name (its byline too) or suspension. A suspended account's sessions
 * end at once. The site always keeps one active administrator: the last one cannot be demoted
 * or suspended. Returns the account before and after, or null when there is no such account.
 */
export async function updateUser(db: Db, id: number, changes: UserChanges, now: Date): Promise<{ before: UserAccount; after: UserAccount } | null> {
  const at = now.toISOString();
  const name = changes.name?.trim();
  if (name === '') throw new KiosqueError('invalid_request', { field: 'name', detail: 'is empty' });
  return db.kysely.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const before = toUserAccount(row);
    const losesAdministrator =
      before.role === 'administrator' && !before.suspended && ((changes.role !== undefined && changes.role !== 'administrator') || changes.suspended === true);
    if (losesAdministrator) {
      const others = await trx
        .selectFrom('users')
        .select('id')
        .where('role', '=', 'administrator')
        .where('suspended_at', 'is', null)
        .where('id', '!=', id)
        .limit(1)
        .execute();
      if (others.length === 0) throw new KiosqueError('last_administrator');
    }
    const suspendedAt = changes.suspended === undefined ? row.suspended_at : changes.suspended ? (row.suspended_at ?? at) : null;
    const updated = await trx
      .updateTable('users')
      .set({ role: changes.role ?? row.role, name: name ?? row.name, suspended_at: suspendedAt, updated_at: at })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (name !== undefined) await trx.updateTable('authors').set({ name }).where('id', '=', row.author_id).execute();
    if (suspendedAt !== null) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    return { before, after: toUserAccount(updated) };
  });
}

/**
 * Removes every second factor of the account (TOTP, passkeys, recovery codes) and ends its
 * sessions: for the person who lost their phone, done by someone with access to the server.
 */
export async function resetSecondFactors(db: Db, userId: number, now: Date): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_secret: null, totp_enabled_at: null, updated_at: now.toISOString() }).where('id', '=', userId).execute();
    await trx.deleteFrom('passkeys').where('user_id', '=', userId).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx.deleteFrom('auth_challenges').where('user_id', '=', userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  });
}

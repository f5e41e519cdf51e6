import type { Transaction } from 'kysely';
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

async function createAuthorProfile(trx: Transaction<DatabaseSchema>, name: string, at: string): Promise<number> {
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

export async function countUsers(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
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

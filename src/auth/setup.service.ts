import type { Db } from '../db/db.ts';
import { KiosqueError } from '../errors.ts';
import { digest, newSecret } from './auth.crypto.ts';
import { hasAdministrator, insertUser, prepareNewUser, type UserAccount } from './users.service.ts';

/**
 * The first administrator of an installation. `kiosque serve` makes a one-time link while no
 * account is an administrator (each start replaces the previous link): authors an import brought
 * in, who have no password yet, leave it open. Once an administrator exists, it is closed for good.
 */

const SETUP_PURPOSE = 'setup';
const SETUP_VALID_MS = 24 * 60 * 60 * 1000;

/** A new set-up token while the installation has no administrator, else null. */
export async function prepareSetupToken(db: Db, now: Date): Promise<string | null> {
  if (await hasAdministrator(db.kysely)) {
    await db.kysely.deleteFrom('auth_challenges').where('purpose', '=', SETUP_PURPOSE).execute();
    return null;
  }
  const token = newSecret();
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('auth_challenges').where('purpose', '=', SETUP_PURPOSE).execute();
    await trx
      .insertInto('auth_challenges')
      .values({ id: digest(token), purpose: SETUP_PURPOSE, user_id: null, value: '', expires_at: new Date(now.getTime() + SETUP_VALID_MS).toISOString() })
      .execute();
  });
  return token;
}

/** Whether the link still opens the set-up; 410 `link_expired` once used, replaced, expired, or an administrator exists. */
export async function checkSetupToken(db: Db, token: string, now: Date): Promise<void> {
  const row = await db.kysely
    .selectFrom('auth_challenges')
    .select('id')
    .where('id', '=', digest(token))
    .where('purpose', '=', SETUP_PURPOSE)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!row || (await hasAdministrator(db.kysely))) throw new KiosqueError('link_expired');
}

/**
 * Creates the first administrator. Taking the token and creating the account are one
 * transaction: two people racing with the same link cannot both become administrators, and a
 * refused e-mail address leaves the link usable.
 */
export async function completeSetup(
  db: Db,
  input: { token: string; email: string; name: string; password?: string | undefined },
  now: Date,
): Promise<UserAccount> {
  await checkSetupToken(db, input.token, now);
  const prepared = await prepareNewUser({ email: input.email, name: input.name, role: 'administrator', password: input.password ?? null });
  return db.kysely.transaction().execute(async (trx) => {
    const taken = await trx.deleteFrom('auth_challenges').where('id', '=', digest(input.token)).where('purpose', '=', SETUP_PURPOSE).executeTakeFirst();
    if (Number(taken.numDeletedRows) === 0 || (await hasAdministrator(trx))) throw new KiosqueError('link_expired');
    return insertUser(trx, prepared, now);
  });
}

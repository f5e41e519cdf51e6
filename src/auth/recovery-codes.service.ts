import { randomInt } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { digest } from './auth.crypto.ts';

/**
 * Ten single-use recovery codes, for the day the phone is lost. They are shown once and kept as
 * digests; each has 50 bits of chance, enough for a code that also passes the sign-in throttle.
 */

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: the codes are copied by hand from paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUP = 5;

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < GROUP * 2; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, GROUP)}-${code.slice(GROUP)}`;
}

/** Spaces, dashes and case do not matter when a code is typed back. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** Whether the text looks like a recovery code rather than a TOTP code. */
export function isRecoveryCodeShaped(code: string): boolean {
  return normalizeRecoveryCode(code).length === GROUP * 2;
}

/** Replaces the account's codes with ten new ones and returns them, the only time they are shown. */
export async function regenerateRecoveryCodes(db: Db, userId: number, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx
      .insertInto('recovery_codes')
      .values(codes.map((code) => ({ user_id: userId, code_hash: digest(normalizeRecoveryCode(code)), used_at: null, created_at: now.toISOString() })))
      .execute();
  });
  return codes;
}

/** Uses up one code: true once, false for an unknown or spent code (one statement, so never twice). */
export async function useRecoveryCode(db: Db, userId: number, code: string, now: Date): Promise<boolean> {
  const result = await db.kysely
    .updateTable('recovery_codes')
    .set({ used_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', digest(normalizeRecoveryCode(code)))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteRecoveryCodes(db: Db, userId: number): Promise<void> {
  await db.kysely.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

import type { Db } from '../db/db.ts';
import type { UserRow } from '../db/schema.ts';
import { KiosqueError } from '../errors.ts';
import { recordAudit } from './audit.service.ts';
import { ROLES_REQUIRING_SECOND_FACTOR } from './auth.policy.ts';
import { verifyPassword } from './passwords.service.ts';
import { isRecoveryCodeShaped, useRecoveryCode } from './recovery-codes.service.ts';
import type { SignInMethod } from './sessions.service.ts';
import { clearSignInFailures, recordSignInFailure, secondsToWait, throttleKeys } from './throttle.service.ts';
import { checkTotpCode } from './totp.service.ts';
import { normalizeEmail, secondFactorsOfUser } from './users.service.ts';

/**
 * Password sign-in, in the order that keeps it honest: the throttle first (before any work an
 * attacker could time), then the password (checked against a dummy hash for unknown accounts),
 * then the second factor. Failures of the password or of the code count towards the throttle;
 * being asked for a code does not.
 */

export interface PasswordSignIn {
  email: string;
  password: string;
  /** A TOTP code, or one of the recovery codes. */
  otp?: string | undefined;
  ip: string;
}

export async function signInWithPassword(db: Db, attempt: PasswordSignIn, now: Date): Promise<{ user: UserRow; method: SignInMethod }> {
  const email = normalizeEmail(attempt.email).slice(0, 320);
  const keys = throttleKeys(email, attempt.ip);
  const wait = await secondsToWait(db, [keys.account, keys.address], now);
  if (wait > 0) throw new KiosqueError('too_many_attempts', { seconds: wait });

  const fail = async (reason: string, code: 'invalid_credentials' | 'otp_invalid', user?: UserRow): Promise<never> => {
    await recordSignInFailure(db, [keys.account, keys.address], now);
    await recordAudit(db.kysely, {
      actor: null,
      actorLabel: email,
      action: 'session.sign_in_failed',
      ...(user ? { targetType: 'user', targetId: user.id } : {}),
      ip: attempt.ip,
      details: { reason },
    });
    throw new KiosqueError(code);
  };

  const user = await db.kysely.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const passwordMatches = await verifyPassword(user?.password_hash ?? null, attempt.password);
  if (!user || !passwordMatches) return fail(user ? 'wrong_password' : 'unknown_account', 'invalid_credentials', user);
  if (user.suspended_at !== null) {
    await recordAudit(db.kysely, { actor: null, actorLabel: email, action: 'session.sign_in_failed', targetType: 'user', targetId: user.id, ip: attempt.ip, details: { reason: 'suspended' } });
    throw new KiosqueError('account_suspended');
  }

  const otp = attempt.otp?.trim() ?? '';
  const method = await secondFactor(db, user, otp, now);
  if (method === 'missing') throw new KiosqueError('otp_required');
  if (method === 'passkey') throw new KiosqueError('passkey_required');
  if (method === 'wrong') return fail('wrong_code', 'otp_invalid', user);

  await clearSignInFailures(db, keys.account);
  return { user, method };
}

/** Which second factor the account must show, and whether the code given is one. */
async function secondFactor(db: Db, user: UserRow, otp: string, now: Date): Promise<SignInMethod | 'missing' | 'wrong' | 'passkey'> {
  if (user.totp_secret !== null && user.totp_enabled_at !== null) {
    if (otp === '') return 'missing';
    if (isRecoveryCodeShaped(otp)) return (await useRecoveryCode(db, user.id, otp, now)) ? 'recovery-code' : 'wrong';
    return (await checkTotpCode(db, user.id, user.totp_secret, otp.replace(/\s/g, ''), now)) ? 'password+totp' : 'wrong';
  }
  if (!ROLES_REQUIRING_SECOND_FACTOR.has(user.role)) return 'password';
  const factors = await secondFactorsOfUser(db, user.id);
  if (factors.passkeys === 0) {
    // A new administrator or editor: the session opens for enrolling a second factor only.
    return 'password';
  }
  // Passkeys only: the password alone is not enough, but a recovery code stands in for a lost passkey.
  if (otp !== '' && isRecoveryCodeShaped(otp)) return (await useRecoveryCode(db, user.id, otp, now)) ? 'recovery-code' : 'wrong';
  return 'passkey';
}

import { generateSecret, generateURI, verify } from 'otplib';
import type { Db } from '../db/db.ts';
import { KiosqueError } from '../errors.ts';

/**
 * TOTP second factor (RFC 6238: 6 digits, 30 s, SHA-1, what every authenticator app reads).
 * A code is accepted one period early or late for clocks that drift, and only once: the last
 * time step used is remembered, so a code seen over a shoulder cannot be replayed.
 */

const PERIOD_SECONDS = 30;
/** One period either side. */
const TOLERANCE_SECONDS = 30;
const ENROLMENT_MINUTES = 15;
/** Padded so that the database compares steps as text the way it would as numbers. */
const STEP_WIDTH = 14;

export const TOTP_CODE = /^\d{6}$/;

function enrolmentId(userId: number): string {
  return `totp-enrolment:${userId}`;
}

function lastStepId(userId: number): string {
  return `totp-step:${userId}`;
}

/** Starts (or restarts) an enrolment: a new secret, kept aside until a code from it is confirmed. */
export async function startTotpEnrolment(db: Db, user: { id: number; email: string }, issuer: string, now: Date): Promise<{ secret: string; otpauthUrl: string }> {
  const secret = generateSecret();
  const id = enrolmentId(user.id);
  const expiresAt = new Date(now.getTime() + ENROLMENT_MINUTES * 60_000).toISOString();
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('auth_challenges').where('id', '=', id).execute();
    await trx.insertInto('auth_challenges').values({ id, purpose: 'totp-enrolment', user_id: user.id, value: secret, expires_at: expiresAt }).execute();
  });
  return { secret, otpauthUrl: generateURI({ issuer, label: user.email, secret }) };
}

/** Confirms the pending enrolment with a code from the app; the secret then protects the account. */
export async function confirmTotpEnrolment(db: Db, userId: number, code: string, now: Date): Promise<void> {
  const pending = await db.kysely
    .selectFrom('auth_challenges')
    .select('value')
    .where('id', '=', enrolmentId(userId))
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (!pending || !(await checkTotpCode(db, userId, pending.value, code, now))) throw new KiosqueError('otp_invalid');
  await db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_secret: pending.value, totp_enabled_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', userId).execute();
    await trx.deleteFrom('auth_challenges').where('id', '=', enrolmentId(userId)).execute();
  });
}

/** Enables TOTP with a known secret at once (the shell and test factories, which have no app to confirm with). */
export async function enableTotp(db: Db, userId: number, secret: string, now: Date): Promise<void> {
  await db.kysely.updateTable('users').set({ totp_secret: secret, totp_enabled_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', userId).execute();
}

export async function disableTotp(db: Db, userId: number, now: Date): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ totp_secret: null, totp_enabled_at: null, updated_at: now.toISOString() }).where('id', '=', userId).execute();
    await trx.deleteFrom('auth_challenges').where('user_id', '=', userId).where('purpose', 'in', ['totp-enrolment', 'totp-step']).execute();
  });
}

/**
 * Whether the code is the account's current one and was not used before. A valid code claims its
 * time step in one statement, so two requests racing with the same code cannot both pass.
 */
export async function checkTotpCode(db: Db, userId: number, secret: string, code: string, now: Date): Promise<boolean> {
  if (!TOTP_CODE.test(code)) return false;
  const last = await db.kysely.selectFrom('auth_challenges').select('value').where('id', '=', lastStepId(userId)).executeTakeFirst();
  const afterTimeStep = last ? Number(last.value) : undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterTimeStep !== undefined ? { afterTimeStep } : {}),
  }).catch(() => ({ valid: false as const }));
  // The TOTP result carries the time step matched (the HOTP one, which shares the type, does not).
  if (!result.valid || !('timeStep' in result)) return false;
  const step = String(result.timeStep).padStart(STEP_WIDTH, '0');
  // Kept while a code of that step could still be accepted; a later step replaces it.
  const expiresAt = new Date((result.timeStep + 2) * PERIOD_SECONDS * 1000 + TOLERANCE_SECONDS * 1000).toISOString();
  const claimed = await db.kysely
    .insertInto('auth_challenges')
    .values({ id: lastStepId(userId), purpose: 'totp-step', user_id: userId, value: step, expires_at: expiresAt })
    .onConflict((oc) => oc.column('id').doUpdateSet({ value: step, expires_at: expiresAt }).where('auth_challenges.value', '<', step))
    .executeTakeFirst();
  return Number(claimed.numInsertedOrUpdatedRows ?? 0) > 0;
}

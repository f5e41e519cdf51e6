import { createHash } from 'node:crypto';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
  WebAuthnCredential,
} from '@simplewebauthn/server';
import type { Db } from '../db/db.ts';
import type { UserRow } from '../db/schema.ts';
import { KiosqueError } from '../errors.ts';
import { recordAudit } from './audit.service.ts';
import { newSecret } from './auth.crypto.ts';
import { ROLES_REQUIRING_SECOND_FACTOR } from './auth.policy.ts';
import type { PasskeyView } from './passkeys.schemas.ts';
import { recordSignInFailure, secondsToWait, throttleKeys } from './throttle.service.ts';

/**
 * The WebAuthn library, loaded by the first passkey ceremony rather than at start: a server that
 * only serves pages never needs it, and it adds several MB and tens of ms to every start.
 */
const webauthn = () => import('@simplewebauthn/server');
const base64url = async () => (await import('@simplewebauthn/server/helpers')).isoBase64URL;

/**
 * Passkeys (WebAuthn, through @simplewebauthn/server): adding one to an account, and signing in
 * with one. A passkey is both factors at once (the device, and the fingerprint or PIN that
 * unlocks it), so user verification is demanded when it is verified, and a passkey sign-in
 * satisfies the second factor that administrators and editors owe.
 *
 * Challenges live in `auth_challenges`, so that any instance can finish a ceremony another
 * began; each is taken (deleted) before its answer is checked, so it serves once, even to a failure.
 */

/** The site as authenticators know it: passkeys are bound to its host name and checked against its origin. */
export interface RelyingParty {
  /** The host name, without port (WebAuthn's RP ID). */
  id: string;
  /** Shown by the authenticator: the site's title. */
  name: string;
  /** Protocol, host and port the browser must report, e.g. `https://blog.exemple.fr`. */
  origin: string;
}

/** How long a person has to answer their authenticator. */
const CEREMONY_MS = 5 * 60_000;
const REGISTRATION = 'passkey-registration';
const SIGN_IN = 'passkey-sign-in';
/** Sign-in challenges one address may hold at once: a person needs one, a few tabs a few more. */
const OPEN_SIGN_INS_PER_ADDRESS = 10;

/** One registration at a time per account: a new request replaces the one before, so the table stays bounded. */
function registrationChallengeId(userId: number): string {
  return `${REGISTRATION}:${userId}`;
}

/**
 * The user handle authenticators file the account's passkeys under: opaque (no address in it)
 * and stable. The creation date is part of it because ids start again at 1 on a new installation,
 * and an authenticator keeps a single passkey per site and handle.
 */
function userHandleOf(user: Pick<UserRow, 'id' | 'created_at'>): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(`kiosque-account:${user.id}:${user.created_at}`).digest());
}

function transportsOf(row: { transports: string }): string[] {
  try {
    const parsed: unknown = JSON.parse(row.transports);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function presentPasskey(row: { id: string; name: string; transports: string; created_at: string; last_used_at: string | null }): PasskeyView {
  return { id: row.id, name: row.name, transports: transportsOf(row), createdAt: row.created_at, lastUsedAt: row.last_used_at };
}

/** The account's passkeys, oldest first. */
export async function listPasskeys(db: Db, userId: number): Promise<PasskeyView[]> {
  const rows = await db.kysely.selectFrom('passkeys').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
  return rows.map(presentPasskey);
}

/**
 * The options for `navigator.credentials.create()`: a discoverable credential (the person signs
 * in without typing their address), never a second one on a device that already has one.
 */
export async function startPasskeyRegistration(
  db: Db,
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'created_at'>,
  rp: RelyingParty,
  now: Date,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db.kysely.selectFrom('passkeys').select(['id', 'transports']).where('user_id', '=', user.id).execute();
  const options = await (await webauthn()).generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: user.email,
    userID: userHandleOf(user),
    userDisplayName: user.name,
    timeout: CEREMONY_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((row) => ({ id: row.id, transports: transportsOf(row) })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
  const id = registrationChallengeId(user.id);
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom('auth_challenges').where('id', '=', id).execute();
    await trx
      .insertInto('auth_challenges')
      .values({ id, purpose: REGISTRATION, user_id: user.id, value: options.challenge, expires_at: new Date(now.getTime() + CEREMONY_MS).toISOString() })
      .execute();
  });
  return options;
}

const NO_REGISTRATION_PENDING = 'answers no passkey request in progress (a request lasts five minutes): start again';

/** Verifies the authenticator's answer to the account's pending request and keeps the new passkey. */
export async function addPasskey(db: Db, userId: number, input: { name: string; response: RegistrationResponseJSON }, rp: RelyingParty, now: Date): Promise<PasskeyView> {
  const name = input.name.trim();
  if (name === '') throw new KiosqueError('invalid_request', { field: 'name', detail: 'is empty' });
  const pending = await db.kysely
    .deleteFrom('auth_challenges')
    .where('id', '=', registrationChallengeId(userId))
    .where('purpose', '=', REGISTRATION)
    .returning(['value', 'expires_at'])
    .executeTakeFirst();
  if (!pending || pending.expires_at <= now.toISOString()) throw new KiosqueError('invalid_request', { field: 'response', detail: NO_REGISTRATION_PENDING });

  const refused = (cause?: unknown) => new KiosqueError('invalid_request', { field: 'response', detail: 'is not a valid passkey registration for this site' }, { cause });
  const verification = await (await webauthn()).verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: pending.value,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
  }).catch((error: unknown) => {
    throw refused(error);
  });
  if (!verification.verified) throw refused();

  const { credential } = verification.registrationInfo;
  const row = {
    id: credential.id,
    user_id: userId,
    name,
    public_key: (await base64url()).fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: JSON.stringify(credential.transports ?? []),
    created_at: now.toISOString(),
    last_used_at: null,
  };
  const inserted = await db.kysely
    .insertInto('passkeys')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new KiosqueError('conflict', { detail: 'This passkey is registered already' });
  return presentPasskey(row);
}

/**
 * Removes one of the account's passkeys; null when it has no such passkey. The last second factor
 * of a role that must have one stays (403 `second_factor_required`); without any second factor
 * left, the recovery codes go too, as they would stand in for nothing.
 */
export async function removePasskey(db: Db, userId: number, passkeyId: string, now: Date): Promise<PasskeyView | null> {
  return db.kysely.transaction().execute(async (trx) => {
    // Writing the account's row first makes two removals racing for its last factors take turns
    // (PostgreSQL locks the row until commit; SQLite has one writer anyway).
    const user = await trx
      .updateTable('users')
      .set({ updated_at: now.toISOString() })
      .where('id', '=', userId)
      .returning(['role', 'totp_enabled_at'])
      .executeTakeFirst();
    const passkey = await trx.selectFrom('passkeys').selectAll().where('id', '=', passkeyId).where('user_id', '=', userId).executeTakeFirst();
    if (!user || !passkey) return null;
    const others = await trx.selectFrom('passkeys').select('id').where('user_id', '=', userId).where('id', '!=', passkeyId).limit(1).execute();
    const lastFactor = user.totp_enabled_at === null && others.length === 0;
    if (lastFactor && ROLES_REQUIRING_SECOND_FACTOR.has(user.role)) throw new KiosqueError('second_factor_required');
    await trx.deleteFrom('passkeys').where('id', '=', passkeyId).execute();
    if (lastFactor) await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    return presentPasskey(passkey);
  });
}

/** Sign-in failures count on the same address counter as password sign-ins; a passkey names no account up front. */
function addressKeyOf(ip: string): string {
  return throttleKeys('', ip).address;
}

/**
 * The options for `navigator.credentials.get()`: no list of credentials (the authenticator offers
 * the passkeys it holds for the site), and the id of the stored challenge to send back.
 */
export async function startPasskeySignIn(db: Db, rp: RelyingParty, ip: string, now: Date): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const address = addressKeyOf(ip);
  const wait = await secondsToWait(db, [address], now);
  if (wait > 0) throw new KiosqueError('too_many_attempts', { seconds: wait });
  const options = await (await webauthn()).generateAuthenticationOptions({ rpID: rp.id, allowCredentials: [], userVerification: 'required', timeout: CEREMONY_MS });
  const challengeId = newSecret();
  const held = await db.kysely.transaction().execute(async (trx) => {
    // Anyone may ask for a challenge: the abandoned ones are swept as new ones are made.
    await trx.deleteFrom('auth_challenges').where('purpose', '=', SIGN_IN).where('expires_at', '<=', now.toISOString()).execute();
    const open = await trx
      .selectFrom('auth_challenges')
      .select('expires_at')
      .where('purpose', '=', SIGN_IN)
      .where('address', '=', address)
      .orderBy('expires_at')
      .execute();
    // Until the oldest expires: one address cannot fill the table for everyone.
    if (open.length >= OPEN_SIGN_INS_PER_ADDRESS) return Math.max(1, Math.ceil((Date.parse(open[0]!.expires_at) - now.getTime()) / 1000));
    await trx
      .insertInto('auth_challenges')
      .values({ id: challengeId, purpose: SIGN_IN, user_id: null, value: options.challenge, expires_at: new Date(now.getTime() + CEREMONY_MS).toISOString(), address })
      .execute();
    return 0;
  });
  if (held > 0) throw new KiosqueError('too_many_attempts', { seconds: held });
  return { challengeId, options };
}

export interface PasskeySignIn {
  challengeId: string;
  response: AuthenticationResponseJSON;
  ip: string;
}

/**
 * Checks an assertion: the challenge (taken, so it serves once), the passkey (found by the
 * response's credential id), the signature with user verification, and the signature counter
 * (a counter that does not move forward betrays a cloned authenticator). Every failure answers
 * 401 `passkey_rejected`, is audited and counts towards the address's throttle. Returns the
 * account to open a session for.
 */
export async function signInWithPasskey(db: Db, attempt: PasskeySignIn, rp: RelyingParty, now: Date): Promise<UserRow> {
  const address = addressKeyOf(attempt.ip);
  const wait = await secondsToWait(db, [address], now);
  if (wait > 0) throw new KiosqueError('too_many_attempts', { seconds: wait });

  const fail = async (reason: string, user?: UserRow, error?: unknown): Promise<never> => {
    await recordSignInFailure(db, [address], now);
    await recordAudit(db.kysely, {
      actor: null,
      actorLabel: user?.email ?? 'passkey',
      action: 'session.sign_in_failed',
      ...(user ? { targetType: 'user', targetId: user.id } : {}),
      ip: attempt.ip,
      details: { method: 'passkey', reason, ...(error instanceof Error ? { error: error.message.slice(0, 200) } : {}) },
    });
    throw new KiosqueError('passkey_rejected');
  };

  const challenge = await db.kysely
    .deleteFrom('auth_challenges')
    .where('id', '=', attempt.challengeId)
    .where('purpose', '=', SIGN_IN)
    .returning(['value', 'expires_at'])
    .executeTakeFirst();
  if (!challenge) return fail('unknown_challenge');
  if (challenge.expires_at <= now.toISOString()) return fail('expired_challenge');

  const passkey = await db.kysely.selectFrom('passkeys').selectAll().where('id', '=', attempt.response.id).executeTakeFirst();
  if (!passkey) return fail('unknown_passkey');
  const user = await db.kysely.selectFrom('users').selectAll().where('id', '=', passkey.user_id).executeTakeFirstOrThrow();
  const userHandle = attempt.response.response.userHandle;
  const encoding = await base64url();
  if (userHandle !== undefined && userHandle !== encoding.fromBuffer(userHandleOf(user))) return fail('wrong_user_handle', user);

  const credential: WebAuthnCredential = {
    id: passkey.id,
    publicKey: encoding.toBuffer(passkey.public_key),
    counter: Number(passkey.counter),
    transports: transportsOf(passkey),
  };
  let newCounter: number;
  try {
    const verification = await (await webauthn()).verifyAuthenticationResponse({
      response: attempt.response,
      expectedChallenge: challenge.value,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential,
      requireUserVerification: true,
    });
    if (!verification.verified) return fail('wrong_signature', user);
    newCounter = verification.authenticationInfo.newCounter;
  } catch (error) {
    return fail('invalid_assertion', user, error);
  }
  // Only from the counter just checked: of two assertions racing with one counter value, one passes.
  const updated = await db.kysely
    .updateTable('passkeys')
    .set({ counter: newCounter, last_used_at: now.toISOString() })
    .where('id', '=', passkey.id)
    .where('counter', '=', credential.counter)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return fail('counter_raced', user);

  if (user.suspended_at !== null) {
    await recordAudit(db.kysely, {
      actor: null,
      actorLabel: user.email,
      action: 'session.sign_in_failed',
      targetType: 'user',
      targetId: user.id,
      ip: attempt.ip,
      details: { method: 'passkey', reason: 'suspended' },
    });
    throw new KiosqueError('account_suspended');
  }
  return user;
}

import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { generate, generateSecret } from 'otplib';
import type { Kiosque } from '../../src/app.ts';
import { ROLES_REQUIRING_SECOND_FACTOR } from '../../src/auth/auth.policy.ts';
import { regenerateRecoveryCodes } from '../../src/auth/recovery-codes.service.ts';
import { SESSION_COOKIE } from '../../src/auth/sessions.service.ts';
import { createApiToken } from '../../src/auth/tokens.service.ts';
import { enableTotp } from '../../src/auth/totp.service.ts';
import { createUser } from '../../src/auth/users.service.ts';
import type { Role } from '../../src/db/schema.ts';

/**
 * Staff accounts for tests, made through the auth services, and sign-in through the real route.
 * Administrators and editors get TOTP by default, as their role demands; `signIn` then types the
 * current code for them, as the person would from their app.
 */

export interface StaffOptions {
  role: Role;
  email?: string;
  name?: string;
  password?: string;
  /** Default: true for the roles that must have a second factor. */
  totp?: boolean;
}

export interface Staff {
  userId: number;
  authorId: number;
  email: string;
  password: string;
  totpSecret?: string;
  /** The ten recovery codes, when TOTP is enrolled. */
  recoveryCodes?: string[];
  /** An API bearer token with the account's role. */
  token: string;
}

/** What the person's phone knows: the secret, and the codes already typed (a code works only once). */
const authenticators = new Map<string, { secret: string; lastStep: number; recoveryCodes: string[] }>();
let counter = 0;

export async function createStaff(kiosque: Kiosque, options: StaffOptions): Promise<Staff> {
  counter++;
  const suffix = `${counter}-${randomBytes(3).toString('hex')}`;
  const email = (options.email ?? `${options.role}-${suffix}@redaction.test`).toLowerCase();
  const name = options.name ?? `${options.role[0]!.toUpperCase()}${options.role.slice(1)} ${suffix}`;
  const password = options.password ?? `phrase de passe ${suffix}`;
  const now = new Date();
  const user = await createUser(kiosque.db, { email, name, role: options.role, password }, now);
  const staff: Staff = { userId: user.id, authorId: user.authorId, email: user.email, password, token: '' };
  if (options.totp ?? ROLES_REQUIRING_SECOND_FACTOR.has(options.role)) {
    staff.totpSecret = generateSecret();
    await enableTotp(kiosque.db, user.id, staff.totpSecret, now);
    staff.recoveryCodes = await regenerateRecoveryCodes(kiosque.db, user.id, now);
    authenticators.set(user.email, { secret: staff.totpSecret, lastStep: 0, recoveryCodes: [...staff.recoveryCodes] });
  }
  staff.token = (await createApiToken(kiosque.db, { name: `tests ${user.email}`, role: options.role, userId: user.id }, now)).token;
  return staff;
}

/**
 * The code the person would type now: the current TOTP code, or the next period's (accepted too)
 * when the current one was used already, then the recovery codes.
 */
export async function currentCode(email: string): Promise<string | undefined> {
  const phone = authenticators.get(email.toLowerCase());
  if (!phone) return undefined;
  const step = Math.floor(Date.now() / 30_000);
  const next = Math.max(step, phone.lastStep + 1);
  if (next <= step + 1) {
    phone.lastStep = next;
    return generate({ secret: phone.secret, epoch: next * 30 });
  }
  return phone.recoveryCodes.shift();
}

export interface SignedIn {
  /** The value for a `cookie` request header. */
  cookie: string;
  csrfToken: string;
}

/** Signs in through `POST /api/admin/v1/session`; throws with the answer when it is not a 200. */
export async function signIn(app: FastifyInstance, credentials: { email: string; password: string; otp?: string }): Promise<SignedIn> {
  const otp = credentials.otp ?? (await currentCode(credentials.email));
  const response = await app.inject({
    method: 'POST',
    url: '/api/admin/v1/session',
    payload: { email: credentials.email, password: credentials.password, ...(otp !== undefined ? { otp } : {}) },
  });
  if (response.statusCode !== 200) throw new Error(`Sign-in of ${credentials.email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`Sign-in of ${credentials.email} set no ${SESSION_COOKIE} cookie`);
  const body = response.json<{ csrfToken: string }>();
  return { cookie: `${SESSION_COOKIE}=${cookie.value}`, csrfToken: body.csrfToken };
}

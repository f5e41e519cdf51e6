import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KiosqueError } from '../errors.ts';
import '../http/route-docs.ts';
import { recordAudit } from './audit.service.ts';
import { clearSessionCookie, requireActor } from './auth.hooks.ts';
import { ROLES_REQUIRING_SECOND_FACTOR, type Actor } from './auth.policy.ts';
import type { AuthRouteDeps } from './auth.routes.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from './passwords.service.ts';
import { deleteRecoveryCodes, regenerateRecoveryCodes } from './recovery-codes.service.ts';
import { listSessions, revokeAllSessions, revokeSession, upgradeSession } from './sessions.service.ts';
import { confirmTotpEnrolment, disableTotp, startTotpEnrolment } from './totp.service.ts';
import { findUserById, secondFactorsOfUser, setPassword } from './users.service.ts';

/** A password chosen by a person: long enough to resist guessing, short enough to hash quickly. */
export const NewPassword = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });

const TotpEnrolmentSchema = Type.Object({
  secret: Type.String({ description: 'Base32, for apps that cannot scan the QR code' }),
  otpauthUrl: Type.String({ description: 'otpauth://totp/… for the QR code' }),
});
const ConfirmBody = Type.Object({ code: Type.String({ minLength: 6, maxLength: 12 }) }, { additionalProperties: false });
const RecoveryCodesSchema = Type.Object({ recoveryCodes: Type.Array(Type.String(), { description: 'Shown this once only' }) });
const PasswordBody = Type.Object(
  { currentPassword: Type.Optional(Type.String({ maxLength: 1024, description: 'Required when the account has a password' })), password: NewPassword },
  { additionalProperties: false },
);
const SessionSchema = Type.Object({
  id: Type.String(),
  current: Type.Boolean(),
  method: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
});
const SessionParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{64}$' }) }, { additionalProperties: false });

/** The person at the keyboard: an API token does not manage the account's password, factors or sessions. */
function accountHolder(request: FastifyRequest): Actor {
  const actor = requireActor(request, { allowSecondFactorPending: true });
  if (actor.via !== 'session') throw new KiosqueError('forbidden');
  return actor;
}

/**
 * "My account": second factors, password and open sessions. These routes stay open to a session
 * that still owes its role's second factor, since they are how it gets one.
 */
export async function accountRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const { db } = deps;
  const tags = ['account'];

  app.post('/account/totp', {
    schema: { tags, summary: 'Start setting up an authenticator app: a new secret, confirmed by a code before it counts', response: { 200: TotpEnrolmentSchema } },
    handler: async (request) => {
      const actor = accountHolder(request);
      return startTotpEnrolment(db, { id: actor.userId, email: actor.label }, deps.settings.current.title, deps.now());
    },
  });

  app.post<{ Body: Static<typeof ConfirmBody> }>('/account/totp/confirm', {
    schema: { tags, summary: 'Confirm the authenticator app with its current code; answers the ten recovery codes', body: ConfirmBody, response: { 200: RecoveryCodesSchema } },
    handler: async (request) => {
      const actor = accountHolder(request);
      const now = deps.now();
      await confirmTotpEnrolment(db, actor.userId, request.body.code.replace(/\s/g, ''), now);
      const recoveryCodes = await regenerateRecoveryCodes(db, actor.userId, now);
      // The code just typed proves the second factor for this session too.
      if (request.adminSession) await upgradeSession(db, request.adminSession.id, 'password+totp');
      await recordAudit(db.kysely, { actor, action: 'account.totp_enable', targetType: 'user', targetId: actor.userId, ip: request.ip });
      return { recoveryCodes };
    },
  });

  app.delete('/account/totp', {
    schema: { tags, summary: 'Turn the authenticator app off (refused when it is the only second factor of a role that needs one)' },
    handler: async (request, reply) => {
      const actor = accountHolder(request);
      const factors = await secondFactorsOfUser(db, actor.userId);
      if (ROLES_REQUIRING_SECOND_FACTOR.has(actor.role) && factors.passkeys === 0) throw new KiosqueError('second_factor_required');
      await disableTotp(db, actor.userId, deps.now());
      // Recovery codes stand in for a second factor: without any left, they would stand in for nothing.
      if (factors.passkeys === 0) await deleteRecoveryCodes(db, actor.userId);
      await recordAudit(db.kysely, { actor, action: 'account.totp_disable', targetType: 'user', targetId: actor.userId, ip: request.ip });
      return reply.code(204).send();
    },
  });

  app.post('/account/recovery-codes', {
    schema: { tags, summary: 'Replace the recovery codes with ten new ones (the old ones stop working)', response: { 200: RecoveryCodesSchema } },
    handler: async (request) => {
      const actor = accountHolder(request);
      const recoveryCodes = await regenerateRecoveryCodes(db, actor.userId, deps.now());
      await recordAudit(db.kysely, { actor, action: 'account.recovery_codes_renew', targetType: 'user', targetId: actor.userId, ip: request.ip });
      return { recoveryCodes };
    },
  });

  app.put<{ Body: Static<typeof PasswordBody> }>('/account/password', {
    schema: { tags, summary: 'Change (or set) one’s password; other sessions are signed out', body: PasswordBody },
    handler: async (request, reply) => {
      const actor = accountHolder(request);
      const user = await findUserById(db, actor.userId);
      if (!user) throw new KiosqueError('unauthenticated');
      if (user.password_hash !== null && !(await verifyPassword(user.password_hash, request.body.currentPassword ?? ''))) {
        throw new KiosqueError('invalid_credentials', { field: 'currentPassword' });
      }
      await setPassword(db, user.id, request.body.password, deps.now());
      await revokeAllSessions(db, user.id, request.adminSession?.id);
      await recordAudit(db.kysely, { actor, action: 'account.password_change', targetType: 'user', targetId: user.id, ip: request.ip });
      return reply.code(204).send();
    },
  });

  app.get('/account/sessions', {
    schema: { tags, summary: 'One’s open sessions, most recently used first', response: { 200: Type.Object({ sessions: Type.Array(SessionSchema) }) } },
    handler: async (request) => {
      const actor = accountHolder(request);
      return { sessions: await listSessions(db, actor.userId, request.adminSession?.id ?? null, deps.now()) };
    },
  });

  app.delete('/account/sessions', {
    schema: { tags, summary: 'Sign out everywhere, this browser included' },
    handler: async (request, reply) => {
      const actor = accountHolder(request);
      const count = await revokeAllSessions(db, actor.userId);
      await recordAudit(db.kysely, { actor, action: 'session.sign_out_everywhere', targetType: 'user', targetId: actor.userId, ip: request.ip, details: { sessions: count } });
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  });

  app.delete<{ Params: Static<typeof SessionParams> }>('/account/sessions/:id', {
    schema: { tags, summary: 'End one of one’s sessions (another device)', params: SessionParams },
    handler: async (request, reply) => {
      const actor = accountHolder(request);
      if (!(await revokeSession(db, actor.userId, request.params.id))) throw new KiosqueError('not_found', { what: 'session' });
      await recordAudit(db.kysely, { actor, action: 'session.revoke', targetType: 'user', targetId: actor.userId, ip: request.ip });
      if (request.params.id === request.adminSession?.id) clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  });
}

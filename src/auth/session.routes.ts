import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserRow } from '../db/schema.ts';
import '../http/route-docs.ts';
import { recordAudit } from './audit.service.ts';
import { clearSessionCookie, requireActor, setSessionCookie } from './auth.hooks.ts';
import { presentSessionUser, SessionAnswerSchema, type SessionAnswer } from './auth.presenters.ts';
import type { AuthRouteDeps } from './auth.routes.ts';
import { signInWithPassword } from './sign-in.service.ts';
import { createSession, deleteExpiredSessions, isSecondFactorPending, revokeSession, type SignInMethod } from './sessions.service.ts';
import { findUserById, secondFactorsOfUser } from './users.service.ts';

const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    otp: Type.Optional(Type.String({ maxLength: 64, description: 'The 6-digit code of the authenticator app, or a recovery code' })),
  },
  { additionalProperties: false },
);

/**
 * Opens a session for someone who just proved who they are (password, passkey, set-up or
 * invitation link): the cookie, the audit entry, and the answer of `POST /session`.
 */
export async function openSession(deps: AuthRouteDeps, request: FastifyRequest, reply: FastifyReply, user: UserRow, method: SignInMethod): Promise<SessionAnswer> {
  const now = deps.now();
  const session = await createSession(deps.db, { userId: user.id, method, ip: request.ip, userAgent: request.headers['user-agent'] }, now);
  setSessionCookie(request, reply, session.secret, session.expiresAt);
  await deps.db.kysely.updateTable('users').set({ last_sign_in_at: now.toISOString() }).where('id', '=', user.id).execute();
  await recordAudit(deps.db.kysely, {
    actor: { userId: user.id, authorId: user.author_id, role: user.role, label: user.email, via: 'session' },
    action: 'session.sign_in',
    targetType: 'user',
    targetId: user.id,
    ip: request.ip,
    details: { method },
  });
  await deleteExpiredSessions(deps.db, now);
  return {
    user: presentSessionUser({ ...user, authorId: user.author_id }, await secondFactorsOfUser(deps.db, user.id)),
    csrfToken: session.csrfToken,
    secondFactorPending: isSecondFactorPending(user.role, method),
  };
}

export async function sessionRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const { db } = deps;

  app.post<{ Body: Static<typeof SignInBody> }>('/session', {
    schema: {
      tags: ['session'],
      summary: 'Sign in with an e-mail address, a password and, when the account has one, a TOTP or recovery code',
      description:
        '401 `invalid_credentials` for a wrong password or an unknown address (the same answer); 401 `otp_required` when a code is due; 401 `passkey_required` for an account that signs in with passkeys; 429 `too_many_attempts` with Retry-After.',
      body: SignInBody,
      response: { 200: SessionAnswerSchema },
    },
    handler: async (request, reply) => {
      const { user, method } = await signInWithPassword(db, { ...request.body, ip: request.ip }, deps.now());
      return openSession(deps, request, reply, user, method);
    },
  });

  app.get('/session', {
    schema: { tags: ['session'], summary: 'The signed-in account, its CSRF token, and whether a second factor is still to be enrolled', response: { 200: SessionAnswerSchema } },
    handler: async (request) => {
      const actor = requireActor(request, { allowSecondFactorPending: true });
      const user = await findUserById(db, actor.userId);
      if (!user) throw new Error(`The account ${actor.userId} of a live session is missing`);
      return {
        user: presentSessionUser({ ...user, role: actor.role, authorId: user.author_id }, await secondFactorsOfUser(db, user.id)),
        csrfToken: request.adminSession?.csrfToken ?? null,
        secondFactorPending: request.adminSession?.secondFactorPending ?? false,
      };
    },
  });

  app.delete('/session', {
    schema: { tags: ['session'], summary: 'Sign out (ends this session)' },
    handler: async (request, reply) => {
      const actor = requireActor(request, { allowSecondFactorPending: true });
      if (request.adminSession) {
        await revokeSession(db, actor.userId, request.adminSession.id);
        await recordAudit(db.kysely, { actor, action: 'session.sign_out', targetType: 'user', targetId: actor.userId, ip: request.ip });
      }
      clearSessionCookie(request, reply);
      return reply.code(204).send();
    },
  });
}

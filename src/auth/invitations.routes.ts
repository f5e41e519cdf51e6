import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { KiosqueError } from '../errors.ts';
import '../http/route-docs.ts';
import { NewPassword } from './account.routes.ts';
import { recordAudit } from './audit.service.ts';
import { authorize } from './auth.hooks.ts';
import { assignableRoles } from './auth.policy.ts';
import { RoleSchema, SessionAnswerSchema } from './auth.presenters.ts';
import type { AuthRouteDeps } from './auth.routes.ts';
import { acceptInvitation, createInvitation, findInvitation, invitationUrl, listInvitations, revokeInvitation } from './invitations.service.ts';
import { openSession } from './session.routes.ts';
import { findUserById } from './users.service.ts';

const InvitationBody = Type.Object({ email: Type.String({ minLength: 3, maxLength: 320 }), role: RoleSchema }, { additionalProperties: false });
const InvitationParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
const AcceptBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), password: Type.Optional(NewPassword) }, { additionalProperties: false });
const InvitationSchema = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  role: RoleSchema,
  invitedBy: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

/** Inviting staff (administrators) and joining by the link (anyone holding it). */
export async function invitationsRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const { db } = deps;
  const tags = ['invitations'];

  app.post<{ Body: Static<typeof InvitationBody> }>('/invitations', {
    schema: {
      tags,
      summary: 'Invite someone to a role: a single-use link valid 7 days, to send them',
      body: InvitationBody,
      response: { 201: Type.Object({ id: Type.Integer(), url: Type.String(), expiresAt: Type.String({ format: 'date-time' }) }) },
    },
    handler: async (request, reply) => {
      const actor = authorize(request, 'user.manage');
      if (!assignableRoles(actor).includes(request.body.role)) throw new KiosqueError('forbidden');
      const invitation = await createInvitation(db, { ...request.body, invitedBy: actor.userId }, deps.now());
      await recordAudit(db.kysely, {
        actor,
        action: 'invitation.create',
        targetType: 'invitation',
        targetId: invitation.id,
        ip: request.ip,
        details: { email: request.body.email.trim().toLowerCase(), role: request.body.role },
      });
      return reply.code(201).send({ id: invitation.id, url: invitationUrl(deps.siteUrl(), invitation.token), expiresAt: invitation.expiresAt });
    },
  });

  app.get('/invitations', {
    schema: { tags, summary: 'Invitations still pending', response: { 200: Type.Object({ invitations: Type.Array(InvitationSchema) }) } },
    handler: async (request) => {
      authorize(request, 'user.manage');
      return { invitations: await listInvitations(db, deps.now()) };
    },
  });

  app.delete<{ Params: Static<typeof InvitationParams> }>('/invitations/:id', {
    schema: { tags, summary: 'Withdraw a pending invitation: its link stops working', params: InvitationParams },
    handler: async (request, reply) => {
      const actor = authorize(request, 'user.manage');
      const withdrawn = await revokeInvitation(db, request.params.id, deps.now());
      if (!withdrawn) throw new KiosqueError('not_found', { what: `invitation ${request.params.id}` });
      await recordAudit(db.kysely, { actor, action: 'invitation.revoke', targetType: 'invitation', targetId: request.params.id, ip: request.ip, details: withdrawn });
      return reply.code(204).send();
    },
  });

  app.get<{ Params: Static<typeof TokenParams> }>('/invitations/:token', {
    schema: {
      tags,
      summary: 'What an invitation link offers (for the page that accepts it); 410 once used, withdrawn or expired',
      params: TokenParams,
      response: { 200: Type.Object({ email: Type.String(), role: RoleSchema }) },
    },
    handler: async (request) => {
      const { email, role } = await findInvitation(db, request.params.token, deps.now());
      return { email, role };
    },
  });

  app.post<{ Params: Static<typeof TokenParams>; Body: Static<typeof AcceptBody> }>('/invitations/:token/accept', {
    schema: {
      tags,
      summary: 'Accept an invitation: the account is created with the invited role and signed in',
      description: 'Without a password, the person enrols a passkey in the session this opens.',
      params: TokenParams,
      body: AcceptBody,
      response: { 201: SessionAnswerSchema },
    },
    handler: async (request, reply) => {
      const account = await acceptInvitation(db, request.params.token, request.body, deps.now());
      await recordAudit(db.kysely, {
        actor: null,
        actorLabel: account.email,
        action: 'user.create',
        targetType: 'user',
        targetId: account.id,
        ip: request.ip,
        details: { role: account.role, via: 'invitation' },
      });
      const user = (await findUserById(db, account.id))!;
      return reply.code(201).send(await openSession(deps, request, reply, user, 'invitation'));
    },
  });
}

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { KiosqueError } from '../errors.ts';
import '../http/route-docs.ts';
import { recordAudit } from './audit.service.ts';
import { authorize } from './auth.hooks.ts';
import { presentUser, RoleSchema, UserSchema } from './auth.presenters.ts';
import type { AuthRouteDeps } from './auth.routes.ts';
import { listUsers, secondFactorsOfUser, updateUser } from './users.service.ts';

const UserParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const UserChangesBody = Type.Object(
  { role: Type.Optional(RoleSchema), name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), suspended: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);

/** The staff list and the changes an administrator makes to an account. */
export async function usersRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const { db } = deps;
  const tags = ['users'];

  app.get('/users', {
    schema: { tags, summary: 'Every staff account, by name, with its second factors', response: { 200: Type.Object({ users: Type.Array(UserSchema) }) } },
    handler: async (request) => {
      authorize(request, 'user.manage');
      return { users: (await listUsers(db)).map(presentUser) };
    },
  });

  app.patch<{ Params: Static<typeof UserParams>; Body: Static<typeof UserChangesBody> }>('/users/:id', {
    schema: {
      tags,
      summary: 'Change an account’s role, name or suspension (a suspended account is signed out at once)',
      description: '409 `last_administrator` when the change would leave no active administrator.',
      params: UserParams,
      body: UserChangesBody,
      response: { 200: UserSchema },
    },
    handler: async (request) => {
      const actor = authorize(request, 'user.manage');
      const result = await updateUser(db, request.params.id, request.body, deps.now());
      if (!result) throw new KiosqueError('not_found', { what: `user ${request.params.id}` });
      const { before, after } = result;
      const target = { targetType: 'user', targetId: after.id, ip: request.ip };
      if (before.role !== after.role) await recordAudit(db.kysely, { actor, action: 'user.role_change', ...target, details: { email: after.email, from: before.role, to: after.role } });
      if (before.suspended !== after.suspended) await recordAudit(db.kysely, { actor, action: after.suspended ? 'user.suspend' : 'user.reinstate', ...target, details: { email: after.email } });
      if (before.name !== after.name) await recordAudit(db.kysely, { actor, action: 'user.rename', ...target, details: { from: before.name, to: after.name } });
      return presentUser({ ...after, secondFactors: await secondFactorsOfUser(db, after.id) });
    },
  });
}

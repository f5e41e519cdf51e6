import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { KiosqueError } from '../errors.ts';
import '../http/route-docs.ts';
import { recordAudit } from './audit.service.ts';
import { authorize } from './auth.hooks.ts';
import { assignableRoles } from './auth.policy.ts';
import { RoleSchema } from './auth.presenters.ts';
import type { AuthRouteDeps } from './auth.routes.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './tokens.service.ts';

const TokenBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), role: RoleSchema }, { additionalProperties: false });
const TokenParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const TokenSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  role: RoleSchema,
  user: Type.Object({ id: Type.Integer(), email: Type.String(), name: Type.String() }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** API tokens for integrations, managed by administrators. */
export async function tokensRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const { db } = deps;
  const tags = ['tokens'];

  app.get('/tokens', {
    schema: { tags, summary: 'API tokens in force (never their secret)', response: { 200: Type.Object({ tokens: Type.Array(TokenSchema) }) } },
    handler: async (request) => {
      authorize(request, 'token.manage');
      return { tokens: await listApiTokens(db) };
    },
  });

  app.post<{ Body: Static<typeof TokenBody> }>('/tokens', {
    schema: {
      tags,
      summary: 'Create an API token capped at a role; its secret is in this answer only',
      description: 'Send it as `Authorization: Bearer <token>`; requests made with it need no CSRF token. It acts for the administrator who created it, with the role given.',
      body: TokenBody,
      response: { 201: Type.Object({ id: Type.Integer(), token: Type.String() }) },
    },
    handler: async (request, reply) => {
      const actor = authorize(request, 'token.manage');
      if (!assignableRoles(actor).includes(request.body.role)) throw new KiosqueError('forbidden');
      const created = await createApiToken(db, { ...request.body, userId: actor.userId }, deps.now());
      await recordAudit(db.kysely, { actor, action: 'token.create', targetType: 'token', targetId: created.id, ip: request.ip, details: { name: request.body.name, role: request.body.role } });
      return reply.code(201).send(created);
    },
  });

  app.delete<{ Params: Static<typeof TokenParams> }>('/tokens/:id', {
    schema: { tags, summary: 'Revoke an API token for good', params: TokenParams },
    handler: async (request, reply) => {
      const actor = authorize(request, 'token.manage');
      if (!(await revokeApiToken(db, request.params.id, deps.now()))) throw new KiosqueError('not_found', { what: `token ${request.params.id}` });
      await recordAudit(db.kysely, { actor, action: 'token.revoke', targetType: 'token', targetId: request.params.id, ip: request.ip });
      return reply.code(204).send();
    },
  });
}

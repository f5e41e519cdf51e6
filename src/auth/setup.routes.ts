import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import '../http/route-docs.ts';
import { NewPassword } from './account.routes.ts';
import { recordAudit } from './audit.service.ts';
import { SessionAnswerSchema } from './auth.presenters.ts';
import type { AuthRouteDeps } from './auth.routes.ts';
import { openSession } from './session.routes.ts';
import { checkSetupToken, completeSetup } from './setup.service.ts';
import { findUserById } from './users.service.ts';

const Token = Type.String({ minLength: 1, maxLength: 200 });
const SetupParams = Type.Object({ token: Token }, { additionalProperties: false });
const SetupBody = Type.Object(
  {
    token: Token,
    email: Type.String({ minLength: 3, maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.Optional(NewPassword),
  },
  { additionalProperties: false },
);

/** The one-time set-up of the first administrator, from the link `kiosque serve` prints. */
export async function setupRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  const { db } = deps;
  const tags = ['setup'];

  app.get<{ Params: Static<typeof SetupParams> }>('/setup/:token', {
    schema: { tags, summary: 'Whether the set-up link is still valid (410 once used, replaced or expired, or once any account exists)', params: SetupParams, response: { 200: Type.Object({ valid: Type.Literal(true) }) } },
    handler: async (request) => {
      await checkSetupToken(db, request.params.token, deps.now());
      return { valid: true as const };
    },
  });

  app.post<{ Body: Static<typeof SetupBody> }>('/setup', {
    schema: {
      tags,
      summary: 'Create the first administrator and sign them in; a second factor is still to be enrolled',
      description: 'Without a password, the administrator enrols a passkey in the session this opens.',
      body: SetupBody,
      response: { 201: SessionAnswerSchema },
    },
    handler: async (request, reply) => {
      const account = await completeSetup(db, request.body, deps.now());
      const user = (await findUserById(db, account.id))!;
      await recordAudit(db.kysely, {
        actor: null,
        actorLabel: account.email,
        action: 'user.create',
        targetType: 'user',
        targetId: account.id,
        ip: request.ip,
        details: { role: account.role, via: 'setup' },
      });
      return reply.code(201).send(await openSession(deps, request, reply, user, 'setup'));
    },
  });
}

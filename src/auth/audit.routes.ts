import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import '../http/route-docs.ts';
import { listAudit } from './audit.service.ts';
import { authorize } from './auth.hooks.ts';
import type { AuthRouteDeps } from './auth.routes.ts';

const AuditQuery = Type.Object(
  {
    action: Type.Optional(Type.String({ pattern: '^[a-z_]+(\\.[a-z_]+)*$', maxLength: 100, description: 'An action (session.sign_in) or a family (session)' })),
    actor: Type.Optional(Type.String({ maxLength: 320, description: 'An account id, or the label written at the time (e-mail address, token:<name>)' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Included' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Excluded' })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'The `next` of the previous page' })),
  },
  { additionalProperties: false },
);
const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.Object({ userId: Type.Union([Type.Integer(), Type.Null()]), label: Type.String() }),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});

/** The audit log, for administrators: newest first, filtered, one page at a time. */
export async function auditRoutes(app: FastifyInstance, deps: AuthRouteDeps): Promise<void> {
  app.get<{ Querystring: Static<typeof AuditQuery> }>('/audit', {
    schema: {
      tags: ['audit'],
      summary: 'Read the append-only audit log of security and content actions',
      querystring: AuditQuery,
      response: { 200: Type.Object({ entries: Type.Array(AuditEntrySchema), next: Type.Union([Type.Integer(), Type.Null()]) }) },
    },
    handler: async (request) => {
      authorize(request, 'audit.read');
      return listAudit(deps.db.kysely, request.query);
    },
  });
}

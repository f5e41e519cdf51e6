import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.ts';

/** For load balancers and process supervisors: 200 once the database answers. */
export async function healthRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(db.kysely);
      return reply.header('cache-control', 'no-store').send({ status: 'ok' });
    } catch {
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable' });
    }
  });
}

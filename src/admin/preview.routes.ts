import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authorize, requireActor } from '../auth/auth.hooks.ts';
import { findPostFacts } from '../content/content.admin.queries.ts';
import { previewPost } from '../content/preview.service.ts';
import { KiosqueError } from '../errors.ts';
import type { SiteContext } from '../site/site.service.ts';
import { PreviewBody } from './admin.schemas.ts';
import { originOf } from './posts.routes.ts';

/** The preview: exactly the public page the post would be, for fields not saved yet. */
export async function previewRoutes(app: FastifyInstance, { site }: { site: SiteContext }): Promise<void> {
  app.post<{ Body: Static<typeof PreviewBody> }>('/preview', {
    schema: {
      tags: ['posts'],
      summary: 'Render the public page of a post from its fields, storing nothing',
      body: PreviewBody,
      response: { 200: { description: 'The page, as readers will get it', content: { 'text/html': { schema: Type.String() } } } },
    },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      const body = request.body;
      const before = body.id === undefined ? undefined : await findPostFacts(site.db.kysely, body.id);
      if (body.id !== undefined && !before) throw new KiosqueError('not_found', { what: `post ${body.id}` });
      authorize(request, 'post.create', { type: body.type ?? before?.type ?? 'post', authorId: body.authorId ?? before?.authorId ?? actor.authorId, status: 'draft' });
      const html = await previewPost(site, originOf(request), body);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  });
}

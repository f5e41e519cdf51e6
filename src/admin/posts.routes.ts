import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, requireActor } from '../auth/auth.hooks.ts';
import type { PostFacts } from '../auth/auth.policy.ts';
import type { ChangeOrigin, NewsroomContext } from '../content/content.admin.ts';
import { categoryWithDescendants, findPostFacts, listAdminPosts, loadPostState } from '../content/content.admin.queries.ts';
import { loadAdminTerms, presentAdminPost, presentAdminPostSummary, type AdminPost } from '../content/content.admin.presenters.ts';
import {
  createPost,
  deleteAdminPost,
  publishPost,
  restoreRevision,
  schedulePost,
  unpublishPost,
  updatePost,
} from '../content/publishing.service.ts';
import { listRevisions, readRevision } from '../content/revisions.service.ts';
import { KiosqueError } from '../errors.ts';
import { readSettings } from '../settings/settings.ts';
import {
  AdminPost as AdminPostSchema,
  CreatedPost,
  CreatePostBody,
  EmptyBody,
  IdParams,
  PostList,
  PostListQuery,
  RevisionDetail,
  RevisionList,
  RevisionParams,
  ScheduleBody,
  UpdatePostBody,
} from './admin.schemas.ts';

const TAGS = ['posts'];
const DEFAULT_LIMIT = 20;

type WithId = { Params: Static<typeof IdParams> };

/** Who asks, for the revision and the audit log. */
export function originOf(request: FastifyRequest): ChangeOrigin {
  return { actor: request.actor, ip: request.ip };
}

/**
 * Posts and pages: list, create, read, change, delete, publish, schedule, take back, and their
 * revisions. Each route authorizes from the post's facts (type, author, status), read before
 * anything else of it, and, for a change, from the facts of the post as it would be after it.
 */
export async function postRoutes(app: FastifyInstance, { ctx }: { ctx: NewsroomContext }): Promise<void> {
  const { db } = ctx;

  /** The post's facts, once the request is known to come from someone: 401 comes before 404. */
  const factsOf = async (request: FastifyRequest, id: number): Promise<PostFacts> => {
    requireActor(request);
    const facts = await findPostFacts(db.kysely, id);
    if (!facts) throw new KiosqueError('not_found', { what: `post ${id}` });
    return facts;
  };

  const showPost = async (id: number): Promise<AdminPost> => {
    const [state, settings] = await Promise.all([loadPostState(db.kysely, id), readSettings(db)]);
    if (!state) throw new KiosqueError('not_found', { what: `post ${id}` });
    const terms = await loadAdminTerms(db.kysely, [{ id: state.id, author_id: state.authorId }]);
    return presentAdminPost(state, terms, settings, ctx.now());
  };

  app.get<{ Querystring: Static<typeof PostListQuery> }>('/posts', {
    schema: { tags: TAGS, summary: 'List posts and pages, newest change first', querystring: PostListQuery, response: { 200: PostList } },
    handler: async (request) => {
      authorize(request, 'post.list');
      const { type, status, q, category, author, page = 1, limit = DEFAULT_LIMIT } = request.query;
      const categoryIds = category ? await categoryWithDescendants(db.kysely, category) : undefined;
      const [{ rows, total }, settings] = await Promise.all([
        listAdminPosts(db.kysely, { type, status, q, categoryIds, authorId: author, limit, offset: (page - 1) * limit }),
        readSettings(db),
      ]);
      const terms = await loadAdminTerms(db.kysely, rows);
      const now = ctx.now();
      return { posts: rows.map((row) => presentAdminPostSummary(row, terms, settings, now)), total };
    },
  });

  app.post<{ Body: Static<typeof CreatePostBody> }>('/posts', {
    schema: { tags: TAGS, summary: 'Create a post or page (draft, scheduled or published)', body: CreatePostBody, response: { 201: CreatedPost } },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      const body = request.body;
      const facts: PostFacts = { type: body.type ?? 'post', authorId: body.authorId ?? actor.authorId, status: body.status };
      authorize(request, 'post.create', facts);
      if (body.status !== 'draft') authorize(request, 'post.publish', facts);
      const place = await createPost(ctx, originOf(request), body);
      return reply.code(201).send({ id: place.id, slug: place.slug, url: place.url });
    },
  });

  app.get<WithId>('/posts/:id', {
    schema: { tags: TAGS, summary: 'Read a post or page, with its Markdown', params: IdParams, response: { 200: AdminPostSchema } },
    handler: async (request) => {
      authorize(request, 'post.list');
      return showPost(request.params.id);
    },
  });

  app.patch<WithId & { Body: Static<typeof UpdatePostBody> }>('/posts/:id', {
    schema: { tags: TAGS, summary: 'Change some fields of a post or page', params: IdParams, body: UpdatePostBody, response: { 200: AdminPostSchema } },
    handler: async (request) => {
      const { id } = request.params;
      const body = request.body;
      const before = await factsOf(request, id);
      const after: PostFacts = { type: body.type ?? before.type, authorId: body.authorId ?? before.authorId, status: body.status ?? before.status };
      authorize(request, 'post.edit', before);
      authorize(request, 'post.edit', after);
      const publishing = after.status !== before.status || (body.publishedAt !== undefined && after.status !== 'draft');
      if (publishing) {
        authorize(request, 'post.publish', before);
        authorize(request, 'post.publish', after);
      }
      await updatePost(ctx, originOf(request), id, body);
      return showPost(id);
    },
  });

  app.delete<WithId>('/posts/:id', {
    schema: { tags: TAGS, summary: 'Delete a post or page; its public address answers 410 Gone', params: IdParams, response: { 204: { description: 'Deleted' } } },
    handler: async (request, reply) => {
      const { id } = request.params;
      authorize(request, 'post.delete', await factsOf(request, id));
      await deleteAdminPost(ctx, originOf(request), id);
      return reply.code(204).send();
    },
  });

  app.post<WithId>('/posts/:id/publish', {
    schema: { tags: TAGS, summary: 'Publish now', params: IdParams, body: EmptyBody, response: { 200: AdminPostSchema } },
    handler: async (request) => {
      const { id } = request.params;
      authorize(request, 'post.publish', await factsOf(request, id));
      await publishPost(ctx, originOf(request), id);
      return showPost(id);
    },
  });

  app.post<WithId & { Body: Static<typeof ScheduleBody> }>('/posts/:id/schedule', {
    schema: { tags: TAGS, summary: 'Publish at a future date and time', params: IdParams, body: ScheduleBody, response: { 200: AdminPostSchema } },
    handler: async (request) => {
      const { id } = request.params;
      authorize(request, 'post.publish', await factsOf(request, id));
      await schedulePost(ctx, originOf(request), id, request.body.publishedAt);
      return showPost(id);
    },
  });

  app.post<WithId>('/posts/:id/unpublish', {
    schema: { tags: TAGS, summary: 'Take back to draft: readers no longer see it', params: IdParams, body: EmptyBody, response: { 200: AdminPostSchema } },
    handler: async (request) => {
      const { id } = request.params;
      authorize(request, 'post.publish', await factsOf(request, id));
      await unpublishPost(ctx, originOf(request), id);
      return showPost(id);
    },
  });

  app.get<WithId>('/posts/:id/revisions', {
    schema: { tags: TAGS, summary: 'Every save of a post, newest first', params: IdParams, response: { 200: RevisionList } },
    handler: async (request) => {
      const { id } = request.params;
      authorize(request, 'post.list', await factsOf(request, id));
      return { revisions: await listRevisions(db.kysely, id) };
    },
  });

  app.get<{ Params: Static<typeof RevisionParams> }>('/posts/:id/revisions/:rev', {
    schema: { tags: TAGS, summary: 'One revision, with a line diff against the current text', params: RevisionParams, response: { 200: RevisionDetail } },
    handler: async (request) => {
      const { id, rev } = request.params;
      authorize(request, 'post.list', await factsOf(request, id));
      const revision = await readRevision(db.kysely, id, rev);
      if (!revision) throw new KiosqueError('not_found', { what: `revision ${rev} of post ${id}` });
      return revision;
    },
  });

  app.post<{ Params: Static<typeof RevisionParams> }>('/posts/:id/revisions/:rev/restore', {
    schema: { tags: TAGS, summary: 'Save the content of a revision again (status and date unchanged)', params: RevisionParams, body: EmptyBody, response: { 200: AdminPostSchema } },
    handler: async (request) => {
      const { id, rev } = request.params;
      authorize(request, 'post.edit', await factsOf(request, id));
      await restoreRevision(ctx, originOf(request), id, rev);
      return showPost(id);
    },
  });
}

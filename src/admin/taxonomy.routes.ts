import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authorize } from '../auth/auth.hooks.ts';
import type { NewsroomContext } from '../content/content.admin.ts';
import {
  createCategory,
  createTag,
  deleteCategory,
  deleteTag,
  listCategoryViews,
  listTagViews,
  updateCategory,
  updateTag,
} from '../content/taxonomy.service.ts';
import { KiosqueError } from '../errors.ts';
import { IdParams, strictObject } from './admin.schemas.ts';
import { originOf } from './posts.routes.ts';

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Slug = Type.String({ minLength: 1, maxLength: 100, description: 'Folded to lower-case ASCII; by default made from the name' });
const ParentId = Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], { description: 'The parent category; null for a top-level one' });
const Description = Type.String({ maxLength: 2000 });

const CategoryBody = strictObject({ name: Name, slug: Type.Optional(Slug), parentId: Type.Optional(ParentId), description: Type.Optional(Description) });
const CategoryChanges = strictObject({ name: Type.Optional(Name), slug: Type.Optional(Slug), parentId: Type.Optional(ParentId), description: Type.Optional(Description) });
const Category = strictObject({
  id: Type.Integer(),
  name: Type.String(),
  slug: Type.String(),
  description: Type.String(),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  path: Type.String({ description: 'Names from the top: "Ecommerce > Monétique"' }),
  count: Type.Integer({ description: 'Posts and pages filed under it' }),
});
const TagBody = strictObject({ name: Name, slug: Type.Optional(Slug) });
const TagChanges = strictObject({ name: Type.Optional(Name), slug: Type.Optional(Slug) });
const Tag = strictObject({ id: Type.Integer(), name: Type.String(), slug: Type.String(), count: Type.Integer() });

type WithId = { Params: Static<typeof IdParams> };

/** Categories (a tree: a parent cannot be moved under its own child) and tags. */
export async function taxonomyRoutes(app: FastifyInstance, { ctx }: { ctx: NewsroomContext }): Promise<void> {
  const categories = { tags: ['categories'] };
  const tags = { tags: ['tags'] };

  app.get('/categories', {
    schema: { ...categories, summary: 'Every category, by path', response: { 200: strictObject({ categories: Type.Array(Category) }) } },
    handler: async (request) => {
      authorize(request, 'taxonomy.assign');
      return { categories: await listCategoryViews(ctx.db.kysely) };
    },
  });

  app.post<{ Body: Static<typeof CategoryBody> }>('/categories', {
    schema: { ...categories, summary: 'Create a category', body: CategoryBody, response: { 201: Category } },
    handler: async (request, reply) => {
      authorize(request, 'taxonomy.manage');
      return reply.code(201).send(await createCategory(ctx, originOf(request), request.body));
    },
  });

  app.patch<WithId & { Body: Static<typeof CategoryChanges> }>('/categories/:id', {
    schema: { ...categories, summary: 'Rename, move or describe a category', params: IdParams, body: CategoryChanges, response: { 200: Category } },
    handler: async (request) => {
      authorize(request, 'taxonomy.manage');
      const category = await updateCategory(ctx, originOf(request), request.params.id, request.body);
      if (!category) throw new KiosqueError('not_found', { what: `category ${request.params.id}` });
      return category;
    },
  });

  app.delete<WithId>('/categories/:id', {
    schema: { ...categories, summary: 'Delete a category; its sub-categories move up to its parent', params: IdParams, response: { 204: { description: 'Deleted' } } },
    handler: async (request, reply) => {
      authorize(request, 'taxonomy.manage');
      if (!(await deleteCategory(ctx, originOf(request), request.params.id))) throw new KiosqueError('not_found', { what: `category ${request.params.id}` });
      return reply.code(204).send();
    },
  });

  app.get('/tags', {
    schema: { ...tags, summary: 'Every tag, by name', response: { 200: strictObject({ tags: Type.Array(Tag) }) } },
    handler: async (request) => {
      authorize(request, 'taxonomy.assign');
      return { tags: await listTagViews(ctx.db.kysely) };
    },
  });

  app.post<{ Body: Static<typeof TagBody> }>('/tags', {
    schema: { ...tags, summary: 'Create a tag', body: TagBody, response: { 201: Tag } },
    handler: async (request, reply) => {
      authorize(request, 'taxonomy.manage');
      return reply.code(201).send(await createTag(ctx, originOf(request), request.body));
    },
  });

  app.patch<WithId & { Body: Static<typeof TagChanges> }>('/tags/:id', {
    schema: { ...tags, summary: 'Rename a tag or change its address', params: IdParams, body: TagChanges, response: { 200: Tag } },
    handler: async (request) => {
      authorize(request, 'taxonomy.manage');
      const tag = await updateTag(ctx, originOf(request), request.params.id, request.body);
      if (!tag) throw new KiosqueError('not_found', { what: `tag ${request.params.id}` });
      return tag;
    },
  });

  app.delete<WithId>('/tags/:id', {
    schema: { ...tags, summary: 'Delete a tag', params: IdParams, response: { 204: { description: 'Deleted' } } },
    handler: async (request, reply) => {
      authorize(request, 'taxonomy.manage');
      if (!(await deleteTag(ctx, originOf(request), request.params.id))) throw new KiosqueError('not_found', { what: `tag ${request.params.id}` });
      return reply.code(204).send();
    },
  });
}

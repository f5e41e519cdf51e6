import { Type, type TObject, type TProperties } from '@sinclair/typebox';

/**
 * TypeBox schemas of the content Admin API: each validates a request (or shapes an answer) and
 * documents it in /api/openapi.json. Objects refuse unknown properties, so a misspelt field is a
 * 400 that names it rather than a change silently lost.
 */

export function strictObject<T extends TProperties>(properties: T, options: { description?: string } = {}): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const IdParams = strictObject({ id: Type.Integer({ minimum: 1 }) });
export const RevisionParams = strictObject({ id: Type.Integer({ minimum: 1 }), rev: Type.Integer({ minimum: 1 }) });

export const PostTypeSchema = Type.Union([Type.Literal('post'), Type.Literal('page')]);
export const PostStatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('scheduled'), Type.Literal('published')]);
const DateTime = Type.String({ format: 'date-time', description: 'ISO 8601 with an offset, e.g. 2026-03-10T08:00:00Z' });

const ImageInput = strictObject({
  url: Type.String({ minLength: 1, maxLength: 2000, pattern: '^(/|https?://)', description: 'A media library address (/media/…) or a web address' }),
  alt: Type.String({ maxLength: 1000, description: 'Required text for readers who cannot see the image' }),
  caption: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
});

const TermReferences = (what: string) =>
  Type.Array(Type.Union([Type.Integer({ minimum: 1 }), Type.String({ minLength: 1, maxLength: 300 })]), {
    maxItems: 50,
    description: `${what}, by id or by name (a new name creates it)`,
  });

/** The fields of a post a writer sets; all optional here, the creation requires some. */
const postFieldProperties = {
  type: Type.Optional(PostTypeSchema),
  title: Type.Optional(Type.String({ maxLength: 300 })),
  markdown: Type.Optional(Type.String({ maxLength: 500_000 })),
  slug: Type.Optional(Type.String({ maxLength: 200, description: 'Folded to lower-case ASCII; made unique' })),
  status: Type.Optional(PostStatusSchema),
  publishedAt: Type.Optional(nullable(DateTime)),
  excerpt: Type.Optional(nullable(Type.String({ maxLength: 1000 }))),
  seoTitle: Type.Optional(nullable(Type.String({ maxLength: 300 }))),
  seoDescription: Type.Optional(nullable(Type.String({ maxLength: 1000 }))),
  featured: Type.Optional(Type.Boolean({ description: '« À la une » on the home page' })),
  highlighted: Type.Optional(Type.Boolean({ description: '« Mis en avant » on the home page' })),
  image: Type.Optional(nullable(ImageInput)),
  categories: Type.Optional(TermReferences('Categories (a child written "Parent > Child")')),
  tags: Type.Optional(TermReferences('Tags')),
  authorId: Type.Optional(Type.Integer({ minimum: 1, description: 'The byline; by default the signed-in account’s' })),
};

export const CreatePostBody = strictObject(
  {
    ...postFieldProperties,
    title: Type.String({ maxLength: 300 }),
    markdown: Type.String({ maxLength: 500_000 }),
    status: PostStatusSchema,
  },
  { description: 'A scheduled post needs publishedAt in the future; a published one without publishedAt is dated now.' },
);
export const UpdatePostBody = strictObject(postFieldProperties, { description: 'Only the fields sent change.' });
export const PreviewBody = strictObject(
  { ...postFieldProperties, id: Type.Optional(Type.Integer({ minimum: 1, description: 'The post being edited, to preview it in its own place' })) },
  { description: 'The fields of a post, saved or not; nothing is stored.' },
);
export const ScheduleBody = strictObject({ publishedAt: DateTime });
/**
 * The publication actions take no fields: no body at all, or `{}` (the admin app's). Declared per
 * content type so that a request without a body is not held to being an object.
 */
export const EmptyBody = { content: { 'application/json': { schema: strictObject({}, { description: 'No fields' }) } } };

export const PostListQuery = strictObject({
  type: Type.Optional(PostTypeSchema),
  status: Type.Optional(PostStatusSchema),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the title' })),
  category: Type.Optional(Type.String({ maxLength: 200, description: 'A category’s slug or id; its sub-categories included' })),
  author: Type.Optional(Type.Integer({ minimum: 1, description: 'An author’s id' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});

const TermView = strictObject({ id: Type.Integer(), name: Type.String(), slug: Type.String() });
const CategoryRef = strictObject({ id: Type.Integer(), name: Type.String(), slug: Type.String(), path: Type.String() });

const postSummaryProperties = {
  id: Type.Integer(),
  type: PostTypeSchema,
  title: Type.String(),
  slug: Type.String(),
  status: PostStatusSchema,
  publishedAt: nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  url: Type.String({ description: 'The public address (where it will be, for a draft)' }),
  author: nullable(TermView),
  categories: Type.Array(CategoryRef),
};

export const AdminPostSummary = strictObject(postSummaryProperties);
export const AdminPost = strictObject({
  ...postSummaryProperties,
  markdown: Type.String(),
  excerpt: nullable(Type.String()),
  seoTitle: nullable(Type.String()),
  seoDescription: nullable(Type.String()),
  featured: Type.Boolean(),
  highlighted: Type.Boolean(),
  image: nullable(strictObject({ url: Type.String(), alt: Type.String(), caption: nullable(Type.String()) })),
  tags: Type.Array(TermView),
});
export const PostList = strictObject({ posts: Type.Array(AdminPostSummary), total: Type.Integer() });
export const CreatedPost = strictObject({ id: Type.Integer(), slug: Type.String(), url: Type.String() });

const RevisionUser = nullable(strictObject({ id: Type.Integer(), name: Type.String() }));
const revisionSummaryProperties = { id: Type.Integer(), createdAt: Type.String(), title: Type.String(), user: RevisionUser };
export const RevisionList = strictObject({ revisions: Type.Array(strictObject(revisionSummaryProperties)) });
export const RevisionDetail = strictObject({
  ...revisionSummaryProperties,
  markdown: Type.String(),
  fields: Type.Record(Type.String(), Type.Unknown(), { description: 'The other fields as saved (status, slug, categories, tags…)' }),
  diff: Type.Array(strictObject({ op: Type.Union([Type.Literal('same'), Type.Literal('added'), Type.Literal('removed')]), text: Type.String() }), {
    description: 'Line by line, from this revision to the current text',
  }),
});

export const NoContent = Type.Null({ description: 'Done; no content' });

import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordAudit } from '../auth/audit.service.ts';
import { authorize } from '../auth/auth.hooks.ts';
import type { Db } from '../db/db.ts';
import { KiosqueError } from '../errors.ts';
import '../http/route-docs.ts';
import { translator, type Locale, type MessageKey } from '../i18n/i18n.ts';
import { MediaSchema, presentMedia } from './media.presenter.ts';
import { deleteMedia, editMedia, listMedia, MAX_MEDIA_BYTES, MAX_MEDIA_PIXELS, MEDIA_PAGE_SIZE, UploadRefused } from './media.service.ts';
import type { SvgRefusalReason } from './media.svg.ts';
import { addUploadedMedia } from './media.upload.ts';

export interface MediaAdminDeps {
  db: Db;
  dataDir: string;
  /** The site's language, for the sentences that explain a refused file. */
  localeOf: () => Locale;
}

/** The file part of an upload, as the multipart parser hands it to the route. */
interface UploadedFile {
  filename: string;
  content: Buffer;
}

const ALT_MAX = 1000;
const CAPTION_MAX = 2000;

const UploadBody = Type.Object(
  {
    file: Type.Unsafe<UploadedFile>({ type: 'object', description: 'The image, as a file part (JPEG, PNG, GIF, WebP, AVIF or SVG; binary)' }),
    alt: Type.Optional(Type.String({ maxLength: ALT_MAX })),
    caption: Type.Optional(Type.String({ maxLength: CAPTION_MAX })),
  },
  { additionalProperties: false },
);
const MediaText = Type.Object(
  { alt: Type.Optional(Type.String({ maxLength: ALT_MAX })), caption: Type.Optional(Type.String({ maxLength: CAPTION_MAX })) },
  { additionalProperties: false },
);
const MediaParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }, { additionalProperties: false });
const MediaPage = Type.Object({ media: Type.Array(MediaSchema), total: Type.Integer(), pageSize: Type.Integer() }, { additionalProperties: false });

const SVG_REASONS: Record<SvgRefusalReason, MessageKey> = {
  script: 'media.svg.script',
  event_handler: 'media.svg.eventHandler',
  foreign_object: 'media.svg.foreignObject',
  external_reference: 'media.svg.externalReference',
  entity: 'media.svg.entity',
  element: 'media.svg.element',
};

/**
 * The media library of the Admin API: upload (multipart), list, edit the alternative text and
 * caption, delete. Registered under /api/admin/v1, in a plugin of its own so that the multipart
 * parser and its limits apply to these routes only.
 */
export async function mediaAdminRoutes(app: FastifyInstance, { db, dataDir, localeOf }: MediaAdminDeps): Promise<void> {
  const t = () => translator(localeOf());

  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    // One file and two short fields: anything more is refused while it streams in, not after.
    limits: { fileSize: MAX_MEDIA_BYTES, files: 1, fields: 2, parts: 3, fieldNameSize: 100, fieldSize: 16 * 1024, headerPairs: 100 },
    async onFile(part: MultipartFile & { value?: unknown }) {
      try {
        // What the body's `file` field becomes ('keyValues' takes a part's `value`).
        const file: UploadedFile = { filename: part.filename, content: await part.toBuffer() };
        part.value = file;
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw refusalError(new UploadRefused('too_large', { cause: error }), localeOf());
        throw error;
      }
    },
  });

  // The parser's limits on parts are a malformed form, not a large file; the site's handler says the rest.
  app.setErrorHandler((error) => {
    throw formLimitError(error) ?? error;
  });

  app.post<{ Body: Static<typeof UploadBody> }>('/media', {
    schema: {
      tags: ['media'],
      summary: 'Upload an image to the media library',
      description: 'A multipart/form-data body with the field `file` and optional `alt` and `caption`. 201 for a new image, 200 when the same file was already in the library.',
      body: UploadBody,
      response: { 200: MediaSchema, 201: MediaSchema },
    },
    // Before the body is read: a contributor's 20 MB are refused without being received.
    onRequest: async (request) => {
      authorize(request, 'media.upload');
    },
    handler: async (request, reply) => {
      const actor = authorize(request, 'media.upload');
      const { file, alt, caption } = request.body;
      const { media, created } = await addUploadedMedia(db, dataDir, { content: file.content, originalName: file.filename, alt, caption, uploadedBy: actor.userId }).catch(
        (error: unknown) => {
          throw error instanceof UploadRefused ? refusalError(error, localeOf()) : error;
        },
      );
      await recordAudit(db.kysely, {
        actor,
        action: 'media.upload',
        targetType: 'media',
        targetId: media.id,
        ip: request.ip,
        details: { name: file.filename, mimeType: media.mime_type, bytes: file.content.length, created },
      });
      return reply.code(created ? 201 : 200).send(presentMedia(media));
    },
  });

  app.get<{ Querystring: Static<typeof PageQuery> }>('/media', {
    schema: { tags: ['media'], summary: 'List the media library, newest first', querystring: PageQuery, response: { 200: MediaPage } },
    handler: async (request) => {
      authorize(request, 'media.list');
      const { media, total } = await listMedia(db, request.query.page ?? 1);
      return { media: media.map(presentMedia), total, pageSize: MEDIA_PAGE_SIZE };
    },
  });

  app.patch<{ Params: Static<typeof MediaParams>; Body: Static<typeof MediaText> }>('/media/:id', {
    schema: { tags: ['media'], summary: 'Change the alternative text or caption of an image', params: MediaParams, body: MediaText, response: { 200: MediaSchema } },
    handler: async (request) => {
      authorize(request, 'media.edit');
      const media = await editMedia(db, request.params.id, request.body);
      if (!media) throw notFound(request);
      return presentMedia(media);
    },
  });

  app.delete<{ Params: Static<typeof MediaParams> }>('/media/:id', {
    schema: { tags: ['media'], summary: 'Delete an image and its copies (refused while a post shows it)', params: MediaParams },
    handler: async (request, reply) => {
      const actor = authorize(request, 'media.edit');
      const deletion = await deleteMedia(db, dataDir, request.params.id);
      if (deletion.outcome === 'not_found') throw notFound(request);
      if (deletion.outcome === 'in_use') throw new KiosqueError('conflict', { detail: t()('media.inUse', { count: deletion.posts }) });
      await recordAudit(db.kysely, {
        actor,
        action: 'media.delete',
        targetType: 'media',
        targetId: deletion.media.id,
        ip: request.ip,
        details: { name: deletion.media.original_name, url: presentMedia(deletion.media).url },
      });
      return reply.code(204).send();
    },
  });
}

function formLimitError(error: unknown): KiosqueError | undefined {
  const code = (error as { code?: string }).code;
  if (code === 'FST_FILES_LIMIT') return new KiosqueError('invalid_request', { field: 'file', detail: 'must be a single file' }, { cause: error });
  if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return new KiosqueError('invalid_request', { field: 'body', detail: 'may only hold the fields file, alt and caption' }, { cause: error });
  }
  return undefined;
}

function notFound(request: FastifyRequest<{ Params: Static<typeof MediaParams> }>): KiosqueError {
  return new KiosqueError('not_found', { what: `image ${request.params.id}` });
}

/** The sentence that tells the uploader why the file was not kept, in the site's language. */
function refusalError(refusal: UploadRefused, locale: Locale): KiosqueError {
  const t = translator(locale);
  switch (refusal.reason) {
    case 'too_large':
      return new KiosqueError('payload_too_large', { limit: t('media.limit.megabytes', { count: MAX_MEDIA_BYTES / (1024 * 1024) }) }, { cause: refusal });
    case 'too_many_pixels':
      return new KiosqueError('payload_too_large', { limit: t('media.limit.megapixels', { count: MAX_MEDIA_PIXELS / 1_000_000 }) }, { cause: refusal });
    case 'not_an_image':
      return new KiosqueError('unsupported_media', { detail: t('media.refused.notAnImage') }, { cause: refusal });
    case 'unreadable':
      return new KiosqueError('unsupported_media', { detail: t('media.refused.unreadable') }, { cause: refusal });
    case 'unsafe_svg': {
      const svg = refusal.svg ?? { reason: 'script' };
      const what = t(SVG_REASONS[svg.reason], { element: svg.element ?? '' });
      return new KiosqueError('unsupported_media', { detail: t('media.refused.unsafeSvg', { what }) }, { cause: refusal });
    }
  }
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendPrepared } from '../http/prepared.ts';
import { matchesEtag, prepareResponse, type PreparedResponse } from '../site/cache/page-cache.ts';
import { IMMUTABLE_CACHE_CONTROL } from '../site/site.headers.ts';
import { detectImageType, mediaRoot, type ImageType } from './media.service.ts';

/** Storage keys are written by the media service: year/month/name-hash.ext, nothing else. */
const STORAGE_KEY = /^\d{4}\/\d{2}\/[a-z0-9][a-z0-9-]*\.(png|jpg|gif|webp|avif|svg)$/;

const MEDIA_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
};

/**
 * Media are served with the type found in their first bytes. An SVG opened on its own gets a
 * policy that forbids scripts, in case a drawing ever slipped through with one.
 */
export async function mediaRoutes(app: FastifyInstance, { dataDir }: { dataDir: string }): Promise<void> {
  const root = mediaRoot(dataDir);
  const drawings = new Map<string, PreparedResponse>();
  // HEAD is answered here rather than by Fastify's automatic HEAD route, which empties the
  // reply and with it the file's Content-Length.
  app.route<{ Params: { '*': string } }>({
    method: ['GET', 'HEAD'],
    url: '/media/*',
    handler: async (request, reply) => {
      const key = request.params['*'];
      if (!STORAGE_KEY.test(key)) return reply.callNotFound();
      const file = await openStoredFile(path.join(root, key));
      if (!file) return reply.callNotFound();
      if (file.type.ext === 'svg') return sendDrawing(request, reply, key, file, drawings);
      return sendPicture(request, reply, key, file);
    },
  });
}

interface StoredFile {
  path: string;
  size: number;
  type: ImageType;
}

async function openStoredFile(file: string): Promise<StoredFile | undefined> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const stat = await handle.stat();
    const head = Buffer.alloc(512);
    await handle.read(head, 0, 512, 0);
    const type = detectImageType(head);
    return type && { path: file, size: stat.size, type };
  } finally {
    await handle.close();
  }
}

/** Drawings kept compressed, by storage key: a file never changes under its name. */
const KEPT_DRAWINGS = 64;

/**
 * A drawing is text: it is sent compressed when the reader accepts it, as pages are, and kept so
 * that it is compressed once, not at every request. The file is looked at first all the same: a
 * drawing deleted from the library answers 404 at once.
 */
async function sendDrawing(request: FastifyRequest, reply: FastifyReply, key: string, file: StoredFile, kept: Map<string, PreparedResponse>): Promise<FastifyReply> {
  let prepared = kept.get(key);
  if (!prepared) {
    const content = await fs.promises.readFile(file.path);
    prepared = prepareResponse(content, { contentType: 'image/svg+xml', cacheControl: IMMUTABLE_CACHE_CONTROL, headers: MEDIA_HEADERS });
    if (kept.size >= KEPT_DRAWINGS) kept.delete(kept.keys().next().value!);
    kept.set(key, prepared);
  }
  return sendPrepared(request, reply, prepared);
}

/**
 * Pictures are already compressed, so they are streamed as they are. A stored file never changes
 * under its name, so the name and size make a strong validator without reading the file.
 */
function sendPicture(request: FastifyRequest, reply: FastifyReply, key: string, file: StoredFile): FastifyReply {
  const etag = `"${createHash('sha1').update(`${key}:${file.size}`).digest('base64url').slice(0, 22)}"`;
  reply.headers({ ...MEDIA_HEADERS, 'cache-control': IMMUTABLE_CACHE_CONTROL, etag });
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  reply.header('content-type', file.type.mime);
  reply.header('content-length', file.size);
  if (request.method === 'HEAD') return reply.send();
  return reply.send(fs.createReadStream(file.path));
}

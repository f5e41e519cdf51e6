import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { IMMUTABLE_CACHE_CONTROL } from '../site/site.headers.ts';
import { detectImageType, mediaRoot } from './media.service.ts';

/** Storage keys are written by the media service: year/month/name-hash.ext, nothing else. */
const STORAGE_KEY = /^\d{4}\/\d{2}\/[a-z0-9][a-z0-9-]*\.(png|jpg|gif|webp|avif|svg)$/;

/**
 * Media are served with the type found in their first bytes. An SVG opened on its own gets a
 * policy that forbids scripts, in case a drawing ever slipped through with one.
 */
export async function mediaRoutes(app: FastifyInstance, { dataDir }: { dataDir: string }): Promise<void> {
  const root = mediaRoot(dataDir);
  app.get<{ Params: { '*': string } }>('/media/*', async (request, reply) => {
    const key = request.params['*'];
    if (!STORAGE_KEY.test(key)) return reply.callNotFound();
    const file = path.join(root, key);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch {
      return reply.callNotFound();
    }
    const stat = await handle.stat();
    const head = Buffer.alloc(512);
    await handle.read(head, 0, 512, 0);
    await handle.close();
    const type = detectImageType(head);
    if (!type) return reply.callNotFound();
    reply.header('content-type', type.mime);
    reply.header('content-length', stat.size);
    reply.header('cache-control', IMMUTABLE_CACHE_CONTROL);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    if (request.method === 'HEAD') return reply.send();
    return reply.send(fs.createReadStream(file));
  });
}

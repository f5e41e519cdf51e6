import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { slugify } from '../lib/slug.ts';

/**
 * The media library on local disk: files live under `<data dir>/media/<yyyy>/<mm>/<name>-<hash>.<ext>`.
 * Names carry a content hash, so a stored file never changes and can be cached for a year.
 */

export const MEDIA_URL_PREFIX = '/media/';

/** Image types the library accepts, recognised by their first bytes, never by their name. */
const SIGNATURES: { mime: string; ext: string; test: (head: Buffer) => boolean }[] = [
  { mime: 'image/png', ext: 'png', test: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', ext: 'jpg', test: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { mime: 'image/gif', ext: 'gif', test: (h) => h.subarray(0, 6).toString('latin1') === 'GIF87a' || h.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { mime: 'image/webp', ext: 'webp', test: (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP' },
  { mime: 'image/avif', ext: 'avif', test: (h) => h.subarray(4, 12).toString('latin1') === 'ftypavif' },
  { mime: 'image/svg+xml', ext: 'svg', test: (h) => /^(\uFEFF)?\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(h.toString('utf8')) },
];

export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;

export type MediaProblem = 'missing' | 'unsupported' | 'too_large' | 'unsafe_svg';

export class MediaRejected extends Error {
  constructor(readonly problem: MediaProblem, readonly file: string) {
    super(`${file}: ${problem}`);
  }
}

export interface StoredMedia {
  id: number;
  url: string;
  width: number | undefined;
  height: number | undefined;
  mimeType: string;
  created: boolean;
}

export function mediaRoot(dataDir: string): string {
  return path.join(dataDir, 'media');
}

export function detectImageType(head: Buffer): { mime: string; ext: string } | undefined {
  return SIGNATURES.find((signature) => signature.test(head));
}

/** SVG is code: the library keeps only drawings without scripts, handlers or outside references. */
function isSafeSvg(content: string): boolean {
  return !/<script|<foreignObject|\son[a-z]+\s*=|javascript:|<!ENTITY|<iframe|<embed|<object|(?:xlink:)?href\s*=\s*["']\s*(?!#)/i.test(content);
}

/**
 * Copies a local image file into the library (once per content: the same bytes are stored once)
 * and records it. Throws MediaRejected for a file that is absent, not an image, or unsafe.
 */
export async function importMediaFile(trx: Kysely<DatabaseSchema> | Transaction<DatabaseSchema>, dataDir: string, file: string, now = new Date()): Promise<StoredMedia> {
  let content: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new MediaRejected('missing', file);
    if (stat.size > MAX_MEDIA_BYTES) throw new MediaRejected('too_large', file);
    content = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof MediaRejected) throw error;
    throw new MediaRejected('missing', file);
  }
  const type = detectImageType(content.subarray(0, 512));
  if (!type) throw new MediaRejected('unsupported', file);
  if (type.ext === 'svg' && !isSafeSvg(content.toString('utf8'))) throw new MediaRejected('unsafe_svg', file);

  const sha256 = createHash('sha256').update(content).digest('hex');
  const existing = await trx.selectFrom('media').select(['id', 'storage_key', 'width', 'height', 'mime_type']).where('sha256', '=', sha256).executeTakeFirst();
  if (existing) {
    return { id: existing.id, url: MEDIA_URL_PREFIX + existing.storage_key, width: existing.width ?? undefined, height: existing.height ?? undefined, mimeType: existing.mime_type, created: false };
  }

  const dimensions = readDimensions(content);
  const base = slugify(path.basename(file, path.extname(file))) || 'image';
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  const storageKey = `${now.getUTCFullYear()}/${month}/${base}-${sha256.slice(0, 10)}.${type.ext}`;
  const target = path.join(mediaRoot(dataDir), storageKey);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Written under a temporary name first, so a reader never sees half a file.
  fs.writeFileSync(target + '.part', content);
  fs.renameSync(target + '.part', target);

  const row = await trx
    .insertInto('media')
    .values({
      storage_key: storageKey,
      original_name: path.basename(file),
      mime_type: type.mime,
      bytes: content.length,
      width: dimensions?.width ?? null,
      height: dimensions?.height ?? null,
      sha256,
      alt: '',
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, url: MEDIA_URL_PREFIX + storageKey, width: dimensions?.width, height: dimensions?.height, mimeType: type.mime, created: true };
}

function readDimensions(content: Buffer): { width: number; height: number } | undefined {
  try {
    const size = imageSize(content);
    return size.width && size.height ? { width: size.width, height: size.height } : undefined;
  } catch {
    return undefined;
  }
}

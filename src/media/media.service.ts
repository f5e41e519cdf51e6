import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../db/db.ts';
import type { DatabaseSchema, MediaRow } from '../db/schema.ts';
import { keptStoredKey, monthFolder, nameSlug } from './media.names.ts';
import { countPostsUsing, deleteMediaRow, findMediaById, isFileListedElsewhere, listMediaPage, updateMediaText } from './media.queries.ts';
import { svgRefusal, type SvgRefusal } from './media.svg.ts';

/**
 * The media library on local disk: files live under `<data dir>/media/<yyyy>/<mm>/<name>-<hash>.<ext>`.
 * Names carry a content hash, so a stored file never changes and can be cached for a year.
 */

export const MEDIA_URL_PREFIX = '/media/';

/** Image types the library accepts, recognised by their first bytes, never by their name. */
const SIGNATURES: (ImageType & { test: (head: Buffer) => boolean })[] = [
  { mime: 'image/png', ext: 'png', test: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/jpeg', ext: 'jpg', test: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { mime: 'image/gif', ext: 'gif', test: (h) => h.subarray(0, 6).toString('latin1') === 'GIF87a' || h.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { mime: 'image/webp', ext: 'webp', test: (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP' },
  { mime: 'image/avif', ext: 'avif', test: (h) => h.subarray(4, 12).toString('latin1') === 'ftypavif' },
  { mime: 'image/svg+xml', ext: 'svg', test: (h) => /^(\uFEFF)?\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>\s*)*<svg[\s>/]/i.test(h.toString('utf8')) },
];

export interface ImageType {
  mime: string;
  ext: string;
}

export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
/**
 * Largest picture decoded (64 million pixels: 8000×8000, more than a 61-megapixel camera gives),
 * so that a small file declaring a huge picture cannot exhaust the memory.
 */
export const MAX_MEDIA_PIXELS = 64_000_000;

/** A resized copy made at upload, as listed in the `variants` column. */
export interface MediaVariant {
  format: 'avif' | 'webp' | 'jpeg' | 'png' | 'gif' | 'svg';
  width: number;
  height: number;
  key: string;
  bytes: number;
}

export const MEDIA_PAGE_SIZE = 40;

export type MediaProblem = 'missing' | 'unsupported' | 'too_large' | 'unsafe_svg';

export class MediaRejected extends Error {
  constructor(readonly problem: MediaProblem, readonly file: string) {
    super(`${file}: ${problem}`);
  }
}

export type UploadRefusalReason = 'not_an_image' | 'too_large' | 'too_many_pixels' | 'unreadable' | 'unsafe_svg';

/** An uploaded file the library will not keep, and why (the admin says it in a sentence). */
export class UploadRefused extends Error {
  constructor(
    readonly reason: UploadRefusalReason,
    options: { cause?: unknown } = {},
    /** What makes an SVG file more than a drawing, for `unsafe_svg`. */
    readonly svg?: SvgRefusal,
  ) {
    super(`upload refused: ${reason}${svg ? ` (${svg.reason})` : ''}`, options);
  }
}

export interface StoredMedia {
  id: number;
  url: string;
  width: number | undefined;
  height: number | undefined;
  mimeType: string;
  created: boolean;
  /** The files this call added to the library beside the image itself (a drawing's PNG copy). */
  copyKeys: string[];
}

export function mediaRoot(dataDir: string): string {
  return path.join(dataDir, 'media');
}

export function detectImageType(head: Buffer): ImageType | undefined {
  const found = SIGNATURES.find((signature) => signature.test(head));
  return found && { mime: found.mime, ext: found.ext };
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
  if (type.ext === 'svg' && svgRefusal(content.toString('utf8'))) throw new MediaRejected('unsafe_svg', file);

  const sha256 = createHash('sha256').update(content).digest('hex');
  const existing = await trx.selectFrom('media').select(['id', 'storage_key', 'width', 'height', 'mime_type']).where('sha256', '=', sha256).executeTakeFirst();
  if (existing) {
    return { id: existing.id, url: MEDIA_URL_PREFIX + existing.storage_key, width: existing.width ?? undefined, height: existing.height ?? undefined, mimeType: existing.mime_type, created: false, copyKeys: [] };
  }

  const dimensions = readDimensions(content);
  // A file of an export's media folder keeps its name: another hash after it would make the
  // names grow at each round trip, and break the addresses that used them.
  const storageKey = keptStoredKey(file, sha256, type.ext, now) ?? `${monthFolder(now)}/${nameSlug(file)}-${sha256.slice(0, 10)}.${type.ext}`;
  const target = path.join(mediaRoot(dataDir), storageKey);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Written under a temporary name first, so a reader never sees half a file.
  fs.writeFileSync(target + '.part', content);
  fs.renameSync(target + '.part', target);
  // Imported when needed: media.drawings.ts imports this module.
  const copies = type.ext === 'svg' ? await (await import('./media.drawings.ts')).storeDrawingCopies(dataDir, storageKey, content) : { variants: [], written: [] };

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
      variants: JSON.stringify(copies.variants),
      created_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, url: MEDIA_URL_PREFIX + storageKey, width: dimensions?.width, height: dimensions?.height, mimeType: type.mime, created: true, copyKeys: copies.written };
}

/** Writes a file of the library unless it is already there (its name is its content). Returns whether it wrote. */
export function writeStoredFile(dataDir: string, key: string, content: Buffer): boolean {
  const target = path.join(mediaRoot(dataDir), key);
  if (fs.existsSync(target)) return false;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // Written under a temporary name first, so a reader never sees half a file.
  const partial = `${target}.${process.pid}.part`;
  fs.writeFileSync(partial, content);
  fs.renameSync(partial, target);
  return true;
}

function readDimensions(content: Buffer): { width: number; height: number } | undefined {
  try {
    const size = imageSize(content);
    return size.width && size.height ? { width: size.width, height: size.height } : undefined;
  } catch {
    return undefined;
  }
}

/** The copies listed by a library entry (none for imported photos; a drawing's are PNG, for cards and search engines only). */
export function mediaVariants(media: Pick<MediaRow, 'variants'>): MediaVariant[] {
  return JSON.parse(media.variants) as MediaVariant[];
}

/** One page (from 1) of the library, newest first, with the number of entries in all. */
export async function listMedia(db: Db, page: number): Promise<{ media: MediaRow[]; total: number }> {
  const { rows, total } = await listMediaPage(db.kysely, (page - 1) * MEDIA_PAGE_SIZE, MEDIA_PAGE_SIZE);
  return { media: rows, total };
}

/** Changes the alternative text or caption of an entry; undefined when there is no such entry. */
export async function editMedia(db: Db, id: number, text: { alt?: string | undefined; caption?: string | undefined }): Promise<MediaRow | undefined> {
  return updateMediaText(db.kysely, id, { alt: text.alt?.trim(), caption: text.caption?.trim() });
}

export type MediaDeletion = { outcome: 'deleted'; media: MediaRow } | { outcome: 'not_found' } | { outcome: 'in_use'; posts: number };

/**
 * Removes an entry and its files, unless a post still shows it: deleting it would leave a hole
 * in a published article (the writer removes it from the posts first).
 */
export async function deleteMedia(db: Db, dataDir: string, id: number): Promise<MediaDeletion> {
  const media = await findMediaById(db.kysely, id);
  if (!media) return { outcome: 'not_found' };
  const keys = [...new Set([media.storage_key, ...mediaVariants(media).map((variant) => variant.key)])];
  const posts = await countPostsUsing(db.kysely, keys.map((key) => MEDIA_URL_PREFIX + key));
  if (posts > 0) return { outcome: 'in_use', posts };
  // The row goes first: a file without a row is invisible, a row without its file is a broken image.
  await deleteMediaRow(db.kysely, id);
  for (const key of keys) {
    if (!(await isFileListedElsewhere(db.kysely, key, id))) fs.rmSync(path.join(mediaRoot(dataDir), key), { force: true });
  }
  return { outcome: 'deleted', media };
}

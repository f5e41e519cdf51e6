import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import type { Db } from '../db/db.ts';
import type { MediaRow } from '../db/schema.ts';
import type { RenderedVariant, VariantFormat } from './media.images.ts';
import { findMediaBySha256, findMediaByStorageKey, insertMedia, updateMediaText } from './media.queries.ts';
import { detectImageType, MAX_MEDIA_BYTES, mediaRoot, UploadRefused, writeStoredFile, type ImageType, type MediaVariant } from './media.service.ts';
import { renderDrawingCopies } from './media.drawings.ts';
import { monthFolder, nameSlug } from './media.names.ts';
import { svgRefusal } from './media.svg.ts';

/** A file sent from the admin, with what the uploader said about it. */
export interface Upload {
  content: Buffer;
  /** The file's name on the uploader's computer: it only ever becomes the slug of the stored names. */
  originalName: string;
  alt?: string | undefined;
  caption?: string | undefined;
  uploadedBy: number | null;
}

const EXTENSIONS: Record<VariantFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg', png: 'png', gif: 'gif', svg: 'svg' };

/**
 * Adds an uploaded image to the library: checked by its content (never its name), re-encoded
 * without metadata into AVIF, WebP and its own format at several widths, stored under names
 * made of a slug and a content hash; an SVG drawing is kept as it is, with a PNG copy. The same
 * bytes uploaded twice give the same entry. Throws UploadRefused with the reason when the file is not kept.
 */
export async function addUploadedMedia(db: Db, dataDir: string, upload: Upload, now = new Date()): Promise<{ media: MediaRow; created: boolean }> {
  const { content } = upload;
  if (content.length > MAX_MEDIA_BYTES) throw new UploadRefused('too_large');
  const type = detectImageType(content.subarray(0, 512));
  if (!type) throw new UploadRefused('not_an_image');
  const sha256 = createHash('sha256').update(content).digest('hex');
  const known = await findMediaBySha256(db.kysely, sha256);
  if (known) return { media: await completeText(db, known, upload), created: false };

  const { main, variants } = type.ext === 'svg' ? await drawingFiles(content) : await photoFiles(content, type);
  const folder = monthFolder(now);
  const base = nameSlug(upload.originalName);
  const keyOf = (file: RenderedVariant) =>
    `${folder}/${base}${file.format === 'svg' ? '' : `-${file.width}w`}-${digest(file.content).slice(0, 10)}.${EXTENSIONS[file.format]}`;
  const mainKey = keyOf(main);
  // Different bytes may hold the same picture (a copy whose metadata differs): one entry still.
  const samePicture = await findMediaByStorageKey(db.kysely, mainKey);
  if (samePicture) return { media: await completeText(db, samePicture, upload), created: false };

  const files = [main, ...variants.filter((variant) => variant !== main)].map((file) => ({ key: keyOf(file), file }));
  const written = files.filter(({ key, file }) => writeStoredFile(dataDir, key, file.content));
  const listed: MediaVariant[] = variants.map((variant) => ({
    format: variant.format,
    width: variant.width,
    height: variant.height,
    key: keyOf(variant),
    bytes: variant.content.length,
  }));
  try {
    const media = await insertMedia(db.kysely, {
      storage_key: mainKey,
      original_name: upload.originalName.slice(0, 255) || 'image',
      mime_type: type.mime,
      // What the library's URL serves; sha256 is the uploaded file's, to recognise it when sent again.
      bytes: main.content.length,
      width: main.width || null,
      height: main.height || null,
      sha256,
      alt: upload.alt?.trim() ?? '',
      caption: upload.caption?.trim() ?? '',
      variants: JSON.stringify(listed),
      uploaded_by: upload.uploadedBy,
      created_at: now.toISOString(),
    });
    return { media, created: true };
  } catch (error) {
    // The same picture sent twice at once: the other request recorded it first.
    const winner = await findMediaByStorageKey(db.kysely, mainKey);
    if (winner) return { media: winner, created: false };
    for (const { key } of written) fs.rmSync(path.join(mediaRoot(dataDir), key), { force: true });
    throw error;
  }
}

async function photoFiles(content: Buffer, type: ImageType): Promise<{ main: RenderedVariant; variants: RenderedVariant[] }> {
  // Loaded on the first upload: serving pages never needs sharp.
  const { renderImageVariants } = await import('./media.images.ts');
  return renderImageVariants(content, type);
}

/**
 * An SVG drawing is kept byte for byte, once it is known to be nothing more than a drawing, with
 * a PNG copy for social cards and search engines, which do not take SVG.
 */
async function drawingFiles(content: Buffer): Promise<{ main: RenderedVariant; variants: RenderedVariant[] }> {
  const refusal = svgRefusal(content.toString('utf8'));
  if (refusal) throw new UploadRefused('unsafe_svg', {}, refusal);
  let size: { width?: number | undefined; height?: number | undefined } = {};
  try {
    size = imageSize(content);
  } catch {
    // A drawing without a size still shows; it simply gets no width and height attributes.
  }
  return { main: { format: 'svg', width: size.width ?? 0, height: size.height ?? 0, content }, variants: await renderDrawingCopies(content) };
}

function digest(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** A second upload of a known image fills in the alternative text or caption it lacked, nothing more. */
async function completeText(db: Db, media: MediaRow, upload: Upload): Promise<MediaRow> {
  const alt = media.alt === '' && upload.alt?.trim() ? upload.alt.trim() : undefined;
  const caption = media.caption === '' && upload.caption?.trim() ? upload.caption.trim() : undefined;
  if (alt === undefined && caption === undefined) return media;
  return (await updateMediaText(db.kysely, media.id, { alt, caption })) ?? media;
}

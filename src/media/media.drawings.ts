import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/db.ts';
import type { RenderedVariant } from './media.images.ts';
import { listDrawingsWithoutCopies, setDrawingCopies } from './media.queries.ts';
import { mediaRoot, writeStoredFile, type MediaVariant } from './media.service.ts';
import { svgRefusal } from './media.svg.ts';

/**
 * Raster copies of the library's SVG drawings, for those that do not read SVG: social networks
 * (Open Graph and X cards) and Google's article images. Pages keep showing the drawing itself.
 */

/**
 * One copy, at Open Graph's card width. It also meets what Google asks of an article image (at
 * least 50,000 pixels, and 1,200 pixels wide for large previews), so one copy serves both.
 */
export const DRAWING_COPY_WIDTH = 1200;
/** A very tall drawing is drawn to this height instead, narrower: a card shows a band of it anyway. */
const DRAWING_COPY_MAX_HEIGHT = 2400;
/** Filters can make a small file slow to draw; past this the drawing simply gets no copy. */
const RENDER_TIMEOUT_SECONDS = 10;

/**
 * Draws the PNG copy of a drawing, sharp from the vector (drawn at the density that gives the
 * copy's size, never enlarged from a small bitmap). None for a drawing that is not a plain one,
 * whatever the caller checked, nor for one without a size or that cannot be drawn.
 */
export async function renderDrawingCopies(content: Buffer): Promise<RenderedVariant[]> {
  if (svgRefusal(content.toString('utf8'))) return [];
  // Loaded when there is a drawing to draw: a start with nothing to do, and serving pages, never need sharp.
  const { default: sharp } = await import('sharp');
  try {
    const { width, height } = await sharp(content).metadata();
    if (!width || !height) return [];
    const scale = Math.min(DRAWING_COPY_WIDTH / width, DRAWING_COPY_MAX_HEIGHT / height);
    const size = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
    // sharp's density range; past it the resize below brings the drawing to size.
    const density = Math.min(100_000, Math.max(1, 72 * scale));
    const encoded = await sharp(content, { density, limitInputPixels: DRAWING_COPY_WIDTH * DRAWING_COPY_MAX_HEIGHT * 4 })
      .resize({ ...size, fit: 'fill' })
      // Transparent parts would show the network's own background (black in X's dark mode).
      .flatten({ background: '#ffffff' })
      .png()
      .timeout({ seconds: RENDER_TIMEOUT_SECONDS })
      .toBuffer({ resolveWithObject: true });
    return [{ format: 'png', width: encoded.info.width, height: encoded.info.height, content: encoded.data }];
  } catch {
    // The drawing still shows on pages; its articles share the site's logo, as before.
    return [];
  }
}

/**
 * Draws and stores the copies of a drawing already in the library, named after it
 * (`<yyyy>/<mm>/<name>-1200w-<hash>.png`, as a photo's copies are). Gives them as the `variants`
 * column lists them, with the keys of the files this call wrote.
 */
export async function storeDrawingCopies(dataDir: string, drawingKey: string, content: Buffer): Promise<{ variants: MediaVariant[]; written: string[] }> {
  const stem = drawingKey.replace(/(?:-[0-9a-f]{10})?\.svg$/i, '');
  const variants: MediaVariant[] = [];
  const written: string[] = [];
  for (const copy of await renderDrawingCopies(content)) {
    const hash = createHash('sha256').update(copy.content).digest('hex').slice(0, 10);
    const key = `${stem}-${copy.width}w-${hash}.png`;
    if (writeStoredFile(dataDir, key, copy.content)) written.push(key);
    variants.push({ format: copy.format, width: copy.width, height: copy.height, key, bytes: copy.content.length });
  }
  return { variants, written };
}

/**
 * Gives their copies to the drawings stored before the library made any. Run once per start by
 * the process that prepares the database: after the first run only drawings that cannot be drawn
 * are left, and they cost a look each. Returns how many drawings got copies.
 */
export async function addMissingDrawingCopies(db: Db, dataDir: string): Promise<number> {
  let done = 0;
  // One at a time: a 1200-pixel drawing is small, and a start must not compete with itself.
  for (const drawing of await listDrawingsWithoutCopies(db.kysely)) {
    let content: Buffer;
    try {
      content = fs.readFileSync(path.join(mediaRoot(dataDir), drawing.storage_key));
    } catch {
      continue;
    }
    const { variants } = await storeDrawingCopies(dataDir, drawing.storage_key, content);
    if (variants.length > 0 && (await setDrawingCopies(db.kysely, drawing.id, JSON.stringify(variants)))) done++;
  }
  return done;
}

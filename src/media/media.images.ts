import sharp, { type Metadata, type Sharp } from 'sharp';
import { MAX_MEDIA_PIXELS, UploadRefused, type ImageType, type MediaVariant } from './media.service.ts';

/**
 * Turns an uploaded photo into the copies the site serves: AVIF, WebP and the photo's own format
 * at several widths. Every copy is re-encoded from decoded pixels, so none carries the camera's
 * metadata (EXIF with GPS position, XMP, ICC profiles: colours are converted to sRGB instead).
 */

export type VariantFormat = MediaVariant['format'];

/** The widths a photo is offered at; a photo is never enlarged to reach one. */
export const VARIANT_WIDTHS = [480, 800, 1200, 1600, 2400] as const;
/** Wider photos are scaled down to this for good, as WordPress does past 2560 pixels. */
const LARGEST_WIDTH = VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!;

export interface RenderedVariant {
  format: VariantFormat;
  width: number;
  height: number;
  content: Buffer;
}

export interface RenderedImage {
  /** The largest copy in the photo's own format: the file the library's URL points at. */
  main: RenderedVariant;
  variants: RenderedVariant[];
}

const FORMAT_OF_TYPE: Record<string, VariantFormat> = { jpg: 'jpeg', png: 'png', gif: 'gif', webp: 'webp', avif: 'avif' };

// Chosen for a 4000×3000 photo to be done in about a second on two cores: AVIF at effort 1 with
// 4:2:0 chroma encodes four times faster than effort 4 for files ~15 % larger, still about half
// the size of the JPEG; mozjpeg would be five times slower than libjpeg-turbo for ~30 % less.
const ENCODERS: Record<Exclude<VariantFormat, 'svg'>, (image: Sharp, palette: boolean) => Sharp> = {
  avif: (image) => image.avif({ quality: 55, effort: 1, chromaSubsampling: '4:2:0' }),
  webp: (image) => image.webp({ quality: 80, effort: 2 }),
  jpeg: (image) => image.jpeg({ quality: 82, progressive: true }),
  png: (image, palette) => image.png({ palette }),
  gif: (image) => image.gif({ effort: 4 }),
};

/** Reads, checks and re-encodes a raster image; throws UploadRefused when it cannot or must not be. */
export async function renderImageVariants(content: Buffer, type: ImageType): Promise<RenderedImage> {
  const format = FORMAT_OF_TYPE[type.ext];
  if (!format) throw new UploadRefused('not_an_image');
  const metadata = await readHeader(content);
  const frames = metadata.pages ?? 1;
  const width = metadata.autoOrient.width;
  const height = metadata.pageHeight ?? metadata.autoOrient.height;
  // Refused from the header alone: a small file may declare a picture that would fill the memory.
  if (width * height * frames > MAX_MEDIA_PIXELS) throw new UploadRefused('too_many_pixels');
  try {
    return frames > 1 ? await renderAnimation(content, format, width, height) : await renderStill(content, format, metadata.isPalette);
  } catch (error) {
    if (error instanceof UploadRefused) throw error;
    throw new UploadRefused('unreadable', { cause: error });
  }
}

async function readHeader(content: Buffer): Promise<Metadata> {
  try {
    // The header only: the pixel limit is checked by the caller, with the frames counted.
    return await sharp(content, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new UploadRefused('unreadable', { cause: error });
  }
}

/** The widths of the copies: the standard ones below the photo's width, and the photo's own (capped). */
export function variantWidths(width: number): number[] {
  const largest = Math.min(width, LARGEST_WIDTH);
  return [...VARIANT_WIDTHS.filter((candidate) => candidate < largest), largest];
}

async function renderStill(content: Buffer, format: VariantFormat, palette: boolean): Promise<RenderedImage> {
  // Decoded once, turned upright (EXIF orientation) and brought down to the largest width:
  // every copy is resized from these pixels, which carry no metadata at all.
  const { data, info } = await sharp(content, { limitInputPixels: MAX_MEDIA_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: LARGEST_WIDTH, withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const formats = [...new Set<VariantFormat>(['avif', 'webp', format])];
  const jobs = variantWidths(info.width).flatMap((width) =>
    formats.map(async (variantFormat): Promise<RenderedVariant> => {
      let image = sharp(data, pixels);
      if (width !== info.width) image = image.resize({ width });
      const encoded = await ENCODERS[variantFormat as Exclude<VariantFormat, 'svg'>](image, palette).toBuffer({ resolveWithObject: true });
      return { format: variantFormat, width: encoded.info.width, height: encoded.info.height, content: encoded.data };
    }),
  );
  const variants = await Promise.all(jobs);
  return { main: largestOf(variants, format), variants };
}

/** Animations keep their size (resizing every frame costs more than it saves) and gain a WebP copy. */
async function renderAnimation(content: Buffer, format: VariantFormat, width: number, height: number): Promise<RenderedImage> {
  const formats = [...new Set<VariantFormat>([format, 'webp'])];
  const variants = await Promise.all(
    formats.map(async (variantFormat): Promise<RenderedVariant> => {
      const image = sharp(content, { animated: true, limitInputPixels: MAX_MEDIA_PIXELS, failOn: 'error' });
      const encoded = await ENCODERS[variantFormat as Exclude<VariantFormat, 'svg'>](image, false).toBuffer();
      return { format: variantFormat, width, height, content: encoded };
    }),
  );
  return { main: largestOf(variants, format), variants };
}

function largestOf(variants: RenderedVariant[], format: VariantFormat): RenderedVariant {
  return variants.filter((variant) => variant.format === format).reduce((largest, variant) => (variant.width > largest.width ? variant : largest));
}

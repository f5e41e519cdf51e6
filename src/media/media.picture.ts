import { MEDIA_URL_PREFIX, type MediaVariant } from './media.service.ts';

/**
 * What the site needs to offer a library image as a `<picture>`: AVIF and WebP sources, the
 * image's own format as the `<img>` fallback, each at every width made, so the browser fetches
 * the smallest file its screen can use.
 */

/** The article column (70ch of the serif body, about 46rem) or the whole viewport below it. */
export const ARTICLE_IMAGE_SIZES = '(min-width: 50rem) 46rem, 100vw';

export interface MediaSrcset {
  avif: string;
  webp: string;
  original: string;
}

export interface PictureMarkup {
  /** `<source>` elements, best format first. */
  sources: { type: string; srcset: string }[];
  /** The `<img>`'s own srcset, in the image's original format. */
  srcset: string;
  sizes: string;
}

const FORMAT_OF_MIME: Record<string, MediaVariant['format']> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/svg+xml': 'svg',
};

/** `url 480w, url 800w…` of the copies in one format; '' when there are none. */
export function srcsetOf(variants: readonly MediaVariant[], format: MediaVariant['format']): string {
  return variants
    .filter((variant) => variant.format === format)
    .sort((a, b) => a.width - b.width)
    .map((variant) => `${MEDIA_URL_PREFIX}${variant.key} ${variant.width}w`)
    .join(', ');
}

export function mediaSrcset(variants: readonly MediaVariant[], mimeType: string): MediaSrcset {
  const original = FORMAT_OF_MIME[mimeType];
  return {
    avif: srcsetOf(variants, 'avif'),
    webp: srcsetOf(variants, 'webp'),
    original: original ? srcsetOf(variants, original) : '',
  };
}

/** The `<picture>` of a library image, or undefined when it has no copies in other formats (drawings, imports). */
export function pictureMarkup(variants: readonly MediaVariant[], mimeType: string, sizes = ARTICLE_IMAGE_SIZES): PictureMarkup | undefined {
  // A drawing's PNG copy is for social cards and search engines: on a page, the drawing is sharper and lighter.
  if (mimeType === 'image/svg+xml') return undefined;
  const srcset = mediaSrcset(variants, mimeType);
  const sources = [
    { type: 'image/avif', srcset: srcset.avif },
    { type: 'image/webp', srcset: srcset.webp },
  ].filter((source) => source.srcset !== '' && source.type !== mimeType);
  if (sources.length === 0) return undefined;
  return { sources, srcset: srcset.original, sizes };
}

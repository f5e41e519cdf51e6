import type { Db } from '../db/db.ts';
import { findMediaByStorageKey } from '../media/media.queries.ts';
import { MEDIA_URL_PREFIX, mediaVariants, type MediaVariant } from '../media/media.service.ts';
import { absoluteUrl } from '../site/site.urls.ts';
import type { ImageView } from '../site/site.models.ts';
import type { ImageCopy, SharedImage } from './seo.models.ts';

/**
 * Which picture of an article search engines and social networks get. A library image offers
 * every copy made at upload (a drawing, its PNG copy); Google wants several large ones, social
 * cards one of about 1200 pixels in a format they all read.
 */

const MIME_OF_FORMAT: Record<MediaVariant['format'], string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  svg: 'image/svg+xml',
};

/** Formats every social network reads (no AVIF, no SVG). */
const CARD_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
/** Formats Google takes for an article's images: not SVG (a drawing is offered through its PNG copy). */
const SEARCH_TYPES = new Set([...CARD_TYPES, 'image/avif']);
/** Google's minimum for an article image: 50,000 pixels. */
const MIN_SEARCH_PIXELS = 50_000;
/** Open Graph's recommended width. */
const CARD_WIDTH = 1200;

/** The library's copies of a featured image (itself included), largest first; none for an image from elsewhere. */
export async function featuredImageCopies(db: Db, imageUrl: string | null): Promise<ImageCopy[]> {
  if (!imageUrl?.startsWith(MEDIA_URL_PREFIX)) return [];
  const media = await findMediaByStorageKey(db.kysely, imageUrl.slice(MEDIA_URL_PREFIX.length));
  if (!media) return [];
  const copies: ImageCopy[] = mediaVariants(media).map((variant) => ({
    src: MEDIA_URL_PREFIX + variant.key,
    width: variant.width,
    height: variant.height,
    type: MIME_OF_FORMAT[variant.format],
  }));
  if (media.width && media.height && !copies.some((copy) => copy.src === imageUrl)) {
    copies.push({ src: imageUrl, width: media.width, height: media.height, type: media.mime_type });
  }
  return copies.sort((a, b) => b.width - a.width);
}

/** The type of an image from its address, when the library does not know it. */
function typeOfUrl(url: string): string | undefined {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  const types: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml' };
  return ext ? types[ext] : undefined;
}

function shared(siteUrl: string, src: string, width: number | undefined, height: number | undefined, alt: string, type: string | undefined): SharedImage {
  return { url: /^https?:\/\//.test(src) ? src : absoluteUrl(siteUrl, src), width, height, alt, type };
}

/** The candidates: the library's copies, or the image as the article names it. */
function candidates(siteUrl: string, image: ImageView, copies: ImageCopy[]): SharedImage[] {
  if (copies.length > 0) return copies.map((copy) => shared(siteUrl, copy.src, copy.width, copy.height, image.alt, copy.type));
  return [shared(siteUrl, image.src, image.width, image.height, image.alt, typeOfUrl(image.src))];
}

/** For structured data: each size in one format Google indexes (the image's own when possible), largest first. */
export function searchImages(siteUrl: string, image: ImageView | undefined, copies: ImageCopy[]): SharedImage[] {
  if (!image) return [];
  const all = candidates(siteUrl, image, copies).filter((c) => c.type === undefined || SEARCH_TYPES.has(c.type));
  const ownType = copies.find((copy) => copy.src === image.src)?.type ?? typeOfUrl(image.src);
  const preferred = all.filter((c) => c.type === ownType);
  const chosen = preferred.length > 0 ? preferred : all;
  const large = chosen.filter((c) => !c.width || !c.height || c.width * c.height >= MIN_SEARCH_PIXELS);
  return large.length > 0 ? large : chosen.slice(0, 1);
}

/** For Open Graph and X cards: the smallest copy at least 1200 pixels wide (else the largest) in a format they read. */
export function cardImage(siteUrl: string, image: ImageView | undefined, copies: ImageCopy[]): SharedImage | undefined {
  if (!image) return undefined;
  const readable = candidates(siteUrl, image, copies).filter((c) => c.type !== undefined && CARD_TYPES.has(c.type));
  if (readable.length === 0) return undefined;
  const byWidth = [...readable].sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
  // Among equal widths, the format the image came in (JPEG for a photo) before WebP.
  const wide = byWidth.filter((c) => (c.width ?? 0) >= CARD_WIDTH);
  const pool = wide.length > 0 ? wide.filter((c) => c.width === wide[0]!.width) : byWidth.filter((c) => c.width === byWidth[byWidth.length - 1]!.width);
  return pool.find((c) => c.type === 'image/jpeg' || c.type === 'image/png') ?? pool[0];
}

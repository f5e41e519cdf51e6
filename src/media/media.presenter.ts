import { Type, type Static } from '@sinclair/typebox';
import type { MediaRow } from '../db/schema.ts';
import { mediaSrcset } from './media.picture.ts';
import { MEDIA_URL_PREFIX, mediaVariants } from './media.service.ts';

/** A library image as the Admin API shows it. */
export const MediaSchema = Type.Object(
  {
    id: Type.Integer(),
    url: Type.String({ description: 'The largest copy in the image’s own format' }),
    width: Type.Union([Type.Integer(), Type.Null()]),
    height: Type.Union([Type.Integer(), Type.Null()]),
    mimeType: Type.String(),
    alt: Type.String(),
    caption: Type.String(),
    srcset: Type.Object(
      {
        avif: Type.String(),
        webp: Type.String(),
        original: Type.String(),
      },
      { description: 'Ready for <source srcset> and <img srcset>; empty when there is no copy in that format' },
    ),
    variants: Type.Array(
      Type.Object({
        format: Type.Union([Type.Literal('avif'), Type.Literal('webp'), Type.Literal('jpeg'), Type.Literal('png'), Type.Literal('gif'), Type.Literal('svg')]),
        width: Type.Integer(),
        height: Type.Integer(),
        url: Type.String(),
        bytes: Type.Integer(),
      }),
    ),
  },
  { additionalProperties: false },
);

export type PresentedMedia = Static<typeof MediaSchema>;

export function presentMedia(media: MediaRow): PresentedMedia {
  const variants = mediaVariants(media);
  return {
    id: media.id,
    url: MEDIA_URL_PREFIX + media.storage_key,
    width: media.width,
    height: media.height,
    mimeType: media.mime_type,
    alt: media.alt,
    caption: media.caption,
    srcset: mediaSrcset(variants, media.mime_type),
    variants: variants.map(({ format, width, height, key, bytes }) => ({ format, width, height, url: MEDIA_URL_PREFIX + key, bytes })),
  };
}

import type { PostSummaryRow } from '../content/content.queries.ts';
import type { Db } from '../db/db.ts';

export type HitRow = PostSummaryRow & { plain_text: string };

/** The posts of a page of results, with the text their snippets are cut from; in no set order. */
export async function loadHitRows(db: Db, ids: readonly number[]): Promise<HitRow[]> {
  if (ids.length === 0) return [];
  return db.kysely
    .selectFrom('posts')
    .select([
      'id',
      'type',
      'slug',
      'title',
      'excerpt',
      'published_at',
      'updated_at',
      'author_id',
      'reading_minutes',
      'image_url',
      'image_alt',
      'image_width',
      'image_height',
      'is_featured',
      'is_highlighted',
      'plain_text',
    ])
    .where('id', 'in', ids)
    .execute();
}

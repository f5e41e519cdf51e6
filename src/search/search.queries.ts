import type { PostSummaryRow } from '../content/content.queries.ts';
import type { Db } from '../db/db.ts';

export type HitRow = PostSummaryRow & { plain_text: string };

/**
 * The public posts among a page of results, with the text their snippets are cut from, in no set
 * order. Public is checked again here, as the site checks it, whatever the index said — in code:
 * in SQL, the planner would walk the timeline index rather than fetch ten rows by id.
 */
export async function loadHitRows(db: Db, ids: readonly number[], now: string): Promise<HitRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.kysely
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
      'status',
    ])
    .where('id', 'in', ids)
    .execute();
  return rows.flatMap(({ status, ...row }) => (row.type === 'post' && status !== 'draft' && row.published_at !== null && row.published_at <= now ? [row] : []));
}

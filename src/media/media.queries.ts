import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DatabaseSchema, MediaRow, MediaTable } from '../db/schema.ts';
import { preparedQuery } from '../db/prepared-query.ts';

type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

export function findMediaById(db: Executor, id: number): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMediaBySha256(db: Executor, sha256: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('sha256', '=', sha256).orderBy('id').executeTakeFirst();
}

const mediaByStorageKey = preparedQuery((db, p: { storageKey: string }) => db.selectFrom('media').selectAll().where('storage_key', '=', p.storageKey));

/** Asked by every uncached article with a library image, so built once (preparedQuery). */
export function findMediaByStorageKey(db: Executor, storageKey: string): Promise<MediaRow | undefined> {
  return mediaByStorageKey.first(db, { storageKey });
}

export async function insertMedia(db: Executor, values: Insertable<MediaTable>): Promise<MediaRow> {
  return db.insertInto('media').values(values).returningAll().executeTakeFirstOrThrow();
}

/** One page of the library, newest first. */
export async function listMediaPage(db: Executor, offset: number, limit: number): Promise<{ rows: MediaRow[]; total: number }> {
  const rows = await db.selectFrom('media').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').offset(offset).limit(limit).execute();
  const { total } = await db.selectFrom('media').select((eb) => eb.fn.countAll<string | number>().as('total')).executeTakeFirstOrThrow();
  return { rows, total: Number(total) };
}

export async function updateMediaText(db: Executor, id: number, text: { alt?: string; caption?: string }): Promise<MediaRow | undefined> {
  const changes = {
    ...(text.alt === undefined ? {} : { alt: text.alt }),
    ...(text.caption === undefined ? {} : { caption: text.caption }),
  };
  if (Object.keys(changes).length === 0) return findMediaById(db, id);
  return db.updateTable('media').set(changes).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteMediaRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('media').where('id', '=', id).execute();
}

/** How many posts show one of these files, in their body or as their featured image. */
export async function countPostsUsing(db: Executor, urls: readonly string[]): Promise<number> {
  if (urls.length === 0) return 0;
  const { count } = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where((eb) => eb.or(urls.flatMap((url) => [eb('image_url', '=', url), eb('markdown', 'like', `%${url}%`)])))
    .executeTakeFirstOrThrow();
  return Number(count);
}

/** Whether another library entry still lists this file (two uploads may yield the same copy). */
export async function isFileListedElsewhere(db: Executor, storageKey: string, exceptId: number): Promise<boolean> {
  const row = await db
    .selectFrom('media')
    .select('id')
    .where('id', '!=', exceptId)
    .where((eb) => eb.or([eb('storage_key', '=', storageKey), eb('variants', 'like', `%"${storageKey}"%`)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** The SVG drawings that have no raster copy yet: those stored before the library made them, or that could not be drawn. */
export function listDrawingsWithoutCopies(db: Executor): Promise<{ id: number; storage_key: string }[]> {
  return db.selectFrom('media').select(['id', 'storage_key']).where('mime_type', '=', 'image/svg+xml').where('variants', '=', '[]').orderBy('id').execute();
}

/** Lists a drawing's copies, unless another process listed them first. Returns whether this one did. */
export async function setDrawingCopies(db: Executor, id: number, variants: string): Promise<boolean> {
  const result = await db.updateTable('media').set({ variants }).where('id', '=', id).where('variants', '=', '[]').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

import type { Db } from '../db/db.ts';

/** What feeds read beyond a list's summary columns: creation dates (for ids), bodies, image files. */

export interface FeedPostDetails {
  id: number;
  created_at: string;
  /** Only when asked for: a site that publishes excerpts never reads its bodies into a feed. */
  html?: string;
}

export async function findFeedPostDetails(db: Db, ids: readonly number[], withHtml: boolean): Promise<Map<number, FeedPostDetails>> {
  if (ids.length === 0) return new Map();
  const rows: FeedPostDetails[] = withHtml
    ? await db.kysely.selectFrom('posts').select(['id', 'created_at', 'html']).where('id', 'in', ids).execute()
    : await db.kysely.selectFrom('posts').select(['id', 'created_at']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row]));
}

export interface LibraryFile {
  storage_key: string;
  mime_type: string;
  bytes: number;
}

/** The media library's files under these keys: an enclosure states the file's size and type. */
export async function findLibraryFiles(db: Db, storageKeys: readonly string[]): Promise<Map<string, LibraryFile>> {
  if (storageKeys.length === 0) return new Map();
  const rows = await db.kysely.selectFrom('media').select(['storage_key', 'mime_type', 'bytes']).where('storage_key', 'in', [...new Set(storageKeys)]).execute();
  return new Map(rows.map((row) => [row.storage_key, { ...row, bytes: Number(row.bytes) }]));
}

import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../../db/schema.ts';

type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

export async function isInMediaLibrary(db: Executor, sha256: string): Promise<boolean> {
  const row = await db.selectFrom('media').select('id').where('sha256', '=', sha256).executeTakeFirst();
  return row !== undefined;
}

export async function publishedAtOf(db: Executor, postId: number): Promise<string | null> {
  const row = await db.selectFrom('posts').select('published_at').where('id', '=', postId).executeTakeFirst();
  return row?.published_at ?? null;
}

import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../auth/auth.policy.ts';
import type { Db } from '../db/db.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { EventBus } from '../events/events.ts';

/** What the newsroom's content operations (publishing, revisions, taxonomy, settings) work with. */
export interface NewsroomContext {
  db: Db;
  events: EventBus;
  /** The clock (ISO 8601), shared with the public site and the job runner; tests move it. */
  now: () => string;
}

/** Who asks for a change, for the revision and the audit log: a person, a token, or the scheduler (null). */
export interface ChangeOrigin {
  actor: Actor | null;
  ip?: string | undefined;
}

export type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

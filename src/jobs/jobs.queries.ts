import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema, JobRow } from '../db/schema.ts';

/**
 * The durable job table: what must happen later (a scheduled publication…), kept in the database
 * so that a restart forgets nothing, and claimed with a lease so that two instances never run
 * the same job at once. The same SQL on SQLite and PostgreSQL.
 */

type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

export interface Job {
  id: number;
  kind: string;
  /** What the job is about, e.g. `post:42`: at most one pending job per kind and subject. */
  subject: string;
  runAt: string;
  payload: Record<string, unknown>;
  /** Runs begun so far, this one included once claimed. */
  attempts: number;
}

export interface JobRequest {
  kind: string;
  subject: string;
  runAt: string;
  payload?: Record<string, unknown>;
}

/** Creates the job, or moves the pending one of the same kind and subject to the new time. */
export async function scheduleJob(db: Executor, job: JobRequest, now: string): Promise<void> {
  const payload = JSON.stringify(job.payload ?? {});
  await db
    .insertInto('jobs')
    .values({ kind: job.kind, subject: job.subject, run_at: job.runAt, payload, created_at: now })
    .onConflict((oc) =>
      // A new time is a new job: its earlier failures and any lease on the old one no longer apply.
      oc.columns(['kind', 'subject']).doUpdateSet({ run_at: job.runAt, payload, attempts: 0, locked_until: null, last_error: null }),
    )
    .execute();
}

export async function cancelJob(db: Executor, kind: string, subject: string): Promise<void> {
  await db.deleteFrom('jobs').where('kind', '=', kind).where('subject', '=', subject).execute();
}

export async function findJob(db: Executor, kind: string, subject: string): Promise<Job | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('subject', '=', subject).executeTakeFirst();
  return row && presentJob(row);
}

/** Jobs of these kinds whose time has come and that no instance holds. */
export async function findDueJobs(db: Executor, kinds: readonly string[], now: string, limit: number): Promise<Job[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('kind', 'in', kinds)
    .where('run_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('run_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(presentJob);
}

/**
 * Takes the job for this instance until `lockedUntil`. The condition is checked by the UPDATE
 * itself, so of two instances racing for one job exactly one changes the row and wins.
 */
export async function claimJob(db: Executor, id: number, now: string, lockedUntil: string): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set((eb) => ({ locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('run_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes a job that ran, unless it was rescheduled meanwhile (which cleared the lease). */
export async function finishJob(db: Executor, id: number, lockedUntil: string): Promise<void> {
  await db.deleteFrom('jobs').where('id', '=', id).where('locked_until', '=', lockedUntil).execute();
}

/** Puts a failed job back for a later attempt, with the reason for whoever looks at the table. */
export async function retryJob(db: Executor, id: number, lockedUntil: string, runAt: string, error: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ run_at: runAt, locked_until: null, last_error: error.slice(0, 2000) })
    .where('id', '=', id)
    .where('locked_until', '=', lockedUntil)
    .execute();
}

/**
 * When the next of these jobs can run: its time, or the end of the lease another instance holds
 * on it (should that instance die, the job runs when the lease runs out).
 */
export async function nextJobAt(db: Executor, kinds: readonly string[]): Promise<string | undefined> {
  if (kinds.length === 0) return undefined;
  const [free, held] = await Promise.all([
    db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('run_at').as('next'))
      .where('kind', 'in', kinds)
      .where('locked_until', 'is', null)
      .executeTakeFirst(),
    db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('locked_until').as('next'))
      .where('kind', 'in', kinds)
      .where('locked_until', 'is not', null)
      .executeTakeFirst(),
  ]);
  const times = [free?.next, held?.next].filter((time): time is string => typeof time === 'string');
  return times.length === 0 ? undefined : times.reduce((earliest, time) => (time < earliest ? time : earliest));
}

function presentJob(row: JobRow): Job {
  let payload: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(row.payload);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) payload = parsed as Record<string, unknown>;
  } catch {
    // Written by scheduleJob only; an unreadable payload leaves the handler its subject.
  }
  return { id: row.id, kind: row.kind, subject: row.subject, runAt: row.run_at, payload, attempts: row.attempts };
}

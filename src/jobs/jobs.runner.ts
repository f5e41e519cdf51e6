import type { Db } from '../db/db.ts';
import type { EventBus } from '../events/events.ts';
import { claimJob, findDueJobs, finishJob, nextJobAt, retryJob, type Job } from './jobs.queries.ts';

export type JobHandler = (job: Job) => Promise<void>;

export interface JobRunnerOptions {
  db: Db;
  events: EventBus;
  /** What each kind of job does. Kinds without a handler are left for a process that knows them. */
  handlers: Readonly<Record<string, JobHandler>>;
  /** The clock (ISO 8601); tests move it instead of waiting. */
  now: () => string;
  /** How long a claimed job is kept from the other instances: longer than any job takes. */
  leaseMs?: number;
}

const BATCH = 20;
/** setTimeout's own limit (about 24.8 days); a later job is looked at again then. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** After the database failed to answer, the runner tries again this much later. */
const RETRY_PASS_MS = 30_000;

/** How long a failed job waits before its next attempt: 30 s, 1 min, 2 min… at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Runs the durable jobs on time: one timer set to the next due job, set again whenever content
 * changes (here or on another instance, where a publication may have been scheduled), and a
 * catch-up pass at start for the jobs that fell due while no process was running.
 */
export class JobRunner {
  private readonly kinds: string[];
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<number> | undefined;
  /** A pass was asked for while one was running: run once more when it ends. */
  private again = false;
  private running = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.kinds = Object.keys(options.handlers);
    options.events.on((event) => {
      if (this.running && event.type === 'content.changed') return this.arm();
    });
  }

  /** Runs the jobs that are due already, then waits for the next. */
  async start(): Promise<void> {
    this.running = true;
    await this.runDue();
  }

  /** Stops the timer and waits for the job in progress, so the database can close behind it. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pass?.catch(() => undefined);
  }

  /** Runs the due jobs without anyone waiting: a pass that fails is a warning, never a crash. */
  runInBackground(): void {
    this.runDue().catch((error: unknown) => {
      process.emitWarning(`A job pass failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Runs every due job now (one pass at a time); answers how many this pass completed. */
  runDue(): Promise<number> {
    if (this.pass) {
      this.again = true;
      return this.pass;
    }
    this.pass = this.drain().finally(() => {
      this.pass = undefined;
    });
    return this.pass;
  }

  private async drain(): Promise<number> {
    let completed = 0;
    try {
      do {
        this.again = false;
        for (;;) {
          const now = this.options.now();
          const due = await findDueJobs(this.options.db.kysely, this.kinds, now, BATCH);
          for (const job of due) if (await this.runOne(job, now)) completed++;
          if (due.length < BATCH) break;
        }
      } while (this.again);
    } finally {
      await this.arm();
    }
    return completed;
  }

  private async runOne(job: Job, now: string): Promise<boolean> {
    const { db, handlers, leaseMs = 5 * 60_000 } = this.options;
    const lockedUntil = new Date(Date.parse(now) + leaseMs).toISOString();
    // Another instance took it between the read and now: it is theirs.
    if (!(await claimJob(db.kysely, job.id, now, lockedUntil))) return false;
    const handler = handlers[job.kind]!;
    try {
      await handler({ ...job, attempts: job.attempts + 1 });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const runAt = new Date(Date.parse(now) + retryDelayMs(job.attempts + 1)).toISOString();
      await retryJob(db.kysely, job.id, lockedUntil, runAt, reason);
      process.emitWarning(`The ${job.kind} job for ${job.subject} failed and will be tried again at ${runAt}: ${reason}`);
      return false;
    }
    await finishJob(db.kysely, job.id, lockedUntil);
    return true;
  }

  /** Sets the timer to the next job's time. */
  private async arm(): Promise<void> {
    if (!this.running) return;
    let delay: number;
    try {
      const next = await nextJobAt(this.options.db.kysely, this.kinds);
      if (next === undefined) {
        clearTimeout(this.timer);
        return;
      }
      delay = Math.min(MAX_DELAY_MS, Math.max(0, Date.parse(next) - Date.parse(this.options.now())));
    } catch (error) {
      process.emitWarning(`The job runner could not read the job table: ${error instanceof Error ? error.message : String(error)}`);
      delay = RETRY_PASS_MS;
    }
    // Checked again after the query: stop() may have come meanwhile.
    if (!this.running) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.runInBackground(), delay);
    // The timer alone must not keep a process alive that has nothing else to do.
    this.timer.unref();
  }
}

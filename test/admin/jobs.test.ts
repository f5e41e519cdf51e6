import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/db/db.ts';
import { claimJob, findJob, scheduleJob, type Job } from '../../src/jobs/jobs.queries.ts';
import { JobRunner, type JobHandler } from '../../src/jobs/jobs.runner.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/database.ts';

const T = '2026-03-10T08:00:00.000Z';
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe.each(ENGINES)('the durable job runner (%s)', (engine) => {
  let database: TestDatabase;
  /** A second connection to the same database: another instance of Kiosque. */
  let other: Db;
  let clock: { now: string };
  let ran: Job[];
  let counter = 0;
  const kind = () => `test.kind.${++counter}`;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    other = await openDatabase(database.config);
  });
  afterAll(async () => {
    await other.close();
    await database.dispose();
  });
  beforeEach(() => {
    clock = { now: T };
    ran = [];
  });

  const runner = (jobKind: string, handler: JobHandler = async (job) => void ran.push(job), db: Db = database.db) =>
    new JobRunner({ db, events: database.events, handlers: { [jobKind]: handler }, now: () => clock.now });

  it('runs a job when its time has come, once, and not before', async () => {
    const k = kind();
    await scheduleJob(database.db.kysely, { kind: k, subject: 'post:1', runAt: later(T, 3_600_000), payload: { why: 'test' } }, T);
    const jobs = runner(k);
    expect(await jobs.runDue()).toBe(0);
    expect(ran).toHaveLength(0);

    clock.now = later(T, 3_600_000);
    expect(await jobs.runDue()).toBe(1);
    expect(ran).toMatchObject([{ kind: k, subject: 'post:1', payload: { why: 'test' }, attempts: 1 }]);
    expect(await findJob(database.db.kysely, k, 'post:1')).toBeUndefined();
    expect(await jobs.runDue()).toBe(0);
    expect(ran).toHaveLength(1);
  });

  it('keeps one pending job per kind and subject: scheduling again moves it', async () => {
    const k = kind();
    await scheduleJob(database.db.kysely, { kind: k, subject: 'post:2', runAt: later(T, 1000) }, T);
    await scheduleJob(database.db.kysely, { kind: k, subject: 'post:2', runAt: later(T, 60_000) }, T);
    expect(await findJob(database.db.kysely, k, 'post:2')).toMatchObject({ runAt: later(T, 60_000) });
    clock.now = later(T, 2000);
    expect(await runner(k).runDue()).toBe(0);
  });

  it('never runs one job twice when two instances race for the due jobs', async () => {
    const k = kind();
    for (let i = 0; i < 30; i++) await scheduleJob(database.db.kysely, { kind: k, subject: `post:${i}`, runAt: T }, T);
    const slowly: JobHandler = async (job) => {
      ran.push(job);
      await new Promise((resolve) => setTimeout(resolve, 2));
    };
    const [here, there] = await Promise.all([runner(k, slowly).runDue(), runner(k, slowly, other).runDue()]);
    expect(here + there).toBe(30);
    expect(ran).toHaveLength(30);
    expect(new Set(ran.map((job) => job.subject)).size).toBe(30);
  });

  it('leaves a job another instance holds until its lease runs out', async () => {
    const k = kind();
    await scheduleJob(database.db.kysely, { kind: k, subject: 'post:3', runAt: T }, T);
    const job = (await findJob(database.db.kysely, k, 'post:3'))!;
    // An instance claimed it, then died without finishing.
    expect(await claimJob(other.kysely, job.id, T, later(T, 300_000))).toBe(true);
    expect(await claimJob(database.db.kysely, job.id, T, later(T, 300_000))).toBe(false);
    expect(await runner(k).runDue()).toBe(0);
    clock.now = later(T, 300_001);
    expect(await runner(k).runDue()).toBe(1);
    expect(ran[0]).toMatchObject({ subject: 'post:3', attempts: 2 });
  });

  it('tries a failed job again later, keeping the reason', async () => {
    const k = kind();
    await scheduleJob(database.db.kysely, { kind: k, subject: 'post:4', runAt: T }, T);
    let fail = true;
    const flaky = runner(k, async (job) => {
      if (fail) throw new Error('the search index is away');
      ran.push(job);
    });
    expect(await flaky.runDue()).toBe(0);
    const row = await database.db.kysely.selectFrom('jobs').selectAll().where('kind', '=', k).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, locked_until: null, last_error: 'the search index is away', run_at: later(T, 30_000) });

    fail = false;
    expect(await flaky.runDue()).toBe(0);
    clock.now = later(T, 30_000);
    expect(await flaky.runDue()).toBe(1);
    expect(ran[0]).toMatchObject({ attempts: 2 });
  });

  it('sets its timer to the next job, and again when content changes', async () => {
    const k = kind();
    // A clock that runs: the timer waits in real time.
    const started = Date.now();
    clock = {
      get now() {
        return later(T, Date.now() - started);
      },
    };
    let resolveRun: (job: Job) => void = () => undefined;
    const done = new Promise<Job>((resolve) => (resolveRun = resolve));
    const jobs = runner(k, async (job) => resolveRun(job));
    await jobs.start();
    // Scheduled after the start, by someone who then says content changed.
    await scheduleJob(database.db.kysely, { kind: k, subject: 'post:5', runAt: later(clock.now, 300) }, clock.now);
    await database.events.emit({ type: 'content.changed', reason: 'post.saved', postIds: [5] });
    const job = await done;
    await jobs.stop();
    expect(job.subject).toBe('post:5');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

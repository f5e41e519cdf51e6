import type { FastifyInstance } from 'fastify';
import type { Kiosque } from '../app.ts';
import { PUBLISH_POST_JOB, publishScheduledPost, schedulePublications } from '../content/publishing.service.ts';
import { JobRunner } from './jobs.runner.ts';

/** The post a `post:<id>` subject names. */
function postIdOf(subject: string): number {
  const id = Number(subject.slice(subject.indexOf(':') + 1));
  if (!Number.isInteger(id)) throw new Error(`The subject ${subject} names no post`);
  return id;
}

/**
 * The job runner of a serving process: it starts with the app (running at once what fell due
 * while the site was down, and giving a job to each scheduled post written without one) and stops when
 * the app closes, before the database does.
 */
export function jobsPlugin(app: FastifyInstance, { kiosque, now }: { kiosque: Kiosque; now: () => string }): JobRunner {
  const ctx = { db: kiosque.db, events: kiosque.events, now };
  const runner = new JobRunner({
    db: kiosque.db,
    events: kiosque.events,
    now,
    handlers: {
      [PUBLISH_POST_JOB]: async (job) => {
        await publishScheduledPost(ctx, postIdOf(job.subject));
      },
    },
  });
  app.addHook('onReady', async () => {
    await schedulePublications(kiosque.db.kysely, now());
    await runner.start();
  });
  app.addHook('onClose', () => runner.stop());
  return runner;
}

import type { FastifyInstance } from 'fastify';
import type { Kiosque } from '../app.ts';
import { PUBLISH_POST_JOB, publishScheduledPost, schedulePublications } from '../content/publishing.service.ts';
import { RENDER_POSTS_JOB, renderStalePosts, scheduleStaleRenders } from '../content/stale-renders.service.ts';
import type { MarkdownRenderer } from '../content/markdown/markdown.pool.ts';
import { JobRunner } from './jobs.runner.ts';

/** The post a `post:<id>` subject names. */
function postIdOf(subject: string): number {
  const id = Number(subject.slice(subject.indexOf(':') + 1));
  if (!Number.isInteger(id)) throw new Error(`The subject ${subject} names no post`);
  return id;
}

/** Stale posts rendered again per pass of the job: a second or two of one thread's time. */
const RENDER_SLICE = 250;
/** Bodies of a slice rendered on the serving thread before the render thread starts: a small site needs none. */
const RENDER_INLINE_FIRST = 20;

/**
 * The job runner of a serving process: it starts with the app (running at once what fell due
 * while the site was down, giving a job to each scheduled post written without one, and one to
 * the posts whose HTML an earlier version or another language rendered) and stops when the app
 * closes, before the database does.
 */
export function jobsPlugin(app: FastifyInstance, { kiosque, now }: { kiosque: Kiosque; now: () => string }): JobRunner {
  const ctx = { db: kiosque.db, events: kiosque.events, now };
  let renderer: MarkdownRenderer | undefined;
  const closeRenderer = async () => {
    const closing = renderer;
    renderer = undefined;
    await closing?.close();
  };
  const runner = new JobRunner({
    db: kiosque.db,
    events: kiosque.events,
    now,
    handlers: {
      [PUBLISH_POST_JOB]: async (job) => {
        await publishScheduledPost(ctx, postIdOf(job.subject));
      },
      [RENDER_POSTS_JOB]: async () => {
        // Loaded when there is something to render: serving pages never needs the pipeline.
        const { createRenderPool } = await import('../content/markdown/markdown.pool.ts');
        // One thread for every slice of the job, stopped when the last is done. A thread per slice
        // took a 10,000-post blog's server to 236 MB, and it stayed above 210 MB; with one, it
        // peaks at 205 MB and is back to 139 MB when the thread stops.
        renderer ??= createRenderPool({ threads: 1, inlineFirst: RENDER_INLINE_FIRST });
        let more = false;
        try {
          ({ more } = await renderStalePosts(ctx, { locale: kiosque.settings.current.locale, renderer, limit: RENDER_SLICE, now: now() }));
        } finally {
          if (!more) await closeRenderer();
        }
      },
    },
  });
  /** Gives the stale posts their job, if any are, and says how many; answers whether it did. */
  const scheduleRenders = async () => {
    const stale = await scheduleStaleRenders(kiosque.db.kysely, kiosque.settings.current.locale, now());
    if (stale === 0) return false;
    app.log.info(`${stale} ${stale === 1 ? 'post was' : 'posts were'} rendered by an earlier version of Kiosque or in another language than the site's: rendering them again in the background.`);
    return true;
  };
  let serving = false;
  // A new language (set here, on another instance or by a command beside this process) makes every
  // post stale. Not awaited by whoever saved the settings: their save is done, whatever comes of this.
  kiosque.events.on((event) => {
    if (!serving || event.type !== 'settings.changed') return;
    scheduleRenders().then(
      (scheduled) => scheduled && runner.runInBackground(),
      (error: unknown) => process.emitWarning(`The stale renderings could not be looked for: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  app.addHook('onReady', async () => {
    await schedulePublications(kiosque.db.kysely, now());
    await runner.start();
    // After the start's pass, not in it: the site answers while a whole blog is rendered again.
    if (await scheduleRenders()) runner.runInBackground();
    serving = true;
  });
  app.addHook('onClose', async () => {
    serving = false;
    await runner.stop();
    await closeRenderer();
  });
  return runner;
}

import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { Locale } from '../i18n/i18n.ts';
import { scheduleJob } from '../jobs/jobs.queries.ts';
import { indexPost } from '../search/search.index.ts';
import { knownImages, renderedColumns, type ContentContext } from './content.service.ts';
import type { MarkdownRenderer } from './markdown/markdown.pool.ts';
import { RENDER_VERSION } from './markdown/markdown.version.ts';

/**
 * Posts whose stored HTML is stale: rendered by an earlier edition of the pipeline (before an
 * upgrade), or in another language than the site's (after the language setting changed). A
 * serving process renders them again in the background, a slice at a time, through the durable
 * job table, so that one instance does it and a restart resumes it. Nothing else of the post
 * changes: not its date of last change, not its address; its search entry follows its new text.
 */

export const RENDER_POSTS_JOB = 'posts.render';
const SUBJECT = 'stale';

type Executor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

/**
 * The stale posts, found through the `posts_render` index alone: another language on either side
 * of the site's, or the site's with an earlier edition. A newer edition is never stale, so an
 * instance not yet upgraded leaves alone what an upgraded one rendered.
 */
function stalePosts(db: Executor, locale: Locale) {
  return db
    .selectFrom('posts')
    .where((eb) =>
      eb.or([
        eb('render_locale', '<', locale),
        eb('render_locale', '>', locale),
        eb.and([eb('render_locale', '=', locale), eb('render_version', '<', RENDER_VERSION)]),
      ]),
    );
}

/** Gives the rendering a job now when some post is stale; answers how many are. */
export async function scheduleStaleRenders(db: Executor, locale: Locale, now: string): Promise<number> {
  const row = await stalePosts(db, locale)
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  const stale = Number(row.count);
  if (stale > 0) await scheduleJob(db, { kind: RENDER_POSTS_JOB, subject: SUBJECT, runAt: now }, now);
  return stale;
}

export interface StaleRenderOptions {
  locale: Locale;
  renderer: MarkdownRenderer;
  /** Posts rendered in this call at most; the job comes back for the rest. */
  limit: number;
  now: string;
}

/**
 * Renders up to `limit` stale posts again and writes each one's HTML, text and search entry,
 * unless it was saved meanwhile (its save rendered it already), then tells the rest of the
 * system. When some remain, the job is given again for now: the runner comes back to it after
 * whatever else is due. Answers how many posts it wrote, and whether it gave the job again.
 */
export async function renderStalePosts(ctx: ContentContext, options: StaleRenderOptions): Promise<{ written: number; more: boolean }> {
  const db = ctx.db.kysely;
  const { locale, renderer } = options;
  const posts = await stalePosts(db, locale)
    .select(['id', 'type', 'status', 'title', 'markdown', 'custom_excerpt', 'image_url', 'published_at', 'render_version', 'render_locale'])
    .limit(options.limit)
    .execute();
  const written: number[] = [];
  for (const post of posts) {
    const image = post.image_url ? { url: post.image_url, alt: '' } : undefined;
    const images = await knownImages(db, { markdown: post.markdown, image });
    const rendered = await renderer.render(post.markdown, { locale, imageSizes: images }).catch((error: unknown) => {
      throw new Error(`post ${post.id} could not be rendered: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    const imageSize = post.image_url ? images.get(post.image_url) : undefined;
    const columns = renderedColumns(rendered, post.custom_excerpt, locale);
    const done = await db.transaction().execute(async (trx) => {
      // Unchanged since it was read: a save meanwhile stored a newer rendering, and a change of
      // language meanwhile leaves this rendering stale again, for the next pass.
      const result = await trx
        .updateTable('posts')
        .set({ ...columns, ...(imageSize ? { image_width: imageSize.width, image_height: imageSize.height } : {}) })
        .where('id', '=', post.id)
        .where('render_version', '=', post.render_version)
        .where('render_locale', '=', post.render_locale)
        .where('markdown', '=', post.markdown)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      const links = await trx.selectFrom('post_categories').select('category_id').where('post_id', '=', post.id).orderBy('position').execute();
      await indexPost(trx, {
        id: post.id,
        type: post.type,
        status: post.status,
        title: post.title,
        excerpt: columns.excerpt,
        text: columns.plain_text,
        publishedAt: post.published_at,
        categoryIds: links.map((link) => link.category_id),
      });
      return true;
    });
    if (done) written.push(post.id);
  }
  const more = posts.length === options.limit && (await scheduleStaleRenders(db, locale, options.now)) > 0;
  if (written.length > 0) await ctx.events.emit({ type: 'content.changed', reason: 'post.rendered', postIds: written });
  return { written: written.length, more };
}

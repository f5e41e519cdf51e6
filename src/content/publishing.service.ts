import { recordAudit } from '../auth/audit.service.ts';
import type { PostStatus, PostType } from '../db/schema.ts';
import { KiosqueError } from '../errors.ts';
import { translator, type Locale } from '../i18n/i18n.ts';
import { cancelJob, scheduleJob } from '../jobs/jobs.queries.ts';
import { slugify } from '../lib/slug.ts';
import { readSettings, type SiteSettings } from '../settings/settings.ts';
import type { ChangeOrigin, Executor, NewsroomContext } from './content.admin.ts';
import { authorExists, loadPostState, type PostState } from './content.admin.queries.ts';
import { adminPostUrl } from './content.admin.presenters.ts';
import { writePost, type PostInput } from './content.service.ts';
import { postPath } from './permalinks.ts';
import { addressIsLive, leaveRedirect, markGone } from '../redirects/redirects.automatic.ts';
import { readRevision, recordRevision } from './revisions.service.ts';
import { resolveCategoryIds, resolveTagIds, type TermReference } from './taxonomy.service.ts';

/**
 * Publishing: each operation is one transaction that saves the post, keeps a revision, leaves a
 * 301 when a public address changes, keeps the scheduled-publication job true and writes the
 * audit log; once committed, `content.changed` empties the page cache of every instance.
 */

export const PUBLISH_POST_JOB = 'post.publish';

export function postJobSubject(id: number): string {
  return `post:${id}`;
}

/** A post's fields as the newsroom sends them: an absent field is left as it is (or its default, at creation). */
export interface PostFields {
  type?: PostType | undefined;
  title?: string | undefined;
  markdown?: string | undefined;
  slug?: string | undefined;
  status?: PostStatus | undefined;
  /** ISO 8601 with any offset; kept in UTC. */
  publishedAt?: string | null | undefined;
  excerpt?: string | null | undefined;
  seoTitle?: string | null | undefined;
  seoDescription?: string | null | undefined;
  featured?: boolean | undefined;
  highlighted?: boolean | undefined;
  image?: { url: string; alt: string; caption?: string | null | undefined } | null | undefined;
  categories?: readonly TermReference[] | undefined;
  tags?: readonly TermReference[] | undefined;
  /** The byline; by default the account's own. */
  authorId?: number | undefined;
}

export interface NewPostFields extends PostFields {
  title: string;
  markdown: string;
  status: PostStatus;
}

/** Where a saved post stands. */
export interface PostPlace {
  id: number;
  slug: string;
  url: string;
  status: PostStatus;
  publishedAt: string | null;
}

type Operation = 'post.create' | 'post.update' | 'post.publish' | 'post.schedule' | 'post.unpublish';

export function createPost(ctx: NewsroomContext, origin: ChangeOrigin, fields: NewPostFields): Promise<PostPlace> {
  return savePostChange(ctx, origin, undefined, fields, 'post.create');
}

export function updatePost(ctx: NewsroomContext, origin: ChangeOrigin, id: number, fields: PostFields): Promise<PostPlace> {
  return savePostChange(ctx, origin, id, fields, 'post.update');
}

/** Publishes now; a post published before and taken back keeps its original date. */
export async function publishPost(ctx: NewsroomContext, origin: ChangeOrigin, id: number): Promise<PostPlace> {
  const now = ctx.now();
  const state = await loadPostState(ctx.db.kysely, id);
  const keepDate = state?.publishedAt && state.publishedAt <= now;
  return savePostChange(ctx, origin, id, { status: 'published', publishedAt: keepDate ? state.publishedAt : now }, 'post.publish');
}

export function schedulePost(ctx: NewsroomContext, origin: ChangeOrigin, id: number, publishedAt: string): Promise<PostPlace> {
  return savePostChange(ctx, origin, id, { status: 'scheduled', publishedAt }, 'post.schedule');
}

/** Back to draft: readers no longer see it (its address answers 404), its date is kept. */
export function unpublishPost(ctx: NewsroomContext, origin: ChangeOrigin, id: number): Promise<PostPlace> {
  return savePostChange(ctx, origin, id, { status: 'draft' }, 'post.unpublish');
}

/** A new save with the content of an earlier revision; its status and date stay as they are. */
export async function restoreRevision(ctx: NewsroomContext, origin: ChangeOrigin, postId: number, revisionId: number): Promise<PostPlace> {
  const revision = await readRevision(ctx.db.kysely, postId, revisionId);
  if (!revision) throw new KiosqueError('not_found', { what: `revision ${revisionId} of post ${postId}` });
  const { fields } = revision;
  return savePostChange(
    ctx,
    origin,
    postId,
    {
      title: revision.title,
      markdown: revision.markdown,
      slug: fields.slug,
      excerpt: fields.excerpt,
      seoTitle: fields.seoTitle,
      seoDescription: fields.seoDescription,
      featured: fields.featured,
      highlighted: fields.highlighted,
      image: fields.image,
      categories: fields.categories,
      tags: fields.tags,
    },
    'post.update',
    { restoredRevision: revisionId },
  );
}

/** Deletes a post and its revisions; its public address answers 410 Gone from then on. */
export async function deleteAdminPost(ctx: NewsroomContext, origin: ChangeOrigin, id: number): Promise<boolean> {
  const settings = await readSettings(ctx.db);
  const now = ctx.now();
  const deleted = await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await loadPostState(trx, id);
    if (!before) return false;
    await trx.deleteFrom('posts').where('id', '=', id).execute();
    await cancelJob(trx, PUBLISH_POST_JOB, postJobSubject(id));
    if (isLive(before, now)) await markGone(trx, publicPath(before, settings), now);
    await recordAudit(trx, { actor: origin.actor, action: 'post.delete', targetType: 'post', targetId: id, ip: origin.ip, details: { title: before.title, slug: before.slug, status: before.status } });
    return true;
  });
  if (deleted) await ctx.events.emit({ type: 'content.changed', reason: 'post.deleted', postIds: [id] });
  return deleted;
}

/**
 * The scheduled-publication job: the post has been public since its time came (the row is the
 * schedule); now its status says so too, and the capabilities that follow publications hear of it.
 */
export async function publishScheduledPost(ctx: NewsroomContext, id: number): Promise<boolean> {
  const settings = await readSettings(ctx.db);
  const now = ctx.now();
  const published = await ctx.db.kysely.transaction().execute(async (trx) => {
    const post = await loadPostState(trx, id);
    if (!post || post.status !== 'scheduled' || !post.publishedAt) return false;
    if (post.publishedAt > now) {
      await scheduleJob(trx, { kind: PUBLISH_POST_JOB, subject: postJobSubject(id), runAt: post.publishedAt }, now);
      return false;
    }
    await trx.updateTable('posts').set({ status: 'published' }).where('id', '=', id).where('status', '=', 'scheduled').execute();
    await addressIsLive(trx, publicPath(post, settings));
    await recordAudit(trx, { actor: null, actorLabel: 'system', action: 'post.publish', targetType: 'post', targetId: id, details: { title: post.title, slug: post.slug, publishedAt: post.publishedAt, scheduled: true } });
    return true;
  });
  if (published) await ctx.events.emit({ type: 'content.changed', reason: 'post.published', postIds: [id] });
  return published;
}

/**
 * Gives every scheduled post its publication job at its date, when it has none or one at another
 * time. Importers write posts as rows and call this before they commit, so that a site serving
 * beside them publishes what they scheduled on time; the job runner calls it at start for rows
 * written any other way. Answers how many jobs it wrote.
 */
export async function schedulePublications(db: Executor, now: string): Promise<number> {
  const [posts, jobs] = await Promise.all([
    db.selectFrom('posts').select(['id', 'published_at']).where('status', '=', 'scheduled').execute(),
    db.selectFrom('jobs').select(['subject', 'run_at']).where('kind', '=', PUBLISH_POST_JOB).execute(),
  ]);
  const runAt = new Map(jobs.map((job) => [job.subject, job.run_at]));
  let written = 0;
  for (const post of posts) {
    const at = post.published_at ?? now;
    if (runAt.get(postJobSubject(post.id)) === at) continue;
    await scheduleJob(db, { kind: PUBLISH_POST_JOB, subject: postJobSubject(post.id), runAt: at }, now);
    written++;
  }
  return written;
}

async function savePostChange(
  ctx: NewsroomContext,
  origin: ChangeOrigin,
  existingId: number | undefined,
  fields: PostFields,
  operation: Operation,
  details: Record<string, unknown> = {},
): Promise<PostPlace> {
  const settings = await readSettings(ctx.db);
  const now = ctx.now();
  const after = await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = existingId === undefined ? undefined : await loadPostState(trx, existingId);
    if (existingId !== undefined && !before) throw new KiosqueError('not_found', { what: `post ${existingId}` });
    const input = await postInputFor(trx, before, fields, origin, now, settings.locale);
    const saved = await writePost(trx, input, { existingId, locale: settings.locale, now });
    const after = (await loadPostState(trx, saved.id))!;
    await recordRevision(trx, after, origin.actor?.userId ?? null, now);
    await followAddress(trx, before, after, settings, now);
    if (after.status === 'scheduled') await scheduleJob(trx, { kind: PUBLISH_POST_JOB, subject: postJobSubject(after.id), runAt: after.publishedAt! }, now);
    else await cancelJob(trx, PUBLISH_POST_JOB, postJobSubject(after.id));
    for (const action of auditActions(operation, before, after)) {
      await recordAudit(trx, {
        actor: origin.actor,
        action,
        targetType: 'post',
        targetId: after.id,
        ip: origin.ip,
        details: { title: after.title, slug: after.slug, status: after.status, publishedAt: after.publishedAt, fields: Object.keys(fields), ...details },
      });
    }
    return after;
  });
  await ctx.events.emit({ type: 'content.changed', reason: 'post.saved', postIds: [after.id] });
  return { id: after.id, slug: after.slug, url: adminPostUrl(after, settings, now), status: after.status, publishedAt: after.publishedAt };
}

function invalid(field: string, detail: string): KiosqueError {
  return new KiosqueError('invalid_request', { field, detail });
}

/** The post as it will be saved: the fields sent over what it was, checked against its status. */
export async function postInputFor(trx: Executor, before: PostState | undefined, fields: PostFields, origin: ChangeOrigin, now: string, locale: Locale): Promise<PostInput> {
  const t = translator(locale);
  const title = fields.title ?? before?.title ?? '';
  const status = fields.status ?? before?.status ?? 'draft';
  let publishedAt = fields.publishedAt !== undefined ? fields.publishedAt && new Date(fields.publishedAt).toISOString() : (before?.publishedAt ?? null);
  // Only a change of status or date is checked against the clock: editing a scheduled post
  // in the instant its time comes must not fail.
  const timing = fields.status !== undefined || fields.publishedAt !== undefined;
  if (status === 'published') {
    publishedAt ??= now;
    if (timing && publishedAt > now) throw invalid('publishedAt', t('content.error.publishedInFuture'));
  }
  if (status === 'scheduled' && (!publishedAt || (timing && publishedAt <= now))) throw invalid('publishedAt', t('content.error.scheduleInFuture'));
  if (status !== 'draft' && !title.trim()) throw invalid('title', t('content.error.titleRequired'));
  if (fields.slug !== undefined && fields.slug.trim() !== '' && !slugify(fields.slug)) throw invalid('slug', t('content.error.emptySlug'));
  if (fields.authorId !== undefined && !(await authorExists(trx, fields.authorId))) throw invalid('authorId', t('content.error.unknownAuthor'));

  const image = fields.image !== undefined ? fields.image : before?.image;
  return {
    type: fields.type ?? before?.type ?? 'post',
    title,
    slug: fields.slug?.trim() || slugFollowingTitle(before, title) || before?.slug || title,
    markdown: fields.markdown ?? before?.markdown ?? '',
    status,
    publishedAt,
    customExcerpt: fields.excerpt !== undefined ? fields.excerpt : (before?.customExcerpt ?? null),
    authorId: fields.authorId ?? before?.authorId ?? origin.actor?.authorId ?? null,
    categoryIds: fields.categories !== undefined ? await resolveCategoryIds(trx, fields.categories, now, locale) : (before?.categoryIds ?? []),
    tagIds: fields.tags !== undefined ? await resolveTagIds(trx, fields.tags, now, locale) : (before?.tagIds ?? []),
    image: image ?? null,
    seoTitle: fields.seoTitle !== undefined ? fields.seoTitle : (before?.seoTitle ?? null),
    seoDescription: fields.seoDescription !== undefined ? fields.seoDescription : (before?.seoDescription ?? null),
    featured: fields.featured ?? before?.featured ?? false,
    highlighted: fields.highlighted ?? before?.highlighted ?? false,
  };
}

/**
 * A draft whose slug was made from its title follows the title while it is written (the first
 * autosave often has no title yet); once chosen by hand, or once published, a slug stays.
 */
function slugFollowingTitle(before: PostState | undefined, title: string): string | undefined {
  if (!before || before.status !== 'draft' || title === before.title) return undefined;
  const base = slugify(before.title) || 'article';
  return before.slug === base || new RegExp(`^${base}-\\d+$`).test(before.slug) ? title : undefined;
}

/** Readers can see it: published or scheduled, and its time has come. */
function isLive(post: Pick<PostState, 'status' | 'publishedAt'>, now: string): boolean {
  return post.status !== 'draft' && post.publishedAt !== null && post.publishedAt <= now;
}

function publicPath(post: Pick<PostState, 'id' | 'type' | 'slug' | 'publishedAt'>, settings: SiteSettings): string {
  return postPath(post, settings.permalinkPattern, settings.timezone);
}

/** A live post that moved leaves a 301 at its old address; its new address redirects nowhere. */
async function followAddress(trx: Executor, before: PostState | undefined, after: PostState, settings: SiteSettings, now: string): Promise<void> {
  if (!isLive(after, now)) return;
  const to = publicPath(after, settings);
  await addressIsLive(trx, to);
  if (before && isLive(before, now)) await leaveRedirect(trx, publicPath(before, settings), to, now);
}

const STATUS_ACTION: Record<PostStatus, Operation> = { published: 'post.publish', scheduled: 'post.schedule', draft: 'post.unpublish' };

/** The operation, and the change of status it made when that is a different story (an edit that published). */
function auditActions(operation: Operation, before: PostState | undefined, after: PostState): Operation[] {
  const transition = (before?.status ?? 'draft') !== after.status ? STATUS_ACTION[after.status] : undefined;
  return transition && transition !== operation ? [operation, transition] : [operation];
}

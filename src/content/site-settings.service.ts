import { recordAudit } from '../auth/audit.service.ts';
import { KiosqueError } from '../errors.ts';
import { translator } from '../i18n/i18n.ts';
import { readSettings, writeSettings, type SiteSettings } from '../settings/settings.ts';
import type { ChangeOrigin, Executor, NewsroomContext } from './content.admin.ts';
import { postPath } from './permalinks.ts';
import { batches } from '../lib/batches.ts';
import { isTimeZone } from '../lib/time-zones.ts';
import { leaveRedirects } from '../redirects/redirects.automatic.ts';

/**
 * The site's settings as an administrator changes them. A new permalink pattern (or time zone,
 * which moves the date in dated addresses) leaves a 301 at every public post's old address, in
 * the same transaction as the change: no reader or search engine meets a dead link.
 */

const PERMALINK_TOKENS = /%(year|monthnum|day|postname|post_id)%/g;

function checkChanges(changes: Partial<SiteSettings>, locale: SiteSettings['locale']): void {
  const t = translator(locale);
  if (changes.timezone !== undefined && !isTimeZone(changes.timezone)) {
    throw new KiosqueError('invalid_request', { field: 'timezone', detail: t('settings.error.timezone') });
  }
  const pattern = changes.permalinkPattern;
  if (pattern !== undefined) {
    const literal = pattern.replace(PERMALINK_TOKENS, '');
    const identifies = /%postname%|%post_id%/.test(pattern);
    if (!identifies || !pattern.startsWith('/') || !pattern.endsWith('/') || !/^[a-z0-9\/_-]*$/.test(literal) || pattern.includes('//')) {
      throw new KiosqueError('invalid_request', { field: 'permalinkPattern', detail: t('settings.error.permalink') });
    }
  }
}

export async function updateSiteSettings(ctx: NewsroomContext, origin: ChangeOrigin, changes: Partial<SiteSettings>): Promise<SiteSettings> {
  const before = await readSettings(ctx.db);
  checkChanges(changes, before.locale);
  const after: SiteSettings = { ...before, ...changes };
  const now = ctx.now();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await writeSettings(trx, changes);
    await followPostAddresses(trx, before, after, now);
    const changed = Object.keys(changes).filter((key) => JSON.stringify(changes[key as keyof SiteSettings]) !== JSON.stringify(before[key as keyof SiteSettings]));
    await recordAudit(trx, {
      actor: origin.actor,
      action: 'settings.update',
      targetType: 'settings',
      ip: origin.ip,
      details: Object.fromEntries(changed.map((key) => [key, { from: before[key as keyof SiteSettings], to: after[key as keyof SiteSettings] }])),
    });
  });
  await ctx.events.emit({ type: 'settings.changed' });
  return readSettings(ctx.db);
}

type AddressSettings = Pick<SiteSettings, 'permalinkPattern' | 'timezone'>;

/** Ids asked for in one query, well under either engine's limit of bound values. */
const ID_CHUNK = 500;

/**
 * When the permalink pattern or the time zone changes, each public post's old address leads to its
 * new one (301). `onlyIds` limits it to some posts: an import that sets the pattern redirects the
 * posts the site had before it, while its own posts get the old blog's addresses instead.
 */
export async function followPostAddresses(trx: Executor, before: AddressSettings, after: AddressSettings, now: string, onlyIds?: readonly number[]): Promise<void> {
  if (after.permalinkPattern === before.permalinkPattern && after.timezone === before.timezone) return;
  if (onlyIds?.length === 0) return;
  const publicPosts = () =>
    trx.selectFrom('posts').select(['id', 'type', 'slug', 'published_at']).where('type', '=', 'post').where('status', 'in', ['published', 'scheduled']).where('published_at', '<=', now);
  const posts = [];
  if (!onlyIds) posts.push(...(await publicPosts().execute()));
  else for (const part of batches(onlyIds, ID_CHUNK)) posts.push(...(await publicPosts().where('id', 'in', part).execute()));
  const moves = posts.map((post) => {
    const target = { id: post.id, type: post.type, slug: post.slug, publishedAt: post.published_at };
    return { from: postPath(target, before.permalinkPattern, before.timezone), to: postPath(target, after.permalinkPattern, after.timezone) };
  });
  await leaveRedirects(trx, moves, now);
}

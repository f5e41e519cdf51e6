import type { Db } from '../db/db.ts';
import { EventBus } from '../events/events.ts';
import { NO_REDIRECTS } from '../redirects/redirects.resolver.ts';
import { readSettings } from '../settings/settings.ts';
import { CategoryDirectory } from '../site/site.categories.ts';
import { buildChrome, resolvePath, type SiteContext } from '../site/site.service.ts';
import { renderArticlePage } from '../site/views/article.view.tsx';
import { renderStaticPage } from '../site/views/page.view.tsx';
import type { ChangeOrigin } from './content.admin.ts';
import { loadPostState } from './content.admin.queries.ts';
import { writePost } from './content.service.ts';
import { postPath } from './permalinks.ts';
import { postInputFor, type PostFields } from './publishing.service.ts';

/** Thrown to roll the preview's transaction back once the page is rendered. */
class PreviewRendered extends Error {
  constructor(readonly html: string) {
    super('preview rendered');
  }
}

/**
 * The public page a post would be, rendered without storing anything: the post is written as
 * published inside a transaction, the site's own service and views render its address as a
 * reader would get it (the same neighbours, related posts, navigation), then everything is rolled
 * back. An existing post (`id`) is previewed in its own place, with its own slug.
 */
export async function previewPost(site: SiteContext, origin: ChangeOrigin, fields: PostFields & { id?: number | undefined }): Promise<string> {
  const { locale, permalinkPattern, timezone } = await readSettings(site.db);
  const now = site.now();
  try {
    await site.db.kysely.transaction().execute(async (trx) => {
      const before = fields.id === undefined ? undefined : await loadPostState(trx, fields.id);
      // As a draft, so that no rule of publication stops a preview; then shown as it will be published.
      const input = await postInputFor(trx, before, { ...fields, status: 'draft' }, origin, now, locale);
      const publishedAt = input.publishedAt ?? now;
      const saved = await writePost(trx, { ...input, status: 'published', publishedAt }, { existingId: before?.id, locale, now });
      const db: Db = { ...site.db, kysely: trx };
      // A scheduled post is shown as on the day it goes out.
      const shownAt = () => (publishedAt > now ? publishedAt : now);
      // The post itself is previewed, whatever rule its address has; and the rules read outside this transaction would wait for it.
      const context: SiteContext = { ...site, db, categories: new CategoryDirectory(db, new EventBus(), shownAt), counts: undefined, redirects: NO_REDIRECTS, now: shownAt };
      const path = postPath({ id: saved.id, type: saved.type, slug: saved.slug, publishedAt }, permalinkPattern, timezone);
      const found = await resolvePath(context, path);
      const chrome = await buildChrome(context, path);
      if (found.kind === 'article') throw new PreviewRendered(renderArticlePage(chrome, found.view));
      if (found.kind === 'page') throw new PreviewRendered(renderStaticPage(chrome, found.view));
      throw new Error(`The preview of ${path} found ${found.kind}`);
    });
  } catch (error) {
    if (error instanceof PreviewRendered) return error.html;
    throw error;
  }
  throw new Error('The preview transaction ended without rendering');
}

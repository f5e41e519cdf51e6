import type { FastifyInstance } from 'fastify';
import type { Kiosque } from '../app.ts';
import type { NewsroomContext } from '../content/content.admin.ts';
import { redirectRoutes } from '../redirects/redirects.routes.ts';
import type { SiteContext } from '../site/site.service.ts';
import { postRoutes } from './posts.routes.ts';
import { previewRoutes } from './preview.routes.ts';
import { settingsRoutes } from './settings.routes.ts';
import { taxonomyRoutes } from './taxonomy.routes.ts';

export const ADMIN_API_PREFIX = '/api/admin/v1';

export interface AdminApiOptions {
  kiosque: Kiosque;
  /** The public site, whose own views render the preview. */
  site: SiteContext;
  /** The clock shared with the public site and the job runner. */
  now: () => string;
}

/** The content half of the Admin API: posts and pages, publishing, revisions, preview, categories, tags, settings, redirects. */
export async function adminApi(app: FastifyInstance, { kiosque, site, now }: AdminApiOptions): Promise<void> {
  const ctx: NewsroomContext = { db: kiosque.db, events: kiosque.events, now };
  await app.register(
    async (api) => {
      await postRoutes(api, { ctx });
      await previewRoutes(api, { site });
      await taxonomyRoutes(api, { ctx });
      await settingsRoutes(api, { ctx });
      // Its own scope: it reads text/csv bodies, which no other route takes.
      await api.register(redirectRoutes, { ctx: { ...ctx, settings: kiosque.settings, siteUrl: site.siteUrl, resolver: site.redirects } });
    },
    { prefix: ADMIN_API_PREFIX },
  );
}

import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { authorize, requireActor } from '../auth/auth.hooks.ts';
import type { NewsroomContext } from '../content/content.admin.ts';
import { updateSiteSettings } from '../content/site-settings.service.ts';
import { readSettings } from '../settings/settings.ts';
import { strictObject } from './admin.schemas.ts';
import { originOf } from './posts.routes.ts';

const settingProperties = {
  title: Type.String({ minLength: 1, maxLength: 200, description: 'The site’s name' }),
  description: Type.String({ maxLength: 1000 }),
  locale: Type.Union([Type.Literal('fr'), Type.Literal('en')], { description: 'The language of the site (and of its addresses: /categorie/ or /category/)' }),
  timezone: Type.String({ minLength: 1, maxLength: 100, description: 'An IANA time zone, e.g. Europe/Paris: dates on the site and in dated addresses' }),
  permalinkPattern: Type.String({
    minLength: 3,
    maxLength: 200,
    description: 'Addresses of posts, with the tokens %year% %monthnum% %day% %postname% %post_id%; a change leaves a 301 at every old address',
  }),
  postsPerPage: Type.Integer({ minimum: 1, maximum: 100 }),
  footerLinks: Type.Array(strictObject({ label: Type.String({ minLength: 1, maxLength: 100 }), path: Type.String({ pattern: '^/', maxLength: 500 }) }), {
    maxItems: 20,
    description: 'Links in the footer: legal notice, privacy…',
  }),
  featuredOnHome: Type.Integer({ minimum: 0, maximum: 6, description: 'How many « À la une » posts the home page shows' }),
  highlightedOnHome: Type.Integer({ minimum: 0, maximum: 12, description: 'How many « Mis en avant » posts the home page shows' }),
  siteUrl: Type.String({
    maxLength: 500,
    pattern: '^(https?://[^/?#\\s]+(/[^?#\\s]*[^/?#\\s])?)?$',
    description: 'The public address of the site without a trailing slash (https://www.example.fr); canonical links, feeds and sitemaps start with it. Empty: the address the server listens on',
  }),
  hideFromSearchEngines: Type.Boolean({ description: 'While the blog is being prepared: every page says noindex and robots.txt disallows everything' }),
  articleSchemaType: Type.Union([Type.Literal('NewsArticle'), Type.Literal('BlogPosting')], { description: 'The schema.org type of articles in structured data' }),
  robotsTxt: Type.String({ maxLength: 20000, description: 'The robots.txt file; empty: the default, which allows everything but the admin and names the sitemap index. Ignored while hideFromSearchEngines is on' }),
  feedContent: Type.Union([Type.Literal('full'), Type.Literal('excerpt')], { description: 'Whether RSS, Atom and JSON feeds carry whole articles or their excerpts' }),
};

const Settings = strictObject(settingProperties);
const SettingsChanges = Type.Partial(Settings, { additionalProperties: false, description: 'Only the settings sent change.' });

/** The site's settings: every member of the staff reads them (the time zone of the schedule); administrators change them. */
export async function settingsRoutes(app: FastifyInstance, { ctx }: { ctx: NewsroomContext }): Promise<void> {
  app.get('/settings', {
    schema: { tags: ['settings'], summary: 'The site’s settings', response: { 200: Settings } },
    handler: async (request) => {
      requireActor(request);
      return readSettings(ctx.db);
    },
  });

  app.patch<{ Body: Static<typeof SettingsChanges> }>('/settings', {
    schema: { tags: ['settings'], summary: 'Change some settings', body: SettingsChanges, response: { 200: Settings } },
    handler: async (request) => {
      authorize(request, 'settings.manage');
      return updateSiteSettings(ctx, originOf(request), request.body);
    },
  });
}

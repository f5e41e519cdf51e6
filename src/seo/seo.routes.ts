import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SITE_LOGO, siteLogoPng } from './seo.logo.ts';

/** A day: the address is fixed, so a new favicon must reach crawlers within a day. */
const LOGO_CACHE_CONTROL = 'public, max-age=86400';

/** The site's raster logo at its fixed address. */
export async function seoRoutes(app: FastifyInstance): Promise<void> {
  app.get(SITE_LOGO.href, async (request, reply) => {
    const png = await siteLogoPng();
    const etag = `"${createHash('sha1').update(png).digest('base64url').slice(0, 22)}"`;
    reply.header('cache-control', LOGO_CACHE_CONTROL).header('etag', etag).header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('image/png').send(png);
  });
}

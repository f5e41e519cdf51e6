import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FAVICON_ICO_HREF, SITE_LOGO, siteFaviconIco, siteLogoPng } from './seo.logo.ts';

/** A day: the addresses are fixed, so a new favicon must reach crawlers within a day. */
const PICTURE_CACHE_CONTROL = 'public, max-age=86400';

/** The site's raster logo and favicon at their fixed addresses. */
export async function seoRoutes(app: FastifyInstance): Promise<void> {
  app.get(SITE_LOGO.href, async (request, reply) => sendPicture(request, reply, await siteLogoPng(), 'image/png'));
  app.get(FAVICON_ICO_HREF, async (request, reply) => sendPicture(request, reply, await siteFaviconIco(), 'image/x-icon'));
}

function sendPicture(request: FastifyRequest, reply: FastifyReply, picture: Buffer, type: string): FastifyReply {
  const etag = `"${createHash('sha1').update(picture).digest('base64url').slice(0, 22)}"`;
  reply.header('cache-control', PICTURE_CACHE_CONTROL).header('etag', etag).header('x-content-type-options', 'nosniff');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(type).send(picture);
}

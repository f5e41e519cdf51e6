import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding, matchesEtag, type PreparedResponse } from '../site/cache/page-cache.ts';

/** Writes a prepared response: conditional GET, content negotiation, HEAD. */
export function sendPrepared(
  request: FastifyRequest,
  reply: FastifyReply,
  response: PreparedResponse,
  extraHeaders: Readonly<Record<string, string>> = {},
): FastifyReply {
  reply.headers(extraHeaders);
  reply.header('cache-control', response.cacheControl);
  reply.header('etag', response.etag);
  reply.header('vary', 'accept-encoding');
  if (response.status === 200 && matchesEtag(request.headers['if-none-match'], response.etag)) {
    return reply.code(304).send();
  }
  const encoding = chooseEncoding(request.headers['accept-encoding'], response);
  const body = response.body(encoding);
  reply.code(response.status);
  reply.header('content-type', response.contentType);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  reply.header('content-length', body.length);
  // For HEAD, Fastify drops the body itself and keeps the length of the GET answer.
  return reply.send(body);
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding, matchesEtag, notModifiedSince, type PreparedResponse } from '../site/cache/page-cache.ts';

/**
 * Writes a prepared response (conditional GET, content negotiation, HEAD) straight to the socket:
 * its bytes and headers are final, so nothing in a framework's reply pipeline has work to do.
 */
export function writePrepared(request: IncomingMessage, raw: ServerResponse, response: PreparedResponse): void {
  if (response.status === 200 && isNotModified(request, response)) {
    raw.writeHead(304, response.headersFor('not-modified'));
    raw.end();
    return;
  }
  const encoding = chooseEncoding(request.headers['accept-encoding'], response);
  raw.writeHead(response.status, response.headersFor(encoding));
  raw.end(request.method === 'HEAD' ? undefined : response.body(encoding));
}

function isNotModified(request: IncomingMessage, response: PreparedResponse): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return matchesEtag(ifNoneMatch, response.etag);
  return notModifiedSince(request.headers['if-modified-since'], response.lastModified);
}

/** The same from a Fastify route: the reply is taken over and written directly. */
export function sendPrepared(request: FastifyRequest, reply: FastifyReply, response: PreparedResponse): FastifyReply {
  reply.hijack();
  writePrepared(request.raw, reply.raw, response);
  return reply;
}

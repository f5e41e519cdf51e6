import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { KiosqueError } from '../errors.ts';
import { acceptedLocale, type Locale } from '../i18n/i18n.ts';
import { refusedRequest } from './validation-errors.ts';

/**
 * Turns any error into the answer a person or a program can act on: one sentence, and for the
 * JSON APIs a stable code (and the field at fault, for bad input). Pages speak the site's
 * language; the APIs speak the one the request asks for (the admin app sends its own), else the
 * site's. Causes of server errors go to the log only.
 */
export function errorHandler(siteLocale: () => Locale) {
  return (error: FastifyError | KiosqueError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const known = asKiosqueError(error);
    if (known.status >= 500) request.log.error({ err: known.cause ?? error }, known.message);
    if (known.status === 429 && typeof known.params.seconds === 'number') reply.header('retry-after', String(known.params.seconds));
    // A CDN serves its stale copy meanwhile, instead of an error page it would cache.
    if (known.code === 'database_unavailable') reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    const api = request.url.startsWith('/api/');
    const message = known.publicMessage((api && acceptedLocale(request.headers['accept-language'])) || siteLocale());
    reply.code(known.status);
    if (!api) return reply.type('text/plain; charset=utf-8').send(message);
    const field = typeof known.params.field === 'string' && known.params.field !== '' ? { field: known.params.field } : {};
    return reply.type('application/json; charset=utf-8').send({ code: known.code, message, ...field });
  };
}

function asKiosqueError(error: FastifyError | KiosqueError | Error): KiosqueError {
  if (error instanceof KiosqueError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation && fastifyError.validation.length > 0) return refusedRequest(fastifyError.validation, fastifyError.validationContext, error);
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status === 413) return new KiosqueError('payload_too_large', { limit: 'the configured limit' }, { cause: error });
  if (status === 415) return new KiosqueError('unsupported_media', { detail: error.message }, { cause: error });
  if (status >= 400 && status < 500) return new KiosqueError('invalid_request', { field: 'request', detail: error.message }, { cause: error });
  if (isDatabaseUnavailable(error)) return new KiosqueError('database_unavailable', {}, { cause: error });
  return new KiosqueError('internal', {}, { cause: error });
}

const DATABASE_RETRY_AFTER_SECONDS = 30;

/** Node's codes for a server that cannot be reached, and PostgreSQL's for one shutting down, starting or cut off (class 08). */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);

/**
 * Whether the database failed as a whole rather than this query: unreachable, restarting, its
 * connections cut or all busy (pg's pool timeout; SQLite still locked after busy_timeout).
 */
function isDatabaseUnavailable(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || code.startsWith('SQLITE_BUSY'))) return true;
  return /^Connection terminated|^timeout exceeded when trying to connect/.test(error.message);
}

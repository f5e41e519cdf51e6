import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { KiosqueError } from '../errors.ts';
import type { Locale } from '../i18n/i18n.ts';

/**
 * Turns any error into the answer a person or a program can act on: one sentence in the site's
 * language, and for the JSON APIs a stable code (and the field at fault, for bad input). Causes
 * of server errors go to the log only.
 */
export function errorHandler(localeOf: () => Locale) {
  return (error: FastifyError | KiosqueError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const known = asKiosqueError(error);
    if (known.status >= 500) request.log.error({ err: known.cause ?? error }, known.message);
    if (known.status === 429 && typeof known.params.seconds === 'number') reply.header('retry-after', String(known.params.seconds));
    const message = known.publicMessage(localeOf());
    reply.code(known.status);
    if (!request.url.startsWith('/api/')) return reply.type('text/plain; charset=utf-8').send(message);
    const field = typeof known.params.field === 'string' && known.params.field !== '' ? { field: known.params.field } : {};
    return reply.type('application/json; charset=utf-8').send({ code: known.code, message, ...field });
  };
}

function asKiosqueError(error: FastifyError | KiosqueError | Error): KiosqueError {
  if (error instanceof KiosqueError) return error;
  const fastifyError = error as FastifyError;
  if (fastifyError.validation && fastifyError.validation.length > 0) {
    const first = fastifyError.validation[0]!;
    const extra = first.params as { additionalProperty?: string; missingProperty?: string };
    const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
    const named = extra.additionalProperty ?? extra.missingProperty;
    const field = [path, named].filter(Boolean).join('.') || (fastifyError.validationContext ?? 'body');
    return new KiosqueError('invalid_request', { field, detail: first.message ?? 'is invalid' }, { cause: error });
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status === 413) return new KiosqueError('payload_too_large', { limit: 'the configured limit' }, { cause: error });
  if (status === 415) return new KiosqueError('unsupported_media', { detail: error.message }, { cause: error });
  if (status >= 400 && status < 500) return new KiosqueError('invalid_request', { field: 'request', detail: error.message }, { cause: error });
  return new KiosqueError('internal', {}, { cause: error });
}

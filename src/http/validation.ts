import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyInstance, FastifySchema } from 'fastify';

/**
 * How request schemas are enforced. Fastify's defaults would quietly drop unknown fields and turn
 * `"title": 12` into `"12"`; an API that integrations rely on must instead refuse both with a 400
 * that names the field. Only a JSON body is held to its types exactly: a query string or a path
 * parameter is text by nature, so `?page=2` still reads as the number 2.
 */
export function enforceRequestSchemas(app: FastifyInstance): void {
  const build = AjvCompiler();
  const exact = build({}, { customOptions: { removeAdditional: false, coerceTypes: false } });
  const fromText = build({}, { customOptions: { removeAdditional: false, coerceTypes: 'array' } });
  app.setValidatorCompiler<FastifySchema>((route) => (route.httpPart === 'body' ? exact(route) : fromText(route)));
}

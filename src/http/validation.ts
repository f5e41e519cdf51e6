import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyInstance, FastifySchema } from 'fastify';

/** A route's schema, compiled the first time a request or a response needs it. */
type Compilation = () => unknown;

/** Every application's deferred compilations, so a test can force them all (compileEverySchema). */
const deferred = new WeakMap<FastifyInstance, Compilation[]>();

function later(app: FastifyInstance, compile: Compilation): void {
  let list = deferred.get(app);
  if (!list) {
    list = [];
    deferred.set(app, list);
  }
  list.push(compile);
}

/**
 * How request schemas are enforced. Fastify's defaults would quietly drop unknown fields and turn
 * `"title": 12` into `"12"`; an API that integrations rely on must instead refuse both with a 400
 * that names the field. Only a JSON body is held to its types exactly: a query string or a path
 * parameter is text by nature, so `?page=2` still reads as the number 2.
 *
 * Each schema, request or response, is compiled on first use rather than when the server starts:
 * compiling every admin and API route's validators and serialisers took about half of the time
 * from start to the first page served, and a reading site may never need most of them.
 */
export function enforceRequestSchemas(app: FastifyInstance): void {
  const build = AjvCompiler();
  const exact = build({}, { customOptions: { removeAdditional: false, coerceTypes: false } });
  const fromText = build({}, { customOptions: { removeAdditional: false, coerceTypes: 'array' } });
  app.setValidatorCompiler<FastifySchema>((route) => {
    const compile = route.httpPart === 'body' ? exact : fromText;
    let validate: ReturnType<typeof compile> | undefined;
    const compiled = (): ReturnType<typeof compile> => (validate ??= compile(route));
    later(app, compiled);
    // Fastify reads a failed validation's reasons from the function's `errors`, as Ajv leaves them.
    const lazy = Object.assign(
      (data: unknown) => {
        const check = compiled();
        // No schema here is `$async`: Ajv answers synchronously.
        const valid = check(data) as boolean;
        lazy.errors = check.errors;
        return valid;
      },
      { errors: undefined as ReturnType<typeof compile>['errors'] },
    );
    return lazy;
  });

  const serializers = SerializerSelector()({}, {});
  app.setSerializerCompiler((route) => {
    let serialize: ((data: unknown) => string) | undefined;
    const compiled = () => (serialize ??= serializers(route as Parameters<typeof serializers>[0]) as (data: unknown) => string);
    later(app, compiled);
    return (data: unknown) => compiled()(data);
  });
}

/** Compiles every schema now, as the first requests would; answers how many there were. */
export function compileEverySchema(app: FastifyInstance): number {
  const list = deferred.get(app) ?? [];
  for (const compile of list) compile();
  return list.length;
}

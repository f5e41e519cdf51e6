import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { SESSION_COOKIE } from '../auth/sessions.service.ts';

/**
 * The OpenAPI 3.1 document of every /api/ route, served at /api/openapi.json and generated from
 * the routes' own schemas as they are registered: the schemas that validate the requests are the
 * ones documented, so the two cannot drift apart.
 */

/** The route schema keys that document rather than validate (Fastify ignores them). */
interface DocumentedSchema extends FastifySchema {
  tags?: readonly string[];
  summary?: string;
  description?: string;
  consumes?: readonly string[];
  security?: readonly Record<string, readonly string[]>[];
  hide?: boolean;
}

interface CollectedRoute {
  method: string;
  url: string;
  schema: DocumentedSchema;
}

type JsonSchema = Record<string, unknown>;

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Every error: a stable code, a sentence in the site’s language, and the field at fault for invalid input.',
  properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
  required: ['code', 'message'],
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Collects every /api/ route registered after it and serves their document. Call it before any
 * route is registered: a route registered earlier is missing from the document.
 */
export function serveOpenApi(app: FastifyInstance): void {
  const routes: CollectedRoute[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = (route.schema ?? {}) as DocumentedSchema;
    if (!route.url.startsWith('/api/') || schema.hide) return;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD' && !routes.some((r) => r.method === method && r.url === route.url)) routes.push({ method, url: route.url, schema });
    }
  });

  let document: JsonSchema | undefined;
  app.get('/api/openapi.json', { schema: { hide: true } as DocumentedSchema }, async (_request, reply) => {
    // Built once, at the first request: every route is registered by then.
    document ??= openApiDocument(routes);
    return reply.header('cache-control', 'no-cache').send(document);
  });
}

function openApiDocument(routes: readonly CollectedRoute[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const tags = new Set<string>();
  // OpenAPI forbids two templates of one shape (/invitations/{id} and /invitations/{token}):
  // the later routes of a shape take the parameter names of the first.
  const names = new Map<string, string[]>();
  for (const route of [...routes].sort((a, b) => a.url.localeCompare(b.url))) {
    const url = route.url.replace(/(.)\/$/, '$1');
    const shape = url.replace(/:\w+/g, ':');
    const own = [...url.matchAll(/:(\w+)/g)].map((match) => match[1]!);
    const chosen = names.get(shape) ?? own;
    names.set(shape, chosen);
    let index = 0;
    const path = url.replace(/:\w+/g, () => `{${chosen[index++]}}`);
    const renamed = new Map(own.map((name, i) => [name, chosen[i]!]));
    for (const tag of route.schema.tags ?? []) tags.add(tag);
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route, path, renamed);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kiosque API',
      version: '1',
      description:
        'The Admin API (/api/admin/v1) that the admin app and integrations use. Sign in with a session cookie (and send its CSRF token in x-csrf-token with every change) or an API token as Authorization: Bearer. The Content API (/api/content/v1) is public and read-only.',
    },
    servers: [{ url: '/' }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: ERROR_SCHEMA },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'The session opened by POST /api/admin/v1/session.' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'The csrfToken of the session, required with the cookie on every change.' },
        token: { type: 'http', scheme: 'bearer', description: 'An API token created by an administrator, with the role it was given.' },
      },
    },
  };
}

function operation(route: CollectedRoute, path: string, pathNames: ReadonlyMap<string, string>): JsonSchema {
  const { schema } = route;
  const op: JsonSchema = {
    operationId: operationId(route.method, path),
    ...(schema.tags && { tags: schema.tags }),
    ...(schema.summary && { summary: schema.summary }),
    ...(schema.description && { description: schema.description }),
  };
  const inPath: JsonSchema[] = parametersOf(schema.params, 'path').map((parameter) => ({ ...parameter, name: pathNames.get(String(parameter.name)) ?? parameter.name }));
  // A path parameter without a schema is still a parameter of the operation.
  for (const name of pathNames.values()) if (!inPath.some((parameter) => parameter.name === name)) inPath.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  const parameters = [...inPath, ...parametersOf(schema.querystring, 'query'), ...parametersOf(schema.headers, 'header')];
  if (parameters.length > 0) op.parameters = parameters;
  const body = schema.body as { content?: JsonSchema } | undefined;
  // A body declared per content type is optional (the publication actions take none).
  if (body?.content) op.requestBody = { required: false, content: body.content };
  else if (body) op.requestBody = { required: true, content: { [schema.consumes?.[0] ?? 'application/json']: { schema: body } } };
  op.responses = responsesOf(route, path);
  const admin = route.url.startsWith('/api/admin/');
  if (schema.security) op.security = schema.security;
  else if (admin) op.security = UNSAFE.has(route.method) ? [{ session: [], csrf: [] }, { token: [] }] : [{ session: [] }, { token: [] }];
  return op;
}

function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/(admin\/v1\/)?/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return method.toLowerCase() + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

function parametersOf(schema: unknown, place: 'path' | 'query' | 'header'): JsonSchema[] {
  const object = schema as { properties?: Record<string, JsonSchema>; required?: string[] } | undefined;
  if (!object?.properties) return [];
  return Object.entries(object.properties).map(([name, property]) => ({
    name,
    in: place,
    required: place === 'path' || (object.required ?? []).includes(name),
    ...(typeof property.description === 'string' && { description: property.description }),
    schema: property,
  }));
}

const REASONS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '204': 'Done; no content',
  '400': 'Invalid request: the field at fault is named',
  '401': 'Not signed in, or the credentials are wrong',
  '403': 'The role does not allow this, or the CSRF token is missing',
  '404': 'Not found',
  '409': 'Conflict with the current state',
  '410': 'Gone',
  '413': 'Too large',
  '415': 'Unsupported media',
  '429': 'Too many attempts',
};

function responsesOf(route: CollectedRoute, path: string): JsonSchema {
  const responses: JsonSchema = {};
  for (const [status, declared] of Object.entries((route.schema.response ?? {}) as Record<string, JsonSchema>)) {
    const code = status.replace(/xx$/, 'XX');
    const description = typeof declared.description === 'string' ? declared.description : (REASONS[code] ?? 'Answer');
    if (declared.content) responses[code] = { description, content: declared.content };
    else if (code === '204') responses[code] = { description };
    else responses[code] = { description, content: { 'application/json': { schema: declared } } };
  }
  if (Object.keys(responses).length === 0) responses['200'] = { description: REASONS['200'] };
  const errors = ['400', ...(route.url.startsWith('/api/admin/') ? ['401', '403'] : []), ...(path.includes('{') ? ['404'] : [])];
  for (const code of errors) {
    responses[code] ??= { description: REASONS[code], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  }
  return responses;
}

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

interface Operation {
  operationId: string;
  tags?: string[];
  summary?: string;
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Record<string, unknown> }> }>;
  security?: Record<string, string[]>[];
}

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { type: string }> };
}

/** A route's method and path with its parameters unnamed: `GET /api/admin/v1/posts/:`. */
const shape = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{\w+\}|:\w+/g, ':')}`;

/** Every route the app answers under /api/, read from Fastify's own routing tree. */
function registeredApiRoutes(app: FastifyInstance): Set<string> {
  const routes = new Set<string>();
  const pathAt: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│├└─ ]*)(\S.*) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    // Two routes may share a node with different parameter names (":id|:token").
    const path = (pathAt[depth - 1] ?? '') + match[2]!.replace(/\|:\w+/g, '');
    pathAt[depth] = path;
    if (!path.startsWith('/api/') || path === '/api/openapi.json') continue;
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.add(shape(method, path.replace(/(.)\/$/, '$1')));
  }
  return routes;
}

describe.each(ENGINES)('the OpenAPI document (%s)', (engine) => {
  let site: TestSite;
  let document: OpenApiDocument;

  beforeAll(async () => {
    site = await startTestSite(engine);
    const response = await site.get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    document = JSON.parse(response.body) as OpenApiDocument;
  });
  afterAll(() => site.dispose());

  it('is an OpenAPI 3.1 document with paths, operations, schemas and the two ways to sign requests', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: 'Kiosque API', version: '1' });
    expect(Object.keys(document.paths).length).toBeGreaterThan(20);
    expect(document.components.securitySchemes).toMatchObject({ session: { type: 'apiKey' }, csrf: { type: 'apiKey' }, token: { type: 'http' } });
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths)) {
      expect(path).toMatch(/^\/api\//);
      for (const operation of Object.values(operations)) {
        expect(ids.has(operation.operationId)).toBe(false);
        ids.add(operation.operationId);
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
        // Every {name} of the path is a required path parameter of the operation, and nothing else is.
        const inPath = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(inPath.sort()).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
        expect((operation.parameters ?? []).filter((p) => p.in === 'path').every((p) => p.required)).toBe(true);
        for (const response of Object.values(operation.responses)) {
          expect(typeof response.description).toBe('string');
          for (const media of Object.values(response.content ?? {})) {
            const ref = (media.schema as { $ref?: string }).$ref;
            if (ref) expect(ref).toBe('#/components/schemas/Error');
          }
        }
      }
    }
  });

  it('documents every route under /api/, the other capabilities’ (sign-in, media, users…) included', () => {
    const documented = new Set(Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => shape(method, path))));
    const registered = registeredApiRoutes(site.app);
    expect(registered.size).toBeGreaterThan(20);
    expect(documented).toEqual(registered);
    for (const route of ['POST /api/admin/v1/posts', 'POST /api/admin/v1/session', 'POST /api/admin/v1/media', 'PATCH /api/admin/v1/settings']) {
      expect(documented.has(shape(...(route.split(' ') as [string, string])))).toBe(true);
    }
  });

  it('describes each admin operation by its schemas: what it takes, what it answers, who may call it', () => {
    const create = document.paths['/api/admin/v1/posts']!.post!;
    expect(create).toMatchObject({ tags: ['posts'], summary: expect.any(String) });
    const body = create.requestBody!.content['application/json']!.schema as { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(body.required.sort()).toEqual(['markdown', 'status', 'title']);
    expect(body.additionalProperties).toBe(false);
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['categories', 'tags', 'publishedAt', 'slug', 'image', 'featured', 'highlighted']));
    expect(create.responses['201']!.content!['application/json']!.schema).toMatchObject({ properties: { id: {}, slug: {}, url: {} } });
    expect(create.responses['400']).toBeDefined();
    expect(create.security).toEqual([{ session: [], csrf: [] }, { token: [] }]);

    const list = document.paths['/api/admin/v1/posts']!.get!;
    expect(list.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['query:type', 'query:status', 'query:q', 'query:category', 'query:author', 'query:page', 'query:limit']));
    expect(list.security).toEqual([{ session: [] }, { token: [] }]);

    const preview = document.paths['/api/admin/v1/preview']!.post!;
    expect(Object.keys(preview.responses['200']!.content!)).toEqual(['text/html']);
    // The publication actions take no body, or an empty object.
    expect(document.paths['/api/admin/v1/posts/{id}/publish']!.post!.requestBody).toMatchObject({ required: false });
    for (const tag of ['posts', 'categories', 'tags', 'settings']) {
      expect(Object.values(document.paths).some((operations) => Object.values(operations).some((operation) => operation.tags?.includes(tag)))).toBe(true);
    }
  });
});

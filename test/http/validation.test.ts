import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/http/error-handler.ts';
import { compileEverySchema, enforceRequestSchemas } from '../../src/http/validation.ts';
import { ENGINES } from '../support/database.ts';
import { startTestSite } from '../support/site.ts';

async function appWithOneRoute() {
  const app = Fastify();
  app.setErrorHandler(errorHandler(() => 'en'));
  enforceRequestSchemas(app);
  app.post(
    '/api/things',
    {
      schema: {
        body: Type.Object({ title: Type.String(), count: Type.Optional(Type.Integer()) }, { additionalProperties: false }),
        querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
      },
    },
    async (request) => ({ body: request.body, query: request.query }),
  );
  await app.ready();
  return app;
}

describe('request schemas', () => {
  it('refuses an unknown field with a 400 that names it, instead of dropping it', async () => {
    const app = await appWithOneRoute();
    const response = await app.inject({ method: 'POST', url: '/api/things', payload: { title: 'Soldes', colour: 'red' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_request', field: 'colour' });
  });

  it('refuses a wrong type in a JSON body instead of converting it', async () => {
    const app = await appWithOneRoute();
    const number = await app.inject({ method: 'POST', url: '/api/things', payload: { title: 12 } });
    expect(number.statusCode).toBe(400);
    expect(number.json()).toMatchObject({ code: 'invalid_request', field: 'title' });
    const text = await app.inject({ method: 'POST', url: '/api/things', payload: { title: 'Soldes', count: '3' } });
    expect(text.json()).toMatchObject({ field: 'count' });
  });

  it('still reads numbers from the query string, which is text by nature', async () => {
    const app = await appWithOneRoute();
    const response = await app.inject({ method: 'POST', url: '/api/things?page=2', payload: { title: 'Soldes', count: 3 } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ body: { title: 'Soldes', count: 3 }, query: { page: 2 } });
    const bad = await app.inject({ method: 'POST', url: '/api/things?page=deux', payload: { title: 'Soldes' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'page' });
  });
});

describe('schemas compiled on first use', () => {
  it('still shapes a response by its schema', async () => {
    const app = Fastify();
    enforceRequestSchemas(app);
    app.get(
      '/api/thing',
      { schema: { response: { 200: Type.Object({ title: Type.String(), count: Type.Integer() }) } } },
      async () => ({ title: 'Soldes', count: 3, secret: 'hors schéma' }),
    );
    await app.ready();
    const response = await app.inject({ url: '/api/thing' });
    expect(response.json()).toEqual({ title: 'Soldes', count: 3 });
    // The GET route's response schema, and that of the HEAD route Fastify adds beside it.
    expect(compileEverySchema(app)).toBe(2);
  });

  it.each(ENGINES)('compiles every schema of the whole application on %s without an error', async (engine) => {
    const site = await startTestSite(engine);
    try {
      // Nothing compiled them at start: a broken schema would only show on its route's first request.
      expect(compileEverySchema(site.app)).toBeGreaterThan(100);
    } finally {
      await site.dispose();
    }
  });
});


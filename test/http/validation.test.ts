import Fastify from 'fastify';
import { Type } from '@sinclair/typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../src/http/error-handler.ts';
import { compileEverySchema, enforceRequestSchemas } from '../../src/http/validation.ts';
import { startAdminSite, type AdminSite } from '../admin/admin-site.ts';
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

describe('a refused field, in words', () => {
  let site: AdminSite;
  beforeAll(async () => {
    site = await startAdminSite('sqlite');
  });
  afterAll(() => site.dispose());

  const long = 'x'.repeat(301);
  // What a French administrator did, the field the programs read, and the sentence the person reads.
  const scenarios: { what: string; method: 'POST' | 'PATCH'; path: string; body: unknown; field: string; message: string }[] = [
    { what: 'a title too long', method: 'POST', path: '/posts', body: { title: long, markdown: 'x', status: 'draft' }, field: 'title', message: 'Le titre ne doit pas dépasser 300\u00a0caractères.' },
    { what: 'a missing title', method: 'POST', path: '/posts', body: { markdown: 'x', status: 'draft' }, field: 'title', message: 'Le titre est obligatoire.' },
    { what: 'an unknown status', method: 'POST', path: '/posts', body: { title: 'x', markdown: 'x', status: 'bientôt' }, field: 'status', message: 'Le statut doit valoir l’une de ces valeurs\u00a0: draft, scheduled, published.' },
    { what: 'a date without its time', method: 'POST', path: '/posts', body: { title: 'x', markdown: 'x', status: 'draft', publishedAt: '10/03/2026' }, field: 'publishedAt', message: 'La date de publication doit être une date avec son heure, comme 2026-03-10T08:00:00Z.' },
    { what: 'a tag that is not text', method: 'POST', path: '/posts', body: { title: 'x', markdown: 'x', status: 'draft', tags: [true] }, field: 'tags.0', message: 'Une étiquette doit être un nombre entier.' },
    { what: 'an unknown field', method: 'POST', path: '/posts', body: { title: 'x', markdown: 'x', status: 'draft', colour: 'red' }, field: 'colour', message: 'Le champ «\u00a0colour\u00a0» n’existe pas ici.' },
    { what: 'an e-mail address too short', method: 'POST', path: '/invitations', body: { email: 'a@', role: 'author' }, field: 'email', message: 'L’adresse e-mail doit contenir au moins 3\u00a0caractères.' },
    { what: 'a site address without http', method: 'PATCH', path: '/settings', body: { siteUrl: 'www.example.fr' }, field: 'siteUrl', message: 'L’adresse du site doit commencer par http:// ou https://, sans «\u00a0/\u00a0» final.' },
    { what: 'no post per page', method: 'PATCH', path: '/settings', body: { postsPerPage: 0 }, field: 'postsPerPage', message: 'Le nombre d’articles par page doit valoir au moins 1.' },
    { what: 'too many « À la une »', method: 'PATCH', path: '/settings', body: { featuredOnHome: 7 }, field: 'featuredOnHome', message: 'Le nombre d’articles «\u00a0À la une\u00a0» de l’accueil doit valoir au plus 6.' },
    { what: 'a footer link outside the site', method: 'PATCH', path: '/settings', body: { footerLinks: [{ label: 'Mentions', path: 'mentions' }] }, field: 'footerLinks.0.path', message: 'Le chemin d’un lien du pied de page doit commencer par «\u00a0/\u00a0».' },
    { what: 'a category without a name', method: 'POST', path: '/categories', body: { name: '' }, field: 'name', message: 'Le nom ne doit pas être vide.' },
    { what: 'a robots.txt that is not text', method: 'PATCH', path: '/settings', body: { robotsTxt: 12 }, field: 'robotsTxt', message: 'Le fichier robots.txt doit être du texte.' },
  ];

  it.each(scenarios)('refuses $what with one sentence naming the field, and the field’s path for programs', async ({ method, path, body, field, message }) => {
    const response = await site.api(method, path, { as: 'administrator', body });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ code: 'invalid_request', field, message });
  });

  it('speaks the language the request asks for, else the site’s', async () => {
    const body = { title: long, markdown: 'x', status: 'draft' };
    const english = await site.api('POST', '/posts', { as: 'author', body, headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(english.json()).toEqual({ code: 'invalid_request', field: 'title', message: 'The title must be at most 300 characters long.' });
    const preferred = await site.api('POST', '/posts', { as: 'author', body, headers: { 'accept-language': 'en;q=0.5, fr' } });
    expect(preferred.json().message).toBe('Le titre ne doit pas dépasser 300\u00a0caractères.');
    const other = await site.api('POST', '/posts', { as: 'author', body, headers: { 'accept-language': 'de-DE' } });
    expect(other.json().message).toBe('Le titre ne doit pas dépasser 300\u00a0caractères.');
  });

  it('names an unlisted field in a readable sentence rather than by its path', async () => {
    const app = await appWithOneRoute();
    const response = await app.inject({ method: 'POST', url: '/api/things', payload: { title: 'Soldes', count: 'trois' } });
    expect(response.json()).toEqual({ code: 'invalid_request', field: 'count', message: 'One of the values sent must be a whole number.' });
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


describe('an address the router cannot decode', () => {
  it.each(ENGINES)('is refused in one sentence of the site’s language, as text on the site and JSON on the API (%s)', async (engine) => {
    const site = await startTestSite(engine);
    try {
      // "été" percent-encoded in Latin-1, as old pages and mail clients still write it.
      const page = await site.app.inject({ url: '/%E9t%E9/' });
      expect(page.statusCode).toBe(400);
      expect(page.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(page.body).toBe('Cette adresse n’est pas valide\u00a0: un caractère y est encodé d’une manière que le site ne sait pas lire.');
      const api = await site.app.inject({ url: '/api/admin/v1/posts/%E9', headers: { 'accept-language': 'en' } });
      expect(api.statusCode).toBe(400);
      expect(api.json()).toEqual({ code: 'bad_address', message: 'This address is not valid: a character in it is encoded in a way the site cannot read.' });
    } finally {
      await site.dispose();
    }
  });
});

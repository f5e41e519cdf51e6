import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendPrepared } from '../http/prepared.ts';
import '../http/route-docs.ts';
import { pathOfUrl } from '../site/cache/cache-front.ts';
import { prepareResponse } from '../site/cache/page-cache.ts';
import { PUBLIC_SECURITY_HEADERS } from '../site/site.headers.ts';
import { buildChrome, type SiteContext } from '../site/site.service.ts';
import { searchPath } from '../site/site.urls.ts';
import { renderNotFoundPage } from '../site/views/error.view.tsx';
import { presentSearchApi, presentSearchPage } from './search.presenters.ts';
import { MAX_QUERY_LENGTH, readerQueryText } from './search.query.ts';
import { MAX_CANDIDATES, searchPosts } from './search.service.ts';
import { renderSearchPage } from './search.view.tsx';

/**
 * `/recherche?q=…&categorie=…&page=N` (`/search?q=…&category=…` on an English site) and the
 * Content API's `GET /api/content/v1/search`. Results depend on the query string, which the page
 * cache ignores: these answers never enter it (cache-front.ts skips the search paths), and
 * browsers and CDNs, which key on the whole URL, may keep them a minute.
 */

const HTML = 'text/html; charset=utf-8';
const SEARCH_CACHE_CONTROL = 'public, max-age=60';
const PER_PAGE_API_DEFAULT = 10;
const PER_PAGE_API_MAX = 50;
const PAGE_NUMBER = /^[1-9]\d{0,3}$/;

/** The reader's query string, as text: a repeated parameter counts once. */
function textParam(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

const SearchQuerystring = Type.Object(
  {
    q: Type.String({ maxLength: MAX_QUERY_LENGTH, description: 'Words to find; "a phrase in quotes" must appear as written. Accents, capitals, plurals and elisions do not matter.' }),
    category: Type.Optional(Type.String({ maxLength: 100, description: 'A category slug: its posts and its sub-categories’' })),
    page: Type.Integer({ minimum: 1, maximum: MAX_CANDIDATES, default: 1 }),
    limit: Type.Integer({ minimum: 1, maximum: PER_PAGE_API_MAX, default: PER_PAGE_API_DEFAULT, description: 'Results per page' }),
  },
  { additionalProperties: false },
);

const Link = Type.Object({ name: Type.String(), url: Type.String({ description: 'Absolute' }) }, { additionalProperties: false });
const SearchResponse = Type.Object(
  {
    query: Type.String(),
    category: Type.Union([Type.String(), Type.Null()], { description: 'The category filter, when it exists' }),
    total: Type.Integer({ description: `Posts found, counted up to ${MAX_CANDIDATES}` }),
    more: Type.Boolean({ description: `More than ${MAX_CANDIDATES} posts match; only the most recent ${MAX_CANDIDATES} are ranked` }),
    page: Type.Integer(),
    pages: Type.Integer(),
    results: Type.Array(
      Type.Object(
        {
          title: Type.String(),
          url: Type.String({ description: 'Absolute' }),
          excerpt: Type.String(),
          snippet: Type.String({ description: 'HTML: a passage of the original text, escaped, the words found in <mark>' }),
          publishedAt: Type.String({ format: 'date-time' }),
          author: Type.Union([Link, Type.Null()]),
          categories: Type.Array(Link),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export async function searchRoutes(app: FastifyInstance, { site }: { site: SiteContext }): Promise<void> {
  const notFound = async (request: FastifyRequest, reply: FastifyReply, path: string) => {
    const html = renderNotFoundPage(await buildChrome(site, path));
    return sendPrepared(request, reply, prepareResponse(html, { status: 404, contentType: HTML, cacheControl: SEARCH_CACHE_CONTROL, headers: PUBLIC_SECURITY_HEADERS }));
  };
  const page = async (request: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply, locale: 'fr' | 'en') => {
    const settings = site.settings.current;
    const path = searchPath(locale);
    const query = request.query;
    const pageParam = textParam(query.page) || '1';
    if (settings.locale !== locale || !PAGE_NUMBER.test(pageParam)) return notFound(request, reply, path);
    const searchRequest = {
      text: readerQueryText(textParam(query.q)),
      category: textParam(locale === 'fr' ? query.categorie : query.category) || undefined,
      page: Number(pageParam),
      perPage: settings.postsPerPage,
    };
    const outcome = await searchPosts(site, searchRequest);
    // A page past the last is answered as the archives answer theirs; the first page always exists.
    if (searchRequest.page > Math.max(1, outcome.pages)) return notFound(request, reply, path);
    const html = renderSearchPage(await buildChrome(site, path), await presentSearchPage(site, searchRequest, outcome));
    return sendPrepared(request, reply, prepareResponse(html, { contentType: HTML, cacheControl: SEARCH_CACHE_CONTROL, headers: PUBLIC_SECURITY_HEADERS }));
  };
  app.get('/recherche', (request, reply) => page(request as FastifyRequest<{ Querystring: Record<string, unknown> }>, reply, 'fr'));
  app.get('/search', (request, reply) => page(request as FastifyRequest<{ Querystring: Record<string, unknown> }>, reply, 'en'));
  // The search's address has no slash; written with one, it moves there with its words, as the
  // site's other addresses move to their canonical form.
  for (const locale of ['fr', 'en'] as const) {
    const path = searchPath(locale);
    app.get(`${path}/`, (request, reply) => {
      if (site.settings.current.locale !== locale) return notFound(request, reply, path);
      return reply.redirect(path + request.url.slice(pathOfUrl(request.url).length), 301);
    });
  }

  app.get<{ Querystring: Static<typeof SearchQuerystring> }>('/api/content/v1/search', {
    schema: {
      tags: ['content'],
      summary: 'Search the public posts',
      description:
        'Public and read-only; no key needed. French is understood: accents and capitals are folded, plurals and conjugations stemmed ("commandes" finds "commandé"), elisions dropped ("l’hébergeur"), and "e-commerce", "ecommerce" and "Ecommerce" are one word. Ranked by where the words are found (title, excerpt, body) with a boost for recent posts.',
      querystring: SearchQuerystring,
      response: { 200: SearchResponse },
    },
    handler: async (request, reply) => {
      const { q, category, page: pageNumber, limit } = request.query;
      const outcome = await searchPosts(site, { text: readerQueryText(q), category, page: pageNumber, perPage: limit });
      return reply
        .header('cache-control', SEARCH_CACHE_CONTROL)
        .header('access-control-allow-origin', '*')
        .header('vary', 'accept-encoding')
        .send(await presentSearchApi(site, site.siteUrl(), outcome));
    },
  });
}

import { listPublicPosts, loadTaxonomy } from '../content/content.queries.ts';
import type { SiteSettings } from '../settings/settings.ts';
import { categoryLink, presentPagination, presentSummary, typeset } from '../site/site.presenters.ts';
import type { SiteContext } from '../site/site.service.ts';
import { absoluteUrl, searchPath } from '../site/site.urls.ts';
import type { SearchOutcome, SearchRequest } from './search.service.ts';
import { snippetHtml, typesetSnippet } from './search.snippet.ts';
import type { SearchPageView } from './search.view.tsx';

const LATEST_WHEN_NOTHING = 3;

/** The results page's address for another page of the same search. */
export function searchPageUrl(settings: Pick<SiteSettings, 'locale'>, request: Pick<SearchRequest, 'text' | 'category'>, page: number): string {
  const params = new URLSearchParams({ q: request.text });
  if (request.category) params.set(settings.locale === 'fr' ? 'categorie' : 'category', request.category);
  if (page > 1) params.set('page', String(page));
  return `${searchPath(settings.locale)}?${params.toString()}`;
}

export async function presentSearchPage(ctx: SiteContext, request: SearchRequest, outcome: SearchOutcome): Promise<SearchPageView> {
  const settings = ctx.settings.current;
  const tree = await ctx.categories.tree();
  const rows = outcome.hits.map((hit) => hit.row);
  const taxonomy = await loadTaxonomy(ctx.db, rows);
  const state: SearchPageView['state'] = !outcome.searchable
    ? outcome.commonWords > 0
      ? 'commonWords'
      : 'prompt'
    : outcome.unknownCategory
      ? 'unknownCategory'
      : outcome.total === 0
        ? 'nothing'
        : 'results';
  const helpful = state !== 'results';
  const latestRows = helpful ? await listPublicPosts(ctx.db, { now: ctx.now(), limit: LATEST_WHEN_NOTHING }) : [];
  const latestTaxonomy = await loadTaxonomy(ctx.db, latestRows);
  return {
    query: outcome.text,
    category: request.category ?? '',
    categoryName: outcome.category?.name,
    categories: tree.topLevel().flatMap((top) => [top, ...tree.children(top.id)]).map((category) => ({ slug: category.slug, name: category.name })),
    state,
    total: outcome.total,
    more: outcome.more,
    commonWords: outcome.commonWords,
    results: outcome.hits.map((hit) => ({ ...presentSummary(hit.row, taxonomy, settings), snippet: typesetSnippet(hit.snippet, (text) => typeset(text, settings)) })),
    pagination: presentPagination(outcome.page, Math.max(outcome.pages, 1), (page) => searchPageUrl(settings, request, page)),
    browse: helpful ? tree.topLevel().map((category) => categoryLink(category, settings)) : [],
    latest: latestRows.map((row) => presentSummary(row, latestTaxonomy, settings)),
  };
}

/** One result of the Content API: public fields only, addresses absolute. */
export interface SearchApiResult {
  title: string;
  url: string;
  excerpt: string;
  /** HTML: the text escaped, the words searched for in <mark>. */
  snippet: string;
  publishedAt: string;
  author: { name: string; url: string } | null;
  categories: { name: string; url: string }[];
}

export interface SearchApiResponse {
  query: string;
  category: string | null;
  total: number;
  more: boolean;
  page: number;
  pages: number;
  results: SearchApiResult[];
}

export async function presentSearchApi(ctx: SiteContext, siteUrl: string, outcome: SearchOutcome): Promise<SearchApiResponse> {
  const settings = ctx.settings.current;
  const taxonomy = await loadTaxonomy(
    ctx.db,
    outcome.hits.map((hit) => hit.row),
  );
  return {
    query: outcome.text,
    category: outcome.category?.slug ?? null,
    total: outcome.total,
    more: outcome.more,
    page: outcome.page,
    pages: outcome.pages,
    results: outcome.hits.map((hit) => {
      const summary = presentSummary(hit.row, taxonomy, settings);
      return {
        title: summary.title,
        url: absoluteUrl(siteUrl, summary.url),
        excerpt: summary.excerpt,
        snippet: snippetHtml(typesetSnippet(hit.snippet, (text) => typeset(text, settings))),
        publishedAt: summary.publishedAt,
        author: summary.author ? { name: summary.author.label, url: absoluteUrl(siteUrl, summary.author.href) } : null,
        categories: summary.categories.map((link) => ({ name: link.label, url: absoluteUrl(siteUrl, link.href) })),
      };
    }),
  };
}

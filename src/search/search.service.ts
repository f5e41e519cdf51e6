import type { CategoryRow } from '../db/schema.ts';
import { fullTextIndex, type FullTextCandidate } from '../db/dialects/fulltext.ts';
import type { SiteContext } from '../site/site.service.ts';
import { parseQuery } from './search.query.ts';
import { loadHitRows, type HitRow } from './search.queries.ts';
import { snippetOf, type SnippetPart } from './search.snippet.ts';

/**
 * Search for readers: the public posts that hold every word and phrase asked for, ranked.
 *
 * Ranking, the same on both engines (they only say which posts match and where):
 *
 *   score = Σ over the query's words and phrases of (1 + 2·[in the excerpt] + 4·[in the title])
 *           × (1 + 1 / (1 + age in days / 180))
 *
 * A word in the title weighs five times a word found only in the body; an article of the day
 * counts double, one six months old one and a half times, one three years old 1.16 times. Ties
 * go to the newer post. Only the MAX_CANDIDATES most recent matches are ranked: beyond, a query
 * is too broad for its oldest matches to be read, and ranking them all would cost time in
 * proportion to the whole archive.
 *
 * A match found in neither the title nor the excerpt scores the least a match can, times its
 * recency, so every newer match ranks above it: of those, only the newest `page × perPage` can
 * reach the page asked for, and an index may hand over those alone (FullTextQuery's `keep`).
 */

export const MAX_CANDIDATES = 1000;
const TITLE_WEIGHT = 4;
const EXCERPT_WEIGHT = 2;
const RECENCY_DAYS = 180;
const DAY_MS = 86_400_000;

export interface SearchRequest {
  text: string;
  /** A category's slug: its posts and its sub-categories' only. */
  category?: string | undefined;
  page: number;
  perPage: number;
}

export interface SearchHit {
  row: HitRow;
  snippet: SnippetPart[];
  score: number;
}

export interface SearchOutcome {
  text: string;
  /** False when nothing in the query can be searched for (empty, stop words or punctuation only). */
  searchable: boolean;
  /** Words of the query too common to search for: when nothing is searchable, what the reader typed, if anything. */
  commonWords: number;
  category: CategoryRow | undefined;
  /** The category asked for does not exist. */
  unknownCategory: boolean;
  /** Matches counted, at most MAX_CANDIDATES. */
  total: number;
  /** More posts match than were counted. */
  more: boolean;
  page: number;
  pages: number;
  hits: SearchHit[];
}

/** `nowMs`: the search's clock in milliseconds since 1970. */
export function scoreOf(candidate: FullTextCandidate, nowMs: number): number {
  let relevance = 0;
  candidate.inTitle.forEach((inTitle, index) => {
    relevance += 1 + (candidate.inExcerpt[index] ? EXCERPT_WEIGHT : 0) + (inTitle ? TITLE_WEIGHT : 0);
  });
  const ageDays = Math.max(0, nowMs - candidate.publishedMs) / DAY_MS;
  return relevance * (1 + 1 / (1 + ageDays / RECENCY_DAYS));
}

/** What a search needs of the site: its database, its categories and its clock. */
export type SearchContext = Pick<SiteContext, 'db' | 'categories' | 'now'>;

export async function searchPosts(ctx: SearchContext, request: SearchRequest): Promise<SearchOutcome> {
  const now = ctx.now();
  const query = parseQuery(request.text);
  const tree = await ctx.categories.tree();
  const category = request.category ? tree.find(request.category) : undefined;
  const empty: SearchOutcome = {
    text: request.text,
    searchable: query.parts.length > 0,
    commonWords: query.commonWords,
    category,
    unknownCategory: request.category !== undefined && request.category !== '' && !category,
    total: 0,
    more: false,
    page: request.page,
    pages: 0,
    hits: [],
  };
  if (!empty.searchable || empty.unknownCategory) return empty;

  const index = fullTextIndex(ctx.db.dialect);
  const matches = await index.candidates(ctx.db.kysely, {
    parts: query.parts,
    categoryIds: category ? tree.selfAndDescendants(category.id) : undefined,
    now,
    limit: MAX_CANDIDATES,
    keep: request.page * request.perPage,
  });
  const total = Math.min(matches.found, MAX_CANDIDATES);
  const nowMs = Date.parse(now);
  const ranked = matches.candidates
    .map((candidate) => ({ candidate, score: scoreOf(candidate, nowMs) }))
    .sort((a, b) => b.score - a.score || b.candidate.publishedMs - a.candidate.publishedMs || b.candidate.key - a.candidate.key);
  const pages = Math.ceil(total / request.perPage);
  const pageOf = ranked.slice((request.page - 1) * request.perPage, request.page * request.perPage);
  const postIds = await index.postIds(
    ctx.db.kysely,
    pageOf.map((hit) => hit.candidate.key),
  );
  const rows = new Map((await loadHitRows(ctx.db, [...postIds.values()], now)).map((row) => [row.id, row]));
  const hits = pageOf.flatMap(({ candidate, score }): SearchHit[] => {
    const row = rows.get(postIds.get(candidate.key) ?? 0);
    // Deleted between the two reads, or not public after all: left out rather than shown.
    if (!row) return [];
    return [{ row, score, snippet: snippetOf(row.plain_text || row.excerpt, query.stems) }];
  });
  return { ...empty, total, more: matches.found > MAX_CANDIDATES, pages, hits };
}

import { PostgresIntrospector, type Kysely } from 'kysely';
import type { DialectName } from '../db.ts';
import type { DatabaseSchema, PostStatus, PostType } from '../schema.ts';
import { postgresFullText } from './fulltext.postgres.ts';
import { sqliteFullText } from './fulltext.sqlite.ts';

/**
 * The search index, the one place where the engines differ: FTS5 on SQLite, tsvector and GIN on
 * PostgreSQL. Both see the same words (src/search/search.french.ts) and answer the same question
 * — which public posts match, and where — so the search service ranks them identically.
 */

export type FullTextExecutor = Kysely<DatabaseSchema>;

/** A post's searchable text, as saved. */
export interface IndexedPost {
  id: number;
  type: PostType;
  status: PostStatus;
  title: string;
  excerpt: string;
  /** The body as plain text. */
  text: string;
  /**
   * `text` as an index that stems in JavaScript holds it (`stemsInProcess`), when the writer made
   * it already: a batch writer has it made on its render threads, beside the rendering.
   */
  textStems?: string | undefined;
  publishedAt: string | null;
  /** Its own categories; a filter by a parent category asks for the descendants' ids. */
  categoryIds: readonly number[];
}

/** One thing a query asks for: a word (already joined and elision-free) or a quoted phrase's words. */
export type QueryPart = { kind: 'word'; word: string } | { kind: 'phrase'; words: readonly string[] };

export interface FullTextQuery {
  /** Every part must match, somewhere in the title, excerpt or body. */
  parts: readonly QueryPart[];
  /** Posts filed under one of these categories only. */
  categoryIds?: readonly number[] | undefined;
  /** Public posts only: published or scheduled, dated no later than this (ISO 8601). */
  now: string;
  /** At most this many matches, the newest, are counted and ranked. */
  limit: number;
  /**
   * Only the first `keep` places of the ranking are shown. A candidate found in neither the title
   * nor the excerpt ranks below every newer one (search.service.ts), so an index may leave out
   * all but the newest `keep` of those.
   */
  keep: number;
}

export interface FullTextMatches {
  /** How many public posts match, counted up to `limit` + 1 (one more says there are more). */
  found: number;
  /** The newest `limit` matches, newest first, less any that cannot rank among the first `keep`. */
  candidates: FullTextCandidate[];
}

/** A matching post and, for each part of the query in order, whether the title and the excerpt hold it. */
export interface FullTextCandidate {
  /** The engine's own reference to the post; `postIds` turns it into the post's id. */
  key: number;
  /** Its publication date, in milliseconds since 1970 (numbers cost less to read and compare than dates). */
  publishedMs: number;
  inTitle: boolean[];
  inExcerpt: boolean[];
}

export interface FullTextIndex {
  /** Whether `write` stems the text here (SQLite), rather than the database stemming it (PostgreSQL). */
  readonly stemsInProcess: boolean;
  /** Replaces a post's entry (any type and status: visibility is decided when searching). */
  write(executor: FullTextExecutor, post: IndexedPost): Promise<void>;
  /** Packs the index after a bulk write (a back-fill), so reads walk fewer pieces. */
  optimize(executor: FullTextExecutor): Promise<void>;
  /** The most recently published public posts that match. */
  candidates(executor: FullTextExecutor, query: FullTextQuery): Promise<FullTextMatches>;
  /** The posts' ids of candidates' keys (only the page shown needs them). */
  postIds(executor: FullTextExecutor, keys: readonly number[]): Promise<Map<number, number>>;
}

export function fullTextIndex(dialect: DialectName): FullTextIndex {
  return dialect === 'postgres' ? postgresFullText : sqliteFullText;
}

/**
 * The engine behind a Kysely handle or transaction, for code handed only an executor (writePost
 * inside its caller's transaction). The introspector is part of Kysely's public API.
 */
export function dialectOf(executor: FullTextExecutor): DialectName {
  return executor.introspection instanceof PostgresIntrospector ? 'postgres' : 'sqlite';
}

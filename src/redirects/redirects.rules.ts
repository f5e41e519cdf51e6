import type { RedirectKind } from '../db/schema.ts';
import { isQueryAddress } from './redirects.query-addresses.ts';

/**
 * What a redirect rule means, without a database: addresses in their one written form, the `*`
 * pattern syntax, and following rules from an address to where a reader finally lands.
 *
 * Pattern syntax (the wildcards of Netlify's and Cloudflare's redirect files): `*` stands for any
 * run of characters, slashes included, possibly empty; `$1`…`$9` in the target are what the
 * first, second… `*` stood for. `/old/*` → `/new/$1` sends `/old/a/b/` to `/new/a/b/`. Earlier
 * stars take as little as they can, the last one the rest. Patterns are matched by a plain scan
 * (no regular expression is built from input), so no pattern can make a request slow.
 */

export type RedirectStatus = 301 | 302 | 410;
export const REDIRECT_STATUSES: readonly RedirectStatus[] = [301, 302, 410];

/** Longest address a rule may hold; longer requests simply match no rule. */
export const MAX_PATH_LENGTH = 2000;
export const MAX_WILDCARDS = 5;
/** How many rules a reader's request may pass through before its answer (collapsed into one response). */
export const MAX_HOPS = 5;

export interface RuleTarget {
  /** The rule's id, for hit counts. */
  id: number;
  kind: RedirectKind;
  from: string;
  /** Null for 410. */
  to: string | null;
  status: number;
}

/** A pattern rule ready to match: its literal parts around the stars. */
export interface CompiledPattern {
  rule: RuleTarget;
  parts: string[];
}

/** Where the rules send a request: a location with its status, or 410 Gone. */
export type RedirectAnswer = { kind: 'redirect'; location: string; status: 301 | 302; ruleIds: number[] } | { kind: 'gone'; ruleIds: number[] };

/** Why an address or a target is refused, as a message key's suffix (`redirects.error.<reason>`). */
export type AddressProblem = 'notLocal' | 'tooLong' | 'query' | 'wildcards' | 'doubleStar' | 'notHttp' | 'capture' | 'space';

/**
 * One written form for an address, so that `/élection/`, `/%C3%A9lection/` and `/%c3%a9lection/`
 * are one rule and match the one request browsers send.
 */
export function canonicalPath(path: string): string {
  // Escapes stay escapes (upper-cased: %2F and %26 keep their meaning); other characters are encoded as browsers send them.
  return path
    .split(/(%[0-9A-Fa-f]{2})/)
    .map((part, index) => (index % 2 === 1 ? part.toUpperCase() : encodeText(part)))
    .join('');
}

function encodeText(text: string): string {
  try {
    return encodeURI(text);
  } catch {
    return text;
  }
}

export function isPatternAddress(from: string): boolean {
  return from.includes('*');
}

/** The problem with a rule's "from" address, if any; patterns are recognised by their `*`. */
export function fromProblem(from: string): AddressProblem | undefined {
  if (!from.startsWith('/') || from.startsWith('//')) return 'notLocal';
  if (from.length > MAX_PATH_LENGTH) return 'tooLong';
  if (/\s/.test(from)) return 'space';
  // The one query an address may hold is WordPress's own (`/?p=12`): the reading path looks those up before the page cache.
  if (from.includes('#') || (from.includes('?') && !isQueryAddress(from))) return 'query';
  const stars = from.split('*').length - 1;
  if (stars > MAX_WILDCARDS) return 'wildcards';
  if (from.includes('**')) return 'doubleStar';
  return undefined;
}

export interface ParsedTarget {
  /** A path on this site (with its own query string, if any), or an absolute http(s) address. */
  value: string;
  local: boolean;
}

/**
 * A target as stored: a local path, or an absolute http(s) address. An absolute address on the
 * site's own origin becomes a local path, so that loops and chains through it are seen.
 */
export function parseTarget(to: string, siteOrigin: string, captures: number): ParsedTarget | AddressProblem {
  if (/\s/.test(to)) return 'space';
  if (to.length > MAX_PATH_LENGTH) return 'tooLong';
  const highest = Math.max(0, ...[...to.matchAll(/\$(\d)/g)].map((match) => Number(match[1])));
  if (highest > captures) return 'capture';
  if (to.startsWith('/') && !to.startsWith('//')) return { value: canonicalLocal(to), local: true };
  let url: URL;
  try {
    url = new URL(to);
  } catch {
    return 'notHttp';
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) return 'notHttp';
  if (url.origin === siteOrigin) return { value: canonicalLocal(url.pathname + url.search + url.hash), local: true };
  // As the URL parser writes it: percent-encoded, so it can go in a Location header as it is.
  return { value: url.href, local: false };
}

function canonicalLocal(target: string): string {
  return canonicalPath(target);
}

export function compilePattern(rule: RuleTarget): CompiledPattern {
  return { rule, parts: rule.from.split('*') };
}

/**
 * The order patterns are tried in: the longest literal beginning first (the most specific rule),
 * then the oldest. Exact rules always come before any pattern.
 */
export function orderPatterns(patterns: CompiledPattern[]): CompiledPattern[] {
  return patterns.sort((a, b) => b.parts[0]!.length - a.parts[0]!.length || a.rule.id - b.rule.id);
}

/** What each `*` stood for, or undefined when the path does not match. Linear in the path's length per part. */
export function matchPattern(parts: readonly string[], path: string): string[] | undefined {
  const first = parts[0]!;
  if (parts.length === 1) return path === first ? [] : undefined;
  const last = parts[parts.length - 1]!;
  if (!path.startsWith(first) || path.length < first.length + last.length) return undefined;
  const end = path.length - last.length;
  if (!path.endsWith(last)) return undefined;
  const captures: string[] = [];
  let position = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i]!;
    // The earliest place for each middle part leaves the most room to the rest: if any placement matches, this one does.
    const found = path.indexOf(part, position);
    if (found === -1 || found + part.length > end) return undefined;
    captures.push(path.slice(position, found));
    position = found + part.length;
  }
  captures.push(path.slice(position, end));
  return captures;
}

/** A pattern's target with `$1`…`$9` replaced by what the stars stood for. */
export function fillTarget(template: string, captures: readonly string[]): string {
  return template.replace(/\$(\d)/g, (whole, digit: string) => captures[Number(digit) - 1] ?? whole);
}

/** Where the rules are read from: the database in a transaction, or the reading path's cache. */
export interface RuleSource {
  exact(path: string): Promise<RuleTarget | undefined>;
  patterns(): Promise<readonly CompiledPattern[]>;
}

/** The rule that answers this path on its own (exact first, then patterns in order), with its target filled. */
export async function firstHop(source: RuleSource, path: string): Promise<{ rule: RuleTarget; to: string | null } | undefined> {
  const exact = await source.exact(path);
  if (exact) return { rule: exact, to: exact.to };
  for (const pattern of await source.patterns()) {
    const captures = matchPattern(pattern.parts, path);
    if (captures) return { rule: pattern.rule, to: pattern.rule.to === null ? null : fillTarget(pattern.rule.to, captures) };
  }
  return undefined;
}

/** The path of a local target (its query string and fragment aside), or undefined for another site. */
export function localPathOf(target: string): string | undefined {
  if (!target.startsWith('/') || target.startsWith('//')) return undefined;
  const cut = target.search(/[?#]/);
  return cut === -1 ? target : target.slice(0, cut);
}

/**
 * Follows the rules from a path to where a reader lands, so they get one response instead of a
 * chain. `loop` when the rules come back to an address already passed (or go on past MAX_HOPS).
 * The status is the first rule's: a temporary redirect stays temporary whatever follows it.
 */
export async function follow(source: RuleSource, path: string): Promise<RedirectAnswer | { kind: 'loop'; ruleIds: number[] } | undefined> {
  const seen = new Set([path]);
  const ruleIds: number[] = [];
  let status: 301 | 302 | undefined;
  let location: string | undefined;
  let current = path;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    const found = await firstHop(source, current);
    if (!found) break;
    ruleIds.push(found.rule.id);
    if (found.to === null || found.rule.status === 410) return { kind: 'gone', ruleIds };
    status ??= found.rule.status === 302 ? 302 : 301;
    location = found.to;
    const next = localPathOf(found.to);
    if (next === undefined) break;
    if (seen.has(next) || hop === MAX_HOPS) return { kind: 'loop', ruleIds };
    seen.add(next);
    current = next;
  }
  return location === undefined || status === undefined ? undefined : { kind: 'redirect', location, status, ruleIds };
}

/** A target that keeps the request's query string (`?utm_source=…` survives the move); the target's own comes first. */
export function withQuery(location: string, query: string): string {
  if (!query || query === '?') return location;
  const hash = location.indexOf('#');
  const [base, fragment] = hash === -1 ? [location, ''] : [location.slice(0, hash), location.slice(hash)];
  return base + (base.includes('?') ? '&' + query.slice(1) : query) + fragment;
}

import type { PostType } from '../db/schema.ts';
import { wallClock } from '../lib/time-zones.ts';

/**
 * Public addresses of posts and pages. Posts follow the site's permalink pattern, with
 * WordPress's tokens so a migrated blog keeps its URLs; pages always live at /<slug>/.
 */

export interface PermalinkTarget {
  id: number;
  type: PostType;
  slug: string;
  publishedAt: string | null;
}

const TOKEN = /%(year|monthnum|day|postname|post_id)%/g;

/** Year, month and day of an instant in the site's time zone, as WordPress writes them. */
function localDateParts(iso: string, timeZone: string): { year: string; monthnum: string; day: string } {
  const clock = wallClock(Date.parse(iso), timeZone);
  return { year: String(clock.year).padStart(4, '0'), monthnum: String(clock.month).padStart(2, '0'), day: String(clock.day).padStart(2, '0') };
}

export function postPath(post: PermalinkTarget, pattern: string, timeZone: string): string {
  if (post.type === 'page') return `/${post.slug}/`;
  let date: ReturnType<typeof localDateParts> | undefined;
  return pattern.replace(TOKEN, (_, token: string) => {
    switch (token) {
      case 'postname':
        return post.slug;
      case 'post_id':
        return String(post.id);
      default:
        // Only patterns with date tokens pay for formatting the date in the site's time zone.
        date ??= localDateParts(post.publishedAt ?? new Date().toISOString(), timeZone);
        return date[token as keyof typeof date];
    }
  });
}

export interface PermalinkMatch {
  slug: string | undefined;
  id: number | undefined;
  year: string | undefined;
  monthnum: string | undefined;
  day: string | undefined;
}

const compiledPatterns = new Map<string, { regex: RegExp; tokens: string[] }>();

function compile(pattern: string): { regex: RegExp; tokens: string[] } {
  let compiled = compiledPatterns.get(pattern);
  if (compiled) return compiled;
  const tokens: string[] = [];
  let source = '';
  let last = 0;
  for (const match of pattern.matchAll(TOKEN)) {
    source += escapeRegex(pattern.slice(last, match.index));
    const token = match[1]!;
    tokens.push(token);
    source += token === 'postname' ? '([a-z0-9][a-z0-9-]*)' : token === 'year' ? '(\\d{4})' : '(\\d+)';
    last = match.index + match[0].length;
  }
  source += escapeRegex(pattern.slice(last));
  compiled = { regex: new RegExp('^' + source + '$'), tokens };
  compiledPatterns.set(pattern, compiled);
  return compiled;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads a request path against the pattern; undefined when it cannot be a post's address. */
export function matchPostPath(path: string, pattern: string): PermalinkMatch | undefined {
  const { regex, tokens } = compile(pattern);
  const found = regex.exec(path);
  if (!found) return undefined;
  const value = (token: string) => {
    const index = tokens.indexOf(token);
    return index === -1 ? undefined : found[index + 1];
  };
  const id = value('post_id');
  return { slug: value('postname'), id: id === undefined ? undefined : Number(id), year: value('year'), monthnum: value('monthnum'), day: value('day') };
}

/** Whether a post's date agrees with the date parts of the address it was found by. */
export function datePartsAgree(match: PermalinkMatch, publishedAt: string | null, timeZone: string): boolean {
  if (!match.year && !match.monthnum && !match.day) return true;
  if (!publishedAt) return false;
  const date = localDateParts(publishedAt, timeZone);
  return (
    (match.year === undefined || match.year === date.year) &&
    (match.monthnum === undefined || match.monthnum === date.monthnum) &&
    (match.day === undefined || match.day === date.day)
  );
}

import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import FeedParser from 'feedparser';

/** Reading the site's feeds as subscribers' software does, and judging them by the specs. */

export interface ParsedFeed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/**
 * Parses RSS or Atom with feedparser, as readers do, except that an XML error fails instead of
 * being skipped over. (Its `strict` mode keeps names' case, which its own normalising does not
 * expect; well-formedness is xmllint's to judge.)
 */
export async function parseFeed(xml: string): Promise<ParsedFeed> {
  const parser = new FeedParser({ resume_saxerror: false });
  const items: FeedParser.Item[] = [];
  Readable.from([xml]).pipe(parser);
  for await (const item of parser) items.push(item);
  return { meta: parser.meta, items };
}

/** What xmllint says about a document's well-formedness: '' when nothing. */
export function xmllintErrors(xml: string): string {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '-'], { input: xml, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result.status === 0 ? '' : result.stderr || `xmllint exited ${result.status}`;
}

/** A date a feed gave, as a Date, when it is one. */
export function validDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** RFC 822 as RSS 2.0 defines it (RFC 1123's four-digit year allowed, as everyone writes it). */
export const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|UT|[+-]\d{4})$/;
/** RFC 3339's date-time, which Atom requires and JSON Feed names. */
export const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The text of an element from feedparser's raw view of the original (`item['content:encoded']`). */
export function rawText(node: unknown): string | undefined {
  if (node && typeof node === 'object' && '#' in node) return String((node as { '#': unknown })['#']);
  return undefined;
}

/** Every address in a piece of HTML: href, src, poster and each srcset candidate. */
export function addressesIn(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/\s(href|src|poster)="([^"]*)"/g)) found.push(match[2]!);
  for (const match of html.matchAll(/\ssrcset="([^"]*)"/g)) {
    for (const candidate of match[1]!.split(',')) found.push(candidate.trim().split(/\s+/)[0]!);
  }
  return found;
}

/** The JSON Feed 1.1 fields the specification requires, checked by hand: no JSON Feed validator is on npm. */
export function jsonFeedProblems(feed: unknown): string[] {
  const problems: string[] = [];
  if (!feed || typeof feed !== 'object') return ['not an object'];
  const f = feed as Record<string, unknown>;
  if (f.version !== 'https://jsonfeed.org/version/1.1') problems.push(`version is ${String(f.version)}`);
  if (typeof f.title !== 'string' || f.title === '') problems.push('no title');
  if (!Array.isArray(f.items)) return [...problems, 'no items array'];
  for (const [index, item] of (f.items as Record<string, unknown>[]).entries()) {
    if (typeof item.id !== 'string' || item.id === '') problems.push(`item ${index}: no id`);
    if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string') problems.push(`item ${index}: neither content_html nor content_text`);
    for (const key of ['date_published', 'date_modified'] as const) {
      if (item[key] !== undefined && !(typeof item[key] === 'string' && RFC_3339.test(item[key] as string))) problems.push(`item ${index}: ${key} is not RFC 3339`);
    }
    for (const attachment of (item.attachments as Record<string, unknown>[] | undefined) ?? []) {
      if (typeof attachment.url !== 'string' || typeof attachment.mime_type !== 'string') problems.push(`item ${index}: an attachment lacks url or mime_type`);
    }
  }
  return problems;
}

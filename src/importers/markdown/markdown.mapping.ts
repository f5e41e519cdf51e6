import path from 'node:path';
import type { PostInput } from '../../content/content.service.ts';
import type { PostStatus } from '../../db/schema.ts';
import { slugify } from '../../lib/slug.ts';
import { readFileComments, type FileComment } from './markdown.comments.ts';
import { fileNameDate, parseFrontMatterDate, withoutFileNameDate } from './markdown.dates.ts';
import type { FrontMatter } from './markdown.frontmatter.ts';
import { isLocalReference } from './markdown.images.ts';
import { hugoAddress, type HugoSite } from './markdown.hugo.ts';
import { jekyllAddress, type JekyllSite } from './markdown.jekyll.ts';
import type { FileProblem } from './markdown.problems.ts';

/**
 * Reads the front-matter conventions of Jekyll, Hugo, Eleventy and Astro into a PostInput.
 * Unknown fields are ignored; a known field with a value Kiosque cannot use is a problem.
 */

export interface MappingContext {
  /** Path of the file inside the imported folder, with forward slashes. */
  relativeFile: string;
  timeZone: string;
  now: Date;
  /** The Hugo or Jekyll site the folder is, whose pages' addresses lead to the imported posts. */
  hugo?: HugoSite | undefined;
  jekyll?: JekyllSite | undefined;
}

export interface MappedPost {
  input: PostInput & { slug: string };
  /** Where the slug was chosen, for a duplicate-slug report. */
  slugLine: number;
  /** Whether the file gave a date (else an update keeps the post's date). */
  dated: boolean;
  /** A front-matter image to copy into the library. */
  localImage: { written: string; line: number } | undefined;
  /** Readers' comments the file lists; undefined when it has no `comments` field. */
  comments: FileComment[] | undefined;
  /** What was imported differently from what the file asks, for the report. */
  warnings: FileProblem[];
  /**
   * Addresses the post had before (Hugo's `aliases`, Jekyll's `redirect_from`, and its own `url` or
   * `permalink`), as site paths: each leads to it, unless it is the post's address here.
   */
  oldAddresses: string[];
}

export type MappingResult = { ok: true; post: MappedPost } | { ok: false; problems: FileProblem[] };

const MARKDOWN_EXTENSION = /\.(md|markdown)$/i;
// Eleventy puts posts in a collection by tagging them; those tags are not subjects.
const COLLECTION_TAGS = new Set(['post', 'posts']);
const PAGE_FOLDERS = new Set(['pages', '_pages']);
const DRAFT_FOLDER = '_drafts';
const JEKYLL_FOLDERS = new Set(['_posts', DRAFT_FOLDER]);
/** How names in one string are separated: by commas, and in a Jekyll post by spaces too, as Jekyll reads them. */
const COMMAS = /,/;
const COMMAS_AND_SPACES = /[\s,]+/;
const INDEX_FILES = new Set(['index', '_index']);

type Fields = Record<string, unknown>;

export function mapFrontMatter(frontMatter: FrontMatter, context: MappingContext): MappingResult {
  const problems: FileProblem[] = [];
  const fields = frontMatter.fields;
  const lineOf = (key: string) => frontMatter.lineOf(key) ?? 1;
  const text = (key: string): string | undefined => {
    const value = fields[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.trim() || undefined;
    if (typeof value === 'number') return String(value);
    // A field read twice (description is also the SEO description) is reported once.
    if (!problems.some((problem) => problem.params.field === key)) problems.push({ line: lineOf(key), code: 'field_not_text', params: { field: key } });
    return undefined;
  };
  const firstText = (...keys: string[]) => {
    const key = firstKey(fields, keys);
    return key === undefined ? undefined : text(key);
  };

  // Every field is read before deciding, so that one run reports all of a file's problems.
  const title = firstText('title');
  // No problem yet means the title is absent or blank rather than of the wrong kind.
  if (title === undefined && problems.length === 0) problems.push({ line: lineOf('title'), code: 'title_missing', params: {} });

  const { name, nameDate } = fileName(context.relativeFile);
  // Hugo's publishDate is when the post goes out; its date is the content's date.
  const dateKey = firstKey(fields, ['publishDate', 'publishdate', 'date', 'pubDate']);
  const writtenDate = dateKey ? fields[dateKey] : nameDate;
  const publishedAt = writtenDate === undefined ? undefined : parseFrontMatterDate(writtenDate, context.timeZone);
  if (writtenDate !== undefined && !publishedAt) {
    problems.push({ line: dateKey ? lineOf(dateKey) : 1, code: 'date_invalid', params: { value: describe(writtenDate) } });
  }

  const updatedKey = firstKey(fields, ['lastmod', 'updated', 'updatedDate', 'last_modified_at']);
  const updatedAt = updatedKey ? parseFrontMatterDate(fields[updatedKey], context.timeZone) : undefined;
  if (updatedKey && !updatedAt) {
    problems.push({ line: lineOf(updatedKey), code: 'date_invalid', params: { value: describe(fields[updatedKey]) } });
  }

  const expiryKey = firstKey(fields, ['expiryDate', 'expirydate', 'unpublishdate']);
  const expiresAt = expiryKey ? parseFrontMatterDate(fields[expiryKey], context.timeZone) : undefined;
  if (expiryKey && !expiresAt) {
    problems.push({ line: lineOf(expiryKey), code: 'date_invalid', params: { value: describe(fields[expiryKey]) } });
  }

  // Eleventy writes no page for `permalink: false`: the post keeps its file's name, unpublished (below).
  const withoutPage = fields.permalink === false;
  const slugKey = firstKey(fields, withoutPage ? ['slug', 'url'] : ['slug', 'permalink', 'url']);
  const wantedSlug = slugKey === 'slug' ? text('slug') : slugKey ? lastSegment(text(slugKey)) : undefined;
  const folders = path.posix.dirname(context.relativeFile).split('/');
  // Jekyll splits the plural fields' strings on spaces (`tags: a b` is two tags), not the singular `category`.
  const separator = folders.some((folder) => JEKYLL_FOLDERS.has(folder)) ? COMMAS_AND_SPACES : COMMAS;
  const categories = [...list(fields, 'categories', separator, false, lineOf, problems), ...list(fields, 'category', COMMAS, false, lineOf, problems)];
  const tags = list(fields, 'tags', separator, true, lineOf, problems).filter((tag) => !COLLECTION_TAGS.has(tag.toLowerCase()));
  const excerpt = firstText('summary', 'description', 'excerpt');
  const description = text('description');
  const seoTitle = firstText('seo_title', 'seoTitle');
  const seoDescription = firstText('seo_description', 'seoDescription');
  const author = readAuthor(fields, lineOf, problems);
  const cover = readCover(fields, lineOf, problems);
  const coverAlt = firstText('image_alt', 'imageAlt');
  const coverCaption = firstText('image_caption', 'imageCaption');
  const canonicalUrl = readCanonical(fields, lineOf, problems);
  const noindex = readNoindex(fields, lineOf, problems);
  const comments = readFileComments(frontMatter, context.timeZone, problems);
  const oldAddresses = readOldAddresses(fields, lineOf, problems);
  // Where the file's own `url` or `permalink` put the post: it leads to the post's address here.
  const addressKey = withoutPage ? undefined : firstKey(fields, ['permalink', 'url']);
  const ownAddress = addressKey ? addressOf(text(addressKey)) : undefined;
  if (ownAddress && !oldAddresses.includes(ownAddress)) oldAddresses.push(ownAddress);
  // A Hugo page without a `url` of its own was where its section's pattern, or its folders, put it.
  const hugoPage = context.hugo && !ownAddress && !withoutPage ? { relativeFile: context.relativeFile, slug: slugKey === 'slug' ? text('slug') : undefined, date: publishedAt, timeZone: context.timeZone } : undefined;
  const hugoPath = hugoPage && hugoAddress(context.hugo!, hugoPage);
  if (hugoPath && !oldAddresses.includes(hugoPath)) oldAddresses.push(hugoPath);
  // A Jekyll post without a `permalink` of its own was where the site's pattern put it.
  const jekyllPost = context.jekyll && !ownAddress ? { relativeFile: context.relativeFile, name: name ?? '', slug: slugKey === 'slug' ? text('slug') : undefined, categories, date: publishedAt, timeZone: context.timeZone } : undefined;
  const jekyllPath = jekyllPost && jekyllAddress(context.jekyll!, jekyllPost);
  if (jekyllPath && !oldAddresses.includes(jekyllPath)) oldAddresses.push(jekyllPath);

  if (problems.length > 0 || title === undefined) return { ok: false, problems };

  const warnings: FileProblem[] = [];
  const markedDraft =
    isTrue(fields.draft) || isFalse(fields.published) || String(fields.status ?? '').toLowerCase() === 'draft' || folders.includes(DRAFT_FOLDER);
  // Hugo does not publish a page past its expiry date; Kiosque has no expiry, so it stays unpublished.
  const expired = expiresAt !== undefined && expiresAt <= context.now.toISOString();
  if (expired && !markedDraft) warnings.push({ line: lineOf(expiryKey!), code: 'post_expired', params: { date: describe(fields[expiryKey!]) } });
  else if (withoutPage && !markedDraft) warnings.push({ line: lineOf('permalink'), code: 'post_without_page', params: {} });
  const draft = markedDraft || expired || withoutPage;
  const status: PostStatus = draft ? 'draft' : publishedAt && publishedAt > context.now.toISOString() ? 'scheduled' : 'published';
  const isPage = fields.type === 'page' || fields.layout === 'page' || folders.some((folder) => PAGE_FOLDERS.has(folder));

  return {
    ok: true,
    post: {
      input: {
        type: isPage ? 'page' : 'post',
        title,
        slug: slugify(wantedSlug ?? name ?? '') || slugify(title) || 'article',
        markdown: '',
        status,
        // A draft's date is only a plan: the post takes its date when it is published.
        publishedAt: draft ? null : publishedAt,
        // An import is not an edit: the post was last changed when its file says, not today.
        updatedAt: updatedAt ?? publishedAt,
        customExcerpt: excerpt,
        author,
        categories: unique(categories),
        tags: unique(tags),
        image: cover && { url: cover.src, alt: cover.alt ?? coverAlt ?? '', caption: cover.caption ?? coverCaption },
        seoTitle,
        seoDescription: seoDescription ?? description,
        featured: isTrue(fields.featured) || isTrue(fields.sticky),
        highlighted: isTrue(fields.highlight) || isTrue(fields.highlighted),
        // The file says everything about its post: without these fields the post has none.
        canonicalUrl: canonicalUrl ?? null,
        noindex,
      },
      slugLine: slugKey ? lineOf(slugKey) : 1,
      dated: publishedAt !== undefined,
      localImage: cover && isLocalReference(cover.src) ? { written: cover.src, line: cover.line } : undefined,
      comments,
      warnings,
      oldAddresses,
    },
  };
}

/** The first of `keys` that the front matter fills in. */
function firstKey(fields: Fields, keys: string[]): string | undefined {
  return keys.find((key) => fields[key] !== undefined && fields[key] !== null && fields[key] !== '');
}

/**
 * The name a file gives its post: `2024-03-15-my-post.md` → `my-post` (dated 2024-03-15), and
 * for `my-post/index.md` (a Hugo page bundle) the folder's name.
 */
function fileName(relativeFile: string): { name: string | undefined; nameDate: string | undefined } {
  let base = path.posix.basename(relativeFile).replace(MARKDOWN_EXTENSION, '');
  if (INDEX_FILES.has(base)) {
    const folder = path.posix.basename(path.posix.dirname(relativeFile));
    if (folder === '.' || folder === '') return { name: undefined, nameDate: undefined };
    base = folder;
  }
  return { name: withoutFileNameDate(base), nameDate: fileNameDate(base) };
}

/**
 * `/blog/2024/my-post/`, `/blog/my-post.html` and `/blog/my-post/index.html` → `my-post`. A pattern
 * names no slug: Jekyll's `/:year/:title/`, or an Eleventy template such as `/{{ page.fileSlug }}/`.
 */
function lastSegment(permalink: string | undefined): string | undefined {
  if (permalink === undefined || /\{[{%]/.test(permalink)) return undefined;
  const segments = permalink.split(/[?#]/)[0]!.split('/').filter(Boolean);
  if (/^index\.html?$/i.test(segments.at(-1) ?? '')) segments.pop();
  const segment = segments.pop()?.replace(/\.html?$/i, '');
  return segment && !segment.includes(':') ? segment : undefined;
}

/**
 * The site path a `url` or `permalink` gave its page: `/blog/my-post/index.html` was served at
 * `/blog/my-post/`, an address of the old site by its path. A pattern or template has none.
 */
function addressOf(permalink: string | undefined): string | undefined {
  if (permalink === undefined || /\{[{%]/.test(permalink) || permalink.includes(':') && !isWebAddress(permalink)) return undefined;
  let address = isWebAddress(permalink) ? new URL(permalink).pathname : `/${permalink.split(/[?#]/)[0]!.replace(/^\/+/, '')}`;
  address = address.replace(/\/index\.html?$/i, '/');
  return isSitePath(address) && address !== '/' ? address : undefined;
}

/** A list given as an array or as a string of names parted by `separator`. */
function list(fields: Fields, key: string, separator: RegExp, numbersAllowed: boolean, lineOf: (key: string) => number, problems: FileProblem[]): string[] {
  const value = fields[key];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(separator) : [value];
  const names: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' || (numbersAllowed && typeof item === 'number')) {
      const name = String(item).trim();
      if (name) names.push(name);
    } else {
      problems.push({ line: lineOf(key), code: 'field_not_text', params: { field: key } });
      return [];
    }
  }
  return names;
}

function readAuthor(fields: Fields, lineOf: (key: string) => number, problems: FileProblem[]): string | undefined {
  const key = firstKey(fields, ['author', 'authors']);
  if (!key) return undefined;
  const value = fields[key];
  const first = Array.isArray(value) ? value[0] : value;
  const name = isRecord(first) ? first.name : first;
  if (name === undefined || name === null) return undefined;
  if (typeof name !== 'string') {
    problems.push({ line: lineOf(key), code: 'field_not_text', params: { field: key } });
    return undefined;
  }
  return name.trim() || undefined;
}

// Hugo reads parameters whatever their case; themes write canonicalURL (PaperMod) or canonicalUrl (Ananke).
const CANONICAL_KEYS = ['canonicalURL', 'canonicalUrl', 'canonicalurl', 'canonical_url', 'canonical'];
const NOINDEX_KEYS = ['robotsNoIndex', 'robotsnoindex', 'noindex', 'noIndex'];

/** The address search engines should prefer: a path of the site, or an http(s) address. */
function readCanonical(fields: Fields, lineOf: (key: string) => number, problems: FileProblem[]): string | undefined {
  const key = firstKey(fields, CANONICAL_KEYS);
  if (!key) return undefined;
  const value = fields[key];
  if (typeof value !== 'string') {
    problems.push({ line: lineOf(key), code: 'field_not_text', params: { field: key } });
    return undefined;
  }
  const address = value.trim();
  if (!address) return undefined;
  if (!isSitePath(address) && !isWebAddress(address)) {
    problems.push({ line: lineOf(key), code: 'address_invalid', params: { field: key, value: address } });
    return undefined;
  }
  return address;
}

// Hugo's `aliases` and the jekyll-redirect-from plugin's `redirect_from`: where the page was before.
const OLD_ADDRESS_KEYS = ['aliases', 'redirect_from'];

/**
 * The post's earlier addresses, as paths of the site: "/old/x/" as written, an address of the old
 * site ("https://blog.example.fr/old/x/") by its path, and Hugo's "old/x" from the site's root.
 */
function readOldAddresses(fields: Fields, lineOf: (key: string) => number, problems: FileProblem[]): string[] {
  const paths: string[] = [];
  for (const key of OLD_ADDRESS_KEYS) {
    for (const written of list(fields, key, /\s+/, false, lineOf, problems)) {
      const address = isWebAddress(written) ? new URL(written).pathname : `/${written.replace(/^\/+/, '')}`;
      if (!isSitePath(address) || address === '/') {
        problems.push({ line: lineOf(key), code: 'address_invalid', params: { field: key, value: written } });
        continue;
      }
      paths.push(address);
    }
  }
  return unique(paths);
}

/** `robotsNoIndex: true` (Hugo themes), `noindex: true`, or `robots: noindex, follow` as the meta tag says it. */
function readNoindex(fields: Fields, lineOf: (key: string) => number, problems: FileProblem[]): boolean {
  const key = firstKey(fields, NOINDEX_KEYS);
  if (key) {
    if (isTrue(fields[key])) return true;
    if (isFalse(fields[key])) return false;
    problems.push({ line: lineOf(key), code: 'field_not_boolean', params: { field: key } });
    return false;
  }
  return typeof fields.robots === 'string' && /(^|[\s,])noindex($|[\s,])/i.test(fields.robots);
}

function isSitePath(address: string): boolean {
  return address.startsWith('/') && !address.startsWith('//') && !/\s/.test(address);
}

/** An absolute http(s) address; with `base`, a relative one counts as the page it is resolved against. */
function isWebAddress(address: string, base?: string): boolean {
  try {
    const url = new URL(address, base);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

interface Cover {
  src: string;
  alt: string | undefined;
  caption: string | undefined;
  line: number;
}

const COVER_KEYS = ['image', 'cover', 'featured_image', 'heroImage', 'images'];
const COVER_SOURCE_KEYS = ['src', 'url', 'path', 'image'];

/** The post's main image: a path, or an object such as `{ src, alt, caption }` (Hugo, Astro). */
function readCover(fields: Fields, lineOf: (key: string) => number, problems: FileProblem[]): Cover | undefined {
  const key = firstKey(fields, COVER_KEYS);
  if (!key) return undefined;
  const value = Array.isArray(fields[key]) ? (fields[key] as unknown[])[0] : fields[key];
  const line = lineOf(key);
  if (typeof value === 'string') return coverAt(key, value, { alt: undefined, caption: undefined, line }, problems);
  const source = isRecord(value) ? COVER_SOURCE_KEYS.map((name) => value[name]).find((candidate) => candidate !== undefined) : undefined;
  const alt = isRecord(value) ? value.alt : undefined;
  const caption = isRecord(value) ? value.caption : undefined;
  if (typeof source !== 'string' || (alt !== undefined && typeof alt !== 'string') || (caption !== undefined && typeof caption !== 'string')) {
    if (value !== undefined) problems.push({ line, code: 'field_not_text', params: { field: key } });
    return undefined;
  }
  return coverAt(key, source, { alt: alt?.trim() || undefined, caption: caption?.trim() || undefined, line }, problems);
}

// Any page of the site: relative paths and paths of the site resolve to http(s), other schemes do not.
const SITE_PAGE = 'https://kiosque.invalid/blog/post/';

/**
 * The cover at `written`, unless it is an address a page must not show as an image (`javascript:`,
 * `data:`…). Read as a browser reads it, so that `java\tscript:` is seen for what it is.
 */
function coverAt(key: string, written: string, rest: Omit<Cover, 'src'>, problems: FileProblem[]): Cover | undefined {
  const src = written.trim();
  if (!src) return undefined;
  if (!isWebAddress(src, SITE_PAGE)) {
    problems.push({ line: rest.line, code: 'image_address_invalid', params: { field: key, value: src } });
    return undefined;
  }
  return { src, ...rest };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

// Jekyll (Ruby's YAML) and Hugo read YAML 1.1, where yes/no/on/off/y/n are booleans; the YAML
// 1.2 reader here gives them as text, so `published: no` must be read as its writer meant it.
const TRUE_WORDS = new Set(['true', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'off']);

function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && TRUE_WORDS.has(value.trim().toLowerCase()));
}

function isFalse(value: unknown): boolean {
  return value === false || (typeof value === 'string' && FALSE_WORDS.has(value.trim().toLowerCase()));
}

function describe(value: unknown): string {
  return value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/** Without repeats, whatever their case; the first spelling wins. */
function unique(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

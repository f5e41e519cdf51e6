import type { Locale } from '../../i18n/i18n.ts';
import { slugify } from '../../lib/slug.ts';
import { archivePath, feedPath, type ArchiveKind } from '../../site/site.urls.ts';
import { originalMediaUrl } from './wp.content.media.ts';
import type { WxrItem, WxrTerm } from './wxr.model.ts';

/**
 * A WordPress blog's old addresses, without a database: which permalink structure its posts'
 * `<link>`s follow (and whether Kiosque's pattern can give every post the same address), and the
 * 301s that keep every other old address working (`?p=12`, `/category/<slug>/`, attachment pages,
 * `/wp-content/uploads/…`). The importer writes those with wp.urls.apply.ts.
 */

/** What the detector reads of an item (a WxrItem has it all). */
export type PermalinkItem = Pick<WxrItem, 'id' | 'postType' | 'status' | 'link' | 'slug' | 'localDate' | 'terms'>;

/** What the detector reads of a category, to recognise %category% (`parent/child`). */
export type PermalinkTerm = Pick<WxrTerm, 'taxonomy' | 'slug' | 'parentSlug'>;

export interface PermalinkStructure {
  /**
   * WordPress's permalink structure, relative to the blog's folder, that most published posts'
   * links follow: '/%year%/%monthnum%/%postname%/', '/archives/%post_id%', '/%category%/%postname%/'…,
   * '/?p=%post_id%' for plain permalinks; undefined when there is no published post to read.
   */
  structure: string | undefined;
  /** The folder the blog was installed in, '' at the root of its domain ('/blog' for example.fr/blog/). */
  basePath: string;
  /**
   * The site's permalink pattern that gives every published post its old address again
   * (the folder included), or undefined: then each old address gets a 301. Kiosque's tokens are
   * %year% %monthnum% %day% %postname% (%post_id% is Kiosque's own id, not WordPress's), and its
   * addresses end with a slash: a structure without one is kept (the address without its slash
   * answers a 301 to the one with it), see `trailingSlash`. Its slugs are lowercase ASCII: a post
   * whose slug is not (`%d9%85…`, `%f0%9f%9a%80-fusee`) gets another and its old address alone a
   * 301, the others keep theirs.
   */
  kiosquePattern: string | undefined;
  /** Whether the old links ended with a slash. */
  trailingSlash: boolean;
  /** How many published posts were read. */
  published: number;
  /** WordPress ids of published posts whose link the structure does not give (the first 50, among the first 10,000 posts). */
  mismatches: number[];
}

/** Most combinations of readings one address is given (a post dated 05/05 at 05:05 stays small). */
const MAX_READINGS = 32;
/** Structures counted at once: links with a literal that changes from post to post are not a structure. */
const MAX_STRUCTURES = 200;
const MAX_MISMATCHES = 50;
/** Posts whose readings are kept to name the mismatches (bounded memory on a file of any size). */
const REMEMBERED_POSTS = 10_000;

interface DateParts {
  year: string;
  monthnum: string;
  day: string;
}

/** '2024-05-03 09:30:00' (wp:post_date, the blog's local time) → its date parts, as WordPress writes them in links. */
function datePartsOf(localDate: string): DateParts | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(localDate);
  if (!match || match[1] === '0000') return undefined;
  return { year: match[1]!, monthnum: match[2]!, day: match[3]! };
}

/** The folder of the blog's address: '' at the root, '/blog' for https://example.fr/blog/. */
export function basePathOf(blogUrl: string): string {
  const url = parseUrl(blogUrl);
  return url ? url.pathname.replace(/\/+$/, '') : '';
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text.trim());
  } catch {
    return undefined;
  }
}

/** A link's address on the old site as requests carry it: its path and, for WordPress's query addresses, the query. */
function relativeAddress(link: string, basePath: string): { path: string; query: URLSearchParams } | undefined {
  const url = parseUrl(link);
  if (!url) return undefined;
  const path = url.pathname;
  if (basePath && path !== basePath && !path.startsWith(basePath + '/')) return undefined;
  return { path: path.slice(basePath.length) || '/', query: url.searchParams };
}

/** The item is a post that readers of the blog could read (the ones whose links are its permalinks). */
function isPublishedPost(item: Pick<WxrItem, 'postType' | 'status'>): boolean {
  return item.postType === 'post' && item.status === 'publish';
}

/**
 * Reads the blog's permalink structure from its published posts' links, one item at a time (the
 * reader streams a file of any size). Give it the categories first (WXR lists them before the
 * items) so that %category% is recognised.
 */
export class PermalinkDetector {
  private readonly basePath: string;
  private readonly parents = new Map<string, string | undefined>();
  /** How many published posts each structure gives. */
  private readonly counts = new Map<string, number>();
  /** The readings of the first posts, to name the ones the winning structure does not give. */
  private readonly firstPosts: { id: number; readings: ReadonlySet<string> }[] = [];
  private published = 0;
  private slashes = 0;

  constructor(blogUrl: string) {
    this.basePath = basePathOf(blogUrl);
  }

  addTerm(term: PermalinkTerm): void {
    if (term.taxonomy === 'category' && term.slug) this.parents.set(term.slug, term.parentSlug || undefined);
  }

  addItem(item: PermalinkItem): void {
    if (!isPublishedPost(item)) return;
    this.published++;
    const address = relativeAddress(item.link, this.basePath);
    const readings = new Set(address ? readingsOf(item, address, this.categoryPaths(item)) : []);
    if (address?.path.endsWith('/')) this.slashes++;
    for (const structure of readings) this.counts.set(structure, (this.counts.get(structure) ?? 0) + 1);
    if (this.counts.size > MAX_STRUCTURES) this.forgetRare();
    if (this.firstPosts.length < REMEMBERED_POSTS) this.firstPosts.push({ id: item.id, readings });
  }

  private forgetRare(): void {
    const ordered = [...this.counts].sort((a, b) => b[1] - a[1]);
    for (const [structure] of ordered.slice(MAX_STRUCTURES / 2)) this.counts.delete(structure);
  }

  /** Every `parent/child` path of the item's categories (WordPress's %category% is one of them). */
  private categoryPaths(item: PermalinkItem): string[] {
    const paths: string[] = [];
    for (const term of item.terms) {
      if (term.taxonomy !== 'category' || !term.slug) continue;
      const chain = [term.slug];
      let parent = this.parents.get(term.slug);
      while (parent && chain.length < 20 && !chain.includes(parent)) {
        chain.unshift(parent);
        parent = this.parents.get(parent);
      }
      paths.push(chain.join('/'));
    }
    return paths;
  }

  result(): PermalinkStructure {
    const trailingSlash = this.published > 0 && this.slashes * 2 >= this.published;
    let structure: string | undefined;
    let best = 0;
    for (const [candidate, count] of this.counts) {
      if (count > best || (count === best && structure !== undefined && preference(candidate) < preference(structure))) {
        structure = candidate;
        best = count;
      }
    }
    const everyPost = structure !== undefined && best === this.published;
    const mismatches = this.firstPosts.filter((post) => structure === undefined || !post.readings.has(structure)).slice(0, MAX_MISMATCHES).map((post) => post.id);
    const kiosquePattern = everyPost ? kiosquePatternOf(structure!, this.basePath) : undefined;
    return { structure, basePath: this.basePath, kiosquePattern, trailingSlash, published: this.published, mismatches };
  }
}

/** Detects the structure of a whole list of items (see PermalinkDetector for a stream). */
export function detectPermalinkStructure(blogUrl: string, items: Iterable<PermalinkItem>, terms: Iterable<PermalinkTerm> = []): PermalinkStructure {
  const detector = new PermalinkDetector(blogUrl);
  for (const term of terms) detector.addTerm(term);
  for (const item of items) detector.addItem(item);
  return detector.result();
}

/** WordPress's usual structures (as its Permalinks screen offers them), final slash aside. */
const USUAL_STRUCTURES: ReadonlySet<string> = new Set(['/%postname%', '/%year%/%monthnum%/%day%/%postname%', '/%year%/%monthnum%/%postname%', '/archives/%post_id%', '/?p=%post_id%']);

/** Between structures that give as many posts, WordPress's usual ones first, then the one with the least literal text. */
function preference(structure: string): number {
  if (USUAL_STRUCTURES.has(structure.replace(/\/$/, ''))) return 0;
  return structure.replace(/%[a-z_]+%/g, '').length + 1;
}

/** Kiosque's pattern for a WordPress structure, when its tokens can write it. */
function kiosquePatternOf(structure: string, basePath: string): string | undefined {
  if (!structure.startsWith('/') || structure.includes('?')) return undefined;
  const tokens: string[] = structure.match(/%[a-z_]+%/g) ?? [];
  if (!tokens.includes('%postname%')) return undefined;
  if (tokens.some((token) => !['%year%', '%monthnum%', '%day%', '%postname%'].includes(token))) return undefined;
  const pattern = basePath + (structure.endsWith('/') ? structure : structure + '/');
  const literal = pattern.replace(/%[a-z_]+%/g, '');
  if (!/^[a-z0-9/_-]*$/.test(literal) || pattern.includes('//')) return undefined;
  return pattern;
}

/**
 * Every structure that gives this post's link: each segment of its path may be the slug, the id,
 * a date part, a category path or plain text, and a post dated 2024-05-05 can be read several ways.
 */
function readingsOf(item: PermalinkItem, address: { path: string; query: URLSearchParams }, categoryPaths: string[]): string[] {
  if (address.path === '/' && address.query.get('p') === String(item.id)) return ['/?p=%post_id%'];
  if (address.query.size > 0) return [];
  const date = datePartsOf(item.localDate);
  const trailing = address.path.endsWith('/');
  const segments = address.path.split('/').filter(Boolean).map(decodeSegment);
  const readings: string[] = [];
  const walk = (index: number, built: string[]) => {
    if (readings.length >= MAX_READINGS) return;
    if (index === segments.length) {
      readings.push('/' + built.join('/') + (trailing && built.length > 0 ? '/' : ''));
      return;
    }
    const segment = segments[index]!;
    const options: string[] = [];
    if (segment === decodeSegment(item.slug)) options.push('%postname%');
    if (segment === String(item.id)) options.push('%post_id%');
    if (date) {
      if (segment === date.year) options.push('%year%');
      if (segment === date.monthnum) options.push('%monthnum%');
      if (segment === date.day) options.push('%day%');
    }
    for (const option of options) walk(index + 1, [...built, option]);
    for (const category of categoryPaths) {
      const parts = category.split('/').map(decodeSegment);
      if (parts.every((part, offset) => segments[index + offset] === part)) walk(index + parts.length, [...built, '%category%']);
    }
    if (options.length === 0) walk(index + 1, [...built, segment]);
  };
  walk(0, []);
  // Only readings that name the post: a link made of text alone says nothing of the structure.
  return [...new Set(readings)].filter((reading) => reading.includes('%postname%') || reading.includes('%post_id%'));
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

// ---------------------------------------------------------------------------------------------
// Legacy addresses

/** The old blog and the new site, as far as addresses go. */
export interface LegacySite {
  /** Where the blog lived: WxrSite.baseBlogUrl (else its link). Old addresses keep its folder. */
  blogUrl: string;
  /** The Kiosque site's language, which names its archives (/categorie/ or /category/). */
  locale: Locale;
}

export interface LegacyPost {
  /** WordPress's id (wp:post_id). */
  wpId: number;
  /** 'post' or 'page' (WordPress's post_type). */
  postType: string;
  /** The item's <link>: its address on the old blog. */
  link: string;
  /**
   * Its address on Kiosque now (postPath), or undefined for what readers cannot see (a draft, a
   * private post). A scheduled post's future address may be given: until it is out, its old
   * addresses lead to a 404, as they answered on WordPress.
   */
  newPath: string | undefined;
  /** Its addresses on the old blog under the slugs it had before (`oldSlugPaths`). */
  oldPaths?: readonly string[] | undefined;
  /** How many pages `<!--nextpage-->` split it into on the old blog (`pageCount`); Kiosque shows it whole. */
  pages?: number | undefined;
}

export interface LegacyTerm {
  /** WordPress's term id (for ?cat=ID), when the file gives it. */
  wpId: number | undefined;
  taxonomy: string;
  /** Its slug on WordPress (as in the file). */
  wpSlug: string;
  /** Its parent's slug on WordPress, for /category/parent/child/. */
  parentSlug: string | undefined;
  /** Its slug on Kiosque, or undefined when it was not imported. */
  newSlug: string | undefined;
}

export interface LegacyAuthor {
  /** WordPress's user id (for ?author=ID), when the file gives it. */
  wpId: number | undefined;
  login: string;
  /** Its author archive's slug on Kiosque, or undefined when none was made. */
  newSlug: string | undefined;
}

export interface LegacyAttachment {
  wpId: number;
  /** The attachment page's address (the item's <link>). */
  link: string;
  /** The post it was uploaded to (wp:post_parent), 0 for none. */
  parentId: number;
  /** The file's address (wp:attachment_url). */
  url: string | undefined;
  /** The file names of the copies WordPress made of it: `resizedCopies(item.meta._wp_attachment_metadata)`. */
  resizedCopies?: readonly string[] | undefined;
}

export interface LegacyAddressesInput {
  site: LegacySite;
  posts: readonly LegacyPost[];
  terms: readonly LegacyTerm[];
  authors: readonly LegacyAuthor[];
  attachments: readonly LegacyAttachment[];
  /** The imported file's /media/… address for an uploads URL, or undefined when it was not imported (B's `mediaUrl`). */
  mediaUrl?: ((url: string) => string | undefined) | undefined;
  /** Uploads URLs of resized copies the posts' content named (`photo-1024x768.jpg`): `WpMedia.resizedReferences`. */
  resizedReferences?: Iterable<string> | undefined;
}

/**
 * An old address and where it now leads (always a 301). `from` may carry WordPress's query
 * (`/?p=12`), or be a pattern (a `*` for every page of `/category/ecommerce/page/<n>/`) whose target has `$1`.
 */
export interface LegacyRedirect {
  from: string;
  to: string;
  /** What it stands for, in WordPress's words, shown in the Redirections screen: 'WordPress post 12', 'WordPress category e-commerce'. */
  note: string;
}

/** WordPress's query parameters that name one thing, in the order a request's are read (see redirects.query-addresses.ts). */
const FEEDS: readonly [string, string][] = [
  ['rss2', feedPath('rss')],
  ['rss', feedPath('rss')],
  ['atom', feedPath('atom')],
];

/**
 * The old blog as its addresses are read: the folder it was installed in, and its host (a link
 * to another host, or with a query, is no address of the blog's that a rule could hold).
 */
export class OldBlog {
  /** '' at the root of its domain, '/blog' for https://example.fr/blog/. */
  readonly base: string;
  private readonly host: string | undefined;

  constructor(blogUrl: string) {
    this.base = basePathOf(blogUrl);
    this.host = parseUrl(blogUrl)?.host;
  }

  /** A link's path on the old blog, or undefined. */
  pathOf(link: string): string | undefined {
    const url = parseUrl(link);
    if (!url || (this.host && url.host !== this.host) || url.search) return undefined;
    return url.pathname;
  }
}

/** A rule when both addresses are known and it moves the reader (an address without its slash is already sent to the one with it). */
function rule(from: string | undefined, to: string | undefined, note: string): LegacyRedirect[] {
  if (from === undefined || to === undefined || from === to || from + '/' === to) return [];
  return [{ from, to, note }];
}

/**
 * Every page of an old archive (`/category/ecommerce/page/2/`, any number) to the same page of the
 * new one, in one pattern rule rather than one rule per page: a `*` in place of the number, and
 * `/categorie/ecommerce/page/$1/` as its target. None when the archive kept its address (its pages answer by themselves).
 */
function pagedRule(from: string, archive: string, note: string): LegacyRedirect[] {
  if (from === archive) return [];
  return [{ from: `${from}page/*/`, to: `${archive}page/$1/`, note }];
}

/**
 * A post's or a page's old addresses, in the order their reasons rank: its link, `?p=`,
 * `?page_id=`, its comment feed and its pages (`/2024/04/billet/2/`). None while readers cannot see it.
 */
export function postRedirects(post: LegacyPost, blog: OldBlog): LegacyRedirect[] {
  if (post.newPath === undefined) return [];
  const note = `WordPress ${post.postType} ${post.wpId}`;
  const from = blog.pathOf(post.link);
  return [
    ...rule(from, post.newPath, note),
    ...(from ? pagePaths(from, post.pages ?? 1).flatMap((page) => rule(page, post.newPath, note)) : []),
    ...rule(`${blog.base}/?p=${post.wpId}`, post.newPath, note),
    ...(post.postType === 'page' ? rule(`${blog.base}/?page_id=${post.wpId}`, post.newPath, note) : []),
    // A post's comment feed: Kiosque has none, the site's feed is the nearest a feed reader can follow.
    ...(from && post.postType === 'post' ? rule(joinFeed(from), feedPath('rss'), `WordPress ${post.postType} ${post.wpId} feed`) : []),
  ];
}

/**
 * How many pages a post's content makes on WordPress: one, and one more for each `<!--nextpage-->`
 * (the block editor's page break holds the same comment).
 */
export function pageCount(content: string): number {
  return 1 + (content.match(/<!--nextpage-->/g)?.length ?? 0);
}

/**
 * The addresses of a paginated post's pages after the first (`/2024/04/billet/2/`), each an exact
 * rule: a pattern under every post's address would, as rules come before posts, answer for
 * addresses that are not a post's page, and patterns are tried one by one on every request.
 */
function pagePaths(path: string, pages: number): string[] {
  const slash = path.endsWith('/');
  const base = slash ? path : path + '/';
  const paths: string[] = [];
  for (let page = 2; page <= pages; page++) paths.push(`${base}${page}${slash ? '/' : ''}`);
  return paths;
}

/**
 * A post's addresses under the slugs it had before (WordPress's `_wp_old_slug`): its link with
 * the slug replaced by each old one, as WordPress's permalink structure gives them and WordPress
 * redirects them. None when the link does not name the slug (`/?p=12`, `/archives/12`): WordPress
 * then finds no old slug in the address either.
 */
export function oldSlugPaths(item: Pick<WxrItem, 'link' | 'slug' | 'oldSlugs'>, blog: OldBlog): string[] {
  const path = item.oldSlugs.length === 0 || item.slug === '' ? undefined : blog.pathOf(item.link);
  if (path === undefined) return [];
  const segments = path.split('/');
  const slug = decodeSegment(item.slug);
  // The structure's %postname% is its last segment but for WordPress's own (`/%postname%/%post_id%/`, rare): the last one that is the slug.
  const at = segments.findLastIndex((segment) => segment !== '' && decodeSegment(segment) === slug);
  if (at === -1) return [];
  const paths = new Set<string>();
  for (const old of item.oldSlugs) {
    if (!/^[^/?#\s]+$/.test(old) || decodeSegment(old) === slug) continue;
    paths.add(segments.map((segment, index) => (index === at ? old : segment)).join('/'));
  }
  return [...paths];
}

/**
 * The rules for a post's old-slug addresses (`oldSlugPaths`) and their comment feeds. WordPress
 * sends them to the post only where nothing else answers, so they come after every post's own
 * addresses and are left out where a post lives now (see applyLegacyAddresses).
 */
export function oldSlugRedirects(post: LegacyPost): LegacyRedirect[] {
  if (post.newPath === undefined || !post.oldPaths) return [];
  const note = `WordPress ${post.postType} ${post.wpId} old slug`;
  return post.oldPaths.flatMap((from) => [
    ...rule(from, post.newPath, note),
    ...(post.postType === 'post' ? rule(joinFeed(from), feedPath('rss'), `WordPress ${post.postType} ${post.wpId} feed`) : []),
  ]);
}

/** The category, tag and author addresses, their feeds and their pages (`/category/…/`, `?cat=`, `?tag=`, `/author/…/`, `?author=`, `…/page/<n>/`). */
export function archiveRedirects(input: Pick<LegacyAddressesInput, 'site' | 'terms' | 'authors'>, blog: OldBlog): LegacyRedirect[] {
  const { base } = blog;
  const locale = input.site.locale;
  const rules: LegacyRedirect[] = [];
  const categories = new Map(input.terms.filter((term) => term.taxonomy === 'category').map((term) => [term.wpSlug, term]));
  for (const term of input.terms) {
    if (term.newSlug === undefined) continue;
    const kind: ArchiveKind | undefined = term.taxonomy === 'category' ? 'category' : term.taxonomy === 'post_tag' ? 'tag' : undefined;
    if (!kind) continue;
    const archive = archivePath(locale, kind, term.newSlug);
    const feed = feedPath('rss', { locale, kind, slug: term.newSlug });
    const note = `WordPress ${term.taxonomy} ${term.wpSlug}`;
    const paths = kind === 'category' ? [categoryPath(term, categories), term.wpSlug] : [term.wpSlug];
    const prefix = kind === 'category' ? 'category' : 'tag';
    for (const path of new Set(paths)) {
      rules.push(...rule(`${base}/${prefix}/${path}/`, archive, note));
      rules.push(...rule(`${base}/${prefix}/${path}/feed/`, feed, note));
      rules.push(...pagedRule(`${base}/${prefix}/${path}/`, archive, note));
    }
    if (kind === 'category' && term.wpId !== undefined) rules.push(...rule(`${base}/?cat=${term.wpId}`, archive, note));
    if (kind === 'tag') rules.push(...rule(`${base}/?tag=${term.wpSlug}`, archive, note));
  }

  for (const author of input.authors) {
    if (author.newSlug === undefined) continue;
    const archive = archivePath(locale, 'author', author.newSlug);
    const note = `WordPress author ${author.login}`;
    // WordPress's author addresses use the user's "nicename", the login as a slug.
    const nicename = slugify(author.login) || author.login;
    rules.push(...rule(`${base}/author/${nicename}/`, archive, note));
    rules.push(...rule(`${base}/author/${nicename}/feed/`, feedPath('rss', { locale, kind: 'author', slug: author.newSlug }), note));
    rules.push(...pagedRule(`${base}/author/${nicename}/`, archive, note));
    if (author.wpId !== undefined) rules.push(...rule(`${base}/?author=${author.wpId}`, archive, note));
  }
  return rules;
}

/**
 * An attachment's old addresses: its page (`?attachment_id=`, `?p=`, its link), which leads to
 * the post it belongs to (`parentPath`, that post's new address) or else to the imported file,
 * and the file's own address with those of its resized copies.
 */
export function attachmentRedirects(attachment: LegacyAttachment, parentPath: string | undefined, blog: OldBlog, mediaUrl: LegacyAddressesInput['mediaUrl']): LegacyRedirect[] {
  const { base } = blog;
  const file = attachment.url === undefined ? undefined : mediaUrl?.(attachment.url);
  const note = `WordPress attachment ${attachment.wpId}`;
  // The page that showed one image: the article it belongs to, else the image itself.
  const page = parentPath ?? file;
  const rules = [...rule(blog.pathOf(attachment.link), page, note), ...rule(`${base}/?attachment_id=${attachment.wpId}`, page, note), ...rule(`${base}/?p=${attachment.wpId}`, page, note)];
  if (attachment.url !== undefined && file !== undefined) {
    const path = blog.pathOf(attachment.url);
    rules.push(...rule(path, file, note));
    // The resized copies (and the original of a "-scaled" image) were linked too: Kiosque makes its own sizes of the one file.
    const folder = path?.slice(0, path.lastIndexOf('/') + 1);
    if (folder) for (const name of attachment.resizedCopies ?? []) rules.push(...rule(folder + name, file, note));
  }
  return rules;
}

/**
 * The resized copies the content showed (`photo-1024x768.jpg`) that the attachments' metadata did
 * not list, or that belong to no attachment: each leads to its own imported file, else to the
 * imported original, the file the content now shows in its place.
 */
export function resizedReferenceRedirects(urls: Iterable<string>, blog: OldBlog, mediaUrl: LegacyAddressesInput['mediaUrl']): LegacyRedirect[] {
  const rules: LegacyRedirect[] = [];
  for (const url of urls) rules.push(...rule(blog.pathOf(url), mediaUrl?.(url) ?? mediaUrl?.(originalMediaUrl(url)), 'WordPress resized image'));
  return rules;
}

/**
 * The date archives the blog served (`/2024/`, `/2024/05/`, `/2024/05/14/`): WordPress has one for
 * each year, month and day on which a post was published, and answers 404 on the others. Give it
 * the items one at a time (it keeps a few bytes per day with posts).
 */
export class DateArchives {
  private readonly days = new Set<string>();

  addItem(item: Pick<WxrItem, 'postType' | 'status' | 'localDate'>): void {
    const date = isPublishedPost(item) ? datePartsOf(item.localDate) : undefined;
    if (date) this.days.add(`${date.year}/${date.monthnum}/${date.day}`);
  }

  /** Their addresses on the old blog (in its folder), years, then months, then days. */
  paths(blog: OldBlog): string[] {
    const days = [...this.days].sort();
    const years = new Set(days.map((day) => day.slice(0, 4)));
    const months = new Set(days.map((day) => day.slice(0, 7)));
    return [...years, ...months, ...days].map((archive) => `${blog.base}/${archive}/`);
  }
}

/** The blog's feeds (`?feed=`, `/feed/rss2/`, `/comments/feed/`…) and, for a blog in a folder, its home. */
export function feedRedirects(blog: OldBlog): LegacyRedirect[] {
  const { base } = blog;
  const rules = FEEDS.flatMap(([name, to]) => rule(`${base}/?feed=${name}`, to, 'WordPress feed'));
  rules.push(...rule(`${base}/feed/rss2/`, feedPath('rss'), 'WordPress feed'), ...rule(`${base}/feed/rss/`, feedPath('rss'), 'WordPress feed'));
  // The blog's comments feed: Kiosque has no comment feeds (see a post's own in postRedirects), the site's feed is the nearest.
  rules.push(...rule(`${base}/comments/feed/`, feedPath('rss'), 'WordPress comments feed'), ...rule(`${base}/?feed=comments-rss2`, feedPath('rss'), 'WordPress comments feed'));
  if (base) rules.push(...rule(`${base}/feed/`, feedPath('rss'), 'WordPress feed'), ...rule(`${base}/`, '/', 'WordPress home'));
  return rules;
}

/**
 * Every old address of an imported blog that does not answer by itself on Kiosque, with the new
 * address it leads to: posts and pages whose address changed or that had other slugs, `?p=`, `?page_id=`, `?cat=`,
 * `?tag=`, `?author=`, `?attachment_id=`, `/category/…/`, `/tag/…/`, `/author/…/` and their
 * feeds, a post's comment feed, attachment pages, uploaded files and the resized copies the
 * content showed. Addresses that lead where
 * they are (an English site's /category/<slug>/) and addresses that are some imported thing's
 * new address are left out; each address appears once, the first reason winning (posts, then
 * archives, attachments, resized copies and feeds). The importer writes the same rules a page of posts at a time
 * (wp.urls.apply.ts).
 */
export function legacyRedirects(input: LegacyAddressesInput): LegacyRedirect[] {
  const blog = new OldBlog(input.site.blogUrl);
  const rules = new Map<string, LegacyRedirect>();
  const add = (found: readonly LegacyRedirect[]) => {
    for (const rule of found) if (!rules.has(rule.from)) rules.set(rule.from, rule);
  };
  const newPaths = new Map<number, string | undefined>();
  const live = new Set<string>();
  for (const post of input.posts) {
    newPaths.set(post.wpId, post.newPath);
    if (post.newPath !== undefined) live.add(post.newPath);
  }
  for (const post of input.posts) add(postRedirects(post, blog));
  for (const post of input.posts) add(oldSlugRedirects({ ...post, oldPaths: post.oldPaths?.filter((path) => !live.has(path)) }));
  add(archiveRedirects(input, blog));
  for (const attachment of input.attachments) add(attachmentRedirects(attachment, attachment.parentId > 0 ? newPaths.get(attachment.parentId) : undefined, blog, input.mediaUrl));
  add(resizedReferenceRedirects(input.resizedReferences ?? [], blog, input.mediaUrl));
  add(feedRedirects(blog));
  // An address some imported thing now lives at is not redirected away from it.
  return [...rules.values()].filter((rule) => !live.has(rule.from));
}

function joinFeed(path: string): string {
  return (path.endsWith('/') ? path : path + '/') + 'feed/';
}

/** A category's address on WordPress: its parents' slugs, then its own. */
function categoryPath(term: LegacyTerm, categories: ReadonlyMap<string, LegacyTerm>): string {
  const chain = [term.wpSlug];
  let parent = term.parentSlug;
  while (parent && chain.length < 20 && !chain.includes(parent)) {
    chain.unshift(parent);
    parent = categories.get(parent)?.parentSlug;
  }
  return chain.join('/');
}

/**
 * The file names of the copies WordPress made of an image, read from `_wp_attachment_metadata`
 * (PHP-serialised): each size's "file", and "original_image" when the upload was scaled down.
 */
export function resizedCopies(metadata: string | undefined): string[] {
  if (!metadata) return [];
  const names = new Set<string>();
  const sizes = metadata.indexOf('s:5:"sizes"');
  if (sizes !== -1) {
    for (const match of metadata.slice(sizes).matchAll(/s:4:"file";s:\d+:"([^"/]+)"/g)) names.add(match[1]!);
  }
  const original = /s:14:"original_image";s:\d+:"([^"/]+)"/.exec(metadata);
  if (original) names.add(original[1]!);
  return [...names];
}

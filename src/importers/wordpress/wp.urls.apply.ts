import type { Executor } from '../../content/content.admin.ts';
import { batches } from '../../lib/batches.ts';
import { importedRuleTarget, ImportedRulesWriter, type ImportedRulesReport } from '../../redirects/redirects.imported.ts';
import { archiveRedirects, attachmentRedirects, feedRedirects, OldBlog, oldSlugRedirects, postRedirects, resizedReferenceRedirects, type DateArchives, type LegacyAddressesInput, type LegacyAttachment, type LegacyPost } from './wp.urls.ts';

/**
 * Keeps an imported blog's old addresses working: writes a 301 for each of them (the rules of
 * legacyRedirects) and a 410 for its date archives, as 'import' rules of the redirect manager, in
 * the importer's transaction. Call
 * it once the posts, pages, terms, authors and media are written (their new addresses are the
 * targets); a second import of the same file updates these rules and duplicates none. The caller
 * emits `content.changed` after committing, as for the content itself, so the page caches empty.
 *
 * The posts come a page at a time and their rules are written page by page: a blog of 100,000
 * posts has some 200,000 old addresses, which are never all held at once.
 */

/** The old blog's addresses as the importer reads them: posts and pages from the database, the rest from memory. */
export interface LegacyAddressesSource extends Pick<LegacyAddressesInput, 'site' | 'terms' | 'authors' | 'mediaUrl' | 'resizedReferences'> {
  /** The imported posts and pages, a page at a time, in the order their rules rank. */
  posts: AsyncIterable<readonly LegacyPost[]> | Iterable<readonly LegacyPost[]>;
  /** Read twice: once for the files rules lead to, once for the rules. */
  attachments: Iterable<LegacyAttachment>;
  /** Which of these addresses an imported post or page lives at now (its newPath). */
  livePosts(paths: readonly string[]): Promise<ReadonlySet<string>>;
  /** Which of these addresses any post or page lives at now, imported or written here. */
  occupiedPaths(paths: readonly string[]): Promise<ReadonlySet<string>>;
  /** The new addresses of the posts and pages with these WordPress ids that have one. */
  newPaths(wpIds: readonly number[]): Promise<ReadonlyMap<number, string>>;
  /** The blog's date archives (`DateArchives`), which answer 410 Gone: Kiosque has none. */
  dateArchives?: DateArchives | undefined;
}

/** Attachments whose rules are written together (their posts' addresses are read in one query). */
const ATTACHMENTS_PER_BATCH = 500;
/** Posts whose old-slug addresses are looked up together. */
const OLD_SLUG_POSTS_PER_BATCH = 200;

export async function applyLegacyAddresses(trx: Executor, source: LegacyAddressesSource, now: string): Promise<ImportedRulesReport> {
  const blog = new OldBlog(source.site.blogUrl);
  const archives = archiveRedirects(source, blog);
  const feeds = feedRedirects(blog);
  const resized = resizedReferenceRedirects(source.resizedReferences ?? [], blog, source.mediaUrl);
  // What the rules other than the posts' lead to, known before the first post's rule is written: no rule leads away from it.
  const otherTargets = new Set<string>();
  for (const rule of [...archives, ...resized, ...feeds]) addTarget(otherTargets, rule.to);
  for (const attachment of source.attachments) {
    const file = attachment.url === undefined ? undefined : source.mediaUrl?.(attachment.url);
    if (file !== undefined) addTarget(otherTargets, file);
  }
  const writer = new ImportedRulesWriter(trx, now, async (paths) => {
    const live = new Set(await source.livePosts(paths));
    for (const path of paths) if (otherTargets.has(path)) live.add(path);
    return live;
  });

  // Only the posts that had other slugs are kept for later, a few of the blog's.
  const renamed: LegacyPost[] = [];
  for await (const posts of source.posts) {
    // Never where a post or page lives now: importing into a site that has its own "/a-propos/",
    // the blog's page of that name moves to "/a-propos-2/", and the site's page keeps its address.
    const rules = posts.flatMap((post) => postRedirects(post, blog));
    const occupied = await source.occupiedPaths(rules.filter((rule) => !rule.from.includes('?')).map((rule) => ruleAddress(rule.from)));
    await writer.write(rules.filter((rule) => !occupied.has(ruleAddress(rule.from))));
    renamed.push(...posts.filter((post) => post.newPath !== undefined && post.oldPaths?.length));
  }
  // After every post's own addresses, and none where a post lives: WordPress sends an old slug to
  // its post only when the address finds nothing else.
  for (const posts of batches(renamed, OLD_SLUG_POSTS_PER_BATCH)) {
    const occupied = await source.occupiedPaths(posts.flatMap((post) => post.oldPaths!.map(ruleAddress)));
    const free = (path: string) => !occupied.has(ruleAddress(path));
    await writer.write(posts.flatMap((post) => oldSlugRedirects({ ...post, oldPaths: post.oldPaths!.filter(free) })));
  }
  await writer.write(archives);
  for (const attachments of batches(source.attachments, ATTACHMENTS_PER_BATCH)) {
    const parents = await source.newPaths([...new Set(attachments.map((attachment) => attachment.parentId).filter((id) => id > 0))]);
    await writer.write(attachments.flatMap((attachment) => attachmentRedirects(attachment, attachment.parentId > 0 ? parents.get(attachment.parentId) : undefined, blog, source.mediaUrl)));
  }
  await writer.write(resized);
  await writer.write(feeds);
  // Last, and never where any post or page lives now (`/2024/` may be a page's address), written here or imported.
  const dates = source.dateArchives?.paths(blog) ?? [];
  for (const paths of batches(dates, ATTACHMENTS_PER_BATCH)) {
    const occupied = await source.occupiedPaths(paths);
    await writer.writeGone(paths.filter((path) => !occupied.has(path)).map((from) => ({ from, note: 'WordPress date archive' })));
  }
  return writer.finish();
}

/** A blog's addresses held in memory (a small import, tests), with its posts in pages of `postsPerPage`. */
export function legacyAddressesOf(input: LegacyAddressesInput, postsPerPage = Infinity): LegacyAddressesSource {
  const newPaths = new Map<number, string>();
  const live = new Set<string>();
  for (const post of input.posts) {
    if (post.newPath === undefined) continue;
    newPaths.set(post.wpId, post.newPath);
    addTarget(live, post.newPath);
  }
  const pages: LegacyPost[][] = [];
  for (let start = 0; start < input.posts.length; start += postsPerPage) pages.push(input.posts.slice(start, start + postsPerPage));
  return {
    ...input,
    posts: pages,
    livePosts: async (paths) => new Set(paths.filter((path) => live.has(path))),
    occupiedPaths: async (paths) => new Set(paths.filter((path) => live.has(path))),
    newPaths: async (wpIds) => new Map(wpIds.flatMap((id) => (newPaths.has(id) ? [[id, newPaths.get(id)!] as const] : []))),
  };
}

/** An address in the form rules are compared in. */
function ruleAddress(path: string): string {
  return importedRuleTarget(path) ?? path;
}

function addTarget(targets: Set<string>, to: string): void {
  const path = importedRuleTarget(to);
  if (path !== undefined) targets.add(path);
}

import { ExportSource } from '../../src/exporters/export.reader.ts';
import { mediaVariants, type MediaVariant } from '../../src/media/media.service.ts';
import { archivePath } from '../../src/site/site.urls.ts';
import type { TestSite } from '../support/site.ts';

/** What the round-trip tests compare: every public address of a site, and how the other site names what it made itself. */

export async function publicAddresses(site: TestSite): Promise<string[]> {
  const source = await ExportSource.open(site.kiosque.db);
  const { locale, postsPerPage } = source.settings;
  const addresses = new Set<string>(['/']);
  let published = 0;
  for await (const posts of source.posts()) {
    for (const post of posts) {
      if (post.status !== 'published' || post.path === null) continue;
      addresses.add(post.path);
      if (post.type === 'post') published++;
    }
  }
  for (let page = 2; (page - 1) * postsPerPage < published; page++) addresses.add(`/page/${page}/`);
  for (const category of source.categories) addresses.add(archivePath(locale, 'category', category.slug));
  for (const tag of source.tags) addresses.add(archivePath(locale, 'tag', tag.slug));
  for (const author of source.authors) addresses.add(archivePath(locale, 'author', author.slug));
  for (const feed of ['/feed/', '/feed/atom/', '/feed.json', '/sitemap.xml']) addresses.add(feed);
  return [...addresses];
}

/**
 * Source media address → target media address, matched on the files' content; the copies the
 * library made of a file (a drawing's PNG for cards) are matched on their format and width.
 */
export async function mediaAddressMap(from: TestSite, to: TestSite): Promise<Map<string, string>> {
  const read = (site: TestSite) => site.kiosque.db.kysely.selectFrom('media').select(['storage_key', 'sha256', 'variants']).execute();
  const targets = new Map((await read(to)).map((row) => [row.sha256, row]));
  const copyKey = (variant: MediaVariant) => `${variant.format} ${variant.width}`;
  const map = new Map<string, string>();
  for (const row of await read(from)) {
    const target = targets.get(row.sha256);
    if (!target) continue;
    map.set(`/media/${row.storage_key}`, `/media/${target.storage_key}`);
    const targetCopies = new Map(mediaVariants(target).map((variant) => [copyKey(variant), variant.key]));
    for (const variant of mediaVariants(row)) {
      const targetCopy = targetCopies.get(copyKey(variant));
      if (targetCopy) map.set(`/media/${variant.key}`, `/media/${targetCopy}`);
    }
  }
  return map;
}

/** Source post id → target post id, matched on slugs. */
export async function postIdMap(from: TestSite, to: TestSite): Promise<Map<number, number>> {
  const read = (site: TestSite) => site.kiosque.db.kysely.selectFrom('posts').select(['id', 'slug']).execute();
  const targetIds = new Map((await read(to)).map((row) => [row.slug, row.id]));
  return new Map((await read(from)).map((row) => [row.id, targetIds.get(row.slug) ?? -1]));
}

/** Source comment id → target comment id, matched on their post, author and date. */
export async function commentIdMap(from: TestSite, to: TestSite): Promise<Map<number, number>> {
  const postIds = await postIdMap(from, to);
  const read = (site: TestSite) => site.kiosque.db.kysely.selectFrom('comments').select(['id', 'post_id', 'author_name', 'created_at']).execute();
  const key = (postId: number, author: string, createdAt: string | Date) => `${postId} ${author} ${new Date(createdAt).toISOString()}`;
  const targetIds = new Map((await read(to)).map((row) => [key(row.post_id, row.author_name, row.created_at), row.id]));
  return new Map((await read(from)).map((row) => [row.id, targetIds.get(key(postIds.get(row.post_id) ?? -1, row.author_name, row.created_at)) ?? -1]));
}

/**
 * The source's body as the target should serve it: its library addresses, feed entry ids and
 * comment anchors made the target's.
 */
export function asOnTarget(body: string, media: Map<string, string>, postIds: Map<number, number>, commentIds = new Map<number, number>()): string {
  let result = body;
  for (const [from, to] of media) result = result.replaceAll(from, to);
  result = result.replace(/(tag:[^\s<>"]+:post-)(\d+)/g, (_, prefix: string, id: string) => `${prefix}${postIds.get(Number(id)) ?? 'unknown'}`);
  return result.replace(/(id="comment-|#comment-)(\d+)/g, (_, prefix: string, id: string) => `${prefix}${commentIds.get(Number(id)) ?? 'unknown'}`);
}

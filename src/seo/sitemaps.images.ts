import { Buffer } from 'node:buffer';
import type { Db } from '../db/db.ts';
import type { EventBus } from '../events/events.ts';
import { MEDIA_URL_PREFIX } from '../media/media.service.ts';
import { absoluteUrl } from '../site/site.urls.ts';
import { findLibraryKeys, listPostBodies } from './sitemaps.queries.ts';

/**
 * The images a sitemap offers for a post: its featured image (from the library or the web) and
 * the images of its body that the media library holds, absolute, each once. An image in a body
 * that the library does not know (another site's, a missing file) is left out: the sitemap
 * vouches only for files the site serves.
 */

const IMG_SRC = /<img\b[^>]*?\ssrc="([^"]+)"/g;
const NONE: readonly string[] = [];

/** The library files a body shows, as storage keys, in the order they appear. */
export function bodyMediaKeys(html: string, siteUrl: string): readonly string[] {
  const keys: string[] = [];
  for (const match of html.matchAll(IMG_SRC)) {
    let src = match[1]!.replace(/&amp;/g, '&');
    if (src.startsWith(siteUrl + '/')) src = src.slice(siteUrl.length);
    // A copy, not a slice: V8 keeps a slice's whole body alive, and the memo keeps keys for long.
    if (src.startsWith(MEDIA_URL_PREFIX)) keys.push(Buffer.from(src.slice(MEDIA_URL_PREFIX.length).split(/[?#]/)[0]!).toString());
  }
  return keys.length > 0 ? keys : NONE;
}

/**
 * Each post's body images, remembered between sitemap plans: reading every body is what a plan
 * of a large blog costs most (seconds for 100,000 posts), and a change touches a few posts. A
 * change names its posts, which are forgotten; a change that names none (an import) or a
 * settings change (the site's address) forgets them all.
 */
export class BodyImageMemo {
  private readonly byPost = new Map<number, { updatedAt: string; keys: readonly string[] }>();

  constructor(events: EventBus) {
    events.on((event) => {
      if (event.type === 'content.changed' && event.postIds) for (const id of event.postIds) this.byPost.delete(id);
      else this.byPost.clear();
    });
  }

  get(id: number, updatedAt: string): readonly string[] | undefined {
    const known = this.byPost.get(id);
    return known && known.updatedAt === updatedAt ? known.keys : undefined;
  }

  set(id: number, updatedAt: string, keys: readonly string[]): void {
    this.byPost.set(id, { updatedAt, keys });
  }
}

export interface ImagedPost {
  id: number;
  updated_at: string;
  image_url: string | null;
}

/**
 * The images of a chunk of posts: the bodies not remembered are read in one query, and the
 * library is asked about all their files in one more, never once per post.
 */
export async function imagesOfPosts(db: Db, posts: readonly ImagedPost[], siteUrl: string, memo: BodyImageMemo | undefined): Promise<Map<number, string[]>> {
  const keysOf = new Map<number, readonly string[]>();
  const unknown: ImagedPost[] = [];
  for (const post of posts) {
    const keys = memo?.get(post.id, post.updated_at);
    if (keys) keysOf.set(post.id, keys);
    else unknown.push(post);
  }
  if (unknown.length > 0) {
    const updatedAt = new Map(unknown.map((post) => [post.id, post.updated_at]));
    for (const { id, html } of await listPostBodies(db, [...updatedAt.keys()])) {
      const keys = bodyMediaKeys(html, siteUrl);
      keysOf.set(id, keys);
      memo?.set(id, updatedAt.get(id)!, keys);
    }
  }
  const library = await findLibraryKeys(db, [...new Set([...keysOf.values()].flat())]);
  const images = new Map<number, string[]>();
  for (const post of posts) {
    const urls = new Set<string>();
    if (post.image_url) urls.add(/^https?:\/\//.test(post.image_url) ? post.image_url : absoluteUrl(siteUrl, post.image_url));
    for (const key of keysOf.get(post.id) ?? NONE) {
      if (library.has(key)) urls.add(absoluteUrl(siteUrl, MEDIA_URL_PREFIX + key));
    }
    images.set(post.id, [...urls]);
  }
  return images;
}

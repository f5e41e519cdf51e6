/**
 * What the WXR reader hands to the importer: the entries of a WordPress eXtended RSS export
 * (versions 1.1 and 1.2, written by WordPress 4.x to 6.x), one at a time, in file order.
 * Text is as written in the file (entities decoded, CDATA unwrapped); HTML stays raw.
 */

/** The channel's description of the blog, emitted once, before the first author, term or item. */
export interface WxrSite {
  title: string;
  link: string;
  description: string;
  language: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
  wxrVersion: string;
}

/** A <wp:author>: a person who wrote something on the blog. */
export interface WxrAuthor {
  id: number | undefined;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

/** A <wp:category>, <wp:tag> or <wp:term> (any other taxonomy, e.g. nav_menu, post_format). */
export interface WxrTerm {
  taxonomy: 'category' | 'post_tag' | string;
  id: number | undefined;
  slug: string;
  name: string;
  parentSlug: string | undefined;
  description: string;
  /** wp:termmeta key → value (WordPress 4.9+; Rank Math and Yoast keep a category's SEO fields there). */
  meta?: Record<string, string>;
}

export interface WxrComment {
  id: number;
  /** 0 = top level. */
  parentId: number;
  author: string;
  authorEmail: string;
  authorUrl: string;
  /** ISO UTC, from comment_date_gmt, else comment_date as written (local time of the blog). */
  date: string;
  /** Raw HTML. */
  content: string;
  status: 'approved' | 'pending' | 'spam' | 'trash';
  type: 'comment' | 'pingback' | 'trackback';
  userId: number | undefined;
  /** wp:comment_date as written, in the blog's zone (the reader always fills it). */
  localDate?: string;
  /** wp:commentmeta key → value, last wins (the reader always fills it). */
  meta?: Record<string, string>;
}

export interface WxrItem {
  /** wp:post_id; 0 when the file gives none (not WordPress's doing: report and skip such an item). */
  id: number;
  /** post, page, attachment, nav_menu_item, … */
  postType: string;
  title: string;
  link: string;
  guid: string;
  /** wp:post_name, may be ''. */
  slug: string;
  /** publish, draft, pending, private, future, inherit, trash, auto-draft. */
  status: string;
  /** The author's login (dc:creator). */
  creator: string;
  /** Raw, content:encoded. */
  content: string;
  /** Raw, excerpt:encoded. */
  excerpt: string;
  /** ISO UTC from wp:post_date_gmt; undefined when it is 0000-00-00 (drafts). */
  date: string | undefined;
  /** wp:post_date as written, in the blog's zone: the importer converts it when date is undefined. */
  localDate: string;
  /** ISO UTC from wp:post_modified_gmt. */
  modified: string | undefined;
  parentId: number;
  menuOrder: number;
  isSticky: boolean;
  password: string;
  attachmentUrl: string | undefined;
  /** <category domain="…" nicename="…">name</category>. */
  terms: { taxonomy: string; slug: string; name: string }[];
  /** wp:postmeta key → value (last wins); `_wp_old_slug`, which may come several times, is in oldSlugs. */
  meta: Record<string, string>;
  /** The slugs the post had before (postmeta `_wp_old_slug`), whose addresses WordPress redirects to it. */
  oldSlugs: string[];
  comments: WxrComment[];
  /** Where <item> starts, for reports. */
  line: number;
}

export type WxrEntry =
  | { kind: 'site'; site: WxrSite }
  | { kind: 'author'; author: WxrAuthor }
  | { kind: 'term'; term: WxrTerm }
  | { kind: 'item'; item: WxrItem }
  /** Last, when the file held control characters XML forbids: how many were read as spaces, and the first's line. */
  | { kind: 'controlCharacters'; count: number; line: number };

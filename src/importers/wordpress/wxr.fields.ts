import type { WxrAuthor, WxrComment, WxrItem, WxrSite, WxrTerm } from './wxr.model.ts';

/** How each WXR element's text lands in the entry it belongs to (the reader decides which entry). */

export function readSiteField(site: WxrSite, name: string, text: string): void {
  const value = text.trim();
  switch (name) {
    case 'title': site.title = value; break;
    case 'link': site.link = value; break;
    case 'description': site.description = value; break;
    case 'language': site.language = value; break;
    case 'wp:wxr_version': site.wxrVersion = value || site.wxrVersion; break;
    case 'wp:base_site_url': site.baseSiteUrl = value; break;
    case 'wp:base_blog_url': site.baseBlogUrl = value; break;
    default: break;
  }
}

export function readAuthorField(author: WxrAuthor, name: string, text: string): void {
  const value = text.trim();
  switch (name) {
    case 'wp:author_id': author.id = integer(value); break;
    case 'wp:author_login': author.login = value; break;
    case 'wp:author_email': author.email = value; break;
    case 'wp:author_display_name': author.displayName = value; break;
    case 'wp:author_first_name': author.firstName = value; break;
    case 'wp:author_last_name': author.lastName = value; break;
    default: break;
  }
}

export function readTermField(term: WxrTerm, name: string, text: string): void {
  const value = text.trim();
  switch (name) {
    case 'wp:term_id': term.id = integer(value); break;
    case 'wp:term_taxonomy': term.taxonomy = value; break;
    case 'wp:category_nicename':
    case 'wp:tag_slug':
    case 'wp:term_slug': term.slug = value; break;
    case 'wp:category_parent':
    case 'wp:term_parent': term.parentSlug = value || undefined; break;
    case 'wp:cat_name':
    case 'wp:tag_name':
    case 'wp:term_name': term.name = decodeTermName(value); break;
    case 'wp:category_description':
    case 'wp:tag_description':
    case 'wp:term_description': term.description = value; break;
    default: break;
  }
}

export function readItemField(item: WxrItem, name: string, text: string): void {
  switch (name) {
    case 'title': item.title = text.trim(); break;
    case 'link': item.link = text.trim(); break;
    case 'guid': item.guid = text.trim(); break;
    case 'dc:creator': item.creator = text.trim(); break;
    case 'content:encoded': item.content = text; break;
    case 'excerpt:encoded': item.excerpt = text; break;
    case 'wp:post_id': item.id = integer(text) ?? 0; break;
    case 'wp:post_date': item.localDate = text.trim(); break;
    case 'wp:post_date_gmt': item.date = utcDate(text); break;
    case 'wp:post_modified_gmt': item.modified = utcDate(text); break;
    case 'wp:post_name': item.slug = text.trim(); break;
    case 'wp:status': item.status = text.trim(); break;
    case 'wp:post_parent': item.parentId = integer(text) ?? 0; break;
    case 'wp:menu_order': item.menuOrder = integer(text) ?? 0; break;
    case 'wp:post_type': item.postType = text.trim() || 'post'; break;
    case 'wp:post_password': item.password = text; break;
    case 'wp:is_sticky': item.isSticky = text.trim() === '1'; break;
    case 'wp:attachment_url': item.attachmentUrl = text.trim() || undefined; break;
    default: break;
  }
}

const COMMENT_STATUSES: Record<string, WxrComment['status']> = { '1': 'approved', '0': 'pending', spam: 'spam', trash: 'trash', 'post-trashed': 'trash' };

export function readCommentField(comment: WxrComment, name: string, text: string): void {
  const value = text.trim();
  switch (name) {
    case 'wp:comment_id': comment.id = integer(value) ?? 0; break;
    case 'wp:comment_author': comment.author = value; break;
    case 'wp:comment_author_email': comment.authorEmail = value; break;
    case 'wp:comment_author_url': comment.authorUrl = value; break;
    case 'wp:comment_date':
      comment.localDate = value;
      if (!comment.date) comment.date = value;
      break;
    case 'wp:comment_date_gmt': {
      const utc = utcDate(value);
      if (utc) comment.date = utc;
      break;
    }
    case 'wp:comment_content': comment.content = text; break;
    case 'wp:comment_approved': comment.status = COMMENT_STATUSES[value] ?? 'pending'; break;
    case 'wp:comment_type': comment.type = value === 'pingback' || value === 'trackback' ? value : 'comment'; break;
    case 'wp:comment_parent': comment.parentId = integer(value) ?? 0; break;
    case 'wp:comment_user_id': comment.userId = integer(value) || undefined; break;
    default: break;
  }
}

const HTML_ESCAPES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#039': "'", '#39': "'" };

/**
 * WordPress stores a term's name HTML-escaped ("SEO &amp; SEA") and exports it so; a name is
 * text, so the five escapes WordPress writes are undone (any other markup stays as written).
 */
export function decodeTermName(name: string): string {
  return name.replace(/&(amp|lt|gt|quot|apos|#039|#39);/g, (_whole, entity: string) => HTML_ESCAPES[entity]!);
}

export function integer(text: string): number | undefined {
  const value = text.trim();
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

const MYSQL_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

/** "2024-05-14 07:30:00" written in UTC → "2024-05-14T07:30:00.000Z"; "0000-00-00 00:00:00" and the unreadable → undefined. */
export function utcDate(text: string): string | undefined {
  const match = MYSQL_DATE.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year === 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(time);
  if (date.getUTCDate() !== day) return undefined;
  return date.toISOString();
}

import type { Locale } from '../i18n/i18n.ts';

/** Archive addresses, in the site's language (DESIGN.md's public URL contract). */
const PREFIXES: Record<Locale, { category: string; tag: string; author: string }> = {
  fr: { category: 'categorie', tag: 'tag', author: 'auteur' },
  en: { category: 'category', tag: 'tag', author: 'author' },
};

export type ArchiveKind = 'category' | 'tag' | 'author';

export function archivePrefix(locale: Locale, kind: ArchiveKind): string {
  return PREFIXES[locale][kind];
}

export function archivePath(locale: Locale, kind: ArchiveKind, slug: string, page = 1): string {
  const base = `/${PREFIXES[locale][kind]}/${slug}/`;
  return page > 1 ? `${base}page/${page}/` : base;
}

export function homePath(page = 1): string {
  return page > 1 ? `/page/${page}/` : '/';
}

/** The reader's search page: /recherche in French, /search in English (DESIGN.md). */
export function searchPath(locale: Locale): string {
  return locale === 'fr' ? '/recherche' : '/search';
}

export type FeedFormat = 'rss' | 'atom' | 'json';

/**
 * Feed addresses, WordPress's where it has one so a migrated blog keeps its subscribers:
 * /feed/ (RSS), /feed/atom/, /feed.json; an archive's feeds hang under its address
 * (/categorie/<slug>/feed/, /categorie/<slug>/feed/atom/, /categorie/<slug>/feed.json).
 */
export function feedPath(format: FeedFormat, archive?: { locale: Locale; kind: ArchiveKind; slug: string }): string {
  const base = archive ? archivePath(archive.locale, archive.kind, archive.slug) : '/';
  if (format === 'json') return `${base}feed.json`;
  return format === 'atom' ? `${base}feed/atom/` : `${base}feed/`;
}

/** An absolute address on the site, from its public origin (`Kiosque.siteUrl()`) and a path. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return siteUrl + (path.startsWith('/') ? path : `/${path}`);
}

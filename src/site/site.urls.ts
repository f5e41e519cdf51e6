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

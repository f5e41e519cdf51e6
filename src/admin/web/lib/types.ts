/**
 * What the Admin API answers, as far as the screens read it. Lists are read leniently (a name
 * may come as a string or inside an object) so that a screen shows what it can.
 */

export type PostStatus = 'draft' | 'scheduled' | 'published';
export type PostType = 'post' | 'page';

export type Named = string | { id?: number; name?: string; slug?: string; path?: string };

export function nameOf(value: Named | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return value.path ?? value.name ?? value.slug ?? '';
}

export interface PostSummary {
  id: number;
  type?: PostType;
  title: string;
  slug: string;
  status: PostStatus;
  publishedAt: string | null;
  updatedAt?: string;
  url?: string;
  author?: Named | null;
  categories?: Named[];
}

export interface PostImage {
  url: string;
  alt: string;
  caption?: string | null;
}

/** `GET /posts/:id`. */
export interface Post extends PostSummary {
  markdown: string;
  excerpt?: string | null;
  seoTitle?: string | null;
  seoDescription?: string | null;
  featured?: boolean;
  highlighted?: boolean;
  tags?: Named[];
  image?: PostImage | null;
}

export interface Category {
  id: number;
  name: string;
  slug: string;
  path?: string;
  parentId?: number | null;
  description?: string | null;
  count?: number;
}

export interface Tag {
  id: number;
  name: string;
  slug: string;
  count?: number;
}

export interface Media {
  id: number;
  url: string;
  width?: number;
  height?: number;
  mimeType?: string;
  alt: string;
  caption?: string | null;
  /** Per format, ready for <source srcset>; empty when there is no copy in that format. */
  srcset?: { avif: string; webp: string; original: string };
  createdAt?: string;
}

/** Lists come as `{ <name>: [...] }`; an array alone is read too. */
export function listOf<T>(answer: unknown, name: string): T[] {
  if (Array.isArray(answer)) return answer as T[];
  const list = (answer as Record<string, unknown> | undefined)?.[name];
  return Array.isArray(list) ? (list as T[]) : [];
}

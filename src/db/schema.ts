import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types shared by both engines. Dates are ISO 8601 strings in UTC on both (TEXT in SQLite,
 * timestamptz in PostgreSQL, parsed back to ISO strings by the pg driver set-up); flags are
 * 0/1 integers because better-sqlite3 cannot bind booleans.
 */

export type PostType = 'post' | 'page';
export type PostStatus = 'draft' | 'scheduled' | 'published';

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string;
  created_at: string;
}

export interface PostsTable {
  id: Generated<number>;
  type: PostType;
  status: PostStatus;
  title: string;
  slug: string;
  /** The writer's own excerpt, if any. */
  custom_excerpt: string | null;
  /** What lists show: the custom excerpt, else one derived from the body. */
  excerpt: string;
  markdown: string;
  /** Rendered and sanitised when saved, never when read. */
  html: string;
  plain_text: string;
  word_count: number;
  reading_minutes: number;
  author_id: number | null;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  image_url: string | null;
  image_alt: string | null;
  image_caption: string | null;
  image_width: number | null;
  image_height: number | null;
  seo_title: string | null;
  seo_description: string | null;
  /** "À la une". */
  is_featured: number;
  /** "Mis en avant". */
  is_highlighted: number;
}

export interface CategoriesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  parent_id: number | null;
  created_at: string;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: string;
}

export interface PostCategoriesTable {
  post_id: number;
  category_id: number;
  position: number;
}

export interface PostTagsTable {
  post_id: number;
  tag_id: number;
  position: number;
}

export interface MediaTable {
  id: Generated<number>;
  /** Path under the media root, also the last part of its public URL. */
  storage_key: string;
  original_name: string;
  mime_type: string;
  bytes: number;
  width: number | null;
  height: number | null;
  sha256: string;
  alt: string;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
}

export interface RedirectsTable {
  id: Generated<number>;
  from_path: string;
  /** Null with status 410: the content is gone for good. */
  to_path: string | null;
  status_code: number;
  created_at: string;
}

export interface DatabaseSchema {
  authors: AuthorsTable;
  posts: PostsTable;
  categories: CategoriesTable;
  tags: TagsTable;
  post_categories: PostCategoriesTable;
  post_tags: PostTagsTable;
  media: MediaTable;
  settings: SettingsTable;
  redirects: RedirectsTable;
}

export type PostRow = Selectable<PostsTable>;
export type NewPostRow = Insertable<PostsTable>;
export type PostRowUpdate = Updateable<PostsTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type TagRow = Selectable<TagsTable>;
export type AuthorRow = Selectable<AuthorsTable>;
export type MediaRow = Selectable<MediaTable>;

import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  /** Where search engines should look instead (migration 0006, from Yoast SEO or Rank Math): a site path or an absolute http(s) address. */
  canonical_url: string | null;
  /** 1: the page asks search engines not to index it (migration 0006). */
  noindex: ColumnType<number, number | undefined, number>;
  /** The pipeline's edition that rendered `html` (markdown.version.ts, migration 0012); 0: unknown. */
  render_version: ColumnType<number, number | undefined, number>;
  /** The site's language `html` was rendered in (typography, labels); '': unknown. */
  render_locale: ColumnType<string, string | undefined, string>;
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
  caption: Generated<string>;
  /** JSON: MediaVariant[], the resized copies made at upload. */
  variants: Generated<string>;
  uploaded_by: Generated<number | null>;
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
  /** 'exact': from_path is one address; 'pattern': from_path holds `*` wildcards (migration 0005). */
  kind: ColumnType<RedirectKind, RedirectKind | undefined, RedirectKind>;
  /** Who made it: a person, publishing (a slug or the permalink pattern changed, a post deleted), or a CSV import. */
  origin: ColumnType<RedirectOrigin, RedirectOrigin | undefined, RedirectOrigin>;
  note: ColumnType<string, string | undefined, string>;
  hits: ColumnType<number, number | undefined, number>;
  last_hit_at: string | null;
  /** Null only before migration 0005 backfilled it; always written since. */
  updated_at: string | null;
}

export type RedirectKind = 'exact' | 'pattern';
export type RedirectOrigin = 'manual' | 'automatic' | 'import';
export type RedirectRow = Selectable<RedirectsTable>;

export type Role = 'administrator' | 'editor' | 'author' | 'contributor';

export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased. */
  email: string;
  name: string;
  role: Role;
  author_id: number;
  /** argon2id; null for an account that signs in with passkeys only, or not yet activated. */
  password_hash: string | null;
  /** Base32 TOTP secret; set once enrolment is confirmed (totp_enabled_at). */
  totp_secret: string | null;
  totp_enabled_at: string | null;
  locale: string | null;
  suspended_at: string | null;
  created_at: string;
  updated_at: string;
  last_sign_in_at: string | null;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie value. */
  id: string;
  user_id: number;
  csrf_token: string;
  method: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface PasskeysTable {
  /** Credential id, base64url. */
  id: string;
  user_id: number;
  name: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of AuthenticatorTransport. */
  transports: Generated<string>;
  created_at: string;
  last_used_at: string | null;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export interface AuthChallengesTable {
  id: string;
  purpose: string;
  user_id: number | null;
  value: string;
  expires_at: string;
  /** The throttle key of the address that asked for a sign-in challenge (migration 0008); null for others. */
  address: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface InvitationsTable {
  id: Generated<number>;
  token_hash: string;
  email: string;
  role: Role;
  invited_by: number | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  role: Role;
  user_id: number;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SignInThrottleTable {
  /** 'account:<email>' or 'address:<ip>'. */
  key: string;
  failures: number;
  last_failure_at: string;
  blocked_until: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  /** JSON object. */
  details: Generated<string>;
}

export interface PostRevisionsTable {
  id: Generated<number>;
  post_id: number;
  user_id: number | null;
  created_at: string;
  title: string;
  /** JSON: the post's other fields as saved. */
  fields: string;
  markdown: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  subject: string;
  run_at: string;
  /** JSON object. */
  payload: Generated<string>;
  attempts: Generated<number>;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
}

/**
 * A post's place in the search index (migration 0004). SQLite: the row of the FTS5 table
 * `search_fts` that holds its words. PostgreSQL: the table holds the tsvector itself (`document`),
 * which only src/db/dialects/fulltext.postgres.ts reads, and no fts_rowid.
 */
export interface SearchDocumentsTable {
  post_id: number;
  fts_rowid: number;
}

export type ImportedKind = 'post' | 'page' | 'attachment' | 'category' | 'tag' | 'author' | 'comment';

/** Which local row an object of another engine became (migration 0006): re-imports update it. */
export interface ImportMappingsTable {
  id: Generated<number>;
  source: 'wordpress';
  kind: ImportedKind;
  source_id: number;
  /** posts, categories, tags, authors, comments or media id; null for an attachment left at its original address. */
  local_id: number | null;
  /** The status at the source (WordPress: publish, private, pending, future, draft; comments: approved, pending). */
  source_status: string | null;
  /** The object's address at the source: an item's link, an attachment's file. */
  source_url: string | null;
  /** An attachment's address now: /media/… once copied, else its original one. */
  local_url: string | null;
  source_parent_id: number | null;
  created_at: string;
  updated_at: string;
}

export type CommentStatus = 'approved' | 'pending';

/** Readers' comments (migration 0006): imported history for now, shown once approved. */
export interface CommentsTable {
  id: Generated<number>;
  post_id: number;
  parent_id: number | null;
  author_name: string;
  author_email: string;
  author_url: string | null;
  /** Sanitised when stored. */
  html: string;
  status: CommentStatus;
  created_at: string;
  updated_at: string;
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
  users: UsersTable;
  sessions: SessionsTable;
  passkeys: PasskeysTable;
  recovery_codes: RecoveryCodesTable;
  auth_challenges: AuthChallengesTable;
  invitations: InvitationsTable;
  api_tokens: ApiTokensTable;
  sign_in_throttle: SignInThrottleTable;
  audit_log: AuditLogTable;
  post_revisions: PostRevisionsTable;
  jobs: JobsTable;
  search_documents: SearchDocumentsTable;
  import_mappings: ImportMappingsTable;
  comments: CommentsTable;
}

export type PostRow = Selectable<PostsTable>;
export type NewPostRow = Insertable<PostsTable>;
export type PostRowUpdate = Updateable<PostsTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type TagRow = Selectable<TagsTable>;
export type AuthorRow = Selectable<AuthorsTable>;
export type MediaRow = Selectable<MediaTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type JobRow = Selectable<JobsTable>;
export type ImportMappingRow = Selectable<ImportMappingsTable>;
export type CommentRow = Selectable<CommentsTable>;

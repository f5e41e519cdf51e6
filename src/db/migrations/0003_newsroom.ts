import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './migrations.ts';

/**
 * The newsroom: staff accounts and how they sign in (password + TOTP, passkeys, recovery codes),
 * server-side sessions, invitations, API tokens, sign-in throttling, the append-only audit log,
 * post revisions, media variants and the durable job table (scheduled publishing survives a restart).
 *
 * Secrets are never stored as given: session ids, invitation links, API tokens and recovery codes
 * are kept as SHA-256 digests, passwords as argon2id hashes.
 */
export async function up(db: Kysely<unknown>, { dialect, id, timestamp }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', id.type, id.build)
    // Stored lower-cased: addresses are compared without case.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql.raw(`role in ('administrator', 'editor', 'author', 'contributor')`)))
    // The public byline of the account: one author profile per staff member.
    .addColumn('author_id', 'integer', (c) => c.notNull().unique().references('authors.id'))
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', timestamp)
    .addColumn('locale', 'text')
    .addColumn('suspended_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('updated_at', timestamp, (c) => c.notNull())
    .addColumn('last_sign_in_at', timestamp)
    .execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 of the cookie's value: a copy of the table cannot be replayed as cookies.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    // How the person proved who they are: 'password+totp', 'passkey', 'recovery-code', 'password' (roles without a mandatory second factor).
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('passkeys')
    // The credential id, base64url.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transports', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('last_used_at', timestamp)
    .execute();
  await db.schema.createIndex('passkeys_user').on('passkeys').column('user_id').execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', id.type, id.build)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', timestamp)
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recovery_codes_user').on('recovery_codes').column('user_id').execute();

  // A WebAuthn challenge, or a TOTP enrolment in progress, lives in the database so that any
  // instance can finish what another began.
  await db.schema
    .createTable('auth_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', id.type, id.build)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('expires_at', timestamp, (c) => c.notNull())
    .addColumn('accepted_at', timestamp)
    .addColumn('revoked_at', timestamp)
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    // The account whose rights and byline the token uses (its role is capped at the token's).
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('last_used_at', timestamp)
    .addColumn('revoked_at', timestamp)
    .execute();

  // Failed sign-ins per account and per address, shared by every instance.
  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', timestamp, (c) => c.notNull())
    .addColumn('blocked_until', timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id.type, id.build)
    .addColumn('at', timestamp, (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    // Kept as written at the time: the log outlives renamed and deleted accounts.
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();
  await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'at']).execute();
  await forbidAuditLogChanges(db, dialect);

  await db.schema
    .createTable('post_revisions')
    .addColumn('id', id.type, id.build)
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // Everything else of the post as saved (status, slug, dates, SEO, taxonomy…), JSON.
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('post_revisions_post').on('post_revisions').columns(['post_id', 'id']).execute();

  // Who owns a post is its author's account; the posts table keeps its byline as before.
  await db.schema.alterTable('media').addColumn('caption', 'text', (c) => c.notNull().defaultTo('')).execute();
  // Resized copies made at upload: JSON [{ "format", "width", "height", "key", "bytes" }].
  await db.schema.alterTable('media').addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('media').addColumn('uploaded_by', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', id.type, id.build)
    .addColumn('kind', 'text', (c) => c.notNull())
    // What the job is about, e.g. 'post:42': at most one pending job per kind and subject.
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('run_at', timestamp, (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', timestamp)
    .addColumn('last_error', 'text')
    .addColumn('created_at', timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_kind_subject').on('jobs').columns(['kind', 'subject']).unique().execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['run_at']).execute();
}

/** The audit log is append-only in the database itself, not only by convention in the code. */
async function forbidAuditLogChanges(db: Kysely<unknown>, dialect: MigrationContext['dialect']): Promise<void> {
  if (dialect === 'sqlite') {
    for (const event of ['update', 'delete']) {
      await sql
        .raw(
          `create trigger audit_log_no_${event} before ${event} on audit_log begin select raise(abort, 'the audit log is append-only'); end`,
        )
        .execute(db);
    }
    return;
  }
  await sql
    .raw(
      `create function audit_log_append_only() returns trigger language plpgsql as $$ begin raise exception 'the audit log is append-only'; end $$`,
    )
    .execute(db);
  await sql
    .raw(`create trigger audit_log_no_change before update or delete on audit_log for each row execute function audit_log_append_only()`)
    .execute(db);
}

import type { PostStatus, PostType, Role } from '../db/schema.ts';

/**
 * Who may do what, in one table (role × action × ownership), checked before any data is read.
 * The semantics are the ones WordPress and Ghost users know:
 * - administrator: everything, including settings, users, API tokens and the audit log;
 * - editor: all content (anyone's posts and pages, categories, tags, media, redirects);
 * - author: writes, publishes and deletes their own posts, uploads media;
 * - contributor: writes their own drafts, publishes nothing, uploads nothing.
 */

export const ROLES = ['administrator', 'editor', 'author', 'contributor'] as const satisfies readonly Role[];

/** Roles that must prove a second factor (TOTP or passkey) at every sign-in. */
export const ROLES_REQUIRING_SECOND_FACTOR: ReadonlySet<Role> = new Set(['administrator', 'editor']);

/** The person (or API token) making a request, as the policy sees them. */
export interface Actor {
  userId: number;
  /** The author profile of the account: the byline that owns its posts. */
  authorId: number;
  role: Role;
  /** For the audit log: the account's e-mail, or "token:<name>". */
  label: string;
  via: 'session' | 'token';
}

/** What the policy needs to know of a post to decide. */
export interface PostFacts {
  type: PostType;
  authorId: number | null;
  status: PostStatus;
}

export type Action =
  | 'post.list'
  | 'post.create'
  | 'post.edit'
  | 'post.publish'
  | 'post.delete'
  | 'media.list'
  | 'media.upload'
  | 'media.edit'
  | 'taxonomy.assign'
  | 'taxonomy.manage'
  | 'redirect.manage'
  | 'user.manage'
  | 'settings.manage'
  | 'token.manage'
  | 'audit.read';

type Rule = boolean | ((actor: Actor, post: PostFacts | undefined) => boolean);

const own = (actor: Actor, post: PostFacts | undefined) => post !== undefined && post.type === 'post' && post.authorId === actor.authorId;
const ownUnpublished = (actor: Actor, post: PostFacts | undefined) => own(actor, post) && post?.status === 'draft';
/** Creating: the facts describe the post as it would be saved. */
const ownPost = (actor: Actor, post: PostFacts | undefined) => post === undefined || (post.type === 'post' && (post.authorId === null || post.authorId === actor.authorId));
const ownDraft = (actor: Actor, post: PostFacts | undefined) => ownPost(actor, post) && (post === undefined || post.status === 'draft');

const POLICY: Record<Role, Record<Action, Rule>> = {
  administrator: {
    'post.list': true, 'post.create': true, 'post.edit': true, 'post.publish': true, 'post.delete': true,
    'media.list': true, 'media.upload': true, 'media.edit': true,
    'taxonomy.assign': true, 'taxonomy.manage': true, 'redirect.manage': true,
    'user.manage': true, 'settings.manage': true, 'token.manage': true, 'audit.read': true,
  },
  editor: {
    'post.list': true, 'post.create': true, 'post.edit': true, 'post.publish': true, 'post.delete': true,
    'media.list': true, 'media.upload': true, 'media.edit': true,
    'taxonomy.assign': true, 'taxonomy.manage': true, 'redirect.manage': true,
    'user.manage': false, 'settings.manage': false, 'token.manage': false, 'audit.read': false,
  },
  author: {
    'post.list': true, 'post.create': ownPost, 'post.edit': own, 'post.publish': own, 'post.delete': own,
    'media.list': true, 'media.upload': true, 'media.edit': false,
    'taxonomy.assign': true, 'taxonomy.manage': false, 'redirect.manage': false,
    'user.manage': false, 'settings.manage': false, 'token.manage': false, 'audit.read': false,
  },
  contributor: {
    'post.list': true, 'post.create': ownDraft, 'post.edit': ownUnpublished, 'post.publish': false, 'post.delete': ownUnpublished,
    'media.list': true, 'media.upload': false, 'media.edit': false,
    'taxonomy.assign': true, 'taxonomy.manage': false, 'redirect.manage': false,
    'user.manage': false, 'settings.manage': false, 'token.manage': false, 'audit.read': false,
  },
};

/** Whether the actor may do the action (on this post, for post actions). */
export function can(actor: Actor, action: Action, post?: PostFacts): boolean {
  const rule = POLICY[actor.role][action];
  return typeof rule === 'boolean' ? rule : rule(actor, post);
}

/** The roles an actor may hand out (to an invitation, an API token, another account). */
export function assignableRoles(actor: Actor): readonly Role[] {
  return actor.role === 'administrator' ? ROLES : [];
}

import { createContext, useContext } from 'react';
import type { Locale } from '../i18n/i18n.tsx';

export type Role = 'administrator' | 'editor' | 'author' | 'contributor';
export const ROLES: readonly Role[] = ['administrator', 'editor', 'author', 'contributor'];

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale | null;
  authorId: number;
  secondFactors: { totp: boolean; passkeys: number; recoveryCodesLeft: number };
}

/** `GET /session`. */
export interface Session {
  user: SessionUser;
  csrfToken: string;
  /** A second factor is mandatory for the role and not enrolled yet: nothing else opens until it is. */
  secondFactorPending: boolean;
}

export interface SessionState {
  session: Session | null;
  /** Reads the session again (after sign-in, enrolment, sign-out). */
  refresh(): Promise<Session | null>;
}

export const SessionContext = createContext<SessionState>({ session: null, refresh: async () => null });

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** The signed-in person, on screens that only open once signed in. */
export function useUser(): SessionUser {
  const { session } = useSession();
  if (!session) throw new Error('This screen needs a signed-in person.');
  return session.user;
}

/** What the policy needs to know of a post to decide who may delete it. */
export interface PostFacts {
  type: 'post' | 'page';
  status: 'draft' | 'scheduled' | 'published';
  authorId: number | null;
}

/**
 * Whether the person may delete the post, mirroring the server's policy (which still decides):
 * administrators and editors any post or page, authors their own posts, contributors their own
 * drafts.
 */
export function mayDeletePost(user: Pick<SessionUser, 'role' | 'authorId'>, post: PostFacts): boolean {
  if (user.role === 'administrator' || user.role === 'editor') return true;
  const own = post.type === 'post' && post.authorId === user.authorId;
  return user.role === 'author' ? own : own && post.status === 'draft';
}

/** What the role may do in the admin, mirroring the server's policy (the server still decides). */
export function abilities(role: Role) {
  const staff = role === 'administrator' || role === 'editor';
  return {
    manageTaxonomy: staff,
    manageRedirects: staff,
    editMedia: staff,
    upload: role !== 'contributor',
    publish: role !== 'contributor',
    administer: role === 'administrator',
  };
}

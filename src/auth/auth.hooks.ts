import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import { KiosqueError } from '../errors.ts';
import { sameSecret } from './auth.crypto.ts';
import { can, type Action, type Actor, type PostFacts } from './auth.policy.ts';
import { resolveSession, SESSION_COOKIE, touchSession } from './sessions.service.ts';
import { resolveApiToken } from './tokens.service.ts';

/** The session a cookie opened, for the routes that speak of it (GET /session, the sessions list). */
export interface AdminSession {
  id: string;
  csrfToken: string;
  method: string;
  /** The role demands a second factor the person has not proved yet: only enrolment routes open. */
  secondFactorPending: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    adminSession: AdminSession | null;
  }
}

export interface AuthDeps {
  db: Db;
  config: Config;
  /** The clock of sessions, sign-in delays and TOTP; tests move it instead of waiting. */
  now?: () => Date;
}

const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** /admin, /admin/…, /admin?… — but not a public article whose slug starts with "admin". */
function isAdminUrl(url: string): boolean {
  if (url.startsWith('/api/admin/')) return true;
  return url.startsWith('/admin') && (url.length === 6 || url[6] === '/' || url[6] === '?' || url[6] === '#');
}

/**
 * Registers cookie parsing and resolves `request.actor` for /api/admin/ and /admin URLs only:
 * readers pay nothing and get no cookie. A cookie-authenticated change must carry the session's
 * CSRF token in `x-csrf-token`; a bearer token needs none (a browser never sends one on its own).
 */
export async function authPlugin(app: FastifyInstance, deps: AuthDeps): Promise<void> {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  // No global hook: cookies are parsed below, for the admin's URLs only.
  await app.register(fastifyCookie, { hook: false });
  app.decorateRequest('actor', null);
  app.decorateRequest('adminSession', null);

  app.addHook('onRequest', async (request, reply) => {
    if (!isAdminUrl(request.url)) return;
    if (request.url.startsWith('/api/admin/')) setApiSecurityHeaders(reply);
    const at = now();

    const bearer = bearerToken(request.headers.authorization);
    if (bearer !== undefined) {
      request.actor = await resolveApiToken(db, bearer, at);
      return;
    }

    const secret = request.headers.cookie ? app.parseCookie(request.headers.cookie)[SESSION_COOKIE] : undefined;
    if (!secret) return;
    const session = await resolveSession(db, secret, at);
    if (!session) {
      clearSessionCookie(request, reply);
      return;
    }
    if (UNSAFE_METHODS.has(request.method)) {
      const token = request.headers['x-csrf-token'];
      if (typeof token !== 'string' || !sameSecret(token, session.csrfToken)) throw new KiosqueError('csrf_failed');
    }
    request.actor = { userId: session.user.id, authorId: session.user.authorId, role: session.user.role, label: session.user.email, via: 'session' };
    request.adminSession = { id: session.id, csrfToken: session.csrfToken, method: session.method, secondFactorPending: session.secondFactorPending };
    const expiresAt = await touchSession(db, session, at);
    // The cookie lives as long as the session: each recorded use pushes both ends.
    if (expiresAt) setSessionCookie(request, reply, secret, expiresAt);
  });
}

function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

function setApiSecurityHeaders(reply: FastifyReply): void {
  reply.header('cache-control', 'no-store');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
}

/** HttpOnly, SameSite=Lax, Path=/, and Secure whenever the browser came over HTTPS (directly or through the proxy). */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, secret, { httpOnly: true, sameSite: 'lax', path: '/', secure: request.protocol === 'https', expires: new Date(expiresAt) });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: request.protocol === 'https' });
}

export interface RequireOptions {
  /** For the routes that let a person enrol the second factor their role demands (and their own account's). */
  allowSecondFactorPending?: boolean;
}

/** The signed-in actor: 401 without one, 403 `second_factor_required` while a mandatory second factor is missing. */
export function requireActor(request: FastifyRequest, options: RequireOptions = {}): Actor {
  const actor = request.actor;
  if (!actor) throw new KiosqueError('unauthenticated');
  if (request.adminSession?.secondFactorPending && !options.allowSecondFactorPending) throw new KiosqueError('second_factor_required');
  return actor;
}

/** The actor, if the policy lets them do the action (on this post): 401, or 403 `forbidden`. */
export function authorize(request: FastifyRequest, action: Action, post?: PostFacts): Actor {
  const actor = requireActor(request);
  if (!can(actor, action, post)) throw new KiosqueError('forbidden');
  return actor;
}

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { buildApp, openKiosque, type Kiosque } from '../../src/app.ts';
import { SESSION_COOKIE } from '../../src/auth/sessions.service.ts';
import { createTestConfig, type Engine } from '../support/database.ts';
import type { SignedIn } from '../support/accounts.ts';

/**
 * An in-process site whose sign-in clock the test holds: throttling delays, session ends and TOTP
 * periods pass by moving `clock`, never by waiting.
 */
export interface AuthSite {
  engine: Engine;
  kiosque: Kiosque;
  app: FastifyInstance;
  clock: { ms: number; advance(seconds: number): void };
  /** The TOTP code of the secret at the site's clock (plus `periods` of 30 s). */
  totp(secret: string, periods?: number): Promise<string>;
  api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options?: CallOptions): Promise<LightMyRequestResponse>;
  dispose(): Promise<void>;
}

export interface CallOptions {
  as?: SignedIn | undefined;
  token?: string | undefined;
  body?: unknown;
  headers?: Record<string, string>;
  /** Leave out the CSRF token a signed-in browser would send. */
  withoutCsrf?: boolean;
}

export const API = '/api/admin/v1';

export async function startAuthSite(engine: Engine, env: NodeJS.ProcessEnv = {}): Promise<AuthSite> {
  const { config, cleanup } = await createTestConfig(engine, env);
  const kiosque = await openKiosque(config);
  const clock = {
    // A period boundary: the TOTP codes of the tests do not straddle two periods by chance.
    ms: Math.floor(Date.now() / 30_000) * 30_000 + 1_000,
    advance(seconds: number) {
      this.ms += seconds * 1000;
    },
  };
  const app = await buildApp(kiosque, { authNow: () => new Date(clock.ms) });
  await app.ready();
  return {
    engine,
    kiosque,
    app,
    clock,
    totp: (secret, periods = 0) => generate({ secret, epoch: Math.floor(clock.ms / 1000) + periods * 30 }),
    api(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.as) {
        headers.cookie = options.as.cookie;
        if (method !== 'GET' && !options.withoutCsrf) headers['x-csrf-token'] = options.as.csrfToken;
      }
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      return app.inject({ method, url: API + path, headers, ...(options.body !== undefined ? { payload: options.body as object } : {}) });
    },
    async dispose() {
      await app.close();
      await kiosque.close();
      await cleanup();
    },
  };
}

/** The session a sign-in answer opened, as a browser would hold it. */
export function sessionOf(response: LightMyRequestResponse): SignedIn {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (response.statusCode !== 200 && response.statusCode !== 201) throw new Error(`No session: ${response.statusCode} ${response.body}`);
  if (!cookie) throw new Error('No session cookie in the answer');
  return { cookie: `${SESSION_COOKIE}=${cookie.value}`, csrfToken: response.json<{ csrfToken: string }>().csrfToken };
}

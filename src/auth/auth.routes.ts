import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { SettingsStore } from '../settings/settings.ts';
import { accountRoutes } from './account.routes.ts';
import { auditRoutes } from './audit.routes.ts';
import { invitationsRoutes } from './invitations.routes.ts';
import { passkeysRoutes } from './passkeys.routes.ts';
import { sessionRoutes } from './session.routes.ts';
import { setupRoutes } from './setup.routes.ts';
import { tokensRoutes } from './tokens.routes.ts';
import { usersRoutes } from './users.routes.ts';

/** What the account routes need: the database, the configuration, the site's settings (its name for authenticator apps) and the clock. */
export interface AuthRouteDeps {
  db: Db;
  config: Config;
  settings: SettingsStore;
  /** The site's public address (`Kiosque.siteUrl()`), for the links these routes hand out. */
  siteUrl: () => string;
  now: () => Date;
}

export const ADMIN_API_PREFIX = '/api/admin/v1';

/** The Admin API's accounts and security routes: session, account, set-up, users, invitations, API tokens, audit log. */
export async function authRoutes(app: FastifyInstance, deps: Omit<AuthRouteDeps, 'now'> & { now?: (() => Date) | undefined }): Promise<void> {
  const full: AuthRouteDeps = { ...deps, now: deps.now ?? (() => new Date()) };
  await app.register(
    async (api) => {
      await sessionRoutes(api, full);
      await accountRoutes(api, full);
      await passkeysRoutes(api, full);
      await setupRoutes(api, full);
      await usersRoutes(api, full);
      await invitationsRoutes(api, full);
      await tokensRoutes(api, full);
      await auditRoutes(api, full);
    },
    { prefix: ADMIN_API_PREFIX },
  );
}

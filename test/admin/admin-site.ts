import type { LightMyRequestResponse } from 'fastify';
import { ROLES } from '../../src/auth/auth.policy.ts';
import type { Role } from '../../src/db/schema.ts';
import { createStaff, type SignedIn, type Staff } from '../support/accounts.ts';
import type { Engine } from '../support/database.ts';
import { startTestSite, type TestSite } from '../support/site.ts';

export const API = '/api/admin/v1';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface CallOptions {
  /** A role's staff member (through its API token), a given token, or a browser session. */
  as?: Role | Staff | SignedIn | undefined;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The public site with one staff member of each role, and the Admin API at hand. */
export interface AdminSite extends TestSite {
  staff: Record<Role, Staff>;
  api(method: Method, path: string, options?: CallOptions): Promise<LightMyRequestResponse>;
}

function isSession(who: Staff | SignedIn): who is SignedIn {
  return 'cookie' in who;
}

export async function startAdminSite(engine: Engine): Promise<AdminSite> {
  const site = await startTestSite(engine);
  const staff = {} as Record<Role, Staff>;
  for (const role of ROLES) staff[role] = await createStaff(site.kiosque, { role });
  return {
    ...site,
    staff,
    api(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      const who = typeof options.as === 'string' ? staff[options.as] : options.as;
      if (who && isSession(who)) {
        headers.cookie = who.cookie;
        if (method !== 'GET') headers['x-csrf-token'] = who.csrfToken;
      } else if (who) {
        headers.authorization = `Bearer ${who.token}`;
      }
      return site.app.inject({ method, url: API + path, headers, ...(options.body !== undefined ? { payload: options.body as object } : {}) });
    },
  };
}

/** The answer's JSON, or a failure that shows the answer. */
export function expectStatus<T = Record<string, unknown>>(response: LightMyRequestResponse, status: number): T {
  if (response.statusCode !== status) throw new Error(`Expected ${status}, got ${response.statusCode}: ${response.body.slice(0, 500)}`);
  return (response.body ? response.json() : undefined) as T;
}

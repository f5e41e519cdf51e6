import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/auth/audit.service.ts';
import { saveSettings } from '../../src/settings/settings.ts';
import { createStaff, signIn, type SignedIn, type Staff } from '../support/accounts.ts';
import { ENGINES } from '../support/database.ts';
import { sessionOf, startAuthSite, type AuthSite } from './auth-site.ts';

describe.each(ENGINES)('staff, invitations, API tokens and the audit log (%s)', (engine) => {
  let site: AuthSite;
  let admin: Staff;
  let adminSession: SignedIn;
  let editor: Staff;

  beforeAll(async () => {
    // The real clock: signIn types the current TOTP code, as the person's phone would.
    site = await startAuthSite(engine);
    site.clock.ms = Date.now();
    admin = await createStaff(site.kiosque, { role: 'administrator', name: 'Claire Delmas' });
    editor = await createStaff(site.kiosque, { role: 'editor', name: 'Marc Petit' });
    adminSession = await signIn(site.app, admin);
  });
  afterAll(() => site.dispose());

  describe('users', () => {
    it('lists the staff for an administrator only', async () => {
      const list = await site.api('GET', '/users', { as: adminSession });
      expect(list.statusCode).toBe(200);
      const users = list.json<{ users: { email: string; name: string; role: string; secondFactors: unknown; hasPassword: boolean }[] }>().users;
      expect(users.map((u) => u.name)).toEqual(['Claire Delmas', 'Marc Petit']);
      expect(users[0]).toMatchObject({ email: admin.email, role: 'administrator', hasPassword: true, secondFactors: { totp: true, passkeys: 0, recoveryCodesLeft: 10 } });
      expect(users[0]).not.toHaveProperty('password_hash');

      const asEditor = await site.api('GET', '/users', { token: editor.token });
      expect(asEditor.statusCode).toBe(403);
      expect(asEditor.json().code).toBe('forbidden');
      expect((await site.api('GET', '/users')).statusCode).toBe(401);
    });

    it('refuses everything but enrolment to an editor whose second factor is still to come', async () => {
      const newcomer = await createStaff(site.kiosque, { role: 'editor', totp: false });
      const pending = await signIn(site.app, newcomer);
      // Refused for the missing second factor, before the role is even considered.
      const refused = await site.api('GET', '/users', { as: pending });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('second_factor_required');
      expect((await site.api('DELETE', '/tokens/1', { as: pending })).json().code).toBe('second_factor_required');
      expect((await site.api('GET', '/account/sessions', { as: pending })).statusCode).toBe(200);
    });

    it('changes a role, renames (the byline too), suspends and reinstates, each in the audit log', async () => {
      const author = await createStaff(site.kiosque, { role: 'author' });
      const authorSession = await signIn(site.app, author);
      const promoted = await site.api('PATCH', `/users/${author.userId}`, { as: adminSession, body: { role: 'editor', name: 'Léa Martin' } });
      expect(promoted.statusCode).toBe(200);
      expect(promoted.json()).toMatchObject({ role: 'editor', name: 'Léa Martin' });
      const byline = await site.kiosque.db.kysely.selectFrom('authors').select('name').where('id', '=', author.authorId).executeTakeFirstOrThrow();
      expect(byline.name).toBe('Léa Martin');
      // Now an editor, the author's password-only session owes a second factor.
      expect((await site.api('GET', '/session', { as: authorSession })).json().secondFactorPending).toBe(true);

      const suspended = await site.api('PATCH', `/users/${author.userId}`, { as: adminSession, body: { suspended: true } });
      expect(suspended.json().suspended).toBe(true);
      expect((await site.api('GET', '/session', { as: authorSession })).statusCode).toBe(401);
      expect((await site.api('GET', '/session', { token: author.token })).statusCode).toBe(401);
      expect((await site.api('PATCH', `/users/${author.userId}`, { as: adminSession, body: { suspended: false } })).json().suspended).toBe(false);

      const log = (await site.api('GET', `/audit?actor=${admin.userId}&action=user`, { as: adminSession })).json<{ entries: { action: string; details: Record<string, unknown> }[] }>();
      expect(log.entries.map((e) => e.action)).toEqual(['user.reinstate', 'user.suspend', 'user.rename', 'user.role_change']);
      expect(log.entries[3]!.details).toEqual({ email: author.email, from: 'author', to: 'editor' });
    });

    it('keeps one active administrator', async () => {
      const demoted = await site.api('PATCH', `/users/${admin.userId}`, { as: adminSession, body: { role: 'editor' } });
      expect(demoted.statusCode).toBe(409);
      expect(demoted.json().code).toBe('last_administrator');
      expect((await site.api('PATCH', `/users/${admin.userId}`, { as: adminSession, body: { suspended: true } })).statusCode).toBe(409);
      expect((await site.api('PATCH', '/users/99999', { as: adminSession, body: { name: 'X' } })).statusCode).toBe(404);
      const unknownField = await site.api('PATCH', `/users/${editor.userId}`, { as: adminSession, body: { email: 'x@y.z' } });
      expect(unknownField.statusCode).toBe(400);
      expect(unknownField.json().field).toBe('email');
      const badRole = await site.api('PATCH', `/users/${editor.userId}`, { as: adminSession, body: { role: 'owner' } });
      expect(badRole.statusCode).toBe(400);
      expect(badRole.json().field).toBe('role');
    });
  });

  describe('invitations', () => {
    it('invites by a single-use link that creates the account with the invited role', async () => {
      const created = await site.api('POST', '/invitations', { as: adminSession, body: { email: 'Nina@Exemple.fr', role: 'author' } });
      expect(created.statusCode).toBe(201);
      const { id, url, expiresAt } = created.json<{ id: number; url: string; expiresAt: string }>();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3000\/admin\/invite#[\w-]{43}$/);
      expect(Date.parse(expiresAt) - site.clock.ms).toBe(7 * 24 * 3600 * 1000);
      const token = url.split('#')[1]!;

      const pending = (await site.api('GET', '/invitations', { as: adminSession })).json<{ invitations: { id: number; email: string; invitedBy: { name: string } }[] }>();
      expect(pending.invitations).toEqual([expect.objectContaining({ id, email: 'nina@exemple.fr', role: 'author', invitedBy: { id: admin.userId, name: 'Claire Delmas' } })]);

      expect((await site.api('GET', `/invitations/${token}`)).json()).toEqual({ email: 'nina@exemple.fr', role: 'author' });
      const accepted = await site.api('POST', `/invitations/${token}/accept`, { body: { name: 'Nina Roux', password: 'une phrase assez longue' } });
      expect(accepted.statusCode).toBe(201);
      expect(accepted.json()).toMatchObject({ user: { email: 'nina@exemple.fr', name: 'Nina Roux', role: 'author' }, secondFactorPending: false });
      const nina = sessionOf(accepted);
      expect((await site.api('GET', '/session', { as: nina })).statusCode).toBe(200);

      const again = await site.api('POST', `/invitations/${token}/accept`, { body: { name: 'Someone', password: 'une phrase assez longue' } });
      expect(again.statusCode).toBe(410);
      expect(again.json().code).toBe('link_expired');
      expect((await site.api('GET', `/invitations/${token}`)).statusCode).toBe(410);
      expect((await site.api('GET', '/invitations', { as: adminSession })).json().invitations).toEqual([]);
      expect((await site.api('POST', '/invitations', { as: adminSession, body: { email: 'nina@exemple.fr', role: 'editor' } })).json().code).toBe('email_taken');
    });

    it('expires an invitation after seven days, and withdraws one on request', async () => {
      const late = (await site.api('POST', '/invitations', { as: adminSession, body: { email: 'late@exemple.fr', role: 'contributor' } })).json<{ url: string }>();
      const withdrawn = (await site.api('POST', '/invitations', { as: adminSession, body: { email: 'gone@exemple.fr', role: 'editor' } })).json<{ id: number; url: string }>();
      expect((await site.api('DELETE', `/invitations/${withdrawn.id}`, { as: adminSession })).statusCode).toBe(204);
      expect((await site.api('GET', `/invitations/${withdrawn.url.split('#')[1]}`)).statusCode).toBe(410);
      expect((await site.api('DELETE', `/invitations/${withdrawn.id}`, { as: adminSession })).statusCode).toBe(404);

      site.clock.advance(7 * 24 * 3600 + 1);
      try {
        const accept = await site.api('POST', `/invitations/${late.url.split('#')[1]}/accept`, { body: { name: 'Late', password: 'une phrase assez longue' } });
        expect(accept.statusCode).toBe(410);
      } finally {
        site.clock.ms = Date.now();
      }
    });

    it('opens a pending session for an invited editor, and keeps the link when the form is refused', async () => {
      const { url } = (await site.api('POST', '/invitations', { as: adminSession, body: { email: 'ed@exemple.fr', role: 'editor' } })).json<{ url: string }>();
      const token = url.split('#')[1]!;
      const short = await site.api('POST', `/invitations/${token}/accept`, { body: { name: 'Ed', password: 'court' } });
      expect(short.statusCode).toBe(400);
      const accepted = await site.api('POST', `/invitations/${token}/accept`, { body: { name: 'Ed Blanc' } });
      expect(accepted.statusCode).toBe(201);
      expect(accepted.json().secondFactorPending).toBe(true);
    });

    it('is for administrators only', async () => {
      const refused = await site.api('POST', '/invitations', { token: editor.token, body: { email: 'x@exemple.fr', role: 'administrator' } });
      expect(refused.statusCode).toBe(403);
    });

    it('builds the link on the site address setting, never on the Host header a client sends', async () => {
      const invite = async (email: string) =>
        (await site.api('POST', '/invitations', { as: adminSession, body: { email, role: 'author' }, headers: { host: 'attacker.example' } })).json<{ url: string }>().url;
      expect(await invite('host.one@exemple.fr')).toMatch(/^http:\/\/127\.0\.0\.1:3000\/admin\/invite#[\w-]{43}$/);
      await saveSettings(site.kiosque.db, site.kiosque.events, { siteUrl: 'https://blog.exemple.fr' });
      try {
        expect(await invite('host.two@exemple.fr')).toMatch(/^https:\/\/blog\.exemple\.fr\/admin\/invite#[\w-]{43}$/);
      } finally {
        await saveSettings(site.kiosque.db, site.kiosque.events, { siteUrl: '' });
      }
    });
  });

  describe('API tokens', () => {
    it('creates a token shown once, capped at its role, needing no CSRF token, and revocable', async () => {
      const created = await site.api('POST', '/tokens', { as: adminSession, body: { name: 'Import script', role: 'author' } });
      expect(created.statusCode).toBe(201);
      const { id, token } = created.json<{ id: number; token: string }>();
      expect(token).toMatch(/^kiosque_[\w-]{43}$/);

      const listed = (await site.api('GET', '/tokens', { as: adminSession })).json<{ tokens: Record<string, unknown>[] }>().tokens;
      const entry = listed.find((t) => t.id === id)!;
      expect(entry).toMatchObject({ name: 'Import script', role: 'author', user: { id: admin.userId } });
      expect(JSON.stringify(listed)).not.toContain(token);

      // A change with the token needs no CSRF token; the token acts as an author, not as the administrator who made it.
      const who = (await site.api('GET', '/session', { token })).json();
      expect(who).toMatchObject({ user: { id: admin.userId, role: 'author' }, csrfToken: null });
      expect((await site.api('GET', '/users', { token })).statusCode).toBe(403);
      const adminToken = (await site.api('POST', '/tokens', { as: adminSession, body: { name: 'Ops', role: 'administrator' } })).json<{ token: string }>().token;
      const viaToken = await site.api('POST', '/tokens', { token: adminToken, body: { name: 'Made by a token', role: 'contributor' } });
      expect(viaToken.statusCode).toBe(201);

      expect((await site.api('DELETE', `/tokens/${id}`, { as: adminSession })).statusCode).toBe(204);
      expect((await site.api('GET', '/session', { token })).statusCode).toBe(401);
      expect((await site.api('DELETE', `/tokens/${id}`, { as: adminSession })).statusCode).toBe(404);
      expect((await site.api('GET', '/session', { token: 'kiosque_made-up' })).statusCode).toBe(401);
    });

    it('records when a token was last used', async () => {
      await site.api('GET', '/session', { token: editor.token });
      const listed = (await site.api('GET', '/tokens', { as: adminSession })).json<{ tokens: { user: { id: number }; lastUsedAt: string | null }[] }>().tokens;
      expect(listed.find((t) => t.user.id === editor.userId)?.lastUsedAt).not.toBeNull();
    });
  });

  describe('audit log', () => {
    it('is append-only in the database itself', async () => {
      await recordAudit(site.kiosque.db.kysely, { actor: null, action: 'test.entry', details: { n: 1 } });
      await expect(site.kiosque.db.kysely.updateTable('audit_log').set({ action: 'test.changed' }).where('action', '=', 'test.entry').execute()).rejects.toThrow(/append-only/);
      await expect(site.kiosque.db.kysely.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    });

    it('filters by action, family, actor and dates, newest first, page by page', async () => {
      const all = (await site.api('GET', '/audit', { as: adminSession })).json<{ entries: { id: number; at: string; action: string }[]; next: number | null }>();
      expect(all.entries.length).toBeGreaterThan(10);
      const ids = all.entries.map((e) => e.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));

      const signIns = (await site.api('GET', '/audit?action=session.sign_in', { as: adminSession })).json<{ entries: { action: string }[] }>();
      expect(signIns.entries.length).toBeGreaterThan(0);
      expect(new Set(signIns.entries.map((e) => e.action))).toEqual(new Set(['session.sign_in']));
      const tokens = (await site.api('GET', '/audit?action=token', { as: adminSession })).json<{ entries: { action: string }[] }>();
      expect(new Set(tokens.entries.map((e) => e.action))).toEqual(new Set(['token.create', 'token.revoke']));
      const viaToken = (await site.api('GET', `/audit?actor=${encodeURIComponent('token:Ops')}`, { as: adminSession })).json<{ entries: { action: string }[] }>();
      expect(viaToken.entries.map((e) => e.action)).toEqual(['token.create']);

      const future = new Date(Date.now() + 3600_000).toISOString();
      expect((await site.api('GET', `/audit?from=${future}`, { as: adminSession })).json().entries).toEqual([]);
      expect((await site.api('GET', `/audit?to=${future}`, { as: adminSession })).json().entries.length).toBe(all.entries.length);

      const first = (await site.api('GET', '/audit?action=session', { as: adminSession })).json<{ entries: { id: number }[]; next: number | null }>();
      const kysely = site.kiosque.db.kysely;
      const sessionEntries = await kysely.selectFrom('audit_log').select('id').where('action', 'like', 'session.%').orderBy('id', 'desc').execute();
      let seen = first.entries.map((e) => e.id);
      let next = first.next;
      while (next !== null) {
        const page = (await site.api('GET', `/audit?action=session&before=${next}`, { as: adminSession })).json<{ entries: { id: number }[]; next: number | null }>();
        seen = [...seen, ...page.entries.map((e) => e.id)];
        next = page.next;
      }
      expect(seen).toEqual(sessionEntries.map((e) => e.id));

      const bad = await site.api('GET', '/audit?since=yesterday', { as: adminSession });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().field).toBe('since');
    });
  });
});

describe.each(ENGINES)('invitation links with KIOSQUE_SITE_URL (%s)', (engine) => {
  let site: AuthSite;
  let adminSession: SignedIn;

  beforeAll(async () => {
    site = await startAuthSite(engine, { KIOSQUE_SITE_URL: 'https://www.example.fr/' });
    site.clock.ms = Date.now();
    adminSession = await signIn(site.app, await createStaff(site.kiosque, { role: 'administrator' }));
  });
  afterAll(() => site.dispose());

  it('are on the public address the deployment fixes, whatever the setting or the Host header say', async () => {
    await saveSettings(site.kiosque.db, site.kiosque.events, { siteUrl: 'https://ancien.exemple.fr' });
    const created = await site.api('POST', '/invitations', { as: adminSession, body: { email: 'zed@example.fr', role: 'editor' }, headers: { host: 'attacker.example' } });
    expect(created.statusCode).toBe(201);
    expect(created.json<{ url: string }>().url).toMatch(/^https:\/\/www\.example\.fr\/admin\/invite#[\w-]{43}$/);
  });
});

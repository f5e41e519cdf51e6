import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/auth/audit.service.ts';
import { createStaff, type Staff } from '../support/accounts.ts';
import { ENGINES } from '../support/database.ts';
import { sessionOf, startAuthSite, type AuthSite } from './auth-site.ts';

describe.each(ENGINES)('signing in with a password (%s)', (engine) => {
  let site: AuthSite;
  let author: Staff;
  let admin: Staff;

  beforeAll(async () => {
    site = await startAuthSite(engine);
    author = await createStaff(site.kiosque, { role: 'author', email: 'Claire.Delmas@Exemple.fr' });
    admin = await createStaff(site.kiosque, { role: 'administrator' });
  });
  afterAll(() => site.dispose());

  // Each attempt from its own address: this file is about answers, throttle.test.ts about the address counter.
  let address = 0;
  const signIn = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    site.api('POST', '/session', { body, headers: { 'x-forwarded-for': `198.51.100.${++address}`, ...headers } });

  it('opens a session with the right password, whatever the case of the address, in an HttpOnly SameSite=Lax cookie', async () => {
    const response = await signIn({ email: '  claire.delmas@EXEMPLE.fr ', password: author.password });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user).toMatchObject({ id: author.userId, email: 'claire.delmas@exemple.fr', role: 'author', authorId: author.authorId });
    expect(body.user.secondFactors).toEqual({ totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    expect(body.secondFactorPending).toBe(false);
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^kiosque_session=[\w-]{40,};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");

    const session = await site.api('GET', '/session', { as: sessionOf(response) });
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ user: { id: author.userId }, csrfToken: body.csrfToken, secondFactorPending: false });
  });

  it('marks the cookie Secure when nginx says the browser came over HTTPS', async () => {
    const response = await signIn({ email: author.email, password: author.password }, { 'x-forwarded-proto': 'https' });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toContain('Secure');
  });

  it('answers a wrong password and an unknown account the same way', async () => {
    const wrong = await signIn({ email: author.email, password: 'not the password' });
    const unknown = await signIn({ email: 'personne@exemple.fr', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    // In the site's language (French by default).
    expect(wrong.json()).toEqual({ code: 'invalid_credentials', message: 'L’adresse e-mail ou le mot de passe est incorrect.' });
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('asks an account with TOTP for its code, then accepts the current code once only', async () => {
    const missing = await signIn({ email: admin.email, password: admin.password });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().code).toBe('otp_required');
    expect(missing.headers['set-cookie']).toBeUndefined();
    const blank = await signIn({ email: admin.email, password: admin.password, otp: ' ' });
    expect(blank.json().code).toBe('otp_required');
    const wrongPassword = await signIn({ email: admin.email, password: 'nope nope nope' });
    expect(wrongPassword.json().code).toBe('invalid_credentials');

    const code = await site.totp(admin.totpSecret!);
    const signedIn = await signIn({ email: admin.email, password: admin.password, otp: code });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().secondFactorPending).toBe(false);

    const replayed = await signIn({ email: admin.email, password: admin.password, otp: code });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json().code).toBe('otp_invalid');

    // The next period's code is still accepted; then the clock moves on and the period after works too.
    const next = await signIn({ email: admin.email, password: admin.password, otp: await site.totp(admin.totpSecret!, 1) });
    expect(next.statusCode).toBe(200);
    site.clock.advance(90);
    const later = await signIn({ email: admin.email, password: admin.password, otp: await site.totp(admin.totpSecret!) });
    expect(later.statusCode).toBe(200);
  });

  it('refuses a code of an earlier period, even unused, once a later one was used', async () => {
    site.clock.advance(60);
    const next = await signIn({ email: admin.email, password: admin.password, otp: await site.totp(admin.totpSecret!, 1) });
    expect(next.statusCode).toBe(200);
    const earlier = await signIn({ email: admin.email, password: admin.password, otp: await site.totp(admin.totpSecret!) });
    expect(earlier.json().code).toBe('otp_invalid');
  });

  it('accepts each recovery code once, instead of the TOTP code', async () => {
    const code = admin.recoveryCodes![0]!;
    const first = await signIn({ email: admin.email, password: admin.password, otp: code.toUpperCase().replace('-', ' ') });
    expect(first.statusCode).toBe(200);
    expect(first.json().user.secondFactors).toEqual({ totp: true, passkeys: 0, recoveryCodesLeft: 9 });
    const again = await signIn({ email: admin.email, password: admin.password, otp: code });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('otp_invalid');
  });

  it('opens a session that only allows enrolment for an administrator without a second factor yet', async () => {
    const newcomer = await createStaff(site.kiosque, { role: 'editor', totp: false });
    const response = await signIn({ email: newcomer.email, password: newcomer.password });
    expect(response.statusCode).toBe(200);
    expect(response.json().secondFactorPending).toBe(true);
    const session = await site.api('GET', '/session', { as: sessionOf(response) });
    expect(session.json().secondFactorPending).toBe(true);
  });

  it('tells an editor who has only passkeys to use one, after the right password only', async () => {
    const editor = await createStaff(site.kiosque, { role: 'editor', totp: false });
    await site.kiosque.db.kysely
      .insertInto('passkeys')
      .values({ id: 'credential-1', user_id: editor.userId, name: 'Laptop', public_key: 'key', counter: 0, created_at: new Date().toISOString(), last_used_at: null })
      .execute();
    const right = await signIn({ email: editor.email, password: editor.password });
    expect(right.statusCode).toBe(401);
    expect(right.json().code).toBe('passkey_required');
    const wrong = await signIn({ email: editor.email, password: 'not the password' });
    expect(wrong.json().code).toBe('invalid_credentials');
  });

  it('refuses a suspended account, and ends its sessions', async () => {
    const contributor = await createStaff(site.kiosque, { role: 'contributor' });
    const before = sessionOf(await signIn({ email: contributor.email, password: contributor.password }));
    await site.kiosque.db.kysely.updateTable('users').set({ suspended_at: new Date().toISOString() }).where('id', '=', contributor.userId).execute();
    const response = await signIn({ email: contributor.email, password: contributor.password });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('account_suspended');
    expect((await site.api('GET', '/session', { as: before })).statusCode).toBe(401);
  });

  it('signs out: the cookie is cleared and no longer opens anything', async () => {
    const session = sessionOf(await signIn({ email: author.email, password: author.password }));
    const out = await site.api('DELETE', '/session', { as: session });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/kiosque_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await site.api('GET', '/session', { as: session })).statusCode).toBe(401);
  });

  it('writes every sign-in, failure and sign-out to the audit log', async () => {
    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'session', limit: 200 });
    const actions = new Set(entries.map((e) => e.action));
    expect(actions).toEqual(new Set(['session.sign_in', 'session.sign_in_failed', 'session.sign_out']));
    const unknown = entries.find((e) => e.action === 'session.sign_in_failed' && e.actor.label === 'personne@exemple.fr');
    expect(unknown).toMatchObject({ actor: { userId: null }, details: { reason: 'unknown_account' } });
    expect(unknown?.ip).toMatch(/^198\.51\.100\.\d+$/);
    const withCode = entries.find((e) => e.action === 'session.sign_in' && e.actor.userId === admin.userId);
    expect(withCode?.details.method).toMatch(/^(password\+totp|recovery-code)$/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, type SignedIn, type Staff } from '../support/accounts.ts';
import { ENGINES } from '../support/database.ts';
import { sessionOf, startAuthSite, type AuthSite } from './auth-site.ts';

describe.each(ENGINES)('my account: TOTP, recovery codes, password, sessions (%s)', (engine) => {
  let site: AuthSite;
  let address = 0;

  beforeAll(async () => {
    site = await startAuthSite(engine);
  });
  afterAll(() => site.dispose());

  const signIn = async (staff: Pick<Staff, 'email' | 'password'>, otp?: string) =>
    site.api('POST', '/session', { body: { email: staff.email, password: staff.password, ...(otp ? { otp } : {}) }, headers: { 'x-forwarded-for': `192.0.2.${++address}` } });

  it('enrols an authenticator app, which ends the pending state of a new administrator', async () => {
    const admin = await createStaff(site.kiosque, { role: 'administrator', email: 'admin@exemple.fr', totp: false });
    const session = sessionOf(await signIn(admin));
    expect((await site.api('GET', '/session', { as: session })).json().secondFactorPending).toBe(true);

    const enrolment = await site.api('POST', '/account/totp', { as: session });
    expect(enrolment.statusCode).toBe(200);
    const { secret, otpauthUrl } = enrolment.json<{ secret: string; otpauthUrl: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toBe(`otpauth://totp/Kiosque:admin%40exemple.fr?secret=${secret}&issuer=Kiosque`);

    const wrong = await site.api('POST', '/account/totp/confirm', { as: session, body: { code: '000000' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('otp_invalid');
    const confirmed = await site.api('POST', '/account/totp/confirm', { as: session, body: { code: await site.totp(secret) } });
    expect(confirmed.statusCode).toBe(200);
    const { recoveryCodes } = confirmed.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

    const after = (await site.api('GET', '/session', { as: session })).json();
    expect(after.secondFactorPending).toBe(false);
    expect(after.user.secondFactors).toEqual({ totp: true, passkeys: 0, recoveryCodesLeft: 10 });

    expect((await signIn(admin)).json().code).toBe('otp_required');
    expect((await signIn(admin, await site.totp(secret, 1))).statusCode).toBe(200);

    // The only second factor of an administrator cannot be turned off.
    const off = await site.api('DELETE', '/account/totp', { as: session });
    expect(off.statusCode).toBe(403);
    expect(off.json().code).toBe('second_factor_required');
  });

  it('refuses an enrolment code that was already seen, and an enrolment that expired', async () => {
    const author = await createStaff(site.kiosque, { role: 'author' });
    const session = sessionOf(await signIn(author));
    const { secret } = (await site.api('POST', '/account/totp', { as: session })).json<{ secret: string }>();
    site.clock.advance(16 * 60);
    const late = await site.api('POST', '/account/totp/confirm', { as: session, body: { code: await site.totp(secret) } });
    expect(late.json().code).toBe('otp_invalid');
  });

  it('replaces the recovery codes: the old ones stop working, the new ones work once', async () => {
    const editor = await createStaff(site.kiosque, { role: 'editor' });
    const session = sessionOf(await signIn(editor, await site.totp(editor.totpSecret!)));
    const renewed = await site.api('POST', '/account/recovery-codes', { as: session });
    expect(renewed.statusCode).toBe(200);
    const codes = renewed.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect((await signIn(editor, editor.recoveryCodes![0])).json().code).toBe('otp_invalid');
    expect((await signIn(editor, codes[3])).statusCode).toBe(200);
    expect((await signIn(editor, codes[3])).json().code).toBe('otp_invalid');
  });

  it('lets an author turn TOTP off, after which the password alone signs in', async () => {
    const author = await createStaff(site.kiosque, { role: 'author', totp: true });
    const session = sessionOf(await signIn(author, await site.totp(author.totpSecret!)));
    expect((await site.api('DELETE', '/account/totp', { as: session })).statusCode).toBe(204);
    const me = (await site.api('GET', '/session', { as: session })).json();
    expect(me.user.secondFactors).toEqual({ totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    expect((await signIn(author)).statusCode).toBe(200);
  });

  it('changes the password after checking the current one, and signs the other sessions out', async () => {
    const author = await createStaff(site.kiosque, { role: 'author' });
    const here = sessionOf(await signIn(author));
    const elsewhere = sessionOf(await signIn(author));
    const wrong = await site.api('PUT', '/account/password', { as: here, body: { currentPassword: 'not it at all', password: 'une nouvelle phrase secrète' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'invalid_credentials', field: 'currentPassword' });
    const short = await site.api('PUT', '/account/password', { as: here, body: { currentPassword: author.password, password: 'court' } });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'invalid_request', field: 'password' });

    const changed = await site.api('PUT', '/account/password', { as: here, body: { currentPassword: author.password, password: 'une nouvelle phrase secrète' } });
    expect(changed.statusCode).toBe(204);
    expect((await site.api('GET', '/session', { as: here })).statusCode).toBe(200);
    expect((await site.api('GET', '/session', { as: elsewhere })).statusCode).toBe(401);
    expect((await signIn(author)).statusCode).toBe(401);
    expect((await signIn({ email: author.email, password: 'une nouvelle phrase secrète' })).statusCode).toBe(200);
  });

  it('lists one’s sessions, ends one of them, then signs out everywhere', async () => {
    const author = await createStaff(site.kiosque, { role: 'author' });
    const laptop = sessionOf(await signIn(author));
    const phone = sessionOf(
      await site.api('POST', '/session', { body: { email: author.email, password: author.password }, headers: { 'user-agent': 'Phone/1.0', 'x-forwarded-for': '192.0.2.200' } }),
    );
    const tablet = sessionOf(await signIn(author));
    const list = (await site.api('GET', '/account/sessions', { as: laptop })).json<{ sessions: { id: string; current: boolean; ip: string; userAgent: string | null; method: string }[] }>();
    expect(list.sessions).toHaveLength(3);
    expect(list.sessions.filter((s) => s.current)).toHaveLength(1);
    const phoneEntry = list.sessions.find((s) => s.userAgent === 'Phone/1.0')!;
    expect(phoneEntry).toMatchObject({ ip: '192.0.2.200', method: 'password', current: false });

    expect((await site.api('DELETE', `/account/sessions/${phoneEntry.id}`, { as: laptop })).statusCode).toBe(204);
    expect((await site.api('GET', '/session', { as: phone })).statusCode).toBe(401);
    expect((await site.api('DELETE', `/account/sessions/${phoneEntry.id}`, { as: laptop })).statusCode).toBe(404);

    const everywhere = await site.api('DELETE', '/account/sessions', { as: laptop });
    expect(everywhere.statusCode).toBe(204);
    for (const old of [laptop, tablet]) expect((await site.api('GET', '/session', { as: old })).statusCode).toBe(401);
  });

  it('cannot end another person’s session', async () => {
    const one = await createStaff(site.kiosque, { role: 'author' });
    const other = await createStaff(site.kiosque, { role: 'author' });
    const mine = sessionOf(await signIn(one));
    const theirs: SignedIn = sessionOf(await signIn(other));
    const theirId = (await site.api('GET', '/account/sessions', { as: theirs })).json<{ sessions: { id: string }[] }>().sessions[0]!.id;
    expect((await site.api('DELETE', `/account/sessions/${theirId}`, { as: mine })).statusCode).toBe(404);
    expect((await site.api('GET', '/session', { as: theirs })).statusCode).toBe(200);
  });

  it('keeps a session alive while it is used, and ends it after two idle weeks', async () => {
    const author = await createStaff(site.kiosque, { role: 'author' });
    const session = sessionOf(await signIn(author));
    for (let day = 0; day < 4; day++) {
      site.clock.advance(10 * 24 * 3600);
      const used = await site.api('GET', '/session', { as: session });
      expect(used.statusCode).toBe(200);
      // The cookie's own end moves with the session's.
      expect(String(used.headers['set-cookie'])).toContain('kiosque_session=');
    }
    site.clock.advance(15 * 24 * 3600);
    expect((await site.api('GET', '/session', { as: session })).statusCode).toBe(401);
  });
});

describe.each(ENGINES)('CSRF protection (%s)', (engine) => {
  let site: AuthSite;
  let author: Staff;
  let session: SignedIn;

  beforeAll(async () => {
    site = await startAuthSite(engine);
    author = await createStaff(site.kiosque, { role: 'author' });
    session = sessionOf(await site.api('POST', '/session', { body: { email: author.email, password: author.password } }));
  });
  afterAll(() => site.dispose());

  it('refuses a cookie-authenticated change without the token, or with a wrong one', async () => {
    const missing = await site.api('POST', '/account/recovery-codes', { as: session, withoutCsrf: true });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf_failed');
    const wrong = await site.api('DELETE', '/session', { as: session, withoutCsrf: true, headers: { 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('csrf_failed');
    // Nothing happened: the session is still open.
    expect((await site.api('GET', '/session', { as: session, withoutCsrf: true })).statusCode).toBe(200);
    expect((await site.api('POST', '/account/recovery-codes', { as: session })).statusCode).toBe(200);
  });
});

/// <reference lib="dom" />
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import type { LightMyRequestResponse } from 'fastify';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/auth/audit.service.ts';
import { prepareSetupToken } from '../../src/auth/setup.service.ts';
import { createStaff, signIn, type SignedIn } from '../support/accounts.ts';
import { launchChromium } from '../support/browser.ts';
import { ENGINES } from '../support/database.ts';
import { sessionOf, startAuthSite, type AuthSite, type CallOptions } from './auth-site.ts';

/**
 * Passkeys made and used by a real authenticator: Chromium's virtual one, driven over the DevTools
 * protocol, on a page of the site's own listening server (WebAuthn needs a secure context and a
 * host name: http://localhost is both, http://127.0.0.1 has no host name to bind a passkey to).
 */

const BROWSER_BUNDLE = fileURLToPath(new URL('../../node_modules/@simplewebauthn/browser/dist/bundle/index.umd.min.js', import.meta.url));

type Json = Record<string, unknown>;

interface Authenticator {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  authenticatorId: string;
  /** navigator.credentials.create() with the API's options, through @simplewebauthn/browser. */
  create(options: Json): Promise<Json>;
  /** navigator.credentials.get() with the API's options. */
  get(options: Json): Promise<Json>;
}

declare global {
  interface Window {
    SimpleWebAuthnBrowser: {
      startRegistration(options: { optionsJSON: unknown }): Promise<Json>;
      startAuthentication(options: { optionsJSON: unknown }): Promise<Json>;
    };
  }
}

describe.each(ENGINES)('passkeys (%s)', (engine) => {
  let site: AuthSite;
  let browser: Browser;
  let origin: string;
  let host: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    site = await startAuthSite(engine);
    await site.app.listen({ port: 0, host: '127.0.0.1' });
    host = `localhost:${(site.app.server.address() as AddressInfo).port}`;
    origin = `http://${host}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await site?.dispose();
  });

  /** The Admin API as the browser at http://localhost:PORT reaches it (the host name is the passkeys' RP ID). */
  const api = (method: 'GET' | 'POST' | 'DELETE', path: string, options: CallOptions = {}) =>
    site.api(method, path, { ...options, headers: { host, ...options.headers } });
  let address = 0;
  /** Each failing attempt from its own address, so that the scenarios do not throttle each other. */
  const fromOwnAddress = () => ({ 'x-forwarded-for': `198.51.100.${++address}` });

  /** A browser tab on the site with an authenticator of its own (a phone, a laptop's fingerprint reader). */
  async function openAuthenticator(): Promise<Authenticator> {
    // The site's pages allow no script at all: the test's script stands in for the admin app's.
    const context = await browser.newContext({ bypassCSP: true });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${origin}/robots.txt`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    await page.addScriptTag({ path: BROWSER_BUNDLE });
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    return {
      context,
      page,
      cdp,
      authenticatorId,
      create: (options) => page.evaluate((optionsJSON) => window.SimpleWebAuthnBrowser.startRegistration({ optionsJSON }), options),
      get: (options) => page.evaluate((optionsJSON) => window.SimpleWebAuthnBrowser.startAuthentication({ optionsJSON }), options),
    };
  }

  /** Asks for options, lets the authenticator make a passkey, and adds it to the account. */
  async function addPasskey(device: Authenticator, session: SignedIn, name: string): Promise<LightMyRequestResponse> {
    const options = await api('POST', '/account/passkeys/options', { as: session });
    expect(options.statusCode).toBe(200);
    const response = await device.create(options.json());
    return api('POST', '/account/passkeys', { as: session, body: { name, response } });
  }

  /** An assertion from the device, and the challenge id it answers. */
  async function assertion(device: Authenticator): Promise<{ challengeId: string; response: Json }> {
    const options = await api('POST', '/session/passkey/options');
    expect(options.statusCode).toBe(200);
    const { challengeId } = options.json<{ challengeId: string }>();
    return { challengeId, response: await device.get(options.json()) };
  }

  async function failureReasons(): Promise<unknown[]> {
    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'session.sign_in_failed' });
    return entries.map((entry) => entry.details.reason);
  }

  // First: set-up is open only while the installation has no account.
  it('lets a first administrator without a password complete set-up with a passkey as second factor, then sign in with it', async () => {
    const token = (await prepareSetupToken(site.kiosque.db, new Date(site.clock.ms)))!;
    const created = await api('POST', '/setup', { body: { token, email: 'claire@exemple.fr', name: 'Claire Delmas' } });
    expect(created.statusCode).toBe(201);
    const session = sessionOf(created);
    expect(created.json().secondFactorPending).toBe(true);
    expect((await api('GET', '/users', { as: session })).json().code).toBe('second_factor_required');

    const phone = await openAuthenticator();
    const added = await addPasskey(phone, session, 'Téléphone de Claire');
    expect(added.statusCode).toBe(201);

    const me = (await api('GET', '/session', { as: session })).json();
    expect(me.secondFactorPending).toBe(false);
    expect(me.user.secondFactors).toEqual({ totp: false, passkeys: 1, recoveryCodesLeft: 0 });
    expect((await api('GET', '/users', { as: session })).statusCode).toBe(200);
    const sessions = (await api('GET', '/account/sessions', { as: session })).json().sessions;
    expect(sessions).toEqual([expect.objectContaining({ current: true, method: 'passkey' })]);

    const last = await api('DELETE', `/account/passkeys/${added.json().id}`, { as: session });
    expect(last.statusCode).toBe(403);
    expect(last.json()).toEqual({ code: 'second_factor_required', message: expect.stringContaining('second facteur') });

    expect((await api('DELETE', '/session', { as: session })).statusCode).toBe(204);
    const { challengeId, response } = await assertion(phone);
    const signedIn = await api('POST', '/session/passkey', { body: { challengeId, response } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { email: 'claire@exemple.fr', role: 'administrator' }, secondFactorPending: false });
    expect((await api('GET', '/users', { as: sessionOf(signedIn) })).statusCode).toBe(200);
  });

  it('adds a passkey to a signed-in account: bound to the host name, listed, never twice on one device', async () => {
    const author = await createStaff(site.kiosque, { role: 'author' });
    const session = await signIn(site.app, author);
    const laptop = await openAuthenticator();

    const options = (await api('POST', '/account/passkeys/options', { as: session })).json();
    expect(options).toMatchObject({
      rp: { id: 'localhost', name: 'Kiosque' },
      user: { name: author.email },
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      excludeCredentials: [],
    });
    const pending = await site.kiosque.db.kysely.selectFrom('auth_challenges').selectAll().where('user_id', '=', author.userId).execute();
    expect(pending).toEqual([expect.objectContaining({ purpose: 'passkey-registration', value: options.challenge })]);

    const response = await laptop.create(options);
    const added = await api('POST', '/account/passkeys', { as: session, body: { name: '  Ordinateur portable ', response } });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ id: response.id, name: 'Ordinateur portable', transports: ['internal'], createdAt: expect.any(String), lastUsedAt: null });
    expect((await api('GET', '/account/passkeys', { as: session })).json()).toEqual({ passkeys: [added.json()] });

    // The request is used up: the same answer does not add a passkey twice.
    const again = await api('POST', '/account/passkeys', { as: session, body: { name: 'Encore', response } });
    expect(again.statusCode).toBe(400);
    expect(again.json().field).toBe('response');

    const next = (await api('POST', '/account/passkeys/options', { as: session })).json();
    expect(next.excludeCredentials).toEqual([{ id: response.id, type: 'public-key', transports: ['internal'] }]);
    await expect(laptop.create(next)).rejects.toThrow(/already registered|InvalidStateError/);

    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'passkey.add' });
    expect(entries[0]).toMatchObject({ actor: { userId: author.userId }, targetId: String(author.userId), details: { name: 'Ordinateur portable' } });
  });

  it('refuses a registration made for another site, and an API token', async () => {
    const author = await createStaff(site.kiosque, { role: 'author' });
    const session = await signIn(site.app, author);
    const device = await openAuthenticator();
    // Options asked for under another host name: the authenticator, at localhost, cannot make a passkey for it.
    const foreign = (await api('POST', '/account/passkeys/options', { as: session, headers: { host: 'blog.exemple.fr' } })).json();
    expect(foreign.rp.id).toBe('blog.exemple.fr');
    await expect(device.create(foreign)).rejects.toThrow();

    // Options for localhost, but the answer arrives at another origin (port).
    const options = (await api('POST', '/account/passkeys/options', { as: session })).json();
    const response = await device.create(options);
    const elsewhere = await api('POST', '/account/passkeys', { as: session, body: { name: 'Clé', response }, headers: { host: 'localhost:1' } });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().field).toBe('response');
    expect((await api('GET', '/account/passkeys', { as: session })).json().passkeys).toEqual([]);

    expect((await api('POST', '/account/passkeys/options', { token: author.token })).statusCode).toBe(403);
    expect((await api('GET', '/account/passkeys')).statusCode).toBe(401);
  });

  it('signs in with a passkey in the browser: the session cookie then opens GET /session', async () => {
    const editor = await createStaff(site.kiosque, { role: 'editor' });
    const phone = await openAuthenticator();
    const added = await addPasskey(phone, await signIn(site.app, editor), 'Téléphone');
    expect(added.statusCode).toBe(201);

    const answers = await phone.page.evaluate(async () => {
      const post = (path: string, body?: unknown) =>
        fetch(`/api/admin/v1${path}`, { method: 'POST', ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });
      const options = await (await post('/session/passkey/options')).json();
      const response = await window.SimpleWebAuthnBrowser.startAuthentication({ optionsJSON: options });
      const signedIn = await post('/session/passkey', { challengeId: options.challengeId, response });
      const session = await fetch('/api/admin/v1/session');
      return { options, signedIn: { status: signedIn.status, body: await signedIn.json() }, session: { status: session.status, body: await session.json() } };
    });
    expect(answers.options).toMatchObject({ rpId: 'localhost', allowCredentials: [], userVerification: 'required', challengeId: expect.any(String) });
    expect(answers.signedIn.status).toBe(200);
    expect(answers.signedIn.body).toMatchObject({ user: { id: editor.userId, role: 'editor', secondFactors: { totp: true, passkeys: 1 } }, secondFactorPending: false });
    expect(answers.session.status).toBe(200);
    expect(answers.session.body).toMatchObject({ user: { id: editor.userId }, csrfToken: answers.signedIn.body.csrfToken, secondFactorPending: false });

    const [cookie] = await phone.context.cookies();
    expect(cookie).toMatchObject({ name: 'kiosque_session', httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    const stored = await site.kiosque.db.kysely.selectFrom('passkeys').selectAll().where('user_id', '=', editor.userId).executeTakeFirstOrThrow();
    expect(Number(stored.counter)).toBeGreaterThan(0);
    expect(stored.last_used_at).not.toBeNull();
    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'session.sign_in', actor: String(editor.userId) });
    expect(entries[0]).toMatchObject({ details: { method: 'passkey' } });
  });

  it('refuses a replayed assertion, an assertion for another challenge and an expired challenge', async () => {
    const author = await createStaff(site.kiosque, { role: 'author' });
    const key = await openAuthenticator();
    expect((await addPasskey(key, await signIn(site.app, author), 'Clé USB')).statusCode).toBe(201);

    const first = await assertion(key);
    expect((await api('POST', '/session/passkey', { body: first, headers: fromOwnAddress() })).statusCode).toBe(200);
    const replayed = await api('POST', '/session/passkey', { body: first, headers: fromOwnAddress() });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.json()).toMatchObject({ code: 'passkey_rejected' });
    expect(replayed.cookies).toEqual([]);

    // A fresh challenge does not make the old signature good.
    const fresh = (await api('POST', '/session/passkey/options')).json<{ challengeId: string }>();
    const stale = await api('POST', '/session/passkey', { body: { challengeId: fresh.challengeId, response: first.response }, headers: fromOwnAddress() });
    expect(stale.statusCode).toBe(401);
    expect(stale.body).toBe(replayed.body);

    const late = await assertion(key);
    site.clock.advance(5 * 60 + 1);
    const expired = await api('POST', '/session/passkey', { body: late, headers: fromOwnAddress() });
    expect(expired.statusCode).toBe(401);
    expect((await failureReasons()).slice(0, 3)).toEqual(['expired_challenge', 'invalid_assertion', 'unknown_challenge']);
  });

  it('refuses an assertion without user verification, and one whose counter went backwards (a cloned authenticator)', async () => {
    const author = await createStaff(site.kiosque, { role: 'author' });
    const key = await openAuthenticator();
    const added = (await addPasskey(key, await signIn(site.app, author), 'Clé sans code')).json<{ id: string }>();

    // The device alone, without its PIN or fingerprint, is one factor: a page that asks for less gets nothing.
    await key.cdp.send('WebAuthn.setUserVerified', { authenticatorId: key.authenticatorId, isUserVerified: false });
    const options = (await api('POST', '/session/passkey/options')).json<{ challengeId: string }>();
    const unverified = await key.get({ ...options, userVerification: 'discouraged' });
    expect((await api('POST', '/session/passkey', { body: { challengeId: options.challengeId, response: unverified }, headers: fromOwnAddress() })).statusCode).toBe(401);
    await key.cdp.send('WebAuthn.setUserVerified', { authenticatorId: key.authenticatorId, isUserVerified: true });

    await site.kiosque.db.kysely.updateTable('passkeys').set({ counter: 1_000_000 }).where('id', '=', added.id).execute();
    const cloned = await api('POST', '/session/passkey', { body: await assertion(key), headers: fromOwnAddress() });
    expect(cloned.statusCode).toBe(401);
    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'session.sign_in_failed' });
    expect(entries.slice(0, 2).map((entry) => entry.details)).toEqual([
      { method: 'passkey', reason: 'invalid_assertion', error: expect.stringMatching(/counter/i) },
      { method: 'passkey', reason: 'invalid_assertion', error: expect.stringMatching(/user verification/i) },
    ]);
    expect(entries[0]).toMatchObject({ actor: { userId: null, label: author.email }, targetId: String(author.userId) });
  });

  it('refuses a passkey the site does not know, with the same answer', async () => {
    const stranger = await openAuthenticator();
    // A passkey for localhost that no account registered (made elsewhere, or removed since).
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await stranger.cdp.send('WebAuthn.addCredential', {
      authenticatorId: stranger.authenticatorId,
      credential: {
        credentialId: randomBytes(16).toString('base64'),
        isResidentCredential: true,
        rpId: 'localhost',
        privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
        userHandle: randomBytes(32).toString('base64'),
        signCount: 0,
      },
    });
    const unknown = await api('POST', '/session/passkey', { body: await assertion(stranger), headers: fromOwnAddress() });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual({ code: 'passkey_rejected', message: expect.any(String) });
    expect((await failureReasons())[0]).toBe('unknown_passkey');
  });

  it('removes a passkey: never another account’s, and the last one of an author takes the recovery codes with it', async () => {
    const author = await createStaff(site.kiosque, { role: 'author', totp: false });
    const other = await createStaff(site.kiosque, { role: 'author' });
    const session = await signIn(site.app, author);
    const device = await openAuthenticator();
    const added = (await addPasskey(device, session, 'Tablette')).json<{ id: string }>();
    expect((await api('POST', '/account/recovery-codes', { as: session })).statusCode).toBe(200);

    const notTheirs = await api('DELETE', `/account/passkeys/${added.id}`, { as: await signIn(site.app, other) });
    expect(notTheirs.statusCode).toBe(404);
    expect((await api('DELETE', `/account/passkeys/${added.id}`, { as: session, withoutCsrf: true })).statusCode).toBe(403);
    expect((await api('DELETE', `/account/passkeys/${added.id}`, { as: session })).statusCode).toBe(204);

    const me = (await api('GET', '/session', { as: session })).json();
    expect(me.user.secondFactors).toEqual({ totp: false, passkeys: 0, recoveryCodesLeft: 0 });
    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'passkey.remove' });
    expect(entries[0]).toMatchObject({ actor: { userId: author.userId }, details: { name: 'Tablette' } });

    // The device still holds it; the site no longer knows it.
    const gone = await api('POST', '/session/passkey', { body: await assertion(device), headers: fromOwnAddress() });
    expect(gone.statusCode).toBe(401);
  });

  it('counts failures on the address, with password sign-in, and names unknown fields', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.50' };
    const made = { id: 'AAAA', rawId: 'AAAA', type: 'public-key', clientExtensionResults: {}, response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA' } };
    for (let i = 0; i < 6; i++) {
      const failed = await api('POST', '/session/passkey', { body: { challengeId: `made-up-${i}`, response: made }, headers });
      expect(failed.statusCode).toBe(401);
    }
    const held = await api('POST', '/session/passkey', { body: { challengeId: 'made-up', response: made }, headers });
    expect(held.statusCode).toBe(429);
    expect(held.headers['retry-after']).toBe('2');
    expect((await api('POST', '/session/passkey/options', { headers })).statusCode).toBe(429);
    const author = await createStaff(site.kiosque, { role: 'author' });
    expect((await api('POST', '/session', { body: { email: author.email, password: author.password }, headers })).statusCode).toBe(429);

    const extra = await api('POST', '/session/passkey', { body: { challengeId: 'x', response: made, email: 'claire@exemple.fr' }, headers: fromOwnAddress() });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().field).toBe('email');
  });

  it('lets one address hold ten open sign-in challenges at most, and only that address waits', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.77' };
    for (let i = 0; i < 10; i++) expect((await api('POST', '/session/passkey/options', { headers })).statusCode).toBe(200);
    const held = await api('POST', '/session/passkey/options', { headers });
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ code: 'too_many_attempts' });
    // Until the oldest of the ten expires, five minutes after it was made.
    expect(Number(held.headers['retry-after'])).toBeGreaterThan(200);
    expect(Number(held.headers['retry-after'])).toBeLessThanOrEqual(300);
    const stored = await site.kiosque.db.kysely.selectFrom('auth_challenges').select('id').where('address', '=', 'address:203.0.113.77').execute();
    expect(stored).toHaveLength(10);
    expect((await api('POST', '/session/passkey/options', { headers: { 'x-forwarded-for': '203.0.113.78' } })).statusCode).toBe(200);
  });
});

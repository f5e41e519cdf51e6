import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/auth/audit.service.ts';
import { prepareSetupToken } from '../../src/auth/setup.service.ts';
import { insertUser, prepareNewUser } from '../../src/auth/users.service.ts';
import { ENGINES } from '../support/database.ts';
import { sessionOf, startAuthSite, type AuthSite } from './auth-site.ts';

describe.each(ENGINES)('setting up the first administrator (%s)', (engine) => {
  let site: AuthSite;
  let token: string;
  const now = () => new Date(site.clock.ms);

  beforeAll(async () => {
    site = await startAuthSite(engine);
  });
  afterAll(() => site.dispose());

  it('stays open while the only accounts are authors without a password, as an import brings them', async () => {
    const author = await prepareNewUser({ email: 'auteur.importe@exemple.fr', name: 'Auteur importé', role: 'author', password: null });
    await site.kiosque.db.kysely.transaction().execute((trx) => insertUser(trx, author, now()));
    expect(await prepareSetupToken(site.kiosque.db, now())).toMatch(/^[\w-]{43}$/);
  });

  it('accepts the latest link only, for 24 hours', async () => {
    const replaced = (await prepareSetupToken(site.kiosque.db, now()))!;
    token = (await prepareSetupToken(site.kiosque.db, now()))!;
    expect(token).toMatch(/^[\w-]{43}$/);
    expect((await site.api('GET', `/setup/${token}`)).json()).toEqual({ valid: true });
    const old = await site.api('GET', `/setup/${replaced}`);
    expect(old.statusCode).toBe(410);
    expect(old.json().code).toBe('link_expired');
    expect((await site.api('GET', '/setup/made-up')).statusCode).toBe(410);

    site.clock.advance(24 * 3600 + 1);
    expect((await site.api('GET', `/setup/${token}`)).statusCode).toBe(410);
    token = (await prepareSetupToken(site.kiosque.db, now()))!;
  });

  it('leaves the link usable when the form is refused', async () => {
    const refused = await site.api('POST', '/setup', { body: { token, email: 'not an address', name: 'Claire', password: 'une phrase assez longue' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().field).toBe('email');
    const unknownField = await site.api('POST', '/setup', { body: { token, email: 'claire@exemple.fr', name: 'Claire', password: 'une phrase assez longue', role: 'editor' } });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().field).toBe('role');
    expect((await site.api('GET', `/setup/${token}`)).statusCode).toBe(200);
  });

  it('creates the administrator once, signed in with a second factor still to enrol', async () => {
    const created = await site.api('POST', '/setup', { body: { token, email: 'Claire@Exemple.fr', name: 'Claire Delmas', password: 'une phrase assez longue' } });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.user).toMatchObject({ email: 'claire@exemple.fr', name: 'Claire Delmas', role: 'administrator' });
    expect(body.secondFactorPending).toBe(true);
    const session = sessionOf(created);
    expect((await site.api('GET', '/session', { as: session })).json().secondFactorPending).toBe(true);
    expect((await site.api('POST', '/account/totp', { as: session })).statusCode).toBe(200);

    const author = await site.kiosque.db.kysely.selectFrom('authors').selectAll().where('id', '=', body.user.authorId).executeTakeFirstOrThrow();
    expect(author).toMatchObject({ name: 'Claire Delmas', slug: 'claire-delmas' });

    const again = await site.api('POST', '/setup', { body: { token, email: 'other@exemple.fr', name: 'Other', password: 'une phrase assez longue' } });
    expect(again.statusCode).toBe(410);
    expect((await site.api('GET', `/setup/${token}`)).statusCode).toBe(410);

    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'user.create' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: { label: 'claire@exemple.fr' }, targetId: String(body.user.id), details: { role: 'administrator', via: 'setup' } });
  });

  it('never opens again once an administrator exists, even from a new start', async () => {
    expect(await prepareSetupToken(site.kiosque.db, now())).toBeNull();
    const remaining = await site.kiosque.db.kysely.selectFrom('auth_challenges').select('id').where('purpose', '=', 'setup').execute();
    expect(remaining).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, type Staff } from '../support/accounts.ts';
import { ENGINES } from '../support/database.ts';
import { startAuthSite, type AuthSite } from './auth-site.ts';

describe.each(ENGINES)('sign-in throttling (%s)', (engine) => {
  let site: AuthSite;
  let author: Staff;

  beforeAll(async () => {
    site = await startAuthSite(engine);
    author = await createStaff(site.kiosque, { role: 'author' });
  });
  afterAll(() => site.dispose());

  const attempt = (email: string, password: string, address: string) =>
    site.api('POST', '/session', { body: { email, password }, headers: { 'x-forwarded-for': address } });

  /** Statuses and Retry-After of a run of wrong passwords on one account, each from its own address. */
  async function failures(email: string, prefix: string): Promise<string[]> {
    const seen: string[] = [];
    let n = 0;
    const next = async () => {
      const response = await attempt(email, 'wrong password', `${prefix}.${++n}`);
      seen.push(response.statusCode === 429 ? `429 after ${response.headers['retry-after']}s` : String(response.statusCode));
      return response;
    };
    for (let i = 0; i < 6; i++) await next();
    await next();
    site.clock.advance(2);
    await next();
    await next();
    site.clock.advance(4);
    await next();
    return seen;
  }

  it('delays an account with growing waits after five failures, the same whether it exists or not', async () => {
    const known = await failures(author.email, '10.1.0');
    expect(known).toEqual(['401', '401', '401', '401', '401', '401', '429 after 2s', '401', '429 after 4s', '401']);
    // Even the right password waits its turn.
    const blocked = await attempt(author.email, author.password, '10.1.0.99');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'too_many_attempts' });
    expect(Number(blocked.headers['retry-after'])).toBe(8);

    const unknown = await failures('nobody@exemple.fr', '10.2.0');
    expect(unknown).toEqual(known);
  });

  it('lets the right password in once the wait is over, and starts the count again', async () => {
    site.clock.advance(8);
    expect((await attempt(author.email, author.password, '10.1.0.100')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await attempt(author.email, 'wrong password', `10.3.0.${i}`)).statusCode).toBe(401);
    expect((await attempt(author.email, author.password, '10.3.0.9')).statusCode).toBe(200);
  });

  it('delays an address that tries many accounts, and only that address', async () => {
    for (let i = 0; i < 6; i++) expect((await attempt(`guess${i}@exemple.fr`, 'password123', '203.0.113.7')).statusCode).toBe(401);
    const fromThere = await attempt(author.email, author.password, '203.0.113.7');
    expect(fromThere.statusCode).toBe(429);
    expect((await attempt(author.email, author.password, '203.0.113.8')).statusCode).toBe(200);
  });

  it('caps the wait at a quarter of an hour', async () => {
    const email = 'stubborn@exemple.fr';
    let last = 0;
    for (let i = 0; i < 20; i++) {
      const response = await attempt(email, 'wrong password', `10.4.0.${i}`);
      if (response.statusCode === 429) {
        last = Number(response.headers['retry-after']);
        site.clock.advance(last);
        await attempt(email, 'wrong password', `10.4.1.${i}`);
      }
    }
    const response = await attempt(email, 'wrong password', '10.4.2.1');
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers['retry-after'])).toBe(900);
  });
});

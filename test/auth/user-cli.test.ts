import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/auth/audit.service.ts';
import { saveSettings } from '../../src/settings/settings.ts';
import { createStaff, signIn } from '../support/accounts.ts';
import { KIOSQUE_BIN, type CliResult } from '../support/cli.ts';
import { ENGINES } from '../support/database.ts';
import { sessionOf, startAuthSite, type AuthSite } from './auth-site.ts';

describe.each(ENGINES)('kiosque user … (%s)', (engine) => {
  let site: AuthSite;

  beforeAll(async () => {
    site = await startAuthSite(engine);
    site.clock.ms = Date.now();
  });
  afterAll(() => site.dispose());

  /** Runs the real command line on the site's database, with `input` on its standard input. */
  function kiosque(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
    const { dataDir, databaseUrl } = site.kiosque.config;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [KIOSQUE_BIN, ...args, '--data-dir', dataDir], {
        env: { PATH: process.env.PATH, LANG: 'C.UTF-8', KIOSQUE_LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(options.input ?? '');
    });
  }

  it('creates an administrator with a password read from standard input', async () => {
    const result = await kiosque(['user', 'create', '--email', 'Claire@Exemple.fr', '--name', 'Claire Delmas', '--role', 'admin', '--password-stdin'], {
      input: 'une phrase assez longue\n',
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'Account claire@exemple.fr created (Claire Delmas, administrator).\nA second factor (authenticator app or passkey) will be set up at the first sign-in.\n',
    );
    const signedIn = await site.api('POST', '/session', { body: { email: 'claire@exemple.fr', password: 'une phrase assez longue' } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json()).toMatchObject({ user: { role: 'administrator', name: 'Claire Delmas' }, secondFactorPending: true });
    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'user.create' });
    expect(entries[0]).toMatchObject({ actor: { userId: null, label: 'kiosque (command line)' }, details: { email: 'claire@exemple.fr', role: 'administrator', via: 'cli' } });
  });

  it('says in one sentence what is wrong, and exits non-zero', async () => {
    const cases: [string[], string, number, string?][] = [
      [['--email', 'claire@exemple.fr', '--name', 'Autre', '--role', 'editor'], 'kiosque: An account already uses this e-mail address.\n', 1],
      [['--email', 'x@exemple.fr', '--name', 'X'], 'kiosque: Missing option --role. Run "kiosque user create --help" for help.\n', 2],
      [['--email', 'x@exemple.fr', '--name', 'X', '--role', 'owner'], 'kiosque: Unknown role "owner" (one of administrator, editor, author, contributor). Run "kiosque user create --help" for help.\n', 2],
      [['--email', 'x@exemple.fr', '--name', 'X', '--role', 'author', '--password-stdin'], 'kiosque: The password must have 12 to 200 characters. Run "kiosque user create --help" for help.\n', 2, 'court\n'],
      [['--email', 'not-an-address', '--name', 'X', '--role', 'author'], 'kiosque: Invalid request: email is not an e-mail address.\n', 2],
    ];
    for (const [args, stderr, code, input] of cases) {
      const result = await kiosque(['user', 'create', ...args], input ? { input } : {});
      expect(result.stderr, args.join(' ')).toBe(stderr);
      expect(result.code, args.join(' ')).toBe(code);
    }
    const french = await kiosque(['user', 'create', '--email', 'claire@exemple.fr', '--name', 'Autre', '--role', 'editor'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(french.stderr).toBe('kiosque: Un compte utilise déjà cette adresse e-mail.\n');
  });

  it('without a password, prints a one-time link that finishes the account', async () => {
    const result = await kiosque(['user', 'create', '--email', 'marc@exemple.fr', '--name', 'Marc', '--role', 'author'], { env: { PORT: '8080' } });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Account marc@exemple.fr created (Marc, author).');
    expect(lines[1]).toMatch(/^To finish it \(password or passkey\), open this link within 7 days: http:\/\/127\.0\.0\.1:8080\/admin\/invite#[\w-]{43}$/);
    const token = lines[1]!.split('#')[1]!;

    expect((await site.api('GET', `/invitations/${token}`)).json()).toEqual({ email: 'marc@exemple.fr', role: 'author' });
    const accepted = await site.api('POST', `/invitations/${token}/accept`, { body: { name: 'Marc Petit', password: 'une phrase assez longue' } });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json().user).toMatchObject({ email: 'marc@exemple.fr', name: 'Marc Petit', role: 'author' });
    expect((await site.api('GET', '/session', { as: sessionOf(accepted) })).statusCode).toBe(200);
    expect((await site.api('POST', `/invitations/${token}/accept`, { body: { name: 'Again', password: 'une phrase assez longue' } })).statusCode).toBe(410);
    const users = await site.kiosque.db.kysely.selectFrom('users').select('email').where('email', '=', 'marc@exemple.fr').execute();
    expect(users).toHaveLength(1);
  });

  it('prints the link on the public address: KIOSQUE_SITE_URL, else the site address setting', async () => {
    const link = async (email: string, env: NodeJS.ProcessEnv = {}) => {
      const result = await kiosque(['user', 'create', '--email', email, '--name', 'Zed', '--role', 'editor'], { env });
      expect(result.stderr).toBe('');
      return result.stdout.split('\n')[1];
    };
    expect(await link('zed@example.fr', { KIOSQUE_SITE_URL: 'https://www.example.fr' })).toMatch(/: https:\/\/www\.example\.fr\/admin\/invite#[\w-]{43}$/);
    await saveSettings(site.kiosque.db, site.kiosque.events, { siteUrl: 'https://blog.exemple.fr' });
    try {
      expect(await link('zoe.setting@exemple.fr')).toMatch(/: https:\/\/blog\.exemple\.fr\/admin\/invite#[\w-]{43}$/);
      expect(await link('zack.env@exemple.fr', { KIOSQUE_SITE_URL: 'https://www.example.fr/' })).toMatch(/: https:\/\/www\.example\.fr\/admin\/invite#[\w-]{43}$/);
    } finally {
      await saveSettings(site.kiosque.db, site.kiosque.events, { siteUrl: '' });
    }
  });

  it('lists the accounts in a table, in the language of the shell', async () => {
    const editor = await createStaff(site.kiosque, { role: 'editor', email: 'zoe@exemple.fr', name: 'Zoé Roux' });
    await signIn(site.app, editor);
    const result = await kiosque(['user', 'list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^E-mail\s+Name\s+Role\s+Second factors\s+Last sign-in$/);
    expect(lines.find((l) => l.startsWith('claire@exemple.fr'))).toMatch(/^claire@exemple\.fr\s+Claire Delmas\s+administrator\s+none\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    expect(lines.find((l) => l.startsWith('zoe@exemple.fr'))).toMatch(/^zoe@exemple\.fr\s+Zoé Roux\s+editor\s+TOTP, 10 recovery code\(s\)\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    // Columns line up: every row's second column starts where the header's does.
    const column = lines[0]!.indexOf('Name');
    for (const line of lines.slice(1)) expect(line.slice(column - 2, column)).toBe('  ');

    const french = await kiosque(['user', 'list'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(french.stdout.split('\n')[0]).toMatch(/^E-mail\s+Nom\s+Rôle\s+Seconds facteurs\s+Dernière connexion$/);
    expect(french.stdout).toMatch(/marc@exemple\.fr\s+Marc Petit\s+author\s+aucun/);
  });

  it('resets the second factors of an account: TOTP, passkeys, recovery codes and sessions go', async () => {
    const editor = await createStaff(site.kiosque, { role: 'editor', email: 'lost.phone@exemple.fr' });
    const session = await signIn(site.app, editor);
    await site.kiosque.db.kysely
      .insertInto('passkeys')
      .values({ id: 'lost-credential', user_id: editor.userId, name: 'Phone', public_key: 'key', counter: 0, created_at: new Date().toISOString(), last_used_at: null })
      .execute();

    const result = await kiosque(['user', 'reset-2fa', '--email', 'Lost.Phone@exemple.fr']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Second factors removed and sessions ended for lost.phone@exemple.fr; a new second factor will be set up at the next sign-in.\n');

    expect((await site.api('GET', '/session', { as: session })).statusCode).toBe(401);
    const again = await site.api('POST', '/session', { body: { email: editor.email, password: editor.password } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ secondFactorPending: true, user: { secondFactors: { totp: false, passkeys: 0, recoveryCodesLeft: 0 } } });
    const { entries } = await listAudit(site.kiosque.db.kysely, { action: 'user.reset_second_factors' });
    expect(entries).toEqual([expect.objectContaining({ targetId: String(editor.userId), actor: { userId: null, label: 'kiosque (command line)' } })]);

    const unknown = await kiosque(['user', 'reset-2fa', '--email', 'nobody@exemple.fr']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('kiosque: No account uses the e-mail address nobody@exemple.fr.\n');
  });
});

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/db.ts';
import { runKiosque, runKiosqueBoundByPermissions } from '../support/cli.ts';
import { createPostgresDatabase } from '../support/database.ts';

/** A user's mistake ends with one sentence on stderr and a non-zero exit code, never a stack trace. */
function expectOneSentence(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^kiosque: .+/);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-cli-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Every file of a folder with its mode and contents, to see that a command changed nothing. */
function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    const stat = fs.statSync(file);
    state[name] = stat.isFile() ? `${stat.mode.toString(8)} ${createHash('sha256').update(fs.readFileSync(file)).digest('hex')}` : stat.mode.toString(8);
  }
  return state;
}

describe('kiosque command line', () => {
  it('explains itself with --help', async () => {
    const result = await runKiosque(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: kiosque <command>');
    expect(result.stdout).toContain('serve');
    expect(result.stdout).toContain('import markdown');
    expect(result.stdout).toContain('DATABASE_URL');
  });

  it('explains each command with <command> --help', async () => {
    const serve = await runKiosque(['serve', '--help']);
    expect(serve.code).toBe(0);
    expect(serve.stdout).toContain('Usage: kiosque serve');
    expect(serve.stdout).toContain('--port');
    expect(serve.stdout).toContain('--database-url');
    const importHelp = await runKiosque(['import', 'markdown', '--help']);
    expect(importHelp.code).toBe(0);
    expect(importHelp.stdout).toContain('Usage: kiosque import markdown <dir>');
    expect(importHelp.stdout).toContain('--dry-run');
  });

  it('explains itself in the language of the shell', async () => {
    const french = { LANG: 'fr_FR.UTF-8' };
    // French spacing: no-break spaces before « : » and inside quotation marks, read here as spaces.
    const run = async (args: string[], env: NodeJS.ProcessEnv = french) => {
      const result = await runKiosque(args, env);
      return { ...result, stdout: result.stdout.replace(/[\u00a0\u202f]/g, ' ') };
    };
    const global = await run(['--help']);
    expect(global.code).toBe(0);
    expect(global.stdout).toContain('Usage : kiosque <commande> [options]');
    expect(global.stdout).toMatch(/import wordpress +importe un export WordPress/);
    const importHelp = await run(['import', 'markdown', '--help']);
    expect(importHelp.stdout).toContain('Usage : kiosque import markdown <dir> [options]');
    expect(importHelp.stdout).toMatch(/--dry-run +vérifie tout et affiche le rapport, sans rien écrire/);
    expect(importHelp.stdout).toContain('Un seul fichier cassé (en-tête illisible, sans titre, date invalide) annule tout');
    const user = await run(['user', 'create', '--help'], { LC_ALL: 'fr_FR.UTF-8' });
    expect(user.stdout).toMatch(/--password-stdin +lit le mot de passe sur l’entrée standard \(12 caractères ou plus\)/);
    // Every line of every command's help is in the catalogs: none is left in English.
    for (const command of [['serve'], ['import', 'wordpress'], ['export', 'json'], ['export', 'markdown'], ['export', 'wxr'], ['user', 'list'], ['user', 'reset-2fa']]) {
      const help = await run([...command, '--help']);
      expect(help.code, command.join(' ')).toBe(0);
      expect(help.stdout, command.join(' ')).not.toMatch(/\b(the|and|show|export everything|import a)\b/);
    }
  });

  it('prints its version', async () => {
    const result = await runKiosque(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('takes options given without a command as those of serve, the default command', async () => {
    const result = await runKiosque(['--port', 'abc']);
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr);
    expect(result.stderr).toContain('port');
    const unknown = await runKiosque(['--colour', 'blue']);
    expectOneSentence(unknown.stderr);
    expect(unknown.stderr).toContain('kiosque serve --help');
  });

  it('refuses an unknown command', async () => {
    const result = await runKiosque(['publish-everything']);
    expect(result.code).toBe(2);
    expectOneSentence(result.stderr);
    expect(result.stderr).toContain('publish-everything');
  });

  it('refuses an unknown flag', async () => {
    const result = await runKiosque(['serve', '--colour', 'blue']);
    expect(result.code).toBe(2);
    expectOneSentence(result.stderr);
    expect(result.stderr).toContain('--colour');
  });

  it('says what is wrong with the arguments in the language of the shell', async () => {
    const french = { LANG: 'fr_FR.UTF-8' };
    const cases: [string[], string][] = [
      [['serve', '--nope'], 'Option --nope inconnue. Lancez « kiosque serve --help » pour l’aide.'],
      [['import', 'markdown'], 'Argument <dir> manquant. Lancez « kiosque import markdown --help » pour l’aide.'],
      [['import', 'markdown', 'a', 'b'], 'Argument « b » inattendu. Lancez « kiosque import markdown --help » pour l’aide.'],
      [['user', 'create', '--email', '--name', 'Claire'], 'L’option --email attend une valeur. Lancez « kiosque user create --help » pour l’aide.'],
    ];
    for (const [args, sentence] of cases) {
      const result = await runKiosque(args, french);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.replace(/[\u00a0\u202f]/g, ' ')).toBe(`kiosque: ${sentence}\n`);
    }
  });

  it('refuses a port that is not a number', async () => {
    const result = await runKiosque(['serve', '--port', 'eighty', '--data-dir', path.join(scratch, 'a')]);
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr);
    expect(result.stderr).toContain('port');
  });

  it('refuses a port written any other way than in decimal digits, in the language of the shell', async () => {
    for (const port of [' ', '0x10', '1e3']) {
      const result = await runKiosque(['serve', '--data-dir', path.join(scratch, 'odd-port')], { PORT: port, LANG: 'fr_FR.UTF-8' });
      expect(result.code, JSON.stringify(port)).toBe(1);
      expect(result.stderr).toBe('kiosque: Configuration invalide\u00a0: le port (--port, PORT) doit être un nombre entier de 0 à 65535.\n');
    }
    expect(fs.existsSync(path.join(scratch, 'odd-port'))).toBe(false);
  });

  it('refuses a public address that is not one, before touching the data dir', async () => {
    const dataDir = path.join(scratch, 'site-url');
    const result = await runKiosque(['serve', '--data-dir', dataDir], { KIOSQUE_SITE_URL: 'www.example.fr' });
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr);
    expect(result.stderr).toContain('KIOSQUE_SITE_URL must be an address such as https://www.example.fr');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('says so when the database cannot be reached', async () => {
    const result = await runKiosque(['serve', '--data-dir', path.join(scratch, 'b'), '--database-url', 'postgres://kiosque:secret@127.0.0.1:1/kiosque']);
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr);
    expect(result.stderr).toContain('postgres://127.0.0.1:1/kiosque');
    expect(result.stderr).not.toContain('secret');
  });

  // The server answered: "does not answer" would send its owner looking at the network.
  it('says the database refused the sign-in, not that it does not answer, when the role is unknown', async () => {
    const url = new URL(inject('postgresUrl'));
    url.username = 'kiosque_nobody';
    url.password = 'not-the-password';
    const dataDir = path.join(scratch, 'refused');
    const result = await runKiosque(['serve', '--port', '0', '--data-dir', dataDir, '--database-url', url.toString()]);
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr);
    expect(result.stderr).toMatch(/^kiosque: The database postgres:\/\/[^ ]+\/postgres answered but refused to let Kiosque in \(.*kiosque_nobody.*\): check the user and password in DATABASE_URL, and pg_hba\.conf\.\n$/);
    expect(result.stderr).not.toContain('not-the-password');
  });

  it('says the database does not exist and how to create it, when the server has none by that name', async () => {
    const url = new URL(inject('postgresUrl'));
    url.pathname = '/kiosque_never_created';
    const result = await runKiosque(['serve', '--port', '0', '--data-dir', path.join(scratch, 'missing'), '--database-url', url.toString()]);
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr);
    expect(result.stderr).toMatch(/^kiosque: The database postgres:\/\/[^ ]+\/kiosque_never_created does not exist on its server \(.*\): create it first, with createdb or CREATE DATABASE\.\n$/);
  });

  it('says so when the data directory cannot be written', async () => {
    const file = path.join(scratch, 'a-file');
    fs.writeFileSync(file, 'not a directory');
    const result = await runKiosque(['serve', '--data-dir', path.join(file, 'data')]);
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr);
    expect(result.stderr).toBe(`kiosque: The data directory ${path.join(file, 'data')} is not writable: a part of the path is a file, not a folder.\n`);
  });

  it('says the data directory is a file when it is one', async () => {
    const file = path.join(scratch, 'a-file-as-data-dir');
    fs.writeFileSync(file, 'not a directory');
    const result = await runKiosque(['serve', '--port', '0', '--data-dir', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`kiosque: The data directory ${file} is not writable: it is a file, not a folder.\n`);
  });

  it('checks the data directory on PostgreSQL too, where the media library lives', async () => {
    const file = path.join(scratch, 'a-file-as-data-dir-for-postgres');
    fs.writeFileSync(file, 'not a directory');
    const database = await createPostgresDatabase();
    try {
      const result = await runKiosque(['serve', '--port', '0', '--data-dir', file, '--database-url', database.url], { KIOSQUE_DEMO: 'false' });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`kiosque: The data directory ${file} is not writable: it is a file, not a folder.\n`);
    } finally {
      await database.drop();
    }
  });

  // An import run as root into the data directory of a service that runs as another user leaves
  // files that user cannot write: the database, or the write-ahead log of a run still going on.
  it.each(['kiosque.sqlite', 'kiosque.sqlite-wal'])('says which database file it cannot write when %s is read-only, and changes nothing', async (name) => {
    const dataDir = path.join(scratch, `read-only-${name}`);
    const config = loadConfig({ 'data-dir': dataDir }, { KIOSQUE_DEMO: 'false' });
    const running = name.endsWith('-wal') ? await openDatabase(config) : undefined;
    try {
      if (!running) await (await openDatabase(config)).close();
      fs.chmodSync(path.join(dataDir, name), 0o444);
      const before = folderState(dataDir);

      const result = await runKiosqueBoundByPermissions(['serve', '--port', '0', '--data-dir', dataDir], { KIOSQUE_DEMO: 'false' });
      expect(result.code).toBe(1);
      expectOneSentence(result.stderr);
      expect(result.stderr).toBe(`kiosque: The database file ${path.join(dataDir, name)} cannot be written by the user running Kiosque: permission denied.\n`);
      expect(folderState(dataDir)).toEqual(before);
    } finally {
      await running?.close();
    }
  });

  it('says so, in words, when the address to listen on is not this machine’s', async () => {
    // 192.0.2.0/24 is reserved for documentation: no machine has it.
    const result = await runKiosque(['serve', '--host', '192.0.2.1', '--port', '3999', '--data-dir', path.join(scratch, 'd')], { KIOSQUE_DEMO: 'false' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('kiosque: Cannot listen on 192.0.2.1:3999 (this address does not belong to this machine).\n');
  });

  it('says so when the port is already taken, and leaves the database usable', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runKiosque(['serve', '--port', String(port), '--data-dir', path.join(scratch, 'c')], { KIOSQUE_DEMO: 'false' });
      expect(result.code).toBe(1);
      expectOneSentence(result.stderr);
      expect(result.stderr).toContain(String(port));
    } finally {
      blocker.close();
    }
  });

  it('reads the same settings from the environment as from flags', async () => {
    const result = await runKiosque(['serve'], { PORT: '99999', KIOSQUE_DATA_DIR: path.join(scratch, 'd') });
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr);
    expect(result.stderr).toContain('65535');
  });
});

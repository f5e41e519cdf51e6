import pg from 'pg';
import { createPostgresDatabase } from '../support/database.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKiosque } from '../support/cli.ts';
import { createTestConfig, ENGINES } from '../support/database.ts';
import { openDatabase } from '../../src/db/db.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/wordpress');
const BLOG = path.join(FIXTURES, 'blog-fr.xml');

describe('kiosque import wordpress --help', () => {
  it('explains the command, its file and its options', async () => {
    const result = await runKiosque(['import', 'wordpress', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: kiosque import wordpress <export.xml> [options]');
    expect(result.stdout).toContain('--media DIR');
    expect(result.stdout).toContain('--dry-run');
    expect(result.stdout).toMatch(/Private, pending and password-protected items become drafts/);
  });
});

describe('kiosque import wordpress --dry-run where there is no database yet', () => {
  it('leaves the disk as it was, and reports what a real run does', async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-dry-run-'));
    try {
      const missing = path.join(scratch, 'data');
      const dry = await runKiosque(['import', 'wordpress', BLOG, '--dry-run', '--data-dir', missing]);
      expect(dry.code, dry.stderr).toBe(0);
      expect(fs.readdirSync(scratch)).toEqual([]);
      const real = await runKiosque(['import', 'wordpress', BLOG, '--data-dir', path.join(scratch, 'real')]);
      expect(real.code, real.stderr).toBe(0);
      const untimed = (report: string) => report.replace(/Done in [\d.]+ s\./, 'Done in … s.');
      expect(untimed(dry.stdout)).toBe(untimed(`Dry run: nothing was written. This is what the import would do.\n${real.stdout}`));
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.each(ENGINES)('kiosque import wordpress on %s', (engine) => {
  it('imports an export with its report, then updates it in French on a second run', async () => {
    const { config, cleanup } = await createTestConfig(engine);
    const args = ['--data-dir', config.dataDir, ...(config.databaseUrl ? ['--database-url', config.databaseUrl] : [])];
    // A dry run leaves a PostgreSQL schema as it is: the database is one a server has already migrated.
    if (config.databaseUrl) await (await openDatabase(config)).close();
    try {
      const dry = await runKiosque(['import', 'wordpress', BLOG, '--dry-run', ...args]);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toMatch(/^Dry run: nothing was written/);
      expect(dry.stdout).toContain('Posts: 7 imported, 0 updated, 0 skipped');

      const first = await runKiosque(['import', 'wordpress', BLOG, '--media', path.join(FIXTURES, 'uploads'), ...args]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain('WordPress export of “Le Blog Ecommerce” (https://blog.example.fr).');
      // The dry run wrote nothing: everything is imported now.
      expect(first.stdout).toContain('Posts: 7 imported, 0 updated, 0 skipped');
      expect(first.stdout).toContain('Comments: 6 imported, 0 updated, 3 skipped');
      expect(first.stdout).toContain('Images copied into the media library: 4.');
      expect(first.stdout).toContain('Site title taken from the export: “Le Blog Ecommerce”.');
      expect(first.stdout).toContain('  item 13 (line 729): private on WordPress: imported as a draft');
      expect(first.stdout).toContain('  [contact-form-7] in item 10');
      // No terminal: no progress bar in the output.
      expect(first.stderr).toBe('');

      const second = await runKiosque(['import', 'wordpress', BLOG, ...args], { LANG: 'fr_FR.UTF-8' });
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain('Articles\u00a0: 0 importé(s), 7 mis à jour, 0 ignoré(s)');
      // Without --media this time, the images copied by the first run keep their library addresses.
      expect(second.stdout).not.toContain('Médias laissés à leur adresse d’origine');
      expect(second.stdout).toContain('Redirections des anciennes adresses\u00a0: 0 créée(s), 0 mise(s) à jour');
    } finally {
      await cleanup();
    }
  }, 60_000);

  it('refuses what it cannot read in one sentence, with a non-zero exit code, changing nothing', async () => {
    const { config, cleanup } = await createTestConfig(engine);
    const args = ['--data-dir', config.dataDir, ...(config.databaseUrl ? ['--database-url', config.databaseUrl] : [])];
    try {
      const truncated = await runKiosque(['import', 'wordpress', path.join(FIXTURES, 'truncated.xml'), ...args]);
      expect(truncated.code).toBe(2);
      expect(truncated.stdout).toBe('');
      expect(truncated.stderr.trim().split('\n')).toHaveLength(1);
      expect(truncated.stderr).toMatch(/^kiosque: The WordPress export is damaged at line 547, column \d+: .*Nothing was imported\.$/m);

      const missing = await runKiosque(['import', 'wordpress', path.join(FIXTURES, 'absent.xml'), ...args]);
      expect(missing.code).toBe(2);
      expect(missing.stderr.trim().split('\n')).toHaveLength(1);
      expect(missing.stderr.trim()).toBe(`kiosque: The WordPress export ${path.join(FIXTURES, 'absent.xml')} cannot be read: no such file or folder.`);

      const folder = await runKiosque(['import', 'wordpress', FIXTURES, ...args]);
      expect(folder.code).toBe(2);
      expect(folder.stderr.trim()).toBe(`kiosque: The WordPress export ${FIXTURES} cannot be read: it is a folder, not a file.`);

      const noUploads = await runKiosque(['import', 'wordpress', BLOG, '--media', path.join(FIXTURES, 'no-such-uploads'), ...args]);
      expect(noUploads.code).toBe(2);
      expect(noUploads.stderr.trim()).toBe(`kiosque: The uploads folder given with --media, ${path.join(FIXTURES, 'no-such-uploads')}, is missing or is not a folder.`);
      const fileAsUploads = await runKiosque(['import', 'wordpress', BLOG, '--media', BLOG, ...args]);
      expect(fileAsUploads.code).toBe(2);
      expect(fileAsUploads.stderr.trim()).toBe(`kiosque: The uploads folder given with --media, ${BLOG}, is missing or is not a folder.`);

      const flag = await runKiosque(['import', 'wordpress', BLOG, '--medias', 'x', ...args]);
      expect(flag.code).toBe(2);
      expect(flag.stderr.trim()).toBe('kiosque: Unknown option --medias. Run "kiosque import wordpress --help" for help.');

      // A plugin's bare "&" in the last item's address: the items before it are read, not kept.
      const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-ampersand-'));
      const ampersand = path.join(scratch, 'blog-fr.xml');
      const lines = fs.readFileSync(BLOG, 'utf8').split('\n');
      const link = lines.findLastIndex((line) => line.includes('<link>'));
      lines[link] = lines[link]!.replace('</link>', '?a=1&b=2</link>');
      fs.writeFileSync(ampersand, lines.join('\n'));
      const bare = await runKiosque(['import', 'wordpress', ampersand, ...args]);
      fs.rmSync(scratch, { recursive: true, force: true });
      expect(bare.code).toBe(2);
      expect(bare.stderr.trim()).toMatch(new RegExp(`^kiosque: The WordPress export is damaged at line ${link + 1}, column \\d+: a bare "&" in <link>, .*Nothing was imported\\.$`));

      // Nothing was written by any of them.
      const check = await runKiosque(['import', 'wordpress', BLOG, '--dry-run', ...args]);
      expect(check.stdout).toContain('Posts: 7 imported, 0 updated, 0 skipped');
    } finally {
      await cleanup();
    }
  }, 60_000);
});

describe('kiosque import wordpress --dry-run on a PostgreSQL database not migrated yet', () => {
  it('refuses in one sentence and leaves the schema as it was', async () => {
    const database = await createPostgresDatabase();
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-dry-run-pg-'));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const dry = await runKiosque(['import', 'wordpress', BLOG, '--dry-run', '--data-dir', scratch, '--database-url', database.url]);
      expect(dry.code).toBe(1);
      expect(dry.stderr).toBe('kiosque: A dry run does not change the database, which is not up to date yet: run the command without --dry-run, or start the server, first.\n');
      const tables = await client.query("select count(*)::int as count from information_schema.tables where table_schema = 'public'");
      expect(tables.rows[0].count).toBe(0);
    } finally {
      await client.end();
      await database.drop();
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});

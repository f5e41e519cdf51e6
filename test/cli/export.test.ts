import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/db.ts';
import { DEMO_DIR } from '../../src/demo/demo.ts';
import { createTestConfig, ENGINES } from '../support/database.ts';
import { runKiosque } from '../support/cli.ts';
import { leftovers, temporaryFolder } from '../exporters/export-support.ts';

describe('kiosque export --help', () => {
  it('lists the three formats, and explains each one', async () => {
    const group = await runKiosque(['export', '--help']);
    expect(group.code).toBe(0);
    for (const format of ['json', 'markdown', 'wxr']) expect(group.stdout).toContain(`export ${format}`);
    const json = await runKiosque(['export', 'json', '--help']);
    expect(json.code).toBe(0);
    expect(json.stdout).toContain('Usage: kiosque export json <file> [options]');
    expect(json.stdout).toContain('docs/export.schema.json');
    expect(json.stdout).toContain('--force');
  });

  it('names an unknown format in one sentence', async () => {
    const result = await runKiosque(['export', 'pdf', 'site.pdf']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('export pdf');
  });
});

describe.each(ENGINES)('kiosque export on %s', (engine) => {
  let setup: Awaited<ReturnType<typeof createTestConfig>>;
  let args: string[];
  let folder: ReturnType<typeof temporaryFolder>;

  beforeAll(async () => {
    setup = await createTestConfig(engine);
    const { config } = setup;
    args = ['--data-dir', config.dataDir, ...(config.databaseUrl ? ['--database-url', config.databaseUrl] : [])];
    folder = temporaryFolder();
    const imported = await runKiosque(['import', 'markdown', DEMO_DIR, ...args]);
    expect(imported.code, imported.stderr).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await setup.cleanup();
    folder.remove();
  });

  it('writes each format, prints what it wrote, and records each export in the audit log', async () => {
    const json = await runKiosque(['export', 'json', path.join(folder.dir, 'site.json'), ...args]);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).toMatch(/^Exported to .*site\.json: 10 posts, 3 pages, 10 media, 0 comments, 0 redirects, 3 authors, 7 categories, 40 tags/);
    expect(json.stdout).toContain('personal data');
    expect(JSON.parse(fs.readFileSync(path.join(folder.dir, 'site.json'), 'utf8'))).toMatchObject({ format: 'kiosque-export' });

    const markdown = await runKiosque(['export', 'markdown', path.join(folder.dir, 'blog'), ...args], { LANG: 'fr_FR.UTF-8' });
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toContain('10 articles, 3 pages, 10 médias');
    expect(fs.existsSync(path.join(folder.dir, 'blog', 'content', 'posts', 'incendie-ovh-strasbourg.md'))).toBe(true);

    const wxr = await runKiosque(['export', 'wxr', path.join(folder.dir, 'blog.xml'), ...args]);
    expect(wxr.code, wxr.stderr).toBe(0);
    expect(fs.readFileSync(path.join(folder.dir, 'blog.xml'), 'utf8')).toContain('<wp:wxr_version>1.2</wp:wxr_version>');
    expect(leftovers(folder.dir)).toEqual([]);

    const db = await openDatabase(setup.config);
    try {
      const entries = await db.kysely.selectFrom('audit_log').select(['action', 'actor_label', 'details']).where('action', 'like', 'export.%').orderBy('id').execute();
      expect(entries.map((entry) => entry.action)).toEqual(['export.json', 'export.markdown', 'export.wxr']);
      expect(entries[0]!.actor_label).toBe('kiosque (command line)');
      expect(JSON.parse(entries[0]!.details)).toMatchObject({ path: path.join(folder.dir, 'site.json'), posts: 10, pages: 3, personalData: ['authors.name', 'authors.bio'] });
    } finally {
      await db.close();
    }
  });

  it('warns in one sentence when a WXR export has no public address to point WordPress at', async () => {
    const local = await runKiosque(['export', 'wxr', path.join(folder.dir, 'local.xml'), ...args]);
    expect(local.code, local.stderr).toBe(0);
    expect(local.stderr).toBe(
      'kiosque: Warning: no public address is set, so the links and media addresses of this export start with http://127.0.0.1:3000, where WordPress cannot fetch anything; run it again with KIOSQUE_SITE_URL set to the site’s address (such as https://www.example.fr).\n',
    );
    expect(fs.readFileSync(path.join(folder.dir, 'local.xml'), 'utf8')).toContain('<wp:attachment_url><![CDATA[http://127.0.0.1:3000/media/');
    const french = await runKiosque(['export', 'wxr', path.join(folder.dir, 'local.xml'), '--force', ...args], { LANG: 'fr_FR.UTF-8' });
    expect(french.stderr).toMatch(/^kiosque: Attention\u00a0: aucune adresse publique n’est définie, .+ KIOSQUE_SITE_URL .+\.\n$/);

    const published = await runKiosque(['export', 'wxr', path.join(folder.dir, 'public.xml'), ...args], { KIOSQUE_SITE_URL: 'https://www.example.fr' });
    expect(published.code, published.stderr).toBe(0);
    expect(published.stderr).toBe('');
    expect(fs.readFileSync(path.join(folder.dir, 'public.xml'), 'utf8')).toContain('<wp:attachment_url><![CDATA[https://www.example.fr/media/');
  });

  it('refuses to overwrite a file or fill a folder that is not empty, in one sentence, unless --force', async () => {
    const file = path.join(folder.dir, 'existing.xml');
    fs.writeFileSync(file, 'à garder');
    const refused = await runKiosque(['export', 'wxr', file, ...args]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`kiosque: ${file} already exists: choose another name, or add --force to replace it.\n`);
    expect(fs.readFileSync(file, 'utf8')).toBe('à garder');
    const forced = await runKiosque(['export', 'wxr', file, '--force', ...args]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain('<rss version="2.0"');

    const dir = path.join(folder.dir, 'occupied');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'à garder');
    const notEmpty = await runKiosque(['export', 'markdown', dir, ...args]);
    expect(notEmpty.code).toBe(2);
    expect(notEmpty.stderr).toBe(`kiosque: The folder ${dir} is not empty: choose a new or empty folder, or add --force to replace it.\n`);
    expect(fs.readdirSync(dir)).toEqual(['notes.txt']);
    expect(leftovers(folder.dir)).toEqual([]);
  });

  it('says so when the place cannot be written, and leaves nothing behind', async () => {
    const missing = path.join(folder.dir, 'no-such-folder', 'site.json');
    const result = await runKiosque(['export', 'json', missing, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`kiosque: Cannot write the export to ${missing}: no such file or folder; nothing was written.\n`);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);

    const folderGiven = await runKiosque(['export', 'json', folder.dir, ...args]);
    expect(folderGiven.code).toBe(2);
    expect(folderGiven.stderr).toBe(`kiosque: ${folder.dir} is a folder: give the name of the file to write.\n`);

    const fileGiven = path.join(folder.dir, 'out.json');
    fs.writeFileSync(fileGiven, 'à garder');
    for (const force of [[], ['--force']]) {
      const markdown = await runKiosque(['export', 'markdown', fileGiven, ...force, ...args]);
      expect(markdown.code).toBe(2);
      expect(markdown.stderr).toBe(`kiosque: ${fileGiven} is a file: the Markdown export writes a folder; give the name of a new or empty folder.\n`);
    }
    expect(fs.readFileSync(fileGiven, 'utf8')).toBe('à garder');
    expect(leftovers(folder.dir)).toEqual([]);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFolder } from '../../src/importers/markdown/markdown.fixtures.ts';
import { createTestConfig, ENGINES } from '../support/database.ts';
import { runKiosque } from '../support/cli.ts';

const folders: string[] = [];
afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function folder(files: Record<string, string>): string {
  const dir = makeFolder(files);
  folders.push(dir);
  return dir;
}

describe('kiosque import markdown --dry-run where there is no database yet', () => {
  it('leaves the disk as it was, and counts what a real run does', async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-dry-run-'));
    folders.push(scratch);
    const dir = folder({
      'a.md': '---\ntitle: Premier article\ndate: 2021-03-01\ncategories: [Ecommerce]\n---\nTexte.\n',
      'b.md': '---\ntitle: Second article\ndate: 2021-03-02\n---\nTexte.\n',
    });
    const dry = await runKiosque(['import', 'markdown', dir, '--dry-run', '--data-dir', path.join(scratch, 'data')]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('to create: 2; to update: 0');
    expect(fs.readdirSync(scratch)).toEqual([]);
    const real = await runKiosque(['import', 'markdown', dir, '--data-dir', path.join(scratch, 'real')]);
    expect(real.stdout).toContain('created: 2; updated: 0');
  });
});

describe.each(ENGINES)('kiosque import markdown on %s', (engine) => {
  it('imports a folder, prints a report, and updates rather than duplicates on a second run', async () => {
    const { config, cleanup } = await createTestConfig(engine);
    const args = ['--data-dir', config.dataDir, ...(config.databaseUrl ? ['--database-url', config.databaseUrl] : [])];
    try {
      const dir = folder({
        'a.md': '---\ntitle: Premier article\ndate: 2021-03-01\ncategories: [Ecommerce]\n---\nTexte.\n',
        'b.md': '---\ntitle: Second article\ndate: 2021-03-02\nimage: absente.png\n---\nTexte.\n',
      });
      const first = await runKiosque(['import', 'markdown', dir, ...args]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain('Files read: 2; created: 2; updated: 0');
      expect(first.stdout).toContain('b.md:4');
      expect(first.stdout).toContain('absente.png');

      const second = await runKiosque(['import', 'markdown', dir, ...args], { LANG: 'fr_FR.UTF-8' });
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain('mis à jour\u00a0: 2');
    } finally {
      await cleanup();
    }
  });

  it('stops on a broken file with file:line and writes nothing', async () => {
    const { config, cleanup } = await createTestConfig(engine);
    const args = ['--data-dir', config.dataDir, ...(config.databaseUrl ? ['--database-url', config.databaseUrl] : [])];
    try {
      const dir = folder({
        'bon.md': '---\ntitle: Bon\ndate: 2021-03-01\n---\nTexte.\n',
        'casse.md': '---\ntitle: Cassé\ndate: le premier mars\n---\nTexte.\n',
      });
      const result = await runKiosque(['import', 'markdown', dir, ...args]);
      expect(result.code).toBe(2);
      expect(result.stdout).toContain('casse.md:3');
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^kiosque: .*nothing was changed/);

      const dry = await runKiosque(['import', 'markdown', dir, '--dry-run', ...args]);
      expect(dry.code).toBe(2);
      const good = folder({ 'bon.md': '---\ntitle: Bon\ndate: 2021-03-01\n---\nTexte.\n' });
      const check = await runKiosque(['import', 'markdown', good, '--dry-run', ...args]);
      expect(check.code).toBe(0);
      // Nothing was written by the failed run: the dry run would still create the post.
      expect(check.stdout).toContain('to create: 1; to update: 0');
    } finally {
      await cleanup();
    }
  });

  it('says so when the folder does not exist', async () => {
    const { config, cleanup } = await createTestConfig(engine);
    try {
      const missing = path.join(os.tmpdir(), 'kiosque-no-such-folder');
      const result = await runKiosque(['import', 'markdown', missing, '--data-dir', config.dataDir, ...(config.databaseUrl ? ['--database-url', config.databaseUrl] : [])]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toBe(`kiosque: The folder to import, ${missing}, is missing or unreadable.`);
    } finally {
      await cleanup();
    }
  });
});

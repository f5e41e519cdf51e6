import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportFile, ExportFolder, removeUnfinishedExports } from './export.output.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-output-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('export output', () => {
  it('shows a file only once it is complete, written in blocks', async () => {
    const target = path.join(dir, 'site.json');
    const file = await ExportFile.open(target);
    for (let i = 0; i < 10_000; i++) await file.write(`ligne ${i} — é\n`);
    expect(fs.existsSync(target)).toBe(false);
    await file.commit();
    const text = fs.readFileSync(target, 'utf8');
    expect(text.split('\n')).toHaveLength(10_001);
    expect(file.bytes).toBe(Buffer.byteLength(text));
    expect(fs.readdirSync(dir)).toEqual(['site.json']);
  });

  it('leaves the target as it was when discarded', async () => {
    const target = path.join(dir, 'site.json');
    fs.writeFileSync(target, 'avant');
    const file = await ExportFile.open(target, { force: true });
    await file.write('après');
    await file.discard();
    expect(fs.readFileSync(target, 'utf8')).toBe('avant');
    expect(fs.readdirSync(dir)).toEqual(['site.json']);
  });

  it('replaces a folder whole, and only once the new one is complete', () => {
    const target = path.join(dir, 'blog');
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'ancien.md'), 'ancien');
    const folder = ExportFolder.open(target, { force: true });
    folder.writeText('content/posts/nouveau.md', 'nouveau');
    expect(fs.readdirSync(target)).toEqual(['ancien.md']);
    folder.commit();
    expect(fs.readdirSync(target)).toEqual(['content']);
    expect(fs.readdirSync(dir)).toEqual(['blog']);
    expect(folder.bytes).toBe(7);
  });

  it('refuses to put a folder in place of a file, even with force, saying a folder is needed', () => {
    const target = path.join(dir, 'out.json');
    fs.writeFileSync(target, 'à garder');
    for (const force of [false, true]) {
      expect(() => ExportFolder.open(target, { force })).toThrow(expect.objectContaining({ code: 'export_target_is_file' }));
    }
    expect(fs.readFileSync(target, 'utf8')).toBe('à garder');
    expect(fs.readdirSync(dir)).toEqual(['out.json']);
  });

  it('refuses a path that would leave the folder', () => {
    const folder = ExportFolder.open(path.join(dir, 'blog'));
    expect(() => folder.writeText('../dehors.md', 'x')).toThrow();
    folder.discard();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('removes what unfinished exports wrote, for a command that is stopped', async () => {
    const file = await ExportFile.open(path.join(dir, 'site.json'));
    await file.write('x'.repeat(100_000));
    const folder = ExportFolder.open(path.join(dir, 'blog'));
    folder.writeText('content/posts/a.md', 'a');
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.part'))).toHaveLength(2);
    removeUnfinishedExports();
    expect(fs.readdirSync(dir)).toEqual([]);
    await file.discard();
  });
});

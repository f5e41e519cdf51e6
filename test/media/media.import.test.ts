import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMediaFile } from '../../src/media/media.service.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/database.ts';
import { plainPng } from './media.fixtures.ts';

describe.each(ENGINES)('copying a local file into the media library on %s', (engine) => {
  let database: TestDatabase;
  let folder: string;
  const now = new Date('2026-11-20T10:00:00Z');
  const place = async (name: string, colour: string): Promise<{ file: string; hash: string }> => {
    const content = await plainPng(12, 8, colour);
    const file = path.join(folder, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return { file, hash: createHash('sha256').update(content).digest('hex').slice(0, 10) };
  };
  const keyOf = async (file: string) => (await importMediaFile(database.db.kysely, database.config.dataDir, file, now)).url;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-media-import-'));
  });
  afterAll(async () => {
    await database.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('keeps the name and month folder of a file the library once wrote, brought back from an export', async () => {
    const plain = await place('static/media/2024/03/placeholder.png', '#102030');
    const exported = path.join(folder, `static/media/2024/03/cover-${plain.hash}.png`);
    fs.renameSync(plain.file, exported);
    expect(await keyOf(exported)).toBe(`/media/2024/03/cover-${plain.hash}.png`);

    const copy = await place('static/media/2025/07/copy.png', '#203040');
    const resized = path.join(folder, `static/media/2025/07/photo-1600w-${copy.hash}.png`);
    fs.renameSync(copy.file, resized);
    expect(await keyOf(resized)).toBe(`/media/2025/07/photo-1600w-${copy.hash}.png`);
  });

  it('names any other file after its slug and hash, in the month of the import, without a stale hash', async () => {
    const fresh = await place('images/Mon Beau Chat.png', '#304050');
    expect(await keyOf(fresh.file)).toBe(`/media/2026/11/mon-beau-chat-${fresh.hash}.png`);
    // A library name whose hash is not the file's (an edited file kept its name) gets the right one instead.
    const edited = await place('static/media/2024/03/carte-0123456789.png', '#405060');
    expect(await keyOf(edited.file)).toBe(`/media/2026/11/carte-${edited.hash}.png`);
  });
});

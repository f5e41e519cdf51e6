import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { createPostgresDatabase } from '../support/database.ts';

describe('first start of several instances on PostgreSQL', () => {
  it('loads the demo once when two instances start together on an empty database, and both serve it', async () => {
    const database = await createPostgresDatabase();
    const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-a-')), fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-b-'))];
    const configs = dirs.map((dir) =>
      loadConfig({}, { KIOSQUE_DATA_DIR: dir, DATABASE_URL: database.url, KIOSQUE_LOG_LEVEL: 'silent', KIOSQUE_DEMO: 'true', PORT: '0' }),
    );
    const started = await Promise.allSettled(configs.map((config) => startServer(config)));
    try {
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'started'))).toEqual(['started', 'started']);
      const servers = started.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof startServer>>>).value);
      const loaded = await servers[0]!.kiosque.db.kysely.selectFrom('settings').select('key').where('key', '=', 'kiosque.demoLoadedAt').execute();
      expect(loaded).toHaveLength(1);
      for (const server of servers) {
        const home = await server.app.inject({ url: '/' });
        expect(home.statusCode).toBe(200);
        expect(home.body).toContain('<article');
      }
    } finally {
      for (const result of started) if (result.status === 'fulfilled') await result.value.stop();
      await database.drop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

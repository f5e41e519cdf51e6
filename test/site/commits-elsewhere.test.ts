import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savePost } from '../../src/content/content.service.ts';
import { openDatabase, type Db } from '../../src/db/db.ts';
import type { KiosqueEvent } from '../../src/events/events.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { createTestConfig } from '../support/database.ts';
import { postInput } from '../support/site.ts';

/**
 * On SQLite, another process (an import, `kiosque user`) writes to the file without telling the
 * server: the server notices the commit itself. SQLite only: PostgreSQL's processes tell each
 * other through LISTEN/NOTIFY, which test/cli/serve.test.ts checks with a real import on both.
 */
describe('a server on SQLite, while another connection writes to its file', () => {
  let server: RunningServer;
  let other: Db;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const test = await createTestConfig('sqlite', { PORT: '0' });
    cleanup = test.cleanup;
    server = await startServer(test.config);
    other = await openDatabase(test.config);
  });
  afterAll(async () => {
    await other.close();
    await server.stop();
    await cleanup();
  });

  it('does not take its own writes for another process’s', async () => {
    const heard: KiosqueEvent[] = [];
    server.kiosque.events.on((event) => {
      heard.push(event);
    });
    const saved = await savePost(server.kiosque, postInput({ title: 'Première version', slug: 'devant', categories: ['Ecommerce'] }));
    // Longer than the server waits between two looks at the file.
    await delay(1_200);
    expect(heard).toEqual([{ type: 'content.changed', reason: 'post.saved', postIds: [saved.id] }]);
  });

  it('shows settings, categories and redirect patterns that another connection committed, within a second', async () => {
    // Everything read once, so that the server holds it in memory.
    for (let read = 0; read < 2; read++) {
      const home = await (await fetch(server.url)).text();
      expect(home).toContain('Ecommerce');
      expect(home).not.toContain('Le Journal du Commerce');
      expect((await fetch(server.url + 'vieux-site/devant/', { redirect: 'manual' })).status).toBe(404);
    }

    const now = new Date().toISOString();
    await other.kysely.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'title', value: JSON.stringify('Le Journal du Commerce') }).execute();
      await trx.updateTable('categories').set({ name: 'Commerce en ligne' }).where('slug', '=', 'ecommerce').execute();
      await trx
        .insertInto('redirects')
        .values({ from_path: '/vieux-site/*', to_path: '/$1', status_code: 301, kind: 'pattern', origin: 'manual', created_at: now, updated_at: now })
        .execute();
    });

    await expect.poll(async () => (await fetch(server.url)).text(), { timeout: 1_000, interval: 20 }).toContain('Le Journal du Commerce');
    expect(await (await fetch(server.url)).text()).toContain('Commerce en ligne');
    const moved = await fetch(server.url + 'vieux-site/devant/', { redirect: 'manual' });
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe('/devant/');
  });
});

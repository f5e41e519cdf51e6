import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, openKiosque } from '../../src/app.ts';
import { savePost } from '../../src/content/content.service.ts';
import { createPostgresDatabase, ENGINES } from '../support/database.ts';
import { postInput, startTestSite, type TestSite } from '../support/site.ts';
import { loadConfig } from '../../src/config.ts';
import { LISTENER_APPLICATION_NAME } from '../../src/db/dialects/postgres.ts';
import pg from 'pg';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

describe.each(ENGINES)('page cache and HTTP caching on %s', (engine) => {
  let site: TestSite;
  let postId: number;

  beforeAll(async () => {
    site = await startTestSite(engine);
    postId = (await site.makePost({ title: 'Version une', slug: 'version' })).id;
  });
  afterAll(() => site.dispose());

  it('answers 304 Not Modified to a matching If-None-Match', async () => {
    const first = await site.get('/version/');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const second = await site.get('/version/', { 'if-none-match': etag });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
  });

  it('serves brotli and gzip copies of the same page', async () => {
    const identity = await site.get('/version/');
    const brotli = await site.get('/version/', { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await site.get('/version/', { 'accept-encoding': 'gzip' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotli.headers.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(brotli.rawPayload).toString('utf8')).toBe(identity.body);
    expect(gunzipSync(gzip.rawPayload).toString('utf8')).toBe(identity.body);
    expect((await site.get('/version/', { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
  });

  it('tells CDNs to cache briefly and serve stale while revalidating', async () => {
    const response = await site.get('/version/');
    expect(response.headers['cache-control']).toMatch(/public, max-age=\d+/);
    expect(response.headers['cache-control']).toContain('stale-while-revalidate=');
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await site.app.inject({ method: 'HEAD', url: '/version/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    expect(Number(response.headers['content-length'])).toBeGreaterThan(1000);
  });

  it('shows a change at once: saving a post empties the cache', async () => {
    const before = await site.get('/version/');
    expect(before.body).toContain('Version une');
    expect((await site.get('/')).body).toContain('Version une');
    await site.makePost({ title: 'Version deux', slug: 'version' }, postId);
    const after = await site.get('/version/');
    expect(after.body).toContain('Version deux');
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect((await site.get('/')).body).toContain('Version deux');
  });
});

describe('page cache across instances on PostgreSQL', () => {
  it('empties the cache of every instance when one of them changes content (LISTEN/NOTIFY)', async () => {
    const database = await createPostgresDatabase();
    const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-a-')), fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-b-'))];
    const configs = dirs.map((dir) => loadConfig({}, { KIOSQUE_DATA_DIR: dir, DATABASE_URL: database.url, KIOSQUE_LOG_LEVEL: 'silent' }));
    const [first, second] = await Promise.all(configs.map((config) => openKiosque(config)));
    const apps = await Promise.all([buildApp(first!), buildApp(second!)]);
    try {
      const saved = await savePost(first!, postInput({ title: 'Avant la mise à jour', slug: 'partage' }));
      const warm = await apps[1]!.inject({ url: '/partage/' });
      expect(warm.body).toContain('Avant la mise à jour');
      // Served from the second instance's cache from now on.
      expect((await apps[1]!.inject({ url: '/partage/', headers: { 'if-none-match': warm.headers.etag as string } })).statusCode).toBe(304);

      await savePost(first!, postInput({ title: 'Après la mise à jour', slug: 'partage' }), saved.id);
      await expect.poll(async () => (await apps[1]!.inject({ url: '/partage/' })).body, { timeout: 5000 }).toContain('Après la mise à jour');
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await Promise.all([first!.close(), second!.close()]);
      await database.drop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('still empties the other instances\' caches after the LISTEN connection is lost, and says so', async () => {
    const database = await createPostgresDatabase();
    const dirs = [fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-a-')), fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-b-'))];
    const configs = dirs.map((dir) => loadConfig({}, { KIOSQUE_DATA_DIR: dir, DATABASE_URL: database.url, KIOSQUE_LOG_LEVEL: 'silent' }));
    const [first, second] = await Promise.all(configs.map((config) => openKiosque(config)));
    const apps = await Promise.all([buildApp(first!), buildApp(second!)]);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const saved = await savePost(first!, postInput({ title: 'Avant la coupure', slug: 'coupure' }));
      expect((await apps[1]!.inject({ url: '/coupure/' })).body).toContain('Avant la coupure');

      // What a PostgreSQL restart or a failover does to both instances' listening connections.
      const terminated = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = $1',
        [LISTENER_APPLICATION_NAME],
      );
      expect(terminated.rowCount).toBe(2);
      await savePost(first!, postInput({ title: 'Après la coupure', slug: 'coupure' }), saved.id);
      await expect.poll(async () => (await apps[1]!.inject({ url: '/coupure/' })).body, { timeout: 8000 }).toContain('Après la coupure');
      expect(warnings.some((warning) => warning.includes('was lost'))).toBe(true);

      // Listening again: a later change reaches the other instance as before.
      await savePost(first!, postInput({ title: 'Bien après la coupure', slug: 'coupure' }), saved.id);
      await expect.poll(async () => (await apps[1]!.inject({ url: '/coupure/' })).body, { timeout: 5000 }).toContain('Bien après la coupure');
    } finally {
      process.off('warning', onWarning);
      await admin.end();
      await Promise.all(apps.map((app) => app.close()));
      await Promise.all([first!.close(), second!.close()]);
      await database.drop();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(ENGINES)('scheduled publication on %s', (engine) => {
  let site: TestSite;
  beforeAll(async () => {
    site = await startTestSite(engine);
    await site.makePost({ title: 'Déjà en ligne', slug: 'deja' });
    await site.makePost({ title: 'Attendu demain matin', slug: 'demain', status: 'scheduled', publishedAt: '2026-01-02T07:00:00.000Z' });
  });
  afterAll(() => site.dispose());

  it('shows a scheduled post on a cached home page as soon as its time comes', async () => {
    expect((await site.get('/')).body).not.toContain('Attendu demain matin');
    expect((await site.get('/')).body).not.toContain('Attendu demain matin');
    site.clock.now = '2026-01-02T07:00:01.000Z';
    expect((await site.get('/')).body).toContain('Attendu demain matin');
    expect((await site.get('/demain/')).statusCode).toBe(200);
  });
});

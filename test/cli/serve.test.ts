import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, type Db } from '../../src/db/db.ts';
import { makeFolder } from '../../src/importers/markdown/markdown.fixtures.ts';
import { runKiosque, startKiosque } from '../support/cli.ts';
import { createTestConfig, ENGINES } from '../support/database.ts';

async function countPosts(db: Db): Promise<number> {
  const row = await db.kysely.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-serve-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Reads `url` until its body contains `text` or `withinMs` have passed; answers the last body. */
async function readUntil(url: string, text: string, withinMs: number): Promise<string> {
  const deadline = Date.now() + withinMs;
  let body = (await get(url)).body;
  while (!body.includes(text) && Date.now() < deadline) {
    await delay(20);
    body = (await get(url)).body;
  }
  return body;
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // One connection per request: a kept-alive idle connection may rightly be closed at shutdown.
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('kiosque serve', () => {
  it('creates the database, loads the demo blog on first start, and stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(scratch, 'data');
    const server = await startKiosque(['--port', '0', '--data-dir', dataDir], { KIOSQUE_DEMO: 'true' });
    expect(fs.existsSync(path.join(dataDir, 'kiosque.sqlite'))).toBe(true);

    const home = await get(server.url);
    expect(home.status).toBe(200);
    expect(home.body).toContain('<html lang="fr"');
    expect(home.body).toContain('À la une');
    const health = await get(server.url + 'healthz');
    expect(JSON.parse(health.body)).toEqual({ status: 'ok' });

    // A request in flight when SIGTERM arrives still gets its answer: this one has sent its headers
    // and the server waits for its body, so it is certainly being handled when the signal comes.
    // Its connection is kept alive, yet the server closes it after answering instead of waiting.
    const socket = net.connect(Number(new URL(server.url).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.write('POST /contact/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n');
    await delay(300);
    const exited = new Promise<number | null>((resolve) => server.child.on('exit', resolve));
    server.child.kill('SIGTERM');
    await delay(300);
    expect(server.child.exitCode, 'the server waits for the request in flight').toBeNull();
    socket.write('{}');
    await new Promise((resolve) => socket.on('close', resolve));
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(answer).toContain('</html>');
    expect(await exited).toBe(0);
    // A clean close checkpoints the write-ahead log into the database file and removes it.
    expect(fs.existsSync(path.join(dataDir, 'kiosque.sqlite-wal'))).toBe(false);
  });

  it('does not load the demo again on the next start, even after its articles were deleted', async () => {
    const dataDir = path.join(scratch, 'data');
    const config = loadConfig({ 'data-dir': dataDir }, {});
    const before = await openDatabase(config);
    expect(await countPosts(before)).toBeGreaterThanOrEqual(13);
    await before.kysely.deleteFrom('posts').execute();
    await before.close();

    const server = await startKiosque(['--port', '0', '--data-dir', dataDir], { KIOSQUE_DEMO: 'true' });
    try {
      const home = await get(server.url);
      expect(home.status).toBe(200);
      const after = await openDatabase(config);
      expect(await countPosts(after)).toBe(0);
      await after.close();
    } finally {
      const exited = new Promise((resolve) => server.child.on('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
  });
});

describe.each(ENGINES)('kiosque serve on %s, while another process writes to the database', (engine) => {
  it('shows a Markdown import run beside it within a second, without a restart', async () => {
    const { config, cleanup } = await createTestConfig(engine);
    const args = ['--data-dir', config.dataDir, ...(config.databaseUrl ? ['--database-url', config.databaseUrl] : [])];
    const folder = makeFolder({ 'nouveau.md': '---\ntitle: Les soldes commencent\ndate: 2021-03-01\n---\nTexte.\n' });
    const server = await startKiosque(['--port', '0', ...args], { KIOSQUE_DEMO: 'false' });
    try {
      // Read twice: the second answer comes from the page cache.
      await get(server.url);
      expect((await get(server.url)).body).not.toContain('Les soldes commencent');

      const imported = await runKiosque(['import', 'markdown', folder, ...args]);
      expect(imported.code, imported.stderr).toBe(0);
      expect(await readUntil(server.url, 'Les soldes commencent', 1_000)).toContain('Les soldes commencent');
    } finally {
      const exited = new Promise((resolve) => server.child.on('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
      fs.rmSync(folder, { recursive: true, force: true });
      await cleanup();
    }
  });
});

import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startKiosque } from '../support/cli.ts';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-serve-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

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
    const file = path.join(dataDir, 'kiosque.sqlite');
    const before = new Database(file);
    expect((before.prepare("select count(*) as n from posts where type = 'post'").get() as { n: number }).n).toBeGreaterThanOrEqual(10);
    before.prepare('delete from posts').run();
    before.close();

    const server = await startKiosque(['--port', '0', '--data-dir', dataDir], { KIOSQUE_DEMO: 'true' });
    try {
      const home = await get(server.url);
      expect(home.status).toBe(200);
      const after = new Database(file, { readonly: true });
      expect((after.prepare('select count(*) as n from posts').get() as { n: number }).n).toBe(0);
      after.close();
    } finally {
      const exited = new Promise((resolve) => server.child.on('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
  });
});

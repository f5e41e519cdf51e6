import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openKiosque } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { makeFolder } from '../../src/importers/markdown/markdown.fixtures.ts';
import { createStaff } from '../support/accounts.ts';
import { runKiosque, startKiosque } from '../support/cli.ts';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-workers-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (response) => response.resume().on('end', () => resolve(response.statusCode ?? 0))).on('error', reject);
  });
}

/** The processes whose parent is `pid`, read from /proc. */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return Number(fs.readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

interface WorkerConnection {
  pid: number;
  request(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; body: string }>;
  get(path: string): Promise<string>;
  close(): void;
}

/** The inode of the server's side of a loopback connection, from /proc/net/tcp. */
function serverSocketInode(serverPort: number, clientPort: number): string | undefined {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  for (const line of fs.readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1]?.endsWith(`:${hex(serverPort)}`) && fields[2]?.endsWith(`:${hex(clientPort)}`)) return fields[9];
  }
  return undefined;
}

function holderOf(inode: string, pids: number[]): number | undefined {
  return pids.find((pid) => {
    try {
      return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === `socket:[${inode}]`);
    } catch {
      return false;
    }
  });
}

/** Opens a kept-alive connection and finds which worker accepted it. */
async function connectToWorker(port: number, workers: number[]): Promise<WorkerConnection> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  let pid: number | undefined;
  for (let attempt = 0; attempt < 50 && pid === undefined; attempt++) {
    const inode = serverSocketInode(port, socket.localPort!);
    pid = inode ? holderOf(inode, workers) : undefined;
    if (pid === undefined) await delay(20);
  }
  const request = (method: string, requestPath: string, headers: Record<string, string>, body?: unknown) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const payload = body === undefined ? '' : JSON.stringify(body);
      const head = [`${method} ${requestPath} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Length: ${Buffer.byteLength(payload)}`, ...(payload ? ['Content-Type: application/json'] : [])];
      for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`);
      let received = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        received = Buffer.concat([received, chunk]);
        const end = received.indexOf('\r\n\r\n');
        if (end < 0) return;
        const headText = received.subarray(0, end).toString();
        const length = Number(/content-length: (\d+)/i.exec(headText)?.[1] ?? 0);
        if (received.length < end + 4 + length) return;
        socket.off('data', onData);
        resolve({ status: Number(headText.split(' ')[1]), body: received.subarray(end + 4, end + 4 + length).toString() });
      };
      socket.on('data', onData);
      socket.once('error', reject);
      socket.write(head.join('\r\n') + '\r\n\r\n' + payload);
    });
  return {
    pid: pid ?? -1,
    request,
    get: async (requestPath) => (await request('GET', requestPath, {})).body,
    close: () => socket.destroy(),
  };
}

/** A kept-alive connection to each of the two workers, told apart by the process that holds its socket. */
async function connectToEachWorker(server: { child: ChildProcess; url: string }, connections: WorkerConnection[]): Promise<WorkerConnection[]> {
  const port = Number(new URL(server.url).port);
  const byWorker = new Map<number, WorkerConnection>();
  for (let attempt = 0; attempt < 40 && byWorker.size < 2; attempt++) {
    const batch = await Promise.all(Array.from({ length: 8 }, () => connectToWorker(port, childrenOf(server.child.pid!))));
    connections.push(...batch);
    for (const connection of batch) if (!byWorker.has(connection.pid)) byWorker.set(connection.pid, connection);
  }
  expect(byWorker.size, 'two workers took connections').toBe(2);
  return [...byWorker.values()];
}

/** Reads the home page from one worker until it contains `text` or `withinMs` have passed; answers the last body. */
async function readUntil(worker: WorkerConnection, text: string, withinMs: number): Promise<string> {
  let seen = await worker.get('/');
  for (const deadline = Date.now() + withinMs; !seen.includes(text) && Date.now() < deadline; ) {
    await delay(10);
    seen = await worker.get('/');
  }
  return seen;
}

describe('kiosque serve --workers', () => {
  it('answers from several worker processes on one port and stops them all on SIGTERM', async () => {
    const dataDir = path.join(scratch, 'data');
    const server = await startKiosque(['--port', '0', '--workers', '2', '--data-dir', dataDir], { KIOSQUE_DEMO: 'true' });
    expect(server.output()).toMatch(/Kiosque serves « .+ » at http:\/\/127\.0\.0\.1:\d+\/ \(2 workers\)/);
    const workers = childrenOf(server.child.pid!);
    expect(workers).toHaveLength(2);

    const statuses = await Promise.all(Array.from({ length: 20 }, () => get(server.url)));
    expect(new Set(statuses)).toEqual(new Set([200]));

    const exited = new Promise<number | null>((resolve) => server.child.on('exit', resolve));
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(workers.filter((pid) => fs.existsSync(`/proc/${pid}`))).toEqual([]);
  });

  it('empties every worker\'s page cache when an article is published through one of them (SQLite)', async () => {
    const dataDir = path.join(scratch, 'relay');
    const server = await startKiosque(['--port', '0', '--workers', '2', '--data-dir', dataDir], { KIOSQUE_DEMO: 'false' });
    const connections: WorkerConnection[] = [];
    try {
      const kiosque = await openKiosque(loadConfig({ 'data-dir': dataDir }, {}));
      const editor = await createStaff(kiosque, { role: 'editor' }).finally(() => kiosque.close());
      const [first, second] = await connectToEachWorker(server, connections);

      // Both workers cache the home page before the change.
      expect(await first!.get('/')).not.toContain('Marketplaces en hausse');
      expect(await second!.get('/')).not.toContain('Marketplaces en hausse');
      const created = await first!.request('POST', '/api/admin/v1/posts', { authorization: `Bearer ${editor.token}` }, {
        title: 'Marketplaces en hausse',
        markdown: 'Les ventes progressent.',
        status: 'published',
      });
      expect(created.status).toBe(201);
      // The change reaches the other worker through the primary, a message that may arrive just
      // after the 201 does: within the newsroom's one-second budget, as with LISTEN/NOTIFY.
      expect(await readUntil(second!, 'Marketplaces en hausse', 1_000)).toContain('Marketplaces en hausse');
    } finally {
      for (const connection of connections) connection.close();
      const exited = new Promise((resolve) => server.child.on('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
  });

  it('shows an import run beside the workers on every one of them within a second (SQLite)', async () => {
    const dataDir = path.join(scratch, 'beside');
    const folder = makeFolder({ 'soldes.md': '---\ntitle: Les soldes commencent\ndate: 2021-03-01\n---\nTexte.\n' });
    const server = await startKiosque(['--port', '0', '--workers', '2', '--data-dir', dataDir], { KIOSQUE_DEMO: 'false' });
    const connections: WorkerConnection[] = [];
    try {
      const workers = await connectToEachWorker(server, connections);
      // Read twice: the second answer comes from each worker's page cache.
      for (const worker of workers) await worker.get('/');
      for (const worker of workers) expect(await worker.get('/')).not.toContain('Les soldes commencent');

      const imported = await runKiosque(['import', 'markdown', folder, '--data-dir', dataDir]);
      expect(imported.code, imported.stderr).toBe(0);
      for (const worker of workers) expect(await readUntil(worker, 'Les soldes commencent', 1_000)).toContain('Les soldes commencent');
    } finally {
      for (const connection of connections) connection.close();
      const exited = new Promise((resolve) => server.child.on('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a number of workers it cannot use, with one sentence', async () => {
    const result = await runKiosque(['serve', '--workers', '0', '--data-dir', path.join(scratch, 'none')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('kiosque: Invalid configuration: the number of workers (--workers, KIOSQUE_WORKERS) must be "auto" or a whole number from 1 to 64.\n');
    expect(fs.existsSync(path.join(scratch, 'none'))).toBe(false);
  });

  it('says once that the port is taken when the workers cannot listen', async () => {
    const dataDir = path.join(scratch, 'busy');
    const blocker = http.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runKiosque(['serve', '--port', String(port), '--workers', '2', '--data-dir', dataDir], { KIOSQUE_DEMO: 'false', KIOSQUE_LOG_LEVEL: 'warn' });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`kiosque: Port ${port} on 127.0.0.1 is already in use by another program.\n`);
    } finally {
      blocker.close();
    }
  });
});

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

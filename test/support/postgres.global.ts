import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Every integration test runs on SQLite and on a real PostgreSQL server. The server is the one
 * named by KIOSQUE_TEST_POSTGRES_URL (CI starts Debian's); without it, a throwaway cluster is
 * created with the machine's initdb and removed at the end.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

const POSTGRES_BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];

function findBinary(name: string): string | undefined {
  for (const dir of POSTGRES_BIN_DIRS) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.KIOSQUE_TEST_POSTGRES_URL;
  if (given) {
    if (!(await canConnect(given))) throw new Error(`KIOSQUE_TEST_POSTGRES_URL (${given}) does not answer: start PostgreSQL or unset it.`);
    project.provide('postgresUrl', given);
    return undefined;
  }

  const initdb = findBinary('initdb');
  const pgCtl = findBinary('pg_ctl');
  if (!initdb || !pgCtl) {
    throw new Error('The tests need PostgreSQL: install the postgresql package or set KIOSQUE_TEST_POSTGRES_URL.');
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-pg-'));
  const dataDir = path.join(root, 'data');
  const port = await freePort();
  // initdb refuses to run as root: the cluster then belongs to the postgres system user.
  const asRoot = process.getuid?.() === 0;
  const run = (binary: string, args: string[]) => {
    const command = asRoot ? 'runuser' : binary;
    const fullArgs = asRoot ? ['-u', 'postgres', '--', binary, ...args] : args;
    const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${path.basename(binary)} failed: ${result.stderr || result.stdout}`);
  };
  if (asRoot) execFileSync('chown', ['postgres:postgres', root]);
  run(initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  run(pgCtl, [
    '-D', dataDir,
    '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    '-l', path.join(root, 'server.log'),
    '-w', 'start',
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  project.provide('postgresUrl', url);
  return () => {
    try {
      run(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  };
}
